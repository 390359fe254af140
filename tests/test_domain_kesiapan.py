"""IID readiness: score, category by the thresholds of a stated year, mandatory indicators."""

import pytest

from sinovda.data.settings import load_iid, load_pengaturan
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.kesiapan import DaftarIID, IndikatorIID, nilai_kesiapan, ringkasan

P = load_pengaturan()
IID = load_iid()
SEMUA = [i.kode for i in IID.indikator]


def test_maksimum_satu_inovasi_111_dan_label_ilustratif():
    assert len(IID.indikator) == 20 and IID.maksimum == 111
    assert "BSKDN" in IID.catatan


def test_semua_level_3_sangat_inovatif_2023():
    h = nilai_kesiapan({k: 3 for k in SEMUA}, IID, P)
    assert (h.skor, h.total, h.kategori, h.tahun) == (100, 111, "Sangat Inovatif", 2023)
    assert h.terverifikasi and h.wajib_belum == () and h.belum_diisi == ()


def test_semua_level_1_inovatif_2023_kurang_inovatif_2026():
    isian = {k: 1 for k in SEMUA}  # 37 / 111 = 33.33
    assert nilai_kesiapan(isian, IID, P).kategori == "Kurang Inovatif"
    isian = {k: 2 for k in SEMUA}  # 74 / 111 = 66.67
    assert nilai_kesiapan(isian, IID, P).kategori == "Sangat Inovatif"
    h26 = nilai_kesiapan(isian, IID, P, tahun=2026)
    assert h26.kategori == "Sangat Inovatif" and h26.tahun == 2026 and not h26.terverifikasi
    assert "belum terverifikasi" in ringkasan(h26)


def test_skor_dibulatkan_dua_desimal_sebelum_kategori():
    # 1 of 3 indicators of weight 1 at level 1 + ... : 35/100 built from weights 35 and 65
    daftar = DaftarIID("uji", (IndikatorIID("a", "A", 35, False, ("1", "2", "3")),
                               IndikatorIID("b", "B", 65, False, ("1", "2", "3"))))
    h = nilai_kesiapan({"a": 3, "b": 0}, daftar, P)
    assert (h.skor, h.kategori) == (35.0, "Inovatif")
    assert nilai_kesiapan({"a": 3, "b": 0}, daftar, P, tahun=2026).kategori == "Kurang Inovatif"


def test_batas_kategori_2023_dan_2026_tepat():
    skala23, skala26 = P.iid.untuk_tahun(2023).skala, P.iid.untuk_tahun(2026).skala
    cek = {60.01: ("Sangat Inovatif", "Inovatif"), 60.0: ("Inovatif", "Inovatif"),
           35.0: ("Inovatif", "Kurang Inovatif"), 34.99: ("Kurang Inovatif", "Kurang Inovatif"),
           40.01: ("Inovatif", "Inovatif"), 65.01: ("Sangat Inovatif", "Sangat Inovatif"),
           0.01: ("Kurang Inovatif", "Kurang Inovatif"),
           0: ("Tidak Dapat Dinilai", "Tidak Dapat Dinilai")}
    for skor, (k23, k26) in cek.items():
        assert (skala23.cari(skor).label, skala26.cari(skor).label) == (k23, k26), skor


def test_wajib_belum_dan_belum_diisi():
    isian = {k: 2 for k in SEMUA if k not in ("regulasi", "video")}
    isian["kemanfaatan"] = 0
    h = nilai_kesiapan(isian, IID, P)
    assert h.wajib_belum == ("Regulasi inovasi", "Kemanfaatan inovasi",
                             "Kualitas inovasi (video)")
    assert h.belum_diisi == ("Regulasi inovasi", "Kualitas inovasi (video)")
    assert h.total == (37 - 3 - 4 - 3) * 2
    assert "Indikator wajib yang belum terpenuhi: Regulasi inovasi" in ringkasan(h)


def test_level_tidak_sah_dan_tahun_tak_ada():
    with pytest.raises(InputTidakValid, match="Indikator IID 'Alat kerja': level '4'"):
        nilai_kesiapan({"alat_kerja": 4}, IID, P)
    with pytest.raises(InputTidakValid, match="ambang IID tahun 2019 tidak ada"):
        nilai_kesiapan({}, IID, P, tahun=2019)
    assert nilai_kesiapan({"alat_kerja": "2"}, IID, P).total == 4
