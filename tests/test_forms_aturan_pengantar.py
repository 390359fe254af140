"""Module 00's course map rows (``aturan_pengantar.peta_kursus``): titles and statuses, links to
each module in the same tab, never a notebook file name on show."""

from __future__ import annotations

import re

from sinovda.data.content import load_kursus
from sinovda.forms import aturan_pengantar as ap


def test_course_map_rows_link_each_module_by_title_in_the_same_tab():
    baris = ap.peta_kursus({})
    kursus = load_kursus()
    assert [(b[0], b[1]) for b in baris] == [(m.nomor, m.judul) for m in kursus.modul]
    assert all(b[2] == "Belum dimulai" for b in baris)
    for (_nomor, _judul, _status, link), m in zip(baris, kursus.modul, strict=True):
        teks = str(link)
        assert f"href='{m.notebook}'" in teks
        assert "target='_self'" in teks and "_blank" not in teks
        tampil = re.sub(r"<[^>]*>", "", teks)  # what the participant reads
        assert tampil == "Buka modul" and ".ipynb" not in tampil
