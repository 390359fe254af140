"""Module 04's link to the domain's performance rules (``sinovda.domain.kinerja``) and charts.

No rule is made here: the yearly figure, capaian and predikat come from the domain with the
settings of ``modul/pengaturan.yaml``; this module only turns stored dicts into rows to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda import charts
from sinovda.data.settings import load_pengaturan
from sinovda.domain import kinerja
from sinovda.domain.errors import SinovdaError

# Colours from best to worst predikat (the labels and their order come from the settings).
PALET = ("#1b5e20", "#7cb342", "#f9a825", "#ef6c00", "#c62828", "#6d0000")


@dataclass(frozen=True)
class Hasil:
    """One indicator's monitoring result for the chosen year."""

    kode: str
    nama: str
    satuan: str
    polaritas: str
    agregasi: str
    tahun: str
    target: Any
    tw: tuple[float | None, ...]
    realisasi: float | None
    capaian: float | None
    predikat: str | None
    warna: str | None
    catatan: str = ""
    rumus: str = ""

    @property
    def label(self) -> str:
        return f"{self.kode} {self.nama}".strip()


def indikator_berkode(rows: Any) -> list[dict[str, Any]]:
    """Module 03's indicators that have a code (the key realisasi is stored under)."""
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and str(r.get("kode") or "").strip()]


def tahun_opsi(row: Mapping[str, Any]) -> list[str]:
    """The years this indicator has a target for (sorted); empty when none."""
    target = row.get("target")
    return sorted(str(t) for t in target) if isinstance(target, Mapping) else []


def _skala(pengaturan: Any) -> Any:
    return getattr(pengaturan, "predikat", None)


def _warna(predikat: Any, pengaturan: Any) -> str:
    """The predikat's colour from the settings, else one by its rank in the scale."""
    warna = getattr(predikat, "warna", "")
    if warna:
        return str(warna)
    label = [j.label for j in getattr(_skala(pengaturan), "jenjang", ())]
    teks = getattr(predikat, "label", predikat)
    i = label.index(teks) if teks in label else len(PALET) - 1
    return PALET[min(i, len(PALET) - 1)]


def hitung(row: Mapping[str, Any], realisasi: Mapping[str, Any] | None,
           pengaturan: Any = None) -> Hasil:
    """The yearly figure, capaian and predikat of one indicator (domain rules)."""
    pengaturan = pengaturan or load_pengaturan()
    kode = str(row.get("kode") or "")
    opsi = tahun_opsi(row)
    real = realisasi if isinstance(realisasi, Mapping) else {}
    tahun = str(real.get("tahun") or (opsi[0] if opsi else ""))
    tw_mentah = list(real.get("tw") or [])[:4]
    tw = tuple(tw_mentah + [None] * (4 - len(tw_mentah)))
    polaritas = str(row.get("polaritas") or "positif")
    agregasi = str(row.get("agregasi") or "posisi")
    target = (row.get("target") or {}).get(tahun) if isinstance(row.get("target"), Mapping) \
        else None
    dasar: dict[str, Any] = {"kode": kode, "nama": str(row.get("nama") or ""),
             "satuan": str(row.get("satuan")
             or ""), "polaritas": polaritas, "agregasi": agregasi, "tahun": tahun,
             "target": target, "tw": tw}
    try:
        tahunan = kinerja.realisasi_tahunan(list(tw), agregasi)
    except SinovdaError as e:
        return Hasil(**dasar, realisasi=None, capaian=None, predikat=None, warna=None,
                     catatan=str(e))
    if tahunan is None:
        return Hasil(**dasar, realisasi=None, capaian=None, predikat=None, warna=None,
                     catatan="belum ada realisasi triwulan")
    if target is None:
        return Hasil(**dasar, realisasi=tahunan, capaian=None, predikat=None, warna=None,
                     catatan=f"target tahun {tahun or '-'} belum diisi di modul 03")
    try:
        hc = kinerja.hitung_capaian(target, tahunan, polaritas, pengaturan)
    except SinovdaError as e:
        return Hasil(**dasar, realisasi=tahunan, capaian=None, predikat=None, warna=None,
                     catatan=str(e))
    if hc.nilai is None:
        return Hasil(**dasar, realisasi=tahunan, capaian=None, predikat=None, warna=None,
                     catatan=hc.rumus, rumus=hc.rumus)
    predikat = kinerja.predikat(hc.nilai, pengaturan)
    return Hasil(**dasar, realisasi=tahunan, capaian=float(hc.nilai),
                 predikat=str(getattr(predikat, "label", predikat)),
                 warna=_warna(predikat, pengaturan), rumus=hc.rumus)


def perlu_analisis(hasil: Sequence[Hasil]) -> list[Hasil]:
    """Indicators below 100% (or not computable although reported): gaps to analyse."""
    return [h for h in hasil if h.realisasi is not None and (h.capaian is None or h.capaian < 100)]


def grafik_capaian(hasil: Sequence[Hasil], pengaturan: Any = None) -> Any:
    """The capaian bar chart of the indicators that have a realisasi."""
    pengaturan = pengaturan or load_pengaturan()
    rows = [{"label": h.label, "capaian": h.capaian, "predikat": h.predikat, "warna": h.warna}
            for h in hasil if h.realisasi is not None]
    batas = getattr(getattr(pengaturan, "capaian", None), "batas_atas", None)
    return charts.capaian_bar(rows, batas_atas=batas) if rows else None


def grafik_tren(h: Hasil) -> Any:
    """The quarterly trend of one indicator against its target."""
    return charts.tren(list(h.tw), h.target, agregasi=h.agregasi,
                       judul=f"{h.label}: realisasi {h.tahun}", satuan=h.satuan)
