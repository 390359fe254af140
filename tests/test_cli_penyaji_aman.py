"""A module page whose kernel fails to start: a kernel that died is replaced and the page
arrives whole; otherwise the page ends with an Indonesian notice (issue 9).

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


def _siapkan(tmp_path: Path, argv: list[str] | None = None) -> tuple[Path, dict[str, str]]:
    ks = tmp_path / "jupyter" / "kernels" / "mati"
    ks.mkdir(parents=True)
    (ks / "kernel.json").write_text(json.dumps(
        {"argv": argv or ["/bin/sleep", TIDUR], "display_name": "mati", "language": "python"}))
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


def _server(tmp_path: Path, nb_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = port_bebas()
    with open(tmp_path / "server.log", "wb") as keluar:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sinovda.cli.voila_app", str(nb_dir), "--no-browser",
             f"--port={port}", "--Voila.ip=127.0.0.1", "--VoilaExecutor.startup_timeout=3"],
            env=env, stdout=keluar, stderr=subprocess.STDOUT, start_new_session=True,
            cwd=tmp_path)
    url = f"http://127.0.0.1:{port}"
    akhir = time.monotonic() + 60
    while time.monotonic() < akhir:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "/voila/static/voila.js", timeout=5):
                break
        except OSError:
            time.sleep(0.5)
    return proc, url


def _hentikan(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def _halaman(url: str):
    from tornado.httpclient import HTTPClient, HTTPRequest

    # Without the fix the page never ends (a heartbeat every 10 s): the client's total time
    # limit then fails the test.
    return HTTPClient().fetch(HTTPRequest(url + "/voila/render/01_masalah.ipynb",
                                          request_timeout=120), raise_error=False)


def _halaman_utuh(proc, url: str, log: Path) -> str:  # type: ignore[no-untyped-def]
    """The module page's text from the running server ``proc`` (answered 200)."""
    assert proc.poll() is None, log.read_text()
    r = _halaman(url)
    assert r.code == 200, (r.code, r.error, log.read_text()[-3000:])
    return r.body.decode("utf-8", "replace")


def test_a_page_whose_kernel_never_answers_ends_with_the_notice(tmp_path):
    nb_dir, env = _siapkan(tmp_path)
    proc, url = _server(tmp_path, nb_dir, env)
    log = tmp_path / "server.log"
    try:
        teks = _halaman_utuh(proc, url, log)
        assert "Gagal memuat halaman" in teks and "muat ulang" in teks
        assert "didn't respond" in log.read_text()  # the cause is logged for the operator
        akhir = time.monotonic() + 30
        while _tidur_di_bawah(proc.pid) and time.monotonic() < akhir:
            time.sleep(0.5)
        assert _tidur_di_bawah(proc.pid) == []  # the page's dead kernel was shut down
    finally:
        _hentikan(proc)


def test_a_kernel_that_dies_while_starting_is_replaced_and_the_page_arrives_whole(tmp_path):
    """The hub's failure: the first kernel exits before answering (there: another server's
    kernel took one of its ports). A new kernel serves the page: its output is there."""
    tanda = tmp_path / "sudah-gagal"
    skrip = tmp_path / "kernel_sekali_mati.py"
    skrip.write_text(
        "import os, runpy, sys\n"
        f"tanda = {str(tanda)!r}\n"
        "if not os.path.exists(tanda):\n"
        "    open(tanda, 'w').close()\n"
        "    sys.exit('Address already in use (uji)')\n"
        "sys.argv = ['ipykernel_launcher', *sys.argv[1:]]\n"
        "runpy.run_module('ipykernel_launcher', run_name='__main__')\n")
    nb_dir, env = _siapkan(tmp_path, [sys.executable, str(skrip), "-f", "{connection_file}"])
    proc, url = _server(tmp_path, nb_dir, env)
    log = tmp_path / "server.log"
    try:
        teks = _halaman_utuh(proc, url, log)
        assert tanda.exists()  # the first kernel did die
        assert "Gagal memuat halaman" not in teks, log.read_text()[-3000:]
        assert "halo" in teks  # the notebook's output: the page is whole
    finally:
        _hentikan(proc)
