"""Course progress as people see it: each module's status and the overall percentage.

``lihat_progres(jawaban, kursus=None) -> ViewProgres``: module 00's course map, the report's
identity section, the recap and the dashboard show the same statuses and percentage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sinovda.domain import progres as dp
from sinovda.view.jawaban import Jawaban


@dataclass(frozen=True)
class BarisModul:
    id: str
    nomor: str
    judul: str
    notebook: str
    status: str  # "belum", "sedang", "selesai"
    kurang: tuple[str, ...]  # required fields still empty

    @property
    def label_status(self) -> str:
        return dp.STATUS.get(self.status, self.status)

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}".strip()


@dataclass(frozen=True)
class ViewProgres:
    modul: tuple[BarisModul, ...]
    persen: float  # 0-100, one decimal

    @property
    def status(self) -> dict[str, str]:
        """``{modul_id: status}``."""
        return {m.id: m.status for m in self.modul}


def kursus_bawaan() -> Any:
    """The course of ``modul/kursus.yaml``."""
    from sinovda.data import content

    return content.load_kursus()


def _modul_terbaca(jawaban: Jawaban) -> dict[str, Mapping[str, Any]]:
    """Only the modules stored as records: a module of another shape has nothing filled."""
    if not isinstance(jawaban, Mapping):
        return {}
    return {m: isi for m, isi in jawaban.items() if isinstance(isi, Mapping)}


def lihat_progres(jawaban: Jawaban, kursus: Any = None) -> ViewProgres:
    """Every module's status and the overall percentage of required fields filled."""
    k = kursus if kursus is not None else kursus_bawaan()
    jawaban = _modul_terbaca(jawaban)
    rinci = {s.id: s for s in dp.rincian(k, jawaban)}
    baris = []
    for m in k.modul:
        s = rinci.get(m.id)
        baris.append(BarisModul(m.id, str(m.nomor), m.judul, m.notebook,
                                s.status if s else "belum", s.kurang if s else ()))
    return ViewProgres(tuple(baris), float(dp.persen(k, jawaban)))
