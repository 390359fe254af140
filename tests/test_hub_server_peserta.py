"""A participant's server without the hub's database code (sinovda.hub.server_peserta, issue 9).

On a real hub (as root: the participant's server runs as its own system user): the server
``sinovda hub`` starts for a participant has no SQLAlchemy in its process (its compiled modules
are not mapped, while those of aiohttp, which it uses, are), and still does what the hub needs of
it: the hub's OAuth login, the activity report, Voila with our authorizer, CSP and Indonesian
error pages. Without a hub: the guards and the loud fallback when JupyterHub changes.
Run under ``flock /tmp/sinovda-hub.lock`` (fixed system accounts).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from test_hub_kelas import ROOT, A, _nyalakan, jalankan_hub

from sinovda.hub import server_peserta, sistem
from sinovda.hub.konfigurasi import MODUL_SERVER, perintah_server

pytestmark = [pytest.mark.timeout(300), pytest.mark.usefixtures("repo_terbuka")]


def _python(kode: str) -> subprocess.CompletedProcess:
    """``kode`` in a fresh interpreter (the imports of a server start from nothing)."""
    return subprocess.run([sys.executable, "-P", "-c", kode], capture_output=True, text=True,
                          timeout=120)


def test_tanpa_basis_data_hub_dan_tata_bahasa_iri():
    hasil = _python(
        "import sys\n"
        "from sinovda.hub import server_peserta as s\n"
        "main, ringan = s.muat_main()\n"
        "import jupyterhub.singleuser as su, jupyterhub.log as lg, jupyterhub.scopes\n"
        "print(ringan, main is su.main, sorted(n for n in ('sqlalchemy', 'alembic', "
        "'jupyterhub.orm', 'jupyterhub.handlers', 'jupyterhub.metrics', 'lark') "
        "if n in sys.modules), sys.modules['rfc3987_syntax'])\n"
        "print(any(isinstance(m, s.ModulDijaga) for m in sys.modules.values()),\n"
        "      lg.prometheus_log_method is s.prometheus_log_method)\n"
        "import sqlalchemy\n"  # a later import gets the real SQLAlchemy
        "print(type(sqlalchemy).__name__, hasattr(sqlalchemy, 'create_engine'))\n"
    )
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.split("\n")[:3] == ["True True [] None", "False True", "module True"]


def test_nama_lain_dari_modul_dijaga_ditolak_dengan_jelas():
    modul = server_peserta.ModulDijaga("jupyterhub.orm", {})
    with pytest.raises(server_peserta.AksesDijaga, match=r"jupyterhub\.orm\.User tidak dimuat"):
        modul.User  # noqa: B018 - the access is the test
    hasil = _python(
        "import sys\n"
        "from sinovda.hub import server_peserta as s\n"
        "with s.dijaga():\n"
        "    try:\n"
        "        from jupyterhub.orm import User\n"
        "    except ImportError as e:\n"
        "        print('ImportError', e)\n"
        "print('jupyterhub.orm' in sys.modules)\n"
    )
    assert hasil.returncode == 0, hasil.stderr
    assert "ImportError cannot import name 'User' from 'jupyterhub.orm'" in hasil.stdout
    assert hasil.stdout.strip().endswith("False")  # the guard is gone after the block


def test_jupyterhub_yang_berubah_tetap_jalan_dengan_peringatan():
    """A JupyterHub that takes another name from a guarded module at import: the server says so
    in its log and starts with JupyterHub's ordinary imports (more memory, same behaviour)."""
    hasil = _python(
        "import sys\n"
        "from sinovda.hub import server_peserta as s\n"
        "s.DIJAGA['jupyterhub.handlers.pages'] = ({}, False)\n"  # HealthCheckHandler missing
        "main, ringan = s.muat_main()\n"
        "import jupyterhub.singleuser as su\n"
        "print(ringan, main is su.main, 'jupyterhub.orm' in sys.modules)\n"
        "sys.stderr.write(s.laporan_impor())\n"
    )
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip() == "False True True"
    assert "HealthCheckHandler" in hasil.stderr and "server_peserta.py" in hasil.stderr
    assert "server peserta memuat sqlalchemy" in hasil.stderr


def test_hub_menjalankan_server_ringan():
    cmd, _env = perintah_server()
    assert cmd[1:] == ["-P", "-m", MODUL_SERVER]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    yield from jalankan_hub(tmp_path_factory)


def _proses_server(nama_os: str) -> psutil.Process:
    for p in psutil.process_iter(["username", "cmdline"]):
        if p.info["username"] == nama_os and MODUL_SERVER in " ".join(p.info["cmdline"] or []):
            return p
    raise AssertionError(f"server {nama_os} tidak ditemukan")


@pytest.mark.skipif(not ROOT, reason="akun sistem terpisah hanya bisa dibuat sebagai root")
def test_server_peserta_di_hub_tanpa_sqlalchemy_tetap_masuk_dan_melapor(hub):
    s = hub.login(A)
    _nyalakan(hub, s, A)
    try:
        u = f"{hub.base}/user/{A}"
        r = s.get(u + "/", timeout=60)  # the hub's OAuth login gives the server's cookie
        assert r.status_code == 200 and r.url == u + "/" and "Peta kursus" in r.text
        r = s.get(u + "/voila/render/00_pengantar.ipynb", timeout=120)
        assert r.status_code == 200 and "widget-view+json" in r.text  # Voila + our extension
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert s.get(u + "/api/contents", timeout=30).status_code == 403  # our authorizer
        r = s.get(u + "/voila/render/dasbor_fasilitator.ipynb", timeout=60)
        assert r.status_code == 404 and "Halaman tidak ditemukan" in r.text  # Indonesian page

        proses = _proses_server(sistem.akun_os(A, "peserta"))
        peta = Path(f"/proc/{proses.pid}/maps").read_text()
        assert "/aiohttp/" in peta  # the probe sees the compiled modules the server uses ...
        assert "/sqlalchemy/" not in peta  # ... and SQLAlchemy's are not there
        assert proses.environ()["MALLOC_ARENA_MAX"] == "2"  # konfigurasi.MALLOC_SERVER
        log = hub.log.read_text()
        assert "server peserta tanpa sqlalchemy, alembic, jupyterhub.orm" in log
        # the activity report the idle culler relies on reached the hub
        assert re.search(rf"200 POST /hub/api/users/{A}/activity", log), log[-3000:]
    finally:
        s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)
