"""Class admin data (``sinovda.store.admin.DataAdmin``) on both store backends: a SQLite class
folder and a PostgreSQL class (fixture ``lokasi``: every test runs on each). Settings,
certificates, result release, module locks and the admin log behave the same, one transaction
per action, the log says who; a participant's save to a locked module is refused inside the
save transaction on both."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from pathlib import Path

import pytest

from sinovda.domain.errors import AksesDitolak, GagalPenyimpanan, InputTidakValid, SinovdaError
from sinovda.domain.peserta import Peserta
from sinovda.store import Store
from sinovda.store.admin import SEMUA, DataAdmin

A, B = "198503152010011001", "197506171999042901"  # ranah.md: valid PNS NIPs
FAS = "fasilitator:ratna"


@pytest.fixture
def kelas_admin(lokasi) -> str:
    """A class with two participants on this test's backend; its locator."""
    tempat = lokasi("admin")
    st = Store.create(tempat, nama="Bimtek Inovasi Angkatan I")
    st.upsert_peserta([Peserta(A, "Ni Luh Putu Ayu Wédari"), Peserta(B, "I Made Ṛai")])
    st.close()
    return tempat


def test_class_settings_are_checked_saved_and_cleared(kelas_admin: str):
    admin = DataAdmin(kelas_admin)
    assert admin.setelan() == {}
    assert admin.atur_setelan({"tanggal_mulai": "2026-03-09", "tanggal_selesai": "2026-03-12",
                               "jp": "32", "tempat": " Kota Denpasar "}, oleh=FAS) == {
        "tanggal_mulai": "2026-03-09", "tanggal_selesai": "2026-03-12", "jp": 32,
        "tempat": "Kota Denpasar"}
    with pytest.raises(InputTidakValid, match="jumlah jam pelajaran"):
        admin.atur_setelan({"jp": "tiga puluh"}, oleh=FAS)
    with pytest.raises(InputTidakValid, match="tidak dikenal"):
        admin.atur_setelan({"warna": "biru"}, oleh=FAS)
    with pytest.raises(InputTidakValid):  # the class cannot end before it starts
        admin.atur_setelan({"tanggal_selesai": "2026-03-01"}, oleh=FAS)
    assert DataAdmin(kelas_admin).setelan()["jp"] == 32  # nothing of the refused ones saved
    admin.atur_setelan({"tempat": ""}, oleh=FAS)  # empty text clears the key
    assert "tempat" not in DataAdmin(kelas_admin).setelan()


def test_a_certificate_is_issued_once_and_verifies(kelas_admin: str):
    admin = DataAdmin(kelas_admin)
    s = admin.terbitkan(A, "Ni Luh Putu Ayu Wédari", "2026-03-12")
    assert s.kode.startswith("SNV-") and s.kelas == "Bimtek Inovasi Angkatan I"
    # a later run keeps the first code and date, from any new DataAdmin
    assert DataAdmin(kelas_admin).terbitkan(A, "Wédari", "2026-04-01") == s
    assert DataAdmin(kelas_admin).sertifikat(A) == s and admin.sertifikat(B) is None
    assert DataAdmin(kelas_admin).verifikasi(s.kode.lower().replace("-", " ")) == s
    lain = admin.terbitkan(B, "I Made Ṛai", "2026-03-12")
    assert lain.kode != s.kode
    # a well-formed code this class never issued is not genuine
    palsu = s.kode[:-1] + ("A" if s.kode[-1] != "A" else "B")
    assert admin.verifikasi(palsu) is None
    with pytest.raises(InputTidakValid, match="bukan kode sertifikat"):
        admin.verifikasi("bukan-kode")


def test_a_code_of_another_class_does_not_verify_here(lokasi, kelas_admin: str):
    kedua = lokasi("kedua")
    Store.create(kedua, nama="Angkatan II").upsert_peserta([Peserta(A, "Wédari")])
    s = DataAdmin(kelas_admin).terbitkan(A, "Wédari", "2026-03-12")
    assert DataAdmin(kedua).verifikasi(s.kode) is None  # each class has its own secret
    s2 = DataAdmin(kedua).terbitkan(A, "Wédari", "2026-03-12")
    assert s2.kode != s.kode and s2.kelas == "Angkatan II"


def test_concurrent_issues_for_one_participant_give_one_code(kelas_admin: str):
    kode: list[str] = []

    def terbit() -> None:
        kode.append(DataAdmin(kelas_admin).terbitkan(A, "Wédari", "2026-03-12").kode)

    utas = [threading.Thread(target=terbit) for _ in range(6)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(60)
    assert len(kode) == 6 and len(set(kode)) == 1
    terbit_log = [c for c in DataAdmin(kelas_admin).log() if c.aksi == "sertifikat diterbitkan"]
    assert len(terbit_log) == 1


def test_release_to_some_or_the_whole_class_and_withdraw(kelas_admin: str):
    admin = DataAdmin(kelas_admin)
    assert not admin.dirilis(A)
    admin.rilis([A], oleh=FAS)
    assert DataAdmin(kelas_admin).dirilis(A) and not admin.dirilis(B)
    admin.rilis(None, oleh=FAS)
    assert admin.dirilis(B) and admin.daftar_rilis() == {A, SEMUA}
    admin.tarik([A], oleh=FAS)
    assert admin.daftar_rilis() == {SEMUA} and admin.dirilis(A)  # still: the whole class
    admin.tarik(None, oleh=FAS)
    assert admin.daftar_rilis() == set() and not admin.dirilis(A)
    with pytest.raises(InputTidakValid, match="paling sedikit satu peserta"):
        admin.rilis([" "], oleh=FAS)


def test_a_locked_module_refuses_participants_inside_the_save(kelas_admin: str):
    st = Store.open(kelas_admin)
    st.save(A, "masalah", "akar_masalah", "antrean loket")
    DataAdmin(kelas_admin).kunci("masalah", oleh=FAS)
    assert DataAdmin(kelas_admin).modul_terkunci() == {"masalah"}
    with pytest.raises(AksesDitolak, match="dikunci fasilitator"):
        st.save(A, "masalah", "akar_masalah", "diubah setelah dikunci")
    assert st.load(A, "masalah", "akar_masalah") == "antrean loket"  # nothing changed
    st.save(A, "inovasi", "inovasi", {"nama": "SIPANTAS"})  # other modules stay open
    # the trainer may still correct it; the lock is for participants only
    st.save(A, "masalah", "akar_masalah", "dikoreksi", peran="fasilitator", oleh=FAS)
    DataAdmin(kelas_admin).buka("masalah", oleh=FAS)
    st.save(A, "masalah", "akar_masalah", "dibuka lagi")
    assert st.load(A, "masalah", "akar_masalah") == "dibuka lagi"
    assert DataAdmin(kelas_admin).modul_terkunci() == set()
    st.close()


def test_the_log_records_who_did_what_newest_first(kelas_admin: str):
    admin = DataAdmin(kelas_admin)
    admin.kunci("indikator", oleh=FAS)
    admin.rilis([B], oleh="fasilitator:budi")
    admin.catat("fasilitator:budi", "buat laporan dan sertifikat")
    log = DataAdmin(kelas_admin).log()
    assert [(c.oleh, c.aksi, c.rincian) for c in log[:3]] == [
        ("fasilitator:budi", "buat laporan dan sertifikat", ""),
        ("fasilitator:budi", "rilis hasil", B),
        (FAS, "kunci modul", "indikator")]
    assert len(admin.log(1)) == 1 and log[0].waktu.endswith("+00:00")


def test_an_open_store_can_be_given_instead_of_the_locator(kelas_admin: str):
    st = Store.open(kelas_admin)
    DataAdmin(st).rilis([A], oleh=FAS)
    DataAdmin(st).kunci("monev", oleh=FAS)
    assert DataAdmin(kelas_admin).dirilis(A)
    with pytest.raises(AksesDitolak):
        st.save(A, "monev", "analisis", [])
    st.close()


def test_no_class_there_is_an_indonesian_error(lokasi):
    with pytest.raises(SinovdaError, match="belum ada kelas"):
        DataAdmin(lokasi("tidak-ada")).setelan()


def test_classes_keep_their_own_admin_data(lokasi, kelas_admin: str):
    lain = lokasi("lain")
    Store.create(lain, nama="Angkatan II").upsert_peserta([Peserta(A, "Wédari")])
    DataAdmin(kelas_admin).kunci("masalah", oleh=FAS)
    DataAdmin(kelas_admin).rilis(None, oleh=FAS)
    assert DataAdmin(lain).modul_terkunci() == set() and not DataAdmin(lain).dirilis(A)
    Store.open(lain).save(A, "masalah", "akar_masalah", "kelas lain tidak terkunci")


# ----- backend-specific -------------------------------------------------------------------
def test_on_sqlite_the_admin_tables_stay_in_the_class_file(tmp_path: Path):
    Store.create(tmp_path / "k", nama="Berkas").upsert_peserta([Peserta(A, "Wédari")])
    DataAdmin(tmp_path / "k").kunci("masalah", oleh=FAS)
    conn = sqlite3.connect(tmp_path / "k" / "sinovda.db")
    tabel = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"admin_setelan", "admin_rahasia", "sertifikat", "rilis_hasil", "kunci_modul",
            "admin_log"} <= tabel
    assert conn.execute("SELECT modul, oleh FROM kunci_modul").fetchall() == [("masalah", FAS)]
    conn.close()
    assert sorted(p.name for p in (tmp_path / "k").iterdir() if not p.name.startswith(
        "sinovda.db")) == []  # no second file


def test_on_postgresql_the_admin_tables_are_in_the_class_schema(pg_url: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    import psycopg

    monkeypatch.setenv("SINOVDA_DB", pg_url)  # a key where a folder would go, as the CLI
    Store.create("admin-skema", nama="Skema").upsert_peserta([Peserta(A, "Wédari")])
    DataAdmin(tmp_path / "admin-skema").rilis([A], oleh=FAS)
    assert not (tmp_path / "admin-skema").exists()  # no folder: the class is a key
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT nip, oleh FROM kelas_admin_skema.rilis_hasil").fetchall()
        assert rows == [(A, FAS)]
        assert conn.execute("SELECT to_regclass('public.rilis_hasil')").fetchone() == (None,)


def test_on_postgresql_an_unreachable_server_is_an_indonesian_storage_error():
    from conftest import port_bebas

    url = f"postgresql://sinovda@127.0.0.1:{port_bebas()}/sinovda?kelas=tiada"
    with pytest.raises(GagalPenyimpanan, match="tidak dapat dihubungi"):
        DataAdmin(url)


def test_on_sqlite_a_broken_class_file_is_an_indonesian_storage_error(tmp_path: Path):
    (tmp_path / "sinovda.db").write_bytes(b"bukan basis data " * 100)
    with pytest.raises(GagalPenyimpanan, match="rusak atau bukan basis data"):
        DataAdmin(tmp_path).setelan()
    with pytest.raises(GagalPenyimpanan, match="rusak"):
        DataAdmin(tmp_path).rilis(None, oleh=FAS)


def test_on_postgresql_a_data_only_database_role_can_use_the_admin_tables(pg_url: str):
    """A class made by ``kelas buat`` (the owner) has its admin tables already, so the service
    may run as a role with only read/write rights on the class schema (no CREATE)."""
    import psycopg

    kunci = f"peran-{uuid.uuid4().hex[:6]}"
    st = Store.create(f"{pg_url}?kelas={kunci}", nama="Peran Terbatas")
    st.upsert_peserta([Peserta(A, "Wédari")])
    st.close()
    skema, peran = st.skema, f"app_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {peran} LOGIN")
        conn.execute(f'GRANT USAGE ON SCHEMA "{skema}" TO {peran}')
        conn.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{skema}" '
                     f"TO {peran}")
        conn.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{skema}" TO {peran}')
        conn.execute(f"GRANT SELECT ON public.sinovda_kelas TO {peran}")
    lokasi = pg_url.replace("//sinovda@", f"//{peran}@") + f"?kelas={kunci}"
    admin = DataAdmin(lokasi)
    admin.kunci("masalah", oleh=FAS)
    admin.atur_setelan({"tempat": "Kota Denpasar"}, oleh=FAS)
    assert admin.terbitkan(A, "Wédari", "2026-03-12").kode.startswith("SNV-")
    with pytest.raises(AksesDitolak, match="dikunci"):
        Store.open(lokasi).save(A, "masalah", "akar_masalah", "x")
    assert [c.aksi for c in admin.log()][:2] == ["sertifikat diterbitkan", "setelan kelas"]


def test_on_postgresql_a_class_without_admin_tables_gets_them_on_first_use(pg_url: str):
    """A class created before the admin tables moved to PostgreSQL."""
    import psycopg

    from sinovda.store import pg

    kunci = f"lama-{uuid.uuid4().hex[:6]}"
    st = Store.create(f"{pg_url}?kelas={kunci}", nama="Kelas Lama")
    st.upsert_peserta([Peserta(A, "Wédari")])
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for t in ("admin_setelan", "admin_rahasia", "sertifikat", "rilis_hasil", "kunci_modul",
                  "admin_log"):
            conn.execute(f'DROP TABLE "{st.skema}".{t}')
    st.save(A, "masalah", "akar_masalah", "tanpa tabel kunci")  # no kunci_modul: not locked
    pg._DDL_SIAP.clear()  # as a new process
    DataAdmin(f"{pg_url}?kelas={kunci}").kunci("masalah", oleh=FAS)
    with pytest.raises(AksesDitolak):
        st.save(A, "masalah", "akar_masalah", "sekarang terkunci")
    st.close()
