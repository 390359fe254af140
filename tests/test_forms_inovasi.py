"""Module 02 form: the innovation record with enum codes, the PP 38/2017 checklist in words,
similar real innovations, the rencana aksi rows and their link checks."""

from __future__ import annotations

import pytest

from sinovda.forms.inovasi import FormInovasi

NIP = "198503152010011001"


@pytest.fixture
def form(store):
    store.save(NIP, "masalah", "isu_inti", "Antrean layanan KTP panjang")
    return FormInovasi(store, NIP)


def test_innovation_record_uses_the_domain_codes(form, store):
    opsi = {k: [v for _, v in form.inovasi.inputs[k].options if v] for k in
            ("bentuk", "jenis", "tahapan")}
    form.inovasi.inputs["nama"].value = "Layanan KTP Keliling"
    form.inovasi.inputs["bentuk"].value = opsi["bentuk"][0]
    form.inovasi.inputs["jenis"].value = opsi["jenis"][0]
    saved = store.load(NIP, "inovasi", "inovasi")
    assert saved["nama"] == "Layanan KTP Keliling"
    assert saved["bentuk"] == opsi["bentuk"][0] and saved["jenis"] == opsi["jenis"][0]
    assert len(opsi["tahapan"]) == 3


def test_checklist_says_what_is_missing(form, store):
    kode = list(form.kriteria.inputs)
    assert len(kode) == 5
    before = form.umpan_kriteria.value
    assert "Belum terpenuhi" in before
    for k in kode[:4]:
        form.kriteria.inputs[k].value = True
    assert store.load(NIP, "inovasi", "kriteria") == {**{k: True for k in kode[:4]},
                                                      kode[4]: False}
    assert "Belum terpenuhi" in form.umpan_kriteria.value
    form.kriteria.inputs[kode[4]].value = True
    assert "Kelima kriteria" in form.umpan_kriteria.value


def test_similar_real_innovations_are_shown(form):
    assert "Isi rancangan inovasi dulu" in form.umpan_mirip.value
    form.inovasi.inputs["nama"].value = "Aplikasi pengaduan warga online"
    form.inovasi.inputs["jenis"].value = "digital"
    assert "<table" in form.umpan_mirip.value


def test_rencana_aksi_rows_prefilled_saved_and_checked(form, store):
    form.inovasi.inputs["nama"].value = "Layanan KTP Keliling"
    b = form.rencana_aksi.tambah()
    assert b.inputs["permasalahan"].value == "Antrean layanan KTP panjang"
    assert b.inputs["inovasi"].value == "Layanan KTP Keliling"
    assert b.inputs["opd"].value == "Bappeda"
    b.inputs["target_waktu"].value = "6 bulan"
    b.inputs["indikator_keberhasilan"].value = "Waktu layanan turun 50%"
    b.inputs["jangka_pendek"].value = "SK tim"
    [row] = store.load(NIP, "inovasi", "rencana_aksi")
    assert row["permasalahan"] == "Antrean layanan KTP panjang"
    assert row["target_waktu"] == "6 bulan" and row["jangka_pendek"] == "SK tim"
    b.inputs["permasalahan"].value = "Masalah lain"
    assert "Periksa tautan" in form.umpan_tautan.value
    baru = FormInovasi(store, NIP)
    assert baru.rencana_aksi.baris[0].inputs["target_waktu"].value == "6 bulan"


def test_five_components_are_written_saved_and_the_missing_ones_named(form, store):
    assert set(form.komponen.inputs) == {"kepemimpinan", "budaya", "kolaborasi", "teknologi",
                                         "evaluasi"}
    assert "Kepemimpinan visioner" in form.umpan_komponen.value
    form.komponen.inputs["kepemimpinan"].value = "Kepala Disdukcapil memimpin tim inovasi"
    form.komponen.inputs["kolaborasi"].value = "Kecamatan, PKK, dan kampus setempat"
    saved = store.load(NIP, "inovasi", "komponen")
    assert saved["kepemimpinan"] == "Kepala Disdukcapil memimpin tim inovasi"
    umpan = form.umpan_komponen.value
    assert "Budaya organisasi inovatif" in umpan and "Kepemimpinan visioner" not in umpan
    for kode in ("budaya", "teknologi", "evaluasi"):
        form.komponen.inputs[kode].value = "ada"
    assert "Kelima komponen" in form.umpan_komponen.value
    assert FormInovasi(store, NIP).komponen.inputs["kolaborasi"].value.startswith("Kecamatan")


def test_a_new_plan_row_names_the_default_core_issue_when_none_was_chosen(store):
    lolos = dict.fromkeys(("aktual", "problematik", "kekhalayakan", "kelayakan"), True)
    store.save(NIP, "masalah", "isu", [
        {"judul": "Data tidak sinkron", "apkl": lolos, "usg": {"u": 4, "s": 4, "g": 3}},
        {"judul": "Antrean panjang", "apkl": lolos, "usg": {"u": 5, "s": 4, "g": 4}}])
    f = FormInovasi(store, NIP)  # no isu_inti saved: the top of the USG ranking, as module 01
    b = f.rencana_aksi.tambah()
    assert b.nilai["permasalahan"] == "Antrean panjang"
