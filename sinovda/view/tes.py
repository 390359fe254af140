"""Tests and quizzes as people see them: stored scores, N-gain, quiz feedback, item statistics.

Pure (no store, no widgets): the inputs are stored answers (``{modul: {field: value}}``) and, for
item statistics, the server's right/wrong matrix (``sinovda.store.tes.koreksi_kelas``), so the
facilitator's dashboard and the recap show the same numbers without reading the key.

- ``ringkasan_tes(jawaban)``: pre/post scores as the server stored them (``<tes>_skor``), the
  N-gain and its category: one place for the form, the report and the recap
  (``sinovda.view.hasil.hasil_tes``).
- ``statistik_butir(koreksi, soal, aturan)``: per question of the test, difficulty
  p = right / participants, discrimination D = p(upper 27%) - p(lower 27%) by test score, and
  the point-biserial correlation of the item with the total score, with the bands of
  ``statistik_butir`` in ``modul/soal.yaml``.
- ``umpan_kuis(soal, huruf)`` / ``skor_kuis``: a module quiz's immediate feedback (formative).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.soal import AturanButir, Soal
from sinovda.view import hasil as vh


def ringkasan_tes(jawaban: Mapping[str, Any], pengaturan: Any = None) -> dict[str, Any]:
    """Pre/post scores (0-100, None when not submitted), N-gain, category and their texts,
    from the scores the server stored (settings loaded when not given)."""
    if pengaturan is None:
        from sinovda.data.settings import load_pengaturan

        pengaturan = load_pengaturan()
    return vh.hasil_tes(jawaban, pengaturan)


def soal_urut(nip: str, tes: str) -> list[Soal]:
    """The test's questions (without keys) in this participant's reproducible order
    (``domain.penilaian.urutan_soal``: its own order for the pre-test and the post-test)."""
    from sinovda.data import content
    from sinovda.domain.penilaian import urutan_soal

    semua = {s.id: s for s in content.load_soal()}
    return [semua[i] for i in urutan_soal(list(content.soal_tes()), nip, tes)]


# ----- module quiz ----------------------------------------------------------------------------
@dataclass(frozen=True)
class UmpanKuis:
    """Feedback on one quiz answer: right?, the key and its text, the explanation."""

    benar: bool
    kunci: str
    teks_kunci: str
    pembahasan: str


def umpan_kuis(soal: Soal, huruf: str | None) -> UmpanKuis | None:
    """Immediate feedback for a quiz answer (None while unanswered)."""
    if not huruf or soal.kunci is None:
        return None
    return UmpanKuis(soal.benar(huruf), soal.kunci, soal.opsi[soal.kunci], soal.pembahasan)


def skor_kuis(soal: Sequence[Soal], jawaban: Mapping[str, Any]) -> tuple[int, int, int]:
    """(right, answered, questions) of a module quiz."""
    dijawab = [s for s in soal if jawaban.get(s.id)]
    return sum(1 for s in dijawab if s.benar(jawaban.get(s.id))), len(dijawab), len(soal)


# ----- item statistics ------------------------------------------------------------------------
@dataclass(frozen=True)
class StatistikButir:
    """One test question across a class."""

    id: str
    modul: str
    level: str
    pertanyaan: str
    n: int  # participants who submitted the test
    benar: int
    p: float | None  # difficulty index: share right (None without participants)
    kesukaran: str
    d: float | None  # discrimination: p(upper group) - p(lower group)
    daya_beda: str
    r_pbis: float | None  # point-biserial correlation with the total score
    lemah: bool  # worth revising: discrimination negative or in the lowest band


def _label(skala: Any, x: float) -> str:
    try:
        return str(skala.cari(x).label)
    except InputTidakValid:  # below every band: the lowest one
        return str(skala.jenjang[-1].label)


def _bulat(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def kelompok(skor: Mapping[str, float], bagian: float) -> tuple[list[str], list[str]]:
    """(upper, lower): the ``bagian`` share (at least one each) of participants with the highest
    and the lowest scores; ties broken by NIP so the split is the same every time. With fewer
    than two participants there are no groups."""
    if len(skor) < 2:
        return [], []
    urut = sorted(skor, key=lambda n: (-skor[n], n))
    k = max(1, min(len(urut) // 2, math.floor(len(urut) * bagian + 0.5)))
    return urut[:k], urut[-k:]


def _r_pbis(benar: Sequence[bool], total: Sequence[float]) -> float | None:
    n = len(total)
    if n < 2:
        return None
    rata = sum(total) / n
    sd = math.sqrt(sum((t - rata) ** 2 for t in total) / n)
    p = sum(benar) / n
    if sd == 0 or p in (0, 1):
        return None
    m_p = sum(t for t, b in zip(total, benar, strict=True) if b) / sum(benar)
    return (m_p - rata) / sd * math.sqrt(p / (1 - p))


def statistik_butir(koreksi: Mapping[str, Mapping[str, bool]], soal: Sequence[Soal],
                    aturan: AturanButir) -> list[StatistikButir]:
    """Item statistics of the test questions ``soal`` (in that order) for the participants of
    ``koreksi`` ``{nip: {soal_id: right?}}``; the total score is the number right."""
    total = {nip: float(sum(bool(v) for v in m.values())) for nip, m in koreksi.items()}
    atas, bawah = kelompok(total, aturan.kelompok)
    terendah = aturan.daya_beda.jenjang[-1].label
    hasil = []
    for s in soal:
        benar = [bool(koreksi[n].get(s.id)) for n in total]
        n = len(benar)
        p = sum(benar) / n if n else None
        d = None
        if atas and bawah:
            d = (sum(bool(koreksi[x].get(s.id)) for x in atas) / len(atas)
                 - sum(bool(koreksi[x].get(s.id)) for x in bawah) / len(bawah))
        d, p = _bulat(d), _bulat(p)
        beda = "-" if d is None else _label(aturan.daya_beda, d)
        hasil.append(StatistikButir(
            id=s.id, modul=s.modul, level=s.level, pertanyaan=s.pertanyaan, n=n,
            benar=sum(benar), p=p,
            kesukaran="-" if p is None else _label(aturan.kesukaran, p),
            d=d, daya_beda=beda, r_pbis=_bulat(_r_pbis(benar, list(total.values()))),
            lemah=d is not None and (d < 0 or beda == terendah),
        ))
    return hasil


def baris_statistik(stat: Sequence[StatistikButir]) -> list[tuple[Any, ...]]:
    """Table rows (No, id, modul, level, n, benar, p, kesukaran, D, daya beda, r_pbis, catatan)
    shared by the dashboard and the recap; decimals with a comma."""
    def angka(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}".replace(".", ",")

    return [(i, b.id, b.modul, b.level, b.n, b.benar, angka(b.p), b.kesukaran, angka(b.d),
             b.daya_beda, angka(b.r_pbis), "perlu ditinjau" if b.lemah else "")
            for i, b in enumerate(stat, 1)]


KOLOM_STATISTIK = ("No", "Soal", "Modul", "Level", "Peserta", "Benar", "p (kesukaran)",
                   "Tingkat kesukaran", "D (daya beda)", "Daya beda", "r pbis", "Catatan")


TES = ("pretest", "posttest")


def statistik_kelas(koreksi: Mapping[str, Mapping[str, Mapping[str, bool]]]
                    ) -> dict[str, list[StatistikButir]]:
    """Item statistics per test: ``koreksi`` is ``{tes: {nip: {soal_id: right?}}}`` (from
    ``sinovda.store.tes.koreksi_kelas``); the questions, in test order, and the bands come from
    ``modul/soal.yaml``. The dashboard and the recap both call this."""
    from sinovda.data import content

    per_id = {s.id: s for s in content.load_soal()}
    soal = [per_id[i] for i in content.soal_tes()]
    aturan = content.load_aturan_butir()
    return {tes: statistik_butir(koreksi.get(tes) or {}, soal, aturan) for tes in TES}
