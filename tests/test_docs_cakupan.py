"""docs/cakupan.md (issue 11): every seed concept is taught, practised and assessed, and every
reference in the table points at something that exists: a text heading, a form field wired into
its module's form, a question of the bank."""

from __future__ import annotations

import re

import pytest

from sinovda import paths
from sinovda.data import content

CAKUPAN = paths.ROOT / "docs" / "cakupan.md"
KOLOM = ["Artikel", "Konsep", "Teks", "Latihan", "Soal"]

# The concepts issue 11 names per seed article: each must have a row whose Konsep mentions it.
WAJIB = {
    "000": ["keterpaduan perencanaan", "pimpinan OPD", "Tantangan integrasi", "Studi kasus 1",
            "Studi kasus 2"],
    "001": ["Tiga aspek", "Lima komponen", "Perpres 81/2010", "PermenPANRB 7/2021", "RPJMN",
            "relevansi"],
    "002": ["Daya saing daerah", "smart governance", "akselerasi", "insentif"],
    "003": ["keselarasan", "Studi kasus"],
    "004": ["Prinsip inovasi pelayanan publik", "Lima strategi", "penghambat"],
}


def _baris() -> list[dict[str, str]]:
    """The coverage table's rows as {column: cell}."""
    baris: list[dict[str, str]] = []
    kepala: list[str] | None = None
    for line in CAKUPAN.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        sel = [s.strip() for s in line.strip().strip("|").split("|")]
        if kepala is None:
            kepala = sel
            continue
        if all(set(s) <= set("-: ") for s in sel):
            continue
        baris.append(dict(zip(kepala, sel, strict=True)))
    assert kepala == KOLOM, kepala
    return baris


BARIS = _baris()


def _judul(berkas: str) -> set[str]:
    teks = (paths.MODUL_DIR / "teks" / berkas).read_text(encoding="utf-8")
    return {m.strip() for m in re.findall(r"^## (.+)$", teks, flags=re.M)}


def test_table_has_rows_for_every_seed_and_no_empty_cell():
    assert {b["Artikel"] for b in BARIS} == {"000", "001", "002", "003", "004"}
    for b in BARIS:
        kosong = [k for k in KOLOM if not b[k]]
        assert not kosong, (b["Konsep"], kosong)


@pytest.mark.parametrize("seed", sorted(WAJIB))
def test_every_concept_the_issue_names_has_a_row(seed: str):
    konsep = " ".join(b["Konsep"] for b in BARIS if b["Artikel"] == seed).lower()
    hilang = [k for k in WAJIB[seed] if k.lower() not in konsep]
    assert not hilang, (seed, hilang)


def masalah_teks(b: dict[str, str]) -> list[str]:
    """Text references of a row that name no file or no existing ``##`` heading."""
    salah = []
    for rujukan in b["Teks"].split(";"):
        berkas, _, judul = (s.strip() for s in rujukan.partition("§"))
        if not (paths.MODUL_DIR / "teks" / berkas).is_file():
            salah.append(f"berkas {berkas!r} tidak ada")
        elif judul not in _judul(berkas):
            salah.append(f"{berkas}: judul {judul!r} tidak ada")
    return salah


def masalah_latihan(b: dict[str, str]) -> list[str]:
    """Practice fields of a row missing from the contract, their form or the field table."""
    arsitektur = (paths.ROOT / "docs" / "arsitektur.md").read_text(encoding="utf-8")
    salah = []
    for bagian in re.sub(r"\([^)]*\)", "", b["Latihan"]).split(","):
        modul, _, field = bagian.strip().partition(".")
        form = paths.ROOT / "sinovda" / "forms" / f"{modul}.py"
        if field not in content.KONTRAK_FIELD.get(modul, ()):
            salah.append(f"{modul}.{field} bukan isian kontrak")
        elif f'"{field}"' not in form.read_text(encoding="utf-8"):
            salah.append(f"{modul}.{field} tidak ada di forms/{modul}.py")
        elif f"| {modul} | `{field}`" not in arsitektur:
            salah.append(f"{modul}.{field} tidak ada di tabel isian docs/arsitektur.md")
    return salah


def masalah_soal(b: dict[str, str], bank: set[str]) -> list[str]:
    """Question ids of a row that are malformed or not in the bank."""
    ids = [i.strip() for i in b["Soal"].split(",")]
    return [i for i in ids if not re.fullmatch(r"m0[0-6]-\d\d", i) or i not in bank]


@pytest.mark.parametrize("b", BARIS, ids=lambda b: b["Konsep"][:40])
def test_every_reference_exists(b: dict[str, str]):
    assert not masalah_teks(b), masalah_teks(b)
    assert not masalah_latihan(b), masalah_latihan(b)
    assert not masalah_soal(b, {s.id for s in content.load_soal()}), b["Soal"]


def test_broken_references_are_reported():
    rusak = {"Artikel": "000", "Konsep": "x",
             "Teks": "00_pengantar.md § Judul yang tidak ada; 99_tidak_ada.md § Apa pun",
             "Latihan": "replikasi.tidak_ada, inovasi.kriteria (benar)", "Soal": "m00-99, m00-01"}
    assert masalah_teks(rusak) == ["00_pengantar.md: judul 'Judul yang tidak ada' tidak ada",
                                   "berkas '99_tidak_ada.md' tidak ada"]
    assert masalah_latihan(rusak) == ["replikasi.tidak_ada bukan isian kontrak"]
    assert masalah_soal(rusak, {"m00-01"}) == ["m00-99"]
