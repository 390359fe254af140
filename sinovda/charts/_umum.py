"""Shared helpers for the charts: a fresh Figure, safe labels, Indonesian numbers, reading items."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from matplotlib.figure import Figure

WARNA_UTAMA = "#1a4f9c"
WARNA_LATAR = "#9aa5b1"
WARNA_TARGET = "#b00020"


def figur(lebar: float, tinggi: float) -> Figure:
    """A new Figure not registered with pyplot (no global state, no leak in long sessions)."""
    return Figure(figsize=(lebar, tinggi), dpi=100, layout="constrained")


def label(teks: Any, lebar: int = 28) -> str:
    """Participant text made safe for matplotlib (no mathtext from ``$``), wrapped to ``lebar``."""
    t = " ".join(str("" if teks is None else teks).split())
    t = textwrap.fill(t, lebar) if lebar else t
    return t.replace("$", r"\$")


def angka(nilai: float | int | None, desimal: int = 2) -> str:
    """A number written the Indonesian way (decimal comma, no trailing zeros): 94,12 / 120."""
    if nilai is None:
        return "-"
    teks = f"{float(nilai):,.{desimal}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if "," in teks:
        teks = teks.rstrip("0").rstrip(",")
    return teks


def ambil(item: Any, *nama: str, bawaan: Any = None) -> Any:
    """The first of ``nama`` found on ``item`` (dict key or attribute, also inside ``item.isu``)."""
    for n in nama:
        if isinstance(item, Mapping):
            if n in item:
                return item[n]
        elif hasattr(item, n):
            return getattr(item, n)
    dalam = item.get("isu") if isinstance(item, Mapping) else getattr(item, "isu", None)
    if dalam is not None and dalam is not item:
        return ambil(dalam, *nama, bawaan=bawaan)
    return bawaan


def kosong(fig: Figure, pesan: str) -> Figure:
    """Draw a centred message on an empty chart (e.g. nothing filled in yet)."""
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, label(pesan, 60), ha="center", va="center", color="#555", fontsize=11,
            transform=ax.transAxes)
    return fig
