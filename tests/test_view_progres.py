"""view.progres: each module's status and the overall percentage, one reading everywhere."""

from __future__ import annotations

from sinovda.view.progres import lihat_progres


def test_nothing_saved_then_a_module_started():
    kosong = lihat_progres({})
    assert kosong.persen == 0 and set(kosong.status.values()) == {"belum"}
    assert kosong.modul[0].label_status == "Belum dimulai"
    v = lihat_progres({"masalah": {"akar_masalah": "SOP belum ada"}})
    assert v.status["masalah"] in ("sedang", "selesai") and v.persen > 0
    m = next(x for x in v.modul if x.id == "masalah")
    assert m.judul_lengkap.startswith(m.nomor) and m.notebook.endswith(".ipynb")


def test_modul_bukan_rekaman_dianggap_belum_diisi():
    """A module stored in another shape (an old import, a broken file) is "belum", not a crash
    of the course map, the dashboard or the recap."""
    from sinovda.view.progres import lihat_progres

    v = lihat_progres({"inovasi": "rusak", "masalah": ["x"]})
    assert v.status["inovasi"] == "belum" and v.status["masalah"] == "belum"
    assert v.persen == 0
