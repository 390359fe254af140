"""Hub accounts of a class: participants (by NIP) and facilitators, each with a personal passcode.

Passcodes are generated once, shown once (the facilitator's passcode sheet) and stored only as a
salted scrypt hash in the class DB (table ``akun_hub``). The table belongs to the hub and is never
exposed by the store API or the store service.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sinovda import paths
from sinovda.domain.errors import InputTidakValid, SinovdaError

PESERTA = "peserta"
FASILITATOR = "fasilitator"

# No 0/O, 1/I/L: a passcode is read from paper and typed by hand.
ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PANJANG_KODE = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_NAMA_FASILITATOR = re.compile(r"^[a-z][a-z0-9_-]{1,19}$")

_DDL = """
CREATE TABLE IF NOT EXISTS akun_hub (
    nama TEXT PRIMARY KEY,
    peran TEXT NOT NULL CHECK (peran IN ('peserta', 'fasilitator')),
    label TEXT NOT NULL DEFAULT '',
    garam BLOB,
    hash BLOB,
    dibuat TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Akun:
    """One hub account: ``nama`` is the NIP of a participant or a facilitator's short name."""

    nama: str
    peran: str
    label: str
    punya_kode: bool


def buat_kode() -> str:
    """A new random passcode, e.g. ``K7PM-3XQA`` (about 40 bits)."""
    kode = "".join(secrets.choice(ALFABET) for _ in range(PANJANG_KODE))
    return f"{kode[:4]}-{kode[4:]}"


def normalisasi_kode(kode: str) -> str:
    """The passcode as compared: upper case, without spaces or hyphens."""
    return re.sub(r"[\s-]+", "", str(kode)).upper()


def hash_kode(kode: str, garam: bytes) -> bytes:
    """The scrypt hash of a passcode with its salt."""
    return hashlib.scrypt(normalisasi_kode(kode).encode(), salt=garam, **_SCRYPT)


def normalisasi_nama(nama: str) -> str:
    """A login name as stored: stripped and lower case (NIPs are digits anyway)."""
    return str(nama).strip().lower()


def cek_nama_fasilitator(nama: str) -> str:
    """Validate a facilitator name (2-20 chars, a-z first, then a-z, 0-9, _ or -)."""
    n = normalisasi_nama(nama)
    if not _NAMA_FASILITATOR.match(n):
        raise InputTidakValid(
            f"nama fasilitator '{nama}' tidak sah: 2-20 karakter, diawali huruf, "
            "hanya huruf kecil a-z, angka, '_' atau '-', mis. 'budi' atau 'sri_w'"
        )
    return n


class DaftarAkun:
    """The ``akun_hub`` table of one class DB (``<kelas>/sinovda.db``)."""

    def __init__(self, kelas_dir: str | Path) -> None:
        self.db = Path(kelas_dir) / paths.DB_NAME
        if not self.db.exists():
            raise SinovdaError(
                f"{Path(kelas_dir)}: belum ada kelas di folder ini; buat dulu dengan "
                "'sinovda kelas buat DIR --nama ...'"
            )

    def _conn(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.db, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute(_DDL)
        return conn

    def daftar(self) -> list[Akun]:
        """Every account, facilitators first, then by name."""
        conn = self._conn()
        try:
            rows = conn.execute(
                "SELECT nama, peran, label, hash IS NOT NULL FROM akun_hub "
                "ORDER BY peran = 'peserta', nama"
            ).fetchall()
        finally:
            conn.close()
        return [Akun(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def get(self, nama: str) -> Akun | None:
        """The account called ``nama``, or None."""
        conn = self._conn()
        try:
            r = conn.execute(
                "SELECT nama, peran, label, hash IS NOT NULL FROM akun_hub WHERE nama = ?",
                (normalisasi_nama(nama),),
            ).fetchone()
        finally:
            conn.close()
        return Akun(r[0], r[1], r[2], bool(r[3])) if r else None

    def peran(self, nama: str) -> str | None:
        """``'peserta'``, ``'fasilitator'`` or None for an unknown name."""
        akun = self.get(nama)
        return akun.peran if akun else None

    def sinkron_peserta(self, peserta: Iterable[tuple[str, str]]) -> int:
        """Add an account (without passcode) for each (nip, nama) not yet known; return how many."""
        now = _sekarang()
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            before = conn.total_changes
            for nip, nama in peserta:
                conn.execute(
                    "INSERT INTO akun_hub (nama, peran, label, dibuat) VALUES (?, 'peserta', ?, ?) "
                    "ON CONFLICT(nama) DO UPDATE SET label = excluded.label "
                    "WHERE akun_hub.peran = 'peserta'",
                    (normalisasi_nama(nip), nama, now),
                )
            added = conn.total_changes - before
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()
        return added

    def tambah_fasilitator(self, nama: str, label: str = "") -> str:
        """Add a facilitator and return their new passcode (shown once)."""
        n = cek_nama_fasilitator(nama)
        if self.get(n) is not None:
            raise InputTidakValid(
                f"akun '{n}' sudah ada; untuk kode baru: sinovda kode-akses --buat --ulang {n}"
            )
        conn = self._conn()
        try:
            conn.execute(
                "INSERT INTO akun_hub (nama, peran, label, dibuat) VALUES (?, 'fasilitator', ?, ?)",
                (n, label or n, _sekarang()),
            )
        finally:
            conn.close()
        return self.set_kode(n)

    def set_kode(self, nama: str, kode: str | None = None) -> str:
        """Give ``nama`` a new passcode (random unless given); return it in clear, once."""
        n = normalisasi_nama(nama)
        kode = kode or buat_kode()
        garam = secrets.token_bytes(16)
        conn = self._conn()
        try:
            cur = conn.execute(
                "UPDATE akun_hub SET garam = ?, hash = ? WHERE nama = ?",
                (garam, hash_kode(kode, garam), n),
            )
        finally:
            conn.close()
        if cur.rowcount != 1:
            raise InputTidakValid(f"akun '{nama}' tidak ada di kelas ini")
        return kode

    def cek(self, nama: str, kode: str) -> Akun | None:
        """The account when ``kode`` is its passcode, else None (constant-time comparison)."""
        conn = self._conn()
        try:
            r = conn.execute(
                "SELECT nama, peran, label, garam, hash FROM akun_hub WHERE nama = ?",
                (normalisasi_nama(nama),),
            ).fetchone()
        finally:
            conn.close()
        if not r or r[4] is None or not kode:
            return None
        if not hmac.compare_digest(hash_kode(kode, r[3]), r[4]):
            return None
        return Akun(r[0], r[1], r[2], True)


def _sekarang() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
