"""Rencana aksi: completeness and the problem -> innovation -> indicator links."""

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.rencana_aksi import (
    BarisRencanaAksi,
    cek_kelengkapan,
    cek_tautan,
    daftar_baris,
    kelengkapan,
    periksa_tautan,
)

MASALAH = {
    "isu": [{"judul": "Layanan lambat"}, {"judul": "Data tidak sinkron"}],
    "isu_inti": "Layanan lambat",
    "akar_masalah": "Verifikasi berkas masih manual",
}
INOVASI = {"nama": "Aplikasi layanan online"}
INDIKATOR = [{"kode": "IK-01", "nama": "Waktu layanan"}]
BARIS = {  # contoh seed 002
    "permasalahan": "Layanan lambat", "inovasi": "Aplikasi layanan online", "opd": "Dinas PTSP",
    "target_waktu": "6 bulan", "indikator_keberhasilan": "IK-01: Waktu layanan turun 50%",
    "jangka_pendek": "Uji coba di satu loket", "jangka_menengah": "Semua loket",
    "jangka_panjang": "Terhubung dengan Mal Pelayanan Publik",
}


def test_contoh_seed_lengkap_dan_terkait():
    assert kelengkapan([BARIS]) == 1
    assert cek_kelengkapan([BARIS]) == []
    h = periksa_tautan([BARIS], MASALAH, INOVASI, INDIKATOR)
    assert h.putus == () and h.skor == 1 and h.jumlah_cek == 4


def test_kelengkapan_sebagian_dan_baris_kosong_dilewati():
    rows = [{**BARIS, "target_waktu": "", "jangka_panjang": None}, {k: "" for k in BARIS}]
    assert len(daftar_baris(rows)) == 1
    assert kelengkapan(rows) == pytest.approx(6 / 8)
    assert cek_kelengkapan(rows) == [
        "Baris 1: Target Waktu, Tonggak jangka panjang belum diisi"]
    assert kelengkapan([]) == 0 and cek_kelengkapan(None) == ["Rencana aksi belum berisi baris"]


def test_tautan_putus_dijelaskan():
    row = {**BARIS, "permasalahan": "Jalan rusak", "inovasi": "Drone patroli",
           "indikator_keberhasilan": "IK-9 naik"}
    pesan = cek_tautan([row], MASALAH, INOVASI, INDIKATOR)
    assert pesan == [
        "Baris 1: Permasalahan 'Jalan rusak' tidak sesuai dengan isu mana pun di modul "
        "Identifikasi Masalah",
        "Baris 1: Inovasi 'Drone patroli' berbeda dengan inovasi yang dirancang "
        "('Aplikasi layanan online')",
        "Baris 1: Indikator Keberhasilan 'IK-9 naik' tidak menyebut kode atau nama indikator "
        "mana pun di modul Indikator",
    ]
    assert periksa_tautan([row], MASALAH, INOVASI, INDIKATOR).skor == pytest.approx(1 / 4)


def test_tautan_lewat_nama_indikator_akar_masalah_dan_huruf_besar_kecil():
    row = {**BARIS, "permasalahan": "verifikasi berkas masih MANUAL",
           "indikator_keberhasilan": "Rata-rata waktu layanan menjadi 2 hari"}
    assert cek_tautan([row], MASALAH, INOVASI, INDIKATOR) == []


def test_kode_indikator_tidak_cocok_sebagian():
    row = {**BARIS, "indikator_keberhasilan": "IK-010 tercapai"}
    assert cek_tautan([row], MASALAH, INOVASI, [{"kode": "IK-01", "nama": "x"}])


def test_isu_inti_dan_modul_belum_diisi():
    pesan = cek_tautan([BARIS], {"isu": [], "isu_inti": "Parkir liar"}, {}, [])
    assert pesan[0] == "Isu inti 'Parkir liar' tidak ada di daftar isu"
    assert any("nama inovasi di modul Rancangan Inovasi belum diisi" in p for p in pesan)
    assert any("belum ada indikator" in p for p in pesan)
    assert cek_tautan([], None, None, None) == ["Isu inti belum dipilih"]


def test_baris_bukan_dict_ditolak_dan_bolak_balik():
    with pytest.raises(InputTidakValid, match="baris rencana aksi"):
        BarisRencanaAksi.from_dict("x")  # type: ignore[arg-type]
    b = BarisRencanaAksi.from_dict(BARIS)
    assert b.to_dict() == BARIS


def test_tanpa_baris_tidak_pernah_tersambung_utuh():
    """Issue 14: the core-issue check alone (1 of 1) must not make an empty plan fully linked."""
    h = periksa_tautan([], MASALAH, INOVASI, INDIKATOR)
    assert h.putus == () and h.jumlah_cek == 1 and h.jumlah_baris == 0
    assert h.skor == 0
    assert periksa_tautan([BARIS], MASALAH, INOVASI, INDIKATOR).jumlah_baris == 1
