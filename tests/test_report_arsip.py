"""Where finished reports are kept (``report.arsip``): a folder as ``sinovda laporan`` always
wrote it, a PostgreSQL class's database, or both; a report counts as done (skipped next run)
only when every archive holds it with the same fingerprint; a failed write fails that
participant, named, without stopping the batch."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from sinovda.domain.peserta import Peserta
from sinovda.report.aman import folder_peserta
from sinovda.report.arsip import (
    ArsipBasisData,
    ArsipFolder,
    ArsipGanda,
    arsip_bawaan,
    arsip_kelas,
    simpan,
)
from sinovda.report.pekerja import Hasil, Tugas
from sinovda.store import Store

A, B = "198503152010011001", "199002282015032004"
BERKAS = {"laporan.html": b"<html>A</html>", "laporan.pdf": b"%PDF-1.7 A",
          "laporan.ipynb": b"{}"}


def _tugas(keluaran: Path, nip: str, nama: str, sidik: str) -> Tugas:
    return Tugas(nip, nama, str(folder_peserta(keluaran, nip, nama)), sidik)


@pytest.fixture
def kelas_pg(pg_url: str) -> str:
    lokasi = f"{pg_url}?kelas=ar{uuid.uuid4().hex[:8]}"
    st = Store.create(lokasi, nama="Kelas Arsip")
    st.upsert_peserta([Peserta(A, "Ani"), Peserta(B, "Budi")])
    st.close()
    return lokasi


def test_a_folder_holds_the_layout_of_sinovda_laporan(tmp_path: Path):
    arsip = ArsipFolder(tmp_path / "laporan")
    ta, tb = _tugas(arsip.keluaran, A, "Ani", "s1"), _tugas(arsip.keluaran, B, "Budi", "s2")
    arsip.tulis_laporan(ta, BERKAS)
    assert arsip.sidik_laporan([ta, tb]) == {A: "s1"}
    (Path(ta.folder) / "laporan.ipynb").unlink()  # incomplete: made again next run
    assert arsip.sidik_laporan([ta]) == {}
    p = arsip.tulis_sertifikat(A, "Ani", b"%PDF sert", "z")
    assert p == Path(ta.folder) / "sertifikat.pdf" and arsip.sidik_sertifikat(A, "Ani") == "z"
    assert arsip.baca(A, "Ani", "sertifikat.pdf") == b"%PDF sert" and arsip.ada(A, "Ani",
                                                                                "laporan.pdf")
    assert arsip.semua("sertifikat.pdf", {}) == [(f"{A}-Ani-sertifikat.pdf", b"%PDF sert")]
    assert arsip_kelas(tmp_path / "kelas").keluaran == tmp_path / "kelas" / "laporan"


def test_a_postgresql_class_keeps_its_pdfs_in_its_database(kelas_pg: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    arsip = arsip_kelas(kelas_pg)
    assert isinstance(arsip, ArsipBasisData) and "basis data kelas ar" in arsip.teks()
    ta = _tugas(tmp_path / "tidak-dipakai", A, "Ani", "s1")
    arsip.tulis_laporan(ta, BERKAS)
    arsip.tulis_sertifikat(A, "Ani", b"%PDF sert", "z")
    assert not list(tmp_path.iterdir())  # nothing on this machine's disk
    lain = ArsipBasisData(kelas_pg)  # another process would read the same rows
    assert lain.sidik_laporan([ta]) == {A: "s1"} and lain.sidik_sertifikat(A, "Ani") == "z"
    assert lain.baca(A, "Ani", "laporan.pdf") == b"%PDF-1.7 A"
    assert lain.ada(A, "Ani", "sertifikat.pdf") and not lain.ada(B, "Budi", "laporan.pdf")
    assert lain.semua("sertifikat.pdf", {A: "Ani"}) == [(f"{A}-Ani-sertifikat.pdf",
                                                         b"%PDF sert")]


def test_sinovda_laporan_on_postgresql_writes_the_folder_and_the_database(
        kelas_pg: str, tmp_path: Path):
    arsip = arsip_bawaan(kelas_pg, tmp_path / "laporan-x")
    assert isinstance(arsip, ArsipGanda)
    folder, db = arsip.arsip
    ta = _tugas(tmp_path / "laporan-x", A, "Ani", "s1")
    folder.tulis_laporan(ta, BERKAS)  # e.g. an earlier run before the database kept reports
    assert arsip.sidik_laporan([ta]) == {}  # not in both: made again
    arsip.tulis_laporan(ta, BERKAS)
    assert arsip.sidik_laporan([ta]) == {A: "s1"}
    assert db.baca(A, "Ani", "laporan.pdf") == (Path(ta.folder) / "laporan.pdf").read_bytes()


def test_a_failed_write_fails_that_participant_by_name(tmp_path: Path):
    (tmp_path / "berkas").write_text("bukan folder")
    arsip = ArsipFolder(tmp_path / "berkas")
    t = _tugas(arsip.keluaran, A, "Ani", "s1")
    h = simpan(Hasil(A, "Ani", True, t.folder, berkas=dict(BERKAS)), t, arsip)
    assert not h.ok and h.sel == "(penulisan berkas)" and h.berkas is None
    assert arsip.sidik_laporan([t]) == {}
