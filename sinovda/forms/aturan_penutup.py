"""Module 06's link to the test questions (no keys) and the N-gain (``sinovda.view.tes``), the
evaluation form of ``modul/evaluasi.yaml`` and the class's facilitators
(``view.evaluasi.daftar_fasilitator``): no answer is interpreted here; the test is scored by
``sinovda.store.tes``."""

from __future__ import annotations

from typing import Any

from sinovda.data import content
from sinovda.data.settings import load_pengaturan
from sinovda.domain.angka import format_angka
from sinovda.view import tes as vt
from sinovda.view.evaluasi import daftar_fasilitator


def soal_urut(nip: str, tes: str = "posttest") -> list[Any]:
    """The test's questions (without keys) in this participant's order (``view.tes``)."""
    return vt.soal_urut(nip, tes)


def pilihan_soal(soal: Any) -> list[tuple[str, str]]:
    """(huruf, teks) of each option, a-d."""
    return sorted(dict(soal.pilihan).items())


def angka(x: float | None) -> str:
    """A score with a decimal comma ("-" when missing)."""
    return "-" if x is None else format_angka(x)


def ringkasan_tes(jawaban: dict[str, Any]) -> dict[str, Any]:
    """Pre/post scores as the server stored them, N-gain and category (the view's one place)."""
    return vt.ringkasan_tes(jawaban, load_pengaturan())


def evaluasi() -> Any:
    """The evaluation form (Likert scale labels, aspects on the organisers, questions)."""
    return content.load_evaluasi()


def nama_fasilitator(store: Any) -> list[str]:
    """The class's facilitators, when the class records them (else an empty list), read as
    ``view.evaluasi.daftar_fasilitator`` reads them."""
    try:
        nilai = store.kelas_info().get("fasilitator")
    except Exception:  # noqa: BLE001 - a store without this key simply has none
        return []
    return daftar_fasilitator(nilai)
