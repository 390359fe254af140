"""Class-level charts for the recap: score distributions, pre against post, counts by category.

- ``distribusi_nilai(pre, post)``: histograms of pre- and post-test scores (0-100, bins of 10).
- ``pre_post(pasangan)``: one point per participant (pre, post) with the no-change diagonal.
- ``batang_hitungan(hitungan, judul, sumbu)``: horizontal bars of counts per category.

Each returns a ``matplotlib.figure.Figure`` not registered with pyplot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from sinovda.charts._umum import WARNA_LATAR, WARNA_UTAMA, figur, kosong, label
from sinovda.view.kelas import urut_hitungan


def distribusi_nilai(pre: Sequence[float], post: Sequence[float],
                     judul: str = "Sebaran nilai pre-test dan post-test") -> Figure:
    """Side-by-side histograms of the class's pre and post scores."""
    fig = figur(7.5, 3.4)
    if not pre and not post:
        return kosong(fig, "Belum ada nilai pre-test atau post-test.")
    ax = fig.add_subplot()
    batas = list(range(0, 101, 10))
    ax.hist([list(pre), list(post)], bins=batas, color=[WARNA_LATAR, WARNA_UTAMA],
            label=[f"Pre-test (n={len(pre)})", f"Post-test (n={len(post)})"], rwidth=0.9)
    ax.set_xticks(batas)
    ax.set_xlabel("Nilai (0-100)")
    ax.set_ylabel("Jumlah peserta")
    ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.legend(frameon=False, fontsize=8)
    ax.set_title(label(judul, 70))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def pre_post(pasangan: Sequence[tuple[float, float]],
             judul: str = "Nilai pre-test terhadap post-test") -> Figure:
    """Scatter of (pre, post) per participant; points above the diagonal improved."""
    fig = figur(5.5, 5.0)
    if not pasangan:
        return kosong(fig, "Belum ada peserta dengan nilai pre-test dan post-test.")
    ax = fig.add_subplot()
    ax.plot([0, 100], [0, 100], color="#999", lw=1, ls="--", label="tidak berubah")
    ax.scatter([p for p, _ in pasangan], [q for _, q in pasangan], s=36, color=WARNA_UTAMA,
               alpha=0.8, zorder=3, label=f"peserta (n={len(pasangan)})")
    ax.set_xlim(-2, 102)
    ax.set_ylim(-2, 102)
    ax.set_xlabel("Pre-test")
    ax.set_ylabel("Post-test")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.set_title(label(judul, 60))
    return fig


def batang_hitungan(hitungan: Mapping[str, int], judul: str, sumbu: str = "Jumlah") -> Figure:
    """Horizontal bars, largest first, one per category (participant text made safe)."""
    items = urut_hitungan(hitungan)
    fig = figur(7.5, max(2.2, 0.42 * len(items) + 1.3))
    if not any(v for _, v in items):  # nothing, or every count 0 (e.g. no one graded yet)
        return kosong(fig, "Belum ada data.")
    ax = fig.add_subplot()
    ys = list(range(len(items)))[::-1]
    ax.barh(ys, [v for _, v in items], color=WARNA_UTAMA)
    for y, (_, v) in zip(ys, items, strict=True):
        ax.text(v + 0.05, y, str(v), va="center", fontsize=8)
    ax.set_yticks(ys, [label(k, 34) for k, _ in items], fontsize=8)
    ax.set_xlabel(sumbu)
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.set_title(label(judul, 70))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def kemajuan_modul(hitungan: Mapping[str, Mapping[str, int]],
                   judul: str = "Penyelesaian per modul") -> Figure:
    """Stacked horizontal bars per module: selesai / sedang / belum (participant counts)."""
    moduls = list(hitungan)
    fig = figur(7.5, max(2.4, 0.42 * len(moduls) + 1.5))
    if not moduls:
        return kosong(fig, "Belum ada peserta.")
    ax = fig.add_subplot()
    ys = list(range(len(moduls)))[::-1]
    kiri = [0] * len(moduls)
    for status, label_status, warna in (("selesai", "selesai", WARNA_UTAMA),
                                        ("sedang", "sedang dikerjakan", WARNA_LATAR),
                                        ("belum", "belum mulai", "#d9d9d9")):
        nilai = [int(hitungan[m].get(status, 0)) for m in moduls]
        ax.barh(ys, nilai, left=kiri, color=warna, label=label_status)
        kiri = [a + b for a, b in zip(kiri, nilai, strict=True)]
    ax.set_yticks(ys, [label(m, 34) for m in moduls], fontsize=8)
    ax.set_xlabel("Jumlah peserta")
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.set_title(label(judul, 70))
    ax.spines[["top", "right"]].set_visible(False)
    return fig
