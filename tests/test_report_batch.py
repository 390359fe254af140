"""The report batch end to end: real kernels, papermill, WeasyPrint, worker processes (Dask:
tests/test_report_dask.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import (
    INOVASI_LENGKAP,
    NIP_JAHAT,
    NIP_LENGKAP,
    NIP_RUSAK,
    NIP_TANPA_INOVASI,
    SKRIP_JAHAT,
    buat_kelas_laporan,
)

from sinovda.domain.errors import InputTidakValid
from sinovda.report.batch import run_laporan


def _folder(keluaran: Path, nip: str) -> Path:
    (hasil,) = [p for p in keluaran.iterdir() if p.name.startswith(nip + "-")]
    return hasil


def _pdf_teks(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    """One class, one batch with two worker processes over every participant."""
    kelas = buat_kelas_laporan(tmp_path_factory.mktemp("b") / "kelas")
    keluaran = kelas / "laporan"
    ringkasan = run_laporan(kelas, jobs=2, progress=False)
    return kelas, keluaran, ringkasan


def test_every_good_participant_gets_html_pdf_and_notebook(batch):
    kelas, keluaran, r = batch
    assert r.keluaran == keluaran.resolve()
    assert sorted(h.nip for h in r.berhasil) == sorted([NIP_LENGKAP, NIP_TANPA_INOVASI,
                                                        NIP_JAHAT])
    for nip in (NIP_LENGKAP, NIP_TANPA_INOVASI, NIP_JAHAT):
        folder = _folder(keluaran, nip)
        for nama in ("laporan.html", "laporan.pdf", "laporan.ipynb"):
            assert (folder / nama).is_file(), (folder, nama)
    assert not list(keluaran.rglob("*.sementara")), "berkas sementara tertinggal"


def test_report_shows_the_participants_facts_without_code(batch):
    _, keluaran, _ = batch
    folder = _folder(keluaran, NIP_LENGKAP)
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    for fakta in ("Ni Luh Putu Ayu Wédari", NIP_LENGKAP, INOVASI_LENGKAP, "antrean panjang",
                  "Pendaftaran pasien masih manual di loket", "Waktu tunggu pendaftaran",
                  "Kelas Uji Laporan", "N-gain", "Bermanfaat", "data:image/png;base64"):
        assert fakta in html, fakta
    assert "from sinovda" not in html and "Laporan(kelas" not in html
    pdf = folder / "laporan.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    teks = _pdf_teks(pdf)
    assert "Ni Luh Putu Ayu Wédari" in teks
    assert "SIANTRI" in teks
    assert "Halaman 1 dari" in teks


def test_broken_participant_is_reported_with_cell_and_reason_and_batch_goes_on(batch):
    _, keluaran, r = batch
    (gagal,) = r.gagal
    assert gagal.nip == NIP_RUSAK and gagal.nama == "Budi Rusak"
    assert "masalah" in gagal.sel
    assert "layanan lambat" in gagal.alasan and "sangat" in gagal.alasan
    assert "GAGAL" in r.teks() and "Budi Rusak" in r.teks()
    assert not [p for p in keluaran.iterdir() if p.name.startswith(NIP_RUSAK)
                and (p / "laporan.html").exists()]


def test_hostile_names_and_answers_stay_text_and_inside_the_output(batch):
    kelas, keluaran, _ = batch
    assert all(re.fullmatch(r"\d{18}-[A-Za-z0-9-]{1,60}", p.name) for p in keluaran.iterdir())
    assert sorted(p.name for p in kelas.iterdir() if not p.name.startswith("sinovda.db")) == [
        "laporan"]
    folder = _folder(keluaran, NIP_JAHAT)
    assert folder.parent == keluaran
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert SKRIP_JAHAT in _pdf_teks(folder / "laporan.pdf")


def test_rerun_skips_unchanged_and_redoes_changed(batch):
    from sinovda.store import Store

    kelas, keluaran, _ = batch
    html = _folder(keluaran, NIP_TANPA_INOVASI) / "laporan.html"
    sebelum = html.stat().st_mtime_ns
    st = Store.open(kelas)
    st.save(NIP_LENGKAP, "masalah", "akar_masalah", "Loket pendaftaran hanya satu")
    st.close()
    r = run_laporan(kelas, jobs=1, nips=[NIP_LENGKAP, NIP_TANPA_INOVASI, NIP_JAHAT],
                    progress=False)
    assert [h.nip for h in r.berhasil] == [NIP_LENGKAP]
    assert sorted(t.nip for t in r.dilewati) == sorted([NIP_TANPA_INOVASI, NIP_JAHAT])
    assert html.stat().st_mtime_ns == sebelum
    baru = (_folder(keluaran, NIP_LENGKAP) / "laporan.html").read_text(encoding="utf-8")
    assert "Loket pendaftaran hanya satu" in baru


def test_a_warm_kernel_leaks_nothing_into_the_next_report(tmp_path: Path):
    kelas = buat_kelas_laporan(tmp_path / "kelas")
    keluaran = tmp_path / "keluar"
    # one worker, one kernel: the participant with an innovation first, then one without
    r = run_laporan(kelas, keluaran, jobs=1, nips=[NIP_LENGKAP, NIP_TANPA_INOVASI],
                    progress=False)
    assert [h.nip for h in r.berhasil] == [NIP_LENGKAP, NIP_TANPA_INOVASI]
    kedua = _folder(keluaran, NIP_TANPA_INOVASI)
    html = (kedua / "laporan.html").read_text(encoding="utf-8")
    assert "Muhammad Ja&#x27;far" in html
    assert "Inovasi belum dirancang" in html
    for jejak in (INOVASI_LENGKAP, "Ni Luh", "Pendaftaran pasien masih manual", "Dr. Rina"):
        assert jejak not in html, jejak
        assert jejak not in _pdf_teks(kedua / "laporan.pdf")


def test_unknown_nip_is_a_clear_error(kelas_laporan: Path):
    with pytest.raises(InputTidakValid, match="199912312020121001"):
        run_laporan(kelas_laporan, nips=["199912312020121001"], progress=False)


def test_a_postgresql_class_is_passed_on_as_its_locator(tmp_path: Path, monkeypatch):
    """Workers get the full locator (a key with SINOVDA_DB too), never a mangled path; the
    reports go to ./laporan-<key> unless --keluaran says otherwise."""
    from sinovda.report.batch import lokasi_kelas

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SINOVDA_DB", raising=False)
    assert lokasi_kelas(tmp_path / "kelas") == ((tmp_path / "kelas").resolve(),
                                                (tmp_path / "kelas" / "laporan").resolve())
    url = "postgresql://guru:rahasia@db.local:5432/sinovda"
    harapan = (f"{url}?kelas=angkatan-1", (tmp_path / "laporan-angkatan-1").resolve())
    assert lokasi_kelas(f"{url}?kelas=angkatan-1") == harapan
    assert lokasi_kelas(Path(f"{url}?kelas=angkatan-1")) == harapan  # a CLI argument
    monkeypatch.setenv("SINOVDA_DB", url)
    assert lokasi_kelas("angkatan-1") == harapan


def test_a_dask_worker_without_the_pg_extra_says_so_for_each_participant():
    """A worker machine set up with ``sinovda[dask]`` only, given a PostgreSQL class: each of
    its participants fails with a reason naming the worker and the extra to install there (it
    said only 'pip install "sinovda[pg]"', which the client that sent the work already has)."""
    import json
    import sys

    kode = (
        "import json, sys\n"
        "sys.modules['psycopg'] = None  # this worker has no PostgreSQL package\n"
        "from sinovda.report.batch import kerjakan_bagian\n"
        "from sinovda.report.pekerja import Tugas\n"
        "h = kerjakan_bagian(b'', 'postgresql://u@127.0.0.1:1/db?kelas=a', "
        "[Tugas('198503152010011001', 'Ani', '/x', 's'), Tugas('199002282015032004', 'Budi', "
        "'/y', 's')])\n"
        "print(json.dumps([[x.nip, x.ok, x.sel, x.alasan] for x in h]))\n"
    )
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    hasil = json.loads(r.stdout)
    assert [h[0] for h in hasil] == ["198503152010011001", "199002282015032004"]
    for _, ok, sel, alasan in hasil:
        assert not ok and sel == "(pekerja Dask)"
        assert "pekerja Dask di mesin" in alasan and 'pip install "sinovda[dask,pg]"' in alasan
