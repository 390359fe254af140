"""Charts (matplotlib Figures with Indonesian labels) shared by the module forms and the reports.

- ``usg_bar(ranking)``: USG ranking, stacked U/S/G bars, rank 1 on top.
- ``fishbone(sebab, masalah)``: ``{kategori: [sebab]}`` or stored ``[{kategori, sebab}]`` rows.
- ``pemangku(daftar, kuadran=None, batas=3)``: power/interest map with four labelled quadrants.
- ``capaian_bar(rows, batas_atas=None)``: rows ``{label, capaian, predikat, warna}``.
- ``tren(tw, target, agregasi="posisi", judul, satuan)``: TW I-IV against the yearly target.

Each returns a ``matplotlib.figure.Figure`` that is not registered with pyplot.

Importing ``sinovda.charts`` is cheap: matplotlib (about 0.4 CPU-s) is imported only when a
chart function is first used, so a module page that draws no chart never pays for it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_ASAL = {
    "capaian_bar": "sinovda.charts.kinerja",
    "tren": "sinovda.charts.kinerja",
    "fishbone": "sinovda.charts.masalah",
    "pemangku": "sinovda.charts.masalah",
    "usg_bar": "sinovda.charts.masalah",
}

__all__ = sorted(_ASAL)


def __getattr__(nama: str) -> Any:
    """Load a chart function (and matplotlib) on first use."""
    if nama in _ASAL:
        fungsi = getattr(import_module(_ASAL[nama]), nama)
        globals()[nama] = fungsi
        return fungsi
    raise AttributeError(f"module 'sinovda.charts' has no attribute {nama!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_ASAL])
