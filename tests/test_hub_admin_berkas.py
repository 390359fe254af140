"""Reports built from Admin Kelas are served by any store-service process, on both backends.

The facilitator's "Buat laporan & sertifikat" (``OperasiAdmin.buat_laporan``: the real batch,
a real kernel, real PDFs) runs in one working folder; then that folder is gone and a fresh
store service (the real ``buat_app`` on a free loopback port, another working folder, no memory
of the run: what a second replica or a restarted pod has) serves the participant's PDFs after
release. A PostgreSQL class keeps them in its database (nothing on the builder's disk); a SQLite
class folder in ``<kelas>/laporan`` as before. The 403 rules hold: before release even the owner
is refused, another participant always.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import NIP_LENGKAP, NIP_TANPA_INOVASI
from test_hub_layanan import Layanan
from test_report_sertifikat import buat_kelas_sertifikat

from sinovda.domain.errors import AksesDitolak
from sinovda.hub import admin as hub_admin
from sinovda.hub.admin import KlienAdmin, OperasiAdmin, status_laporan
from sinovda.hub.akun import DaftarAkun

NAMA_A = "Ni Luh Putu Ayu Wédari"
TOKEN = {"tA": NIP_LENGKAP, "tB": NIP_TANPA_INOVASI, "tF": "ratna"}


@pytest.fixture(params=["sqlite", "postgresql"])
def kelas(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A class with one participant meeting the certificate rule and one without, their hub
    accounts and the facilitator ratna (PostgreSQL: in a database of its own, accounts are
    database-wide)."""
    if request.param == "sqlite":
        lokasi = str(tmp_path / "kelas")
        db = None
    else:
        import psycopg

        pg_url = request.getfixturevalue("pg_url")
        db = f"berkas_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {db}")
        lokasi = f"{pg_url.rsplit('/', 1)[0]}/{db}?kelas=berkas"
    buat_kelas_sertifikat(lokasi)  # type: ignore[arg-type]  # a locator where a folder goes
    akun = DaftarAkun(lokasi)
    akun.sinkron_peserta([(NIP_LENGKAP, NAMA_A), (NIP_TANPA_INOVASI, "Muhammad Ja'far")])
    akun.tambah_fasilitator("ratna", "Dr. Ratna")
    yield lokasi
    if db is not None:
        import psycopg

        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {db} WITH (FORCE)")


def _tunggu(lokasi: str, batas: float = 600) -> str:
    akhir = time.monotonic() + batas
    while status_laporan(lokasi)["berjalan"]:
        assert time.monotonic() < akhir, "laporan tidak selesai"
        time.sleep(0.5)
    return status_laporan(lokasi)["teks"]


def _teks_pdf(isi: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=isi, capture_output=True,
                          check=True).stdout.decode("utf-8")


def test_reports_built_once_are_served_by_a_fresh_service_after_release(
        kelas: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pg = kelas.startswith("postgresql")
    pembuat = tmp_path / "pembuat"
    pembuat.mkdir()
    monkeypatch.chdir(pembuat)
    op = OperasiAdmin(kelas, oleh="fasilitator:ratna")
    assert op.buat_laporan()["berjalan"] is True
    teks = _tunggu(kelas)
    assert "berhasil 2, gagal 0" in teks and "1 peserta memenuhi syarat" in teks, teks
    if pg:  # kept in the class's database: nothing on the builder's disk
        assert list(pembuat.iterdir()) == []
        assert "basis data kelas berkas" in teks
    else:
        assert (Path(kelas) / "laporan").is_dir()
    # again: unchanged reports and certificates are not rebuilt
    op.buat_laporan()
    teks = _tunggu(kelas)
    assert "berhasil 0, gagal 0, dilewati 2" in teks and "1 tidak berubah" in teks, teks

    # another replica / a restarted pod: another working folder, no memory of the run
    shutil.rmtree(pembuat)
    lain = tmp_path / "replika-2"
    lain.mkdir()
    monkeypatch.chdir(lain)
    hub_admin._LAPORAN.clear()
    srv = Layanan(kelas, token=TOKEN)
    try:
        k = {t: KlienAdmin(srv.url, t) for t in TOKEN}
        assert "Laporan di" in k["tF"].ringkas()["laporan"]["teks"]  # from the admin log
        assert k["tA"].hasil(NIP_LENGKAP)["dirilis"] is False
        with pytest.raises(AksesDitolak, match="belum dirilis"):  # before release: hidden
            k["tA"].berkas(NIP_LENGKAP, "laporan")
        k["tF"].rilis([NIP_LENGKAP])
        h = k["tA"].hasil(NIP_LENGKAP)
        assert h["dirilis"] and h["berkas"] == {"laporan": True, "sertifikat": True}
        laporan = k["tA"].berkas(NIP_LENGKAP, "laporan")
        assert laporan.startswith(b"%PDF") and NAMA_A in _teks_pdf(laporan)
        sertifikat = k["tA"].berkas(NIP_LENGKAP, "sertifikat")
        assert sertifikat.startswith(b"%PDF") and h["kode_sertifikat"] in _teks_pdf(sertifikat)
        for jalur in (f"api/hasil/{NIP_LENGKAP}/laporan.pdf",
                      f"api/hasil/{NIP_LENGKAP}/sertifikat.pdf"):  # another participant: 403
            r = requests.get(srv.url + jalur, headers={"Authorization": "token tB"}, timeout=20)
            assert r.status_code == 403 and "peserta lain" in r.json()["pesan"], jalur
        with pytest.raises(AksesDitolak):  # B's own: not released
            k["tB"].berkas(NIP_TANPA_INOVASI, "laporan")
        with zipfile.ZipFile(io.BytesIO(k["tF"].unduh_kelas("sertifikat"))) as z:
            assert z.namelist() == [f"{NIP_LENGKAP}-Ni-Luh-Putu-Ayu-Wedari-sertifikat.pdf"]
            assert z.read(z.namelist()[0]) == sertifikat
        assert k["tF"].unduh_kelas("rekap").startswith(b"PK")  # the recap workbook
        if pg:
            assert list(lain.iterdir()) == []  # served from the database, nothing written here
    finally:
        srv.berhenti()


def test_a_class_another_replica_is_building_is_not_built_twice(kelas: str):
    """While another process (replica) holds a PostgreSQL class's build lock, "Buat laporan"
    here says so and builds nothing."""
    if not kelas.startswith("postgresql"):
        pytest.skip("a class folder is served by one process")
    from sinovda.store.berkas import BerkasKelas, satu_pembuatan

    with satu_pembuatan(kelas) as boleh:
        assert boleh
        OperasiAdmin(kelas, oleh="fasilitator:ratna").buat_laporan()
        assert "sedang dibuat oleh proses layanan lain" in _tunggu(kelas, 60)
    assert BerkasKelas(kelas).daftar() == []
