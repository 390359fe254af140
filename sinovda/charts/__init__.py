"""Charts (matplotlib Figures with Indonesian labels) shared by the module forms and the reports.

- ``usg_bar(ranking)``: USG ranking, stacked U/S/G bars, rank 1 on top.
- ``fishbone(sebab, masalah)``: ``{kategori: [sebab]}`` or stored ``[{kategori, sebab}]`` rows.
- ``pemangku(daftar, kuadran=None, batas=3)``: power/interest map with four labelled quadrants.
- ``capaian_bar(rows, batas_atas=None)``: rows ``{label, capaian, predikat, warna}``.
- ``tren(tw, target, agregasi="posisi", judul, satuan)``: TW I-IV against the yearly target.

Each returns a ``matplotlib.figure.Figure`` that is not registered with pyplot.
"""

from sinovda.charts.kinerja import capaian_bar, tren
from sinovda.charts.masalah import fishbone, pemangku, usg_bar

__all__ = ["capaian_bar", "fishbone", "pemangku", "tren", "usg_bar"]
