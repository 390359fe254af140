"""Display building blocks for reports: sections, label/value tables, badges, charts.

Tables, escaping and numbers come from the one set of HTML helpers, ``sinovda.view.html``.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from typing import Any

from sinovda.view.html import Mentah, angka, esc, sel, tabel

__all__ = ["Bagian", "Mentah", "angka", "daftar_isian", "esc", "gambar", "kosong", "lencana",
           "paragraf", "tabel"]


class Bagian:
    """One report section: HTML shown by Jupyter (``_repr_html_``) and by the report template."""

    def __init__(self, judul: str, isi: str, kunci: str = "") -> None:
        self.judul = judul
        self.kunci = kunci
        self.isi = isi

    @property
    def html(self) -> str:
        kelas = f' id="{esc(self.kunci)}"' if self.kunci else ""
        return f'<section class="bagian"{kelas}><h2>{esc(self.judul)}</h2>\n{self.isi}\n</section>'

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def paragraf(teks: Any, kelas: str = "") -> str:
    attr = f' class="{kelas}"' if kelas else ""
    return f"<p{attr}>{esc(teks)}</p>"


def kosong(teks: str) -> str:
    """A note that a part is not filled in yet."""
    return f'<p class="kosong">{esc(teks)}</p>'


def daftar_isian(pasangan: Iterable[tuple[str, Any]]) -> str:
    """A two-column label/value table (identity, innovation record)."""
    tr = "".join(f"<tr><th>{esc(k)}</th><td>{sel(v)}</td></tr>" for k, v in pasangan)
    return f'<table class="isian"><tbody>{tr}</tbody></table>'


def lencana(teks: str, warna: str = "") -> Mentah:
    """A coloured label (predikat, category)."""
    gaya = f' style="border-color:{esc(warna)}; color:{esc(warna)}"' if warna else ""
    return Mentah(f'<span class="lencana"{gaya}>{esc(teks)}</span>')


def gambar(fig: Any, alt: str, dpi: int = 96) -> str:
    """A matplotlib figure as an embedded PNG (data URI)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img class="grafik" alt="{esc(alt)}" src="data:image/png;base64,{data}">'
