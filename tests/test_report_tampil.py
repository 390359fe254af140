"""Report display blocks: participant text is escaped, numbers are written the Indonesian way."""

from __future__ import annotations

from matplotlib.figure import Figure

from sinovda.report.tampil import Bagian, Mentah, angka, daftar_isian, esc, gambar, tabel

JAHAT = "<script>alert('x')</script>"


def test_table_cells_are_escaped_but_trusted_html_is_kept():
    html = tabel(("Nama",), [(JAHAT,), (Mentah("<b>ok</b>"),)])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>ok</b>" in html


def test_section_title_and_label_value_pairs_are_escaped():
    b = Bagian(JAHAT, daftar_isian([(JAHAT, JAHAT)]))
    assert "<script>" not in b._repr_html_()
    assert b._repr_html_().count("&lt;script&gt;") == 3
    assert esc(None) == ""


def test_numbers_indonesian_style():
    assert angka(94.1176) == "94,12"
    assert angka(1234.5) == "1.234,50"
    assert angka(120) == "120"
    assert angka(None) == "-"


def test_chart_is_embedded_as_png():
    fig = Figure()
    fig.add_subplot().plot([1, 2], [3, 4])
    html = gambar(fig, "alt <x>")
    assert html.startswith('<img class="grafik" alt="alt &lt;x&gt;" src="data:image/png;base64,')
