"""Hub accounts of a class: participants (by NIP) and facilitators, each with a personal passcode.

Passcodes are generated once, shown once (the facilitator's passcode sheet) and stored only as a
salted scrypt hash in the class DB (table ``akun_hub``). The table belongs to the hub and is never
exposed by the store API or the store service.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sinovda import paths
from sinovda.data.settings import AturanMasuk
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
# Failed logins per login name ('nama:<nama>', known or not) and per client ('alamat:<ip>').
_DDL_GAGAL = """
CREATE TABLE IF NOT EXISTS masuk_gagal (
    kunci TEXT PRIMARY KEY,
    gagal INTEGER NOT NULL,
    mulai REAL NOT NULL,
    terkunci_sampai REAL
)
"""
# An unknown name, a name without passcode and a locked name are checked against this hash, so
# they cost the same time as a wrong passcode (a valid NIP cannot be told apart by timing).
_GARAM_SEMU = secrets.token_bytes(16)
_PANJANG_NAMA_MAKS = 64


@dataclass(frozen=True)
class Kunci:
    """A login lock: ``kunci`` is a login name or a client address, locked until ``sampai``."""

    kunci: str
    jenis: str  # 'nama' or 'alamat'
    gagal: int
    sampai: float

    def sampai_teks(self) -> str:
        """The end of the lock as local time, e.g. '14:05'."""
        return datetime.fromtimestamp(self.sampai).strftime("%H:%M")


@dataclass(frozen=True)
class HasilMasuk:
    """The outcome of one login attempt: the account, or why there is none."""

    akun: Akun | None
    terkunci: Kunci | None = None
    diperiksa: bool = True  # False: refused as locked, the passcode was not checked

    @property
    def berhasil(self) -> bool:
        return self.akun is not None


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

    def __init__(
        self, kelas_dir: str | Path, jam: Callable[[], float] = time.time
    ) -> None:
        from sinovda.store import pg

        self.jam = jam
        self.db = Path(kelas_dir) / paths.DB_NAME
        # a PostgreSQL class (locator, or a key with $SINOVDA_DB): the table lives in its schema
        self._pg = str(kelas_dir) if pg.dipilih(kelas_dir) else None
        if self._pg is None and not self.db.exists():
            raise SinovdaError(
                f"{Path(kelas_dir)}: belum ada kelas di folder ini; buat dulu dengan "
                "'sinovda kelas buat DIR --nama ...'"
            )

    def _conn(self) -> sqlite3.Connection:
        if self._pg is not None:
            from sinovda.store.pg import koneksi_akun

            pg: Any = koneksi_akun(self._pg)  # speaks the sqlite3 calls used here
            pg.execute(_DDL)
            pg.execute(_DDL_GAGAL)
            return pg  # type: ignore[no-any-return]
        conn = sqlite3.connect(self.db, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute(_DDL)
        conn.execute(_DDL_GAGAL)
        return conn

    @contextmanager
    def _transaksi(self) -> Iterator[sqlite3.Connection]:
        """A connection in one write transaction (BEGIN IMMEDIATE): committed when the block
        ends, rolled back when it raises; closed either way."""
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

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
        with self._transaksi() as conn:
            before = conn.total_changes
            for nip, nama in peserta:
                conn.execute(
                    "INSERT INTO akun_hub (nama, peran, label, dibuat) VALUES (?, 'peserta', ?, ?) "
                    "ON CONFLICT(nama) DO UPDATE SET label = excluded.label "
                    "WHERE akun_hub.peran = 'peserta'",
                    (normalisasi_nama(nip), nama, now),
                )
            return conn.total_changes - before

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

    def hapus_fasilitator(self, nama: str) -> None:
        """Remove a facilitator account (its passcode stops working at once). Participants'
        accounts follow the roster and are not removed here. Unknown name: InputTidakValid."""
        conn = self._conn()
        try:
            cur = conn.execute("DELETE FROM akun_hub WHERE nama = ? AND peran = 'fasilitator'",
                               (normalisasi_nama(nama),))
        finally:
            conn.close()
        if cur.rowcount != 1:
            raise InputTidakValid(f"'{nama}' bukan akun fasilitator kelas ini")

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
            hash_kode(kode or "-", _GARAM_SEMU)  # same cost as a wrong passcode
            return None
        if not hmac.compare_digest(hash_kode(kode, r[3]), r[4]):
            return None
        return Akun(r[0], r[1], r[2], True)

    # --- login with throttling and lockout -------------------------------------------------

    def masuk(self, nama: str, kode: str, alamat: str, aturan: AturanMasuk) -> HasilMasuk:
        """One login attempt from client ``alamat``, under the limits in ``aturan``.

        A locked name or address is refused even with the right passcode. Every attempt costs
        one scrypt hash, whether the name is known, unknown, without passcode or locked.
        An attempt is counted against the name and the address *before* the passcode is
        checked, so attempts sent at the same moment cannot get more than ``gagal_maks``
        passcodes checked; a success clears the name's count (and gives the address its
        attempt back).
        """
        n = normalisasi_nama(nama)[:_PANJANG_NAMA_MAKS]
        batas = {f"nama:{n}": aturan.gagal_maks, f"alamat:{alamat}": aturan.gagal_maks_alamat}
        terkunci = self._pesan_percobaan(batas, aturan)
        if terkunci is not None:
            hash_kode(kode or "-", _GARAM_SEMU)
            return HasilMasuk(None, terkunci, diperiksa=False)
        akun = self.cek(n, kode)
        self._akhiri_percobaan(batas, akun is not None, aturan)
        if akun is not None:
            return HasilMasuk(akun, diperiksa=True)
        return HasilMasuk(None, self._terkunci(list(batas)), diperiksa=True)

    def _terkunci(self, kunci: list[str]) -> Kunci | None:
        now = self.jam()
        conn = self._conn()
        try:
            rows = conn.execute(
                f"SELECT kunci, gagal, terkunci_sampai FROM masuk_gagal WHERE kunci IN "
                f"({','.join('?' * len(kunci))}) AND terkunci_sampai > ?",
                (*kunci, now),
            ).fetchall()
        finally:
            conn.close()
        return _kunci(rows[0]) if rows else None

    def _pesan_percobaan(self, batas: dict[str, int], aturan: AturanMasuk) -> Kunci | None:
        """In one transaction: the lock when a key is locked or has used up its attempts
        (then it is locked now); else count this attempt against every key and return None."""
        now = self.jam()
        sampai = now + aturan.kunci_menit * 60
        with self._transaksi() as conn:
            # forget ended locks and old counts (random names cannot pile up)
            conn.execute(
                "DELETE FROM masuk_gagal WHERE terkunci_sampai <= ? OR "
                "(terkunci_sampai IS NULL AND mulai < ?)",
                (now, now - aturan.jendela_menit * 60),
            )
            ada = conn.execute(
                f"SELECT kunci, gagal, terkunci_sampai FROM masuk_gagal WHERE kunci IN "
                f"({','.join('?' * len(batas))})",
                tuple(batas),
            ).fetchall()
            for kunci, gagal, terkunci_sampai in ada:
                if terkunci_sampai is not None:
                    return _kunci((kunci, gagal, terkunci_sampai))
                if gagal >= batas[kunci]:  # used up by attempts still being checked
                    conn.execute("UPDATE masuk_gagal SET terkunci_sampai = ? WHERE kunci = ?",
                                 (sampai, kunci))
                    return _kunci((kunci, gagal, sampai))
            for kunci in batas:
                conn.execute(
                    "INSERT INTO masuk_gagal (kunci, gagal, mulai) VALUES (?, 1, ?) "
                    "ON CONFLICT(kunci) DO UPDATE SET gagal = gagal + 1",
                    (kunci, now),
                )
        return None

    def _akhiri_percobaan(self, batas: dict[str, int], berhasil: bool,
                          aturan: AturanMasuk) -> None:
        """After the check: a success clears the name and returns the address's attempt; a
        failure locks every key whose count reached its limit."""
        now = self.jam()
        nama, alamat = list(batas)
        with self._transaksi() as conn:
            if berhasil:
                conn.execute("DELETE FROM masuk_gagal WHERE kunci = ?", (nama,))
                conn.execute("UPDATE masuk_gagal SET gagal = MAX(gagal - 1, 0) WHERE kunci = ?",
                             (alamat,))
            else:
                for kunci, maks in batas.items():
                    conn.execute(
                        "UPDATE masuk_gagal SET terkunci_sampai = ? WHERE kunci = ? AND "
                        "gagal >= ? AND terkunci_sampai IS NULL",
                        (now + aturan.kunci_menit * 60, kunci, maks),
                    )

    def _hapus_gagal(self, kunci: str) -> int:
        conn = self._conn()
        try:
            return conn.execute("DELETE FROM masuk_gagal WHERE kunci = ?", (kunci,)).rowcount
        finally:
            conn.close()

    def daftar_terkunci(self) -> list[Kunci]:
        """Login names and client addresses locked now (for the facilitator)."""
        conn = self._conn()
        try:
            rows = conn.execute(
                "SELECT kunci, gagal, terkunci_sampai FROM masuk_gagal "
                "WHERE terkunci_sampai > ? ORDER BY kunci",
                (self.jam(),),
            ).fetchall()
        finally:
            conn.close()
        return [_kunci(r) for r in rows]

    def buka_kunci(self, nama: str) -> bool:
        """Lift the login lock of ``nama`` (a NIP, a facilitator name, or a client IP address)
        and forget its failed attempts; True when there was something to lift.

        Called by ``sinovda kode-akses --buka-kunci`` and by the facilitator's admin page
        (server-side, in the store service): the caller must already be a facilitator.
        """
        teks = str(nama).strip()
        try:
            kunci = f"alamat:{ipaddress.ip_address(teks)}"
        except ValueError:
            kunci = f"nama:{normalisasi_nama(teks)}"
        return self._hapus_gagal(kunci) > 0

    def reset_kode(self, nama: str) -> str:
        """Give the account ``nama`` a new random passcode, lift its lock; return the passcode
        (in clear, once: print it for that person). Unknown name: InputTidakValid."""
        kode = self.set_kode(nama)
        self.buka_kunci(nama)
        return kode


def _kunci(r: tuple) -> Kunci:
    jenis, _, kunci = str(r[0]).partition(":")
    return Kunci(kunci, jenis, int(r[1]), float(r[2]))


def _sekarang() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
