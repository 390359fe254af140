"""IID readiness self-assessment of one innovation: score = sum(bobot x level) / max x 100.

Levels are 0 (not met) to 3; the maximum is sum(bobot x 3). The category uses the thresholds
of a stated year from the settings (the score is rounded to 2 decimals first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sinovda.domain.angka import format_angka, ke_angka
from sinovda.domain.errors import InputTidakValid

LEVEL_MAKS = 3


@dataclass(frozen=True)
class IndikatorIID:
    kode: str
    nama: str
    bobot: float
    wajib: bool
    level: tuple[str, str, str]  # what level 1, 2, 3 mean


@dataclass(frozen=True)
class DaftarIID:
    catatan: str  # e.g. "ilustratif, cek pedoman BSKDN terbaru"
    indikator: tuple[IndikatorIID, ...]

    @property
    def maksimum(self) -> float:
        return sum(i.bobot for i in self.indikator) * LEVEL_MAKS


@dataclass(frozen=True)
class RincianIID:
    indikator: IndikatorIID
    level: int
    skor: float  # bobot x level


@dataclass(frozen=True)
class HasilKesiapan:
    skor: float  # 0-100, 2 decimals
    total: float
    maksimum: float
    kategori: str
    tahun: int  # the year whose thresholds were applied
    terverifikasi: bool
    sumber: str
    rincian: tuple[RincianIID, ...]
    wajib_belum: tuple[str, ...]  # names of mandatory indicators at level 0
    belum_diisi: tuple[str, ...]  # names of indicators without an answer (counted as 0)


def _level(ind: IndikatorIID, nilai: Any) -> int:
    x = ke_angka(nilai)
    if x is None or not x.is_integer() or not 0 <= x <= LEVEL_MAKS:
        raise InputTidakValid(
            f"Indikator IID '{ind.nama}': level '{nilai}' harus bilangan bulat 0-{LEVEL_MAKS}"
        )
    return int(x)


def nilai_kesiapan(isian: Mapping[str, Any] | None, daftar: DaftarIID, pengaturan: Any,
                   tahun: int | None = None) -> HasilKesiapan:
    """Score the ``replikasi.kesiapan`` answers ``{kode: 0-3}``.

    ``pengaturan``: ``AturanIID`` or the whole ``Pengaturan``; ``tahun``: whose thresholds
    (default: the settings' ``tahun_berlaku``). Unknown codes are ignored.
    """
    aturan = getattr(pengaturan, "iid", pengaturan)
    ambang = aturan.untuk_tahun(tahun)
    isian = isian or {}
    rincian, wajib_belum, belum = [], [], []
    for ind in daftar.indikator:
        nilai = isian.get(ind.kode)
        if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
            level = 0
            belum.append(ind.nama)
        else:
            level = _level(ind, nilai)
        if ind.wajib and level == 0:
            wajib_belum.append(ind.nama)
        rincian.append(RincianIID(ind, level, ind.bobot * level))
    total = sum(r.skor for r in rincian)
    maks = daftar.maksimum
    skor = round(total / maks * 100, 2) if maks else 0.0
    return HasilKesiapan(skor, total, maks, ambang.skala.cari(skor).label, ambang.tahun,
                         ambang.terverifikasi, ambang.sumber, tuple(rincian),
                         tuple(wajib_belum), tuple(belum))


def ringkasan(h: HasilKesiapan) -> str:
    """One sentence for the participant, naming the year of the thresholds."""
    teks = (f"Skor kesiapan {format_angka(h.skor)} dari 100 ({format_angka(h.total)} dari "
            f"{format_angka(h.maksimum)}): {h.kategori}, menurut ambang tahun {h.tahun}")
    if not h.terverifikasi:
        teks += " (ambang belum terverifikasi; cek pedoman BSKDN terbaru)"
    teks += "."
    if h.wajib_belum:
        teks += f" Indikator wajib yang belum terpenuhi: {', '.join(h.wajib_belum)}."
    return teks
