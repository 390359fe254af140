"""``Store``: one class workspace = one SQLite file ``<kelas>/sinovda.db``.

Every answer is saved at once under (nip, modul, field) as JSON text, in its own short
``BEGIN IMMEDIATE`` transaction; ``save`` returns only after COMMIT. Every saved value is kept
as a revision (history), so nothing a participant saved is ever lost.

Durability: the file is in WAL mode with ``synchronous=FULL``. WAL with NORMAL already keeps
every committed transaction when a process is killed (SIGKILL: the WAL pages are in the OS
cache), but not when the machine loses power; FULL fsyncs the WAL at every COMMIT, so an
acknowledged answer survives both. Saves come at human pace (one per edited field), so one
fsync per save costs nothing the participants notice.

Concurrency: one connection per process and thread (opened lazily, reopened after ``fork``),
``busy_timeout`` 30 s, writers take the write lock up front (``BEGIN IMMEDIATE``) so they queue
instead of failing with "database is locked", readers never block in WAL mode.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.domain.peserta import Peserta, alasan_nip_tidak_valid
from sinovda.paths import DB_NAME
from sinovda.store import schema

BUSY_TIMEOUT_MS = 30_000
NAMA_PRIBADI = "Belajar mandiri"
_KOLOM_PESERTA = ("nip", "nama", "jabatan", "opd", "instansi", "email")


@dataclass(frozen=True)
class Revisi:
    """One saved value of an answer: its revision id, the value and when it was saved (UTC ISO)."""

    id: int
    value: Any
    saved_at: str


def sekarang() -> str:
    """The current time as stored: UTC ISO 8601 with microseconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def ke_json(value: Any, kunci: str) -> str:
    """``value`` as JSON text; InputTidakValid naming ``kunci`` when it is not JSON-serialisable."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as e:
        raise InputTidakValid(
            f"jawaban '{kunci}' tidak dapat disimpan: nilainya harus berupa teks, angka, "
            f"benar/salah, daftar atau kamus (JSON) ({e})"
        ) from None


def _kunci_teks(nama: str, nilai: Any) -> str:
    if not isinstance(nilai, str) or not nilai.strip():
        raise InputTidakValid(f"{nama} harus berupa teks yang tidak kosong, bukan {nilai!r}")
    return nilai


def _wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL. The switch needs a moment alone with the file and SQLite does not
    wait for that (busy_timeout does not apply), so retry while other processes hold it."""
    batas = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > batas:
                raise
            time.sleep(0.01 + random.random() * 0.05)


class Store:
    """A class workspace (see ``docs/arsitektur.md`` for the API)."""

    def __init__(self, folder: Path) -> None:
        """Use ``Store.open`` or ``Store.create``; this only remembers where the file is."""
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        self._lokal = threading.local()

    # ----- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: str | os.PathLike[str], nama: str) -> Store:
        """Create a new class in ``folder``; refuse when a class already exists there."""
        nama = _kunci_teks("nama kelas", nama).strip()
        st = cls(Path(folder))
        st.folder.mkdir(parents=True, exist_ok=True)
        with st._tulis() as conn:
            ada = conn.execute("SELECT value FROM meta WHERE key = 'nama'").fetchone()
            if ada is not None:
                raise InputTidakValid(
                    f"di {st.folder} sudah ada kelas '{ada[0]}'; pilih folder lain "
                    "(kelas yang ada tidak diubah)"
                )
            conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [("nama", nama), ("dibuat", sekarang())],
            )
        return st

    @classmethod
    def open(cls, folder: str | os.PathLike[str], create: bool = False,
             nama: str = NAMA_PRIBADI) -> Store:
        """Open the class in ``folder``; ``create=True`` makes it (named ``nama``) if missing."""
        st = cls(Path(folder))
        if st.path.is_file() and st._nama_kelas() is not None:
            return st
        if create:
            try:
                return cls.create(folder, nama)
            except InputTidakValid:  # another process created it first
                return st
        raise InputTidakValid(
            f"belum ada kelas di {st.folder}; buat dulu dengan: "
            f"sinovda kelas buat {st.folder} --nama \"Nama Kelas\""
        )

    def _nama_kelas(self) -> str | None:
        row = self._conn().execute(
            "SELECT value FROM meta WHERE key = 'nama'"
        ).fetchone()
        return None if row is None else row[0]

    # ----- connections and transactions ----------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        """This process's and thread's connection (a forked child opens its own)."""
        conn = getattr(self._lokal, "conn", None)
        if conn is not None and self._lokal.pid == os.getpid():
            return conn
        conn = None
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            schema.migrasi(conn, str(self.path))
        except sqlite3.DatabaseError as e:
            if conn is not None:
                conn.close()
            apa = ("tidak dapat dibuka" if isinstance(e, sqlite3.OperationalError)
                   else "bukan basis data kelas sinovda yang dapat dibaca")
            raise BerkasTidakValid(f"{self.path}: {apa} ({e})") from None
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        self._lokal.conn, self._lokal.pid = conn, os.getpid()
        return conn

    @contextmanager
    def _tulis(self) -> Iterator[sqlite3.Connection]:
        """A short write transaction: BEGIN IMMEDIATE ... COMMIT (ROLLBACK on any error)."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close this thread's connection (it is reopened on next use)."""
        conn = getattr(self._lokal, "conn", None)
        if conn is not None and self._lokal.pid == os.getpid():
            conn.close()
        self._lokal.conn = None

    # ----- class and roster ----------------------------------------------------------------
    def kelas_info(self) -> dict[str, Any]:
        """``{"nama", "dibuat", "schema_version", "fasilitator"}`` of this class."""
        meta = dict(self._conn().execute("SELECT key, value FROM meta").fetchall())
        return {
            "nama": meta.get("nama", ""),
            "dibuat": meta.get("dibuat", ""),
            "schema_version": schema.versi(self._conn()),
            "fasilitator": json.loads(meta.get("fasilitator", "[]")),
        }

    def atur_fasilitator(self, nama: list[str]) -> None:
        """Record the class's facilitators (shown in the course evaluation), in the given order."""
        bersih = list(dict.fromkeys(_kunci_teks("nama fasilitator", n).strip() for n in nama))
        with self._tulis() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('fasilitator', ?)",
                (json.dumps(bersih, ensure_ascii=False),),
            )

    def upsert_peserta(self, rows: list[Peserta]) -> tuple[int, int]:
        """Add new NIPs and update known ones, in one transaction; return (added, updated)."""
        for p in rows:
            alasan = alasan_nip_tidak_valid(p.nip)
            if alasan:
                raise InputTidakValid(f"peserta '{p.nama}': NIP {p.nip!r} tidak sah: {alasan}")
            if not p.nama.strip():
                raise InputTidakValid(f"peserta dengan NIP {p.nip}: nama kosong")
        added = updated = 0
        with self._tulis() as conn:
            for p in rows:
                nilai = tuple(getattr(p, k) for k in _KOLOM_PESERTA)
                cur = conn.execute(
                    "UPDATE peserta SET nama=?, jabatan=?, opd=?, instansi=?, email=? WHERE nip=?",
                    (*nilai[1:], p.nip),
                )
                if cur.rowcount:
                    updated += 1
                else:
                    conn.execute("INSERT INTO peserta VALUES (?, ?, ?, ?, ?, ?)", nilai)
                    added += 1
        return added, updated

    def daftar_peserta(self) -> list[Peserta]:
        """Every participant, ordered by name then NIP."""
        rows = self._conn().execute(
            "SELECT nip, nama, jabatan, opd, instansi, email FROM peserta ORDER BY nama, nip"
        ).fetchall()
        return [Peserta(*r) for r in rows]

    def get_peserta(self, nip: str) -> Peserta | None:
        """The participant with this NIP, or None."""
        row = self._conn().execute(
            "SELECT nip, nama, jabatan, opd, instansi, email FROM peserta WHERE nip = ?", (nip,)
        ).fetchone()
        return None if row is None else Peserta(*row)

    @staticmethod
    def _pastikan_peserta(conn: sqlite3.Connection, nip: str) -> None:
        if conn.execute("SELECT 1 FROM peserta WHERE nip = ?", (nip,)).fetchone() is None:
            raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas ini")

    # ----- answers -------------------------------------------------------------------------
    @staticmethod
    def _tulis_revisi(conn: sqlite3.Connection, nip: str, modul: str, field: str,
                      teks: str, saved_at: str, jadikan_kini: bool = True) -> int:
        """Insert one revision; when ``jadikan_kini`` make it the current answer. Returns its id."""
        rid = conn.execute(
            "INSERT INTO revisi (nip, modul, field, value, saved_at) VALUES (?, ?, ?, ?, ?)",
            (nip, modul, field, teks, saved_at),
        ).lastrowid
        if jadikan_kini:
            Store._jadikan_kini(conn, nip, modul, field, teks, saved_at, rid)
        return rid

    @staticmethod
    def _jadikan_kini(conn: sqlite3.Connection, nip: str, modul: str, field: str,
                      teks: str, saved_at: str, rid: int) -> None:
        conn.execute(
            "INSERT INTO jawaban (nip, modul, field, value, saved_at, revisi_id) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (nip, modul, field) DO UPDATE SET "
            "value = excluded.value, saved_at = excluded.saved_at, revisi_id = excluded.revisi_id",
            (nip, modul, field, teks, saved_at, rid),
        )

    def save(self, nip: str, modul: str, field: str, value: Any) -> int:
        """Save one answer now (committed on return); the previous value stays in history."""
        _kunci_teks("modul", modul)
        _kunci_teks("field", field)
        teks = ke_json(value, f"{modul}.{field}")
        with self._tulis() as conn:
            self._pastikan_peserta(conn, nip)
            return self._tulis_revisi(conn, nip, modul, field, teks, sekarang())

    def load(self, nip: str, modul: str, field: str, default: Any = None) -> Any:
        """The current value of one answer, or ``default`` when never saved."""
        row = self._conn().execute(
            "SELECT value FROM jawaban WHERE nip = ? AND modul = ? AND field = ?",
            (nip, modul, field),
        ).fetchone()
        return default if row is None else json.loads(row[0])

    def load_modul(self, nip: str, modul: str) -> dict[str, Any]:
        """``{field: value}`` of one participant in one module."""
        rows = self._conn().execute(
            "SELECT field, value FROM jawaban WHERE nip = ? AND modul = ? ORDER BY field",
            (nip, modul),
        ).fetchall()
        return {f: json.loads(v) for f, v in rows}

    def load_all(self, nip: str) -> dict[str, dict[str, Any]]:
        """``{modul: {field: value}}`` of one participant."""
        out: dict[str, dict[str, Any]] = {}
        for m, f, v in self._conn().execute(
            "SELECT modul, field, value FROM jawaban WHERE nip = ? ORDER BY modul, field", (nip,)
        ):
            out.setdefault(m, {})[f] = json.loads(v)
        return out

    def load_all_peserta(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{nip: {modul: {field: value}}}`` for every participant (``{}`` if none), one query."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for nip, m, f, v in self._conn().execute(
            "SELECT p.nip, j.modul, j.field, j.value FROM peserta p "
            "LEFT JOIN jawaban j ON j.nip = p.nip ORDER BY p.nip, j.modul, j.field"
        ):
            moduls = out.setdefault(nip, {})
            if m is not None:
                moduls.setdefault(m, {})[f] = json.loads(v)
        return out

    def history(self, nip: str, modul: str, field: str) -> list[Revisi]:
        """Every saved value of one answer: the current one first, then newest to oldest."""
        rows = self._conn().execute(
            "SELECT r.id, r.value, r.saved_at FROM revisi r "
            "LEFT JOIN jawaban j ON j.nip = r.nip AND j.modul = r.modul AND j.field = r.field "
            "WHERE r.nip = ? AND r.modul = ? AND r.field = ? "
            "ORDER BY (r.id = j.revisi_id) DESC, r.saved_at DESC, r.id DESC",
            (nip, modul, field),
        ).fetchall()
        return [Revisi(i, json.loads(v), s) for i, v, s in rows]

    def restore(self, nip: str, modul: str, field: str, revisi_id: int) -> int:
        """Save the value of an earlier revision again as a new revision; return the new id."""
        with self._tulis() as conn:
            row = conn.execute(
                "SELECT value FROM revisi WHERE id = ? AND nip = ? AND modul = ? AND field = ?",
                (revisi_id, nip, modul, field),
            ).fetchone()
            if row is None:
                raise InputTidakValid(
                    f"revisi {revisi_id} tidak ada untuk jawaban '{modul}.{field}' "
                    f"peserta {nip}"
                )
            return self._tulis_revisi(conn, nip, modul, field, row[0], sekarang())

    def last_activity(self) -> dict[str, str]:
        """``{nip: saved_at}`` of each participant's most recent answer (only those who saved)."""
        return dict(self._conn().execute(
            "SELECT nip, MAX(saved_at) FROM jawaban GROUP BY nip"
        ).fetchall())

    # ----- workbooks -----------------------------------------------------------------------
    def export_workbook(self, nip: str) -> dict[str, Any]:
        """One participant's identity and current answers in the workbook JSON format."""
        from sinovda.store.workbook import ekspor

        return ekspor(self, nip)

    def import_workbook(self, data: Any, overwrite: bool = False) -> dict[str, int]:
        """Import a workbook dict (see ``sinovda.store.workbook.impor``); return the summary."""
        from sinovda.store.workbook import impor

        return impor(self, data, overwrite=overwrite)
