"""Class-level administration data kept in the class's store beside the answers.

``DataAdmin(lokasi)`` owns six tables (created on first use, never exposed raw by the store
API), in the class file ``<kelas>/sinovda.db`` of a SQLite class folder, or in the class's
schema of a PostgreSQL class (``postgresql://...?kelas=KEY``, or a key while ``$SINOVDA_DB``
names the database; see ``sinovda.store.pg``):

- ``admin_setelan``: the class settings printed on certificates (dates, place, hours (JP),
  trainer's name and title, organiser), JSON values;
- ``admin_rahasia``: the class id and the per-class secret keying certificate codes (read only
  on the server: the store service, ``sinovda laporan``, ``sinovda verifikasi``);
- ``sertifikat``: every certificate issued (code, NIP, name, date): one per participant, the
  same code on every later run;
- ``rilis_hasil``: whose results the trainer released (``*`` = the whole class);
- ``kunci_modul``: modules the trainer locked for the class (participants cannot save there:
  ``Store.save`` checks it inside its write transaction, ``modul_terkunci``);
- ``admin_log``: who did which admin action when.

One logic, one SQL text for both backends: the statements are portable (``INSERT ... ON
CONFLICT``), the PostgreSQL session (``pg.SesiPG``) translates ``?`` and the DDL. Every action is
one transaction that also records who did it; a write on SQLite takes ``BEGIN IMMEDIATE``, on
PostgreSQL the class's advisory lock, so a module lock and a participant's save are ordered the
same way on both. Database and OS errors become ``GagalPenyimpanan`` in Indonesian.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sinovda.domain import sertifikat as ds
from sinovda.domain.errors import InputTidakValid, SinovdaError
from sinovda.paths import DB_NAME
from sinovda.store import galat

SEMUA = "*"
SETELAN = {
    "tanggal_mulai": "tanggal mulai (TTTT-BB-HH)",
    "tanggal_selesai": "tanggal selesai (TTTT-BB-HH)",
    "tempat": "tempat penyelenggaraan",
    "jp": "jumlah jam pelajaran (JP)",
    "pelatih": "nama pelatih/penanda tangan",
    "jabatan_pelatih": "jabatan penanda tangan",
    "penyelenggara": "penyelenggara",
}

_DDL = """
CREATE TABLE IF NOT EXISTS admin_setelan (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS admin_rahasia (
    id INTEGER PRIMARY KEY CHECK (id = 1), kelas_id TEXT NOT NULL, rahasia BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sertifikat (
    kode TEXT PRIMARY KEY, nip TEXT NOT NULL UNIQUE, nama TEXT NOT NULL, tanggal TEXT NOT NULL,
    dibuat TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rilis_hasil (nip TEXT PRIMARY KEY, oleh TEXT NOT NULL,
    waktu TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kunci_modul (modul TEXT PRIMARY KEY, oleh TEXT NOT NULL,
    waktu TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS admin_log (id INTEGER PRIMARY KEY AUTOINCREMENT, waktu TEXT NOT NULL,
    oleh TEXT NOT NULL, aksi TEXT NOT NULL, rincian TEXT NOT NULL DEFAULT '');
"""
"""The admin tables (SQLite text; ``pg.dialek_ddl`` makes the PostgreSQL one)."""


class Sesi(Protocol):
    """Where the admin tables live: one backend's connections and transactions."""

    def sesi(self, tulis: bool) -> AbstractContextManager[Any]:
        """A sqlite3-shaped connection with the admin tables present; ``tulis``: one write
        transaction holding the class's write lock (committed on exit, rolled back on error)."""
        ...


class SesiSQLite:
    """The admin tables in a class file: a short connection per action (as the store's
    ``BEGIN IMMEDIATE`` writers queue behind each other); errors in Indonesian."""

    def __init__(self, kelas_dir: str | os.PathLike[str], ddl: str = _DDL) -> None:
        self.db = Path(kelas_dir) / DB_NAME
        self._ddl = ddl
        if not self.db.is_file():
            raise SinovdaError(f"{Path(kelas_dir)}: belum ada kelas di folder ini; buat dulu "
                               "dengan 'sinovda kelas buat DIR --nama ...'")

    @contextmanager
    def sesi(self, tulis: bool) -> Iterator[sqlite3.Connection]:
        try:
            conn = sqlite3.connect(self.db, timeout=30, isolation_level=None)
        except sqlite3.Error as e:
            raise galat.terjemahkan(e, self.db) from None
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.executescript(self._ddl)
            if tulis:
                with galat.transaksi_tulis(conn, self.db):
                    yield conn
            else:
                yield conn
        except (sqlite3.Error, OSError) as e:
            raise galat.terjemahkan(e, self.db) from None
        finally:
            conn.close()


def sesi_kelas(lokasi: Any, ddl: str = _DDL) -> Sesi:
    """The admin session of a class: a SQLite class folder, a PostgreSQL locator (or a key while
    ``$SINOVDA_DB`` names a PostgreSQL database), or an open ``Store``/``StorePG`` (whose
    connection a PostgreSQL session then reuses). ``ddl``: the tables the session ensures
    (SQLite text; default the admin tables; ``sinovda.store.berkas`` passes its own)."""
    from sinovda.store.pg import SesiPG, StorePG  # psycopg itself only when used
    from sinovda.store.store import Store, _alamat_pg_sah, _pg_dipilih

    if isinstance(lokasi, StorePG):
        return SesiPG(lokasi, ddl)
    if isinstance(lokasi, Store):
        return SesiSQLite(lokasi.folder, ddl)
    if _pg_dipilih(lokasi):
        with _alamat_pg_sah():
            return SesiPG(lokasi, ddl)
    return SesiSQLite(lokasi, ddl)


@dataclass(frozen=True)
class Sertifikat:
    """One issued certificate."""

    kode: str
    nip: str
    nama: str
    tanggal: str  # ISO date of issue
    kelas: str = ""  # class name (filled by lookups)


@dataclass(frozen=True)
class CatatanAdmin:
    """One line of the admin log."""

    waktu: str
    oleh: str
    aksi: str
    rincian: str


def _sertifikat(row: Any, kelas: str) -> Sertifikat:
    return Sertifikat(str(row[0]), str(row[1]), str(row[2]), str(row[3]), kelas=kelas)


def sekarang() -> str:
    """UTC ISO time with seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class DataAdmin:
    """The admin tables of one class: ``DataAdmin(lokasi)`` with a SQLite class folder, a
    PostgreSQL class locator or key (``$SINOVDA_DB``), or an open store (see ``sesi_kelas``).
    Same API and guarantees on both: one transaction per action, the log records who."""

    def __init__(self, lokasi: Any) -> None:
        self._sesi = sesi_kelas(lokasi)

    def _conn(self, tulis: bool = False) -> AbstractContextManager[Any]:
        return self._sesi.sesi(tulis)

    # ----- log ---------------------------------------------------------------------------
    @staticmethod
    def _catat(conn: Any, oleh: str, aksi: str, rincian: str = "") -> None:
        conn.execute("INSERT INTO admin_log (waktu, oleh, aksi, rincian) VALUES (?, ?, ?, ?)",
                     (sekarang(), oleh, aksi, rincian))

    def catat(self, oleh: str, aksi: str, rincian: str = "") -> None:
        """Record an admin action (who, what, details)."""
        with self._conn(tulis=True) as conn:
            self._catat(conn, oleh, aksi, rincian)

    def log(self, n: int = 50) -> list[CatatanAdmin]:
        """The last ``n`` admin actions, newest first."""
        with self._conn() as conn:
            rows = conn.execute("SELECT waktu, oleh, aksi, rincian FROM admin_log "
                                "ORDER BY id DESC LIMIT ?", (int(n),)).fetchall()
        return [CatatanAdmin(*r) for r in rows]

    # ----- class settings ------------------------------------------------------------------
    def setelan(self) -> dict[str, Any]:
        """The class settings (``SETELAN`` keys; missing ones are absent)."""
        with self._conn() as conn:
            rows = conn.execute("SELECT key, value FROM admin_setelan").fetchall()
        return {k: json.loads(v) for k, v in rows}

    def atur_setelan(self, nilai: dict[str, Any], oleh: str = "sistem") -> dict[str, Any]:
        """Check and save settings (empty text clears a key); return the settings now."""
        bersih: dict[str, Any] = {}
        for k, v in nilai.items():
            if k not in SETELAN:
                raise InputTidakValid(f"setelan kelas '{k}' tidak dikenal (pilihan: "
                                      f"{', '.join(SETELAN)})")
            teks = "" if v is None else str(v).strip()
            if k.startswith("tanggal_") and teks:
                ds.tanggal_iso(teks)
            if k == "jp" and teks:
                if not teks.isdigit() or not 1 <= int(teks) <= 1000:
                    raise InputTidakValid(f"{SETELAN[k]} harus bilangan bulat 1-1000, "
                                          f"bukan '{teks}'")
                bersih[k] = int(teks)
                continue
            bersih[k] = teks
        gabung = {**self.setelan(), **bersih}
        if gabung.get("tanggal_mulai") and gabung.get("tanggal_selesai"):
            ds.rentang_tanggal(gabung["tanggal_mulai"], gabung["tanggal_selesai"])
        with self._conn(tulis=True) as conn:
            for k, v in bersih.items():
                if v == "":
                    conn.execute("DELETE FROM admin_setelan WHERE key = ?", (k,))
                else:
                    conn.execute("INSERT INTO admin_setelan (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 (k, json.dumps(v, ensure_ascii=False)))
            if bersih:
                self._catat(conn, oleh, "setelan kelas", ", ".join(sorted(bersih)))
        return self.setelan()

    # ----- certificates --------------------------------------------------------------------
    def _rahasia(self, conn: Any) -> tuple[str, bytes]:
        row = conn.execute("SELECT kelas_id, rahasia FROM admin_rahasia WHERE id = 1").fetchone()
        if row is None:
            conn.execute("INSERT INTO admin_rahasia (id, kelas_id, rahasia) VALUES (1, ?, ?) "
                         "ON CONFLICT (id) DO NOTHING",
                         (uuid.uuid4().hex, secrets.token_bytes(32)))
            row = conn.execute(
                "SELECT kelas_id, rahasia FROM admin_rahasia WHERE id = 1").fetchone()
        return str(row[0]), bytes(row[1])

    def _nama_kelas(self, conn: Any) -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = 'nama'").fetchone()
        return str(row[0]) if row else ""

    def terbitkan(self, nip: str, nama: str, tanggal: str) -> Sertifikat:
        """The certificate of ``nip``: the one issued before, else a new one dated ``tanggal``."""
        ds.tanggal_iso(tanggal)
        with self._conn(tulis=True) as conn:
            row = conn.execute("SELECT kode, nip, nama, tanggal FROM sertifikat WHERE nip = ?",
                               (nip,)).fetchone()
            if row is None:
                kelas_id, rahasia = self._rahasia(conn)
                kode = ds.buat_kode(rahasia, kelas_id, nip, tanggal)
                conn.execute("INSERT INTO sertifikat VALUES (?, ?, ?, ?, ?)",
                             (kode, nip, nama, tanggal, sekarang()))
                self._catat(conn, "sistem", "sertifikat diterbitkan", f"{nip} {kode}")
                row = (kode, nip, nama, tanggal)
            return _sertifikat(row, self._nama_kelas(conn))

    def sertifikat(self, nip: str) -> Sertifikat | None:
        """The certificate issued to ``nip``, or None."""
        with self._conn() as conn:
            row = conn.execute("SELECT kode, nip, nama, tanggal FROM sertifikat WHERE nip = ?",
                               (nip,)).fetchone()
            return _sertifikat(row, self._nama_kelas(conn)) if row else None

    def verifikasi(self, kode: str) -> Sertifikat | None:
        """The certificate with this code when it is genuine, else None.

        InputTidakValid when the text cannot be a code at all."""
        bersih = ds.normalisasi_kode(kode)
        with self._conn() as conn:
            row = conn.execute("SELECT kode, nip, nama, tanggal FROM sertifikat WHERE kode = ?",
                               (bersih,)).fetchone()
            if row is None:
                return None
            kelas_id, rahasia = self._rahasia(conn)
            if not ds.kode_cocok(bersih, rahasia, kelas_id, row[1], row[3]):
                return None
            return _sertifikat(row, self._nama_kelas(conn))

    # ----- result release --------------------------------------------------------------------
    def rilis(self, nips: Iterable[str] | None, oleh: str) -> None:
        """Release results: to the whole class (``nips`` None) or to the given NIPs."""
        daftar = [SEMUA] if nips is None else [str(n).strip() for n in nips if str(n).strip()]
        if not daftar:
            raise InputTidakValid("pilih paling sedikit satu peserta untuk dirilis hasilnya")
        with self._conn(tulis=True) as conn:
            waktu = sekarang()
            for n in daftar:
                conn.execute("INSERT INTO rilis_hasil (nip, oleh, waktu) VALUES (?, ?, ?) "
                             "ON CONFLICT (nip) DO UPDATE SET oleh = excluded.oleh, "
                             "waktu = excluded.waktu",
                             (n, oleh, waktu))
            self._catat(conn, oleh, "rilis hasil",
                        "seluruh kelas" if nips is None else ", ".join(daftar))

    def tarik(self, nips: Iterable[str] | None, oleh: str) -> None:
        """Withdraw a release (class-wide when ``nips`` is None: every release is withdrawn)."""
        with self._conn(tulis=True) as conn:
            if nips is None:
                conn.execute("DELETE FROM rilis_hasil")
            else:
                conn.executemany("DELETE FROM rilis_hasil WHERE nip = ?",
                                 [(str(n).strip(),) for n in nips])
            self._catat(conn, oleh, "tarik rilis hasil",
                        "seluruh kelas" if nips is None else ", ".join(nips))

    def dirilis(self, nip: str) -> bool:
        """Whether ``nip``'s results are released (to them, or to the whole class)."""
        with self._conn() as conn:
            return conn.execute("SELECT 1 FROM rilis_hasil WHERE nip IN (?, ?)",
                                (nip, SEMUA)).fetchone() is not None

    def daftar_rilis(self) -> set[str]:
        """The released NIPs (``*`` when the whole class is released)."""
        with self._conn() as conn:
            return {r[0] for r in conn.execute("SELECT nip FROM rilis_hasil")}

    # ----- module locks --------------------------------------------------------------------
    def kunci(self, modul: str, oleh: str) -> None:
        """Lock ``modul`` for the class: participants can no longer save there."""
        with self._conn(tulis=True) as conn:
            conn.execute("INSERT INTO kunci_modul (modul, oleh, waktu) VALUES (?, ?, ?) "
                         "ON CONFLICT (modul) DO UPDATE SET oleh = excluded.oleh, "
                         "waktu = excluded.waktu",
                         (modul, oleh, sekarang()))
            self._catat(conn, oleh, "kunci modul", modul)

    def buka(self, modul: str, oleh: str) -> None:
        """Reopen a locked module."""
        with self._conn(tulis=True) as conn:
            conn.execute("DELETE FROM kunci_modul WHERE modul = ?", (modul,))
            self._catat(conn, oleh, "buka modul", modul)

    def modul_terkunci(self) -> set[str]:
        """The ids of the modules locked for the class."""
        with self._conn() as conn:
            return {r[0] for r in conn.execute("SELECT modul FROM kunci_modul")}


def baca_setelan(lokasi: Any) -> dict[str, Any]:
    """The class settings for a report (read-only on a class file: no table is created, the
    file is opened ``mode=ro``); ``{}`` when there is no class file or nothing is set yet. A
    PostgreSQL class (locator, or a key while ``$SINOVDA_DB`` is set) reads them through
    ``DataAdmin``."""
    from sinovda.store.store import _pg_dipilih

    if _pg_dipilih(lokasi):
        return DataAdmin(lokasi).setelan()
    db = Path(lokasi) / DB_NAME
    if not db.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            rows = conn.execute("SELECT key, value FROM admin_setelan").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:  # no settings table yet: nothing set
        return {}
    return {k: json.loads(v) for k, v in rows}


def modul_terkunci(conn: Any, modul: str) -> bool:
    """Whether ``modul`` is locked for the class (used by ``Store.save`` inside its write
    transaction, on the store's own connection: sqlite3, or ``pg.KoneksiPG`` whose dialect turns
    the table lookup into PostgreSQL's; a class that never locked a module has no
    ``kunci_modul`` table yet)."""
    ada = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                       "'kunci_modul'").fetchone()
    return ada is not None and conn.execute(
        "SELECT 1 FROM kunci_modul WHERE modul = ?", (modul,)).fetchone() is not None
