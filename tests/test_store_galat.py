"""SQLite and OS errors are said in Indonesian (by error name or errno), never in English."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from sinovda.domain.errors import GagalPenyimpanan
from sinovda.store import galat


def _galat_sqlite(sql_setup: str, sql: str) -> sqlite3.Error:
    conn = sqlite3.connect(":memory:")
    conn.executescript(sql_setup)
    try:
        conn.execute(sql)
    except sqlite3.Error as e:
        return e
    raise AssertionError("no error")


def test_a_full_database_is_disk_full():
    e = _galat_sqlite("CREATE TABLE t (x); PRAGMA max_page_count = 2;",
                      "INSERT INTO t VALUES (zeroblob(100000))")
    assert "full" in str(e)  # SQLite's own English text...
    pesan = str(galat.terjemahkan(e, "/kelas/sinovda.db"))
    assert pesan.startswith("Penyimpanan gagal di /kelas/sinovda.db: disk penuh")
    assert "full" not in pesan and "tetap aman" in pesan  # ...never reaches the user


def test_a_read_only_database(tmp_path: Path):
    path = tmp_path / "a.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as e:
        conn.execute("INSERT INTO t VALUES (1)")
    assert "hanya-baca" in galat.sebab(e.value)


@pytest.mark.parametrize("nomor,kata", [
    (errno.ENOSPC, "disk penuh"),
    (errno.EFBIG, "disk penuh"),
    (errno.EROFS, "hanya-baca"),
    (errno.EACCES, "izin ditolak"),
    (errno.EPERM, "izin ditolak"),
    (errno.EIO, "galat baca/tulis"),
])
def test_os_errors_by_errno(nomor: int, kata: str):
    e = OSError(nomor, "English text")
    pesan = galat.terjemahkan(e, "/x/buku.json")
    assert isinstance(pesan, GagalPenyimpanan)
    assert kata in str(pesan) and "English" not in str(pesan)


def test_a_not_a_database_file_is_named_as_such(tmp_path: Path):
    path = tmp_path / "bukan.db"
    path.write_bytes(b"ini bukan basis data " * 100)
    with pytest.raises(sqlite3.DatabaseError) as e:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master")
    assert galat.sebab(e.value) == galat.RUSAK


def test_transaksi_tulis_commits_or_rolls_back_and_speaks_indonesian(tmp_path):
    """The one SQLite write transaction of the store, its accounts and its admin tables: a
    block that raises leaves nothing behind; a SQLite error becomes GagalPenyimpanan naming the
    file, never sqlite3's English text."""
    transaksi_tulis = galat.transaksi_tulis
    db = tmp_path / "x.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE t (v TEXT)")
    with transaksi_tulis(conn, db):
        conn.execute("INSERT INTO t VALUES ('tersimpan')")
    with pytest.raises(ValueError):
        with transaksi_tulis(conn, db):
            conn.execute("INSERT INTO t VALUES ('batal')")
            raise ValueError("di tengah")
    assert [r[0] for r in conn.execute("SELECT v FROM t")] == ["tersimpan"]
    assert not conn.in_transaction
    with pytest.raises(GagalPenyimpanan) as e:
        with transaksi_tulis(conn, db):
            conn.execute("INSERT INTO tidak_ada VALUES (1)")
    assert "x.db" in str(e.value) and "no such table" not in str(e.value)
