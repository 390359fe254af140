"""The class store on real SQLite files: answers, history, roster, concurrency and crash safety."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sinovda.domain.errors import AksesDitolak, BerkasTidakValid, InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.store import Store, schema

NIP_A = "198503152010011001"  # ranah.md: valid PNS NIP
NIP_B = "199002282015032004"
NIP_C = "198812312014022001"


def nip_ke(i: int) -> str:
    """A valid made-up PNS NIP with serial ``i + 1``."""
    return f"1985031520100110{i + 1:02d}"


@pytest.fixture
def st(tmp_path: Path) -> Store:
    s = Store.create(tmp_path / "kelas", nama="Bimtek Inovasi Angkatan I")
    s.upsert_peserta([Peserta(NIP_A, "Ni Luh Putu Ayu Wédari", opd="Bappeda"),
                      Peserta(NIP_B, "I Gusti Ngurah Ṛai")])
    return s


# ----- class workspace ---------------------------------------------------------------------
def test_create_then_open_shows_the_class(tmp_path: Path):
    Store.create(tmp_path / "k", nama="Angkatan I")
    info = Store.open(tmp_path / "k").kelas_info()
    assert info["nama"] == "Angkatan I"
    assert info["schema_version"] == schema.VERSI
    assert info["dibuat"].startswith("20")


def test_create_refuses_an_existing_class_and_keeps_its_data(st: Store):
    st.save(NIP_A, "masalah", "akar_masalah", "loket manual")
    with pytest.raises(InputTidakValid, match="sudah ada kelas 'Bimtek Inovasi Angkatan I'"):
        Store.create(st.folder, nama="Kelas lain")
    again = Store.open(st.folder)
    assert again.kelas_info()["nama"] == "Bimtek Inovasi Angkatan I"
    assert again.load(NIP_A, "masalah", "akar_masalah") == "loket manual"


def test_open_without_a_class_says_how_to_make_one(tmp_path: Path):
    with pytest.raises(InputTidakValid, match="sinovda kelas buat"):
        Store.open(tmp_path / "kosong")
    assert not (tmp_path / "kosong").exists()  # nothing is created by a failed open


def test_open_with_create_makes_the_personal_workspace_once(tmp_path: Path):
    a = Store.open(tmp_path / "pribadi", create=True)
    a.upsert_peserta([Peserta(NIP_A, "Budi")])
    a.save(NIP_A, "pengantar", "pretest", {"q1": "a"})
    b = Store.open(tmp_path / "pribadi", create=True)
    assert b.kelas_info()["nama"] == "Belajar mandiri"
    assert b.load(NIP_A, "pengantar", "pretest") == {"q1": "a"}


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path):
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "sinovda.db").write_text("bukan basis data " * 200)
    with pytest.raises(BerkasTidakValid, match="sinovda.db"):
        Store.open(tmp_path / "k")


def test_database_settings_for_many_writers(st: Store):
    conn = sqlite3.connect(st.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    own = st._conn()
    assert own.execute("PRAGMA busy_timeout").fetchone()[0] >= 30_000
    assert own.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


# ----- roster ------------------------------------------------------------------------------
def test_upsert_updates_known_nips_and_never_duplicates(st: Store):
    added, updated = st.upsert_peserta([
        Peserta(NIP_A, "Ni Luh Putu Ayu Wédari, S.E.", jabatan="Analis", opd="Bappeda"),
        Peserta(NIP_C, "Muhammad Ja'far"),
    ])
    assert (added, updated) == (1, 1)
    assert [p.nip for p in st.daftar_peserta()].count(NIP_A) == 1
    assert st.get_peserta(NIP_A).nama == "Ni Luh Putu Ayu Wédari, S.E."
    assert st.get_peserta(NIP_A).jabatan == "Analis"
    assert st.get_peserta(NIP_C).nama == "Muhammad Ja'far"
    assert st.get_peserta("199901012020011001") is None
    assert len(st.daftar_peserta()) == 3


def test_upsert_rejects_a_bad_row_and_adds_nothing(st: Store):
    with pytest.raises(InputTidakValid, match="198513322010011002"):
        st.upsert_peserta([Peserta(NIP_C, "Sah"), Peserta("198513322010011002", "Budi")])
    assert st.get_peserta(NIP_C) is None


# ----- answers and history -----------------------------------------------------------------
def test_save_and_load_keep_values_exactly(st: Store):
    isu = [{"judul": "Antrean panjang — loket “manual”", "usg": {"u": 5, "s": 4, "g": 4},
            "bobot": 0.1 + 0.2, "catatan": None, "ok": True}]
    st.save(NIP_A, "masalah", "isu", isu)
    st.save(NIP_A, "masalah", "akar_masalah", "Ṛai's <b>loket</b>")
    st.save(NIP_A, "indikator", "indikator", [])
    assert st.load(NIP_A, "masalah", "isu") == isu
    assert st.load(NIP_A, "masalah", "isu")[0]["bobot"] == 0.30000000000000004
    assert st.load(NIP_A, "masalah", "fishbone", default=[]) == []
    assert st.load_modul(NIP_A, "masalah") == {"isu": isu, "akar_masalah": "Ṛai's <b>loket</b>"}
    assert st.load_all(NIP_A) == {"masalah": {"isu": isu, "akar_masalah": "Ṛai's <b>loket</b>"},
                                  "indikator": {"indikator": []}}
    assert st.load_all(NIP_B) == {}


def test_a_trainer_score_is_saved_by_a_facilitator_and_refused_for_a_participant(st: Store):
    st.save(NIP_A, "penilaian", "catatan", "Bagus, perjelas indikator", peran="fasilitator",
            oleh="fasilitator:Budi")
    assert st.load(NIP_A, "penilaian", "catatan") == "Bagus, perjelas indikator"
    (rev,) = st.history(NIP_A, "penilaian", "catatan")
    assert rev.oleh == "fasilitator:Budi" and rev.label_oleh == "fasilitator Budi"
    with pytest.raises(AksesDitolak, match="hanya boleh diisi oleh fasilitator"):
        st.save(NIP_A, "penilaian", "catatan", "Nilai saya 100")
    assert st.load(NIP_A, "penilaian", "catatan") == "Bagus, perjelas indikator"


def test_save_refuses_unknown_nip_and_non_json_values(st: Store):
    with pytest.raises(InputTidakValid, match=f"peserta dengan NIP {NIP_C} tidak ada di kelas ini"):
        st.save(NIP_C, "masalah", "isu", [])
    with pytest.raises(InputTidakValid, match="masalah.pemangku"):
        st.save(NIP_A, "masalah", "pemangku", {"nama": {1, 2}})
    with pytest.raises(InputTidakValid, match="monev.realisasi"):
        st.save(NIP_A, "monev", "realisasi", float("nan"))
    with pytest.raises(InputTidakValid, match="field"):
        st.save(NIP_A, "monev", "", 1)
    assert st.load_all(NIP_A) == {}
    assert st.history(NIP_A, "masalah", "pemangku") == []


def test_history_keeps_every_value_and_restore_brings_one_back(st: Store):
    r1 = st.save(NIP_A, "masalah", "akar_masalah", "versi 1")
    r2 = st.save(NIP_A, "masalah", "akar_masalah", "versi 2")
    r3 = st.save(NIP_A, "masalah", "akar_masalah", "versi 3")
    assert r1 < r2 < r3
    h = st.history(NIP_A, "masalah", "akar_masalah")
    assert [(r.id, r.value) for r in h] == [(r3, "versi 3"), (r2, "versi 2"), (r1, "versi 1")]
    assert h[0].saved_at >= h[1].saved_at >= h[2].saved_at
    r4 = st.restore(NIP_A, "masalah", "akar_masalah", r1)
    assert st.load(NIP_A, "masalah", "akar_masalah") == "versi 1"
    assert [r.id for r in st.history(NIP_A, "masalah", "akar_masalah")] == [r4, r3, r2, r1]
    with pytest.raises(InputTidakValid, match="revisi"):
        st.restore(NIP_A, "masalah", "isu", r1)  # a revision of another field


def test_load_all_peserta_and_last_activity(st: Store):
    st.save(NIP_A, "masalah", "akar_masalah", "x")
    last = st.save(NIP_A, "inovasi", "kriteria", {"baru": True})
    semua = st.load_all_peserta()
    assert semua == {NIP_A: {"masalah": {"akar_masalah": "x"},
                             "inovasi": {"kriteria": {"baru": True}}},
                     NIP_B: {}}
    aktivitas = st.last_activity()
    assert set(aktivitas) == {NIP_A}
    assert aktivitas[NIP_A] == st.history(NIP_A, "inovasi", "kriteria")[0].saved_at
    assert st.history(NIP_A, "inovasi", "kriteria")[0].id == last


def test_threads_each_get_a_working_connection(st: Store):
    import threading

    errors: list[BaseException] = []

    def kerja(i: int) -> None:
        try:
            for j in range(10):
                st.save(NIP_A, "benang", f"t{i}_{j}", j)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=kerja, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(st.load_modul(NIP_A, "benang")) == 40


# ----- many writers at once ----------------------------------------------------------------
N_PENULIS = 40
N_SIMPAN = 25


def _penulis(st: Store, i: int, mulai, hasil) -> None:
    """One participant's kernel: wait for everyone, then save many answers quickly."""
    nip = nip_ke(i)
    acked, galat = [], []
    mulai.wait()
    for j in range(N_SIMPAN):
        try:
            st.save(nip, "masalah", f"f{j}", {"peserta": i, "ke": j, "teks": "Wédari" * j})
            acked.append(j)
        except Exception as e:  # noqa: BLE001 - reported to the parent
            galat.append(repr(e))
    hasil.put((i, acked, galat))


def test_forty_writers_at_once_lose_nothing(tmp_path: Path):
    st = Store.create(tmp_path / "kelas", nama="Uji beban")
    st.upsert_peserta([Peserta(nip_ke(i), f"Peserta {i}") for i in range(N_PENULIS)])
    ctx = mp.get_context("fork")  # the parent's store is used after fork: must reconnect
    mulai, hasil = ctx.Barrier(N_PENULIS), ctx.Queue()
    procs = [ctx.Process(target=_penulis, args=(st, i, mulai, hasil)) for i in range(N_PENULIS)]
    for p in procs:
        p.start()
    laporan = [hasil.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    galat = [g for _, _, gs in laporan for g in gs]
    assert galat == []  # in particular no "database is locked"
    semua = Store.open(tmp_path / "kelas").load_all_peserta()
    for i, acked, _ in laporan:
        assert len(acked) == N_SIMPAN
        tersimpan = semua[nip_ke(i)]["masalah"]
        for j in acked:
            assert tersimpan[f"f{j}"] == {"peserta": i, "ke": j, "teks": "Wédari" * j}
    conn = sqlite3.connect(st.path)
    assert conn.execute("SELECT COUNT(*) FROM revisi").fetchone()[0] == N_PENULIS * N_SIMPAN


PENULIS_SKRIP = textwrap.dedent("""
    import sys
    from sinovda.store import Store
    st = Store.open(sys.argv[1])
    j = 0
    while True:
        st.save(sys.argv[2], "monev", f"f{j}", {"ke": j, "isi": list(range(j % 50))})
        print(j, flush=True)
        j += 1
""")


def test_a_writer_killed_mid_loop_keeps_every_acknowledged_answer(st: Store):
    proc = subprocess.Popen([sys.executable, "-c", PENULIS_SKRIP, str(st.folder), NIP_A],
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    acked = []
    try:
        for line in proc.stdout:
            acked.append(int(line))
            if len(acked) >= 150:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert len(acked) == 150
    conn = sqlite3.connect(st.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    after = Store.open(st.folder)
    tersimpan = after.load_modul(NIP_A, "monev")
    for j in acked:
        assert tersimpan[f"f{j}"] == {"ke": j, "isi": list(range(j % 50))}
    after.save(NIP_A, "monev", "setelah", "masih bisa menulis")
    assert after.load(NIP_A, "monev", "setelah") == "masih bisa menulis"
