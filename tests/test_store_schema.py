"""Schema migrations: an old class file made by hand is brought forward without losing answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sinovda.domain.errors import BerkasTidakValid
from sinovda.store import Store, schema

NIP = "198503152010011001"


def buat_versi_1(folder: Path) -> Path:
    """A class file exactly as version 1 wrote it: current answers only, no history."""
    folder.mkdir()
    path = folder / "sinovda.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE peserta (nip TEXT PRIMARY KEY, nama TEXT NOT NULL,
            jabatan TEXT NOT NULL DEFAULT '', opd TEXT NOT NULL DEFAULT '',
            instansi TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '');
        CREATE TABLE jawaban (nip TEXT NOT NULL REFERENCES peserta(nip), modul TEXT NOT NULL,
            field TEXT NOT NULL, value TEXT NOT NULL, saved_at TEXT NOT NULL,
            PRIMARY KEY (nip, modul, field));
        PRAGMA user_version = 1;
    """)
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("nama", "Angkatan Lama"), ("dibuat", "2024-02-01T01:00:00.000000+00:00"),
        ("schema_version", "1")])
    conn.execute("INSERT INTO peserta (nip, nama) VALUES (?, ?)", (NIP, "I Gusti Ngurah Ṛai"))
    conn.executemany("INSERT INTO jawaban VALUES (?, ?, ?, ?, ?)", [
        (NIP, "masalah", "akar_masalah", json.dumps("loket manual"),
         "2024-02-02T03:00:00.000000+00:00"),
        (NIP, "masalah", "isu", json.dumps([{"judul": "Antrean", "usg": {"u": 5}}]),
         "2024-02-02T04:00:00.000000+00:00"),
    ])
    conn.commit()
    conn.close()
    return path


def test_a_version_1_file_is_migrated_and_keeps_its_answers(tmp_path: Path):
    path = buat_versi_1(tmp_path / "lama")
    st = Store.open(tmp_path / "lama")
    info = st.kelas_info()
    assert info == {"nama": "Angkatan Lama", "dibuat": "2024-02-01T01:00:00.000000+00:00",
                    "schema_version": schema.VERSI, "fasilitator": []}
    assert st.get_peserta(NIP).nama == "I Gusti Ngurah Ṛai"
    assert st.load(NIP, "masalah", "akar_masalah") == "loket manual"
    # the old answers became the first revisions, so history and restore work on them
    (rev,) = st.history(NIP, "masalah", "isu")
    assert rev.value == [{"judul": "Antrean", "usg": {"u": 5}}]
    assert rev.saved_at == "2024-02-02T04:00:00.000000+00:00"
    st.save(NIP, "masalah", "akar_masalah", "loket daring")
    lama = st.history(NIP, "masalah", "akar_masalah")[-1]
    st.restore(NIP, "masalah", "akar_masalah", lama.id)
    assert st.load(NIP, "masalah", "akar_masalah") == "loket manual"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSI
    meta = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
    assert meta == str(schema.VERSI)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_new_file_is_created_at_the_latest_version(tmp_path: Path):
    st = Store.create(tmp_path / "baru", nama="Baru")
    conn = sqlite3.connect(st.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSI
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"meta", "peserta", "jawaban", "revisi"} <= tables


def test_a_file_from_a_newer_sinovda_is_refused_untouched(tmp_path: Path):
    path = buat_versi_1(tmp_path / "masa_depan")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(BerkasTidakValid, match="versi 99"):
        Store.open(tmp_path / "masa_depan")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
    assert conn.execute("SELECT COUNT(*) FROM jawaban").fetchone()[0] == 2


def _buka_dan_simpan(folder: Path, i: int, mulai, hasil) -> None:
    mulai.wait()
    try:
        st = Store.open(folder)
        st.save(NIP, "proses", f"p{i}", i)
        hasil.put("ok")
    except Exception as e:  # noqa: BLE001 - reported to the parent
        hasil.put(repr(e))


def test_many_processes_opening_an_old_file_migrate_it_once(tmp_path: Path):
    import multiprocessing as mp

    buat_versi_1(tmp_path / "lama")
    ctx = mp.get_context("fork")
    mulai, hasil = ctx.Barrier(8), ctx.Queue()
    procs = [ctx.Process(target=_buka_dan_simpan, args=(tmp_path / "lama", i, mulai, hasil))
             for i in range(8)]
    for p in procs:
        p.start()
    assert [hasil.get(timeout=60) for _ in procs] == ["ok"] * 8
    for p in procs:
        p.join(timeout=30)
    st = Store.open(tmp_path / "lama")
    assert st.load_modul(NIP, "proses") == {f"p{i}": i for i in range(8)}
    assert len(st.history(NIP, "masalah", "isu")) == 1  # old answers copied exactly once


def test_a_migration_on_a_full_disk_reports_the_real_cause_and_keeps_the_old_file(tmp_path: Path):
    """The migration raises the real cause (which the store says in Indonesian), never a
    masking "cannot rollback", and the version-1 file stays as it was."""
    path = buat_versi_1(tmp_path / "lama")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        schema.migrasi(conn, str(path))
    assert not conn.in_transaction
    conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM jawaban").fetchone()[0] == 2
