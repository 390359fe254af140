"""view.evaluasi: the course evaluation with labels and averages."""

from __future__ import annotations

from sinovda.data import content
from sinovda.view.evaluasi import lihat_evaluasi


def test_labels_averages_and_odd_values():
    form = content.load_evaluasi()
    a, b = form.penyelenggara[0], form.penyelenggara[1]
    v = lihat_evaluasi({"penutup": {"evaluasi": {
        "penyelenggara": {a.kode: 4, b.kode: 5, "tak_dikenal": 1},
        "fasilitator": {"Dr. Rina": 5, "Budi": 4, "Kosong": None, "Ya": True},
        "komentar": "  Materi padat  "}}}, form)
    assert v is not None
    assert v.penyelenggara == ((a.label, 4.0), (b.label, 5.0))
    assert v.fasilitator == {"Dr. Rina": 5.0, "Budi": 4.0}
    assert (v.rata_penyelenggara, v.rata_fasilitator, v.komentar) == (4.5, 4.5, "Materi padat")


def test_not_filled_in():
    assert lihat_evaluasi({}) is None
    kosong = lihat_evaluasi({"penutup": {"evaluasi": {}}})
    assert kosong is not None and kosong.rata_penyelenggara is None


def test_daftar_fasilitator_dari_info_kelas():
    from sinovda.view.evaluasi import daftar_fasilitator

    assert daftar_fasilitator(["Dr. Ratna Wulandari", " Bagus Prakoso ", "", None]) == [
        "Dr. Ratna Wulandari", "Bagus Prakoso"]
    assert daftar_fasilitator("Ratna; Bagus, Ratna") == ["Ratna", "Bagus"]  # older classes
    assert daftar_fasilitator(None) == [] and daftar_fasilitator({"x": 1}) == []
