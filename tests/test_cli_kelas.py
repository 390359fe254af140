"""The ``sinovda`` command as a user types it: class, roster, workbook and demo subcommands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sinovda.paths import DATASETS_DIR

NIP_A = "198503152010011001"  # ranah.md: valid PNS NIP
NIP_B = "199002282015032004"


def sinovda(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:  # noqa: E501
    """Run the real command in a subprocess, as a user would."""
    full_env = {k: v for k, v in os.environ.items() if k != "SINOVDA_KELAS"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "sinovda.cli.main", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_user_error(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    p = tmp_path / "roster.csv"
    p.write_text(
        "NIP,Nama,Jabatan,OPD,Instansi,Email\n"
        f"{NIP_A},Ni Luh Putu Ayu Wédari,Analis Kebijakan,Bappeda,Kabupaten Gianyar,\n"
        f"{NIP_B},Muhammad Ja'far,Kepala Seksi,Dinas Kesehatan,Kota Makassar,jafar@contoh.go.id\n",
        encoding="utf-8",
    )
    return p


def test_help_is_in_bahasa_indonesia(tmp_path: Path):
    r = sinovda("--help", cwd=tmp_path)
    assert r.returncode == 0
    for word in ("kelas", "peserta", "ekspor", "impor", "demo", "opsi"):
        assert word in r.stdout


def test_class_roster_and_listing(tmp_path: Path, roster: Path):
    r = sinovda("kelas", "buat", "k1", "--nama", "Angkatan I", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "k1" / "sinovda.db").exists()
    r = sinovda("peserta", "impor", str(roster), "--kelas", "k1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "2 baru" in r.stdout
    # re-import updates, never duplicates
    r = sinovda("peserta", "impor", str(roster), "--kelas", "k1", cwd=tmp_path)
    assert "0 baru" in r.stdout and "2 diperbarui" in r.stdout
    r = sinovda("peserta", "daftar", "--kelas", "k1", cwd=tmp_path)
    assert "Ni Luh Putu Ayu Wédari" in r.stdout and "Muhammad Ja'far" in r.stdout
    assert "(2 peserta)" in r.stdout


def test_kelas_defaults_to_env_then_dot_kelas(tmp_path: Path, roster: Path):
    assert sinovda("kelas", "buat", "kelas", "--nama", "Bawaan", cwd=tmp_path).returncode == 0
    r = sinovda("peserta", "impor", str(roster), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    other = tmp_path / "lain"
    assert sinovda("kelas", "buat", str(other), "--nama", "Lain", cwd=tmp_path).returncode == 0
    r = sinovda("peserta", "daftar", cwd=tmp_path, env={"SINOVDA_KELAS": str(other)})
    assert "Belum ada peserta" in r.stdout


def test_creating_a_class_twice_is_refused_and_keeps_data(tmp_path: Path, roster: Path):
    sinovda("kelas", "buat", "k", "--nama", "A", cwd=tmp_path)
    sinovda("peserta", "impor", str(roster), "--kelas", "k", cwd=tmp_path)
    r = sinovda("kelas", "buat", "k", "--nama", "B", cwd=tmp_path)
    assert_user_error(r)
    r = sinovda("peserta", "daftar", "--kelas", "k", cwd=tmp_path)
    assert "(2 peserta)" in r.stdout


def test_user_mistakes_exit_2_in_indonesian(tmp_path: Path, roster: Path):
    assert_user_error(sinovda("peserta", "daftar", "--kelas", "tidak-ada", cwd=tmp_path))
    assert_user_error(sinovda("kelas", "buat", "k", cwd=tmp_path), "wajib")
    sinovda("kelas", "buat", "k", "--nama", "A", cwd=tmp_path)
    assert_user_error(
        sinovda("peserta", "impor", "hilang.csv", "--kelas", "k", cwd=tmp_path), "hilang.csv"
    )
    bad = tmp_path / "buruk.csv"
    bad.write_text(
        "NIP,Nama,Jabatan,OPD,Instansi\n"
        "198513322010011002,Budi,Staf,Bappeda,Kab. Sleman\n"
        f"{NIP_A},,Staf,Bappeda,Kab. Sleman\n",
        encoding="utf-8",
    )
    r = sinovda("peserta", "impor", str(bad), "--kelas", "k", cwd=tmp_path)
    assert_user_error(r, "198513322010011002", "13")
    r = sinovda("peserta", "daftar", "--kelas", "k", cwd=tmp_path)
    assert "Belum ada peserta" in r.stdout  # nothing imported from a bad file
    assert_user_error(sinovda("ekspor", NIP_A, "--ke", "x.json", "--kelas", "k", cwd=tmp_path))
    junk = tmp_path / "bukan.json"
    junk.write_text("<html>bukan json</html>", encoding="utf-8")
    assert_user_error(sinovda("impor", str(junk), "--kelas", "k", cwd=tmp_path), "bukan.json")


def test_export_then_import_into_another_class(tmp_path: Path, roster: Path):
    from sinovda.store import Store

    sinovda("kelas", "buat", "mandiri", "--nama", "Belajar mandiri", cwd=tmp_path)
    sinovda("peserta", "impor", str(roster), "--kelas", "mandiri", cwd=tmp_path)
    st = Store.open(tmp_path / "mandiri")
    isu = [{"judul": "Antrean panjang", "apkl": {"aktual": True, "problematik": True,
            "kekhalayakan": True, "kelayakan": True}, "usg": {"u": 5, "s": 4, "g": 4}}]
    st.save(NIP_A, "masalah", "isu", isu)
    st.save(NIP_A, "masalah", "akar_masalah", "Loket tunggal <b>manual</b> & lambat")
    r = sinovda("ekspor", NIP_A, "--ke", "buku.json", "--kelas", "mandiri", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "buku.json").read_text(encoding="utf-8"))
    assert data["peserta"]["nama"] == "Ni Luh Putu Ayu Wédari"

    sinovda("kelas", "buat", "kelas", "--nama", "Angkatan I", cwd=tmp_path)
    r = sinovda("impor", "buku.json", "--kelas", "kelas", cwd=tmp_path)
    assert_user_error(r, NIP_A, "--peserta-baru")  # not on this class's roster
    r = sinovda("impor", "buku.json", "--peserta-baru", "--kelas", "kelas", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"peserta baru ditambahkan ke daftar peserta: {NIP_A}" in r.stdout
    kelas = Store.open(tmp_path / "kelas")
    assert kelas.load(NIP_A, "masalah", "isu") == isu
    assert kelas.load(NIP_A, "masalah", "akar_masalah") == "Loket tunggal <b>manual</b> & lambat"
    assert kelas.get_peserta(NIP_A).nama == "Ni Luh Putu Ayu Wédari"

    # a newer answer in the class is kept unless --timpa
    kelas.save(NIP_A, "masalah", "akar_masalah", "jawaban baru di kelas")
    sinovda("impor", "buku.json", "--kelas", "kelas", cwd=tmp_path)
    assert kelas.load(NIP_A, "masalah", "akar_masalah") == "jawaban baru di kelas"
    sinovda("impor", "buku.json", "--timpa", "--kelas", "kelas", cwd=tmp_path)
    assert kelas.load(NIP_A, "masalah", "akar_masalah") == "Loket tunggal <b>manual</b> & lambat"


def test_demo_builds_the_demo_class(tmp_path: Path):
    from sinovda.store import Store

    r = sinovda("demo", "--tanpa-laporan", "--kelas", "demo", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert str((tmp_path / "demo").resolve()) in r.stdout
    st = Store.open(tmp_path / "demo")
    roster_rows = (DATASETS_DIR / "peserta_contoh.csv").read_text(encoding="utf-8").splitlines()
    assert len(st.daftar_peserta()) == len(roster_rows) - 1 >= 30
    filled = [p.nip for p in st.daftar_peserta() if st.load_all(p.nip)]
    assert st.kelas_info()["fasilitator"]  # rated by name in module 06
    assert len(filled) == len(st.daftar_peserta())
    # running it again rebuilds it; a real class is never overwritten by the demo
    assert sinovda("demo", "--tanpa-laporan", "--kelas", "demo", cwd=tmp_path).returncode == 0
    sinovda("kelas", "buat", "nyata", "--nama", "Kelas nyata", cwd=tmp_path)
    assert_user_error(sinovda("demo", "--tanpa-laporan", "--kelas", "nyata", cwd=tmp_path))


def test_facilitators_recorded_for_the_course_evaluation(tmp_path: Path):
    from sinovda.forms.aturan_penutup import nama_fasilitator
    from sinovda.store import Store

    r = sinovda("kelas", "buat", "k", "--nama", "A", "--fasilitator", "Dr. Ratna Wulandari",
                "--fasilitator", "Bagus Prakoso", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    st = Store.open(tmp_path / "k")
    assert nama_fasilitator(st) == ["Dr. Ratna Wulandari", "Bagus Prakoso"]
    assert "Bagus Prakoso" in sinovda("kelas", "info", "--kelas", "k", cwd=tmp_path).stdout


def test_a_class_folder_that_is_a_file_is_a_user_error(tmp_path: Path):
    berkas = tmp_path / "catatan.txt"
    berkas.write_text("jangan ditimpa", encoding="utf-8")
    r = sinovda("kelas", "buat", str(berkas), "--nama", "A", cwd=tmp_path)
    assert_user_error(r, "catatan.txt", "bukan folder")
    assert berkas.read_text(encoding="utf-8") == "jangan ditimpa"


# ----- operating-system errors (issue 8 item 7): Indonesian, exit 2, nothing lost -----------
def _disk_hampir_penuh(batas: int):
    """A child process that may not grow any file beyond ``batas`` bytes: writes past it fail as
    on a full disk (RLIMIT_FSIZE; SIGXFSZ ignored so the write returns an error)."""
    import resource
    import signal

    def siapkan() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (batas, resource.RLIM_INFINITY))

    return siapkan


def sinovda_disk_penuh(*args: str, cwd: Path, batas: int = 64 * 1024
                       ) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "SINOVDA_KELAS"}
    full_env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-m", "sinovda.cli.main", *args], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=120,
                          preexec_fn=_disk_hampir_penuh(batas))


def _roster_besar(path: Path, n: int = 1500) -> Path:
    baris = ["NIP,Nama,Jabatan,OPD,Instansi,Email"]
    baris += [f"19850315201001{i // 750 + 1}{i % 750 + 1:03d},Peserta {i:04d},Analis Kebijakan "
              f"Ahli Muda,Badan Perencanaan Pembangunan Daerah,Kabupaten Contoh,p{i}@contoh.go.id"
              for i in range(n)]
    path.write_text("\n".join(baris) + "\n", encoding="utf-8")
    return path


def assert_disk_penuh(r: subprocess.CompletedProcess) -> None:
    assert_user_error(r, "Penyimpanan gagal", "disk penuh")
    for inggris in ("database or disk is full", "OperationalError", "cannot rollback",
                    "File too large", "Errno"):
        assert inggris not in r.stderr, r.stderr


def test_roster_import_on_a_full_disk_is_an_indonesian_error_and_imports_nothing(
        tmp_path: Path, roster: Path):
    sinovda("kelas", "buat", "k", "--nama", "A", cwd=tmp_path)
    sinovda("peserta", "impor", str(roster), "--kelas", "k", cwd=tmp_path)
    besar = _roster_besar(tmp_path / "besar.csv")
    r = sinovda_disk_penuh("peserta", "impor", str(besar), "--kelas", "k", cwd=tmp_path)
    assert_disk_penuh(r)
    r = sinovda("peserta", "daftar", "--kelas", "k", cwd=tmp_path)
    assert "(2 peserta)" in r.stdout  # the earlier roster is intact, nothing half-imported


def test_workbook_import_and_export_on_a_full_disk(tmp_path: Path, roster: Path):
    from sinovda.store import Store

    sinovda("kelas", "buat", "k", "--nama", "A", cwd=tmp_path)
    sinovda("peserta", "impor", str(roster), "--kelas", "k", cwd=tmp_path)
    st = Store.open(tmp_path / "k")
    st.save(NIP_A, "masalah", "akar_masalah", "tersimpan sebelumnya")
    for i in range(40):
        st.save(NIP_B, "monev", f"catatan{i}", "catatan panjang " * 200)
    st.close()
    # export: the JSON file would exceed the limit; no temporary file stays behind
    r = sinovda_disk_penuh("ekspor", NIP_B, "--ke", "buku.json", "--kelas", "k", cwd=tmp_path)
    assert_disk_penuh(r)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k", "roster.csv"]
    # import of a large workbook: refused whole, earlier answers intact
    r = sinovda("ekspor", NIP_B, "--ke", "buku.json", "--kelas", "k", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "buku.json").read_text(encoding="utf-8"))
    data["peserta"] = {"nip": NIP_A, "nama": "Ni Luh Putu Ayu Wédari"}
    (tmp_path / "buku-a.json").write_text(json.dumps(data), encoding="utf-8")
    r = sinovda_disk_penuh("impor", "buku-a.json", "--kelas", "k", cwd=tmp_path)
    assert_disk_penuh(r)
    st = Store.open(tmp_path / "k")
    assert st.load_all(NIP_A) == {"masalah": {"akar_masalah": "tersimpan sebelumnya"}}


def test_export_never_replaces_a_device_or_fifo(tmp_path: Path, roster: Path):
    sinovda("kelas", "buat", "k", "--nama", "A", cwd=tmp_path)
    sinovda("peserta", "impor", str(roster), "--kelas", "k", cwd=tmp_path)
    os.mkfifo(tmp_path / "pipa")
    for tujuan in ("/dev/full", "pipa", "k"):
        r = sinovda("ekspor", NIP_A, "--ke", tujuan, "--kelas", "k", cwd=tmp_path)
        assert_user_error(r, tujuan)
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k", "pipa", "roster.csv"]


def test_import_refuses_trainer_scores_and_lists_them(tmp_path: Path, roster: Path):
    sinovda("kelas", "buat", "k", "--nama", "A", cwd=tmp_path)
    sinovda("peserta", "impor", str(roster), "--kelas", "k", cwd=tmp_path)
    buku = {"format": "sinovda-workbook", "versi": 1,
            "peserta": {"nip": NIP_A, "nama": "Wédari"},
            "jawaban": [{"modul": "penilaian", "field": "rubrik", "value": {"k1": 5},
                         "saved_at": "2025-03-10T01:00:00Z"},
                        {"modul": "masalah", "field": "isu_inti", "value": "Antrean",
                         "saved_at": "2025-03-10T01:00:00Z"}]}
    (tmp_path / "buku.json").write_text(json.dumps(buku), encoding="utf-8")
    r = sinovda("impor", "buku.json", "--timpa", "--kelas", "k", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "baru 1" in r.stdout and "penilaian.rubrik" in r.stdout
    buku["jawaban"][1]["saved_at"] = "2099-01-01T00:00:00Z"
    (tmp_path / "buku.json").write_text(json.dumps(buku), encoding="utf-8")
    assert_user_error(sinovda("impor", "buku.json", "--kelas", "k", cwd=tmp_path),
                      "masa depan", "buku.json")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the command as another account")
@pytest.mark.usefixtures("repo_terbuka")
def test_a_class_this_account_may_not_open_is_permission_denied_not_missing(roster: Path):
    """Another account (nobody) runs the commands on a class folder it may not enter: it is told
    'izin ditolak', not 'no class here', and nothing changes."""
    import shutil
    import tempfile

    from sinovda.domain.errors import SinovdaError
    from sinovda.hub.konfigurasi import perintah_server

    try:  # a Python the other account can run (the hub's participant servers use the same)
        cmd, tambahan = perintah_server()
    except SinovdaError as e:
        pytest.skip(f"akun lain tidak dapat menjalankan sinovda di mesin ini: {e}")
    python = cmd[0] if tambahan else sys.executable
    luar = Path(tempfile.mkdtemp(prefix="sinovda-izin-"))
    try:
        os.chmod(luar, 0o755)
        sinovda("kelas", "buat", str(luar / "k"), "--nama", "A", cwd=luar)
        os.chmod(luar / "k", 0o700)
        salinan = luar / "roster.csv"
        shutil.copy(roster, salinan)
        os.chmod(salinan, 0o644)
        full_env = {k: v for k, v in os.environ.items() if k != "SINOVDA_KELAS"}
        full_env.update(tambahan, PYTHONDONTWRITEBYTECODE="1")
        for args in (("peserta", "impor", str(salinan)), ("peserta", "daftar"),
                     ("ekspor", NIP_A, "--ke", str(luar / "x.json"))):
            r = subprocess.run([python, "-m", "sinovda.cli.main", *args,
                                "--kelas", str(luar / "k")], cwd="/tmp", env=full_env,
                               capture_output=True, text=True, timeout=120, user=65534,
                               group=65534)
            assert_user_error(r, "izin ditolak")
            assert "belum ada kelas" not in r.stderr and "Permission" not in r.stderr
        r = sinovda("peserta", "daftar", "--kelas", str(luar / "k"), cwd=luar)
        assert "Belum ada peserta" in r.stdout
    finally:
        shutil.rmtree(luar)


@pytest.mark.parametrize("url", ["postgresql://[bukan-alamat", "postgresql://x:[1/db"])
def test_sinovda_db_rusak_keluar_2_tanpa_traceback(url, tmp_path, monkeypatch, capsys):
    from sinovda.cli.main import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SINOVDA_DB", url)
    monkeypatch.delenv("SINOVDA_KELAS", raising=False)
    assert main(["kelas", "info"]) == 2
    err = capsys.readouterr().err
    assert "alamat basis data PostgreSQL" in err and "tidak sah" in err


def test_kelas_buat_alamat_pg_rusak_keluar_2(tmp_path, monkeypatch, capsys):
    from sinovda.cli.main import main

    monkeypatch.chdir(tmp_path)
    assert main(["kelas", "buat", "postgresql://[bukan?kelas=a", "--nama", "X"]) == 2
    assert "alamat basis data PostgreSQL" in capsys.readouterr().err


def test_roster_dengan_nip_kelas_lain_di_basis_data_ditolak_tanpa_kelas_lain(pg_url, tmp_path):
    """PostgreSQL: a roster row whose NIP is on another class's roster (a typo, or someone else's
    participant) would move that participant on the hub to this newer class. Refused whole
    (exit 2, the NIP and the other class named, nothing imported) unless --kelas-lain."""
    import random
    import uuid

    from sinovda.store import Store

    u = uuid.uuid4().hex[:6]
    lama, baru = f"lama{u}", f"baru{u}"
    acak = random.Random(u)
    # NIPs of this test only (the session's database holds other tests' classes)
    nip_a, nip_b = (f"1980{acak.randint(1, 12):02d}{acak.randint(1, 28):02d}200501{g}"
                    f"{acak.randint(1, 999):03d}" for g in (1, 2))
    kepala = "NIP,Nama,Jabatan,OPD,Instansi,Email\n"
    satu, dua = tmp_path / "satu.csv", tmp_path / "dua.csv"
    satu.write_text(kepala + f"{nip_a},Ni Luh Ayu,Analis,Bappeda,Gianyar,\n", encoding="utf-8")
    dua.write_text(kepala + f"{nip_a},Ni Luh Ayu,Analis,Bappeda,Gianyar,\n"
                   f"{nip_b},Muhammad Ja'far,Kasi,Dinkes,Makassar,\n", encoding="utf-8")
    env = {"SINOVDA_DB": pg_url}
    for k in (lama, baru):
        assert sinovda("kelas", "buat", k, "--nama", k, cwd=tmp_path, env=env).returncode == 0
    r = sinovda("peserta", "impor", str(satu), "--kelas", lama, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    r = sinovda("peserta", "impor", str(dua), "--kelas", baru, cwd=tmp_path, env=env)
    assert_user_error(r, nip_a, f"kelas {lama}", "--kelas-lain", "tidak ada peserta yang diimpor")
    assert nip_b not in r.stderr
    assert Store.open(f"{pg_url}?kelas={baru}").daftar_peserta() == []
    r = sinovda("peserta", "impor", str(dua), "--kelas", baru, "--kelas-lain", cwd=tmp_path,
                env=env)
    assert r.returncode == 0 and "2 baru" in r.stdout, r.stderr
    # already on this class's roster: a later re-import needs no flag
    r = sinovda("peserta", "impor", str(dua), "--kelas", baru, cwd=tmp_path, env=env)
    assert r.returncode == 0 and "2 diperbarui" in r.stdout, r.stderr
    assert [p.nip for p in Store.open(f"{pg_url}?kelas={lama}").daftar_peserta()] == [nip_a]


def test_cek_kelas_lain_melewati_kunci_lama_yang_tidak_sah(pg_url, tmp_path):
    """A class whose key was made before keys were checked strictly (``'lama\\n'``, in the
    registry of a database of its own) does not stop every later roster import."""
    import uuid

    import psycopg

    db = f"kunci_lama_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {db}")
    url = pg_url.rsplit("/", 1)[0] + "/" + db
    env = {"SINOVDA_DB": url}
    assert sinovda("kelas", "buat", "baru", "--nama", "Baru", cwd=tmp_path, env=env).returncode == 0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO public.sinovda_kelas (kunci, skema, nama, dibuat) VALUES "
                      "(%s, %s, 'Lama', '2026-01-01')", ("lama\n", "kelas_lama\n"))
    roster = tmp_path / "r.csv"
    roster.write_text(f"NIP,Nama,Jabatan,OPD,Instansi\n{NIP_A},Ani,Staf,Bappeda,Gianyar\n",
                      encoding="utf-8")
    r = sinovda("peserta", "impor", str(roster), "--kelas", "baru", cwd=tmp_path, env=env)
    assert r.returncode == 0 and "1 baru" in r.stdout, r.stderr
