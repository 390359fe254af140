"""The class database schema and its forward migrations (``PRAGMA user_version``).

Version 1: ``meta``, ``peserta`` and ``jawaban`` (current answers only).
Version 2: every saved value becomes a row of ``revisi`` (history); ``jawaban`` points at the
current revision. A version-1 file is migrated in place: its answers become the first revisions.
Version 3: each revision records who saved it (``revisi.oleh``) and the size in bytes of its JSON
text plus its key and a row cost (``ukuran``, also on ``jawaban``; ``store.ukuran_simpan``), so
the size limits are checked from covering indexes without reading the values. Revisions saved
before version 3 have ``oleh`` ''.
A migration runs in one ``BEGIN IMMEDIATE`` transaction, so two processes opening an old file at
the same time migrate it once.
"""

from __future__ import annotations

import sqlite3

from sinovda.domain.errors import BerkasTidakValid

VERSI = 3

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE peserta (
    nip      TEXT PRIMARY KEY,
    nama     TEXT NOT NULL,
    jabatan  TEXT NOT NULL DEFAULT '',
    opd      TEXT NOT NULL DEFAULT '',
    instansi TEXT NOT NULL DEFAULT '',
    email    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE jawaban (
    nip      TEXT NOT NULL REFERENCES peserta(nip),
    modul    TEXT NOT NULL,
    field    TEXT NOT NULL,
    value    TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (nip, modul, field)
);
"""

_V2 = """
CREATE TABLE revisi (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    nip      TEXT NOT NULL,
    modul    TEXT NOT NULL,
    field    TEXT NOT NULL,
    value    TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX revisi_kunci ON revisi (nip, modul, field);
INSERT INTO revisi (nip, modul, field, value, saved_at)
    SELECT nip, modul, field, value, saved_at FROM jawaban ORDER BY saved_at;
ALTER TABLE jawaban ADD COLUMN revisi_id INTEGER NOT NULL DEFAULT 0;
UPDATE jawaban SET revisi_id = (
    SELECT MAX(r.id) FROM revisi r
    WHERE r.nip = jawaban.nip AND r.modul = jawaban.modul AND r.field = jawaban.field
);
CREATE INDEX jawaban_saved_at ON jawaban (nip, saved_at);
"""

_V3 = """
ALTER TABLE revisi ADD COLUMN oleh TEXT NOT NULL DEFAULT '';
ALTER TABLE revisi ADD COLUMN ukuran INTEGER NOT NULL DEFAULT 0;
UPDATE revisi SET ukuran = length(CAST(value AS BLOB)) + length(CAST(modul AS BLOB))
    + length(CAST(field AS BLOB)) + 64;
ALTER TABLE jawaban ADD COLUMN ukuran INTEGER NOT NULL DEFAULT 0;
UPDATE jawaban SET ukuran = length(CAST(value AS BLOB)) + length(CAST(modul AS BLOB))
    + length(CAST(field AS BLOB)) + 64;
CREATE INDEX revisi_ukuran ON revisi (nip, ukuran);
CREATE INDEX jawaban_ukuran ON jawaban (nip, ukuran);
"""

# MIGRASI[n] takes a file from version n-1 to version n.
MIGRASI: dict[int, str] = {1: _V1, 2: _V2, 3: _V3}


def versi(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for an empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _jalankan(conn: sqlite3.Connection, sql: str) -> None:
    # executescript() would COMMIT first; run statement by statement inside our transaction.
    for stmt in sql.split(";"):
        if stmt.strip():
            conn.execute(stmt)


def migrasi(conn: sqlite3.Connection, lokasi: str) -> int:
    """Bring the file up to ``VERSI``; return the version it had. ``conn`` is in autocommit mode."""
    if versi(conn) == VERSI:
        return VERSI
    conn.execute("BEGIN IMMEDIATE")
    try:
        lama = versi(conn)  # re-read under the write lock: another process may have migrated
        if lama > VERSI:
            raise BerkasTidakValid(
                f"{lokasi}: basis data kelas berversi {lama}, dibuat oleh sinovda yang lebih baru "
                f"(versi ini hanya mengenal sampai {VERSI}); perbarui sinovda"
            )
        for n in range(lama + 1, VERSI + 1):
            _jalankan(conn, MIGRASI[n])
            conn.execute(f"PRAGMA user_version = {n}")
        if lama < VERSI:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(VERSI),),
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back itself (e.g. disk full)
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise
    return lama
