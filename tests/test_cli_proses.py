"""``sinovda app``/``lab`` run the server as a child process (no execve: Windows has none);
stopping the command stops the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import port_bebas

ANAK = """
import os, sys
from sinovda.cli.proses import jalankan_anak
try:
    sys.exit(jalankan_anak([sys.executable, "-c", sys.argv[1]], os.environ))
except KeyboardInterrupt:
    sys.exit(130)
"""


def _anak(pid: int, batas: float = 30) -> int:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        anak = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if anak:
            return int(anak[0])
        time.sleep(0.1)
    raise AssertionError("proses anak tidak muncul")


def _hidup(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_the_childs_exit_code_is_the_commands():
    r = subprocess.run([sys.executable, "-c", ANAK, "import sys; sys.exit(3)"], timeout=60)
    assert r.returncode == 3


def _sinyal_menghentikan_anak(sinyal: int, pesan: str) -> None:
    """``sinyal`` to the command only (not its process group): it exits 130 and its child in
    its own session ends too."""
    proc = subprocess.Popen([sys.executable, "-c", ANAK, "import time; time.sleep(120)"])
    try:
        anak = _anak(proc.pid)
        proc.send_signal(sinyal)
        assert proc.wait(timeout=30) == 130
        akhir = time.monotonic() + 10
        while _hidup(anak) and time.monotonic() < akhir:
            time.sleep(0.1)
        assert not _hidup(anak), pesan
    finally:
        if proc.poll() is None:
            proc.kill()


def test_sigterm_to_the_command_stops_the_child_too():
    _sinyal_menghentikan_anak(signal.SIGTERM, "server masih hidup setelah perintahnya dihentikan")


def test_stopping_sinovda_app_stops_the_voila_server(kelas, tmp_path):
    port = port_bebas()
    with open(tmp_path / "app.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "sinovda.cli.main", "app", "--kelas",
                                 str(kelas), "--port", str(port), "--no-browser"],
                                env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        akhir = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (tmp_path / "app.log").read_text()
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < akhir, (tmp_path / "app.log").read_text()
                time.sleep(0.3)
        server = _anak(proc.pid)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 130
        assert "dihentikan" in (tmp_path / "app.log").read_text()
        akhir = time.monotonic() + 20
        while _hidup(server) and time.monotonic() < akhir:
            time.sleep(0.2)
        assert not _hidup(server)
    finally:
        if proc.poll() is None:
            proc.kill()


PENCATAT = """
import pathlib, signal, sys, time
catatan = pathlib.Path(sys.argv[1])
def catat(s, f):
    catatan.write_text(catatan.read_text() + signal.Signals(s).name + " ")
    if s == signal.SIGTERM:
        sys.exit(0)
signal.signal(signal.SIGINT, catat)
signal.signal(signal.SIGTERM, catat)
catatan.write_text("")
time.sleep(120)
"""


def test_ctrl_c_reaches_the_server_once_as_sigterm(tmp_path):
    """A terminal's Ctrl+C signals its foreground process group: the server (own session) gets
    no SIGINT (JupyterLab would print its English shutdown prompt), only the command's SIGTERM."""
    catatan = tmp_path / "sinyal.txt"
    skrip = ANAK.replace('[sys.executable, "-c", sys.argv[1]]',
                         '[sys.executable, "-c", sys.argv[1], sys.argv[2]]')
    proc = subprocess.Popen([sys.executable, "-c", skrip, PENCATAT, str(catatan)],
                            start_new_session=True)
    try:
        anak = _anak(proc.pid)
        akhir = time.monotonic() + 30
        while not catatan.exists() and time.monotonic() < akhir:
            time.sleep(0.1)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C
        assert proc.wait(timeout=30) == 130
        akhir = time.monotonic() + 10
        while _hidup(anak) and time.monotonic() < akhir:
            time.sleep(0.1)
        assert not _hidup(anak)
        assert catatan.read_text().split() == ["SIGTERM"]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def test_a_closed_terminal_stops_the_server_too():
    """SIGHUP (the terminal window closed) to the command stops the server in its own session."""
    _sinyal_menghentikan_anak(signal.SIGHUP, "server masih hidup setelah terminalnya ditutup")
