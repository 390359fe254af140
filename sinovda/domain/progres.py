"""Course progress: which modules are done, from the course map and a participant's answers.

A field counts as filled when its value is not empty: not None, not blank text, not an empty
list/dict, not False (``pretest_selesai`` must be true), and a list of rows has at least one row
with some filled value. A module is ``selesai`` when every ``wajib`` field is filled, ``sedang``
when some are (or any answer exists in it), ``belum`` otherwise. The overall percent is the
share of ``wajib`` fields filled across all modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain.angka import kosong

STATUS = {"belum": "Belum dimulai", "sedang": "Sedang dikerjakan", "selesai": "Selesai"}


def terisi(nilai: Any) -> bool:
    """Whether an answer value counts as filled (see the module docstring)."""
    if nilai is False or kosong(nilai):
        return False
    if isinstance(nilai, Mapping):
        return any(terisi(v) for v in nilai.values())
    if isinstance(nilai, list | tuple):
        return any(terisi(v) for v in nilai)
    return True


def _ambil(obj: Any, nama: str, bawaan: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(nama, bawaan)
    return getattr(obj, nama, bawaan)


def _modul(kursus: Any) -> Sequence[Any]:
    """The module list of a course: ``kursus.modul``, ``kursus["modul"]`` or the list itself."""
    if isinstance(kursus, list | tuple):
        return kursus
    return list(_ambil(kursus, "modul", []) or [])


@dataclass(frozen=True)
class StatusModul:
    id: str
    judul: str
    status: str  # "belum", "sedang" or "selesai"
    terisi: tuple[str, ...]
    kurang: tuple[str, ...]  # wajib fields still empty

    @property
    def label(self) -> str:
        return STATUS[self.status]


def rincian(kursus: Any, jawaban: Mapping[str, Mapping[str, Any]] | None) -> list[StatusModul]:
    """Status of every module, in course order."""
    jawaban = jawaban or {}
    hasil = []
    for m in _modul(kursus):
        mid = str(_ambil(m, "id", ""))
        isi = jawaban.get(mid) or {}
        wajib = [str(f) for f in _ambil(m, "wajib", ()) or ()]
        ada = tuple(f for f in wajib if terisi(isi.get(f)))
        kurang = tuple(f for f in wajib if f not in ada)
        if wajib and not kurang:
            status = "selesai"
        elif ada or any(terisi(v) for v in isi.values()):
            status = "sedang"
        else:
            status = "belum"
        hasil.append(StatusModul(mid, str(_ambil(m, "judul", mid)), status, ada, kurang))
    return hasil


def status_modul(kursus: Any, jawaban: Mapping[str, Mapping[str, Any]] | None) -> dict[str, str]:
    """``{modul_id: "belum" | "sedang" | "selesai"}``."""
    return {s.id: s.status for s in rincian(kursus, jawaban)}


def persen(kursus: Any, jawaban: Mapping[str, Mapping[str, Any]] | None) -> float:
    """Share of wajib fields filled across the course, 0-100 (1 decimal); 0 without fields."""
    daftar = rincian(kursus, jawaban)
    total = sum(len(s.terisi) + len(s.kurang) for s in daftar)
    if not total:
        return 0.0
    return round(sum(len(s.terisi) for s in daftar) / total * 100, 1)
