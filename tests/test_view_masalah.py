"""view.masalah: module 01 as everyone shows it (ranah USG tie, APKL filter, core issue)."""

from __future__ import annotations

from sinovda.view.masalah import lihat_masalah

LOLOS = dict.fromkeys(("aktual", "problematik", "kekhalayakan", "kelayakan"), True)


def _isu(judul, u, s, g, **apkl):
    return {"judul": judul, "apkl": {**LOLOS, **apkl}, "usg": {"u": u, "s": s, "g": g}}


RANAH = [_isu("antrean panjang", 5, 4, 4), _isu("data tidak sinkron", 4, 4, 3),
         _isu("aduan lambat", 4, 5, 4)]


def test_ranah_tie_is_broken_by_urgency_and_the_top_is_the_default_core_issue():
    v = lihat_masalah({"masalah": {"isu": RANAH}})
    assert [(r.peringkat, r.judul, r.total) for r in v.peringkat] == [
        (1, "antrean panjang", 13), (2, "aduan lambat", 13), (3, "data tidak sinkron", 11)]
    assert "Urgency" in v.peringkat[0].alasan
    assert (v.isu_inti, v.isu_inti_dipilih, v.puncak) == ("antrean panjang", False,
                                                          "antrean panjang")
    dipilih = lihat_masalah({"masalah": {"isu": RANAH, "isu_inti": "aduan lambat"}})
    assert (dipilih.isu_inti, dipilih.isu_inti_dipilih) == ("aduan lambat", True)


def test_an_issue_failing_apkl_is_listed_with_why_and_never_ranked():
    isu = [_isu("Kekurangan dokter spesialis di RSUD", 5, 5, 5, kelayakan=False), *RANAH]
    v = lihat_masalah({"masalah": {"isu": isu}})
    assert [r.judul for r in v.peringkat][0] == "antrean panjang"
    assert "Kekurangan dokter spesialis di RSUD" not in [r.judul for r in v.peringkat]
    assert v.rincian_gugur == ["Kekurangan dokter spesialis di RSUD: belum memenuhi Kelayakan"]
    assert v.isu_inti == "antrean panjang"


def test_bad_rows_are_named_not_raised_and_untitled_rows_skipped():
    v = lihat_masalah({"masalah": {
        "isu": [{"judul": "", "usg": {"u": 9}}, {"judul": "X", "usg": {"u": "tinggi"}}, *RANAH],
        "fishbone": [{"kategori": "Manusia", "sebab": "Petugas kurang"},
                     {"kategori": "", "sebab": "SOP lama"}, {"kategori": "Manusia", "sebab": ""}],
        "pemangku": [{"nama": "Camat", "pengaruh": 5, "kepentingan": 4},
                     {"nama": "LSM", "pengaruh": 9, "kepentingan": 1}]}})
    assert len(v.isu) == 3 and any("Isu 'X'" in g for g in v.galat)
    assert v.sebab_terisi == {"Manusia": ("Petugas kurang",)}
    assert v.sebab_tanpa_kategori == (2,)
    assert [p.nama for p in v.pemangku] == ["Camat"]
    assert any("Pemangku 'LSM'" in g for g in v.galat)


def test_nothing_stored_is_an_empty_view():
    v = lihat_masalah({})
    assert v.isu == () and v.peringkat == () and v.isu_inti == "" and v.galat == ()
    assert lihat_masalah({"masalah": {"isu": "bukan daftar"}}).isu == ()
