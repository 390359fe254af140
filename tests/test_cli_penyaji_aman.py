"""A module page whose kernel fails to start ends with an Indonesian notice (issue 9).

Under ``sinovda hub`` with a room of 40 opening a module at once, a kernel that did not answer
``kernel_info`` within ``VoilaExecutor.startup_timeout`` left Voila's page open forever
(heartbeats, no end). Here a real course server (``python -m sinovda.cli.voila_app``) serves a
course module whose kernel never answers (a kernelspec running ``sleep``): the page must end,
with the notice asking to reload, and the dead page's kernel must be shut down.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from conftest import port_bebas

from sinovda.cli import penyaji_aman

TIDUR = "417"  # the "kernel": a process that never answers (a unique duration to find it)


def test_importing_the_course_server_installs_the_safe_renderer():
    import voila.handler

    import sinovda.cli.voila_app  # noqa: F401  (what sinovda app and the hub extension import)

    assert voila.handler.NotebookRenderer is penyaji_aman.PenyajiAman


def test_failure_notice_is_indonesian_and_asks_to_reload():
    teks = penyaji_aman.html_gagal()
    assert "Gagal memuat halaman" in teks and "muat ulang" in teks
    assert "tidak hilang" in teks and "location.reload()" in teks


def _siapkan(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    ks = tmp_path / "jupyter" / "kernels" / "mati"
    ks.mkdir(parents=True)
    (ks / "kernel.json").write_text(json.dumps(
        {"argv": ["/bin/sleep", TIDUR], "display_name": "mati", "language": "python"}))
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('halo')")])
    nb.metadata.kernelspec = {"name": "mati", "display_name": "mati", "language": "python"}
    nbformat.write(nb, nb_dir / "01_masalah.ipynb")
    env = dict(os.environ, JUPYTER_PATH=str(tmp_path / "jupyter"))
    return nb_dir, env


def _tidur_di_bawah(pid: int) -> list[psutil.Process]:
    hasil = []
    for anak in psutil.Process(pid).children(recursive=True):
        try:
            if anak.cmdline()[-1:] == [TIDUR]:
                hasil.append(anak)
        except psutil.NoSuchProcess:
            pass
    return hasil


def test_a_page_whose_kernel_never_answers_ends_with_the_notice(tmp_path):
    from tornado.httpclient import HTTPClient, HTTPRequest

    nb_dir, env = _siapkan(tmp_path)
    port = port_bebas()
    log = tmp_path / "server.log"
    with open(log, "wb") as keluar:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sinovda.cli.voila_app", str(nb_dir), "--no-browser",
             f"--port={port}", "--Voila.ip=127.0.0.1", "--VoilaExecutor.startup_timeout=3"],
            env=env, stdout=keluar, stderr=subprocess.STDOUT, start_new_session=True,
            cwd=tmp_path)
    try:
        url = f"http://127.0.0.1:{port}"
        akhir = time.monotonic() + 60
        while time.monotonic() < akhir:
            assert proc.poll() is None, log.read_text()
            try:
                with urllib.request.urlopen(url + "/voila/static/voila.js", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        # Without the fix the page never ends (a heartbeat every 10 s): the client's total
        # time limit then fails the test.
        r = HTTPClient().fetch(HTTPRequest(url + "/voila/render/01_masalah.ipynb",
                                           request_timeout=120), raise_error=False)
        teks = r.body.decode("utf-8", "replace")
        assert r.code == 200, (r.code, r.error, log.read_text()[-3000:])
        assert "Gagal memuat halaman" in teks and "muat ulang" in teks
        assert "didn't respond" in log.read_text()  # the cause is logged for the operator
        akhir = time.monotonic() + 30
        while _tidur_di_bawah(proc.pid) and time.monotonic() < akhir:
            time.sleep(0.5)
        assert _tidur_di_bawah(proc.pid) == []  # the page's dead kernel was shut down
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
