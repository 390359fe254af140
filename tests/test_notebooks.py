"""Every course notebook (00-06) runs headless in a real kernel against a class, without errors."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from sinovda.paths import DATASETS_DIR, NOTEBOOKS_DIR

KURSUS = sorted(NOTEBOOKS_DIR.glob("0[0-6]_*.ipynb"))


def _jalankan(path, env, cwd):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env)
    return nb


def _galat(nb) -> list[str]:
    keluar = []
    for i, sel in enumerate(nb.cells):
        for out in sel.get("outputs", []):
            teks = "".join(out.get("text", "")) if out.get("output_type") == "stream" else ""
            if out.get("output_type") == "error" or "Traceback" in teks:
                keluar.append(f"sel {i}: {out.get('ename', '')} {out.get('evalue', teks)[:500]}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr" \
                    and ("Error" in teks or "Warning" in teks):
                keluar.append(f"sel {i} (stderr): {teks[:500]}")
    return keluar


def test_every_course_module_has_a_notebook():
    assert KURSUS, f"tidak ada notebook kursus di {NOTEBOOKS_DIR}"


@pytest.mark.parametrize("path", KURSUS, ids=[p.stem for p in KURSUS])
def test_notebook_runs_without_error_output(path, env_kelas, tmp_path):
    nb = _jalankan(path, env_kelas, tmp_path)
    assert _galat(nb) == []
    assert any(sel.get("outputs") for sel in nb.cells if sel.cell_type == "code")


def _buku_terlengkap():
    """The demo workbook with the most answers (exercises every chart and table)."""
    berkas = sorted((DATASETS_DIR / "demo" / "workbooks").glob("*.json"))
    data = [json.loads(b.read_text(encoding="utf-8")) for b in berkas]
    def bobot(d: dict) -> tuple[int, int]:
        kunci = {(j.get("modul"), j.get("field")) for j in d.get("jawaban", [])}
        akhir = {("monev", "realisasi"), ("replikasi", "kesiapan"), ("penutup", "posttest_selesai")}
        return len(kunci & akhir), len(kunci)

    return max(data, key=bobot, default=None)


@pytest.mark.parametrize("path", KURSUS, ids=[p.stem for p in KURSUS])
def test_notebook_runs_with_a_filled_workbook(path, store, env_kelas, tmp_path, monkeypatch):
    buku = _buku_terlengkap()
    if buku is None:
        pytest.skip("belum ada buku kerja demo di datasets/demo/workbooks")
    store.import_workbook(buku, peserta_baru=True, peran="sistem")  # seed data, all modules
    env = dict(env_kelas, SINOVDA_PESERTA=buku["peserta"]["nip"])
    nb = _jalankan(path, env, tmp_path)
    assert _galat(nb) == []
    keadaan = json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    assert buku["peserta"]["nama"].split()[0] in keadaan  # the page is this participant's
    for pesan in ("belum bisa ditampilkan", "belum bisa dibuat", "Gagal menyimpan"):
        assert pesan not in keadaan


@pytest.mark.parametrize("path", KURSUS, ids=[p.stem for p in KURSUS])
def test_notebooks_are_committed_thin_and_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    kode = [sel for sel in nb.cells if sel.cell_type == "code"]
    assert all(not sel.get("outputs") and sel.get("execution_count") is None for sel in kode)
    assert all(len(sel.source.splitlines()) <= 6 for sel in kode), "sel kode harus tipis"
    assert "from sinovda" in "".join(sel.source for sel in kode)


@pytest.mark.parametrize("nama", ["hasil_saya.ipynb", "admin_kelas.ipynb",
                                  "dasbor_fasilitator.ipynb", "penilaian.ipynb"])
def test_every_page_notebook_has_an_indonesian_title(nama):
    # the sinovda Voila template shows metadata "title" in the browser tab; without it the tab
    # read the file name ("dasbor_fasilitator") on the facilitator's server
    judul = nbformat.read(NOTEBOOKS_DIR / nama, as_version=4).metadata.get("title", "")
    assert judul and "_" not in judul and not judul.endswith(".ipynb"), (nama, judul)
    for path in KURSUS:
        assert nbformat.read(path, as_version=4).metadata.get("title"), path.name
