"""Charts of module 01 (problem identification): USG ranking, fishbone, stakeholder map."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from matplotlib.figure import Figure

from sinovda.charts._umum import WARNA_UTAMA, ambil, angka, figur, kosong, label

WARNA_USG = {"u": "#1a4f9c", "s": "#4f83cc", "g": "#9dbbe6"}
NAMA_USG = {"u": "Kemendesakan (U)", "s": "Keseriusan (S)", "g": "Perkembangan (G)"}


def usg_bar(ranking: Sequence[Any], judul: str = "Peringkat isu menurut skor USG") -> Figure:
    """Horizontal stacked bars U+S+G per issue, in ranking order (rank 1 on top, highlighted).

    ``ranking``: the result of ``sinovda.domain.masalah.ranking_usg`` or dicts/objects with
    ``judul``, ``u``, ``s``, ``g`` (and optionally ``total``, ``peringkat``), best first.
    """
    items = list(ranking)
    fig = figur(7.5, max(2.2, 0.6 * len(items) + 1.4))
    if not items:
        return kosong(fig, "Belum ada isu yang dinilai dengan USG.")
    ax = fig.add_subplot()
    ys = list(range(len(items)))[::-1]
    for y, item in zip(ys, items, strict=True):
        kiri = 0.0
        for k in ("u", "s", "g"):
            nilai = float(ambil(item, k, k.upper(), bawaan=0) or 0)
            ax.barh(y, nilai, left=kiri, color=WARNA_USG[k], edgecolor="white",
                    label=NAMA_USG[k] if y == ys[0] else None)
            kiri += nilai
        total = ambil(item, "total", "skor", bawaan=kiri)
        peringkat = ambil(item, "peringkat", bawaan=None)
        teks = f"{angka(total)}" + (f"  (peringkat {peringkat})" if peringkat else "")
        ax.text(kiri + 0.2, y, teks, va="center", fontsize=9,
                fontweight="bold" if y == ys[0] else "normal")
    ax.set_yticks(ys, [label(ambil(i, "judul", bawaan=""), 30) for i in items])
    ax.get_yticklabels()[0].set_fontweight("bold")
    ax.set_xlim(0, 18)
    ax.set_xticks(range(0, 16, 3))
    ax.set_xlabel("Skor USG = U + S + G (3-15)")
    ax.set_title(label(judul, 70))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, fontsize=8,
              frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def kelompok_sebab(sebab: Mapping[str, Sequence[str]] | Iterable[Mapping[str, Any]]
                   ) -> dict[str, list[str]]:
    """Causes grouped by category, from a mapping or from stored rows ``{kategori, sebab}``."""
    if isinstance(sebab, Mapping):
        return {str(k): [str(s) for s in v if str(s).strip()] for k, v in sebab.items()}
    hasil: dict[str, list[str]] = {}
    for row in sebab:
        kat = str(row.get("kategori") or "Lainnya")
        teks = str(row.get("sebab") or "").strip()
        hasil.setdefault(kat, [])
        if teks:
            hasil[kat].append(teks)
    return hasil


def fishbone(sebab: Mapping[str, Sequence[str]] | Iterable[Mapping[str, Any]], masalah: str,
             judul: str = "Diagram tulang ikan (fishbone)") -> Figure:
    """An Ishikawa diagram: the problem at the head, one bone per category with its causes.

    ``sebab``: ``{kategori: [sebab, ...]}`` (categories in display order) or the stored list of
    ``{"kategori", "sebab"}`` rows.
    """
    grup = kelompok_sebab(sebab)
    n = len(grup)
    kolom = max(1, (n + 1) // 2)
    fig = figur(max(8.0, 3.2 * kolom + 3), 6.0)
    if not grup:
        return kosong(fig, "Belum ada sebab yang diisi.")
    ax = fig.add_subplot()
    ax.axis("off")
    panjang = 3.2 * kolom
    ax.set_xlim(-0.3, panjang + 3.0)
    ax.set_ylim(-3.3, 3.3)
    ax.annotate("", xy=(panjang + 0.1, 0), xytext=(0, 0),
                arrowprops={"arrowstyle": "-|>", "lw": 2.5, "color": "#333"})
    ax.text(panjang + 0.2, 0, label(masalah or "(masalah belum diisi)", 22), va="center",
            ha="left", fontsize=10, fontweight="bold",
            bbox={"boxstyle": "round,pad=0.4", "fc": "#fdecea", "ec": "#b00020"})
    for i, (kat, daftar) in enumerate(grup.items()):
        atas = i % 2 == 0
        x_ujung = 3.2 * (i // 2) + 2.6
        x_pangkal, y_pangkal = x_ujung - 1.8, (2.6 if atas else -2.6)
        ax.plot([x_pangkal, x_ujung], [y_pangkal, 0], color=WARNA_UTAMA, lw=1.8)
        ax.text(x_pangkal, y_pangkal + (0.25 if atas else -0.25), label(kat, 20),
                ha="center", va="bottom" if atas else "top", fontsize=10, fontweight="bold",
                color=WARNA_UTAMA)
        tampil = daftar[:5]
        for j, s in enumerate(tampil):
            t = (j + 1) / (len(tampil) + 1)
            x, y = x_pangkal + t * 1.8, y_pangkal * (1 - t)
            ax.plot([x - 0.15, x], [y, y], color="#777", lw=0.8)
            ax.text(x - 0.18, y, label(s, 24), ha="right", va="center", fontsize=7.5)
        if len(daftar) > 5:
            ax.text(x_ujung, (0.3 if atas else -0.3), f"+{len(daftar) - 5} sebab lain",
                    fontsize=7, color="#555", ha="left", va="center")
    ax.set_title(label(judul, 70))
    return fig


KUADRAN_BAWAAN = {
    "promoters": "Pemain kunci (Promoters): kelola dengan dekat",
    "latents": "Pihak laten (Latents): jaga kepuasan",
    "defenders": "Pendukung (Defenders): beri informasi",
    "apathetics": "Pihak pasif (Apathetics): pantau",
}


def label_kuadran(pengaturan: Any = None) -> tuple[dict[str, str], float]:
    """Quadrant labels and the 'high' threshold from the settings (``modul/pengaturan.yaml``)."""
    if pengaturan is None:
        from sinovda.data.settings import load_pengaturan

        pengaturan = load_pengaturan()
    aturan = getattr(pengaturan, "pemangku", pengaturan)
    teks = {k.kode: f"{k.label}: {k.saran.split(';')[0]}" for k in aturan.kuadran}
    return teks, float(aturan.batas_tinggi)


def pemangku(daftar: Sequence[Any], kuadran: Mapping[str, str] | Any = None,
             batas: float | None = None, judul: str = "Pemetaan pemangku kepentingan") -> Figure:
    """Power/interest scatter (pengaruh on y, kepentingan on x, 1-5) with four labelled quadrants.

    ``daftar``: dicts/objects with ``nama``, ``pengaruh``, ``kepentingan``. ``kuadran``: labels
    for keys promoters, latents, defenders, apathetics, or the settings (``Pengaturan`` /
    ``AturanPemangku``); None reads ``modul/pengaturan.yaml``. ``batas``: the score from which a
    value counts as high (default: the settings' ``batas_tinggi``); the quadrant lines are drawn
    half a point below it.
    """
    if kuadran is None or not isinstance(kuadran, Mapping):
        label_set, batas_set = label_kuadran(kuadran)
    else:
        label_set, batas_set = dict(kuadran), 3.0
    teks = {**KUADRAN_BAWAAN, **label_set}
    batas = batas_set if batas is None else float(batas)
    fig = figur(7.0, 6.0)
    ax = fig.add_subplot()
    garis = batas - 0.5
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.axvline(garis, color="#999", lw=1)
    ax.axhline(garis, color="#999", lw=1)
    lo, hi = 0.5, 5.5
    kotak = {  # key: (x0, y0, x1, y1, colour, label corner)
        "promoters": (garis, garis, hi, hi, "#e6f4ea", "kanan-atas"),
        "latents": (lo, garis, garis, hi, "#fff4e5", "kiri-atas"),
        "defenders": (garis, lo, hi, garis, "#e8f0fe", "kanan-bawah"),
        "apathetics": (lo, lo, garis, garis, "#f3f3f3", "kiri-bawah"),
    }
    for k, (x0, y0, x1, y1, warna, sudut) in kotak.items():
        ax.add_patch(_persegi(x0, y0, x1 - x0, y1 - y0, warna))
        kanan, atas = sudut.startswith("kanan"), sudut.endswith("atas")
        ax.text(x1 - 0.08 if kanan else x0 + 0.08, y1 - 0.08 if atas else y0 + 0.08,
                label(teks[k], 24), ha="right" if kanan else "left",
                va="top" if atas else "bottom", fontsize=8.5, color="#333", style="italic")
    dipakai: dict[tuple[float, float], int] = {}
    for item in daftar:
        try:
            x = float(ambil(item, "kepentingan"))
            y = float(ambil(item, "pengaruh"))
        except (TypeError, ValueError):
            continue
        ke = dipakai.get((x, y), 0)
        dipakai[(x, y)] = ke + 1
        dx, dy = _geser(ke)
        ax.scatter([x + dx], [y + dy], s=60, color=WARNA_UTAMA, zorder=3)
        ax.annotate(label(ambil(item, "nama", bawaan=""), 20), (x + dx, y + dy),
                    xytext=(6, 4), textcoords="offset points", fontsize=8.5, zorder=4)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("Kepentingan (1 = rendah, 5 = tinggi)")
    ax.set_ylabel("Pengaruh (1 = rendah, 5 = tinggi)")
    ax.set_title(label(judul, 70))
    return fig


def _persegi(x: float, y: float, lebar: float, tinggi: float, warna: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), lebar, tinggi, facecolor=warna, edgecolor="none", zorder=0)


def _geser(ke: int) -> tuple[float, float]:
    """A small, stable offset so that stakeholders with equal scores do not hide each other."""
    if ke == 0:
        return 0.0, 0.0
    langkah = [(0.12, 0.12), (-0.12, 0.12), (0.12, -0.12), (-0.12, -0.12), (0.0, 0.2),
               (0.0, -0.2), (0.2, 0.0), (-0.2, 0.0)]
    dx, dy = langkah[(ke - 1) % len(langkah)]
    skala = 1 + (ke - 1) // len(langkah)
    return dx * skala, dy * skala
