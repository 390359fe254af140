"""The class store on both backends (real SQLite files and a real PostgreSQL server, fixture
``lokasi``): answers, history, roster, concurrency and crash safety. Tests of the SQLite file
itself (pragmas, page limits, file modes) run on SQLite only."""

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

from sinovda.domain.akses import Batas
from sinovda.domain.errors import (
    AksesDitolak,
    BatasTerlampaui,
    BerkasTidakValid,
    BerubahDiTempatLain,
    GagalPenyimpanan,
    InputTidakValid,
)
from sinovda.domain.peserta import Peserta
from sinovda.store import Store, schema

NIP_A = "198503152010011001"  # ranah.md: valid PNS NIP
NIP_B = "199002282015032004"
NIP_C = "198812312014022001"


def nip_ke(i: int) -> str:
    """A valid made-up PNS NIP with serial ``i + 1``."""
    return f"1985031520100110{i + 1:02d}"


def _hanya_sqlite(st: Store) -> None:
    """Skip on PostgreSQL: the test checks the SQLite file itself."""
    from sinovda.store.pg import StorePG

    if isinstance(st, StorePG):
        pytest.skip("khusus berkas SQLite")


def _jumlah_revisi(st: Store, nip: str | None = None) -> int:
    """Rows of the revision table (any backend), of one participant or all."""
    if nip is None:
        return int(st._baca("SELECT COUNT(*) FROM revisi")[0][0])
    return int(st._baca("SELECT COALESCE(SUM(ukuran), 0) FROM revisi WHERE nip = ?",
                        (nip,))[0][0])


@pytest.fixture
def st(lokasi) -> Store:
    s = Store.create(lokasi("kelas"), nama="Bimtek Inovasi Angkatan I")
    s.upsert_peserta([Peserta(NIP_A, "Ni Luh Putu Ayu Wédari", opd="Bappeda"),
                      Peserta(NIP_B, "I Gusti Ngurah Ṛai")])
    return s


# ----- class workspace ---------------------------------------------------------------------
def test_create_then_open_shows_the_class(lokasi):
    Store.create(lokasi("k"), nama="Angkatan I")
    info = Store.open(lokasi("k")).kelas_info()
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
    _hanya_sqlite(st)
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


def test_forty_writers_at_once_lose_nothing(lokasi):
    st = Store.create(lokasi("kelas"), nama="Uji beban")
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
    semua = Store.open(lokasi("kelas")).load_all_peserta()
    for i, acked, _ in laporan:
        assert len(acked) == N_SIMPAN
        tersimpan = semua[nip_ke(i)]["masalah"]
        for j in acked:
            assert tersimpan[f"f{j}"] == {"peserta": i, "ke": j, "teks": "Wédari" * j}
    assert _jumlah_revisi(st) == N_PENULIS * N_SIMPAN


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
    if st.path.is_file():  # SQLite: the file is intact
        conn = sqlite3.connect(st.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    after = Store.open(st.folder)
    tersimpan = after.load_modul(NIP_A, "monev")
    for j in acked:
        assert tersimpan[f"f{j}"] == {"ke": j, "isi": list(range(j % 50))}
    after.save(NIP_A, "monev", "setelah", "masih bisa menulis")
    assert after.load(NIP_A, "monev", "setelah") == "masih bisa menulis"


# ----- who saved, compare-and-set, access policy (the store is the authority) ---------------
def test_each_revision_records_who_saved_it(st: Store):
    st.save(NIP_A, "masalah", "akar_masalah", "dari peserta")
    st.save(NIP_A, "masalah", "akar_masalah", "koreksi", peran="fasilitator",
            oleh="fasilitator:Ratna")
    lama = st.history(NIP_A, "masalah", "akar_masalah")[-1]
    st.restore(NIP_A, "masalah", "akar_masalah", lama.id)
    h = st.history(NIP_A, "masalah", "akar_masalah")
    assert [(r.value, r.oleh) for r in h] == [
        ("dari peserta", "pulihkan:peserta"),
        ("koreksi", "fasilitator:Ratna"),
        ("dari peserta", "peserta"),
    ]
    assert h[0].label_oleh == "dipulihkan oleh peserta"


def test_compare_and_set_saves_only_over_the_revision_that_was_loaded(st: Store):
    assert st.load_dengan_revisi(NIP_A, "masalah", "akar_masalah", "") == ("", 0)
    r1 = st.save(NIP_A, "masalah", "akar_masalah", "tab 1", harap_revisi=0)
    assert st.load_dengan_revisi(NIP_A, "masalah", "akar_masalah") == ("tab 1", r1)
    # a second tab that loaded "nothing yet" may not overwrite tab 1
    with pytest.raises(BerubahDiTempatLain, match="sudah diubah di tempat lain") as e:
        st.save(NIP_A, "masalah", "akar_masalah", "tab 2", harap_revisi=0)
    assert e.value.revisi_kini == r1
    assert st.load(NIP_A, "masalah", "akar_masalah") == "tab 1"
    assert len(st.history(NIP_A, "masalah", "akar_masalah")) == 1  # nothing written
    r2 = st.save(NIP_A, "masalah", "akar_masalah", "tab 1 lagi", harap_revisi=r1)
    with pytest.raises(BerubahDiTempatLain):
        st.restore(NIP_A, "masalah", "akar_masalah", r1, harap_revisi=r1)
    assert st.load_dengan_revisi(NIP_A, "masalah", "akar_masalah") == ("tab 1 lagi", r2)


def _cas_berebut(st: Store, i: int, mulai, hasil) -> None:
    nilai, rev = st.load_dengan_revisi(NIP_A, "masalah", "isu_inti", "")
    mulai.wait()
    try:
        st.save(NIP_A, "masalah", "isu_inti", f"proses {i}", harap_revisi=rev)
        hasil.put((i, "simpan"))
    except BerubahDiTempatLain:
        hasil.put((i, "berubah"))


def test_compare_and_set_is_atomic_between_processes(st: Store):
    """Eight processes load the same revision then save at once: exactly one wins."""
    ctx = mp.get_context("fork")
    mulai, hasil = ctx.Barrier(8), ctx.Queue()
    procs = [ctx.Process(target=_cas_berebut, args=(st, i, mulai, hasil)) for i in range(8)]
    for p in procs:
        p.start()
    laporan = [hasil.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    menang = [i for i, apa in laporan if apa == "simpan"]
    assert len(menang) == 1
    assert st.load(NIP_A, "masalah", "isu_inti") == f"proses {menang[0]}"
    assert len(st.history(NIP_A, "masalah", "isu_inti")) == 1


def test_a_submitted_test_cannot_be_rewritten_by_the_participant(st: Store):
    st.save(NIP_A, "pengantar", "pretest", {"q1": "a"})
    with pytest.raises(AksesDitolak, match="diisi oleh sistem"):
        st.save(NIP_A, "pengantar", "pretest_selesai", True)  # only the scoring path submits
    st.save(NIP_A, "pengantar", "pretest", {"q1": "b"}, peran="sistem")
    st.save(NIP_A, "pengantar", "pretest_selesai", True, peran="sistem")
    for peran in ("peserta", "fasilitator"):
        with pytest.raises(AksesDitolak, match="sudah dikirim"):
            st.save(NIP_A, "pengantar", "pretest", {"q1": "c"}, peran=peran)
    lama = st.history(NIP_A, "pengantar", "pretest")[-1]
    with pytest.raises(AksesDitolak, match="sudah dikirim"):
        st.restore(NIP_A, "pengantar", "pretest", lama.id)
    with pytest.raises(AksesDitolak, match="diisi oleh sistem"):
        st.save(NIP_A, "pengantar", "pretest_selesai", False)
    assert st.load(NIP_A, "pengantar", "pretest") == {"q1": "b"}
    assert st.history(NIP_A, "pengantar", "pretest")[0].oleh == "sistem"
    # the post-test is not submitted yet: still open; another participant is unaffected
    st.save(NIP_A, "penutup", "posttest", {"q1": "a"})
    st.save(NIP_B, "pengantar", "pretest", {"q1": "d"})


def test_an_unknown_role_is_refused(st: Store):
    with pytest.raises(AksesDitolak, match="tidak dikenal"):
        st.save(NIP_A, "masalah", "isu", [], peran="admin")


# ----- limits --------------------------------------------------------------------------------
def test_a_one_megabyte_value_is_refused_with_the_limit_in_kb(st: Store):
    st.save(NIP_A, "masalah", "akar_masalah", "singkat")
    with pytest.raises(BatasTerlampaui, match=r"'masalah.akar_masalah' terlalu besar: 1024 KB, "
                                              r"batas 256 KB per jawaban"):
        st.save(NIP_A, "masalah", "akar_masalah", "x" * (1024 * 1024 - 2))
    assert st.load(NIP_A, "masalah", "akar_masalah") == "singkat"
    assert len(st.history(NIP_A, "masalah", "akar_masalah")) == 1


def test_a_participants_total_is_bounded(st: Store):
    st.batas = Batas(nilai_maks_kb=4, total_peserta_maks_kb=10)
    isi = "y" * 4000
    st.save(NIP_A, "monev", "a", isi)
    st.save(NIP_A, "monev", "b", isi)
    with pytest.raises(BatasTerlampaui, match=r"peserta 198503152010011001 .*batas 10 KB"):
        st.save(NIP_A, "monev", "c", isi)
    st.save(NIP_A, "monev", "b", isi + "z")  # replacing a value counts its old size out
    st.save(NIP_A, "monev", "b", "kecil")
    st.save(NIP_A, "monev", "c", isi)
    st.save(NIP_B, "monev", "a", isi)  # another participant has their own total
    assert set(st.load_modul(NIP_A, "monev")) == {"a", "b", "c"}


def test_history_is_pruned_oldest_first_and_the_current_value_stays(st: Store):
    st.batas = Batas(riwayat_maks=5)
    ids = [st.save(NIP_A, "masalah", "akar_masalah", f"versi {i}") for i in range(12)]
    h = st.history(NIP_A, "masalah", "akar_masalah")
    assert [r.id for r in h] == ids[::-1][:5]
    # restoring keeps the restored-from revision only if it is still among the newest
    st.restore(NIP_A, "masalah", "akar_masalah", ids[8])
    assert st.load(NIP_A, "masalah", "akar_masalah") == "versi 8"
    assert len(st.history(NIP_A, "masalah", "akar_masalah")) == 5


def test_many_large_saves_cannot_fill_the_disk(st: Store):
    """Saving large values again and again keeps the file bounded (history per participant)."""
    st.batas = Batas(nilai_maks_kb=64, total_peserta_maks_kb=256, riwayat_maks=200,
                     riwayat_peserta_maks_kb=512)
    for i in range(60):  # 60 x 60 KB = 3.6 MB written
        st.save(NIP_A, "masalah", f"f{i % 3}", f"{i}" + "w" * 60_000)
    assert _jumlah_revisi(st, NIP_A) <= 512 * 1024
    if st.path.is_file():  # SQLite: the file itself stays small
        conn = sqlite3.connect(st.path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert st.path.stat().st_size < 2 * 1024 * 1024
    assert st.load(NIP_A, "masalah", "f2") == "59" + "w" * 60_000  # current values all kept
    assert st.load(NIP_A, "masalah", "f0") == "57" + "w" * 60_000


# ----- operating-system and SQLite errors ----------------------------------------------------
def _disk_penuh(st: Store, sisa_halaman: int = 0) -> None:
    """Make the DB 'full' for this connection: at most ``sisa_halaman`` more pages (SQLite's own
    limit, no loop device needed)."""
    _hanya_sqlite(st)
    conn = st._conn()
    n = conn.execute("PRAGMA page_count").fetchone()[0] + sisa_halaman
    conn.execute(f"PRAGMA max_page_count = {n}")


def test_disk_full_is_said_in_indonesian_and_loses_nothing(st: Store):
    _hanya_sqlite(st)
    st.save(NIP_A, "masalah", "akar_masalah", "tersimpan")
    _disk_penuh(st)
    with pytest.raises(GagalPenyimpanan) as e:
        st.save(NIP_A, "masalah", "akar_masalah", "panjang " * 20_000)
    pesan = str(e.value)
    assert "Penyimpanan gagal" in pesan and "disk penuh" in pesan and "tetap aman" in pesan
    assert "database or disk is full" not in pesan and "OperationalError" not in pesan
    assert st.load(NIP_A, "masalah", "akar_masalah") == "tersimpan"
    st.close()  # a new connection has no page limit: saving works again
    st.save(NIP_A, "masalah", "akar_masalah", "panjang " * 20_000)


def test_a_roster_import_failing_midway_imports_nothing(st: Store):
    """Issue 10: a database error in the middle of a roster import leaves nothing imported."""
    _disk_penuh(st, sisa_halaman=20)  # room for some rows (~ 300), not for 1900
    banyak = [Peserta(f"19850315201001{i // 950 + 1}{i % 950 + 1:03d}",
                      f"Peserta {i:04d} " + "n" * 200) for i in range(1900)]
    with pytest.raises(GagalPenyimpanan, match="disk penuh"):
        st.upsert_peserta(banyak)
    st.close()
    assert {p.nip for p in st.daftar_peserta()} == {NIP_A, NIP_B}


def _sebagai_nobody(folder: Path, hasil) -> None:
    os.setgid(65534)
    os.setuid(65534)
    st = Store(folder, batas=Batas())
    try:
        st.save(NIP_A, "masalah", "akar_masalah", "dari akun lain")
        hasil.put("tersimpan")
    except GagalPenyimpanan as e:
        hasil.put(str(e))


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to switch to the nobody account")
def test_a_read_only_class_is_said_in_indonesian(tmp_path: Path):
    """The class folder and DB belong to another account (as a read-only mount would be)."""
    import tempfile

    luar = Path(tempfile.mkdtemp(prefix="sinovda-ro-"))
    try:
        os.chmod(luar, 0o755)
        st = Store.create(luar / "kelas", nama="Hanya baca")
        os.chmod(luar / "kelas", 0o755)
        st.upsert_peserta([Peserta(NIP_A, "Wédari")])
        st.save(NIP_A, "masalah", "akar_masalah", "asli")
        st.close()
        ctx = mp.get_context("fork")
        hasil = ctx.Queue()
        p = ctx.Process(target=_sebagai_nobody, args=(luar / "kelas", hasil))
        p.start()
        pesan = hasil.get(timeout=30)
        p.join(timeout=30)
        assert pesan.startswith("Penyimpanan gagal"), pesan
        assert "hanya-baca" in pesan or "izin ditolak" in pesan, pesan
        assert "readonly" not in pesan and "attempt" not in pesan
        assert Store.open(luar / "kelas").load(NIP_A, "masalah", "akar_masalah") == "asli"
    finally:
        import shutil

        shutil.rmtree(luar)


def test_many_tiny_answers_cannot_fill_the_disk_either(st: Store):
    """Each row counts its key and a row cost, so thousands of one-byte answers hit the total."""
    st.batas = Batas(total_peserta_maks_kb=10)
    disimpan = 0
    with pytest.raises(BatasTerlampaui, match="batas 10 KB per peserta"):
        for i in range(1000):
            st.save(NIP_A, "m", f"f{i}", 1)
            disimpan += 1
    assert 100 < disimpan < 150  # 10 KB / (1 + 1 + ~4 + 64 bytes)
