"""The one set of HTML helpers: forms and report escape, format numbers and trust the same way."""

from __future__ import annotations

from sinovda.forms import panel
from sinovda.report import tampil
from sinovda.view.html import Mentah, angka, daftar, esc, tabel

JAHAT = "<script>alert('x')</script>"


def test_forms_and_report_share_the_helpers():
    assert panel.esc is tampil.esc is esc
    assert panel.Mentah is tampil.Mentah is Mentah
    assert panel.daftar is daftar and tampil.tabel is tabel


def test_cells_escaped_numbers_indonesian_trusted_html_kept():
    for html in (tabel(("Nama", "Capaian"), [(JAHAT, 94.1176), (Mentah("<b>ok</b>"), 1250.0)]),
                 panel.tabel(("Nama", "Capaian"), [(JAHAT, 94.1176),
                                                   (Mentah("<b>ok</b>"), 1250.0)])):
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "<b>ok</b>" in html
        assert "94,12" in html and "1.250" in html and "94.1176" not in html


def test_pane_tables_carry_inline_styles_report_tables_use_the_stylesheet():
    assert "style=" in panel.tabel(("A",), [("x",)])
    assert "style=" not in tabel(("A",), [("x",)], kelas="isian")
    assert '<col style="width:40%">' in tabel(("A", "B"), [], lebar=(40, 60))


def test_list_and_numbers():
    assert daftar([JAHAT]) == "<ul><li>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</li></ul>"
    assert angka(None) == "-" and angka(120) == "120" and angka(1234.5) == "1.234,50"
