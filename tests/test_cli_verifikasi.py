"""``sinovda verifikasi KODE``: exit 0 with whose certificate it is, exit 2 when not genuine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NIP_LENGKAP
from test_report_sertifikat import buat_kelas_sertifikat

from sinovda.cli.main import main
from sinovda.report.sertifikat import tulis_sertifikat_kelas
from sinovda.store.admin import DataAdmin


@pytest.fixture
def kelas_sertifikat(tmp_path: Path) -> Path:
    return buat_kelas_sertifikat(tmp_path / "kelas")


def test_kode_asli(kelas_sertifikat: Path, tmp_path: Path, capsys):
    tulis_sertifikat_kelas(kelas_sertifikat, tmp_path / "laporan")
    s = DataAdmin(kelas_sertifikat).sertifikat(NIP_LENGKAP)
    assert s is not None
    assert main(["verifikasi", s.kode.lower().replace("-", " "), "--kelas",
                 str(kelas_sertifikat)]) == 0
    keluar = capsys.readouterr().out
    assert keluar.startswith("ASLI:") and "Ni Luh Putu Ayu Wédari" in keluar
    assert f"NIP {NIP_LENGKAP}" in keluar and "Bimtek Inovasi Daerah Angkatan I" in keluar
    assert "12 Maret 2026" in keluar


def test_kode_palsu_dan_salah_bentuk(kelas_sertifikat: Path, tmp_path: Path, capsys):
    tulis_sertifikat_kelas(kelas_sertifikat, tmp_path / "laporan")
    assert main(["verifikasi", "SNV-2222-3333-4444-5555", "--kelas",
                 str(kelas_sertifikat)]) == 2
    err = capsys.readouterr().err
    assert "TIDAK ASLI" in err and "Traceback" not in err
    assert main(["verifikasi", "ABC", "--kelas", str(kelas_sertifikat)]) == 2
    assert "bukan kode sertifikat" in capsys.readouterr().err
    assert main(["verifikasi", "SNV-2222-3333-4444-5555", "--kelas",
                 str(tmp_path / "tidak-ada")]) == 2
    assert "belum ada kelas" in capsys.readouterr().err


def test_laporan_menulis_sertifikat_di_samping_laporan(kelas_sertifikat: Path, tmp_path: Path,
                                                       capsys):
    keluaran = tmp_path / "laporan"
    assert main(["laporan", "--kelas", str(kelas_sertifikat), "--keluaran", str(keluaran),
                 "--jobs", "1", "--diam"]) == 0
    keluar = capsys.readouterr().out
    assert "Sertifikat: 1 peserta memenuhi syarat" in keluar
    (folder,) = [p.parent for p in keluaran.glob("*/sertifikat.pdf")]
    assert folder.name.startswith(NIP_LENGKAP) and (folder / "laporan.pdf").is_file()


@pytest.mark.parametrize("kode", ["", "<script>alert(1)</script>", "A" * 100_000])
def test_kode_kosong_rusak_atau_sangat_panjang(kelas_sertifikat: Path, kode: str, capsys):
    assert main(["verifikasi", kode, "--kelas", str(kelas_sertifikat)]) == 2
    err = capsys.readouterr().err
    assert "bukan kode sertifikat sinovda" in err and "Traceback" not in err
    assert len(err) < 300  # a pasted page is cut, not echoed whole


def test_dengan_sinovda_db_tanpa_kelas_semua_kelas_diperiksa(pg_url: str, tmp_path: Path,
                                                              capsys, monkeypatch):
    """A BPSDM with many classes in one database: whoever checks a certificate knows its code,
    not the key of the class that issued it; with SINOVDA_DB and no class named, every class of
    the database is searched (was: 'belum ada kelas kelas di basis data')."""
    import uuid

    from sinovda.store import Store

    awalan = "v" + uuid.uuid4().hex[:8]
    Store.create(f"{pg_url}?kelas={awalan}-a", nama="Angkatan Lain").close()
    lokasi = f"{pg_url}?kelas={awalan}-b"
    buat_kelas_sertifikat(lokasi)
    tulis_sertifikat_kelas(lokasi, tmp_path / "laporan")
    s = DataAdmin(lokasi).sertifikat(NIP_LENGKAP)
    assert s is not None
    monkeypatch.setenv("SINOVDA_DB", pg_url)
    monkeypatch.delenv("SINOVDA_KELAS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["verifikasi", s.kode]) == 0
    keluar = capsys.readouterr().out
    assert keluar.startswith("ASLI:") and f"NIP {NIP_LENGKAP}" in keluar
    assert f"kunci kelas: {awalan}-b" in keluar
    assert main(["verifikasi", "SNV-2222-3333-4444-5555"]) == 2
    err = capsys.readouterr().err
    assert "TIDAK ASLI" in err and "kelas mana pun di basis data" in err
    assert "Traceback" not in err
    # a class named: only that class, as before
    assert main(["verifikasi", s.kode, "--kelas", f"{awalan}-a"]) == 2
    assert "tidak pernah diterbitkan oleh kelas ini" in capsys.readouterr().err
