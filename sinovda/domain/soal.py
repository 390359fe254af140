"""A multiple-choice question (soal) of the pre/post-test bank: shape rules and checking answers."""

from __future__ import annotations

from dataclasses import dataclass

from sinovda.domain.errors import InputTidakValid

HURUF = ("a", "b", "c", "d")


@dataclass(frozen=True)
class Soal:
    """One question: id like ``m01-03``, its module, the text, choices a-d, key and explanation."""

    id: str
    modul: str
    pertanyaan: str
    pilihan: tuple[tuple[str, str], ...]  # ((huruf, teks), ...) in letter order
    kunci: str
    pembahasan: str

    def __post_init__(self) -> None:
        if not self.id.strip():
            raise InputTidakValid("soal tanpa id")
        nama = f"soal '{self.id}'"
        for apa in ("modul", "pertanyaan", "pembahasan"):
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
        if self.kunci not in huruf:
            raise InputTidakValid(f"{nama}: kunci '{self.kunci}' bukan salah satu pilihan")

    @property
    def opsi(self) -> dict[str, str]:
        """The choices as a dict ``{huruf: teks}``."""
        return dict(self.pilihan)

    def benar(self, jawaban: str | None) -> bool:
        """True when the answer letter is the key (case and spaces ignored)."""
        return (jawaban or "").strip().lower() == self.kunci


def skor_benar(soal: list[Soal], jawaban: dict[str, str]) -> int:
    """How many of the given questions the answers ``{soal_id: huruf}`` get right."""
    return sum(1 for s in soal if s.benar(jawaban.get(s.id)))
