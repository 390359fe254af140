"""The accounts repository (``sinovda.store.akun``): a SQLite class keeps its own accounts; a
PostgreSQL database has database-level accounts with memberships, so one facilitator name and
passcode serves several classes. The hub reaches accounts only through it (no sqlite3 in hub)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sinovda.data.settings import AturanMasuk
from sinovda.domain.errors import InputTidakValid, SinovdaError
from sinovda.domain.peserta import Peserta
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.akun import AkunPG, AkunSQLite, RepoAkun, buka_akun

NIP_A, NIP_B = "198503152010011001", "197506171999042901"
HUB = Path(__file__).resolve().parents[1] / "sinovda" / "hub"


def test_hub_tidak_membuka_basis_data_sendiri():
    """Accounts and roles reach the authenticator, spawner and store service through the store
    package: no module of sinovda/hub imports sqlite3 or psycopg."""
    salah = []
    for path in sorted(HUB.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            nama = ([a.name for a in node.names] if isinstance(node, ast.Import)
                    else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            salah += [f"{path.name}: {n}" for n in nama
                      if n.split(".")[0] in {"sqlite3", "psycopg"}]
    assert salah == []


def test_kelas_sqlite_memakai_berkasnya_sendiri(tmp_path: Path):
    Store.create(tmp_path / "k", nama="K")
    repo = buka_akun(tmp_path / "k")
    assert isinstance(repo, AkunSQLite) and isinstance(repo, RepoAkun)
    assert repo.kelas_anggota("x") == []
    with pytest.raises(InputTidakValid, match="PostgreSQL"):
        repo.gabung("budi", ["a"])
    with pytest.raises(SinovdaError, match="kelas buat"):
        buka_akun(tmp_path / "tidak-ada")


def _kelas(url: str, kunci: str, peserta: list[str]) -> str:
    lokasi = f"{url}?kelas={kunci}"
    st = Store.create(lokasi, nama=f"Kelas {kunci}")
    st.upsert_peserta([Peserta(n, f"Peserta {n[-3:]}") for n in peserta])
    DaftarAkun(lokasi).sinkron_peserta([(n, f"Peserta {n[-3:]}") for n in peserta])
    return lokasi


def test_satu_fasilitator_banyak_kelas_di_postgresql(pg_url: str):
    import uuid

    u = uuid.uuid4().hex[:6]
    ka, kb = f"ak{u}-a", f"ak{u}-b"
    la, lb = _kelas(pg_url, ka, [NIP_A]), _kelas(pg_url, kb, [NIP_B])
    akun_a = DaftarAkun(la)
    assert isinstance(akun_a.repo, AkunPG)
    kode = akun_a.tambah_fasilitator(f"f{u}", "Dr. Ratna")
    # the same name in another class: not a second account, a membership
    with pytest.raises(InputTidakValid, match="fasilitator gabung"):
        DaftarAkun(lb).tambah_fasilitator(f"f{u}")
    assert DaftarAkun(lb).get(f"f{u}") is None  # not yet a member of B
    assert akun_a.gabung_fasilitator(f"f{u}", [kb]) == 1
    assert akun_a.gabung_fasilitator(f"f{u}", [kb]) == 0  # already
    akun_b = DaftarAkun(lb)
    assert akun_b.peran(f"f{u}") == "fasilitator"
    assert akun_b.cek(f"f{u}", kode) is not None  # ONE passcode for both classes
    # scopes: each class sees its own participants; the database sees both classes
    assert [a.nama for a in akun_a.daftar()] == [f"f{u}", NIP_A]
    assert [a.nama for a in akun_b.daftar()] == [f"f{u}", NIP_B]
    semua = DaftarAkun(pg_url, kelas=[ka, kb])
    assert set(semua.kelas_anggota(f"f{u}")) == {ka, kb}
    assert semua.kelas_anggota(NIP_A) == [ka]
    assert DaftarAkun(pg_url, kelas=[kb]).peran(NIP_A) is None  # A is not served by that hub
    assert semua.masuk(f"f{u}", kode, "10.1.1.1", AturanMasuk(jeda_detik=0)).berhasil
    # a roster sync never makes a facilitator a participant member
    akun_b.sinkron_peserta([(f"f{u}", "Bukan Peserta")])
    assert akun_b.peran(f"f{u}") == "fasilitator"
    # leaving one class keeps the account for the other; leaving the last removes it
    akun_a.hapus_fasilitator(f"f{u}")
    assert DaftarAkun(la).get(f"f{u}") is None and akun_b.cek(f"f{u}", kode) is not None
    akun_b.hapus_fasilitator(f"f{u}")
    assert not akun_b.repo.ada(f"f{u}")
    with pytest.raises(InputTidakValid, match="belum ada kelas"):
        DaftarAkun(pg_url, kelas=["tidak-ada-kelas"])


def test_peserta_dua_kelas_satu_akun_kelas_terbaru_dulu(pg_url: str):
    import uuid

    u = uuid.uuid4().hex[:6]
    ka, kb = f"ap{u}-lama", f"ap{u}-baru"
    _kelas(pg_url, ka, [NIP_A])
    _kelas(pg_url, kb, [NIP_A])  # created later
    akun = DaftarAkun(pg_url, kelas=[ka, kb])
    assert akun.kelas_anggota(NIP_A) == [kb, ka]  # the newest class first
    assert len([a for a in akun.daftar() if a.nama == NIP_A]) == 1


def test_a_data_only_database_role_can_use_the_accounts(pg_url: str):
    """Accounts made by the owner role (``fasilitator tambah``, ``kode-akses``) are usable by a
    role with only read/write rights (no CREATE on ``public``, PostgreSQL 15's default): the
    hub and the store service may run as it."""
    import uuid

    import psycopg

    u = uuid.uuid4().hex[:6]
    lokasi = _kelas(pg_url, f"ad{u}", [NIP_A])
    kode = DaftarAkun(lokasi).tambah_fasilitator(f"f{u}")
    peran = f"app_{u}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {peran} LOGIN")
        conn.execute(f"GRANT SELECT ON public.sinovda_kelas TO {peran}")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON public.sinovda_akun, "
                     f"public.sinovda_anggota, public.sinovda_masuk_gagal TO {peran}")
    url = pg_url.replace("//sinovda@", f"//{peran}@")
    akun = DaftarAkun(url, kelas=[f"ad{u}"])
    assert akun.masuk(f"f{u}", kode, "10.2.2.2", AturanMasuk(jeda_detik=0)).berhasil
    assert akun.peran(NIP_A) == "peserta" and akun.set_kode(NIP_A)
    with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("CREATE TABLE public.coba (x int)")  # the role really cannot create


def test_kelas_buat_makes_the_account_tables_so_a_data_only_role_runs_right_after(
        pg_url: str, tmp_path: Path):
    """In a fresh database, ``sinovda kelas buat`` (the owner) makes the account tables too, so
    the hub and the store service can run as a data-only role before any account command."""
    import os
    import subprocess
    import sys
    import uuid

    import psycopg

    u = uuid.uuid4().hex[:6]
    db, peran = f"akunbaru_{u}", f"hub_{u}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {db}")
    url = f"{pg_url.rsplit('/', 1)[0]}/{db}"
    try:
        sinovda = str(Path(sys.executable).parent / "sinovda")
        r = subprocess.run([sinovda, "kelas", "buat", "angkatan-1", "--nama", "Angkatan I"],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path,
                           env={**os.environ, "SINOVDA_DB": url})
        assert r.returncode == 0, r.stderr
        with psycopg.connect(url, autocommit=True) as conn:
            for t in ("sinovda_akun", "sinovda_anggota", "sinovda_masuk_gagal"):
                assert conn.execute("SELECT to_regclass(%s)", (f"public.{t}",)).fetchone()[0]
            conn.execute(f"CREATE ROLE {peran} LOGIN")
            conn.execute(f"GRANT SELECT ON public.sinovda_kelas TO {peran}")
            conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON public.sinovda_akun, "
                         f"public.sinovda_anggota, public.sinovda_masuk_gagal TO {peran}")
        akun = DaftarAkun(url.replace("//sinovda@", f"//{peran}@"), kelas=["angkatan-1"])
        assert akun.sinkron_peserta([(NIP_A, "Ani")]) == 1
        assert akun.peran(NIP_A) == "peserta" and akun.kelas_anggota(NIP_A) == ["angkatan-1"]
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {db} WITH (FORCE)")
            conn.execute(f"DROP ROLE IF EXISTS {peran}")
