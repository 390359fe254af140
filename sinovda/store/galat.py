"""Operating-system and SQLite errors of the store, said in Indonesian (``GagalPenyimpanan``).

SQLite's own text ("database or disk is full", "attempt to write a readonly database") never
reaches a user: ``terjemahkan`` maps the error (by SQLite error name, or by ``errno`` for an
``OSError``) to a message naming the file, what happened and what to do.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sinovda.domain.errors import GagalPenyimpanan

PENUH = "disk penuh: kosongkan ruang disk (atau minta admin server), lalu coba lagi"
HANYA_BACA = ("berkas atau folder kelas hanya-baca: penyimpanan tidak diizinkan menulis di sana "
              "(periksa izin berkas/folder atau media yang dipasang hanya-baca)")
IZIN = "izin ditolak: akun ini tidak boleh membuka atau menulis berkas/folder kelas"
TERKUNCI = "berkas kelas sedang dipakai proses lain terlalu lama; coba lagi sebentar lagi"
IO = "galat baca/tulis disk; periksa disk atau media penyimpanan"
TULIS = ("gagal menulis ke disk: disk penuh, kuota atau batas ukuran berkas habis, atau media "
         "rusak; kosongkan ruang disk (atau minta admin server), lalu coba lagi")
TIDAK_TERBUKA = "berkas kelas tidak dapat dibuka (folder tidak ada atau izin ditolak)"
RUSAK = "berkas kelas rusak atau bukan basis data sinovda"
LAIN = "galat basis data"

_SQLITE: tuple[tuple[str, str], ...] = (
    ("SQLITE_FULL", PENUH),
    ("SQLITE_READONLY", HANYA_BACA),
    ("SQLITE_PERM", IZIN),
    ("SQLITE_AUTH", IZIN),
    ("SQLITE_BUSY", TERKUNCI),
    ("SQLITE_LOCKED", TERKUNCI),
    ("SQLITE_IOERR_WRITE", TULIS),
    ("SQLITE_IOERR_FSYNC", TULIS),
    ("SQLITE_IOERR_TRUNCATE", TULIS),
    ("SQLITE_IOERR_SHMSIZE", TULIS),
    ("SQLITE_IOERR", IO),
    ("SQLITE_CANTOPEN", TIDAK_TERBUKA),
    ("SQLITE_CORRUPT", RUSAK),
    ("SQLITE_NOTADB", RUSAK),
)
_ERRNO: dict[int, str] = {
    errno.ENOSPC: PENUH,
    errno.EDQUOT: PENUH,
    errno.EFBIG: PENUH,
    errno.EROFS: HANYA_BACA,
    errno.EACCES: IZIN,
    errno.EPERM: IZIN,
    errno.EIO: IO,
    errno.ENOTDIR: "ada berkas biasa di tempat yang seharusnya folder",
    errno.EISDIR: "ada folder di tempat yang seharusnya berkas",
}
_TEKS: tuple[tuple[str, str], ...] = (  # fallback on SQLite's message when no error name
    ("disk is full", PENUH),
    ("readonly", HANYA_BACA),
    ("locked", TERKUNCI),
    ("disk i/o", IO),
    ("unable to open", TIDAK_TERBUKA),
    ("not a database", RUSAK),
    ("malformed", RUSAK),
)


def sebab(e: BaseException) -> str:
    """The Indonesian reason for an SQLite or OS error."""
    if isinstance(e, sqlite3.Error):
        nama = getattr(e, "sqlite_errorname", "") or ""
        for awalan, pesan in _SQLITE:
            if nama.startswith(awalan):
                return pesan
        teks = str(e).lower()
        return next((p for kunci, p in _TEKS if kunci in teks), LAIN)
    if isinstance(e, OSError) and e.errno in _ERRNO:
        return _ERRNO[e.errno]
    return f"galat sistem berkas (kode {getattr(e, 'errno', '?')})"


def terjemahkan(e: BaseException, lokasi: str | Path) -> GagalPenyimpanan:
    """``GagalPenyimpanan`` for ``e`` at ``lokasi`` (file or folder); say nothing was lost."""
    return GagalPenyimpanan(
        f"Penyimpanan gagal di {lokasi}: {sebab(e)}. Jawaban yang sudah tersimpan sebelumnya "
        "tetap aman; perubahan ini belum tersimpan."
    )


def batalkan(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite may already have rolled back itself,
    e.g. on a full disk; a second ROLLBACK would hide the real error behind "cannot rollback")."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


@contextmanager
def transaksi_tulis(conn: sqlite3.Connection, lokasi: Any) -> Iterator[sqlite3.Connection]:
    """The store's one SQLite write transaction: ``BEGIN IMMEDIATE`` (writers queue up front) ...
    ``COMMIT``; on any error rolled back (if SQLite has not already), and SQLite/OS errors become
    ``GagalPenyimpanan`` naming ``lokasi`` (nothing committed earlier is lost)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            batalkan(conn)
            raise
    except (sqlite3.Error, OSError) as e:
        raise terjemahkan(e, lokasi) from None
