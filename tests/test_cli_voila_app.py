"""The app server's own pages: course map per browser, 404 for non-course notebooks."""

from __future__ import annotations

from conftest import NIP_PESERTA

from sinovda.cli.voila_app import html_peta, html_tidak_ada, notebook_kursus
from sinovda.forms import konteks


def test_only_course_modules_are_served():
    nb = notebook_kursus()
    assert list(nb)[:2] == ["00_pengantar.ipynb", "01_masalah.ipynb"] and len(nb) == 7
    for lain in ("dasbor_fasilitator.ipynb", "penilaian.ipynb", "laporan_peserta.ipynb"):
        assert lain not in nb


def test_course_map_shows_titles_and_this_browsers_progress(env_kelas, store, monkeypatch):
    monkeypatch.delenv("SINOVDA_PESERTA")
    konteks.pilih_peserta(NIP_PESERTA, store, sesi="peramban1")
    store.save(NIP_PESERTA, "masalah", "akar_masalah", "SOP belum ada")
    teks = html_peta("peramban1", "/voila/render/")
    assert "<html lang='id'>" in teks and "Peta kursus" in teks
    assert "Ni Luh Putu Ayu Wédari" in teks
    assert "Identifikasi Masalah" in teks and "Sedang dikerjakan" in teks
    assert "Belum dimulai" in teks and "Kemajuan keseluruhan" in teks
    assert "href='/voila/render/01_masalah.ipynb'" in teks
    assert ">01_masalah.ipynb<" not in teks and "target='_blank'" not in teks
    lain = html_peta("peramban2", "/voila/render/")  # another browser: no one chosen yet
    assert "Wédari" not in lain and "Peserta belum dipilih di peramban ini" in lain
    assert "href='/voila/render/00_pengantar.ipynb'" in lain


def test_participant_text_is_escaped_on_the_map(env_kelas, store, monkeypatch):
    from sinovda.domain.peserta import Peserta

    store.upsert_peserta([Peserta(NIP_PESERTA, "<script>x</script>", opd="A & B")])
    teks = html_peta(None, "/voila/render/")
    assert "<script>x" not in teks and "&lt;script&gt;" in teks and "A &amp; B" in teks


def test_not_found_page_is_indonesian_and_links_the_map():
    teks = html_tidak_ada("/")
    assert "Halaman tidak ditemukan" in teks and "Kembali ke peta kursus" in teks
