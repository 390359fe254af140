"""Numbers the Indonesian way: the one parser and the one formatter of sinovda.

Typed text follows the Indonesian convention: a comma is the decimal mark (``"2,5"`` = 2.5), a
point groups thousands (``"1.250"`` = 1250, ``"1.250.000"`` = 1250000, ``"1.250,5"`` = 1250.5);
a point that does not group thousands is a decimal point (``"85.5"`` = 85.5, as typed on an
English keyboard). ``%`` and spaces are ignored. A target may be a range: ``"80-85"``,
``"80 s/d 85"``, ``"80 sampai 85"`` (stored as ``[80, 85]``).

Every reader of a participant's number (forms, view, report, recap, dashboard) uses these
functions, so "1.250" means the same everywhere.
"""

from __future__ import annotations

import math
import re
from typing import Any

from sinovda.domain.errors import InputTidakValid

_RIBUAN = re.compile(r"[-+]?[1-9]\d{0,2}(\.\d{3})+")
_ANGKA = r"[-+]?\d[\d.,]*"
_RENTANG = re.compile(rf"^\s*({_ANGKA})\s*(?:-|–|—|s/d|s\.d\.?|sd|sampai)\s*({_ANGKA})\s*$")


def baca_angka(teks: Any) -> float | None:
    """The number typed in ``teks``; None when empty; InputTidakValid ("harus angka") otherwise.

    Numbers (int/float) pass through; booleans, NaN and infinities are not numbers.
    """
    if teks is None:
        return None
    if isinstance(teks, bool):
        raise InputTidakValid("harus angka")
    if isinstance(teks, int | float):
        x = float(teks)
        if not math.isfinite(x):
            raise InputTidakValid("harus angka")
        return x
    t = str(teks).strip().replace(" ", "").replace("\u00a0", "")
    if t.endswith("%"):
        t = t[:-1]
    if not t:
        return None
    if "," in t:
        if t.count(",") > 1:
            raise InputTidakValid("harus angka")
        if "." in t:  # 1.250,5: the point groups thousands
            if not _RIBUAN.fullmatch(t.split(",")[0]):
                raise InputTidakValid("harus angka")
            t = t.replace(".", "")
        t = t.replace(",", ".")
    elif _RIBUAN.fullmatch(t):  # 1.250 and 1.250.000: thousands
        t = t.replace(".", "")
    try:
        x = float(t)
    except ValueError:
        raise InputTidakValid("harus angka") from None
    if not math.isfinite(x):
        raise InputTidakValid("harus angka")
    return x


def ke_angka(nilai: Any) -> float | None:
    """Like ``baca_angka`` but None instead of an error (for values read back from storage)."""
    try:
        return baca_angka(nilai)
    except InputTidakValid:
        return None


def rapikan(nilai: float) -> int | float:
    """Whole numbers as int (80.0 -> 80), others unchanged."""
    return int(nilai) if float(nilai).is_integer() else nilai


def baca_rentang(teks: Any) -> tuple[float, float] | None:
    """``"80-85"`` (also ``80 s/d 85``, ``80 sampai 85``) as (80, 85); None when not a range.

    InputTidakValid when the lower bound is above the upper one.
    """
    if not isinstance(teks, str):
        return None
    m = _RENTANG.match(teks)
    if not m:
        return None
    lo, hi = baca_angka(m.group(1)), baca_angka(m.group(2))
    if lo is None or hi is None:
        return None
    if lo > hi:
        raise InputTidakValid("batas bawah rentang lebih besar dari batas atas")
    return lo, hi


def baca_target(teks: Any) -> int | float | list[int | float] | None:
    """A target as stored: one number, or a range ``low-high`` as ``[low, high]``; None if empty.

    A stored value (number or pair) is accepted as well, so reading what was saved is safe.
    """
    if isinstance(teks, list | tuple) and len(teks) == 2:
        lo, hi = baca_angka(teks[0]), baca_angka(teks[1])
        if lo is None or hi is None:
            raise InputTidakValid("harus angka atau rentang seperti 80-85")
        if lo > hi:
            raise InputTidakValid("batas bawah rentang lebih besar dari batas atas")
        return [rapikan(lo), rapikan(hi)]
    rentang = baca_rentang(teks)
    if rentang is not None:
        return [rapikan(rentang[0]), rapikan(rentang[1])]
    try:
        nilai = baca_angka(teks)
    except InputTidakValid:
        raise InputTidakValid("harus angka atau rentang seperti 80-85") from None
    return None if nilai is None else rapikan(nilai)


def ke_target(nilai: Any) -> float | tuple[float, float] | None:
    """A stored target read back: a number, (low, high), or None when unusable."""
    try:
        t = baca_target(nilai)
    except InputTidakValid:
        return None
    if isinstance(t, list):
        return float(t[0]), float(t[1])
    return None if t is None else float(t)


def kosong(nilai: Any) -> bool:
    """True for None, blank text, and empty lists/dicts."""
    if nilai is None:
        return True
    if isinstance(nilai, str):
        return not nilai.strip()
    if isinstance(nilai, list | tuple | dict | set):
        return len(nilai) == 0
    return False


def format_angka(x: float, desimal: int = 2) -> str:
    """``94.1176`` -> ``"94,12"``; whole numbers without decimals (``120`` -> ``"120"``).

    No thousands grouping: the result reads back as the same number (``"1250"``), so it is also
    what an input box shows. For tables use ``angka_tampil`` (``"1.250"``).
    """
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.{desimal}f}".rstrip("0").rstrip(".").replace(".", ",")


def angka_tampil(nilai: float | int | None, desimal: int = 2) -> str:
    """A number for reading in tables: ``1.250``, ``94,12``; None -> ``"-"``."""
    if nilai is None:
        return "-"
    if float(nilai).is_integer():
        return f"{int(nilai):,}".replace(",", ".")
    teks = f"{nilai:,.{desimal}f}"
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


def tulis_angka(nilai: Any) -> str:
    """A stored number as the participant would type it (decimal comma, no grouping)."""
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, bool) or not isinstance(nilai, int | float):
        return str(nilai)
    return str(rapikan(nilai)).replace(".", ",")


def tulis_target(nilai: Any) -> str:
    """A stored target as text, the one target formatter (``[80, 85]`` -> ``"80-85"``,
    ``88.5`` -> ``"88,5"``; None -> ``""``)."""
    if isinstance(nilai, list | tuple) and len(nilai) == 2:
        return f"{tulis_angka(nilai[0])}-{tulis_angka(nilai[1])}"
    return tulis_angka(nilai)
