"""Module 06's course evaluation as the report and the recap show it: the organisers' aspects
with their labels, each facilitator's score, the averages and the comment.

``lihat_evaluasi(jawaban, form=None) -> ViewEvaluasi | None`` (None while not filled in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sinovda.view.jawaban import Jawaban, ambil, teks


@dataclass(frozen=True)
class ViewEvaluasi:
    penyelenggara: tuple[tuple[str, float], ...]  # (aspect label, 1-5) of answered aspects
    fasilitator: dict[str, float]  # name -> 1-5
    rata_penyelenggara: float | None  # two decimals
    rata_fasilitator: float | None
    komentar: str


def _rata(nilai: list[float]) -> float | None:
    return round(sum(nilai) / len(nilai), 2) if nilai else None


def _skor(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def daftar_fasilitator(nilai: Any) -> list[str]:
    """The class's facilitators from the stored class info (``kelas_info()["fasilitator"]``):
    a list, or text separated by commas or semicolons (older classes); names trimmed, empty
    and repeated names dropped, in order."""
    if isinstance(nilai, str):
        nilai = nilai.replace(";", ",").split(",")
    if not isinstance(nilai, list | tuple):
        return []
    return list(dict.fromkeys(str(x).strip() for x in nilai
                              if x is not None and str(x).strip()))


def form_bawaan() -> Any:
    """The evaluation form of ``modul/evaluasi.yaml``."""
    from sinovda.data import content

    return content.load_evaluasi()


def lihat_evaluasi(jawaban: Jawaban, form: Any = None) -> ViewEvaluasi | None:
    """The stored ``penutup.evaluasi`` with labels and averages; None while not filled in."""
    ev = ambil(jawaban, "penutup", "evaluasi")
    if not isinstance(ev, Mapping):
        return None
    f = form if form is not None else form_bawaan()
    nilai = ev.get("penyelenggara")
    nilai = nilai if isinstance(nilai, Mapping) else {}
    peny = tuple((a.label, float(nilai[a.kode])) for a in f.penyelenggara
                 if _skor(nilai.get(a.kode)))
    fas_mentah = ev.get("fasilitator")
    fas_mentah = fas_mentah if isinstance(fas_mentah, Mapping) else {}
    fas = {str(k): float(v) for k, v in fas_mentah.items() if _skor(v)}
    return ViewEvaluasi(peny, fas, _rata([x for _, x in peny]), _rata(list(fas.values())),
                        teks(ev.get("komentar")))
