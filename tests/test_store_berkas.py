"""Finished class files in the class's store (``store.berkas.BerkasKelas``), on both backends:
what is stored is read back byte for byte by any process, a new version replaces the old one in
one transaction with its fingerprint, bad input stores nothing, and on PostgreSQL the table is
made by ``kelas buat`` so a data-only database role can keep reports right after."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.store import Store
from sinovda.store.berkas import KELAS, BerkasKelas

A, B = "198503152010011001", "199002282015032004"
PDF_A = b"%PDF-1.7\n" + bytes(range(256)) * 400  # ~100 KB, every byte value (bytea/BLOB)


def _kelas(lokasi: Callable[[str], str]) -> str:
    tempat = lokasi("berkas")
    st = Store.create(tempat, nama="Kelas Berkas")
    st.upsert_peserta([Peserta(A, "Ani"), Peserta(B, "Budi")])
    st.close()
    return tempat


def test_a_report_is_read_back_byte_for_byte_by_another_reader(lokasi):
    tempat = _kelas(lokasi)
    BerkasKelas(tempat).simpan(A, {"laporan.pdf": PDF_A}, "sidik-1")
    lain = BerkasKelas(Store.open(tempat))  # another reader: through an open store
    assert lain.baca(A, "laporan.pdf") == PDF_A
    assert lain.baca(B, "laporan.pdf") is None and lain.baca(A, "sertifikat.pdf") is None
    assert lain.sidik("laporan.pdf") == {A: "sidik-1"}
    info = lain.daftar()
    assert [(i.nip, i.jenis, i.sidik, i.ukuran) for i in info] == [
        (A, "laporan.pdf", "sidik-1", len(PDF_A))]


def test_a_new_version_replaces_the_old_with_its_fingerprint(lokasi):
    tempat = _kelas(lokasi)
    b = BerkasKelas(tempat)
    b.simpan(A, {"laporan.pdf": b"%PDF lama"}, "lama")
    b.simpan(B, {"laporan.pdf": b"%PDF B", "sertifikat.pdf": b"%PDF sert B"}, "b1")
    b.simpan(A, {"laporan.pdf": b"%PDF baru"}, "baru")
    assert b.baca(A, "laporan.pdf") == b"%PDF baru"
    assert b.sidik("laporan.pdf") == {A: "baru", B: "b1"}
    assert b.sidik("laporan.pdf", [A]) == {A: "baru"}
    assert b.semua("sertifikat.pdf") == [(B, b"%PDF sert B")]
    b.simpan(KELAS, {"rekap.xlsx": b"PK rekap"}, "r")  # a class-level file
    assert b.baca(KELAS, "rekap.xlsx") == b"PK rekap"
    assert b.hapus(B, "sertifikat.pdf") == 1 and b.semua("sertifikat.pdf") == []
    assert b.hapus(B) == 1 and b.baca(B, "laporan.pdf") is None


def test_bad_input_stores_nothing(lokasi):
    tempat = _kelas(lokasi)
    b = BerkasKelas(tempat)
    b.simpan(A, {"laporan.pdf": b"%PDF asli"}, "asli")
    with pytest.raises(InputTidakValid, match="harus bytes"):  # one bad file: none of them
        b.simpan(A, {"laporan.pdf": b"%PDF baru", "sertifikat.pdf": "teks"}, "x")  # type: ignore
    with pytest.raises(InputTidakValid, match="butuh NIP"):
        b.simpan(" ", {"laporan.pdf": b"x"}, "x")
    assert b.baca(A, "laporan.pdf") == b"%PDF asli" and b.sidik("laporan.pdf") == {A: "asli"}


def test_postgresql_kelas_buat_makes_the_table_for_a_data_only_role(pg_url: str):
    """``kelas buat`` (the owner) makes ``berkas_kelas``; a role with only read/write rights on
    the class schema (no CREATE, PostgreSQL 15's default) then keeps and reads reports."""
    import psycopg

    u = uuid.uuid4().hex[:6]
    kunci = f"bk{u}"
    st = Store.create(f"{pg_url}?kelas={kunci}", nama="Kelas Peran Data")
    st.upsert_peserta([Peserta(A, "Ani")])
    skema = st.skema
    st.close()
    peran = f"data_{u}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass(%s)",
                            (f"{skema}.berkas_kelas",)).fetchone()[0] is not None
        conn.execute(f"CREATE ROLE {peran} LOGIN")
        conn.execute(f'GRANT USAGE ON SCHEMA "{skema}" TO {peran}')
        conn.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{skema}" '
                     f"TO {peran}")
        conn.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{skema}" TO {peran}')
        conn.execute(f"GRANT SELECT ON public.sinovda_kelas TO {peran}")
    url = pg_url.replace("//sinovda@", f"//{peran}@")
    b = BerkasKelas(f"{url}?kelas={kunci}")
    b.simpan(A, {"laporan.pdf": PDF_A}, "s")
    assert BerkasKelas(f"{url}?kelas={kunci}").baca(A, "laporan.pdf") == PDF_A


def test_one_build_per_class_at_a_time_across_processes(lokasi):
    """A PostgreSQL class's build lock is held by one database session at a time (another
    store-service replica gets False until it is released); a class folder always builds."""
    from sinovda.store.berkas import satu_pembuatan

    tempat = _kelas(lokasi)
    with satu_pembuatan(tempat) as pertama:
        assert pertama is True
        with satu_pembuatan(tempat) as kedua:  # another session: another replica
            assert kedua is (not tempat.startswith("postgresql"))
    with satu_pembuatan(tempat) as lagi:  # released with its session
        assert lagi is True
