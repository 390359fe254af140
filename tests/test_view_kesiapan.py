"""view.kesiapan: module 05's IID readiness as the form, report and recap show it."""

from __future__ import annotations

from sinovda.data.settings import load_iid
from sinovda.view.kesiapan import ambang, lihat_kesiapan, nilai_dari, tahun_ambang, tahun_berlaku


def test_empty_is_none_and_a_level_is_scored_with_two_decimals():
    assert lihat_kesiapan({}) is None
    assert lihat_kesiapan({"replikasi": {"kesiapan": {}}}) is None
    v = lihat_kesiapan({"replikasi": {"kesiapan": {"regulasi": 3}}})
    assert v is not None and v.skor == 8.11  # 9 of 111 points
    assert v.kategori == "Kurang Inovatif" and "ambang kategori tahun" in v.keterangan
    assert [r.nama for r in v.terisi] == [next(i.nama for i in load_iid().indikator
                                               if i.kode == "regulasi")]


def test_opportunities_are_the_biggest_open_weights():
    semua = {i.kode: 3 for i in load_iid().indikator}
    penuh = nilai_dari(semua)
    assert penuh.skor == 100 and penuh.peluang == ()
    satu_kurang = nilai_dari({**semua, "regulasi": 0})
    assert satu_kurang.peluang[0][0] == next(i.nama for i in load_iid().indikator
                                             if i.kode == "regulasi")


def test_thresholds_by_year():
    tahun = [t for t, _, _ in tahun_ambang()]
    assert tahun_berlaku() in tahun
    assert ambang(tahun_berlaku())[0][0]
