"""``StorePG``: the class store on a PostgreSQL server (``SINOVDA_DB=postgresql://...``).

Same API, policy and guarantees as the SQLite ``Store`` (it *is* a ``Store``: every rule -
access policy, size limits, compare-and-set, who-saved, history pruning - is the same code); only
the connection, the transaction and the schema differ:

- **A class is a key, not a folder.** Many classes live in one database: the registry table
  ``public.sinovda_kelas`` maps each class key (e.g. ``angkatan-1``) to its own PostgreSQL schema
  (``kelas_angkatan_1``) holding the same tables as a class file (``meta``, ``peserta``,
  ``jawaban``, ``revisi``). The store's SQL therefore stays one text for both backends; this
  module only adapts the dialect (``?`` parameters, ``INSERT OR REPLACE`` on ``meta``,
  ``RETURNING id`` for a new revision, the ``kunci_modul`` table lookup).
- **Writers queue like SQLite's ``BEGIN IMMEDIATE``:** a write transaction first takes a
  transaction-scoped advisory lock of its class (``pg_advisory_xact_lock``), so the current
  revision read inside it cannot change before COMMIT: compare-and-set holds across processes
  and across store-service replicas on other machines. Reads run in autocommit (each statement
  sees committed data). A killed process's open transaction is rolled back by the server.
- **Errors** (``psycopg.Error``) become ``GagalPenyimpanan`` in Indonesian (server unreachable,
  disk full, permission, ...), saying earlier answers are safe.

Locator: ``postgresql://user@host:port/db?kelas=KEY`` (``kelas`` is removed before connecting),
or ``SINOVDA_DB=postgresql://...`` plus the class key where a folder would go (the last path
part: ``sinovda kelas buat angkatan-1``). psycopg is the ``[pg]`` extra; it is imported only when a
PostgreSQL locator is used.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sinovda.domain.akses import Batas
from sinovda.domain.errors import GagalPenyimpanan, InputTidakValid, SinovdaError
from sinovda.store import store as _st
from sinovda.store.kodek import sekarang

ENV_DB = "SINOVDA_DB"
VERSI = 3
"""The class schema version created here (the same tables as ``schema.VERSI`` of a file)."""
_POLA_URL = re.compile(r"^(postgres(?:ql)?):/+", re.IGNORECASE)
_POLA_KUNCI = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}\Z")  # \Z: "$" lets a final newline in

_REGISTRI = """
CREATE TABLE IF NOT EXISTS public.sinovda_kelas (
    kunci  TEXT PRIMARY KEY,
    skema  TEXT NOT NULL UNIQUE,
    nama   TEXT NOT NULL,
    dibuat TEXT NOT NULL
)
"""

_DDL = """
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
CREATE TABLE revisi (
    id       BIGSERIAL PRIMARY KEY,
    nip      TEXT NOT NULL,
    modul    TEXT NOT NULL,
    field    TEXT NOT NULL,
    value    TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    oleh     TEXT NOT NULL DEFAULT '',
    ukuran   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX revisi_kunci ON revisi (nip, modul, field);
CREATE INDEX revisi_ukuran ON revisi (nip, ukuran);
CREATE TABLE jawaban (
    nip       TEXT NOT NULL REFERENCES peserta(nip),
    modul     TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    revisi_id BIGINT NOT NULL DEFAULT 0,
    ukuran    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (nip, modul, field)
);
CREATE INDEX jawaban_saved_at ON jawaban (nip, saved_at);
CREATE INDEX jawaban_ukuran ON jawaban (nip, ukuran);
"""
_DDL = _DDL.replace(" TEXT ", ' TEXT COLLATE "C" ')
"""Text columns compare and sort by code point (``COLLATE "C"``), as SQLite's BINARY does,
whatever the database's locale: the roster, the recap's rows and the history come out in the
same order on both backends."""

# ----- errors ------------------------------------------------------------------------------
_SQLSTATE: tuple[tuple[str, str], ...] = (
    ("53100", "disk server basis data penuh: minta admin server mengosongkan ruang disk, lalu "
              "coba lagi"),
    ("53", "server basis data kehabisan sumber daya (memori atau koneksi); coba lagi sebentar "
           "lagi"),
    ("42501", "izin ditolak: akun basis data ini tidak boleh membaca atau menulis data kelas"),
    ("28", "login ke server basis data ditolak (nama pengguna atau kata sandi salah)"),
    ("3D000", "basis data di server PostgreSQL tidak ada; periksa nama basis data di alamatnya"),
    ("25006", "basis data hanya-baca (server cadangan/replika): penyimpanan tidak diizinkan"),
    ("40", "transaksi bertabrakan dengan proses lain; coba lagi"),
    ("57P", "server basis data sedang dimatikan atau dimulai ulang; coba lagi sebentar lagi"),
    ("08", "server basis data PostgreSQL tidak dapat dihubungi (periksa server dan port di "
           "alamatnya, dan apakah servernya berjalan)"),
)


def sebab(e: BaseException) -> str:
    """The Indonesian reason for a psycopg error."""
    kode = getattr(e, "sqlstate", None) or ""
    for awalan, pesan in _SQLSTATE:
        if kode.startswith(awalan):
            return pesan
    try:
        import psycopg
    except ImportError:  # pragma: no cover - only called with psycopg errors
        return "galat basis data"
    if isinstance(e, psycopg.OperationalError):
        return _sebab_sambung(str(e))
    return "galat basis data"


_SAMBUNG: tuple[tuple[tuple[str, ...], str], ...] = (
    (("authentication failed", "no password supplied", "pg_hba.conf", "role \"",
      "password"), "28"),
    (("database \"",), "3D000"),
)
"""A failed connection carries no SQLSTATE (libpq reports the server's refusal as text):
fragments of libpq's/the server's message -> the SQLSTATE whose reason fits."""


def _sebab_sambung(teks: str) -> str:
    """The reason a connection failed: wrong login, no such database, a malformed address
    option, else unreachable (the message of SQLSTATE class 08)."""
    kecil = teks.lower()
    for pola, kode in _SAMBUNG:
        if any(p in kecil for p in pola):
            return dict(_SQLSTATE)[kode]
    if "invalid" in kecil and ("value" in kecil or "option" in kecil):
        return ("alamat basis data tidak sah (ada pilihan yang salah tulis, mis. port bukan "
                "angka); periksa alamatnya")
    return _SQLSTATE[-1][1]


def terjemahkan(e: BaseException, lokasi: str) -> GagalPenyimpanan:
    """``GagalPenyimpanan`` for a psycopg error at ``lokasi``; say nothing was lost."""
    return GagalPenyimpanan(
        f"Penyimpanan gagal di {lokasi}: {sebab(e)}. Jawaban yang sudah tersimpan sebelumnya "
        "tetap aman; perubahan ini belum tersimpan."
    )


# ----- locators ----------------------------------------------------------------------------
def adalah_url(lokasi: Any) -> bool:
    """Whether ``lokasi`` (a str or a Path made from one) is a PostgreSQL locator."""
    return bool(_POLA_URL.match(str(lokasi)))


def _url_db() -> str | None:
    """``$SINOVDA_DB`` (None when unset or empty). Set to anything but a PostgreSQL URL (a
    typo such as ``postgres//`` or ``postgresq://``) it is refused rather than ignored: ignored,
    ``kelas buat KEY`` would quietly make a SQLite folder where the trainer meant the database.
    The value is not echoed (it may hold a password)."""
    url = os.environ.get(ENV_DB, "").strip()
    if url and not adalah_url(url):
        raise InputTidakValid(
            f"{ENV_DB} diatur tetapi bukan alamat PostgreSQL: harus diawali postgresql:// "
            "(mis. postgresql://pengguna@server:5432/nama_db); untuk kelas berbasis folder "
            f"kosongkan {ENV_DB}"
        )
    if url:
        tanpa_kelas(url, ENV_DB)
    return url or None


def tanpa_kelas(url: str, nama: str) -> str:
    """``url`` when it names a database only; InputTidakValid when it carries ``?kelas=``
    (a class locator where a database address is meant: libpq then refused it as a bare
    'galat basis data', or it met a second ``kelas=`` from ``--kelas``)."""
    try:
        query = urlsplit(_POLA_URL.sub("postgresql://", url, count=1)).query
    except ValueError:
        return url  # malformed: the connection says so, in its own words
    kunci = next((v for k, v in parse_qsl(query, keep_blank_values=True) if k == "kelas"), None)
    if kunci is not None:
        raise InputTidakValid(
            f"{nama}: alamat basis data tidak boleh memuat ?kelas= (di sini kelas '{kunci[:40]}'); "
            f"tulis alamat basis data saja dan sebut kelasnya dengan --kelas {kunci[:40]}"
        )
    return url


def _folder_sqlite(lokasi: Any) -> bool:
    """Whether ``lokasi`` (not a URL) names an existing SQLite class folder on this machine."""
    if adalah_url(lokasi):
        return False
    try:
        return (Path(str(lokasi)).expanduser() / "sinovda.db").is_file()
    except OSError:
        return False


def dipilih(lokasi: Any) -> bool:
    """Whether ``Store.open``/``create`` of ``lokasi`` goes to PostgreSQL: a PostgreSQL URL, or
    any class key/folder while ``$SINOVDA_DB`` names a PostgreSQL database."""
    return adalah_url(lokasi) or _url_db() is not None


def urai(lokasi: Any) -> tuple[str, str]:
    """(connection URL without ``kelas``, class key) of a locator; InputTidakValid if no key."""
    teks = str(lokasi)
    if adalah_url(teks):
        teks = _POLA_URL.sub(lambda m: m.group(1) + "://", teks, count=1)
        bagian = urlsplit(teks)
        query = parse_qsl(bagian.query, keep_blank_values=True)
        kunci = next((v for k, v in query if k == "kelas"), "")
        sisa = urlencode([(k, v) for k, v in query if k != "kelas"])
        url = urlunsplit((bagian.scheme, bagian.netloc, bagian.path, sisa, ""))
    else:
        url = _url_db() or ""
        kunci = Path(teks).name
    if not kunci:
        raise InputTidakValid(
            "alamat PostgreSQL tanpa kunci kelas: tambahkan ?kelas=KUNCI (mis. "
            "postgresql://host/sinovda?kelas=angkatan-1)"
        )
    return url, periksa_kunci(kunci)


def kunci_sah(kunci: str) -> bool:
    """Whether ``kunci`` is a valid class key (see ``periksa_kunci``)."""
    return bool(_POLA_KUNCI.match(kunci))


def periksa_kunci(kunci: str) -> str:
    """A class key: 1-40 lowercase letters, digits, '-' or '_' (InputTidakValid otherwise)."""
    if not _POLA_KUNCI.match(kunci):
        raise InputTidakValid(
            f"kunci kelas {kunci!r} tidak sah: pakai 1-40 huruf kecil, angka, '-' atau '_' "
            "(diawali huruf atau angka), mis. angkatan-1"
        )
    return kunci


def skema_kelas(kunci: str) -> str:
    """The PostgreSQL schema of a class key (``angkatan-1`` -> ``kelas_angkatan_1``)."""
    return "kelas_" + periksa_kunci(kunci).replace("-", "_")


def lokasi_kelas(url: str, kunci: str) -> str:
    """The locator of class ``kunci`` in database ``url`` (for ``Store.open``)."""
    bagian = urlsplit(url)
    query = parse_qsl(bagian.query, keep_blank_values=True) + [("kelas", kunci)]
    return urlunsplit((bagian.scheme, bagian.netloc, bagian.path, urlencode(query), ""))


def _registri(conn: Any) -> None:
    """Make the class registry if the database has none yet (a data-only role, without CREATE
    on ``public``, then still opens classes someone else created)."""
    if conn.execute("SELECT to_regclass('public.sinovda_kelas')").fetchone()[0] is None:
        conn.execute(_REGISTRI)


def _psycopg() -> Any:
    """The psycopg module; without the ``[pg]`` extra a user error saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise SinovdaError(
            'basis data PostgreSQL memerlukan paket tambahan: pip install "sinovda[pg]"'
        ) from None
    return psycopg


def _sambung(url: str) -> Any:
    return _psycopg().connect(url, autocommit=True, connect_timeout=10)


def daftar_kelas(url: str) -> list[tuple[str, str]]:
    """``[(key, name)]`` of every class in the database ``url``, by key."""
    psycopg = _psycopg()

    try:
        with _sambung(url) as conn:
            _registri(conn)
            return [(str(k), str(n)) for k, n in conn.execute(
                "SELECT kunci, nama FROM public.sinovda_kelas ORDER BY kunci COLLATE \"C\"")]
    except psycopg.Error as e:
        raise terjemahkan(e, _tanpa_sandi(url)) from None


def _tanpa_sandi(url: str) -> str:
    """``url`` with any password masked (it goes into messages)."""
    bagian = urlsplit(url)
    if bagian.password:
        netloc = bagian.netloc.replace(f":{bagian.password}@", ":***@")
        return urlunsplit((bagian.scheme, netloc, bagian.path, bagian.query, ""))
    return url


# ----- the SQL dialect -----------------------------------------------------------------------
_GANTI_META = re.compile(r"INSERT OR REPLACE INTO meta \(key, value\) VALUES \(([^)]*)\)")
_SQLITE_MASTER = re.compile(
    r"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '(\w+)'")
_DDL_SQLITE = (
    ("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"),
    ("BLOB", "BYTEA"),
    (" REAL", " DOUBLE PRECISION"),
    (" TEXT ", ' TEXT COLLATE "C" '),  # SQLite's BINARY order (see ``_DDL``)
)


def dialek(sql: str) -> str:
    """The store's SQLite SQL as PostgreSQL SQL (only the constructs the store uses)."""
    sql = _GANTI_META.sub(
        r"INSERT INTO meta (key, value) VALUES (\1) ON CONFLICT (key) DO UPDATE SET "
        r"value = excluded.value", sql)
    sql = _SQLITE_MASTER.sub(  # to_regclass: a catalogue lookup, no information_schema view
        r"SELECT 1 WHERE to_regclass(quote_ident(current_schema()) || '.\1') IS NOT NULL", sql)
    if sql.lstrip().upper().startswith("INSERT INTO REVISI"):
        sql += " RETURNING id"
    return sql.replace("%", "%%").replace("?", "%s")


def dialek_ddl(ddl: str) -> list[str]:
    """SQLite ``CREATE TABLE`` statements (one script) as PostgreSQL statements: the column
    types SQLite and PostgreSQL spell differently (``AUTOINCREMENT`` key, ``BLOB``, ``REAL``)."""
    for lama, baru in _DDL_SQLITE:
        ddl = ddl.replace(lama, baru)
    return [s.strip() for s in ddl.split(";") if s.strip()]


class _Kursor:
    """What the store reads from ``execute``: rows, ``rowcount`` and ``lastrowid``."""

    def __init__(self, cur: Any, returning: bool) -> None:
        self._cur = cur
        self.rowcount = cur.rowcount
        self.lastrowid: int | None = None
        self._rows: list[Any] | None = None
        if returning:
            self.lastrowid = int(cur.fetchone()[0])
            self._rows = []

    def fetchone(self) -> Any:
        if self._rows is not None:
            return self._rows.pop(0) if self._rows else None
        return self._cur.fetchone() if self._cur.description else None

    def fetchall(self) -> list[Any]:
        if self._rows is not None:
            rows, self._rows = self._rows, []
            return rows
        return self._cur.fetchall() if self._cur.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class KoneksiPG:
    """A psycopg connection speaking the sqlite3 calls the store makes (``execute``,
    ``executemany``) in the class's schema."""

    def __init__(self, conn: Any) -> None:
        self.raw = conn

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> _Kursor:
        teks = dialek(sql)
        cur = self.raw.execute(teks, tuple(params) if params else None)
        return _Kursor(cur, teks.endswith(" RETURNING id"))

    def executemany(self, sql: str, rows: Any) -> None:
        for r in rows:
            self.execute(sql, r)

    def close(self) -> None:
        self.raw.close()


class StorePG(_st.Store):
    """A class in a PostgreSQL database (see the module docstring)."""

    def __init__(self, lokasi: Any, batas: Batas | None = None) -> None:
        _psycopg()  # every PostgreSQL path starts here: without the extra, say how to add it
        self.url, self.kunci = urai(lokasi)
        self.skema = skema_kelas(self.kunci)
        # not a folder: the locator, which ``Store.open(st.folder)`` opens again
        self.folder = Path(lokasi_kelas(self.url, self.kunci))
        self.path = self.folder
        self._lokal = threading.local()
        self._batas = batas

    @property
    def lokasi(self) -> str:
        """The locator of this class (password masked), for messages."""
        return lokasi_kelas(_tanpa_sandi(self.url), self.kunci)

    def __repr__(self) -> str:
        return f"StorePG({self.lokasi!r})"

    # ----- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: Any, nama: str) -> StorePG:  # type: ignore[override]
        """Create class ``folder`` (a locator or key) in the database; refuse an existing key."""
        psycopg = _psycopg()

        nama = _st._kunci_teks("nama kelas", nama).strip()
        st = cls(folder)
        try:
            with _sambung(st.url) as conn:
                _registri(conn)
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(hashtext('sinovda_kelas'))")
                    ada = conn.execute(
                        "SELECT nama, kunci FROM public.sinovda_kelas WHERE kunci = %s "
                        "OR skema = %s ORDER BY kunci = %s DESC",
                        (st.kunci, st.skema, st.kunci)).fetchone()
                    if ada is not None and ada[1] == st.kunci:
                        raise InputTidakValid(
                            f"di basis data sudah ada kelas '{ada[0]}' dengan kunci {st.kunci}; "
                            "pilih kunci lain (kelas yang ada tidak diubah)"
                        )
                    if ada is not None:  # 'angkatan_1' and 'angkatan-1': one schema name
                        raise InputTidakValid(
                            f"kunci {st.kunci} terlalu mirip kunci kelas yang sudah ada, "
                            f"{ada[1]} ('{ada[0]}'): '-' dan '_' dianggap sama; pilih kunci lain "
                            "(kelas yang ada tidak diubah)"
                        )
                    conn.execute(f'CREATE SCHEMA "{st.skema}"')
                    conn.execute(f'SET LOCAL search_path TO "{st.skema}"')
                    for stmt in _DDL.split(";"):
                        if stmt.strip():
                            conn.execute(stmt)
                    for k, v in (("nama", nama), ("dibuat", sekarang()),
                                 ("schema_version", str(VERSI))):
                        conn.execute("INSERT INTO meta (key, value) VALUES (%s, %s)", (k, v))
                    from sinovda.store.admin import _DDL as DDL_ADMIN
                    from sinovda.store.berkas import _DDL as DDL_BERKAS

                    # the class admin tables and its finished files, by the creator
                    for stmt in dialek_ddl(DDL_ADMIN + DDL_BERKAS):
                        conn.execute(stmt)
                    conn.execute("INSERT INTO public.sinovda_kelas VALUES (%s, %s, %s, %s)",
                                 (st.kunci, st.skema, nama, sekarang()))
            from sinovda.store.akun import siapkan_tabel

            siapkan_tabel(st.url)  # the database's account tables too, while we are the owner
        except psycopg.Error as e:
            raise terjemahkan(e, st.lokasi) from None
        return st

    @classmethod
    def open(cls, folder: Any, create: bool = False,  # type: ignore[override]
             nama: str = _st.NAMA_PRIBADI) -> StorePG:
        """Open class ``folder`` (a locator or key); ``create=True`` makes it if missing."""
        st = cls(folder)
        if st._nama_kelas() is not None:
            return st
        pesan = (f"belum ada kelas {st.kunci} di basis data; buat dulu dengan: "
                 f"sinovda kelas buat {st.kunci} --nama \"Nama Kelas\" (dengan SINOVDA_DB diatur)")
        if _folder_sqlite(folder):
            pesan = (f"{folder} adalah folder kelas (SQLite), tetapi {ENV_DB} diatur: kelas "
                     f"dibaca sebagai kunci '{st.kunci}' di basis data PostgreSQL, dan kelas itu "
                     f"tidak ada di sana. Untuk kelas berbasis folder kosongkan {ENV_DB} (mis. "
                     f"env -u {ENV_DB} sinovda ...); untuk kelas di basis data sebut kuncinya")
        return cls._buat_bila_tiada(st, folder, create, nama, pesan)

    def _nama_kelas(self) -> str | None:
        import psycopg

        try:
            with _sambung(self.url) as conn:
                _registri(conn)
                row = conn.execute("SELECT nama FROM public.sinovda_kelas WHERE kunci = %s",
                                   (self.kunci,)).fetchone()
        except psycopg.Error as e:
            raise terjemahkan(e, self.lokasi) from None
        return None if row is None else str(row[0])

    # ----- connections and transactions ----------------------------------------------------
    def _conn(self) -> KoneksiPG:  # type: ignore[override]
        """This process's and thread's connection, in the class schema (reopened after fork or
        when the server dropped it)."""
        import psycopg

        conn = getattr(self._lokal, "conn", None)
        if conn is not None and self._lokal.pid == os.getpid() and not conn.raw.closed:
            return conn
        try:
            raw = _sambung(self.url)
            raw.execute(f'SET search_path TO "{self.skema}"')
        except psycopg.Error as e:
            raise terjemahkan(e, self.lokasi) from None
        conn = KoneksiPG(raw)
        self._lokal.conn, self._lokal.pid = conn, os.getpid()
        return conn

    def _baca(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        import psycopg

        try:
            return self._conn().execute(sql, params).fetchall()
        except psycopg.Error as e:
            raise terjemahkan(e, self.lokasi) from None

    @contextmanager
    def _tulis(self) -> Iterator[KoneksiPG]:  # type: ignore[override]
        """A write transaction holding the class's advisory lock (writers queue, as with
        SQLite's BEGIN IMMEDIATE); on any error ROLLBACK; psycopg errors -> GagalPenyimpanan."""
        import psycopg

        conn = self._conn()
        try:
            conn.raw.execute("BEGIN")
            try:
                conn.raw.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.skema,))
                yield conn
                conn.raw.execute("COMMIT")
            except BaseException:
                if not conn.raw.closed:
                    try:
                        conn.raw.execute("ROLLBACK")
                    except psycopg.Error:
                        pass
                raise
        except psycopg.Error as e:
            raise terjemahkan(e, self.lokasi) from None

    def close(self) -> None:
        conn = getattr(self._lokal, "conn", None)
        if conn is not None and self._lokal.pid == os.getpid():
            conn.close()
        self._lokal.conn = None

    def kelas_info(self) -> dict[str, Any]:
        meta = dict(self._baca("SELECT key, value FROM meta"))
        return {
            "nama": meta.get("nama", ""),
            "dibuat": meta.get("dibuat", ""),
            "schema_version": int(meta.get("schema_version", VERSI)),
            "fasilitator": json.loads(meta.get("fasilitator", "[]")),
        }


# ----- per-process caches of the DDL run and the classes seen (``SesiPG``) -------------------
_DDL_SIAP: set[tuple[str, str, str]] = set()
"""(url, schema, DDL) already ensured by this process (the missing tables are created under
the class lock: CREATE TABLE IF NOT EXISTS races in PostgreSQL when two replicas start
together)."""
_KELAS_ADA: set[tuple[str, str]] = set()


# ----- tables kept beside the store's (``sinovda.store.admin.DataAdmin``) ---------------------
_TABEL_BARU = re.compile(r"^CREATE TABLE IF NOT EXISTS (\w+)", re.IGNORECASE)


def _tabel_kurang(conn: KoneksiPG, perintah: list[str]) -> list[str]:
    """The ``CREATE TABLE IF NOT EXISTS`` statements whose table is not in the class schema."""
    kurang = []
    for stmt in perintah:
        m = _TABEL_BARU.match(stmt)
        if m is None or conn.raw.execute(
                "SELECT to_regclass(quote_ident(current_schema()) || '.' || %s)",
                (m[1],)).fetchone()[0] is None:
            kurang.append(stmt)
    return kurang


class SesiPG:
    """Sessions on a PostgreSQL class for tables other code keeps in the class schema beside the
    store's (the admin tables): the same sqlite3-shaped connection and transactions as
    ``StorePG`` (a write holds the class's advisory lock, like the store's writers, so it is
    ordered with every save), the tables' DDL (SQLite text, ``dialek_ddl``) ensured once per
    process under that lock, psycopg errors -> ``GagalPenyimpanan``.

    Given a locator, each session opens its own connection and closes it after (as the SQLite
    side opens the file per action); given an open ``StorePG``, it uses that store's connection
    of this thread (the store service's per-thread store)."""

    def __init__(self, lokasi: Any, ddl: str) -> None:
        if isinstance(lokasi, StorePG):
            self.st, self._milik = lokasi, False
        else:
            self.st, self._milik = StorePG(lokasi), True
            if (self.st.url, self.st.kunci) not in _KELAS_ADA:
                StorePG.open(lokasi)  # InputTidakValid when there is no such class
                _KELAS_ADA.add((self.st.url, self.st.kunci))
        self._ddl = ddl

    def _siapkan(self) -> None:
        """Create the tables that are missing (only those: even ``IF NOT EXISTS`` needs the
        CREATE privilege, which a data-only database role may lack)."""
        kunci = (self.st.url, self.st.skema, self._ddl)
        if kunci in _DDL_SIAP:
            return
        perintah = dialek_ddl(self._ddl)
        psycopg = _psycopg()
        try:
            kurang = _tabel_kurang(self.st._conn(), perintah)
        except psycopg.Error as e:
            raise terjemahkan(e, self.st.lokasi) from None
        if kurang:
            with self.st._tulis() as conn:  # again under the lock: another process may have
                for stmt in _tabel_kurang(conn, perintah):  # made them meanwhile
                    conn.raw.execute(stmt)
        _DDL_SIAP.add(kunci)

    @contextmanager
    def sesi(self, tulis: bool) -> Iterator[KoneksiPG]:
        """A connection in the class schema with the tables present; ``tulis``: one write
        transaction under the class lock (COMMIT on exit, ROLLBACK on error)."""
        import psycopg

        try:
            self._siapkan()
            if tulis:
                with self.st._tulis() as conn:
                    yield conn
            else:
                try:
                    yield self.st._conn()
                except psycopg.Error as e:
                    raise terjemahkan(e, self.st.lokasi) from None
        finally:
            if self._milik:
                self.st.close()
