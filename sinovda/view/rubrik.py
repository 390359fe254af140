"""The rubric as people see it: one participant's criteria rows, total, formula and notes.

Read by the grading form (``sinovda.forms.penilaian``), the participant report
(``sinovda.report``), the class recap and the "Hasil saya" page, so all of them show the same
scores, the same words for "who scored it" and the same participant-facing explanation
(trainer's comment first, then the band text when it agrees with the plan, then
"Program mengukur: ...").

Pure: takes the stored answers ``{modul: {field: value}}`` and the rubric settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain import penilaian as dp
from sinovda.domain.angka import format_angka
from sinovda.domain.errors import InputTidakValid

SUMBER = {"pelatih": "pelatih", "otomatis": "otomatis", "belum dinilai": "-"}
BELUM_DIISI = "belum diisi"
BELUM_DINILAI = "belum dinilai"


@dataclass(frozen=True)
class BarisRubrik:
    """One criterion as shown."""

    kode: str
    nama: str
    bobot: float
    rentang: str  # "1 sampai 4"
    skor: float | None
    skor_teks: str  # "3 (1-4)", "belum diisi" or "belum dinilai"
    sumber: str  # "pelatih", "otomatis" or "belum dinilai" (domain words)
    dinilai_oleh: str  # "pelatih", "otomatis" or "-"
    penjelasan: str  # participant-facing text
    komentar: str  # the trainer's comment
    dasar: str  # what the program measured ("" for trainer-only criteria)
    skor_otomatis: float | None
    otomatis: bool  # the program pre-fills this criterion


@dataclass(frozen=True)
class TampilanRubrik:
    """The whole rubric of one participant."""

    nama: str
    baris: tuple[BarisRubrik, ...]
    total: float | None
    total_teks: str  # "72,5 dari 100" or "belum lengkap (belum dinilai: ...)"
    rumus: str
    belum: tuple[str, ...]  # criteria names without a score
    catatan: str  # the trainer's overall note (penilaian.catatan)
    ada_isian_pelatih: bool  # the trainer scored or commented at least one criterion

    @property
    def lengkap(self) -> bool:
        return self.total is not None


def _angka(x: float) -> str:
    return format_angka(x)


def skor_pelatih_tersimpan(jawaban: Mapping[str, Any] | None) -> dict[str, Any]:
    """The trainer's stored ``penilaian.rubrik`` entries (``{}`` when none or malformed)."""
    pen = (jawaban or {}).get("penilaian")
    isian = pen.get("rubrik") if isinstance(pen, Mapping) else None
    return dict(isian) if isinstance(isian, Mapping) else {}


def catatan_pelatih(jawaban: Mapping[str, Any] | None) -> str:
    """The trainer's overall note (``penilaian.catatan``), stripped."""
    pen = (jawaban or {}).get("penilaian")
    return str(pen.get("catatan") or "").strip() if isinstance(pen, Mapping) else ""


def _skor_teks(n: dp.NilaiKriteria) -> str:
    k = n.kriteria
    if n.skor is None:
        return BELUM_DIISI if k.otomatis and "belum diisi" in n.dasar else BELUM_DINILAI
    return f"{_angka(n.skor)} ({_angka(k.skor_min)}-{_angka(k.skor_maks)})"


def _penjelasan(n: dp.NilaiKriteria) -> str:
    teks = n.penjelasan
    if n.skor is None and not n.komentar:
        saran = ("Pelatih belum menilai kriteria ini." if not n.kriteria.otomatis else
                 "Belum dapat dinilai otomatis; pelatih belum menilai.")
        teks = f"{saran} {teks}".strip()
    return teks or "-"


def tampilan_rubrik(jawaban: Mapping[str, Any] | None, rubrik: dp.Rubrik | None = None,
                    skor_pelatih: Mapping[str, Any] | None = None) -> TampilanRubrik:
    """The rubric of one participant from their answers (and the trainer's stored entries).

    ``skor_pelatih`` replaces the stored ``penilaian.rubrik`` (the grading form passes what is
    typed). A stored entry out of range raises ``InputTidakValid`` naming the criterion.
    """
    if rubrik is None:
        from sinovda.data.settings import load_rubrik

        rubrik = load_rubrik()
    pelatih = skor_pelatih_tersimpan(jawaban) if skor_pelatih is None else dict(skor_pelatih)
    h = dp.nilai_rubrik(rubrik, jawaban or {}, pelatih)
    baris = tuple(
        BarisRubrik(
            kode=n.kriteria.kode, nama=n.kriteria.nama, bobot=n.kriteria.bobot,
            rentang=n.kriteria.rentang, skor=n.skor, skor_teks=_skor_teks(n),
            sumber=n.sumber, dinilai_oleh=SUMBER.get(n.sumber, n.sumber),
            penjelasan=_penjelasan(n), komentar=n.komentar, dasar=n.dasar,
            skor_otomatis=n.skor_otomatis, otomatis=bool(n.kriteria.otomatis),
        )
        for n in h.kriteria
    )
    if h.total is None:
        total_teks = "belum lengkap (belum dinilai: " + ", ".join(h.belum_dinilai) + ")"
    else:
        total_teks = f"{_angka(h.total)} dari 100"
    ada = any(isinstance(v, Mapping) and (v.get("skor") not in (None, "") or
                                          str(v.get("komentar") or "").strip())
              or (not isinstance(v, Mapping) and v not in (None, ""))
              for v in pelatih.values())
    return TampilanRubrik(rubrik.nama, baris, h.total, total_teks, rubrik.rumus(),
                          h.belum_dinilai, catatan_pelatih(jawaban), ada)


@dataclass(frozen=True)
class StatusPenilaian:
    """Where one participant stands in the trainer's grading."""

    nip: str
    total: float | None
    belum: tuple[str, ...]  # criteria still without a score
    galat: str = ""  # a stored entry that could not be read

    @property
    def selesai(self) -> bool:
        return self.total is not None and not self.galat


def status_penilaian(nip: str, jawaban: Mapping[str, Any] | None,
                     rubrik: dp.Rubrik | None = None) -> StatusPenilaian:
    """Whether the trainer still has criteria to score for this participant."""
    try:
        t = tampilan_rubrik(jawaban, rubrik)
    except InputTidakValid as e:
        return StatusPenilaian(nip, None, (), str(e))
    return StatusPenilaian(nip, t.total, t.belum)


def ringkas_kelas(status: Sequence[StatusPenilaian]) -> str:
    """E.g. "Belum selesai dinilai: 12 dari 42 peserta" / "Semua 42 peserta sudah dinilai"."""
    belum = sum(not s.selesai for s in status)
    if not status:
        return "Belum ada peserta di kelas ini."
    if not belum:
        return f"Semua {len(status)} peserta sudah dinilai lengkap."
    return f"Belum selesai dinilai: {belum} dari {len(status)} peserta."
