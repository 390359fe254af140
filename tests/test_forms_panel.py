"""Feedback panes: escaped tables, live recompute, errors shown instead of breaking a form."""

from __future__ import annotations

from sinovda.forms.panel import PanelGrafik, PanelHTML, daftar, esc, kotak, markdown, tabel


class _Sumber:
    def __init__(self):
        self.fn = []

    def on_change(self, fn):
        self.fn.append(fn)

    def ubah(self):
        for f in self.fn:
            f(None)


def test_participant_text_is_escaped():
    assert esc("<b>&") == "&lt;b&gt;&amp;"
    assert esc(None) == ""
    assert "&lt;i&gt;" in tabel(["A"], [["<i>"]])
    assert "&lt;i&gt;" in daftar(["<i>"])
    assert "galat" not in kotak("x", "galat") and "#b00020" in kotak("x", "galat")


def test_course_markdown_is_rendered():
    out = markdown("# Judul\n\n**tebal**")
    assert "<h1>Judul</h1>" in out and "<strong>tebal</strong>" in out


def test_pane_recomputes_when_a_source_changes():
    s = _Sumber()
    n = {"x": 1}
    p = PanelHTML(lambda: f"nilai {n['x']}", s)
    assert p.value == "nilai 1"
    n["x"] = 2
    s.ubah()
    assert p.value == "nilai 2"


def test_failing_pane_shows_a_message():
    p = PanelHTML(lambda: 1 / 0)
    assert "belum bisa ditampilkan" in p.value


def test_chart_pane_shows_a_png_and_survives_errors():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def gambar():
        fig, ax = plt.subplots()
        ax.bar(["a"], [1])
        return fig

    g = PanelGrafik(gambar)
    assert g.gambar.value[:4] == b"\x89PNG"
    assert g.widget.children == (g.gambar,)
    assert PanelGrafik(lambda: None).widget.children == ()
    bad = PanelGrafik(lambda: 1 / 0)
    assert "Grafik belum bisa dibuat" in bad.keterangan.value


def test_chart_is_not_redrawn_when_its_data_did_not_change():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    s = _Sumber()
    data = {"n": 1}

    def gambar():
        fig = Figure()
        fig.add_subplot().bar(["a"], [data["n"]])
        return fig

    g = PanelGrafik(gambar, s, kunci=lambda: data["n"])
    assert g.jumlah_gambar == 1
    s.ubah()
    assert g.jumlah_gambar == 1
    data["n"] = 2
    s.ubah()
    assert g.jumlah_gambar == 2


def test_in_a_voila_page_a_chart_is_drawn_only_when_asked_then_kept_up_to_date(monkeypatch):
    from matplotlib.figure import Figure

    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/01_masalah.ipynb")
    s = _Sumber()
    data = {"n": 1, "digambar": 0}

    def gambar():
        data["digambar"] += 1
        fig = Figure()
        fig.add_subplot().bar(["a"], [data["n"]])
        return fig

    g = PanelGrafik(gambar, s, kunci=lambda: data["n"])
    assert g.malas and g.widget.children == (g.tombol,) and data["digambar"] == 0
    assert g.tombol.description == "Tampilkan grafik"
    data["n"] = 2
    s.ubah()
    assert data["digambar"] == 0  # changes before the button do not draw
    g.tombol.click()
    assert g.widget.children == (g.gambar,) and g.gambar.value[:4] == b"\x89PNG"
    data["n"] = 3
    s.ubah()
    assert data["digambar"] == 2  # from then on it follows the answers
    assert PanelGrafik(gambar, malas=False).jumlah_gambar == 1  # explicit eager


def test_importing_the_charts_does_not_import_matplotlib():
    import subprocess
    import sys

    kode = ("import sys, sinovda.charts, sinovda.forms.masalah, sinovda.forms.monev; "
            "print('matplotlib' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "False", r.stderr


def test_cheap_widgets_share_one_layout_and_style():
    """A page's HTML pieces and same-looking inputs share their Layout and style models (each
    model is work for the kernel, the server and the browser)."""
    import ipywidgets as w

    from sinovda.forms.panel import gaya, html, tata

    a, b = html("<b>a</b>"), html("b")
    assert a.layout is b.layout and a.style is b.style
    assert a.value == "<b>a</b>"
    assert tata(width="100%") is tata(width="100%")
    assert tata(width="100%") is not tata(width="auto")
    assert tata(width="auto").width == "auto"
    assert gaya(w.Checkbox, description_width="initial") is gaya(w.Checkbox,
                                                                 description_width="initial")
    assert gaya(w.Checkbox, description_width="initial").description_width == "initial"
    assert gaya(w.Checkbox) is not gaya(w.Checkbox, description_width="initial")
    assert type(gaya(w.HTML)).__name__ == "HTMLStyle"
