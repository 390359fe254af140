"""Module 05's link to the IID readiness rule (``sinovda.domain.kesiapan``) and its data.

The indicators, weights and level descriptions come from ``modul/iid.yaml``; the categories and
their thresholds by year from ``modul/pengaturan.yaml``. No rule is made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sinovda.data.settings import load_iid, load_pengaturan
from sinovda.domain import kesiapan


@dataclass(frozen=True)
class IndikatorIID:
    """One IID indicator as the form shows it."""

    kode: str
    nama: str
    bobot: float
    wajib: bool
    level: tuple[str, ...]  # what levels 1, 2, 3 mean


def daftar_indikator() -> list[IndikatorIID]:
    """The IID innovation indicators from ``modul/iid.yaml``."""
    iid = load_iid()
    out = []
    for i in getattr(iid, "indikator", iid):
        out.append(IndikatorIID(kode=str(getattr(i, "kode", getattr(i, "id", ""))),
                                nama=str(i.nama), bobot=float(i.bobot),
                                wajib=bool(getattr(i, "wajib", False)),
                                level=tuple(str(x) for x in getattr(i, "level", ()))))
    return out


def catatan_iid() -> str:
    """The data's own caveat (e.g. illustrative, check the current BSKDN guidance)."""
    return str(getattr(load_iid(), "catatan", "") or "")


def tahun_ambang() -> list[tuple[int, bool, str]]:
    """(tahun, terverifikasi, sumber) of every threshold set in the settings."""
    return [(a.tahun, a.terverifikasi, a.sumber) for a in load_pengaturan().iid.ambang]


def tahun_berlaku() -> int:
    """The year whose thresholds apply by default."""
    return int(load_pengaturan().iid.tahun_berlaku)


@dataclass(frozen=True)
class HasilKesiapan:
    skor: float
    kategori: str
    tahun: int
    terverifikasi: bool
    ambang: list[tuple[str, str]]  # (kategori, rentang) of that year


def nilai(level: dict[str, Any], tahun: int | None = None) -> HasilKesiapan:
    """Readiness score (0-100) and category with the thresholds of ``tahun`` (domain rule)."""
    pengaturan = load_pengaturan()
    ambang = pengaturan.iid.untuk_tahun(tahun)
    isi = {k: int(v) for k, v in level.items() if v is not None}
    hasil = kesiapan.nilai_kesiapan(isi, load_iid(), pengaturan, tahun=ambang.tahun)
    return HasilKesiapan(skor=float(hasil.skor), kategori=str(hasil.kategori),
                         tahun=ambang.tahun, terverifikasi=ambang.terverifikasi,
                         ambang=[(j.label, j.keterangan) for j in ambang.skala.jenjang])


def wajib_belum(level: dict[str, Any]) -> list[IndikatorIID]:
    """Mandatory indicators still at level 0 or unanswered."""
    return [i for i in daftar_indikator() if i.wajib and not level.get(i.kode)]


def peluang(level: dict[str, Any], n: int = 3) -> list[tuple[IndikatorIID, float]]:
    """The indicators where raising the level adds most (weight x levels still open)."""
    sisa = [(i, i.bobot * (3 - int(level.get(i.kode) or 0))) for i in daftar_indikator()]
    sisa = [x for x in sisa if x[1] > 0]
    return sorted(sisa, key=lambda x: -x[1])[:n]
