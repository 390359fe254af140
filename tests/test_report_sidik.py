"""Input fingerprints: a re-run recognises unchanged inputs and notices any change."""

from __future__ import annotations

from pathlib import Path

from sinovda.domain.peserta import Peserta
from sinovda.report.sidik import sidik_dasar, sidik_peserta, sidik_tersimpan

P = Peserta("198503152010011001", "Budi")


def test_same_inputs_same_fingerprint_and_any_change_differs(tmp_path: Path):
    templat = tmp_path / "t.ipynb"
    templat.write_text("{}")
    modul = tmp_path / "modul"
    modul.mkdir()
    (modul / "pengaturan.yaml").write_text("a: 1\n")
    dasar = sidik_dasar(templat, modul)
    assert dasar == sidik_dasar(templat, modul)
    j = {"masalah": {"akar_masalah": "x"}}
    s = sidik_peserta(dasar, P, j, {"nama": "K"})
    assert s == sidik_peserta(dasar, P, {"masalah": {"akar_masalah": "x"}}, {"nama": "K"})
    assert s != sidik_peserta(dasar, P, {"masalah": {"akar_masalah": "y"}}, {"nama": "K"})
    assert s != sidik_peserta(dasar, Peserta(P.nip, "Budi S."), j, {"nama": "K"})
    (modul / "pengaturan.yaml").write_text("a: 2\n")
    assert sidik_dasar(templat, modul) != dasar
    templat.write_text('{"x": 1}')
    assert sidik_dasar(templat, modul) != dasar


def test_missing_or_broken_stored_fingerprint_reads_as_none(tmp_path: Path):
    assert sidik_tersimpan(tmp_path) is None
    (tmp_path / ".sidik").write_text("bukan json")
    assert sidik_tersimpan(tmp_path) is None
    (tmp_path / ".sidik").write_text('{"sidik": "abc"}')
    assert sidik_tersimpan(tmp_path) == "abc"


def test_fingerprint_changes_when_report_code_changes(tmp_path: Path, monkeypatch):
    import sinovda.report.sidik as sidik

    templat = tmp_path / "t.ipynb"
    templat.write_text("{}")
    kode = tmp_path / "sinovda"
    for folder in sidik._FOLDER_KODE:
        (kode / folder).mkdir(parents=True)
        (kode / folder / "modul_uji.py").write_text("X = 1\n")
    monkeypatch.setattr(sidik, "__file__", str(kode / "report" / "sidik.py"))
    dasar = sidik_dasar(templat, tmp_path / "modul")
    for folder in sidik._FOLDER_KODE:
        berkas = kode / folder / "modul_uji.py"
        berkas.write_text("X = 2\n")
        assert sidik_dasar(templat, tmp_path / "modul") != dasar, folder
        berkas.write_text("X = 1\n")
    assert sidik_dasar(templat, tmp_path / "modul") == dasar


def test_fingerprint_covers_every_package_the_report_imports():
    import ast

    from sinovda.paths import ROOT
    from sinovda.report.sidik import _FOLDER_KODE

    paket = ROOT / "sinovda"
    dilihat, antre, dipakai = set(), ["report"], set()
    while antre:  # the sinovda packages reachable from the report code, transitively
        folder = antre.pop()
        if folder in dilihat or not (paket / folder).is_dir():
            continue
        dilihat.add(folder)
        for berkas in (paket / folder).glob("*.py"):
            for node in ast.walk(ast.parse(berkas.read_text(encoding="utf-8"))):
                nama = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                for n in nama:
                    bagian = n.split(".")
                    if bagian[0] == "sinovda" and len(bagian) > 1:
                        dipakai.add(bagian[1])
                        antre.append(bagian[1])
    isi = {"report", "view", "domain", "charts", "data"}
    assert isi <= set(_FOLDER_KODE)
    # what the report's content depends on is fingerprinted (store, cli, hub, forms: not content)
    assert (dipakai & {"view", "domain", "charts", "data"}) <= set(_FOLDER_KODE)


def test_the_test_key_is_not_read_for_the_fingerprint(tmp_path: Path):
    """Reports show stored scores; under the hub the key file is the store service's only."""
    import shutil

    from sinovda import paths

    modul = tmp_path / "modul"
    shutil.copytree(paths.MODUL_DIR, modul)
    templat = tmp_path / "t.html"
    templat.write_text("x", encoding="utf-8")
    awal = sidik_dasar(templat, modul)
    (modul / "kunci_tes.yaml").write_text("diubah", encoding="utf-8")
    assert sidik_dasar(templat, modul) == awal
    (modul / "soal.yaml").write_text("diubah", encoding="utf-8")
    assert sidik_dasar(templat, modul) != awal
