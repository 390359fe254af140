"""A multiple-choice question (soal) of the bank: shape rules and checking answers.

A question of the pre/post-test is loaded WITHOUT its key (``kunci`` None, ``pembahasan`` ""):
the key lives in a separate file only the server reads (``KunciSoal``), and is joined with
``Soal.dengan_kunci`` where the test is scored. A quiz question carries its key and explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.pengaturan import SkalaJenjang

HURUF = ("a", "b", "c", "d")


@dataclass(frozen=True)
class KunciSoal:
    """The key letter and the explanation of one question."""

    kunci: str
    pembahasan: str


@dataclass(frozen=True)
class Soal:
    """One question: id like ``m01-03``, its module, the text, choices a-d, key and explanation
    (both absent for a test question seen by a participant) and its cognitive level (C1-C3)."""

    id: str
    modul: str
    pertanyaan: str
    pilihan: tuple[tuple[str, str], ...]  # ((huruf, teks), ...) in letter order
    kunci: str | None = None
    pembahasan: str = ""
    level: str = ""

    def __post_init__(self) -> None:
        if not self.id.strip():
            raise InputTidakValid("soal tanpa id")
        nama = f"soal '{self.id}'"
        for apa in ("modul", "pertanyaan"):
            if not str(getattr(self, apa)).strip():
                raise InputTidakValid(f"{nama}: '{apa}' kosong")
        huruf = [h for h, _ in self.pilihan]
        if huruf != sorted(huruf) or len(set(huruf)) != len(huruf):
            raise InputTidakValid(f"{nama}: huruf pilihan harus urut dan tidak berulang")
        asing = [h for h in huruf if h not in HURUF]
        if asing:
            raise InputTidakValid(f"{nama}: pilihan '{asing[0]}' bukan a, b, c, atau d")
        if len(huruf) < 2:
            raise InputTidakValid(f"{nama}: perlu sedikitnya dua pilihan")
        kosong = [h for h, teks in self.pilihan if not str(teks).strip()]
        if kosong:
            raise InputTidakValid(f"{nama}: teks pilihan '{kosong[0]}' kosong")
        if self.kunci is None:
            if str(self.pembahasan).strip():
                raise InputTidakValid(f"{nama}: ada pembahasan tetapi tidak ada kunci")
            return
        if self.kunci not in huruf:
            raise InputTidakValid(f"{nama}: kunci '{self.kunci}' bukan salah satu pilihan")
        if not str(self.pembahasan).strip():
            raise InputTidakValid(f"{nama}: 'pembahasan' kosong")

    @property
    def opsi(self) -> dict[str, str]:
        """The choices as a dict ``{huruf: teks}``."""
        return dict(self.pilihan)

    @property
    def berkunci(self) -> bool:
        """True when this question carries its key (quiz, or a test question on the server)."""
        return self.kunci is not None

    def dengan_kunci(self, k: KunciSoal) -> Soal:
        """This question with its key and explanation joined (checked like any question)."""
        return replace(self, kunci=k.kunci, pembahasan=k.pembahasan)

    def tanpa_kunci(self) -> Soal:
        """This question as a participant may see it before the test is submitted."""
        return replace(self, kunci=None, pembahasan="")

    def benar(self, jawaban: str | None) -> bool:
        """True when the answer letter is the key (case and spaces ignored)."""
        if self.kunci is None:
            raise InputTidakValid(f"soal '{self.id}': kunci tidak tersedia di sini")
        return (jawaban or "").strip().lower() == self.kunci


def skor_benar(soal: list[Soal], jawaban: dict[str, str]) -> int:
    """How many of the given questions the answers ``{soal_id: huruf}`` get right."""
    return sum(1 for s in soal if s.benar(jawaban.get(s.id)))


@dataclass(frozen=True)
class AturanButir:
    """How test items are judged per class: the share of participants in the upper and lower
    groups (e.g. 0.27) and the bands of difficulty p and discrimination D."""

    kelompok: float
    kesukaran: SkalaJenjang
    daya_beda: SkalaJenjang

    def __post_init__(self) -> None:
        if not 0 < self.kelompok <= 0.5:
            raise InputTidakValid(f"kelompok atas/bawah {self.kelompok} harus di antara 0 dan 0,5")
