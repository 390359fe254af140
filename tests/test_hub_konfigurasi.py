"""The hub's spawner settings: a participant server's port cannot be taken by a kernel (issue 9).

Under ``sinovda hub`` with 40 servers and their kernels starting at once, JupyterHub gave a
server a port that a kernel of another server bound first (both picked from the system's
ephemeral range by binding port 0 and closing it): the hub found a kernel's ZeroMQ socket where
the server should be and the participant's spawn failed (HTTP 500).
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

from traitlets.config import Config

from sinovda.hub import konfigurasi


def _rentang(tmp_path: Path, teks: str) -> Path:
    f = tmp_path / "ip_local_port_range"
    f.write_text(teks)
    return f


def test_server_port_is_free_and_below_the_ephemeral_range(tmp_path):
    rentang = _rentang(tmp_path, "32768\t60999\n")
    for i in range(20):
        port = konfigurasi.port_server_bebas(rentang, random.Random(i))
        assert konfigurasi.PORT_SERVER_MIN <= port < 32768
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))  # free (nothing listening there)


def test_a_port_in_use_is_not_given(tmp_path):
    rentang = _rentang(tmp_path, "32768 60999")
    with socket.socket() as dipakai:
        dipakai.bind(("127.0.0.1", 0))
        p = dipakai.getsockname()[1]
        if p >= 32768:  # take one port below the range instead
            dipakai.close()
            dipakai = socket.socket()
            dipakai.bind(("127.0.0.1", konfigurasi.port_server_bebas(rentang)))
            p = dipakai.getsockname()[1]

        class Tetap:
            """Offers the port in use first, then any other."""

            def __init__(self) -> None:
                self.kali = 0

            def randint(self, a: int, b: int) -> int:
                self.kali += 1
                return p if self.kali == 1 else random.Random(self.kali).randint(a, b)

        port = konfigurasi.port_server_bebas(rentang, Tetap())
        assert port != p and konfigurasi.PORT_SERVER_MIN <= port < 32768
        dipakai.close()


def test_unknown_or_too_low_range_leaves_the_choice_to_jupyterhub(tmp_path):
    assert konfigurasi.port_server_bebas(tmp_path / "tidak-ada") == 0
    assert konfigurasi.port_server_bebas(_rentang(tmp_path, "9000 60999")) == 0
    assert konfigurasi.port_server_bebas(_rentang(tmp_path, "rusak")) == 0


def test_the_hub_gives_each_local_server_such_a_port(tmp_path):
    from jupyterhub.spawner import LocalProcessSpawner

    c = Config()
    kelas = tmp_path / "kelas"
    kelas.mkdir()
    konfigurasi.terapkan(c, {"SINOVDA_HUB_KELAS": str(kelas)})
    hook = c.Spawner.pre_spawn_hook
    assert hook is konfigurasi.pilih_port_server
    spawner = LocalProcessSpawner()
    hook(spawner)
    awal = int(konfigurasi.RENTANG_EFEMERAL.read_text().split()[0])
    assert konfigurasi.PORT_SERVER_MIN <= spawner.port < awal  # not JupyterHub's random_port


def test_the_hub_runs_the_lighter_participant_server_unless_told(tmp_path):
    """Each account's server is ``python -P -m sinovda.hub.server_peserta`` (issue 9: without
    the hub's database modules); $SINOVDA_HUB_SERVER_PESERTA=jupyterhub gives JupyterHub's own
    entry point (comparison, or a way out should a JupyterHub release misbehave under ours)."""
    kelas = tmp_path / "kelas"
    kelas.mkdir()
    for nilai, modul in (("", "sinovda.hub.server_peserta"),
                         ("jupyterhub", "jupyterhub.singleuser")):
        c = Config()
        konfigurasi.terapkan(c, {"SINOVDA_HUB_KELAS": str(kelas),
                                 "SINOVDA_HUB_SERVER_PESERTA": nilai})
        assert c.Spawner.cmd[1:] == ["-P", "-m", modul]


def test_an_unknown_server_choice_is_refused_before_the_hub_starts(kelas, monkeypatch, capsys):
    from sinovda.cli.main import main
    from sinovda.hub.akun import DaftarAkun

    DaftarAkun(kelas).tambah_fasilitator("fasuji")
    monkeypatch.setenv("SINOVDA_HUB_SERVER_PESERTA", "ringan")
    assert main(["hub", "--kelas", str(kelas)]) == 2
    err = capsys.readouterr().err
    assert "SINOVDA_HUB_SERVER_PESERTA='ringan' tidak dikenal" in err and "Traceback" not in err


def test_each_server_gets_the_allocator_settings(tmp_path):
    kelas = tmp_path / "kelas"
    kelas.mkdir()
    c = Config()
    konfigurasi.terapkan(c, {"SINOVDA_HUB_KELAS": str(kelas)})
    env = c.Spawner.environment
    assert env["MALLOC_ARENA_MAX"] == "2"
    assert env["MALLOC_MMAP_THRESHOLD_"] == env["MALLOC_TRIM_THRESHOLD_"] == "131072"
