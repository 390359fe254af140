"""Hub accounts as data: who may log in, their role, passcode hash, memberships and lockouts.

The policy (passcode hashing, lockout rules, name rules) is ``sinovda.hub.akun.DaftarAkun``;
this module only stores and reads. ``buka_akun(lokasi, kelas=None) -> RepoAkun`` picks the
implementation from the class locator:

- **A SQLite class folder** (``AkunSQLite``): the accounts of that one class live in its own
  ``sinovda.db`` (tables ``akun_hub`` and ``masuk_gagal``), exactly as before.
- **A PostgreSQL database** (``AkunPG``): accounts are database-level, in the ``public`` schema
  beside the class registry: ``sinovda_akun`` (one row per name: a facilitator's short name or a
  participant's NIP, with ONE passcode), ``sinovda_anggota (nama, kelas, peran)`` (which classes
  an account belongs to: a trainer may belong to several) and ``sinovda_masuk_gagal`` (failed
  logins, per name and per client address). A repository is *scoped* to some classes (the class
  of a locator ``...?kelas=KEY``, or the keys a hub serves): ``daftar``/``get``/``peran`` see
  only accounts that are members of a scoped class, and new accounts join the scoped class(es).
  Scope ``None`` (a bare database URL) sees every account.

Both implementations run the same SQL text; ``AkunPG`` only maps ``?`` to ``%s``, the table
names and the DDL types, and takes an advisory lock where SQLite says ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from sinovda import paths
from sinovda.domain.errors import GagalPenyimpanan, InputTidakValid, SinovdaError
from sinovda.store import pg

PESERTA = "peserta"
FASILITATOR = "fasilitator"


@dataclass(frozen=True)
class BarisAkun:
    """One stored account: ``nama`` (NIP or facilitator name), ``peran``, ``label`` (full name),
    the passcode's salt and scrypt hash (None until a passcode is set)."""

    nama: str
    peran: str
    label: str
    garam: bytes | None = None
    hash: bytes | None = None

    @property
    def punya_kode(self) -> bool:
        return self.hash is not None


BarisGagal = tuple[str, int, float | None]
"""A ``masuk_gagal`` row: (key 'nama:<n>' or 'alamat:<ip>', failures, locked until)."""


@runtime_checkable
class RepoAkun(Protocol):
    """What the hub's account policy needs from storage."""

    def daftar(self) -> list[BarisAkun]:
        """Accounts in scope, facilitators first, then by name."""
        ...

    def get(self, nama: str) -> BarisAkun | None:
        """The account ``nama`` when in scope."""
        ...

    def ada(self, nama: str) -> bool:
        """Whether the name is taken anywhere (in scope or not)."""
        ...

    def kelas_anggota(self, nama: str) -> list[str]:
        """The scoped classes ``nama`` belongs to (``[]`` for a SQLite class)."""
        ...

    def sinkron_peserta(self, peserta: Iterable[tuple[str, str]], dibuat: str) -> int:
        """Add (no passcode) or relabel each participant (nip, label) and make them members
        of the scoped classes; return how many accounts were added or relabelled."""
        ...

    def tambah(self, nama: str, peran: str, label: str, dibuat: str) -> None:
        """Add a new account (member of the scoped classes)."""
        ...

    def gabung(self, nama: str, kelas: Iterable[str]) -> int:
        """Make the existing account ``nama`` a member of ``kelas``; return how many new."""
        ...

    def hapus(self, nama: str, peran: str) -> bool:
        """Remove ``nama`` with ``peran`` from scope; True when something was removed."""
        ...

    def set_hash(self, nama: str, garam: bytes, hash_: bytes) -> bool:
        """Store a passcode hash for ``nama``; False when there is no such account."""
        ...

    def catat_percobaan(self, batas: dict[str, int], now: float, sampai: float,
                        lupakan_sebelum: float) -> BarisGagal | None: ...

    def akhiri_percobaan(self, nama: str, alamat: str, berhasil: bool,
                         batas: dict[str, int], sampai: float) -> None: ...

    def terkunci(self, kunci: list[str], now: float) -> list[BarisGagal]: ...

    def hapus_gagal(self, kunci: str) -> int: ...


class _RepoSQL:
    """The account SQL, one text for both backends (``{akun}``/``{gagal}`` name the tables).
    Subclasses give the reads (``_baca``), the write transaction (``_transaksi``) and the
    scope filter (``_saring``)."""

    AKUN = "akun_hub"
    GAGAL = "masuk_gagal"

    # ----- plumbing (overridden) -----------------------------------------------------------
    def _x(self, conn: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return conn.execute(sql.format(akun=self.AKUN, gagal=self.GAGAL), params)

    @contextmanager
    def _transaksi(self) -> Iterator[Any]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def _baca(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:  # pragma: no cover
        raise NotImplementedError

    def _saring(self) -> tuple[str, tuple[Any, ...]]:
        """SQL condition on ``nama`` limiting to the scope, and its parameters."""
        return "1 = 1", ()

    # ----- accounts ------------------------------------------------------------------------
    def daftar(self) -> list[BarisAkun]:
        syarat, p = self._saring()
        rows = self._baca(
            f"SELECT nama, peran, label, garam, hash FROM {{akun}} WHERE {syarat} "
            "ORDER BY peran = 'peserta', nama", p)
        return [_baris(r) for r in rows]

    def get(self, nama: str) -> BarisAkun | None:
        syarat, p = self._saring()
        rows = self._baca(
            f"SELECT nama, peran, label, garam, hash FROM {{akun}} WHERE nama = ? AND {syarat}",
            (nama, *p))
        return _baris(rows[0]) if rows else None

    def ada(self, nama: str) -> bool:
        return bool(self._baca("SELECT 1 FROM {akun} WHERE nama = ?", (nama,)))

    def kelas_anggota(self, nama: str) -> list[str]:
        return []

    def sinkron_peserta(self, peserta: Iterable[tuple[str, str]], dibuat: str) -> int:
        n = 0
        syarat, p = self._label_milik_cakupan()
        with self._transaksi() as conn:
            for nip, label in peserta:
                n += max(self._x(conn,
                    "INSERT INTO {akun} (nama, peran, label, dibuat) VALUES (?, 'peserta', ?, ?) "
                    "ON CONFLICT(nama) DO UPDATE SET label = excluded.label "
                    f"WHERE {{akun}}.peran = 'peserta'{syarat}",
                    (nip, label, dibuat, *p)).rowcount, 0)
                self._gabung_satu(conn, nip, PESERTA)
        return n

    def _label_milik_cakupan(self) -> tuple[str, tuple[Any, ...]]:
        """Extra SQL condition (and parameters) for relabelling an existing account from a
        roster: none for a SQLite class (its accounts are its own)."""
        return "", ()

    def _gabung_satu(self, conn: Any, nama: str, peran: str) -> int:
        """Join ``nama`` to the scoped classes (nothing for a SQLite class)."""
        return 0

    def tambah(self, nama: str, peran: str, label: str, dibuat: str) -> None:
        with self._transaksi() as conn:
            self._x(conn, "INSERT INTO {akun} (nama, peran, label, dibuat) VALUES (?, ?, ?, ?)",
                    (nama, peran, label, dibuat))
            self._gabung_satu(conn, nama, peran)

    def gabung(self, nama: str, kelas: Iterable[str]) -> int:
        raise InputTidakValid("kelas berbasis folder (SQLite) punya akunnya sendiri; "
                              "gabung ke beberapa kelas hanya untuk basis data PostgreSQL")

    def hapus(self, nama: str, peran: str) -> bool:
        with self._transaksi() as conn:
            return bool(self._x(conn, "DELETE FROM {akun} WHERE nama = ? AND peran = ?",
                                (nama, peran)).rowcount)

    def set_hash(self, nama: str, garam: bytes, hash_: bytes) -> bool:
        syarat, p = self._saring()
        with self._transaksi() as conn:
            return self._x(conn, f"UPDATE {{akun}} SET garam = ?, hash = ? "
                           f"WHERE nama = ? AND {syarat}", (garam, hash_, nama, *p)).rowcount == 1

    # ----- failed logins -------------------------------------------------------------------
    def catat_percobaan(self, batas: dict[str, int], now: float, sampai: float,
                        lupakan_sebelum: float) -> BarisGagal | None:
        """In one write transaction: forget ended locks and counts older than
        ``lupakan_sebelum``; the lock (a row) when a key is locked or has used up its
        ``batas`` attempts (then locked until ``sampai``); else count one attempt against
        every key and return None."""
        tanda = ",".join("?" * len(batas))
        with self._transaksi() as conn:
            self._x(conn, "DELETE FROM {gagal} WHERE terkunci_sampai <= ? OR "
                    "(terkunci_sampai IS NULL AND mulai < ?)", (now, lupakan_sebelum))
            ada = self._x(conn, "SELECT kunci, gagal, terkunci_sampai FROM {gagal} "
                          f"WHERE kunci IN ({tanda}) ORDER BY kunci", tuple(batas)).fetchall()
            for kunci, gagal, terkunci_sampai in ada:
                if terkunci_sampai is not None:
                    return (kunci, gagal, terkunci_sampai)
                if gagal >= batas[kunci]:  # used up by attempts still being checked
                    self._x(conn, "UPDATE {gagal} SET terkunci_sampai = ? WHERE kunci = ?",
                            (sampai, kunci))
                    return (kunci, gagal, sampai)
            for kunci in batas:
                self._x(conn, "INSERT INTO {gagal} (kunci, gagal, mulai) VALUES (?, 1, ?) "
                        "ON CONFLICT(kunci) DO UPDATE SET gagal = {gagal}.gagal + 1",
                        (kunci, now))
        return None

    def akhiri_percobaan(self, nama: str, alamat: str, berhasil: bool,
                         batas: dict[str, int], sampai: float) -> None:
        """A success clears ``nama`` and gives ``alamat`` its attempt back; a failure locks
        every key of ``batas`` whose count reached its limit."""
        with self._transaksi() as conn:
            if berhasil:
                self._x(conn, "DELETE FROM {gagal} WHERE kunci = ?", (nama,))
                self._x(conn, "UPDATE {gagal} SET gagal = CASE WHEN gagal > 0 THEN gagal - 1 "
                        "ELSE 0 END WHERE kunci = ?", (alamat,))
                return
            for kunci, maks in batas.items():
                self._x(conn, "UPDATE {gagal} SET terkunci_sampai = ? WHERE kunci = ? AND "
                        "gagal >= ? AND terkunci_sampai IS NULL", (sampai, kunci, maks))

    def terkunci(self, kunci: list[str], now: float) -> list[BarisGagal]:
        """Locked rows among ``kunci`` (all locked rows when ``kunci`` is empty)."""
        if kunci:
            tanda = ",".join("?" * len(kunci))
            rows = self._baca("SELECT kunci, gagal, terkunci_sampai FROM {gagal} WHERE kunci IN "
                              f"({tanda}) AND terkunci_sampai > ? ORDER BY kunci", (*kunci, now))
        else:
            rows = self._baca("SELECT kunci, gagal, terkunci_sampai FROM {gagal} "
                              "WHERE terkunci_sampai > ? ORDER BY kunci", (now,))
        return [(str(r[0]), int(r[1]), r[2]) for r in rows]

    def hapus_gagal(self, kunci: str) -> int:
        with self._transaksi() as conn:
            return int(self._x(conn, "DELETE FROM {gagal} WHERE kunci = ?", (kunci,)).rowcount)


def _baris(r: Any) -> BarisAkun:
    garam = bytes(r[3]) if r[3] is not None else None
    hash_ = bytes(r[4]) if r[4] is not None else None
    return BarisAkun(str(r[0]), str(r[1]), str(r[2]), garam, hash_)


# ----- SQLite: the accounts of one class, in its own file ------------------------------------
_DDL_SQLITE = (
    """CREATE TABLE IF NOT EXISTS akun_hub (
    nama TEXT PRIMARY KEY,
    peran TEXT NOT NULL CHECK (peran IN ('peserta', 'fasilitator')),
    label TEXT NOT NULL DEFAULT '',
    garam BLOB,
    hash BLOB,
    dibuat TEXT NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS masuk_gagal (
    kunci TEXT PRIMARY KEY,
    gagal INTEGER NOT NULL,
    mulai REAL NOT NULL,
    terkunci_sampai REAL
)""",
)


class AkunSQLite(_RepoSQL):
    """The ``akun_hub``/``masuk_gagal`` tables of one class file (``<kelas>/sinovda.db``)."""

    def __init__(self, folder: str | Path) -> None:
        self.db = Path(folder) / paths.DB_NAME
        if not self.db.exists():
            raise SinovdaError(
                f"{Path(folder)}: belum ada kelas di folder ini; buat dulu dengan "
                "'sinovda kelas buat DIR --nama ...'"
            )

    def _koneksi(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.db, timeout=30, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 30000")
            for ddl in _DDL_SQLITE:
                conn.execute(ddl)
        except sqlite3.Error as e:
            raise GagalPenyimpanan(f"Penyimpanan gagal di {self.db}: {e}") from None
        return conn

    def _baca(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        from sinovda.store.galat import terjemahkan

        conn = self._koneksi()
        try:
            return list(self._x(conn, sql, params).fetchall())
        except sqlite3.Error as e:
            raise terjemahkan(e, self.db) from None
        finally:
            conn.close()

    @contextmanager
    def _transaksi(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): committed when the block ends, rolled back
        when it raises; the connection closed either way."""
        from sinovda.store.galat import transaksi_tulis

        conn = self._koneksi()
        try:
            with transaksi_tulis(conn, self.db):
                yield conn
        finally:
            conn.close()


# ----- PostgreSQL: database-level accounts, memberships per class ---------------------------
_DDL_PG = (
    """CREATE TABLE IF NOT EXISTS public.sinovda_akun (
    nama TEXT PRIMARY KEY,
    peran TEXT NOT NULL CHECK (peran IN ('peserta', 'fasilitator')),
    label TEXT NOT NULL DEFAULT '',
    garam BYTEA,
    hash BYTEA,
    dibuat TEXT NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS public.sinovda_anggota (
    nama TEXT NOT NULL REFERENCES public.sinovda_akun(nama) ON DELETE CASCADE,
    kelas TEXT NOT NULL REFERENCES public.sinovda_kelas(kunci) ON DELETE CASCADE,
    peran TEXT NOT NULL,
    PRIMARY KEY (nama, kelas)
)""",
    """CREATE TABLE IF NOT EXISTS public.sinovda_masuk_gagal (
    kunci TEXT PRIMARY KEY,
    gagal INTEGER NOT NULL,
    mulai DOUBLE PRECISION NOT NULL,
    terkunci_sampai DOUBLE PRECISION
)""",
)
_TABEL_PG = ("sinovda_akun", "sinovda_anggota", "sinovda_masuk_gagal")
_KUNCI_AKUN = "sinovda_akun"
_SIAP: set[str] = set()
"""Database URLs whose account tables this process has ensured (once, under the lock)."""
_KELAS_ADA: set[tuple[str, str]] = set()
_kunci_siap = threading.Lock()
_lokal = threading.local()


def _buat_tabel(conn: Any) -> None:
    """Create the registry and account tables that are missing (only those: an existing table
    needs no CREATE right, so a data-only database role can use accounts made by an admin
    role), once, under the accounts' lock."""
    pg._registri(conn)
    if all(conn.execute("SELECT to_regclass(%s)", (f"public.{t}",)).fetchone()[0] is not None
           for t in _TABEL_PG):
        return
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (_KUNCI_AKUN,))
        for tabel, ddl in zip(_TABEL_PG, _DDL_PG, strict=True):
            if conn.execute("SELECT to_regclass(%s)", (f"public.{tabel}",)).fetchone()[0] is None:
                conn.execute(ddl)


def siapkan_tabel(url: str) -> None:
    """Create the database's account tables where missing (``sinovda kelas buat`` calls this
    as the database owner, so a data-only role can run the hub and the store service right
    after, before any account command); psycopg errors -> GagalPenyimpanan."""
    import psycopg

    with _kunci_siap:
        if url in _SIAP:
            return
        try:
            with pg._sambung(url) as conn:
                _buat_tabel(conn)
        except psycopg.Error as e:
            raise pg.terjemahkan(e, pg._tanpa_sandi(url)) from None
        _SIAP.add(url)


class AkunPG(_RepoSQL):
    """Database-level accounts of a PostgreSQL database, scoped to ``kelas`` (None: all)."""

    AKUN = "sinovda_akun"
    GAGAL = "sinovda_masuk_gagal"

    def __init__(self, url: str, kelas: Iterable[str] | None = None) -> None:
        self.url = url
        self.kelas: tuple[str, ...] | None = (
            None if kelas is None else tuple(dict.fromkeys(pg.periksa_kunci(k) for k in kelas)))
        self._siapkan()

    @property
    def lokasi(self) -> str:
        return pg._tanpa_sandi(self.url)

    def _siapkan(self) -> None:
        """Create the account tables once per process; check the scoped classes exist."""
        import psycopg

        with _kunci_siap:
            baru = [k for k in self.kelas or () if (self.url, k) not in _KELAS_ADA]
            if self.url in _SIAP and not baru:
                return
            try:
                with pg._sambung(self.url) as conn:
                    if self.url not in _SIAP:
                        _buat_tabel(conn)
                        _SIAP.add(self.url)
                    for k in baru:
                        ada = conn.execute("SELECT 1 FROM public.sinovda_kelas WHERE kunci = %s",
                                           (k,)).fetchone()
                        if ada is None:
                            raise InputTidakValid(
                                f"belum ada kelas {k} di basis data {self.lokasi}; buat dulu: "
                                f"sinovda kelas buat {k} --nama \"Nama Kelas\"")
                        _KELAS_ADA.add((self.url, k))
            except psycopg.Error as e:
                raise pg.terjemahkan(e, self.lokasi) from None

    def _x(self, conn: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
        teks = sql.format(akun=self.AKUN, gagal=self.GAGAL).replace("?", "%s")
        return conn.execute(teks, params or None)

    def _koneksi(self) -> Any:
        """This process's and thread's connection to the database (reused: a login or a store
        service request does not open a new one), reopened after fork or when dropped."""
        conns = getattr(_lokal, "conns", None)
        if conns is None or getattr(_lokal, "pid", None) != os.getpid():
            conns = _lokal.conns = {}
            _lokal.pid = os.getpid()
        conn = conns.get(self.url)
        if conn is None or conn.closed or conn.broken:
            conn = conns[self.url] = pg._sambung(self.url)
            conn.execute("SET search_path TO public")
        return conn

    def _lupakan(self) -> None:
        conn = getattr(_lokal, "conns", {}).pop(self.url, None)
        if conn is not None:
            conn.close()

    def _baca(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        import psycopg

        try:
            return list(self._x(self._koneksi(), sql, params).fetchall())
        except psycopg.Error as e:
            self._lupakan()  # the next call starts on a fresh connection
            raise pg.terjemahkan(e, self.lokasi) from None

    @contextmanager
    def _transaksi(self) -> Iterator[Any]:
        """One transaction holding the accounts' advisory lock (writers queue, as with
        SQLite's BEGIN IMMEDIATE); psycopg errors -> GagalPenyimpanan."""
        import psycopg

        try:
            conn = self._koneksi()
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (_KUNCI_AKUN,))
                yield conn
        except psycopg.Error as e:
            self._lupakan()
            raise pg.terjemahkan(e, self.lokasi) from None

    def _saring(self) -> tuple[str, tuple[Any, ...]]:
        if self.kelas is None:
            return "1 = 1", ()
        return ("nama IN (SELECT nama FROM sinovda_anggota WHERE kelas = ANY(?))",
                (list(self.kelas),))

    def _label_milik_cakupan(self) -> tuple[str, tuple[Any, ...]]:
        """A roster of the scoped classes never renames an account that also belongs to a class
        outside the scope (a participant repeating the course keeps the name they have)."""
        if self.kelas is None:
            return "", ()
        return (" AND NOT EXISTS (SELECT 1 FROM sinovda_anggota g WHERE g.nama = {akun}.nama "
                "AND NOT (g.kelas = ANY(?)))", (list(self.kelas),))

    def kelas_anggota(self, nama: str) -> list[str]:
        """The scoped classes ``nama`` belongs to, newest class first (by creation time)."""
        syarat = "" if self.kelas is None else " AND a.kelas = ANY(?)"
        p: tuple[Any, ...] = (nama,) if self.kelas is None else (nama, list(self.kelas))
        rows = self._baca(
            "SELECT a.kelas FROM sinovda_anggota a JOIN sinovda_kelas k ON k.kunci = a.kelas "
            f"WHERE a.nama = ?{syarat} ORDER BY k.dibuat DESC, a.kelas", p)
        return [str(r[0]) for r in rows]

    def _gabung_satu(self, conn: Any, nama: str, peran: str) -> int:
        n = 0
        for k in self.kelas or ():
            n += max(self._x(conn, "INSERT INTO sinovda_anggota (nama, kelas, peran) "
                             "SELECT nama, ?, peran FROM {akun} WHERE nama = ? AND peran = ? "
                             "ON CONFLICT DO NOTHING", (k, nama, peran)).rowcount, 0)
        return n

    def gabung(self, nama: str, kelas: Iterable[str]) -> int:
        kunci = [pg.periksa_kunci(k) for k in kelas]
        AkunPG(self.url, kunci)  # every class must exist
        with self._transaksi() as conn:
            r = self._x(conn, "SELECT peran FROM {akun} WHERE nama = ?", (nama,)).fetchone()
            if r is None:
                raise InputTidakValid(f"akun '{nama}' tidak ada di basis data")
            n = 0
            for k in kunci:
                n += max(self._x(conn, "INSERT INTO sinovda_anggota (nama, kelas, peran) "
                                 "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (nama, k, r[0])
                                 ).rowcount, 0)
            return n

    def hapus(self, nama: str, peran: str) -> bool:
        """Leave the scoped classes; the account itself goes when it belongs to none."""
        if self.kelas is None:
            return super().hapus(nama, peran)
        with self._transaksi() as conn:
            n = self._x(conn, "DELETE FROM sinovda_anggota WHERE nama = ? AND peran = ? AND "
                        "kelas = ANY(?)", (nama, peran, list(self.kelas))).rowcount
            self._x(conn, "DELETE FROM {akun} WHERE nama = ? AND peran = ? AND NOT EXISTS "
                    "(SELECT 1 FROM sinovda_anggota WHERE nama = ?)", (nama, peran, nama))
            return n > 0

    def anggota(self) -> list[tuple[str, str, str]]:
        """``(nama, kelas, peran)`` of every membership in scope, by name and class."""
        syarat = "" if self.kelas is None else " WHERE kelas = ANY(?)"
        p: tuple[Any, ...] = () if self.kelas is None else (list(self.kelas),)
        return [(str(a), str(b), str(c)) for a, b, c in self._baca(
            f"SELECT nama, kelas, peran FROM sinovda_anggota{syarat} ORDER BY nama, kelas", p)]


def buka_akun(lokasi: Any, kelas: Iterable[str] | None = None) -> RepoAkun:
    """The account repository of a class locator: a SQLite class folder (its own accounts), a
    PostgreSQL class locator or key with ``$SINOVDA_DB`` (scope: that class), or a bare
    PostgreSQL URL (scope: ``kelas``, else the whole database)."""
    teks = str(lokasi)
    if pg.adalah_url(teks) and "kelas=" not in teks:
        url = pg._POLA_URL.sub(lambda m: m.group(1) + "://", teks, count=1)
        return AkunPG(url, kelas)
    if pg.dipilih(lokasi):
        url, kunci = pg.urai(lokasi)
        return AkunPG(url, [kunci] if kelas is None else kelas)
    return AkunSQLite(lokasi)
