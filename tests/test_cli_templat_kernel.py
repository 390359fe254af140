"""The kernel template process (``sinovda.cli.templat_kernel``, issue 9).

A real template started by a stand-in server process (``SERVER``: the provisioner's
``Templat`` in a subprocess) forks a real ipykernel: no thread in the template when it forks,
a request whose import-time environment differs is refused (its server then starts the kernel
normally), and when the server process dies both its template and its forked kernels end (as a
normally started kernel ends with its server), while a template's death leaves the kernels
running (covered with real kernels in tests/test_cli_penyedia_kernel.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from sinovda.cli import templat_kernel as tk

pytestmark = pytest.mark.timeout(180)

SERVER = r"""
import json, os, sys, time
from jupyter_client.connect import write_connection_file
from sinovda.cli.penyedia_kernel import TEMPLAT
TEMPLAT.mulai()
assert TEMPLAT.siap(90)
berkas, _ = write_connection_file(os.path.join(sys.argv[1], "k.json"), ip="127.0.0.1")
k = TEMPLAT.tempa(["-f", berkas], dict(os.environ), sys.argv[1])
beda = TEMPLAT.tempa(["-f", berkas], {**os.environ, "SINOVDA_MODUL": "/lain"}, sys.argv[1])
print(json.dumps({"templat": TEMPLAT.pid, "kernel": k.pid, "beda": beda is None}), flush=True)
time.sleep(600)
"""


def _hilang(pid: int, detik: float) -> bool:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


def test_server_mati_templat_dan_kernelnya_ikut_berhenti(tmp_path):
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(server.stdout.readline())
        templat, kernel = psutil.Process(info["templat"]), psutil.Process(info["kernel"])
        assert info["beda"]  # another SINOVDA_MODUL than the template's: refused
        assert templat.ppid() == server.pid and kernel.ppid() == templat.pid
        assert templat.num_threads() == 1  # forks happen with no other thread
        batas = time.monotonic() + 20
        while kernel.name() != tk.NAMA_KERNEL:  # named by the child right after the fork
            assert time.monotonic() < batas, kernel.name()
            time.sleep(0.1)
        assert os.readlink(f"/proc/{kernel.pid}/fd/0") == os.devnull
        assert kernel.status() != psutil.STATUS_ZOMBIE
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        assert _hilang(kernel.pid, 20), "kernel hidup terus setelah servernya mati"
        assert _hilang(templat.pid, 20), "templat hidup terus setelah servernya mati"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_permintaan_yang_tidak_dapat_dipenuhi_ditolak(monkeypatch):
    monkeypatch.setenv("SINOVDA_MODUL", "/modul/a")
    env = dict(os.environ)
    tk.periksa({"argv": ["-f", "k.json"], "env": env})
    with pytest.raises(ValueError, match="SINOVDA_MODUL"):
        tk.periksa({"argv": ["-f", "k.json"], "env": {**env, "SINOVDA_MODUL": "/modul/b"}})
    with pytest.raises(ValueError, match="PYTHONPATH"):
        tk.periksa({"argv": [], "env": {**env, "PYTHONPATH": "/rumah/peserta"}})
    with pytest.raises(ValueError):
        tk.periksa({"env": env})


def test_templat_menolak_bila_impor_membuat_widget_atau_thread():
    """After the course's imports the template is safe to fork (no thread, no widget); a module
    that created a widget or a thread at import makes it refuse (kernels then start normally)."""
    kode = ("import sys, threading\n"
            "from sinovda.cli import templat_kernel as tk\n"
            "tk.siapkan()\n"
            "tk.periksa_siap()\n"
            "print('aman', flush=True)\n"
            "if sys.argv[1] == 'widget':\n"
            "    import ipywidgets; ipywidgets.Layout(width='1em')\n"
            "else:\n"
            "    threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
            "tk.periksa_siap()\n")
    for kasus, pesan in (("widget", "widget dibuat saat impor"), ("thread", "ada thread")):
        hasil = subprocess.run([sys.executable, "-c", kode, kasus], capture_output=True,
                               text=True, timeout=120)
        assert hasil.stdout == "aman\n" and hasil.returncode == 1, (hasil.stdout, hasil.stderr)
        assert pesan in hasil.stderr


def test_templat_membaca_pengaturan_kursus_sekali_dan_membekukannya(tmp_path):
    """The template reads ``modul/pengaturan.yaml`` (the same for every participant) once and
    freezes it with its imports: a forked kernel's page finds it cached, and the page's own
    read parses nothing; a file edited after the template started is read again (its
    modification time is the cache's key)."""
    import shutil

    from sinovda import paths

    modul = tmp_path / "modul"
    shutil.copytree(paths.MODUL_DIR, modul)
    kode = ("import gc, os, yaml\n"
            "from sinovda.cli import templat_kernel as tk\n"
            "from sinovda.data import settings\n"
            "tk.siapkan()\n"
            "assert gc.get_freeze_count() > 0\n"
            "assert [j for j, _ in settings._CACHE] == ['pengaturan'], settings._CACHE\n"
            "dibaca = []\n"
            "asli = yaml.load\n"
            "yaml.load = lambda *a, **k: dibaca.append(1) or asli(*a, **k)\n"
            "p = settings.load_pengaturan()\n"
            "print('dibaca', len(dibaca), flush=True)\n"
            "berkas = os.path.join(os.environ['SINOVDA_MODUL'], 'pengaturan.yaml')\n"
            "st = os.stat(berkas)\n"
            "os.utime(berkas, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))\n"
            "assert settings.load_pengaturan() is not p\n"
            "print('dibaca', len(dibaca), flush=True)\n")
    hasil = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True,
                           timeout=120, env={**os.environ, "SINOVDA_MODUL": str(modul)})
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.split("\n")[:2] == ["dibaca 0", "dibaca 1"], hasil.stdout
