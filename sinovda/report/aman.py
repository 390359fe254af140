"""Safe output files: folder names made from participant names, atomic writes, Excel cells."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from sinovda.domain.errors import InputTidakValid

PANJANG_NAMA_MAKS = 60
_RESERVED_WINDOWS = {
    "con", "prn", "aux", "nul",
    *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
}
_BUKAN_AMAN = re.compile(r"[^A-Za-z0-9]+")
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def nama_aman(teks: str, cadangan: str = "peserta") -> str:
    """An ASCII slug of ``teks`` usable as one path component on Linux, macOS and Windows.

    Accents are dropped (é -> e), anything else becomes '-', the result is at most
    ``PANJANG_NAMA_MAKS`` characters, never '.', '..', empty or a Windows-reserved name.
    """
    teks = unicodedata.normalize("NFKD", str(teks).replace("\x00", ""))
    teks = "".join(c for c in teks if not unicodedata.combining(c))
    slug = _BUKAN_AMAN.sub("-", teks).strip("-")[:PANJANG_NAMA_MAKS].strip("-")
    if not slug or slug.lower().split(".")[0] in _RESERVED_WINDOWS:
        slug = f"{cadangan}-{slug}" if slug else cadangan
    return slug


def folder_peserta(keluaran: Path, nip: str, nama: str) -> Path:
    """``<keluaran>/<nip>-<nama-aman>``, guaranteed to be directly inside ``keluaran``."""
    nip_aman = re.sub(r"[^0-9]", "", str(nip))
    if not nip_aman:
        raise InputTidakValid(f"NIP '{nip}' tidak dapat dipakai sebagai nama folder laporan")
    folder = Path(keluaran) / f"{nip_aman}-{nama_aman(nama)}"
    if folder.resolve().parent != Path(keluaran).resolve():
        raise InputTidakValid(f"nama folder laporan untuk NIP {nip} keluar dari folder keluaran")
    return folder


def tulis_atomik(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then os.replace.

    An interrupted write never leaves a half-written file under the final name.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".sementara", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def sel_excel_aman(nilai: object) -> object:
    """Neutralise text an office program would run as a formula: prefix ``'`` to =, +, -, @."""
    if isinstance(nilai, str) and nilai.startswith(_AWAL_RUMUS):
        return "'" + nilai
    return nilai
