"""``Store``: one class workspace = one SQLite file ``<kelas>/sinovda.db``.

Every answer is saved at once under (nip, modul, field) as JSON text, in its own short
``BEGIN IMMEDIATE`` transaction; ``save`` returns only after COMMIT. Every saved value is kept
as a revision (history) recording who saved it (``oleh``).

The store is the authority (never the participant's browser or kernel): inside the write
transaction it applies the access policy of ``sinovda.domain.akses`` (trainer-only modules,
submitted tests, scoring fields), the size limits (``batas:`` in ``modul/pengaturan.yaml``) and
compare-and-set (``harap_revisi``), and it turns SQLite/OS failures into ``GagalPenyimpanan``
with an Indonesian message; a failed write rolls back and leaves every earlier answer intact.

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

import dataclasses
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

from sinovda.domain import akses
from sinovda.domain.akses import PESERTA, SISTEM, Batas
from sinovda.domain.errors import (
    AksesDitolak,
    BatasTerlampaui,
    BerkasTidakValid,
    BerubahDiTempatLain,
    InputTidakValid,
    SinovdaError,
)
from sinovda.domain.peserta import Peserta, alasan_nip_tidak_valid
from sinovda.paths import DB_NAME
from sinovda.store import galat, schema
from sinovda.store.kodek import ke_json, sekarang

BUSY_TIMEOUT_MS = 30_000
NAMA_PRIBADI = "Belajar mandiri"
KUNCI_MAKS = 100
"""Longest ``modul`` or ``field`` name accepted (characters)."""
UKURAN_BARIS = 64
"""Bytes counted per stored row on top of its value and key, so that many tiny answers cannot
fill the disk under the size limits either."""
SELISIH_JAM = dt.timedelta(minutes=10)
"""Clock skew tolerated for imported answers: later than now + this is refused as future."""
_KOLOM_PESERTA = ("nip", "nama", "jabatan", "opd", "instansi", "email")

__all__ = ["NAMA_PRIBADI", "Revisi", "RingkasanImpor", "Store", "ke_json", "sekarang"]


@dataclass(frozen=True)
class Revisi:
    """One saved value of an answer: its revision id, the value, when it was saved (UTC ISO) and
    who saved it (``oleh``: see ``sinovda.domain.akses``; '' before schema version 3)."""

    id: int
    value: Any
    saved_at: str
    oleh: str = ""

    @property
    def label_oleh(self) -> str:
        """Who saved it, in Indonesian (e.g. 'fasilitator Budi')."""
        return akses.label_oleh(self.oleh)


@dataclass
class RingkasanImpor:
    """What a workbook import did: counts per outcome, refused keys, and a new participant."""

    nip: str = ""
    baru: int = 0
    diperbarui: int = 0
    dilewati: int = 0
    sama: int = 0
    ditolak: list[str] = dataclasses.field(default_factory=list)
    peserta_baru: bool = False

    def __getitem__(self, kunci: str) -> int:
        """Counts by name, as the former dict summary (``ringkasan["baru"]``)."""
        if kunci not in ("baru", "diperbarui", "dilewati", "sama"):
            raise KeyError(kunci)
        return int(getattr(self, kunci))

    def jumlah(self) -> dict[str, int]:
        """``{"baru", "diperbarui", "dilewati", "sama"}`` counts."""
        return {k: self[k] for k in ("baru", "diperbarui", "dilewati", "sama")}

    def teks(self) -> str:
        """One Indonesian line per fact, for the CLI."""
        baris = [f"baru {self.baru}, diperbarui {self.diperbarui}, dilewati (lebih lama, masuk "
                 f"riwayat) {self.dilewati}, sama {self.sama}"]
        if self.ditolak:
            baris.append(f"{len(self.ditolak)} jawaban dilewati karena hanya boleh diisi "
                         f"fasilitator/sistem: {', '.join(self.ditolak)}")
        if self.peserta_baru:
            baris.append(f"peserta baru ditambahkan ke daftar peserta: {self.nip}")
        return "\n".join(baris)


@contextmanager
def _alamat_pg_sah() -> Iterator[None]:
    """A malformed PostgreSQL locator (urlsplit's ValueError, e.g. postgresql://[x) as a user
    error in Indonesian instead of a traceback."""
    try:
        yield
    except SinovdaError:
        raise
    except ValueError as e:  # e.g. urlsplit: "Invalid IPv6 URL"
        raise InputTidakValid(
            "alamat basis data PostgreSQL (SINOVDA_DB atau postgresql://... di --kelas) "
            "tidak sah: periksa penulisannya, mis. postgresql://pengguna@server:5432/nama_db"
        ) from e


def _kunci_teks(nama: str, nilai: Any) -> str:
    if not isinstance(nilai, str) or not nilai.strip():
        raise InputTidakValid(f"{nama} harus berupa teks yang tidak kosong, bukan {nilai!r}")
    if len(nilai) > KUNCI_MAKS:
        raise InputTidakValid(f"{nama} terlalu panjang ({len(nilai)} karakter, paling banyak "
                              f"{KUNCI_MAKS})")
    return nilai


def ukuran_simpan(modul: str, field: str, teks: str) -> int:
    """What one stored row counts against the limits: its JSON text, its key and a row cost."""
    return len(teks.encode("utf-8")) + len(modul.encode("utf-8")) + len(field.encode("utf-8")) \
        + UKURAN_BARIS


def _pg_dipilih(lokasi: Any) -> bool:
    """Whether ``lokasi`` goes to the PostgreSQL backend (``sinovda.store.pg.dipilih``)."""
    from sinovda.store.pg import dipilih

    return dipilih(lokasi)


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

    def __init__(self, folder: Path, batas: Batas | None = None) -> None:
        """Use ``Store.open`` or ``Store.create``; this only remembers where the file is.
        ``batas``: size limits (default: ``batas:`` of ``modul/pengaturan.yaml``)."""
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        self._lokal = threading.local()
        self._batas = batas

    @property
    def batas(self) -> Batas:
        """The size limits in force (read once from the settings)."""
        if self._batas is None:
            from sinovda.data.settings import load_batas

            self._batas = load_batas()
        return self._batas

    @batas.setter
    def batas(self, nilai: Batas) -> None:
        self._batas = nilai

    # ----- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: str | os.PathLike[str], nama: str) -> Store:
        """Create a new class in ``folder``; refuse when a class already exists there.
        A PostgreSQL locator (or any key while ``$SINOVDA_DB`` names one) creates the class in
        that database instead (``sinovda.store.pg.StorePG``)."""
        if cls is Store and _pg_dipilih(folder):
            from sinovda.store.pg import StorePG

            with _alamat_pg_sah():
                return StorePG.create(folder, nama)
        nama = _kunci_teks("nama kelas", nama).strip()
        st = cls(Path(folder))
        if st.folder.exists() and not st.folder.is_dir():
            raise InputTidakValid(f"{st.folder} adalah berkas, bukan folder; pilih folder lain "
                                  "untuk kelas (berkas itu tidak diubah)")
        try:
            st.folder.mkdir(parents=True, exist_ok=True)
            if not st.path.exists():  # a new class: folder 0700, DB 0600 before SQLite writes
                os.chmod(st.folder, 0o700)
                os.close(os.open(st.path, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as e:
            raise galat.terjemahkan(e, st.folder) from None
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
        """Open the class in ``folder``; ``create=True`` makes it (named ``nama``) if missing.
        A PostgreSQL locator (or any key while ``$SINOVDA_DB`` names one) opens the class in
        that database (``sinovda.store.pg.StorePG``)."""
        if cls is Store and _pg_dipilih(folder):
            from sinovda.store.pg import StorePG

            with _alamat_pg_sah():
                return StorePG.open(folder, create=create, nama=nama)
        st = cls(Path(folder))
        try:
            ada = st.path.is_file()
            st.path.stat()
        except (FileNotFoundError, NotADirectoryError):
            ada = False
        except OSError as e:  # e.g. a class folder this account may not enter
            raise galat.terjemahkan(e, st.folder) from None
        if ada and st._nama_kelas() is not None:
            return st
        return cls._buat_bila_tiada(
            st, folder, create, nama,
            f"belum ada kelas di {st.folder}; buat dulu dengan: "
            f"sinovda kelas buat {st.folder} --nama \"Nama Kelas\"",
        )

    @classmethod
    def _buat_bila_tiada(cls, st: Any, folder: Any, create: bool, nama: str,
                         pesan: str) -> Any:
        """The tail of ``open`` for a class not there: create it (named ``nama``) when
        ``create``, keeping ``st`` when another process created it first; else refuse with
        ``pesan`` (how to create it)."""
        if create:
            try:
                return cls.create(folder, nama)
            except InputTidakValid:  # another process created it first
                return st
        raise InputTidakValid(pesan)

    def _nama_kelas(self) -> str | None:
        row = self._baca_satu("SELECT value FROM meta WHERE key = 'nama'")
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
            if galat.sebab(e) == galat.RUSAK:
                raise BerkasTidakValid(
                    f"{self.path}: bukan basis data kelas sinovda yang dapat dibaca "
                    "(berkas rusak atau berkas lain)"
                ) from None
            raise galat.terjemahkan(e, self.path) from None
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        self._lokal.conn, self._lokal.pid = conn, os.getpid()
        return conn

    def _baca(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """Run a read and fetch every row; SQLite/OS errors become GagalPenyimpanan."""
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise galat.terjemahkan(e, self.path) from None

    def _baca_satu(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first row of a read, or None."""
        rows = self._baca(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def _tulis(self) -> Iterator[sqlite3.Connection]:
        """A short write transaction: BEGIN IMMEDIATE ... COMMIT; on any error ROLLBACK (if SQLite
        has not already) and SQLite/OS errors become GagalPenyimpanan (nothing earlier lost)."""
        with galat.transaksi_tulis(self._conn(), self.path) as conn:
            yield conn

    def close(self) -> None:
        """Close this thread's connection (it is reopened on next use)."""
        conn = getattr(self._lokal, "conn", None)
        if conn is not None and self._lokal.pid == os.getpid():
            conn.close()
        self._lokal.conn = None

    # ----- class and roster ----------------------------------------------------------------
    def kelas_info(self) -> dict[str, Any]:
        """``{"nama", "dibuat", "schema_version", "fasilitator"}`` of this class."""
        meta = dict(self._baca("SELECT key, value FROM meta"))
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
        """Add new NIPs and update known ones, in one transaction (all or nothing); return
        (added, updated)."""
        for p in rows:
            alasan = alasan_nip_tidak_valid(p.nip)
            if alasan:
                raise InputTidakValid(f"peserta '{p.nama}': NIP {p.nip!r} tidak sah: {alasan}")
            if not p.nama.strip():
                raise InputTidakValid(f"peserta dengan NIP {p.nip}: nama kosong")
        added = updated = 0
        with self._tulis() as conn:
            for p in rows:
                if self._upsert_satu(conn, p):
                    added += 1
                else:
                    updated += 1
        return added, updated

    @staticmethod
    def _upsert_satu(conn: sqlite3.Connection, p: Peserta) -> bool:
        """Update or insert one participant; True when added."""
        nilai = tuple(getattr(p, k) for k in _KOLOM_PESERTA)
        cur = conn.execute(
            "UPDATE peserta SET nama=?, jabatan=?, opd=?, instansi=?, email=? WHERE nip=?",
            (*nilai[1:], p.nip),
        )
        if cur.rowcount:
            return False
        conn.execute("INSERT INTO peserta VALUES (?, ?, ?, ?, ?, ?)", nilai)
        return True

    def daftar_peserta(self) -> list[Peserta]:
        """Every participant, ordered by name then NIP."""
        rows = self._baca(
            "SELECT nip, nama, jabatan, opd, instansi, email FROM peserta ORDER BY nama, nip"
        )
        return [Peserta(*r) for r in rows]

    def get_peserta(self, nip: str) -> Peserta | None:
        """The participant with this NIP, or None."""
        row = self._baca_satu(
            "SELECT nip, nama, jabatan, opd, instansi, email FROM peserta WHERE nip = ?", (nip,)
        )
        return None if row is None else Peserta(*row)

    @staticmethod
    def _pastikan_peserta(conn: sqlite3.Connection, nip: str) -> None:
        if conn.execute("SELECT 1 FROM peserta WHERE nip = ?", (nip,)).fetchone() is None:
            raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas ini")

    # ----- policy and limits (inside the write transaction) --------------------------------
    @staticmethod
    def _kini(conn: sqlite3.Connection, nip: str, modul: str, field: str
              ) -> tuple[str, int, int] | None:
        """(value JSON, revisi_id, ukuran) of the current answer, or None."""
        return conn.execute(
            "SELECT value, revisi_id, ukuran FROM jawaban WHERE nip = ? AND modul = ? "
            "AND field = ?", (nip, modul, field),
        ).fetchone()

    def _periksa_akses(self, conn: sqlite3.Connection, peran: str, nip: str, modul: str,
                       field: str) -> None:
        tes = akses.tes_jawaban(modul, field)
        terkirim = False
        if tes is not None:
            row = self._kini(conn, nip, tes.modul, tes.selesai)
            terkirim = row is not None and json.loads(row[0]) is True
        from sinovda.store.admin import modul_terkunci  # locks set on the Admin Kelas page

        akses.periksa_tulis(peran, modul, field, tes_terkirim=terkirim,
                            modul_terkunci=peran == PESERTA and modul_terkunci(conn, modul))

    def _periksa_nilai(self, modul: str, field: str, teks: str) -> int:
        """BatasTerlampaui when ``teks`` is above the per-value cap; else what the row counts
        against the participant's total (``ukuran_simpan``)."""
        akses.periksa_ukuran(self.batas, modul, field, len(teks.encode("utf-8")))
        return ukuran_simpan(modul, field, teks)

    def _periksa_total(self, conn: sqlite3.Connection, nip: str, modul: str, field: str,
                       ukuran: int, lama: int) -> None:
        """BatasTerlampaui when replacing ``lama`` bytes by ``ukuran`` bytes would take the
        participant's current answers over their total cap."""
        if ukuran <= lama:
            return
        total = conn.execute(
            "SELECT COALESCE(SUM(ukuran), 0) FROM jawaban WHERE nip = ?", (nip,)
        ).fetchone()[0]
        if total - lama + ukuran > self.batas.total_peserta_maks:
            raise BatasTerlampaui(
                f"jawaban '{modul}.{field}' tidak disimpan: semua jawaban peserta {nip} akan "
                f"menjadi {akses.kb(total - lama + ukuran)}, melebihi batas "
                f"{self.batas.total_peserta_maks_kb} KB per peserta"
            )

    @staticmethod
    def _periksa_harapan(kini: tuple[str, int, int] | None, modul: str, field: str,
                         harap_revisi: int | None) -> None:
        if harap_revisi is None:
            return
        ada = 0 if kini is None else int(kini[1])
        if ada != int(harap_revisi):
            e = BerubahDiTempatLain(
                f"jawaban '{modul}.{field}' sudah diubah di tempat lain (tab, perangkat atau "
                "orang lain) sejak dimuat; perubahan Anda belum disimpan. Muat ulang halaman "
                "untuk melihat versi terbaru (versi lama tetap ada di riwayat)."
            )
            e.revisi_kini = ada  # type: ignore[attr-defined]
            raise e

    def _pangkas(self, conn: sqlite3.Connection, nip: str, modul: str, field: str) -> None:
        """Keep history bounded: at most ``riwayat_maks`` revisions per answer and
        ``riwayat_peserta_maks_kb`` per participant; the oldest go first, the current never."""
        b = self.batas
        kunci = (nip, modul, field)
        conn.execute(
            "DELETE FROM revisi WHERE nip = ? AND modul = ? AND field = ? AND id NOT IN "
            "(SELECT id FROM revisi WHERE nip = ? AND modul = ? AND field = ? "
            " ORDER BY id DESC LIMIT ?) "
            "AND id NOT IN (SELECT revisi_id FROM jawaban WHERE nip = ?)",
            (*kunci, *kunci, b.riwayat_maks, nip),
        )
        total = conn.execute(
            "SELECT COALESCE(SUM(ukuran), 0) FROM revisi WHERE nip = ?", (nip,)
        ).fetchone()[0]
        lebih = total - b.riwayat_peserta_maks
        if lebih <= 0:
            return
        buang = []
        for rid, ukuran in conn.execute(
            "SELECT id, ukuran FROM revisi WHERE nip = ? AND id NOT IN "
            "(SELECT revisi_id FROM jawaban WHERE nip = ?) ORDER BY id", (nip, nip),
        ):
            if lebih <= 0:
                break
            buang.append((rid,))
            lebih -= ukuran
        conn.executemany("DELETE FROM revisi WHERE id = ?", buang)

    # ----- answers -------------------------------------------------------------------------
    @staticmethod
    def _tulis_revisi(conn: sqlite3.Connection, nip: str, modul: str, field: str,
                      teks: str, saved_at: str, oleh: str, jadikan_kini: bool = True) -> int:
        """Insert one revision; when ``jadikan_kini`` make it the current answer. Returns its id."""
        ukuran = ukuran_simpan(modul, field, teks)
        rid = conn.execute(
            "INSERT INTO revisi (nip, modul, field, value, saved_at, oleh, ukuran) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (nip, modul, field, teks, saved_at, oleh, ukuran),
        ).lastrowid
        assert rid is not None
        if jadikan_kini:
            Store._jadikan_kini(conn, nip, modul, field, teks, saved_at, rid)
        return rid

    @staticmethod
    def _jadikan_kini(conn: sqlite3.Connection, nip: str, modul: str, field: str,
                      teks: str, saved_at: str, rid: int) -> None:
        conn.execute(
            "INSERT INTO jawaban (nip, modul, field, value, saved_at, revisi_id, ukuran) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (nip, modul, field) DO UPDATE SET "
            "value = excluded.value, saved_at = excluded.saved_at, "
            "revisi_id = excluded.revisi_id, ukuran = excluded.ukuran",
            (nip, modul, field, teks, saved_at, rid, ukuran_simpan(modul, field, teks)),
        )

    def save(self, nip: str, modul: str, field: str, value: Any, *, oleh: str | None = None,
             harap_revisi: int | None = None, peran: str = PESERTA) -> int:
        """Save one answer now (committed on return); the previous value stays in history.

        ``peran``: "peserta" | "fasilitator" | "sistem", checked against the access policy
        (``AksesDitolak``). ``oleh``: who saved, recorded on the revision (default: ``peran``).
        ``harap_revisi``: compare-and-set; save only if the current revision id is this (0: no
        value yet), else ``BerubahDiTempatLain``. Too large: ``BatasTerlampaui``. Returns the new
        revision id.
        """
        _kunci_teks("modul", modul)
        _kunci_teks("field", field)
        akses.periksa_peran(peran)
        oleh = oleh or akses.oleh_bawaan(peran)
        teks = ke_json(value, f"{modul}.{field}")
        ukuran = self._periksa_nilai(modul, field, teks)
        with self._tulis() as conn:
            self._pastikan_peserta(conn, nip)
            self._periksa_akses(conn, peran, nip, modul, field)
            kini = self._kini(conn, nip, modul, field)
            self._periksa_harapan(kini, modul, field, harap_revisi)
            self._periksa_total(conn, nip, modul, field, ukuran, 0 if kini is None else kini[2])
            rid = self._tulis_revisi(conn, nip, modul, field, teks, sekarang(), oleh)
            self._pangkas(conn, nip, modul, field)
            return rid

    def load(self, nip: str, modul: str, field: str, default: Any = None) -> Any:
        """The current value of one answer, or ``default`` when never saved."""
        return self.load_dengan_revisi(nip, modul, field, default)[0]

    def load_dengan_revisi(self, nip: str, modul: str, field: str,
                           default: Any = None) -> tuple[Any, int]:
        """(current value, its revision id), or (``default``, 0) when never saved; pass the id
        as ``save(..., harap_revisi=...)`` to save only if nobody changed it meanwhile."""
        row = self._baca_satu(
            "SELECT value, revisi_id FROM jawaban WHERE nip = ? AND modul = ? AND field = ?",
            (nip, modul, field),
        )
        return (default, 0) if row is None else (json.loads(row[0]), int(row[1]))

    def load_modul(self, nip: str, modul: str) -> dict[str, Any]:
        """``{field: value}`` of one participant in one module."""
        rows = self._baca(
            "SELECT field, value FROM jawaban WHERE nip = ? AND modul = ? ORDER BY field",
            (nip, modul),
        )
        return {f: json.loads(v) for f, v in rows}

    def load_all(self, nip: str) -> dict[str, dict[str, Any]]:
        """``{modul: {field: value}}`` of one participant."""
        out: dict[str, dict[str, Any]] = {}
        for m, f, v in self._baca(
            "SELECT modul, field, value FROM jawaban WHERE nip = ? ORDER BY modul, field", (nip,)
        ):
            out.setdefault(m, {})[f] = json.loads(v)
        return out

    def load_all_peserta(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{nip: {modul: {field: value}}}`` for every participant (``{}`` if none), one query."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for nip, m, f, v in self._baca(
            "SELECT p.nip, j.modul, j.field, j.value FROM peserta p "
            "LEFT JOIN jawaban j ON j.nip = p.nip ORDER BY p.nip, j.modul, j.field"
        ):
            moduls = out.setdefault(nip, {})
            if m is not None:
                moduls.setdefault(m, {})[f] = json.loads(v)
        return out

    def history(self, nip: str, modul: str, field: str) -> list[Revisi]:
        """Every kept value of one answer: the current one first, then newest to oldest."""
        rows = self._baca(
            "SELECT r.id, r.value, r.saved_at, r.oleh FROM revisi r "
            "LEFT JOIN jawaban j ON j.nip = r.nip AND j.modul = r.modul AND j.field = r.field "
            "WHERE r.nip = ? AND r.modul = ? AND r.field = ? "
            "ORDER BY (r.id = j.revisi_id) DESC, r.saved_at DESC, r.id DESC",
            (nip, modul, field),
        )
        return [Revisi(i, json.loads(v), s, o) for i, v, s, o in rows]

    def restore(self, nip: str, modul: str, field: str, revisi_id: int, *,
                oleh: str | None = None, harap_revisi: int | None = None,
                peran: str = PESERTA) -> int:
        """Save the value of an earlier revision again as a new revision; return the new id.
        The same policy, limits and compare-and-set as ``save`` apply; the new revision records
        ``pulihkan:<oleh>``."""
        akses.periksa_peran(peran)
        oleh = akses.oleh_pulihkan(oleh or akses.oleh_bawaan(peran))
        with self._tulis() as conn:
            self._pastikan_peserta(conn, nip)
            row = conn.execute(
                "SELECT value FROM revisi WHERE id = ? AND nip = ? AND modul = ? AND field = ?",
                (revisi_id, nip, modul, field),
            ).fetchone()
            if row is None:
                raise InputTidakValid(
                    f"revisi {revisi_id} tidak ada untuk jawaban '{modul}.{field}' "
                    f"peserta {nip}"
                )
            self._periksa_akses(conn, peran, nip, modul, field)
            kini = self._kini(conn, nip, modul, field)
            self._periksa_harapan(kini, modul, field, harap_revisi)
            ukuran = self._periksa_nilai(modul, field, row[0])
            self._periksa_total(conn, nip, modul, field, ukuran, 0 if kini is None else kini[2])
            rid = self._tulis_revisi(conn, nip, modul, field, row[0], sekarang(), oleh)
            self._pangkas(conn, nip, modul, field)
            return rid

    def last_activity(self) -> dict[str, str]:
        """``{nip: saved_at}`` of each participant's most recent answer (only those who saved)."""
        return dict(self._baca(
            "SELECT nip, MAX(saved_at) FROM jawaban GROUP BY nip"
        ))

    # ----- workbooks -----------------------------------------------------------------------
    def export_workbook(self, nip: str) -> dict[str, Any]:
        """One participant's identity and current answers in the workbook JSON format."""
        from sinovda.store.workbook import susun

        p = self.get_peserta(nip)
        if p is None:
            raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas ini")
        rows = self._baca(
            "SELECT modul, field, value, saved_at FROM jawaban WHERE nip = ? "
            "ORDER BY modul, field", (nip,),
        )
        return susun(self.kelas_info()["nama"], p, rows)

    def import_workbook(self, data: Any, overwrite: bool = False, *, peserta_baru: bool = False,
                        peran: str = PESERTA) -> RingkasanImpor:
        """Import a workbook dict (format: ``sinovda.store.workbook``) in one transaction.

        For each answer the newer of the class copy and the incoming copy is kept
        (``overwrite=True``: the incoming one); an incoming value not kept still goes into the
        history. With ``peran="peserta"`` (a participant's file) trainer-only modules and
        scoring fields are skipped and listed in ``ditolak``; ``peran="sistem"`` (trusted seed
        data such as the demo) applies everything. A NIP not on the roster is refused unless
        ``peserta_baru``. Answers dated in the future (beyond ``SELISIH_JAM``) are refused.
        Revisions record ``oleh="impor"``.
        """
        from sinovda.store.workbook import validasi

        peserta, jawaban = validasi(data)
        return self.impor_jawaban(peserta, jawaban, overwrite=overwrite,
                                  peserta_baru=peserta_baru, peran=peran)

    def impor_jawaban(self, peserta: Peserta, jawaban: list[tuple[str, str, str, str]], *,
                      overwrite: bool = False, peserta_baru: bool = False,
                      peran: str = PESERTA) -> RingkasanImpor:
        """The merge of ``import_workbook`` for checked rows ``(modul, field, JSON, saved_at)``."""
        akses.periksa_peran(peran)
        batas_waktu = (dt.datetime.now(dt.UTC) + SELISIH_JAM).isoformat(timespec="microseconds")
        for modul, field, teks, saved_at in jawaban:
            _kunci_teks("modul", modul)
            _kunci_teks("field", field)
            if saved_at > batas_waktu:  # both UTC ISO with microseconds: text order is time order
                raise BerkasTidakValid(
                    f"jawaban {modul}.{field}: waktu simpan {saved_at} ada di masa depan; "
                    "periksa jam komputer asal buku kerja (tidak ada yang diimpor)"
                )
            self._periksa_nilai(modul, field, teks)
        hasil = RingkasanImpor(nip=peserta.nip)
        with self._tulis() as conn:
            if conn.execute("SELECT 1 FROM peserta WHERE nip = ?",
                            (peserta.nip,)).fetchone() is None:
                if not peserta_baru:
                    raise InputTidakValid(
                        f"NIP {peserta.nip} ({peserta.nama}) tidak ada di daftar peserta kelas "
                        "ini; impor daftar peserta dulu (sinovda peserta impor) atau tambahkan "
                        "--peserta-baru (tidak ada yang diimpor)"
                    )
                self._upsert_satu(conn, peserta)
                hasil.peserta_baru = True
            for modul, field, teks, saved_at in jawaban:
                if peran == PESERTA and not akses.boleh_diimpor(modul, field):
                    hasil.ditolak.append(f"{modul}.{field}")
                    continue
                try:
                    self._periksa_akses(conn, peran, peserta.nip, modul, field)
                except AksesDitolak:
                    hasil.ditolak.append(f"{modul}.{field}")
                    continue
                hasil_satu = self._gabung_satu(conn, peserta.nip, modul, field, teks, saved_at,
                                               overwrite)
                setattr(hasil, hasil_satu, getattr(hasil, hasil_satu) + 1)
                self._pangkas(conn, peserta.nip, modul, field)
            total = conn.execute(
                "SELECT COALESCE(SUM(ukuran), 0) FROM jawaban WHERE nip = ?", (peserta.nip,)
            ).fetchone()[0]
            if total > self.batas.total_peserta_maks and peran != SISTEM:
                raise BatasTerlampaui(
                    f"buku kerja {peserta.nip}: semua jawaban akan menjadi {akses.kb(total)}, "
                    f"melebihi batas {self.batas.total_peserta_maks_kb} KB per peserta "
                    "(tidak ada yang diimpor)"
                )
        return hasil

    def _gabung_satu(self, conn: sqlite3.Connection, nip: str, modul: str, field: str, teks: str,
                     saved_at: str, overwrite: bool) -> str:
        """Merge one incoming answer; return "baru" | "diperbarui" | "dilewati" | "sama"."""
        kunci = (nip, modul, field)
        kini = conn.execute(
            "SELECT value, saved_at FROM jawaban WHERE nip = ? AND modul = ? AND field = ?", kunci
        ).fetchone()
        if kini is not None and tuple(kini) == (teks, saved_at):
            return "sama"
        ada = conn.execute(
            "SELECT id FROM revisi WHERE nip = ? AND modul = ? AND field = ? AND value = ? "
            "AND saved_at = ? ORDER BY id DESC LIMIT 1", (*kunci, teks, saved_at),
        ).fetchone()
        dipakai = kini is None or overwrite or saved_at > kini[1]  # both UTC ISO: text order
        if not dipakai:
            if ada is None:  # an older answer never seen before still goes into history
                self._tulis_revisi(conn, *kunci, teks, saved_at, akses.OLEH_IMPOR,
                                   jadikan_kini=False)
            return "dilewati"
        if ada is None:
            self._tulis_revisi(conn, *kunci, teks, saved_at, akses.OLEH_IMPOR)
        else:
            self._jadikan_kini(conn, *kunci, teks, saved_at, ada[0])
        return "baru" if kini is None else "diperbarui"
