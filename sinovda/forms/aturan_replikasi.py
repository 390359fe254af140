"""Module 05's link to the IID readiness rule (``sinovda.domain.kesiapan``) and its data.

The indicators, weights and level descriptions come from ``modul/iid.yaml``; the categories and
their thresholds by year from ``modul/pengaturan.yaml``. No rule is made here.
"""

from __future__ import annotations

from typing import Any

from sinovda.data.settings import load_iid, load_pengaturan
from sinovda.domain import kesiapan
from sinovda.domain.kesiapan import HasilKesiapan, IndikatorIID

__all__ = ["HasilKesiapan", "IndikatorIID"]


def daftar_indikator() -> list[IndikatorIID]:
    """The IID innovation indicators from ``modul/iid.yaml``."""
    return list(load_iid().indikator)


def catatan_iid() -> str:
    """The data's own caveat (illustrative, check the current BSKDN guidance)."""
    return str(load_iid().catatan or "")


def tahun_ambang() -> list[tuple[int, bool, str]]:
    """(tahun, terverifikasi, sumber) of every threshold set in the settings."""
    return [(a.tahun, a.terverifikasi, a.sumber) for a in load_pengaturan().iid.ambang]


def tahun_berlaku() -> int:
    """The year whose thresholds apply by default."""
    return int(load_pengaturan().iid.tahun_berlaku)


def ambang(tahun: int | None = None) -> list[tuple[str, str]]:
    """(kategori, rentang) of the thresholds of ``tahun``."""
    a = load_pengaturan().iid.untuk_tahun(tahun)
    return [(j.label, j.keterangan) for j in a.skala.jenjang]


def nilai(level: dict[str, Any], tahun: int | None = None) -> HasilKesiapan:
    """Readiness score (0-100) and category with the thresholds of ``tahun`` (domain rule)."""
    return kesiapan.nilai_kesiapan(level, load_iid(), load_pengaturan(), tahun=tahun)


def peluang(hasil: HasilKesiapan, n: int = 3) -> list[tuple[IndikatorIID, float]]:
    """The indicators where raising the level adds most (weight x levels still open)."""
    sisa = [(r.indikator, r.indikator.bobot * (3 - r.level)) for r in hasil.rincian]
    return sorted([x for x in sisa if x[1] > 0], key=lambda x: -x[1])[:n]
