"""Finished class files kept in the class's store: reports, certificates and the recap.

A PostgreSQL class has no folder: the store service may run as several replicas on several
machines, or be restarted on a fresh pod, so a report written to one replica's disk would be
missing on the other. Its finished files therefore live in the class's schema, in the table
``berkas_kelas`` (created with the admin tables at ``sinovda kelas buat``, and later only when
missing, like them: a data-only database role suffices), one row per (NIP, kind):

- ``nip``: the participant's NIP, or ``*`` (``KELAS``) for a class-level file (the recap);
- ``jenis``: the file's name (``laporan.pdf``, ``sertifikat.pdf``, ``rekap.xlsx``);
- ``isi``: the bytes (``BYTEA``; a report PDF is ~100 KB), ``ukuran`` their length;
- ``sidik``: the fingerprint of the inputs it was made from (so an unchanged report is not
  rebuilt), ``dibuat``: when it was stored (UTC).

Each ``simpan`` is one write transaction (the class's write lock, as every admin action) that
replaces the previous version of those files: a reader sees the old set or the new one, never
half. A SQLite class folder keeps its files in ``<kelas>/laporan`` as before
(``sinovda.report.arsip``); the table works on a class file too (same SQL text), which the tests
use to check both backends behave alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sinovda.domain.errors import InputTidakValid
from sinovda.store.admin import sesi_kelas

KELAS = "*"
"""The ``nip`` of a class-level file (the recap)."""

UKURAN_MAKS = 64 * 1024 * 1024
"""The largest file kept (bytes): far above a report (~100 KB) or a class's recap."""

_DDL = """
CREATE TABLE IF NOT EXISTS berkas_kelas (
    nip TEXT NOT NULL, jenis TEXT NOT NULL, isi BLOB NOT NULL, sidik TEXT NOT NULL,
    ukuran INTEGER NOT NULL, dibuat TEXT NOT NULL, PRIMARY KEY (nip, jenis));
"""
"""The table (SQLite text; ``pg.dialek_ddl`` makes the PostgreSQL one: ``BYTEA``)."""


@dataclass(frozen=True)
class InfoBerkas:
    """One stored file without its bytes."""

    nip: str
    jenis: str
    sidik: str
    ukuran: int
    dibuat: str


def _sekarang() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class BerkasKelas:
    """The finished files of one class: ``BerkasKelas(lokasi)`` with a PostgreSQL class locator
    or key (``$SINOVDA_DB``), an open store, or a SQLite class folder (see
    ``store.admin.sesi_kelas``)."""

    def __init__(self, lokasi: Any) -> None:
        self._sesi = sesi_kelas(lokasi, _DDL)

    def simpan(self, nip: str, berkas: dict[str, bytes], sidik: str) -> None:
        """Store ``berkas`` (``{jenis: bytes}``) of ``nip`` with the fingerprint ``sidik``, in one
        transaction, replacing the previous version of each."""
        nip = str(nip).strip()
        if not nip or not berkas:
            raise InputTidakValid("berkas kelas butuh NIP (atau '*') dan paling sedikit satu isi")
        for jenis, isi in berkas.items():
            if not isinstance(isi, bytes | bytearray | memoryview):
                raise InputTidakValid(f"isi berkas {jenis} harus bytes")
            if len(isi) > UKURAN_MAKS:
                raise InputTidakValid(f"berkas {jenis} untuk {nip} terlalu besar "
                                      f"({len(isi) // 1024} KB; maks {UKURAN_MAKS // 1024} KB)")
        waktu = _sekarang()
        with self._sesi.sesi(True) as conn:
            for jenis, isi in berkas.items():
                conn.execute(
                    "INSERT INTO berkas_kelas (nip, jenis, isi, sidik, ukuran, dibuat) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (nip, jenis) DO UPDATE SET "
                    "isi = excluded.isi, sidik = excluded.sidik, ukuran = excluded.ukuran, "
                    "dibuat = excluded.dibuat",
                    (nip, str(jenis), bytes(isi), str(sidik), len(isi), waktu))

    def baca(self, nip: str, jenis: str) -> bytes | None:
        """The bytes of ``jenis`` of ``nip``, or None."""
        with self._sesi.sesi(False) as conn:
            row = conn.execute("SELECT isi FROM berkas_kelas WHERE nip = ? AND jenis = ?",
                               (str(nip), str(jenis))).fetchone()
        return None if row is None else bytes(row[0])

    def sidik(self, jenis: str, nips: Iterable[str] | None = None) -> dict[str, str]:
        """``{nip: fingerprint}`` of every stored ``jenis`` (of ``nips`` only, when given)."""
        with self._sesi.sesi(False) as conn:
            rows = conn.execute("SELECT nip, sidik FROM berkas_kelas WHERE jenis = ?",
                                (str(jenis),)).fetchall()
        semua = {str(n): str(s) for n, s in rows}
        if nips is None:
            return semua
        pilih = set(nips)
        return {n: s for n, s in semua.items() if n in pilih}

    def daftar(self, jenis: str | None = None) -> list[InfoBerkas]:
        """Every stored file (of ``jenis``), without bytes, by NIP and kind."""
        sql = "SELECT nip, jenis, sidik, ukuran, dibuat FROM berkas_kelas"
        p: tuple[Any, ...] = ()
        if jenis is not None:
            sql, p = sql + " WHERE jenis = ?", (str(jenis),)
        with self._sesi.sesi(False) as conn:
            rows = conn.execute(sql + " ORDER BY nip, jenis", p).fetchall()
        return [InfoBerkas(str(a), str(b), str(c), int(d), str(e)) for a, b, c, d, e in rows]

    def semua(self, jenis: str) -> list[tuple[str, bytes]]:
        """``[(nip, bytes)]`` of every stored ``jenis`` (e.g. every certificate), by NIP."""
        with self._sesi.sesi(False) as conn:
            rows = conn.execute("SELECT nip, isi FROM berkas_kelas WHERE jenis = ? ORDER BY nip",
                                (str(jenis),)).fetchall()
        return [(str(n), bytes(b)) for n, b in rows]

    def hapus(self, nip: str, jenis: str | None = None) -> int:
        """Remove ``nip``'s files (of ``jenis`` only, when given); return how many."""
        with self._sesi.sesi(True) as conn:
            if jenis is None:
                return int(conn.execute("DELETE FROM berkas_kelas WHERE nip = ?",
                                        (str(nip),)).rowcount)
            return int(conn.execute("DELETE FROM berkas_kelas WHERE nip = ? AND jenis = ?",
                                    (str(nip), str(jenis))).rowcount)


@contextmanager
def satu_pembuatan(lokasi: Any) -> Iterator[bool]:
    """Whether this process may build the class's files now (one run per class at a time).

    A PostgreSQL class: True while this process holds the class's build lock (a session
    advisory lock on a connection of its own, released when the block ends or the process dies),
    False when another process (another store-service replica) is building; so two replicas
    never build one class at once. A class folder is served by one process: always True (the
    caller keeps its own in-memory guard)."""
    from sinovda.store import pg

    if not pg.dipilih(lokasi):
        yield True
        return
    psycopg = pg._psycopg()
    url, kunci = pg.urai(lokasi)
    try:
        conn = pg._sambung(url)
        dapat = bool(conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))",
                                  (f"sinovda_berkas:{pg.skema_kelas(kunci)}",)).fetchone()[0])
    except psycopg.Error as e:
        raise pg.terjemahkan(e, pg.lokasi_kelas(pg._tanpa_sandi(url), kunci)) from None
    try:
        yield dapat
    finally:
        conn.close()  # ends the session: the lock goes with it
