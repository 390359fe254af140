"""view.inovasi: the innovation record with labels, the PP 38/2017 checklist, broken links."""

from __future__ import annotations

from sinovda.view.inovasi import label_kode, lihat_inovasi


def test_record_labels_and_checklist():
    v = lihat_inovasi({"inovasi": {
        "inovasi": {"nama": "SIANTRI", "bentuk": "pelayanan_publik", "jenis": "digital",
                    "urusan": "kode_tak_dikenal"},
        "kriteria": {"pembaharuan": True, "bermanfaat": True}}})
    assert v.ada and v.label["jenis"] == "Digital" and v.label["urusan"] == "kode_tak_dikenal"
    assert ("Bentuk", v.label["bentuk"]) in v.rincian() and ("Cara kerja", "-") in v.rincian()
    assert [k.terpenuhi for k in v.kriteria] == [True, True, False, False, False]
    assert len(v.kriteria_kurang) == 3
    assert any("tidak dikenal" in k for k in v.kurang)


def test_untouched_checklist_and_empty_record():
    v = lihat_inovasi({})
    assert not v.ada and v.kriteria is None and v.tautan_putus == ()
    assert label_kode({"jenis": ""}) == {}


def test_broken_links_of_the_action_plan_are_named():
    v = lihat_inovasi({"inovasi": {"inovasi": {"nama": "SIANTRI"},
                                   "rencana_aksi": [{"permasalahan": "tidak ada di modul 01",
                                                     "inovasi": "lain"}]}})
    assert v.tautan_putus


def test_rencana_aksi_dan_kolom_kosong_bernomor_seperti_modul_02():
    """The plan's rows skip empty rows and non-records; the empty columns are named per row
    with the same numbers (module 02's hint, module 06, the grading page and the report)."""
    from sinovda.view.inovasi import lihat_inovasi, rencana_aksi

    jawaban = {"inovasi": {"rencana_aksi": [
        {}, "rusak", {"permasalahan": "Antrean", "inovasi": "Loket daring", "opd": "DPMPTSP",
                      "target_waktu": "2027", "indikator_keberhasilan": "IK1",
                      "jangka_pendek": "Uji coba", "jangka_menengah": "Penerapan",
                      "jangka_panjang": "Replikasi"},
        {"permasalahan": "Aduan lambat"}]}}
    rows = rencana_aksi(jawaban)
    assert [r.permasalahan for r in rows] == ["Antrean", "Aduan lambat"]
    kurang = lihat_inovasi(jawaban).rencana_kurang
    assert len(kurang) == 1 and kurang[0].startswith("Baris 2: Inovasi yang Direncanakan")
    assert lihat_inovasi({}).rencana_kurang == ()
