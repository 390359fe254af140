"""Module 05 as people see it: IID readiness score (0-100), category, the thresholds used, the
levels per indicator and where raising a level adds most.

``lihat_kesiapan(jawaban, daftar=None, pengaturan=None) -> ViewKesiapan | None`` (None while
``replikasi.kesiapan`` is empty): module 05's form, the report and the recap show the same score
(two decimals, as the domain rounds it) and category.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sinovda.domain import kesiapan as dk
from sinovda.view.jawaban import Jawaban, ambil, pengaturan_atau_muat


@dataclass(frozen=True)
class BarisIID:
    nama: str
    bobot: float
    level: int  # 0-3 (0 = not met)
    skor: float  # bobot x level
    wajib: bool


@dataclass(frozen=True)
class ViewKesiapan:
    skor: float  # 0-100, two decimals
    kategori: str
    ringkasan: str  # the domain's summary in words
    keterangan: str  # which year's thresholds, and whether they are verified
    catatan: str  # the IID data's own caveat
    rincian: tuple[BarisIID, ...]
    peluang: tuple[tuple[str, float], ...]  # (indicator, points still open), most first
    hasil: dk.HasilKesiapan

    @property
    def terisi(self) -> tuple[BarisIID, ...]:
        """Indicators at level 1-3."""
        return tuple(r for r in self.rincian if r.level)


def daftar_iid() -> dk.DaftarIID:
    """The IID indicators of ``modul/iid.yaml``."""
    from sinovda.data.settings import load_iid

    return load_iid()


def nilai_dari(level: Mapping[str, Any], daftar: dk.DaftarIID | None = None,
               pengaturan: Any = None, tahun: int | None = None) -> ViewKesiapan:
    """The view of these levels (``{indicator id: 0-3}``), as stored or as on screen."""
    p = pengaturan_atau_muat(pengaturan)
    d = daftar if daftar is not None else daftar_iid()
    h = dk.nilai_kesiapan(level, d, p, tahun=tahun)
    rincian = tuple(BarisIID(r.indikator.nama, r.indikator.bobot, r.level, r.skor,
                             r.indikator.wajib) for r in h.rincian)
    sisa = [(r.indikator.nama, r.indikator.bobot * (dk.LEVEL_MAKS - r.level))
            for r in h.rincian]
    peluang = tuple(sorted([x for x in sisa if x[1] > 0], key=lambda x: -x[1]))
    return ViewKesiapan(
        skor=h.skor, kategori=h.kategori, ringkasan=dk.ringkasan(h),
        keterangan=f"ambang kategori tahun {h.tahun}"
                   + ("" if h.terverifikasi else " (belum terverifikasi)"),
        catatan=str(d.catatan or ""), rincian=rincian, peluang=peluang, hasil=h)


def lihat_kesiapan(jawaban: Jawaban, daftar: dk.DaftarIID | None = None,
                   pengaturan: Any = None) -> ViewKesiapan | None:
    """Module 05's view of the stored ``replikasi.kesiapan``; None while it is empty."""
    level = ambil(jawaban, "replikasi", "kesiapan")
    if not isinstance(level, Mapping) or not level:
        return None
    return nilai_dari(level, daftar, pengaturan)


def tahun_ambang(pengaturan: Any = None) -> list[tuple[int, bool, str]]:
    """(tahun, terverifikasi, sumber) of every threshold set in the settings."""
    p = pengaturan_atau_muat(pengaturan)
    return [(a.tahun, a.terverifikasi, a.sumber) for a in p.iid.ambang]


def tahun_berlaku(pengaturan: Any = None) -> int:
    """The year whose thresholds apply by default."""
    return int(pengaturan_atau_muat(pengaturan).iid.tahun_berlaku)


def ambang(tahun: int | None = None, pengaturan: Any = None) -> list[tuple[str, str]]:
    """(kategori, rentang) of the thresholds of ``tahun``."""
    a = pengaturan_atau_muat(pengaturan).iid.untuk_tahun(tahun)
    return [(j.label, j.keterangan) for j in a.skala.jenjang]
