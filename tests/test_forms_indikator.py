"""Module 03 form: indicator rows in the contract shape, live SMART check in words, numbers
typed as text refused while the last good value stays saved."""

from __future__ import annotations

import pytest

from sinovda.forms.indikator import FormIndikator

NIP = "198503152010011001"


@pytest.fixture
def form(store):
    return FormIndikator(store, NIP)


def _isi_lengkap(b, tahun):
    b.inputs["nama"].value = "Indeks kepuasan masyarakat"
    b.inputs["level"].value = "outcome"
    b.inputs["satuan"].value = "indeks"
    b.inputs["polaritas"].value = "positif"
    b.inputs["baseline"].value = "78,5"
    b.inputs[f"target.{tahun[0]}"].value = "85"
    b.inputs[f"target.{tahun[1]}"].value = "86,5"
    b.inputs["agregasi"].value = "posisi"
    b.inputs["sumber_data"].value = "Survei Kepuasan Masyarakat"
    b.inputs["penanggung_jawab"].value = "Bidang Pelayanan"
    b.inputs["iku"].value = "Indeks kepuasan masyarakat"


def test_indicator_row_is_saved_in_the_contract_shape(form, store):
    b = form.indikator.tambah()
    _isi_lengkap(b, form.tahun)
    [row] = store.load(NIP, "indikator", "indikator")
    assert row == {
        "kode": "IND-1", "nama": "Indeks kepuasan masyarakat", "level": "outcome",
        "satuan": "indeks", "polaritas": "positif", "baseline": 78.5,
        "target": {form.tahun[0]: 85, form.tahun[1]: 86.5}, "agregasi": "posisi",
        "sumber_data": "Survei Kepuasan Masyarakat", "penanggung_jawab": "Bidang Pelayanan",
        "iku": "Indeks kepuasan masyarakat"}
    assert "memenuhi semua pemeriksaan SMART" in form.umpan_smart.value


def test_smart_check_says_what_is_missing_live(form):
    b = form.indikator.tambah()
    b.inputs["nama"].value = "Kualitas layanan meningkat"
    html = form.umpan_smart.value
    assert "perlu dilengkapi" in html
    assert "satuan" in html.lower() and "sumber data" in html.lower()
    b.inputs["satuan"].value = "persen"
    assert form.umpan_smart.value != html


def test_text_in_a_number_field_keeps_the_last_good_value(form, store):
    b = form.indikator.tambah()
    b.inputs["baseline"].value = "70"
    b.inputs["baseline"].value = "tujuh puluh"
    assert "harus angka" in b.pesan["baseline"].value
    assert store.load(NIP, "indikator", "indikator")[0]["baseline"] == 70
    t = f"target.{form.tahun[0]}"
    b.inputs[t].value = "delapan puluh"
    assert "harus angka" in b.pesan[t].value
    assert form.tahun[0] not in store.load(NIP, "indikator", "indikator")[0].get("target", {})


def test_saved_indicators_come_back_in_a_new_form(form, store):
    _isi_lengkap(form.indikator.tambah(), form.tahun)
    baru = FormIndikator(store, NIP)
    b = baru.indikator.baris[0]
    assert b.inputs["baseline"].value == "78,5"
    assert b.inputs[f"target.{form.tahun[1]}"].value == "86,5"
    assert b.inputs["level"].value == "outcome"


def test_iku_examples_are_offered(form):
    b = form.indikator.tambah()
    assert len(b.inputs["iku"].options) >= 3


def test_range_targets_are_stored_as_pairs_and_checked_against_the_polarity(form, store):
    b = form.indikator.tambah()
    _isi_lengkap(b, form.tahun)
    b.inputs[f"target.{form.tahun[0]}"].value = "80-85"
    assert store.load(NIP, "indikator", "indikator")[0]["target"][form.tahun[0]] == [80, 85]
    # a range target of a "higher is better" indicator is accepted, as the hint offers it
    assert "memenuhi semua pemeriksaan SMART" in form.umpan_smart.value
    b.inputs["polaritas"].value = "rentang"
    assert "harus rentang dua angka" in form.umpan_smart.value  # the other year is one number
    b.inputs[f"target.{form.tahun[1]}"].value = "85 s/d 90"
    assert "memenuhi semua pemeriksaan SMART" in form.umpan_smart.value
