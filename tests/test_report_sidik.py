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
