"""Field specs for the forms: what kind of input, how typed text becomes a stored value.

Numbers are typed the Indonesian way: ``2,5`` is two and a half, ``1.000`` is one thousand,
``85%`` is 85. A target can be a range: ``80-85``, ``80 s/d 85`` or ``80 sampai 85``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain.errors import InputTidakValid

JENIS = ("teks", "teks_panjang", "angka", "bulat", "skala", "pilihan", "radio", "ya_tidak",
         "target", "kombo")

_ANGKA = r"[-+]?\d[\d.,]*"
_RENTANG = re.compile(rf"^\s*({_ANGKA})\s*(?:-|–|—|s/d|s\.d\.?|sd|sampai)\s*({_ANGKA})\s*$")


def baca_angka(teks: str) -> float | None:
    """Read a number typed by a participant; empty gives None; raise InputTidakValid otherwise."""
    t = str(teks).strip().replace(" ", "")
    if t.endswith("%"):
        t = t[:-1]
    if not t:
        return None
    if "," in t and "." in t:
        t = t.replace(".", "").replace(",", ".")
    elif "," in t:
        if t.count(",") > 1:
            raise InputTidakValid("harus angka")
        t = t.replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    try:
        nilai = float(t)
    except ValueError:
        raise InputTidakValid("harus angka") from None
    if nilai != nilai or nilai in (float("inf"), float("-inf")):
        raise InputTidakValid("harus angka")
    return nilai


def rapikan(nilai: float) -> int | float:
    """Whole numbers as int (80.0 -> 80), others unchanged."""
    return int(nilai) if float(nilai).is_integer() else nilai


def tulis_angka(nilai: Any) -> str:
    """A stored number as the participant would type it (decimal comma)."""
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, bool) or not isinstance(nilai, int | float):
        return str(nilai)
    return str(rapikan(nilai)).replace(".", ",")


def baca_target(teks: str) -> int | float | list[int | float] | None:
    """A target: one number, or a range ``low-high`` stored as ``[low, high]``."""
    m = _RENTANG.match(str(teks))
    if m:
        rendah, tinggi = baca_angka(m.group(1)), baca_angka(m.group(2))
        assert rendah is not None and tinggi is not None
        if rendah > tinggi:
            raise InputTidakValid("batas bawah rentang lebih besar dari batas atas")
        return [rapikan(rendah), rapikan(tinggi)]
    try:
        nilai = baca_angka(teks)
    except InputTidakValid:
        raise InputTidakValid("harus angka atau rentang seperti 80-85") from None
    return None if nilai is None else rapikan(nilai)


def tulis_target(nilai: Any) -> str:
    """A stored target as text (``[80, 85]`` -> ``80-85``)."""
    if isinstance(nilai, list | tuple) and len(nilai) == 2:
        return f"{tulis_angka(nilai[0])}-{tulis_angka(nilai[1])}"
    return tulis_angka(nilai)


@dataclass(frozen=True)
class Kolom:
    """One input of a form: its key in the stored dict, its label and kind.

    jenis: teks, teks_panjang, angka (float or None), bulat (int or None), skala (int slider
    ``minimum..maksimum``), pilihan (dropdown of ``pilihan`` = [(label, value)]), radio (the same
    as radio buttons, nothing chosen at first), ya_tidak (bool),
    target (number or [low, high]), kombo (text with suggestions ``pilihan``).
    """

    key: str
    label: str
    jenis: str = "teks"
    pilihan: Sequence[tuple[str, Any]] | Sequence[str] = ()
    minimum: float | None = None
    maksimum: float | None = None
    bawaan: Any = None
    bantuan: str = ""

    def __post_init__(self) -> None:
        if self.jenis not in JENIS:
            raise ValueError(f"jenis kolom tidak dikenal: {self.jenis}")

    def kosong(self) -> Any:
        """The value of a fresh, untouched input."""
        if self.bawaan is not None:
            return self.bawaan
        if self.jenis in ("teks", "teks_panjang", "kombo"):
            return ""
        if self.jenis == "ya_tidak":
            return False
        if self.jenis == "skala":
            return int(self.minimum if self.minimum is not None else 1)
        return None

    def baca(self, mentah: Any) -> Any:
        """Turn the widget's value into the stored value; raise InputTidakValid with why not."""
        if self.jenis in ("teks", "teks_panjang", "kombo"):
            return str(mentah or "").strip()
        if self.jenis == "ya_tidak":
            return bool(mentah)
        if self.jenis in ("pilihan", "radio"):
            return mentah
        if self.jenis == "target":
            return baca_target(mentah)
        if self.jenis == "skala":
            nilai: float | None = float(mentah)
        else:
            nilai = baca_angka(mentah)
        if nilai is None:
            return None
        if self.jenis in ("bulat", "skala"):
            if not float(nilai).is_integer():
                raise InputTidakValid("harus bilangan bulat")
            nilai = int(nilai)
        self._cek_batas(nilai)
        return rapikan(nilai)

    def _cek_batas(self, nilai: float) -> None:
        if self.minimum is not None and nilai < self.minimum:
            raise InputTidakValid(f"paling kecil {tulis_angka(self.minimum)}")
        if self.maksimum is not None and nilai > self.maksimum:
            raise InputTidakValid(f"paling besar {tulis_angka(self.maksimum)}")

    def tulis(self, nilai: Any) -> Any:
        """The widget value that shows a stored value."""
        if self.jenis in ("angka", "bulat"):
            return tulis_angka(nilai)
        if self.jenis == "target":
            return tulis_target(nilai)
        if self.jenis in ("teks", "teks_panjang", "kombo"):
            return "" if nilai is None else str(nilai)
        if self.jenis == "ya_tidak":
            return bool(nilai)
        if self.jenis == "skala":
            try:
                return int(nilai)
            except (TypeError, ValueError):
                return self.kosong()
        return nilai

    def opsi(self) -> list[tuple[str, Any]]:
        """Choices as (label, value) pairs."""
        return [p if isinstance(p, tuple) else (str(p), p) for p in self.pilihan]
