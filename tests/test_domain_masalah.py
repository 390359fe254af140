"""APKL, USG ranking with its stated tie-break, fishbone grouping, stakeholder quadrants."""

import dataclasses

import pytest

from sinovda.data.settings import load_pengaturan
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.masalah import (
    ATURAN_SERI,
    Isu,
    apkl_kurang,
    kelompok_fishbone,
    kuadran,
    lolos_apkl,
    petakan_pemangku,
    ranking_usg,
    saring_apkl,
)

YA = dict(aktual=True, problematik=True, kekhalayakan=True, kelayakan=True)


def contoh_ranah() -> list[Isu]:
    return [
        Isu("data tidak sinkron", **YA, u=4, s=4, g=3),
        Isu("aduan lambat", **YA, u=4, s=5, g=4),
        Isu("antrean panjang", **YA, u=5, s=4, g=4),
    ]


def test_ranah_seri_13_dipecah_oleh_urgency():
    hasil = ranking_usg(contoh_ranah())
    assert [h.judul for h in hasil] == ["antrean panjang", "aduan lambat", "data tidak sinkron"]
    assert [h.total for h in hasil] == [13, 13, 11]
    assert [h.peringkat for h in hasil] == [1, 2, 3]
    assert "Kemendesakan (U, Urgency) lebih tinggi (5 > 4)" in hasil[0].alasan
    assert "total USG lebih tinggi (13 > 11)" in hasil[1].alasan
    assert hasil[2].alasan == "Peringkat terakhir."
    assert hasil[0].urutan_masuk == 3


def test_urutan_sama_di_setiap_urutan_masukan_kecuali_seri_penuh():
    isu = contoh_ranah()
    for urut in (isu, isu[::-1], [isu[1], isu[2], isu[0]]):
        assert [h.judul for h in ranking_usg(urut)][0] == "antrean panjang"


@pytest.mark.parametrize(
    ("a", "b", "kata"),
    [
        ((4, 5, 4), (4, 4, 5), "Keseriusan (S, Seriousness) lebih tinggi (5 > 4)"),
        ((4, 4, 5), (4, 4, 5), "ditulis lebih dulu (urutan ke-1, 'B' ke-2)"),
        ((3, 3, 4), (3, 4, 3), None),  # S lebih tinggi menang walau ditulis belakangan
    ],
)
def test_pemecah_seri_berjenjang(a, b, kata):
    hasil = ranking_usg([Isu("A", **YA, u=a[0], s=a[1], g=a[2]),
                         Isu("B", **YA, u=b[0], s=b[1], g=b[2])])
    if kata:
        assert hasil[0].judul == "A" and kata in hasil[0].alasan
    else:
        assert hasil[0].judul == "B"
        assert "Keseriusan (S, Seriousness) lebih tinggi (4 > 3)" in hasil[0].alasan


def test_aturan_seri_untuk_layar_menyebut_urutan_kriteria():
    for kata in ("kemendesakan (U, Urgency)", "keseriusan (S, Seriousness)",
                 "perkembangan (G, Growth)", "lebih dulu"):
        assert kata in ATURAN_SERI


def test_usg_di_luar_skala_menyebut_isu_dan_kriteria():
    with pytest.raises(InputTidakValid,
                       match="Isu 'aduan lambat': nilai Keseriusan \\(S, Seriousness\\) '6'"):
        ranking_usg([Isu("aduan lambat", u=4, s=6, g=4)])
    with pytest.raises(InputTidakValid, match="Growth"):
        ranking_usg([Isu("x", u=4, s=3, g=0)])


def test_from_dict_kontrak_dan_to_dict_bolak_balik():
    row = {"judul": " antrean panjang ", "apkl": {"aktual": True, "problematik": True,
           "kekhalayakan": True, "kelayakan": False}, "usg": {"u": "5", "s": 4, "g": 4}}
    isu = Isu.from_dict(row)
    assert (isu.judul, isu.u, isu.total) == ("antrean panjang", 5, 13)
    assert not lolos_apkl(isu) and apkl_kurang(isu) == ["Kelayakan"]
    assert Isu.from_dict(isu.to_dict()) == isu
    with pytest.raises(InputTidakValid,
                       match="Isu ke-2: nilai Kemendesakan \\(U, Urgency\\) 'tinggi'"):
        Isu.from_dict({"judul": "", "usg": {"u": "tinggi", "s": 3, "g": 3}}, nomor=2)


def test_saring_apkl():
    lolos, gugur = saring_apkl([Isu("a", **YA, u=1, s=1, g=1), Isu("b", u=5, s=5, g=5)])
    assert [i.judul for i in lolos] == ["a"] and [i.judul for i in gugur] == ["b"]
    assert apkl_kurang(gugur[0]) == ["Aktual", "Problematik", "Kekhalayakan", "Kelayakan"]


def test_fishbone_dikelompokkan_menurut_urutan_pengaturan():
    p = load_pengaturan()
    rows = [{"kategori": "Metode", "sebab": "SOP belum ada"},
            {"kategori": "manusia", "sebab": "Petugas loket dua orang"},
            {"kategori": "Metode", "sebab": " "},
            {"kategori": "Metode", "sebab": "Verifikasi manual"}]
    grup = kelompok_fishbone(rows, p)
    assert list(grup) == list(p.fishbone_kategori)
    assert grup["Metode"] == ["SOP belum ada", "Verifikasi manual"]
    assert grup["Manusia"] == ["Petugas loket dua orang"]


def test_fishbone_kategori_tak_dikenal_ditolak():
    with pytest.raises(InputTidakValid, match="Sebab ke-1 \\('Dana kurang'\\): kategori 'Uang'"):
        kelompok_fishbone([{"kategori": "Uang", "sebab": "Dana kurang"}], ["Manusia", "Metode"])


@pytest.mark.parametrize(
    ("pengaruh", "kepentingan", "kode", "kata"),
    [(5, 5, "promoters", "dekat"), (4, 2, "latents", "kepuasan"),
     (2, 4, "defenders", "informasi"), (1, 1, "apathetics", "Pantau"),
     (3, 3, "promoters", "dekat"), (2.9, 3, "defenders", "informasi")],
)
def test_kuadran_pemangku(pengaruh, kepentingan, kode, kata):
    k = kuadran(pengaruh, kepentingan, load_pengaturan())
    assert k.kode == kode and kata in k.saran


def test_kuadran_ambang_dari_pengaturan():
    p = load_pengaturan()
    ketat = dataclasses.replace(p.pemangku, batas_tinggi=4)
    assert kuadran(3, 3, ketat).kode == "apathetics"
    assert kuadran(3, 3, p).kode == "promoters"


def test_kuadran_nilai_salah_menyebut_pemangku():
    with pytest.raises(InputTidakValid, match="Pemangku 'Camat': nilai pengaruh '9' harus 1-5"):
        kuadran(9, 3, load_pengaturan(), nama="Camat")
    rows = [{"nama": "Kepala Dinas", "pengaruh": 5, "kepentingan": 4},
            {"nama": "", "pengaruh": 1, "kepentingan": 1},
            {"nama": "LSM", "pengaruh": "2", "kepentingan": "5"}]
    peta = petakan_pemangku(rows, load_pengaturan())
    assert [(m.nama, m.kuadran.kode) for m in peta] == [("Kepala Dinas", "promoters"),
                                                       ("LSM", "defenders")]
