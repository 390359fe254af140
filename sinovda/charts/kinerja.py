"""Charts of module 04 (monitoring and evaluation): capaian per indicator, quarterly trend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from sinovda.charts._umum import (
    WARNA_LATAR,
    WARNA_TARGET,
    WARNA_UTAMA,
    ambil,
    angka,
    figur,
    kosong,
    label,
)

TRIWULAN = ("TW I", "TW II", "TW III", "TW IV")


def capaian_bar(rows: Sequence[Any], batas_atas: float | None = None,
                judul: str = "Capaian kinerja per indikator") -> Figure:
    """Horizontal bars of capaian (%) per indicator, coloured by predikat, with the 100% line.

    ``rows``: dicts/objects with ``label`` (or ``kode``/``nama``), ``capaian`` (percent or None
    when it cannot be computed), ``predikat`` (text) and ``warna`` (a colour for the predikat).
    ``batas_atas``: the cap on capaian from settings, drawn as a dotted line when given.
    """
    items = list(rows)
    fig = figur(7.5, max(2.4, 0.6 * len(items) + 1.6))
    if not items:
        return kosong(fig, "Belum ada indikator dengan realisasi.")
    ax = fig.add_subplot()
    ys = list(range(len(items)))[::-1]
    legenda: dict[str, str] = {}
    tertinggi = 100.0
    for y, item in zip(ys, items, strict=True):
        nilai = ambil(item, "capaian")
        predikat = ambil(item, "predikat", bawaan=None)
        warna = ambil(item, "warna", bawaan=None) or WARNA_LATAR
        if nilai is None:
            ax.text(1, y, "tidak dapat dihitung", va="center", fontsize=9, color="#555",
                    style="italic")
            continue
        nilai = float(nilai)
        tertinggi = max(tertinggi, nilai)
        ax.barh(y, nilai, color=warna, edgecolor="white")
        if predikat and predikat not in legenda:
            legenda[str(predikat)] = warna
        teks = f"{angka(nilai)}%" + (f"  {predikat}" if predikat else "")
        ax.text(nilai + 1.5, y, label(teks, 0), va="center", fontsize=9)
    nama = [ambil(i, "label", bawaan=None) or _nama(i) for i in items]
    ax.set_yticks(ys, [label(n, 30) for n in nama])
    ax.axvline(100, color=WARNA_TARGET, lw=1.2, ls="--", label="Target (100%)")
    if batas_atas is not None:
        ax.axvline(float(batas_atas), color="#555", lw=1, ls=":",
                   label=f"Batas atas capaian ({angka(batas_atas)}%)")
    ax.set_xlim(0, max(tertinggi, float(batas_atas or 0)) * 1.3 + 5)
    ax.set_xlabel("Capaian (%)")
    ax.set_title(label(judul, 70))
    from matplotlib.patches import Patch

    tangan = [Patch(color=w, label=label(p, 0)) for p, w in legenda.items()]
    garis, _ = ax.get_legend_handles_labels()
    ax.set_ylim(-0.6, len(items) - 0.4)
    ax.legend(handles=[*garis, *tangan], loc="upper center", bbox_to_anchor=(0.5, -0.18),
              ncol=2, fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _nama(item: Any) -> str:
    kode, nama = ambil(item, "kode", bawaan=""), ambil(item, "nama", bawaan="")
    return f"{kode} {nama}".strip() if kode and nama else str(kode or nama or "?")


def tren(tw: Sequence[float | None], target: float | Sequence[float] | None = None,
         agregasi: str = "posisi", judul: str = "Realisasi per triwulan",
         satuan: str = "") -> Figure:
    """Quarterly realisasi (TW I-IV) against the yearly target.

    ``tw``: four values, None for a quarter not reported. ``target``: a number, a range
    ``[low, high]`` (drawn as a band) or None. ``agregasi``: ``kumulatif`` also draws the running
    total, which is what the yearly target is compared with; ``posisi`` compares each quarter.
    """
    nilai = [None if v is None else float(v) for v in list(tw)[:4]]
    nilai += [None] * (4 - len(nilai))
    fig = figur(7.0, 3.8)
    if all(v is None for v in nilai) and target is None:
        return kosong(fig, "Belum ada realisasi triwulan yang diisi.")
    ax = fig.add_subplot()
    xs = list(range(4))
    ada = [(x, v) for x, v in zip(xs, nilai, strict=True) if v is not None]
    ax.bar([x for x, _ in ada], [v for _, v in ada], color=WARNA_LATAR if agregasi == "kumulatif"
           else WARNA_UTAMA, width=0.55, label="Realisasi triwulan")
    for x, v in ada:
        ax.text(x, v, angka(v), ha="center", va="bottom", fontsize=8)
    if agregasi == "kumulatif" and ada:
        jalan, total = [], 0.0
        for x, v in ada:
            total += v
            jalan.append((x, total))
        ax.plot([x for x, _ in jalan], [t for _, t in jalan], color=WARNA_UTAMA, marker="o",
                lw=2, label="Realisasi kumulatif")
        for x, t in jalan[1:]:
            ax.annotate(angka(t), (x, t), xytext=(0, 6), textcoords="offset points",
                        ha="center", fontsize=8, color=WARNA_UTAMA)
    if isinstance(target, Sequence) and not isinstance(target, str) and len(target) == 2:
        lo, hi = float(target[0]), float(target[1])
        ax.axhspan(lo, hi, color=WARNA_TARGET, alpha=0.15, zorder=0,
                   label=f"Target {angka(lo)}-{angka(hi)}")
    elif isinstance(target, int | float):
        ax.axhline(float(target), color=WARNA_TARGET, ls="--", lw=1.3,
                   label=f"Target tahunan {angka(float(target))}")
    ax.set_xticks(xs, TRIWULAN)
    ax.set_xlim(-0.6, 3.6)
    puncak = [abs(t) for t in ax.get_ylim()] + [abs(v) for _, v in ada]
    ax.set_ylim(min([0.0, *(v for _, v in ada)]), max(puncak) * 1.15 or 1.0)
    ax.set_ylabel(label(satuan, 30) if satuan else "Realisasi")
    ax.set_title(label(judul, 70))
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
