"""Hasil Saya: "belum dirilis" until the trainer releases; then scores, N-gain, rubric, PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NIP_LENGKAP, NIP_TANPA_INOVASI
from test_report_sertifikat import buat_kelas_sertifikat

from sinovda.forms.hasil import FormHasil
from sinovda.hub.admin import HasilMandiri, OperasiAdmin
from sinovda.report.sertifikat import tulis_sertifikat_kelas
from sinovda.store import Store


@pytest.fixture
def kelas(tmp_path: Path) -> Path:
    return buat_kelas_sertifikat(tmp_path / "kelas")


def test_belum_dirilis_lalu_dirilis(kelas: Path):
    op = OperasiAdmin(kelas, oleh="fasilitator:uji")
    f = FormHasil(op, NIP_LENGKAP)
    assert "Hasil belum dirilis" in f.isi.value and f.kotak_tombol.layout.display == "none"
    assert "40" not in f.isi.value  # no score leaks before release
    op.rilis([NIP_LENGKAP])
    f.periksa.click()
    teks = f.isi.value
    # ranah.md worked example: pre 40, post 70 -> N-gain 0,5 (sedang)
    assert "<td style='padding:2px 8px;vertical-align:top'>40</td>" in teks
    assert "0,5 (sedang)" in teks
    assert "Ketajaman identifikasi masalah" in teks and "Tambahkan data dampak" in teks
    assert "Catatan pelatih:</b> Lanjutkan uji coba." in teks
    assert "memenuhi syarat sertifikat" in teks
    # no report made yet: no download button
    assert f.tombol["laporan"].layout.display == "none"


def test_unduh_laporan_sendiri(kelas: Path, tmp_path: Path):
    op = OperasiAdmin(kelas, oleh="fasilitator:uji")
    tulis_sertifikat_kelas(kelas, kelas / "laporan")
    op.rilis(None)
    f = FormHasil(op, NIP_LENGKAP)
    assert f.tombol["sertifikat"].layout.display is None
    assert "Kode verifikasi: <code>SNV-" in f.isi.value
    f.tombol["sertifikat"].click()
    assert "data:application/pdf;base64,JVBER" in f.unduhan.value  # %PDF
    g = FormHasil(op, NIP_TANPA_INOVASI)
    assert "Syarat sertifikat belum terpenuhi" in g.isi.value
    assert "post-test belum dikirim" in g.isi.value
    g.unduh("laporan")
    assert "belum dibuat" in g.unduhan.value


def test_belajar_mandiri_langsung_terlihat(kelas: Path):
    f = FormHasil(HasilMandiri(Store.open(kelas)), NIP_LENGKAP)
    assert "0,5 (sedang)" in f.isi.value
    f.unduh("laporan")
    assert "belajar mandiri" in f.unduhan.value


def test_notebook_hasil_saya_berjalan(kelas: Path, tmp_path: Path, monkeypatch):
    from conftest import jalankan_notebook_fasilitator

    monkeypatch.setenv("SINOVDA_PESERTA", NIP_LENGKAP)
    keluaran = jalankan_notebook_fasilitator("hasil_saya.ipynb", kelas, tmp_path)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for o in keluaran)


def test_hasil_saya_ditautkan_dari_modul_06_dan_peta_kursus():
    from sinovda.cli.voila_app import HALAMAN_PESERTA, html_peta
    from sinovda.forms.halaman import navigasi_html

    assert "href='hasil_saya.ipynb'" in navigasi_html("06_penutup.ipynb", "/")
    assert "hasil_saya.ipynb" not in navigasi_html("01_masalah.ipynb", "/")
    assert "href='/voila/render/hasil_saya.ipynb'" in html_peta(None, "/voila/render/")
    assert HALAMAN_PESERTA == ("hasil_saya.ipynb",)


def test_peta_kursus_modul_00_menautkan_hasil_saya(env_kelas):
    from conftest import NIP_PESERTA

    from sinovda.forms.pengantar import FormPengantar

    f = FormPengantar(Store.open(Path(env_kelas["SINOVDA_KELAS"])))
    assert f.nip == NIP_PESERTA and f.peta is not None
    assert "href='hasil_saya.ipynb'" in f.peta.widget.value


def test_hasil_saya_ends_with_the_way_back_to_the_course_map_in_voila(kelas: Path, monkeypatch):
    from sinovda.forms import hasil

    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    monkeypatch.delenv("SINOVDA_PESERTA", raising=False)
    monkeypatch.setenv("SINOVDA_AKTIF", str(kelas / "aktif.json"))
    tampil: list = []
    monkeypatch.setattr("IPython.display.display", lambda x: tampil.append(x))
    layanan = OperasiAdmin(kelas, oleh="fasilitator:uji")
    assert hasil.tampilkan(layanan) is None and len(tampil) == 1  # JupyterLab: no footer
    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/hasil_saya.ipynb")
    for nip in (None, NIP_LENGKAP):  # no participant chosen yet, then chosen
        if nip:
            monkeypatch.setenv("SINOVDA_PESERTA", nip)
        tampil.clear()
        hasil.tampilkan(layanan)
        kaki = tampil[-1].value
        assert "Kembali ke peta kursus" in kaki and "href='../../'" in kaki
        assert "target='_self'" in kaki and "Modul berikutnya" not in kaki
