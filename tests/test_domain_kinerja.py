"""Capaian, yearly realisasi from quarters, predikat and SAKIP grade (ranah worked examples)."""

import dataclasses

import pytest

from sinovda.data.settings import load_pengaturan
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.kinerja import (
    capaian,
    hitung_capaian,
    nilai_sakip,
    predikat,
    predikat_sakip,
    realisasi_tahunan,
)

P = load_pengaturan()
TANPA_BATAS = dataclasses.replace(P.capaian, batas_atas=None, batas_bawah=None)


def test_positif_ranah_85_80():
    c = capaian(85, 80, "positif", P)
    assert c == 94.12
    assert predikat(c, P).label == "Sangat Tinggi"


def test_negatif_ranah_waktu_layanan_dibatasi_120():
    h = hitung_capaian(3, 2, "negatif", P)
    assert h.mentah == pytest.approx(133.333, abs=1e-3)
    assert h.nilai == 120 and h.dibatasi
    assert "dibatasi 120" in h.rumus and "(2 x 3 - 2) / 3" in h.rumus
    assert capaian(3, 2, "negatif", TANPA_BATAS) == 133.33


def test_negatif_ranah_pengaduan_tertunda_80_tinggi():
    c = capaian(10, 12, "negatif", P)
    assert c == 80
    assert predikat(c, P).label == "Tinggi"


def test_batas_bawah_nol_untuk_negatif_jauh_melampaui():
    assert capaian(3, 10, "negatif", TANPA_BATAS) == pytest.approx(-133.33)
    assert capaian(3, 10, "negatif", P) == 0


@pytest.mark.parametrize(
    ("realisasi", "hasil", "kata"),
    [
        (82, 100, "di dalam rentang"),
        (85, 100, "di dalam rentang"),
        (90, pytest.approx(94.12), "rumus negatif terhadap batas atas"),  # (170-90)/85
        (72, 90, "rumus positif terhadap batas bawah"),  # 72/80
    ],
)
def test_rentang_80_85(realisasi, hasil, kata):
    h = hitung_capaian([80, 85], realisasi, "rentang", P)
    assert h.nilai == hasil
    assert kata in h.rumus


def test_rentang_terbalik_dan_bukan_pasangan_ditolak():
    with pytest.raises(InputTidakValid, match="batas bawah target"):
        capaian([85, 80], 82, "rentang", P)
    with pytest.raises(InputTidakValid, match="dua angka"):
        capaian(85, 82, "rentang", P)


def test_target_nol_nilai_tetap():
    assert capaian(0, 0, "negatif", P) == 100
    assert capaian(0, 2, "negatif", P) == 0  # target nol kecelakaan, terjadi 2
    assert capaian(0, 5, "positif", P) == 100


def test_target_nol_tidak_dapat_dihitung():
    aturan = dataclasses.replace(P.capaian, target_nol="tidak_dapat_dihitung")
    h = hitung_capaian(0, 3, "positif", aturan)
    assert h.nilai is None and "tidak dapat dihitung" in h.rumus
    assert predikat(h.nilai, P) is None


def test_batas_atas_dari_pengaturan():
    aturan = dataclasses.replace(P.capaian, batas_atas=110)
    assert capaian(100, 130, "positif", aturan) == 110
    assert capaian(100, 130, "positif", TANPA_BATAS) == 130


def test_teks_dan_koma_desimal_diterima_bukan_angka_ditolak():
    assert capaian("85", "80,0", "positif", P) == 94.12
    with pytest.raises(InputTidakValid, match="realisasi 'delapan' bukan angka"):
        capaian(85, "delapan", "positif", P)
    with pytest.raises(InputTidakValid, match="polaritas 'naik'"):
        capaian(85, 80, "naik", P)


def test_realisasi_tahunan_ranah():
    assert realisasi_tahunan([120, 150, 130, 100], "kumulatif") == 500
    assert realisasi_tahunan([78, 80, 81, 83], "posisi") == 83


def test_realisasi_tahunan_triwulan_kosong_dilewati():
    assert realisasi_tahunan([120, None, 130, None], "kumulatif") == 250
    assert realisasi_tahunan([78, 80, None, None], "posisi") == 80
    assert realisasi_tahunan([None, None, None, None], "posisi") is None
    assert realisasi_tahunan([], "kumulatif") is None
    with pytest.raises(InputTidakValid, match="TW III 'x' bukan angka"):
        realisasi_tahunan([1, 2, "x"], "kumulatif")
    with pytest.raises(InputTidakValid, match="agregasi 'rata'"):
        realisasi_tahunan([1], "rata")


@pytest.mark.parametrize(
    ("nilai", "label"),
    [(130, "Sangat Tinggi"), (100, "Sangat Tinggi"), (91, "Sangat Tinggi"),
     (90.5, "Sangat Tinggi"), (90, "Tinggi"), (76, "Tinggi"), (75.5, "Tinggi"),
     (75, "Sedang"), (66, "Sedang"), (65, "Rendah"), (51, "Rendah"), (50, "Sangat Rendah"),
     (0, "Sangat Rendah"), (-20, "Sangat Rendah")],
)
def test_predikat_batas(nilai, label):
    assert predikat(nilai, P).label == label


@pytest.mark.parametrize(
    ("nilai", "huruf"),
    [(95, "AA"), (90, "A"), (80.01, "A"), (80, "BB"), (70, "B"), (60, "CC"), (50, "C"),
     (30.5, "C"), (30, "D"), (0, "D")],
)
def test_predikat_sakip(nilai, huruf):
    assert predikat_sakip(nilai, P).label == huruf


def test_nilai_sakip_dari_komponen():
    total, huruf = nilai_sakip({"perencanaan": 25, "pengukuran": 24, "pelaporan": 12,
                                "evaluasi": 18.5}, P)
    assert total == 79.5 and huruf.label == "BB"
    with pytest.raises(InputTidakValid, match="Pelaporan Kinerja' 20 harus 0-15"):
        nilai_sakip({"perencanaan": 25, "pengukuran": 24, "pelaporan": 20, "evaluasi": 18}, P)
    with pytest.raises(InputTidakValid, match="belum diisi"):
        nilai_sakip({"perencanaan": 25}, P)


@pytest.mark.parametrize("polaritas", ["positif", "negatif"])
def test_target_negatif_menjaga_urutan(polaritas):
    # target -2 (e.g. growth of a backlog, %): a worse result never scores above a better one
    lebih_baik, lebih_buruk = (-1, -3) if polaritas == "positif" else (-3, -1)
    baik = hitung_capaian(-2, lebih_baik, polaritas, TANPA_BATAS).nilai
    tepat = hitung_capaian(-2, -2, polaritas, TANPA_BATAS).nilai
    buruk = hitung_capaian(-2, lebih_buruk, polaritas, TANPA_BATAS).nilai
    assert buruk < tepat == 100 < baik
    assert (baik, buruk) == (150, 50)
    # with the settings' cap and floor the order still holds
    assert capaian(-2, lebih_buruk, polaritas, P) < capaian(-2, lebih_baik, polaritas, P)
    assert "target negatif" in hitung_capaian(-2, -3, polaritas, P).rumus


@pytest.mark.parametrize(("target", "realisasi", "polaritas"),
                         [(85, 80, "positif"), (3, 2, "negatif"), (10, 12, "negatif"),
                          (85, 90, "positif"), (0.5, 0.4, "positif")])
def test_rumus_ranah_tetap_untuk_target_positif(target, realisasi, polaritas):
    h = hitung_capaian(target, realisasi, polaritas, TANPA_BATAS)
    ranah = (realisasi / target if polaritas == "positif"
             else (2 * target - realisasi) / target) * 100
    assert h.mentah == pytest.approx(ranah)


def test_target_rentang_untuk_polaritas_positif_dan_negatif():
    # inside = 100; above/below: the polaritas' formula against the nearer bound
    assert capaian([88, 90], 89, "positif", TANPA_BATAS) == 100
    assert capaian([88, 90], 99, "positif", TANPA_BATAS) == 110  # 99 / 90
    assert capaian([88, 90], 80, "positif", TANPA_BATAS) == 90.91  # 80 / 88
    assert capaian([2, 3], 1, "negatif", TANPA_BATAS) == 150  # (4 - 1) / 2
    assert capaian([2, 3], 4, "negatif", TANPA_BATAS) == 66.67  # (6 - 4) / 3
    assert capaian("88-90", 89, "positif", TANPA_BATAS) == 100


def test_tahun_sementara_posisi_dan_kumulatif():
    from sinovda.domain.kinerja import keterangan_sementara, sementara

    assert sementara([120, 150, None, None], "kumulatif")
    assert not sementara([120, 150, 130, 100], "kumulatif")
    assert sementara([78, 80, 81, None], "posisi")
    assert not sementara([78, None, None, 83], "posisi")
    assert not sementara([None] * 4, "posisi")
    assert keterangan_sementara([120, 150]) == ("sementara: baru TW I, II yang dilaporkan; "
                                                "tahun belum selesai")
