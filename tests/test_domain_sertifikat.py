"""Certificate rules: eligibility from the settings, the verification code, Indonesian dates."""

import pytest

from sinovda.domain import sertifikat as ds
from sinovda.domain.errors import InputTidakValid

RAHASIA = b"k" * 32
NIP = "198503152010011001"  # ranah.md: valid PNS NIP
SELESAI = {"pengantar": "selesai", "masalah": "selesai", "penutup": "selesai"}
JUDUL = {"pengantar": "Pengantar", "masalah": "Identifikasi Masalah", "penutup": "Penutup"}


def test_layak_bila_semua_syarat_terpenuhi():
    k = ds.kelayakan(ds.AturanSertifikat(rubrik_minimal=60), SELESAI, JUDUL, True, 72.5)
    assert k.layak and k.kurang == ()


def test_setiap_syarat_yang_kurang_disebut():
    status = {**SELESAI, "masalah": "sedang"}
    k = ds.kelayakan(ds.AturanSertifikat(rubrik_minimal=60), status, JUDUL, False, 55)
    assert not k.layak
    assert k.kurang == ("modul belum selesai: Identifikasi Masalah", "post-test belum dikirim",
                        "nilai rubrik 55 di bawah batas minimal 60")
    k = ds.kelayakan(ds.AturanSertifikat(), SELESAI, JUDUL, True, None)
    assert k.kurang == ("nilai rubrik rencana aksi belum lengkap",)


def test_aturan_longgar_dari_pengaturan():
    aturan = ds.AturanSertifikat(modul_wajib=("pengantar",), posttest_terkirim=False,
                                 rubrik_minimal=None)
    status = {"pengantar": "selesai", "masalah": "belum", "penutup": "belum"}
    assert ds.kelayakan(aturan, status, JUDUL, False, None).layak
    # rubric exactly at the minimum passes; 59.99 does not
    aturan = ds.AturanSertifikat(rubrik_minimal=60)
    assert ds.kelayakan(aturan, SELESAI, JUDUL, True, 60).layak
    assert not ds.kelayakan(aturan, SELESAI, JUDUL, True, 59.99).layak


def test_kode_tetap_dan_bergantung_pada_rahasia():
    kode = ds.buat_kode(RAHASIA, "kelas-1", NIP, "2026-03-12")
    assert kode == ds.buat_kode(RAHASIA, "kelas-1", NIP, "2026-03-12")
    assert kode.startswith("SNV-") and len(kode) == 3 + 4 * 5
    assert all(c in ds.ALFABET for c in kode[4:].replace("-", ""))
    # another secret, class, NIP or date: another code
    lain = {ds.buat_kode(b"x" * 32, "kelas-1", NIP, "2026-03-12"),
            ds.buat_kode(RAHASIA, "kelas-2", NIP, "2026-03-12"),
            ds.buat_kode(RAHASIA, "kelas-1", "198503152010011002", "2026-03-12"),
            ds.buat_kode(RAHASIA, "kelas-1", NIP, "2026-03-13")}
    assert kode not in lain and len(lain) == 4


def test_kode_dicocokkan_tanpa_peduli_huruf_dan_spasi():
    kode = ds.buat_kode(RAHASIA, "k", NIP, "2026-03-12")
    ketik = kode.lower().replace("-", " ")
    assert ds.kode_cocok(ketik, RAHASIA, "k", NIP, "2026-03-12")
    assert ds.kode_cocok(kode[4:], RAHASIA, "k", NIP, "2026-03-12")  # without the prefix
    assert not ds.kode_cocok(kode, RAHASIA, "k", NIP, "2026-03-13")
    palsu = kode[:-1] + ("2" if kode[-1] != "2" else "3")
    assert not ds.kode_cocok(palsu, RAHASIA, "k", NIP, "2026-03-12")
    assert not ds.kode_cocok("bukan kode", RAHASIA, "k", NIP, "2026-03-12")


def test_kode_yang_bentuknya_salah_ditolak_dengan_pesan():
    with pytest.raises(InputTidakValid, match="bukan kode sertifikat"):
        ds.normalisasi_kode("SNV-0000-1111")
    with pytest.raises(InputTidakValid, match="rahasia"):
        ds.buat_kode(b"pendek", "k", NIP, "2026-03-12")


def test_tanggal_indonesia():
    assert ds.tanggal_indonesia("2026-03-12") == "12 Maret 2026"
    assert ds.rentang_tanggal("2026-03-09", "2026-03-12") == "9-12 Maret 2026"
    assert ds.rentang_tanggal("2026-02-28", "2026-03-03") == "28 Februari - 3 Maret 2026"
    assert ds.rentang_tanggal("2025-12-30", "2026-01-02") == "30 Desember 2025 - 2 Januari 2026"
    assert ds.rentang_tanggal("2026-03-09", "") == "9 Maret 2026"
    with pytest.raises(InputTidakValid, match="sebelum tanggal mulai"):
        ds.rentang_tanggal("2026-03-12", "2026-03-09")
    with pytest.raises(InputTidakValid, match="tanggal '2026-13-01' tidak sah"):
        ds.tanggal_indonesia("2026-13-01")


def test_daftar_modul_wajib():
    assert ds.daftar_modul("semua") is None and ds.daftar_modul(None) is None
    assert ds.daftar_modul(["pengantar", " masalah "]) == ("pengantar", "masalah")
    with pytest.raises(InputTidakValid):
        ds.daftar_modul("sebagian")
