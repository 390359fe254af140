"""The one set of HTML helpers of sinovda: the forms' panes and the report's sections use them.

``esc(teks)``: participant text made safe (None -> ''). ``Mentah``: HTML built by sinovda itself
(already escaped), inserted as is. ``tabel(kepala, baris, kelas="", lebar=(), sebaris=False)``:
a table whose cells are escaped unless ``Mentah``, floats written the Indonesian way
(``94,12``); ``sebaris=True`` adds inline styles for places without the report stylesheet (the
forms in JupyterLab/Voila). ``daftar(butir)``: a bullet list of escaped items.
``angka(x)``: a number for reading (``1.234,50``; None -> '-').
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable, Sequence
from typing import Any

from sinovda.domain.angka import angka_tampil

_GAYA_TH = " style='text-align:left;padding:2px 8px'"
_GAYA_TR = " style='border-top:1px solid #ddd'"
_GAYA_TD = " style='padding:2px 8px;vertical-align:top'"


def esc(nilai: Any) -> str:
    """Participant text as safe HTML text (None -> empty)."""
    return "" if nilai is None else _html.escape(str(nilai), quote=True)


class Mentah(str):
    """HTML built by sinovda itself (already escaped): inserted as is."""


def angka(nilai: float | int | None, desimal: int = 2) -> str:
    """A number the Indonesian way: 94,12 (comma decimal, point for thousands); None -> '-'."""
    return angka_tampil(nilai, desimal)


def sel(nilai: Any) -> str:
    """One table cell: ``Mentah`` as is, a float the Indonesian way, anything else escaped."""
    if isinstance(nilai, Mentah):
        return str(nilai)
    if isinstance(nilai, float):
        return esc(angka(nilai))
    return esc(nilai)


def tabel(kepala: Sequence[str], baris: Iterable[Sequence[Any]], kelas: str = "",
          lebar: Sequence[int] = (), sebaris: bool = False) -> str:
    """A table; every cell is escaped unless it is ``Mentah``.

    ``lebar``: column widths in percent (fixed table layout: faster to print, stable columns).
    ``sebaris``: inline styles (the forms); without it the report stylesheet styles it.
    """
    attr = f' class="{kelas}"' if kelas else ""
    th_, tr_, td_ = (_GAYA_TH, _GAYA_TR, _GAYA_TD) if sebaris else ("", "", "")
    if sebaris:
        attr += " style='border-collapse:collapse'"
    kol = ("<colgroup>" + "".join(f'<col style="width:{int(w)}%">' for w in lebar)
           + "</colgroup>") if lebar else ""
    th = "".join(f"<th{th_}>{esc(k)}</th>" for k in kepala)
    tr = "".join(
        f"<tr{tr_}>" + "".join(f"<td{td_}>{sel(s)}</td>" for s in b) + "</tr>" for b in baris
    )
    return f"<table{attr}>{kol}<thead><tr>{th}</tr></thead><tbody>{tr}</tbody></table>"


def daftar(butir: Iterable[Any]) -> str:
    """An HTML bullet list of escaped items."""
    return "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in butir) + "</ul>"
