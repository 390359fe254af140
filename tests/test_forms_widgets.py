"""The form toolkit on a real class store: save on change, saved state, invalid input kept out."""

from __future__ import annotations

import pytest

from sinovda.domain.peserta import Peserta
from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import PanelHTML
from sinovda.forms.widgets import DaftarBaris, FormDict, Isian
from sinovda.store import Store

NIP = "198503152010011001"


@pytest.fixture
def store(tmp_path):
    st = Store.create(tmp_path / "kelas", nama="Kelas Uji")
    st.upsert_peserta([Peserta(NIP, "Budi Santoso", opd="Bappeda")])
    return st


def test_number_field_saves_on_change_and_shows_the_time(store):
    f = Isian(store, NIP, "indikator", "uji", Kolom("x", "Baseline", "angka"))
    assert "Belum tersimpan" in f.status.value
    f.input.value = "2,5"
    assert store.load(NIP, "indikator", "uji") == 2.5
    assert "Tersimpan" in f.status.value


def test_text_in_number_field_keeps_the_last_good_value(store):
    f = Isian(store, NIP, "indikator", "uji", Kolom("x", "Baseline", "angka"))
    f.input.value = "80"
    f.input.value = "delapan puluh"
    assert store.load(NIP, "indikator", "uji") == 80
    assert "harus angka" in f.pesan["x"].value
    assert "Belum tersimpan" in f.status.value
    assert len(store.history(NIP, "indikator", "uji")) == 1
    f.input.value = "81"
    assert store.load(NIP, "indikator", "uji") == 81
    assert f.pesan["x"].value == ""


def test_a_new_form_shows_what_was_saved(store):
    f = Isian(store, NIP, "masalah", "akar_masalah", Kolom("x", "Akar", "teks_panjang"))
    f.input.value = "SOP belum ada"
    g = Isian(store, NIP, "masalah", "akar_masalah", Kolom("x", "Akar", "teks_panjang"))
    assert g.input.value == "SOP belum ada"
    assert "Tersimpan" in g.status.value
    assert len(store.history(NIP, "masalah", "akar_masalah")) == 1  # showing does not save


def test_text_inputs_save_on_blur_not_per_keystroke(store):
    f = Isian(store, NIP, "masalah", "akar_masalah", Kolom("x", "Akar", "teks"))
    assert f.input.continuous_update is False


def test_form_dict_saves_one_record_and_keeps_unknown_keys(store):
    store.save(NIP, "inovasi", "inovasi", {"nama": "Lama", "catatan_lain": "tetap"})
    kolom = [Kolom("nama", "Nama"), Kolom("jenis", "Jenis", "pilihan",
                                           pilihan=[("Digital", "digital"),
                                                    ("Non-digital", "non_digital")]),
             Kolom("biaya", "Biaya", "angka")]
    f = FormDict(store, NIP, "inovasi", "inovasi", kolom)
    assert f.inputs["nama"].value == "Lama"
    f.inputs["jenis"].value = "digital"
    f.inputs["biaya"].value = "banyak"
    f.inputs["nama"].value = "Baru"
    saved = store.load(NIP, "inovasi", "inovasi")
    assert saved == {"nama": "Baru", "jenis": "digital", "biaya": None, "catatan_lain": "tetap"}
    assert "harus angka" in f.pesan["biaya"].value
    assert "belum valid" in f.status.value


def test_row_list_add_edit_delete_and_reload(store):
    kolom = [Kolom("judul", "Judul isu"), Kolom("u", "U", "skala", minimum=1, maksimum=5)]
    d = DaftarBaris(store, NIP, "masalah", "isu", kolom)
    b1 = d.tambah()
    b1.inputs["judul"].value = "Antrean panjang"
    b1.inputs["u"].value = 5
    d.tambah({"judul": "Data tidak sinkron", "u": 4})
    assert store.load(NIP, "masalah", "isu") == [
        {"judul": "Antrean panjang", "u": 5}, {"judul": "Data tidak sinkron", "u": 4}]
    d.baris[0].tombol_hapus.click()
    assert store.load(NIP, "masalah", "isu") == [{"judul": "Data tidak sinkron", "u": 4}]
    baru = DaftarBaris(store, NIP, "masalah", "isu", kolom)
    assert [b.inputs["judul"].value for b in baru.baris] == ["Data tidak sinkron"]
    older = [r.value for r in store.history(NIP, "masalah", "isu")]
    assert [{"judul": "Antrean panjang", "u": 5}, {"judul": "Data tidak sinkron", "u": 4}] in older


def test_row_list_invalid_cell_never_replaces_the_saved_one(store):
    kolom = [Kolom("nama", "Nama"), Kolom("baseline", "Baseline", "angka")]
    d = DaftarBaris(store, NIP, "indikator", "indikator", kolom)
    b = d.tambah({"nama": "IKM", "baseline": 78})
    b.inputs["baseline"].value = "tujuh puluh"
    assert store.load(NIP, "indikator", "indikator") == [{"nama": "IKM", "baseline": 78}]
    assert "harus angka" in b.pesan["baseline"].value
    d2 = DaftarBaris(store, NIP, "indikator", "indikator", kolom)
    assert d2.baris[0].inputs["baseline"].value == "78"


def test_live_pane_follows_changes_and_escapes_text(store):
    d = DaftarBaris(store, NIP, "masalah", "isu", [Kolom("judul", "Judul")])
    from sinovda.forms.panel import tabel

    p = PanelHTML(lambda: tabel(["Judul"], [[r["judul"]] for r in d.nilai]), d)
    b = d.tambah()
    b.inputs["judul"].value = "<script>alert(1)</script>"
    assert "&lt;script&gt;" in p.value
    assert "<script>" not in p.value


def test_save_failure_is_shown_and_nothing_is_lost(store):
    f = Isian(store, "199001012015011001", "masalah", "akar_masalah", Kolom("x", "Akar"))
    f.input.value = "sesuatu"
    assert "Gagal menyimpan" in f.status.value


def test_dotted_keys_nest_and_empty_nested_values_are_left_out(store):
    kolom = [Kolom("judul", "Judul"), Kolom("usg.u", "U", "skala", minimum=1, maksimum=5),
             Kolom("target.2027", "T 2027", "target"), Kolom("target.2028", "T 2028", "target")]
    d = DaftarBaris(store, NIP, "masalah", "isu", kolom)
    b = d.tambah({"judul": "A"})
    b.inputs["usg.u"].value = 4
    b.inputs["target.2027"].value = "80-85"
    assert store.load(NIP, "masalah", "isu") == [
        {"judul": "A", "usg": {"u": 4}, "target": {"2027": [80, 85]}}]
    b.inputs["target.2027"].value = ""
    assert store.load(NIP, "masalah", "isu") == [{"judul": "A", "usg": {"u": 4}, "target": {}}]


def test_new_rows_can_be_prefilled(store):
    d = DaftarBaris(store, NIP, "inovasi", "rencana_aksi", [Kolom("opd", "OPD")],
                    isi_baru=lambda: {"opd": "Bappeda"})
    d.tombol_tambah.click()
    assert store.load(NIP, "inovasi", "rencana_aksi") == [{"opd": "Bappeda"}]


def test_dropdown_choices_can_change_without_losing_the_saved_value(store):
    store.save(NIP, "masalah", "isu_inti", "B")
    f = Isian(store, NIP, "masalah", "isu_inti", Kolom("x", "Isu inti", "pilihan"))
    assert f.nilai == "B"  # not offered yet, still kept
    f.atur_opsi([("A", "A"), ("B", "B")])
    assert f.input.value == "B"
    f.input.value = "A"
    assert store.load(NIP, "masalah", "isu_inti") == "A"
    f.atur_opsi([("C", "C")])
    assert f.input.label == "— pilih —" and store.load(NIP, "masalah", "isu_inti") == "A"


def test_a_locked_record_is_never_saved_again(store):
    f = FormDict(store, NIP, "pengantar", "pretest", [Kolom("q1", "Soal 1", "radio",
                                                            pilihan=[("a", "a"), ("b", "b")])])
    f.inputs["q1"].value = "a"
    f.kunci()
    assert f.inputs["q1"].disabled
    f.inputs["q1"].value = "b"
    assert store.load(NIP, "pengantar", "pretest") == {"q1": "a"}
    assert f.inputs["q1"].value == "a"


def test_an_answer_changed_elsewhere_is_not_overwritten(store):
    kolom = Kolom("x", "Akar masalah", "teks")
    tab1 = Isian(store, NIP, "masalah", "akar_masalah", kolom)
    tab2 = Isian(store, NIP, "masalah", "akar_masalah", kolom)
    tab1.input.value = "SOP belum ada"
    tab2.input.value = "Petugas kurang"
    assert store.load(NIP, "masalah", "akar_masalah") == "SOP belum ada"
    assert "Tidak disimpan" in tab2.status.value and "Muat ulang" in tab2.status.value
    tab3 = Isian(store, NIP, "masalah", "akar_masalah", kolom)  # after reloading
    tab3.input.value = "Petugas kurang"
    assert store.load(NIP, "masalah", "akar_masalah") == "Petugas kurang"


def test_a_deleted_row_can_be_put_back(store):
    d = DaftarBaris(store, NIP, "masalah", "pemangku", [Kolom("nama", "Nama")])
    for nama in ("Camat", "Kepala Dinas", "LSM"):
        d.tambah({"nama": nama})
    assert d.tombol_batal.layout.display == "none"
    d.baris[1].tombol_hapus.click()
    assert [r["nama"] for r in store.load(NIP, "masalah", "pemangku")] == ["Camat", "LSM"]
    assert d.tombol_batal.layout.display is None and "2" in d.tombol_batal.description
    d.tombol_batal.click()
    assert [r["nama"] for r in store.load(NIP, "masalah", "pemangku")] == [
        "Camat", "Kepala Dinas", "LSM"]
    assert d.tombol_batal.layout.display == "none"
    d.baris[1].inputs["nama"].value = "Kepala Dinas Dukcapil"  # the row still works
    assert store.load(NIP, "masalah", "pemangku")[1] == {"nama": "Kepala Dinas Dukcapil"}


def test_changed_elsewhere_is_decided_by_the_revision_not_by_the_value(store):
    # tab 2 loaded "A"; elsewhere it became "B" and then "A" again: still a change since tab 2
    # loaded it, so the store's compare-and-set refuses tab 2's save (nothing overwritten)
    store.save(NIP, "masalah", "akar_masalah", "A")
    kolom = Kolom("x", "Akar masalah", "teks")
    tab2 = Isian(store, NIP, "masalah", "akar_masalah", kolom)
    store.save(NIP, "masalah", "akar_masalah", "B")
    store.save(NIP, "masalah", "akar_masalah", "A")
    tab2.input.value = "C"
    assert store.load(NIP, "masalah", "akar_masalah") == "A"
    assert "Tidak disimpan" in tab2.status.value and "tab lain" in tab2.status.value
    # a form keeps saving after its own saves (its revision follows)
    tab3 = Isian(store, NIP, "masalah", "akar_masalah", kolom)
    tab3.input.value = "C"
    tab3.input.value = "D"
    assert store.load(NIP, "masalah", "akar_masalah") == "D"
    assert [r.value for r in store.history(NIP, "masalah", "akar_masalah")][:2] == ["D", "C"]


def test_store_refusals_are_shown_in_indonesian_at_the_field(store):
    besar = Isian(store, NIP, "masalah", "akar_masalah", Kolom("x", "Akar", "teks_panjang"))
    besar.input.value = "x" * 400_000  # beyond the per-answer limit of modul/pengaturan.yaml
    assert "Gagal menyimpan" in besar.status.value and "KB" in besar.status.value
    assert store.load(NIP, "masalah", "akar_masalah") is None
    pelatih = Isian(store, NIP, "penilaian", "catatan", Kolom("x", "Catatan", "teks"))
    pelatih.input.value = "bagus"  # a participant may not write the trainer's module
    assert "Gagal menyimpan" in pelatih.status.value
    assert store.load(NIP, "penilaian", "catatan") is None
    for f in (besar, pelatih):
        assert "Error" not in f.status.value and "Exception" not in f.status.value


def test_an_unexpected_failure_is_shown_without_an_english_exception_name(store):
    class StoreRusak(Store):
        def save(self, *a, **k):
            raise RuntimeError("disk controller reset")

    rusak = StoreRusak.open(store.folder)
    f = Isian(rusak, NIP, "masalah", "akar_masalah", Kolom("x", "Akar"))
    f.input.value = "SOP belum ada"
    assert "Gagal menyimpan" in f.status.value and "coba lagi" in f.status.value
    assert "RuntimeError" not in f.status.value and "controller" not in f.status.value


def test_trainer_forms_pass_their_role_to_the_store(store):
    f = Isian(store, NIP, "penilaian", "catatan", Kolom("x", "Catatan pelatih", "teks"))
    f.opsi_simpan = {"peran": "fasilitator", "oleh": "fasilitator:Sari"}
    f.input.value = "Target perlu dipertajam"
    assert store.load(NIP, "penilaian", "catatan") == "Target perlu dipertajam"
    assert store.history(NIP, "penilaian", "catatan")[0].oleh == "fasilitator:Sari"


def test_a_list_of_rows_builds_few_widget_models(store):
    """Rows share layouts and styles; inputs that cannot refuse a value have no message widget
    until asked (module 01's page went from ~1,200 to ~400 widget models)."""
    from ipywidgets.widgets import widget as _w

    kolom = [Kolom("judul", "Judul", bantuan="mis. antrean"), Kolom("ok", "Lolos", "ya_tidak"),
             Kolom("u", "U", "skala", minimum=1, maksimum=5), Kolom("biaya", "Biaya", "angka")]
    d = DaftarBaris(store, NIP, "masalah", "uji", kolom)
    d.tambah()  # the first row makes the shared layouts and styles
    awal = len(_w._instances)
    for _ in range(5):
        d.tambah()
    per_baris = (len(_w._instances) - awal) / 5
    assert per_baris <= 16  # was 53 with a Layout and a style per widget
    b = d.baris[0]
    b.inputs["biaya"].value = "mahal"
    assert "harus angka" in b.pesan["biaya"].value
    assert b.pesan["judul"].value == ""  # made when asked
    b.inputs["biaya"].value = "1.000"
    assert store.load(NIP, "masalah", "uji")[0]["biaya"] == 1000
