"""Reading numbers the way participants type them (``85``, ``85,5``, ``"90"``, ``"1.250,5"``)."""

from __future__ import annotations

import math
from typing import Any


def ke_angka(nilai: Any) -> float | None:
    """The number in ``nilai``, or None when it is empty or not a number.

    Accepts int/float and text with a decimal comma (``"85,5"``) or point (``"85.5"``); a
    ``%`` sign and spaces are ignored. Booleans, NaN and infinities are not numbers.
    """
    if nilai is None or isinstance(nilai, bool):
        return None
    if isinstance(nilai, int | float):
        x = float(nilai)
        return x if math.isfinite(x) else None
    teks = str(nilai).strip().replace("%", "").replace(" ", "")
    if not teks:
        return None
    if "," in teks:
        if "." in teks:  # 1.250,5: point groups thousands
            teks = teks.replace(".", "")
        teks = teks.replace(",", ".")
    try:
        x = float(teks)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


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
    """``94.1176`` -> ``"94,12"``; whole numbers without decimals (``120`` -> ``"120"``)."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.{desimal}f}".rstrip("0").rstrip(".").replace(".", ",")
