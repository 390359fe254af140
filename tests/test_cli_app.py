"""``sinovda lab`` / ``sinovda app``: the right server, loopback only, the class for the kernels."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import port_bebas

from sinovda.cli.app import lingkungan, perintah_app, perintah_lab


def _sinovda(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sinovda.cli.main", *args], env=env,
                          capture_output=True, text=True, timeout=60)


def _environ(pid: int) -> dict[str, str]:
    data = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(x.decode().split("=", 1) for x in data if b"=" in x)


def _server(pid: int) -> int:
    """The server: the one child process of the ``sinovda`` command (no execve, see cli/proses)."""
    anak = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    assert len(anak) == 1, anak
    return int(anak[0])


def test_app_command_hides_code_with_our_offline_template_on_loopback():
    cmd = perintah_app(port=9123, buka=False)
    assert cmd[1:3] == ["-m", "sinovda.cli.voila_app"]
    for opsi in ("--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.theme=light",
                 "--VoilaConfiguration.template=sinovda", "--Voila.ip=127.0.0.1",
                 "--port=9123", "--no-browser", "--MappingKernelManager.cull_connected=False",
                 "--SinovdaVoila.kernel_siaga=1",
                 "--VoilaConfiguration.http_header_envs=Cookie"):
        assert opsi in cmd
    assert "--no-browser" not in perintah_app()


def test_app_environment_finds_the_sinovda_template(tmp_path):
    env = lingkungan(tmp_path / "k", True, {"JUPYTER_PATH": "/lain"})
    pertama, kedua = env["JUPYTER_PATH"].split(os.pathsep)
    assert (Path(pertama) / "voila" / "templates" / "sinovda" / "index.html.j2").is_file()
    assert kedua == "/lain"


def test_lab_command_serves_the_notebooks_on_loopback():
    cmd = perintah_lab(port=9124, buka=False)
    assert cmd[1:3] == ["-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--no-browser" in cmd
    assert any(c.startswith("--ServerApp.root_dir=") and c.endswith("notebooks") for c in cmd)


def test_environment_names_the_class_or_the_personal_workspace(tmp_path):
    env = lingkungan(tmp_path / "k", True, {"SINOVDA_PESERTA": "x"})
    assert env["SINOVDA_KELAS"] == str(tmp_path / "k") and env["SINOVDA_PESERTA"] == "x"
    env = lingkungan(tmp_path / "p", False, {"SINOVDA_KELAS": "lama"})
    assert "SINOVDA_KELAS" not in env and env["SINOVDA_PRIBADI"] == str(tmp_path / "p")


def test_a_missing_class_is_a_clear_error_not_a_traceback(tmp_path):
    for perintah in ("app", "lab"):
        r = _sinovda(perintah, "--kelas", str(tmp_path / "tidak-ada"), "--no-browser",
                     env=dict(os.environ))
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr
        assert "tidak-ada" in r.stderr or "kelas" in r.stderr
    assert not (tmp_path / "tidak-ada" / "sinovda.db").exists()


def test_a_bad_port_is_refused_in_indonesian(kelas):
    r = _sinovda("app", "--kelas", str(kelas), "--port", "70000", env=dict(os.environ))
    assert r.returncode == 2 and "port" in r.stderr and "Traceback" not in r.stderr
    r = _sinovda("app", "--port", "delapan", env=dict(os.environ))
    assert r.returncode == 2 and "bukan bilangan bulat" in r.stderr


def test_lab_serves_with_the_class_in_the_kernel_environment(kelas, jalankan_sinovda):
    port = port_bebas()
    proc, url, log = jalankan_sinovda(
        ["lab", "--kelas", str(kelas), "--port", str(port), "--no-browser"],
        dict(os.environ), siap="/api")
    server = _server(proc.pid)  # the server (a child process): kernels inherit its environment
    env = _environ(server)
    assert env["SINOVDA_KELAS"] == str(kelas.resolve())
    assert "jupyterlab" in Path(f"/proc/{server}/cmdline").read_text()
    assert f"kelas di {kelas.resolve()}" in log.read_text()


def test_app_without_a_class_uses_the_personal_workspace(jalankan_sinovda):
    port = port_bebas()
    env = dict(os.environ)
    proc, url, log = jalankan_sinovda(["app", "--port", str(port), "--no-browser"], env)
    pribadi = Path(env["SINOVDA_PRIBADI"])
    assert (pribadi / "sinovda.db").is_file()
    server = _environ(_server(proc.pid))
    assert "SINOVDA_KELAS" not in server and server["SINOVDA_PRIBADI"] == str(pribadi.resolve())
    assert "belajar mandiri" in log.read_text() and "modul 00" in log.read_text()


def test_ctrl_c_stops_lab_and_its_kernels_without_a_traceback(kelas, jalankan_sinovda):
    """Ctrl+C (SIGINT to the terminal's foreground group) on ``sinovda lab`` with a running
    kernel: the command says "sinovda: dihentikan.", no traceback or error, and neither the
    server nor the kernel is left running."""
    import json
    import re
    import signal
    import time
    import urllib.request

    import psutil

    port = port_bebas()
    env = dict(os.environ, JUPYTER_TOKEN="uji-lab")
    proc, url, log = jalankan_sinovda(
        ["lab", "--kelas", str(kelas), "--port", str(port), "--no-browser"], env, siap="/api")
    minta = urllib.request.Request(f"{url}/api/kernels?token=uji-lab", data=b"{}",
                                   method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(minta, timeout=60) as r:
        kid = json.loads(r.read())["id"]
    anak = psutil.Process(proc.pid).children(recursive=True)
    akhir = time.monotonic() + 60
    while not any(kid in _cmdline(p) for p in anak) and time.monotonic() < akhir:
        time.sleep(0.3)
        anak = psutil.Process(proc.pid).children(recursive=True)
    assert any(kid in _cmdline(p) for p in anak)  # server and kernel
    # the user presses Ctrl+C on a lab whose kernel is running, not one still importing
    # ipykernel (a kernel interrupted there prints Python's KeyboardInterrupt traceback)
    from jupyter_client import BlockingKernelClient

    kernel = next(p for p in anak if kid in _cmdline(p))
    berkas = next(a for a in kernel.cmdline() if a.endswith(f"kernel-{kid}.json"))
    kc = BlockingKernelClient(connection_file=berkas)
    kc.load_connection_file()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
    finally:
        kc.stop_channels()
    awal = len(log.read_text())
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=60)
    teks = log.read_text()[awal:]
    assert "sinovda: dihentikan." in teks
    assert not re.search(r"Traceback|ERROR|Exception|\[E ", teks), teks
    _, hidup = psutil.wait_procs(anak, timeout=20)
    assert hidup == [], teks


def _cmdline(p) -> str:  # type: ignore[no-untyped-def]
    """A process's command line, '' for one that has already ended (a zombie or gone): a short-
    lived helper child of the server must not break the scan."""
    import psutil

    try:
        return " ".join(p.cmdline())
    except (psutil.ZombieProcess, psutil.NoSuchProcess, psutil.AccessDenied):
        return ""
