"""Safe output files: names from hostile participant names, atomic writes, Excel cells."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.report.aman import folder_peserta, nama_aman, sel_excel_aman, tulis_atomik

NIP = "198503152010011001"


@pytest.mark.parametrize(
    "nama",
    [
        "../../etc/passwd",
        "/root/.ssh/id_rsa",
        "a\x00b",
        "x" * 5000,
        "CON",
        "nul",
        "LPT1",
        "..",
        ".",
        "",
        "<script>alert(1)</script>",
        "C:\\Windows\\system32",
        "=HYPERLINK(\"http://x\")",
    ],
)
def test_folder_from_any_name_stays_directly_inside_the_output(tmp_path: Path, nama: str):
    folder = folder_peserta(tmp_path, NIP, nama)
    assert folder.resolve().parent == tmp_path.resolve()
    assert folder.name.startswith(NIP + "-")
    assert len(folder.name) <= 19 + 60
    assert all(c.isalnum() or c == "-" for c in folder.name)
    folder.mkdir()  # a real, creatable folder
    assert folder.is_dir()


def test_accents_are_kept_readable():
    assert nama_aman("Ni Luh Putu Ayu Wédari") == "Ni-Luh-Putu-Ayu-Wedari"
    assert nama_aman("Muhammad Ja'far") == "Muhammad-Ja-far"


def test_reserved_and_empty_names_get_a_safe_fallback():
    assert nama_aman("CON").lower() != "con"
    assert nama_aman("") == "peserta"
    assert nama_aman("../..") == "peserta"


def test_nip_without_digits_is_refused(tmp_path: Path):
    with pytest.raises(InputTidakValid, match="NIP"):
        folder_peserta(tmp_path, "../", "Budi")


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path: Path):
    target = tmp_path / "sub" / "laporan.html"
    tulis_atomik(target, "lama")
    tulis_atomik(target, "baru ✓")
    assert target.read_text(encoding="utf-8") == "baru ✓"
    assert sorted(p.name for p in target.parent.iterdir()) == ["laporan.html"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_interrupted_write_keeps_the_old_file_whole(tmp_path: Path, monkeypatch):
    target = tmp_path / "laporan.pdf"
    tulis_atomik(target, b"%PDF-lama")

    def putus(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", putus)
    with pytest.raises(KeyboardInterrupt):
        tulis_atomik(target, b"%PDF-baru-setengah")
    assert target.read_bytes() == b"%PDF-lama"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.pdf"]


@pytest.mark.parametrize("teks", ["=1+1", "+62 812", "-5", "@SUM(A1)", "\t=x"])
def test_formula_like_text_is_neutralised(teks: str):
    assert sel_excel_aman(teks) == "'" + teks


def test_ordinary_values_are_kept():
    assert sel_excel_aman("Dinas Kesehatan") == "Dinas Kesehatan"
    assert sel_excel_aman(-0.25) == -0.25
    assert sel_excel_aman(None) is None
