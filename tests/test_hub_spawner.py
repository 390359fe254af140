"""The hub's spawner: the options of a facilitator's Jupyter server (sinovda.hub.spawner)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from sinovda.cli.voila_setelan import argumen_voila, lingkungan_voila
from sinovda.hub.akun import FASILITATOR
from sinovda.hub.konfigurasi import port_bebas
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
    port = port_bebas()
    env = lingkungan_voila(dict(os.environ, HOME=str(tmp)))
    with open(tmp / "server.log", "w") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "server", "--no-browser",
             f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
             f"--ServerApp.root_dir={tmp}", "--allow-root", *args],
            env=env, cwd=tmp, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    h = {"Authorization": f"token {TOKEN}"}
    try:
        batas = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp / "server.log").read_text()
            try:
                if requests.get(url + "/api/status", headers=h, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < batas, (tmp / "server.log").read_text()
            time.sleep(0.3)
        r = requests.get(url + "/voila/render/rumus.ipynb", headers=h, timeout=120)
        assert r.status_code == 200 and "Capaian" in r.text, r.text[-2000:]
        return r.text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


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
