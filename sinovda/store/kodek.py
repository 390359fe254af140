"""How values and times are stored: compact JSON text and UTC ISO 8601 with microseconds."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sinovda.domain.errors import BerkasTidakValid, InputTidakValid


def sekarang() -> str:
    """The current time as stored: UTC ISO 8601 with microseconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def ke_json(value: Any, kunci: str) -> str:
    """``value`` as JSON text; InputTidakValid naming ``kunci`` when it is not JSON-serialisable."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as e:
        raise InputTidakValid(
            f"jawaban '{kunci}' tidak dapat disimpan: nilainya harus berupa teks, angka, "
            f"benar/salah, daftar atau kamus (JSON) ({e})"
        ) from None


def waktu_utc(teks: Any, kunci: str) -> str:
    """``saved_at`` as stored: UTC ISO with microseconds (a time without zone is taken as UTC)."""
    try:
        waktu = dt.datetime.fromisoformat(teks)
    except (TypeError, ValueError):
        raise BerkasTidakValid(
            f"{kunci}: '{teks}' bukan waktu ISO 8601 (mis. 2025-03-10T09:15:00+08:00)"
        ) from None
    if waktu.tzinfo is None:
        waktu = waktu.replace(tzinfo=dt.UTC)
    try:
        return waktu.astimezone(dt.UTC).isoformat(timespec="microseconds")
    except OverflowError:
        raise BerkasTidakValid(f"{kunci}: '{teks}' di luar rentang waktu yang sah") from None
