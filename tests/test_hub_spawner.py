"""The hub's spawner: the options of a facilitator's Jupyter server (sinovda.hub.spawner)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
import requests
from conftest import server_jupyter

from sinovda.cli.voila_setelan import argumen_voila, lingkungan_voila
from sinovda.hub.akun import FASILITATOR
from sinovda.hub.spawner import argumen_server

pytestmark = pytest.mark.timeout(180)
TOKEN = uuid.uuid4().hex


def _halaman_voila(tmp: Path, args: list[str]) -> str:
    """The Voila page of a one-cell notebook on a real ``jupyter server`` started with
    ``args`` (as a hub server is, without the hub)."""
    (tmp / "rumus.ipynb").write_text(json.dumps({
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "Capaian $x$ persen"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    env = lingkungan_voila(dict(os.environ, HOME=str(tmp)))
    with server_jupyter(tmp, tmp, env, TOKEN, args) as (url, _log):
        r = requests.get(url + "/voila/render/rumus.ipynb", timeout=120,
                         headers={"Authorization": f"token {TOKEN}"})
        assert r.status_code == 200 and "Capaian" in r.text, r.text[-2000:]
        return r.text


def test_facilitator_voila_pages_load_no_mathjax_from_a_cdn(tmp_path):
    """A facilitator's server (its options from the spawner) serves Voila pages that request
    nothing from cdnjs (offline: a console error on every dashboard page); the course's Voila
    settings are kept."""
    args = argumen_server(FASILITATOR)
    assert args[:len(argumen_voila())] == argumen_voila()
    halaman = _halaman_voila(tmp_path, args)
    assert "ajax/libs/mathjax" not in halaman and "MathJax.js" not in halaman


def test_participant_options_are_the_course_voila_settings():
    """A participant's server gets the course's Voila settings only (no MathJax there comes
    from the ``sinovda.cli.voila_app`` extension its configuration loads)."""
    assert argumen_server("peserta") == argumen_voila()
