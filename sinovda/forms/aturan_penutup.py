"""Module 06's link to the quiz and N-gain rules (``sinovda.domain.penilaian``), the evaluation
form of ``modul/evaluasi.yaml`` and the class's facilitators (no rule is made here)."""

from __future__ import annotations

from typing import Any

from sinovda.data import content
from sinovda.data.settings import load_pengaturan
from sinovda.domain import penilaian
from sinovda.forms.panel import esc, kotak


def soal_urut(nip: str, tes: str = "posttest") -> list[Any]:
    """The test's questions (the pre/post-test ids of the bank) in this participant's order."""
    semua = {s.id: s for s in content.load_soal_tes_berkunci()}
    return [semua[i] for i in penilaian.urutan_soal(list(content.soal_tes()), nip, tes)]


def pilihan_soal(soal: Any) -> list[tuple[str, str]]:
    """(huruf, teks) of each option, a-d."""
    return sorted(dict(soal.pilihan).items())


def skor(soal: list[Any], jawaban: dict[str, Any] | None) -> Any:
    """Quiz score (benar, total, nilai 0-100) of these answers (domain rule)."""
    return penilaian.skor_kuis(jawaban or {}, {s.id: s.kunci for s in soal})


def umpan_soal(soal: Any, pilih: str | None) -> str:
    """Right/wrong with the explanation (pembahasan), as safe HTML."""
    pilihan = dict(soal.pilihan)
    if pilih == soal.kunci:
        return kotak("<b>Benar.</b> " + esc(soal.pembahasan), "ok")
    kepala = "<b>Tidak dijawab.</b> " if not pilih else "<b>Belum tepat.</b> "
    return kotak(kepala + f"Jawaban yang benar: {esc(soal.kunci)}. "
                 f"{esc(pilihan.get(soal.kunci, ''))}. {esc(soal.pembahasan)}", "peringatan")


def n_gain(pre: float, post: float, maks: float = 100.0) -> tuple[float | None, str]:
    """(g, kategori) by the domain's N-gain rule and the settings' categories."""
    hasil = penilaian.ngain(pre, post, load_pengaturan(), maks=maks)
    return hasil.g, hasil.kategori


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
