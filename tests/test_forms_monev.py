"""Module 04 on a real class store: quarterly realisasi saved, capaian/predikat shown, gaps."""

from __future__ import annotations

from conftest import NIP_PESERTA as NIP

from sinovda.forms.monev import FormMonev

INDIKATOR = [  # ranah.md worked examples
    {"kode": "IK-1", "nama": "Indeks kepuasan masyarakat", "level": "outcome", "satuan": "indeks",
     "polaritas": "positif", "baseline": 78, "target": {"2027": 85}, "agregasi": "posisi"},
    {"kode": "IK-2", "nama": "Waktu layanan izin", "level": "output", "satuan": "hari",
     "polaritas": "negatif", "baseline": 5, "target": {"2027": 3}, "agregasi": "posisi"},
    {"kode": "IK-3", "nama": "Pengaduan tertunda", "level": "output", "satuan": "persen",
     "polaritas": "negatif", "baseline": 15, "target": {"2027": 10}, "agregasi": "posisi"},
    {"kode": "IK-4", "nama": "Jumlah layanan online", "level": "output", "satuan": "layanan",
     "polaritas": "positif", "baseline": 300, "target": {"2027": 600, "2028": 700},
     "agregasi": "kumulatif"},
]


def _form(store):
    store.save(NIP, "indikator", "indikator", INDIKATOR)
    return FormMonev(store, NIP)


def _isi(form, kode, *tw):
    for i, v in enumerate(tw, 1):
        form.realisasi.grup[kode].inputs[f"tw{i}"].value = v


def test_quarterly_values_are_saved_in_the_contract_shape(store):
    f = _form(store)
    _isi(f, "IK-4", "120", "150", "130", "100")
    _isi(f, "IK-1", "75", "80,5")
    real = store.load(NIP, "monev", "realisasi")
    assert real["IK-4"] == {"tahun": "2027", "tw": [120, 150, 130, 100]}
    assert real["IK-1"] == {"tahun": "2027", "tw": [75, 80.5, None, None]}
    assert "Tersimpan" in f.realisasi.status.value


def test_capaian_and_predikat_follow_the_worked_examples(store):
    f = _form(store)
    _isi(f, "IK-1", "78", "80")           # posisi: 80 of 85 -> 94.12 Sangat Tinggi
    _isi(f, "IK-2", "", "2")              # negatif 3/2 -> 133.33 capped at 120
    _isi(f, "IK-3", "12")                 # negatif 10/12 -> 80 Tinggi
    _isi(f, "IK-4", "120", "150", "130", "100")  # kumulatif 500 of 600 -> 83.33 Tinggi
    hasil = {h.kode: h for h in f.hasil()}
    assert (hasil["IK-1"].realisasi, hasil["IK-1"].capaian, hasil["IK-1"].predikat) == \
        (80, 94.12, "Sangat Tinggi")
    assert (hasil["IK-2"].capaian, hasil["IK-2"].predikat) == (120, "Sangat Tinggi")
    assert (hasil["IK-3"].capaian, hasil["IK-3"].predikat) == (80, "Tinggi")
    assert (hasil["IK-4"].realisasi, hasil["IK-4"].capaian) == (500, 83.33)
    tabel = f.tabel_capaian.value
    assert "94,12%" in tabel and "Sangat Tinggi" in tabel and "dibatasi 120" in tabel
    assert "#1b7f3b" in tabel  # predikat colour from modul/pengaturan.yaml
    assert f.grafik_capaian.widget.children  # the chart is drawn
    f.pilih_tren.value = "IK-4"
    assert f.grafik_tren.widget.children


def test_text_in_a_quarter_keeps_the_saved_value_and_says_why(store):
    f = _form(store)
    _isi(f, "IK-1", "80")
    f.realisasi.grup["IK-1"].inputs["tw2"].value = "delapan puluh"
    assert store.load(NIP, "monev", "realisasi")["IK-1"]["tw"] == [80, None, None, None]
    assert "harus angka" in f.realisasi.grup["IK-1"].pesan["tw2"].value


def test_choosing_another_target_year_changes_the_capaian(store):
    f = _form(store)
    _isi(f, "IK-4", "200", "200", "200", "100")
    assert {h.kode: h.capaian for h in f.hasil()}["IK-4"] == 116.67
    f.realisasi.grup["IK-4"].inputs["tahun"].value = "2028"
    assert store.load(NIP, "monev", "realisasi")["IK-4"]["tahun"] == "2028"
    assert {h.kode: h.capaian for h in f.hasil()}["IK-4"] == 100


def test_gaps_below_target_are_listed_until_analysed(store):
    f = _form(store)
    _isi(f, "IK-4", "120", "150", "130", "100")
    assert "IK-4" in f.umpan_analisis.value and "83,33" in f.umpan_analisis.value
    baris = f.analisis.tambah()
    assert baris.inputs["indikator"].value == "IK-4"  # pre-filled with the open gap
    baris.inputs["kesenjangan"].value = "Server <b>sering</b> mati di TW IV"
    baris.inputs["tindakan"].value = "Pindah ke server Diskominfo"
    assert store.load(NIP, "monev", "analisis") == [
        {"indikator": "IK-4", "kesenjangan": "Server <b>sering</b> mati di TW IV",
         "tindakan": "Pindah ke server Diskominfo"}]
    assert "sudah punya analisis" in f.umpan_analisis.value


def test_a_new_form_shows_the_saved_answers(store):
    f = _form(store)
    _isi(f, "IK-3", "12", "11")
    f.analisis.tambah({"indikator": "IK-3", "kesenjangan": "a", "tindakan": "b"})
    g = FormMonev(store, NIP)
    assert g.realisasi.grup["IK-3"].inputs["tw2"].value == "11"
    assert g.analisis.baris[0].inputs["kesenjangan"].value == "a"
    assert "Tersimpan" in g.realisasi.status.value


def test_realisasi_of_a_removed_indicator_is_kept(store):
    f = _form(store)
    _isi(f, "IK-3", "12")
    store.save(NIP, "indikator", "indikator", INDIKATOR[:2])
    g = FormMonev(store, NIP)
    _isi(g, "IK-1", "80")
    assert store.load(NIP, "monev", "realisasi")["IK-3"]["tw"][0] == 12


def test_without_indicators_the_module_says_to_fill_module_03(store):
    f = FormMonev(store, NIP)
    html = f.widget.children[1].value
    assert "modul 03" in html


def test_a_saved_year_without_a_target_is_still_shown_and_explained(store):
    store.save(NIP, "monev", "realisasi", {"IK-1": {"tahun": "2026", "tw": [80, None, None,
                                                                          None]}})
    f = _form(store)
    assert f.realisasi.grup["IK-1"].inputs["tahun"].value == "2026"
    assert "target tahun 2026 belum diisi di modul 03" in f.tabel_capaian.value


def test_a_partial_year_is_marked_sementara(store):
    f = _form(store)
    store.save(NIP, "indikator", "indikator",
               [{**INDIKATOR[3], "target": {"2027": 500}}])  # cumulative, target 500
    f = FormMonev(store, NIP)
    _isi(f, "IK-4", "120", "150")  # TW I-II: 270 of 500 = 54 % "Rendah", for now
    h = f.hasil()[0]
    assert (h.realisasi, h.capaian, h.predikat, h.sementara) == (270, 54, "Rendah", True)
    assert "sementara: baru TW I, II yang dilaporkan; tahun belum selesai" in \
        f.tabel_capaian.value
    _isi(f, "IK-4", "120", "150", "130", "100")
    assert "sementara" not in f.tabel_capaian.value


def test_realisasi_saved_without_a_year_uses_the_first_target_year(store):
    store.save(NIP, "indikator", "indikator", [INDIKATOR[0]])
    store.save(NIP, "monev", "realisasi", {"IK-1": {"tw": [None, None, None, 102]}})
    h = FormMonev(store, NIP).hasil()[0]
    assert (h.tahun, h.capaian, h.predikat) == ("2027", 120, "Sangat Tinggi")
