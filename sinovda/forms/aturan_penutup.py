"""Module 06's link to the quiz and N-gain rules (``sinovda.domain.penilaian``), the evaluation
form of ``modul/evaluasi.yaml`` and the class's facilitators (no rule is made here)."""

from __future__ import annotations

from typing import Any

from sinovda.data import content
from sinovda.data.settings import load_pengaturan
from sinovda.domain import penilaian
from sinovda.forms import aturan_pengantar as ap


def soal_urut(nip: str) -> list[Any]:
    """The post-test: the pre-test's questions in this participant's own post-test order."""
    return ap.soal_urut(nip, "posttest")


def skor(soal: list[Any], jawaban: dict[str, Any]) -> Any:
    """Quiz score (benar, total, nilai 0-100)."""
    return ap.skor(soal, jawaban)


def n_gain(pre: float, post: float, maks: float = 100.0) -> tuple[float | None, str]:
    """(g, kategori) by the domain's N-gain rule and the settings' categories."""
    hasil = penilaian.n_gain(pre, post, maks, load_pengaturan().ngain)
    return getattr(hasil, "g", None), str(getattr(hasil, "kategori", ""))


def evaluasi() -> Any:
    """The evaluation form (Likert scale labels, aspects on the organisers, questions)."""
    return content.load_evaluasi()


def nama_fasilitator(store: Any) -> list[str]:
    """The class's facilitators, when the class records them (else an empty list)."""
    try:
        nilai = store.kelas_info().get("fasilitator")
    except Exception:  # noqa: BLE001 - a store without this key simply has none
        return []
    if isinstance(nilai, str):
        nilai = [x for x in nilai.replace(";", ",").split(",")]
    if not isinstance(nilai, list):
        return []
    return [str(x).strip() for x in nilai if str(x).strip()]
