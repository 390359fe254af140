"""The PostgreSQL store backend (``sinovda.store.pg``) on a real server (fixture ``pg_url``):
chosen by URL or ``$SINOVDA_DB``, many classes in one database, errors in Indonesian. The full
store behaviour runs on both backends in tests/test_store_store.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinovda.domain.errors import GagalPenyimpanan, InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.store import Store, pg
from sinovda.store.pg import StorePG

NIP_A = "198503152010011001"  # ranah.md: valid PNS NIP


def test_a_postgresql_url_with_a_class_key_opens_the_postgresql_store(pg_url: str):
    st = Store.create(f"{pg_url}?kelas=angkatan-1", nama="Angkatan I")
    assert isinstance(st, StorePG)
    assert st.kunci == "angkatan-1" and st.skema == "kelas_angkatan_1"
    # a locator that went through Path() (the CLI's folder argument) still opens it
    again = Store.open(Path(f"{pg_url}?kelas=angkatan-1"))
    assert isinstance(again, StorePG) and again.kelas_info()["nama"] == "Angkatan I"


def test_sinovda_db_makes_the_class_argument_a_key(pg_url: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SINOVDA_DB", pg_url)
    st = Store.create(tmp_path / "angkatan-env", nama="Angkatan Env")
    assert isinstance(st, StorePG) and st.kunci == "angkatan-env"
    assert not (tmp_path / "angkatan-env").exists()  # no folder: the class is a key
    monkeypatch.delenv("SINOVDA_DB")
    assert type(Store.create(tmp_path / "berkas", nama="Berkas")) is Store  # SQLite as today
    assert (tmp_path / "berkas" / "sinovda.db").is_file()


def test_a_folder_class_opened_while_sinovda_db_is_set_is_named_as_a_folder(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The guide says ``export SINOVDA_DB=...``; later ``sinovda laporan --kelas /srv/kelas-x``
    (a folder class) in that shell said 'belum ada kelas kelas-x di basis data; buat dulu',
    inviting a new empty class. It names the folder and how to reach it instead."""
    monkeypatch.delenv("SINOVDA_DB", raising=False)
    Store.create(tmp_path / "kelas-folder", nama="Kelas Folder")
    monkeypatch.setenv("SINOVDA_DB", pg_url)
    with pytest.raises(InputTidakValid) as e:
        Store.open(tmp_path / "kelas-folder")
    assert "adalah folder kelas (SQLite)" in str(e.value) and "env -u SINOVDA_DB" in str(e.value)
    assert "buat dulu" not in str(e.value)
    with pytest.raises(InputTidakValid, match="belum ada kelas tiada-folder di basis data"):
        Store.open(tmp_path / "tiada-folder")  # no such folder: the usual message


def test_sinovda_db_with_a_class_key_is_refused_saying_to_use_kelas(
        pg_url: str, monkeypatch: pytest.MonkeyPatch):
    """``SINOVDA_DB=postgresql://...?kelas=angkatan-1`` (a class locator where the database is
    meant) met the key of ``--kelas`` as a second ``kelas=`` and libpq refused it: a bare
    'galat basis data'. It is named, with what to write instead."""
    Store.create(f"{pg_url}?kelas=dengan-kunci", nama="Dengan Kunci").close()
    monkeypatch.setenv("SINOVDA_DB", f"{pg_url}?kelas=dengan-kunci")
    with pytest.raises(InputTidakValid) as e:
        Store.open("dengan-kunci")
    assert "SINOVDA_DB: alamat basis data tidak boleh memuat ?kelas=" in str(e.value)
    assert "--kelas dengan-kunci" in str(e.value) and "galat basis data" not in str(e.value)
    assert pg.tanpa_kelas(pg_url, "--db") == pg_url  # a database address passes as it is


def test_a_class_key_with_a_final_newline_is_refused(pg_url: str,
                                                     monkeypatch: pytest.MonkeyPatch):
    """``kelas buat $'angkatan-5\\n'`` (a pasted key) made a class no one can type ('$' in the
    pattern matched before the newline); the key is refused like any odd character."""
    for kunci in ("angkatan-5\n", "angkatan-5\r\n", "\nangkatan-5"):
        with pytest.raises(InputTidakValid, match="tidak sah"):
            pg.periksa_kunci(kunci)
        monkeypatch.setenv("SINOVDA_DB", pg_url)  # the key as typed after kelas buat
        with pytest.raises(InputTidakValid, match="tidak sah"):
            Store.create(kunci, nama="Baris Baru")
        monkeypatch.delenv("SINOVDA_DB")
    assert pg.periksa_kunci("angkatan-5") == "angkatan-5"
    assert "angkatan-5\n" not in [k for k, _ in pg.daftar_kelas(pg_url)]


def test_many_classes_in_one_database_keep_their_own_answers(pg_url: str):
    a = Store.create(f"{pg_url}?kelas=banyak-a", nama="Kelas A")
    b = Store.create(f"{pg_url}?kelas=banyak-b", nama="Kelas B")
    for st in (a, b):
        st.upsert_peserta([Peserta(NIP_A, "Ni Luh Putu Ayu Wédari")])
    a.save(NIP_A, "masalah", "akar_masalah", "antrean loket")
    b.save(NIP_A, "masalah", "akar_masalah", "data ganda")
    assert a.load(NIP_A, "masalah", "akar_masalah") == "antrean loket"
    assert b.load(NIP_A, "masalah", "akar_masalah") == "data ganda"
    kelas = dict(pg.daftar_kelas(pg_url))
    assert kelas["banyak-a"] == "Kelas A" and kelas["banyak-b"] == "Kelas B"


def test_an_existing_key_is_refused_and_keeps_its_data(pg_url: str):
    st = Store.create(f"{pg_url}?kelas=ada", nama="Asli")
    st.upsert_peserta([Peserta(NIP_A, "Wédari")])
    st.save(NIP_A, "masalah", "akar_masalah", "tetap")
    with pytest.raises(InputTidakValid, match="sudah ada kelas 'Asli' dengan kunci ada"):
        Store.create(f"{pg_url}?kelas=ada", nama="Lain")
    assert Store.open(f"{pg_url}?kelas=ada").load(NIP_A, "masalah", "akar_masalah") == "tetap"


def test_a_key_differing_only_by_dash_or_underscore_is_refused_clearly(pg_url: str):
    """'angkatan_1' and 'angkatan-1' share one schema name: the second was refused with only
    'galat basis data'; now the message names the existing class, which stays as it was."""
    import uuid

    awal = "u" + uuid.uuid4().hex[:8]
    st = Store.create(f"{pg_url}?kelas={awal}-1", nama="Angkatan I")
    st.upsert_peserta([Peserta("199002282015032004", "Wayan Sudarma")])
    st.close()
    with pytest.raises(InputTidakValid, match=f"terlalu mirip kunci kelas yang sudah ada, "
                                              f"{awal}-1 .'Angkatan I'."):
        Store.create(f"{pg_url}?kelas={awal}_1", nama="Angkatan Lain")
    st = Store.open(f"{pg_url}?kelas={awal}-1")
    assert st.kelas_info()["nama"] == "Angkatan I" and len(st.daftar_peserta()) == 1
    st.close()
    assert f"{awal}_1" not in dict(pg.daftar_kelas(pg_url))


def test_opening_a_missing_class_says_how_to_make_it(pg_url: str):
    with pytest.raises(InputTidakValid, match="belum ada kelas tidak-ada di basis data"):
        Store.open(f"{pg_url}?kelas=tidak-ada")


@pytest.mark.parametrize("kunci", ["Besar", "ada spasi", "x" * 41, "-awal", "a;drop"])
def test_a_bad_class_key_is_refused_in_indonesian(kunci: str):
    with pytest.raises(InputTidakValid, match="kunci kelas .* tidak sah"):
        pg.periksa_kunci(kunci)


def test_a_url_without_a_class_key_says_what_to_add():
    with pytest.raises(InputTidakValid, match=r"tambahkan \?kelas=KUNCI"):
        Store.open("postgresql://127.0.0.1:1/sinovda")


def test_an_unreachable_server_is_said_in_indonesian():
    from conftest import port_bebas

    url = f"postgresql://sinovda:rahasia@127.0.0.1:{port_bebas()}/sinovda?kelas=a"
    with pytest.raises(GagalPenyimpanan) as e:
        Store.open(url)
    pesan = str(e.value)
    assert "tidak dapat dihubungi" in pesan and "tetap aman" in pesan
    assert "rahasia" not in pesan  # the password never goes into a message
    assert "connection" not in pesan.lower()  # no English driver text


@pytest.mark.parametrize(("ubah", "alasan"), [
    (lambda u: u.replace("sinovda@", "bukan_akun:rahasia@", 1),
     "login ke server basis data ditolak"),
    (lambda u: u.rsplit("/", 1)[0] + "/tidak_ada_db", "basis data di server PostgreSQL tidak ada"),
    (lambda u: u.rsplit(":", 1)[0] + ":abc/sinovda", "alamat basis data tidak sah"),
])
def test_a_refused_connection_says_why_not_unreachable(pg_url: str, ubah, alasan: str):
    """A wrong account or password, a database that does not exist or a malformed address
    option: the trainer is told which (libpq gives no SQLSTATE for these), never 'server not
    reachable' for a server that answered."""
    with pytest.raises(GagalPenyimpanan) as e:
        Store.open(ubah(pg_url) + "?kelas=a")
    pesan = str(e.value)
    assert alasan in pesan and "tidak dapat dihubungi" not in pesan
    assert "rahasia" not in pesan and "failed" not in pesan
    # the address came from a locator (or --db), not $SINOVDA_DB: no pointer to the variable
    assert "SINOVDA_DB" not in pesan


@pytest.mark.parametrize("nilai", ["postgresq://a:rahasia@127.0.0.1/db", "mysql://a@b/c",
                                   "postgresql//a@b/c"])
def test_a_mistyped_sinovda_db_is_refused_not_a_quiet_folder(nilai: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    """A typo in ``$SINOVDA_DB`` used to be ignored: ``kelas buat KEY`` then made a SQLite
    folder in the current directory while the trainer believed the class was in the database."""
    monkeypatch.setenv("SINOVDA_DB", nilai)
    with pytest.raises(InputTidakValid, match="SINOVDA_DB diatur tetapi bukan alamat") as e:
        Store.create(tmp_path / "angkatan-3", nama="Angkatan III")
    assert not (tmp_path / "angkatan-3").exists()
    assert "rahasia" not in str(e.value)
    monkeypatch.setenv("SINOVDA_DB", " ")  # empty: a folder class, as before
    Store.create(tmp_path / "angkatan-3", nama="Angkatan III").close()
    assert (tmp_path / "angkatan-3" / "sinovda.db").is_file()


def test_a_server_error_during_a_save_rolls_back_and_loses_nothing(pg_url: str):
    st = Store.create(f"{pg_url}?kelas=putus", nama="Putus")
    st.upsert_peserta([Peserta(NIP_A, "Wédari")])
    st.save(NIP_A, "masalah", "akar_masalah", "tersimpan")
    # the server ends this connection (as on a restart): the save fails in Indonesian ...
    pid = st._conn().raw.info.backend_pid
    Store.open(f"{pg_url}?kelas=putus")._baca("SELECT pg_terminate_backend(?)", (pid,))
    with pytest.raises(GagalPenyimpanan, match="Penyimpanan gagal.*tetap aman"):
        st.save(NIP_A, "masalah", "akar_masalah", "hilang?")
    # ... nothing half-written, and the next save reconnects
    assert st.load(NIP_A, "masalah", "akar_masalah") == "tersimpan"
    st.save(NIP_A, "masalah", "akar_masalah", "lagi")
    assert st.load(NIP_A, "masalah", "akar_masalah") == "lagi"


def test_the_dialect_adapts_only_what_the_store_uses():
    assert pg.dialek("SELECT 1 FROM t WHERE a = ? AND b LIKE '5%'") == \
        "SELECT 1 FROM t WHERE a = %s AND b LIKE '5%%'"
    assert pg.dialek("INSERT INTO revisi (a) VALUES (?)").endswith(" RETURNING id")
    assert "ON CONFLICT (key) DO UPDATE" in pg.dialek(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")


def test_hub_accounts_of_a_postgresql_class_live_in_its_database(pg_url: str):
    """The authenticator and spawner (``DaftarAkun``) of a PostgreSQL class: accounts, roles,
    passcodes and the login lockout, with no class folder or SQLite file anywhere."""
    import uuid

    from sinovda.data.settings import AturanMasuk
    from sinovda.hub.akun import DaftarAkun

    # accounts are database-wide and the session's database holds other tests' classes: a NIP
    # of this test only (NIP_A, once a member of another class, is not relabelled by this
    # class's roster: the relabel count is then 0)
    nip = f"198503152010012{1 + uuid.uuid4().int % 999:03d}"  # (digit 15: 2, perempuan)
    lokasi = f"{pg_url}?kelas=akun-pg"
    st = Store.create(lokasi, nama="Akun PG")
    st.upsert_peserta([Peserta(nip, "Wédari")])
    akun = DaftarAkun(lokasi)
    assert akun.sinkron_peserta([(nip, "Wédari")]) == 1
    assert akun.sinkron_peserta([(nip, "Wédari")]) == 1  # label refreshed, no duplicate
    kode = akun.tambah_fasilitator("ratna", "Dr. Ratna")
    assert akun.peran("ratna") == "fasilitator" and akun.peran(nip) == "peserta"
    assert akun.peran("tamu") is None
    assert [a.nama for a in akun.daftar()] == ["ratna", nip]
    aturan = AturanMasuk(gagal_maks=3, jeda_detik=0)
    assert akun.masuk("ratna", kode, "10.0.0.1", aturan).berhasil
    for _ in range(3):
        assert not akun.masuk("ratna", "SALAH222", "10.0.0.1", aturan).berhasil
    hasil = akun.masuk("ratna", kode, "10.0.0.1", aturan)  # locked: even the right passcode
    assert not hasil.berhasil and hasil.terkunci is not None
    assert akun.buka_kunci("ratna")
    assert DaftarAkun(lokasi).masuk("ratna", kode, "10.0.0.1", aturan).berhasil  # a new reader
    with pytest.raises(InputTidakValid, match="belum ada kelas"):
        DaftarAkun(f"{pg_url}?kelas=akun-tidak-ada").peran("ratna")


def test_the_cli_works_on_a_postgresql_class_with_sinovda_db(pg_url: str, tmp_path: Path):
    """What a BPSDM admin types: SINOVDA_DB set, classes named by key; no folder is made."""
    import os
    import subprocess
    import sys

    from sinovda.paths import DATASETS_DIR

    env = {k: v for k, v in os.environ.items() if k != "SINOVDA_KELAS"}
    env["SINOVDA_DB"] = pg_url

    def sinovda(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sinovda.cli.main", *args], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=120)

    r = sinovda("kelas", "buat", "cli-gianyar", "--nama", "Angkatan I Gianyar")
    assert r.returncode == 0, r.stderr
    assert "dibuat di postgresql://" in r.stdout and "kelas=cli-gianyar" in r.stdout
    r = sinovda("peserta", "impor", str(DATASETS_DIR / "peserta_contoh.csv"),
                "--kelas", "cli-gianyar", "--kelas-lain")  # other tests' classes: same NIPs
    assert r.returncode == 0, r.stderr
    r = sinovda("kelas", "info", "--kelas", "cli-gianyar")
    assert "Angkatan I Gianyar" in r.stdout and "peserta: 42" in r.stdout
    r = sinovda("kelas", "info", "--kelas", "Bukan Kunci")
    assert r.returncode == 2 and "kunci kelas" in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []  # the class is a key: nothing on disk


def test_the_roster_order_is_sqlites_whatever_the_database_locale(pg_url: str, tmp_path: Path):
    """A database created with an Indonesian (ICU) collation still lists participants, and so
    the recap's rows, in the same order as a class file (SQLite's BINARY order)."""
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS urut_id")
        conn.execute("CREATE DATABASE urut_id TEMPLATE template0 LOCALE_PROVIDER icu "
                     "ICU_LOCALE 'id-ID' LOCALE 'C.UTF-8'")
    url_id = pg_url.rsplit("/", 1)[0] + "/urut_id"
    peserta = [Peserta(f"19850315201001100{i}", n) for i, n in enumerate(
        ["wayan Sudarta", "Ṛai", "Wédari", "ade", "Ade", "Zainal", "Ébo", "Ni Luh"], start=1)]
    urutan = []
    for tempat in (str(tmp_path / "berkas"), f"{url_id}?kelas=urut"):
        st = Store.create(tempat, nama="Urutan")
        st.upsert_peserta(peserta)
        urutan.append([p.nama for p in st.daftar_peserta()])
        st.close()
    assert urutan[0] == urutan[1] == sorted(p.nama for p in peserta)


def test_without_psycopg_a_postgresql_class_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch):
    import sys

    from sinovda.domain.errors import SinovdaError
    from sinovda.store.admin import DataAdmin

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as without the [pg] extra
    for buka in (lambda: Store.open("postgresql://h/db?kelas=k"),
                 lambda: Store.create("postgresql://h/db?kelas=k", nama="K"),
                 lambda: DataAdmin("postgresql://h/db?kelas=k"),
                 lambda: pg.daftar_kelas("postgresql://h/db")):
        with pytest.raises(SinovdaError, match=r'pip install "sinovda\[pg\]"'):
            buka()
