"""Display building blocks for reports: escaped HTML sections, tables and embedded charts."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Sequence
from typing import Any


def esc(nilai: Any) -> str:
    """Participant text as safe HTML text (None -> empty)."""
    return "" if nilai is None else html.escape(str(nilai), quote=True)


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


def tabel(kepala: Sequence[str], baris: Iterable[Sequence[Any]], kelas: str = "",
          lebar: Sequence[int] = ()) -> str:
    """A table; every cell is escaped unless it is a ``Mentah`` (trusted, already-built HTML).

    ``lebar``: column widths in percent (fixed table layout: faster to print, stable columns).
    """
    attr = f' class="{kelas}"' if kelas else ""
    kol = ("<colgroup>" + "".join(f'<col style="width:{int(w)}%">' for w in lebar)
           + "</colgroup>") if lebar else ""
    th = "".join(f"<th>{esc(k)}</th>" for k in kepala)
    tr = "".join(
        "<tr>" + "".join(f"<td>{_sel(s)}</td>" for s in b) + "</tr>" for b in baris
    )
    return f"<table{attr}>{kol}<thead><tr>{th}</tr></thead><tbody>{tr}</tbody></table>"


def daftar_isian(pasangan: Iterable[tuple[str, Any]]) -> str:
    """A two-column label/value table (identity, innovation record)."""
    tr = "".join(f"<tr><th>{esc(k)}</th><td>{_sel(v)}</td></tr>" for k, v in pasangan)
    return f'<table class="isian"><tbody>{tr}</tbody></table>'


class Mentah(str):
    """HTML built by sinovda itself (already escaped): inserted as is."""


def _sel(nilai: Any) -> str:
    if isinstance(nilai, Mentah):
        return str(nilai)
    if isinstance(nilai, float):
        return esc(angka(nilai))
    return esc(nilai)


def angka(nilai: float | int | None, desimal: int = 2) -> str:
    """A number the Indonesian way: 94,12 (comma decimal); None -> '-'."""
    if nilai is None:
        return "-"
    if isinstance(nilai, int) or float(nilai).is_integer():
        return f"{int(nilai):,}".replace(",", ".")
    teks = f"{nilai:,.{desimal}f}"
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


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
