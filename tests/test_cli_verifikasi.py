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
