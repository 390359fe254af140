"""Shared fixtures: a temporary class with one participant, and an isolated home for sinovda.

- autouse ``_rumah_terpisah``: ``~/.sinovda`` (self-study workspace, active-participant file)
  redirected to tmp, and no class/participant/hub user inherited from the caller's environment.
- ``kelas``: the folder of a fresh class ``Kelas Uji`` holding participant ``NIP_PESERTA``.
- ``store``: that class's ``Store``. ``env_kelas``: the environment a module notebook's kernel
  gets (``SINOVDA_KELAS`` + ``SINOVDA_PESERTA``), also set in this process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sinovda.domain.peserta import Peserta

NIP_PESERTA = "198503152010011001"  # ranah.md: valid PNS NIP
PESERTA = Peserta(NIP_PESERTA, "Ni Luh Putu Ayu Wédari", jabatan="Analis Kebijakan",
                  opd="Bappeda", instansi="Kabupaten Gianyar")


@pytest.fixture(autouse=True)
def _rumah_terpisah(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                    ) -> None:
    rumah = tmp_path_factory.mktemp("rumah")
    monkeypatch.setenv("SINOVDA_PRIBADI", str(rumah / "pribadi"))
    monkeypatch.setenv("SINOVDA_AKTIF", str(rumah / "aktif.json"))
    for nama in ("SINOVDA_KELAS", "SINOVDA_PESERTA", "JUPYTERHUB_USER", "SINOVDA_STORE_URL"):
        monkeypatch.delenv(nama, raising=False)


@pytest.fixture
def kelas(tmp_path: Path) -> Path:
    from sinovda.store import Store

    folder = tmp_path / "kelas"
    st = Store.create(folder, nama="Kelas Uji")
    st.upsert_peserta([PESERTA])
    st.close()
    return folder


@pytest.fixture
def store(kelas: Path):
    from sinovda.store import Store

    st = Store.open(kelas)
    yield st
    st.close()


@pytest.fixture
def env_kelas(kelas: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    monkeypatch.setenv("SINOVDA_PESERTA", NIP_PESERTA)
    return dict(os.environ)


def port_bebas() -> int:
    """A free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def jalankan_sinovda(tmp_path: Path):
    """Start ``sinovda <args>`` as a server in its own process group; always killed afterwards.

    ``jalankan_sinovda(args, env, siap="/path", batas=90)`` waits (bounded) until
    ``http://127.0.0.1:<port><siap>`` answers, then returns ``(proc, base_url, log_path)``; the
    port is taken from ``--port`` in ``args``.
    """
    import signal
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    dijalankan: list[subprocess.Popen] = []

    def mulai(args: list[str], env: dict[str, str], siap: str = "/", batas: float = 90.0):
        port = args[args.index("--port") + 1]
        log = tmp_path / f"server-{len(dijalankan)}.log"
        with open(log, "wb") as keluar:
            proc = subprocess.Popen([sys.executable, "-m", "sinovda.cli.main", *args], env=env,
                                    stdout=keluar, stderr=subprocess.STDOUT,
                                    start_new_session=True, cwd=tmp_path)
        dijalankan.append(proc)
        url = f"http://127.0.0.1:{port}"
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir:
            if proc.poll() is not None:
                raise AssertionError(f"server berhenti ({proc.returncode}):\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url + siap, timeout=5) as r:
                    if r.status < 500:
                        return proc, url, log
            except urllib.error.HTTPError as e:
                if e.code < 500:
                    return proc, url, log
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"server tidak siap dalam {batas} detik:\n{log.read_text()}")

    yield mulai
    for proc in dijalankan:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=15)
