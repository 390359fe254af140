"""Both stores satisfy StoreProtocol with the same signatures (forms take either)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from sinovda.store import Store, StoreProtocol
from sinovda.store.protocol import METODE
from sinovda.store.remote import RemoteStore


def _tanda(cls: type, nama: str) -> list[tuple[str, object, object]]:
    sig = inspect.signature(getattr(cls, nama))
    return [(p.name, p.kind, p.default) for p in sig.parameters.values()]


@pytest.mark.parametrize("cls", [Store, RemoteStore])
@pytest.mark.parametrize("nama", METODE)
def test_each_store_has_every_method_with_the_protocols_signature(cls: type, nama: str):
    assert _tanda(cls, nama) == _tanda(StoreProtocol, nama)


def test_the_protocol_lists_what_forms_use():
    assert {"save", "load", "load_dengan_revisi", "history", "restore", "load_all",
            "export_workbook"} <= set(METODE)


def test_instances_are_recognised_at_run_time(tmp_path: Path):
    assert isinstance(Store.create(tmp_path / "k", nama="A"), StoreProtocol)
    assert isinstance(RemoteStore("http://127.0.0.1:9/", "t"), StoreProtocol)
    assert not isinstance(object(), StoreProtocol)
