"""Reading a participant's stored answers (``{modul: {field: value}}``) safely, for the views.

Stored answers come from forms, imports and older versions: any field may be missing or of an
unexpected type. These helpers give the views a value of the expected shape, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Jawaban = Mapping[str, Mapping[str, Any]]


def ambil(jawaban: Jawaban, modul: str, field: str, bawaan: Any = None) -> Any:
    """``jawaban[modul][field]``, or ``bawaan`` when missing or None."""
    isi = jawaban.get(modul) if isinstance(jawaban, Mapping) else None
    nilai = isi.get(field) if isinstance(isi, Mapping) else None
    return bawaan if nilai is None else nilai


def baris(jawaban: Jawaban, modul: str, field: str) -> list[dict[str, Any]]:
    """A stored list of records (rows that are not records are skipped)."""
    nilai = ambil(jawaban, modul, field)
    return [dict(x) for x in nilai if isinstance(x, Mapping)] if isinstance(nilai, list) else []


def rekaman(jawaban: Jawaban, modul: str, field: str) -> dict[str, Any]:
    """A stored record (a dict), or {}."""
    nilai = ambil(jawaban, modul, field)
    return dict(nilai) if isinstance(nilai, Mapping) else {}


def teks(nilai: Any) -> str:
    """Stored text, stripped ('' for None)."""
    return "" if nilai is None else str(nilai).strip()


def pengaturan_atau_muat(pengaturan: Any) -> Any:
    """The settings given, else those of ``modul/pengaturan.yaml`` (read once per process)."""
    if pengaturan is not None:
        return pengaturan
    from sinovda.data.settings import load_pengaturan

    return load_pengaturan()
