"""Live feedback panes and HTML helpers for the forms.

``esc(teks)``: escape participant text for HTML. ``kotak(html, jenis)``: a coloured box
(info, ok, peringatan, galat). ``tabel(kepala, baris)``: an HTML table of escaped cells (a cell
wrapped in ``Mentah`` is our own safe HTML, shown as is).
``markdown(teks)``: course text (ours, not the participant's) as HTML.
``PanelHTML(fungsi, *sumber)`` and ``PanelGrafik(fungsi, *sumber, kunci=None)``: panes
recomputed whenever a source form (anything with ``on_change``) accepts a change; ``.widget`` to
display, ``.perbarui()`` to recompute by hand. A failing pane shows its error instead of
breaking the form.

Cheap widgets: every ipywidget is one or more models the kernel opens and the browser builds
(a plain ``w.HTML`` is three: itself, its Layout and its style). ``tata(**css)`` is ONE shared
Layout per set of settings and ``gaya(kelas, **atur)`` one shared style per widget class and
settings (never change a shared one: give a widget whose layout changes its own ``w.Layout``);
``html(nilai)`` is an HTML widget that costs one model.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import ipywidgets as w

from sinovda.view import html as _html
from sinovda.view.html import Mentah, daftar, esc

__all__ = ["Mentah", "PanelGrafik", "PanelHTML", "daftar", "esc", "gaya", "html", "kotak",
           "markdown", "tabel", "tata"]

WARNA = {
    "info": ("#e8f0fe", "#1a4f9c"),
    "ok": ("#e6f4ea", "#1b5e20"),
    "peringatan": ("#fff4e5", "#8a4b00"),
    "galat": ("#fdecea", "#b00020"),
}

DPI_GAMBAR = 192


@functools.cache
def tata(**css: str) -> w.Layout:
    """One shared Layout per set of CSS settings (never change it: it is everyone's)."""
    return w.Layout(**css)


_GAYA: dict[tuple[str, tuple[tuple[str, Any], ...]], Any] = {}


def gaya(kelas: type[w.DOMWidget], **atur: Any) -> Any:
    """One shared style model for widgets of class ``kelas`` with settings ``atur``."""
    style = kelas.class_traits()["style"].klass  # e.g. HTMLStyle for HTML
    kunci = (f"{style.__module__}.{style.__qualname__}", tuple(sorted(atur.items())))
    if kunci not in _GAYA:
        _GAYA[kunci] = style(**atur)
    return _GAYA[kunci]


def html(nilai: str = "", layout: w.Layout | None = None) -> w.HTML:
    """An HTML widget sharing its Layout and style with the others (one model, not three)."""
    return w.HTML(nilai, layout=layout if layout is not None else tata(), style=gaya(w.HTML))


def kotak(isi_html: str, jenis: str = "info") -> str:
    """A coloured message box around already-safe HTML."""
    latar, garis = WARNA.get(jenis, WARNA["info"])
    return (f"<div style='background:{latar};border-left:4px solid {garis};"
            f"padding:0.4em 0.8em;margin:0.3em 0'>{isi_html}</div>")


def tabel(kepala: Sequence[str], baris: Iterable[Sequence[Any]]) -> str:
    """An HTML table for a form pane (inline styles); every cell is escaped unless ``Mentah``
    (``sinovda.view.html.tabel``, the report's table)."""
    return _html.tabel(kepala, baris, sebaris=True)


def markdown(teks: str) -> str:
    """Course text written in Markdown, as HTML (never use it on participant text)."""
    import mistune

    return str(mistune.html(teks))


class _Panel:
    def __init__(self, fungsi: Callable[[], Any], sumber: Sequence[Any]) -> None:
        self.fungsi = fungsi
        for s in sumber:
            s.on_change(lambda _nilai: self.perbarui())

    def perbarui(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class PanelHTML(_Panel):
    """An HTML pane showing ``fungsi()`` (a safe HTML string), recomputed on every change."""

    def __init__(self, fungsi: Callable[[], str], *sumber: Any) -> None:
        self.widget = html("")
        super().__init__(fungsi, sumber)
        self.perbarui()

    @property
    def value(self) -> str:
        return str(self.widget.value)

    def perbarui(self) -> None:
        try:
            self.widget.value = self.fungsi()
        except Exception as e:  # noqa: BLE001 - shown instead of breaking the form
            self.widget.value = kotak(f"Umpan balik belum bisa ditampilkan: {esc(e)}", "galat")


def di_halaman_voila() -> bool:
    """True in the kernel of a Voila page (Voila sets ``$SCRIPT_NAME`` to the page address)."""
    return "/voila/render/" in os.environ.get("SCRIPT_NAME", "")


class PanelGrafik(_Panel):
    """A chart pane: ``fungsi()`` returns a matplotlib Figure (or None), shown as a PNG.

    ``kunci``: optional ``() -> data`` the chart is drawn from; when its ``repr`` is unchanged
    since the last drawing, the chart is not drawn again (drawing costs far more than saving).
    ``malas``: show a "Tampilkan grafik" button instead of drawing; the chart is drawn when the
    button is pressed and kept up to date from then on (``tampilkan()``). Default: lazy in a
    Voila page (a page then opens without importing matplotlib or drawing), eager elsewhere.
    """

    def __init__(self, fungsi: Callable[[], Any], *sumber: Any,
                 kunci: Callable[[], Any] | None = None, malas: bool | None = None,
                 label: str = "Tampilkan grafik") -> None:
        self.widget = w.VBox([], layout=tata())
        self.gambar = w.Image(format="png", layout=tata(max_width="100%", height="auto"))
        self.keterangan = html("")
        self.kunci = kunci
        self._kunci_lama: str | None = None
        self.jumlah_gambar = 0
        self.malas = di_halaman_voila() if malas is None else malas
        self.tombol = w.Button(description=label, icon="bar-chart",
                               layout=tata(width="auto"), style=gaya(w.Button))
        self.tombol.on_click(lambda _b: self.tampilkan())
        super().__init__(fungsi, sumber)
        if self.malas:
            self.widget.children = (self.tombol,)
        else:
            self.perbarui()

    def tampilkan(self) -> None:
        """Draw the chart now and keep it up to date from then on."""
        self.malas = False
        self.perbarui()

    def perbarui(self) -> None:
        if self.malas:
            return
        import matplotlib.pyplot as plt

        try:
            if self.kunci is not None:
                baru = repr(self.kunci())
                if baru == self._kunci_lama:
                    return
                self._kunci_lama = baru
            fig = self.fungsi()
        except Exception as e:  # noqa: BLE001 - shown instead of breaking the form
            self._kunci_lama = None
            self.keterangan.value = kotak(f"Grafik belum bisa dibuat: {esc(e)}", "galat")
            self.widget.children = (self.keterangan,)
            return
        if fig is None:
            self.widget.children = ()
            return
        buf = io.BytesIO()
        # Drawn at 2x and shown at its natural size, so it stays sharp and is never stretched.
        fig.savefig(buf, format="png", dpi=DPI_GAMBAR, bbox_inches="tight")
        plt.close(fig)
        png = buf.getvalue()
        lebar = int.from_bytes(png[16:20], "big")  # the PNG header's width in pixels
        self.gambar.width = str(round(lebar * 96 / DPI_GAMBAR))
        self.gambar.value = png
        self.jumlah_gambar += 1
        self.widget.children = (self.gambar,)
