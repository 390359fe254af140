"""Module 01 form on a real class store: issues, APKL, USG ranking with the tie rule, core
issue, fishbone, root cause, stakeholders; a new form shows what was saved."""

from __future__ import annotations

import pytest

from sinovda.forms.masalah import FormMasalah

NIP = "198503152010011001"
YA = {"aktual": True, "problematik": True, "kekhalayakan": True, "kelayakan": True}


def _isi_isu(form, judul, u, s, g, apkl=None):
    b = form.isu.tambah()
    b.inputs["judul"].value = judul
    for k, v in (apkl or YA).items():
        b.inputs[f"apkl.{k}"].value = v
    b.inputs["usg.u"].value = u
    b.inputs["usg.s"].value = s
    b.inputs["usg.g"].value = g
    return b


@pytest.fixture
def form(store):
    return FormMasalah(store, NIP)


def test_issues_are_saved_in_the_contract_shape(form, store):
    _isi_isu(form, "Antrean panjang", 5, 4, 4)
    assert store.load(NIP, "masalah", "isu") == [
        {"judul": "Antrean panjang", "apkl": YA, "usg": {"u": 5, "s": 4, "g": 4}}]


def test_ranah_tie_is_broken_by_urgency_and_the_rule_is_shown(form, store):
    _isi_isu(form, "data tidak sinkron", 4, 4, 3)
    _isi_isu(form, "aduan lambat", 4, 5, 4)
    _isi_isu(form, "antrean panjang", 5, 4, 4)
    urut = [h.judul for h in form.peringkat()]
    assert urut == ["antrean panjang", "aduan lambat", "data tidak sinkron"]
    assert [h.total for h in form.peringkat()] == [13, 13, 11]
    assert "Aturan bila total sama" in form.umpan_usg.value
    assert form.umpan_usg.value.index("antrean panjang") < form.umpan_usg.value.index(
        "aduan lambat")
    assert form.grafik_usg.gambar.value[:4] == b"\x89PNG"
    # the core issue defaults to the top of the ranking and is saved
    assert store.load(NIP, "masalah", "isu_inti") == "antrean panjang"


def test_apkl_filter_keeps_failing_issues_out_of_the_ranking(form):
    _isi_isu(form, "Antrean panjang", 5, 4, 4)
    _isi_isu(form, "Gedung kurang cat", 2, 2, 2, apkl={**YA, "kekhalayakan": False})
    assert [h.judul for h in form.peringkat()] == ["Antrean panjang"]
    assert "Tidak lolos (1)" in form.umpan_apkl.value
    assert "Gedung kurang cat: belum memenuhi Kekhalayakan" in form.umpan_apkl.value


def test_a_chosen_core_issue_survives_a_restart(form, store):
    _isi_isu(form, "antrean panjang", 5, 4, 4)
    _isi_isu(form, "aduan lambat", 4, 5, 4)
    form.isu_inti.input.value = "aduan lambat"
    assert store.load(NIP, "masalah", "isu_inti") == "aduan lambat"
    assert "peringkat teratas adalah" in form.catatan_inti.value
    baru = FormMasalah(store, NIP)
    assert baru.isu_inti.input.value == "aduan lambat"
    assert store.load(NIP, "masalah", "isu_inti") == "aduan lambat"
    assert [b.inputs["judul"].value for b in baru.isu.baris] == ["antrean panjang",
                                                                 "aduan lambat"]


def test_fishbone_root_cause_and_chart(form, store):
    kategori = [v for _, v in form.fishbone.kolom_list[0].opsi()]
    assert "Manusia" in kategori and "Metode" in kategori
    b = form.fishbone.tambah()
    b.inputs["kategori"].value = "Manusia"
    b.inputs["sebab"].value = "Petugas loket hanya dua"
    form.akar_masalah.input.value = "SOP antrean belum ada"
    assert store.load(NIP, "masalah", "fishbone") == [
        {"kategori": "Manusia", "sebab": "Petugas loket hanya dua"}]
    assert store.load(NIP, "masalah", "akar_masalah") == "SOP antrean belum ada"
    assert form.grafik_fishbone.gambar.value[:4] == b"\x89PNG"
    assert "Kategori yang belum diisi" in form.umpan_fishbone.value


def test_stakeholders_get_a_quadrant_and_advice(form, store):
    b = form.pemangku.tambah()
    b.inputs["nama"].value = "Kepala Dinas <Dukcapil>"
    b.inputs["pengaruh"].value = 5
    b.inputs["kepentingan"].value = 5
    b2 = form.pemangku.tambah()
    b2.inputs["nama"].value = "Warga"
    b2.inputs["pengaruh"].value = 1
    b2.inputs["kepentingan"].value = 1
    assert store.load(NIP, "masalah", "pemangku")[0] == {
        "nama": "Kepala Dinas <Dukcapil>", "pengaruh": 5, "kepentingan": 5}
    html = form.umpan_pemangku.value
    assert "&lt;Dukcapil&gt;" in html
    assert "dekat" in html.lower() and "pantau" in html.lower()
    assert form.grafik_pemangku.gambar.value[:4] == b"\x89PNG"


def test_default_core_issue_follows_the_top_until_another_is_chosen(form, store):
    _isi_isu(form, "aduan lambat", 4, 5, 4)
    assert store.load(NIP, "masalah", "isu_inti") == "aduan lambat"
    _isi_isu(form, "antrean panjang", 5, 4, 4)  # new top (higher U at equal total)
    assert store.load(NIP, "masalah", "isu_inti") == "antrean panjang"
    form.isu_inti.input.value = "aduan lambat"
    _isi_isu(form, "data tidak sinkron", 4, 4, 3)
    assert store.load(NIP, "masalah", "isu_inti") == "aduan lambat"


def test_choosing_another_core_issue_asks_for_a_reason_that_is_saved(form, store):
    # issue 11: the 01 text asks for a reason when the core issue is not the top of USG
    _isi_isu(form, "antrean panjang", 5, 4, 4)
    _isi_isu(form, "aduan lambat", 4, 5, 4)
    form.isu_inti.input.value = "aduan lambat"
    assert "Alasan memilih isu inti lain" in form.catatan_inti.value
    form.alasan_isu_inti.input.value = "Aduan menyangkut keselamatan warga"
    assert store.load(NIP, "masalah", "alasan_isu_inti") == "Aduan menyangkut keselamatan warga"
    assert "Alasan Anda sudah dicatat" in form.catatan_inti.value
    baru = FormMasalah(store, NIP)
    assert baru.alasan_isu_inti.input.value == "Aduan menyangkut keselamatan warga"
    assert "Alasan Anda sudah dicatat" in baru.catatan_inti.value
