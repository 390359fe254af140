"""Completion certificates: written only for who met the rule, code verifiable, PDF readable."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import NIP_LENGKAP, NIP_TANPA_INOVASI, jawaban_lengkap

from sinovda.domain.peserta import Peserta
from sinovda.report.aman import folder_peserta
from sinovda.report.sertifikat import NAMA_PDF, html_sertifikat, tulis_sertifikat_kelas
from sinovda.store import Store
from sinovda.store.admin import DataAdmin


def jawaban_selesai() -> dict[str, dict[str, object]]:
    """A workbook meeting the default rule: every module done, post-test sent, rubric >= 60."""
    j = jawaban_lengkap()
    j["inovasi"]["kriteria"] = {"kebaruan": True, "bermanfaat": True}
    j["monev"]["analisis"] = [{"indikator": "IK1", "kesenjangan": "TW IV belum dilaporkan",
                               "tindakan": "minta data dari puskesmas"}]
    j["pengantar"]["pretest_skor"] = 40
    j["penutup"]["posttest_skor"] = 70
    return j


def isi(st: Store, nip: str, jawaban: dict[str, dict[str, object]]) -> None:
    for modul, isian in jawaban.items():
        for field, value in isian.items():
            st.save(nip, modul, field, value, peran="sistem")


def buat_kelas_sertifikat(folder: Path) -> Path:
    """A class with one participant meeting the rule and one without the post-test."""
    st = Store.create(folder, nama="Bimtek Inovasi Daerah Angkatan I")
    st.atur_fasilitator(["Dr. Ratna Wulandari, M.Si."])
    st.upsert_peserta([
        Peserta(NIP_LENGKAP, "Ni Luh Putu Ayu Wédari", "Analis Kebijakan", "Dinas Kesehatan",
                "Kabupaten Gianyar"),
        Peserta(NIP_TANPA_INOVASI, "Muhammad Ja'far <b>", "Kepala Seksi", "Bappeda"),
    ])
    isi(st, NIP_LENGKAP, jawaban_selesai())
    belum = jawaban_selesai()
    del belum["penutup"]
    isi(st, NIP_TANPA_INOVASI, belum)
    st.close()
    DataAdmin(folder).atur_setelan({"tanggal_mulai": "2026-03-09",
                                    "tanggal_selesai": "2026-03-12", "tempat": "Denpasar",
                                    "jp": "30", "penyelenggara": "BPSDM Provinsi Bali"})
    return folder


@pytest.fixture
def kelas_sertifikat(tmp_path: Path) -> Path:
    return buat_kelas_sertifikat(tmp_path / "kelas")


def test_sertifikat_hanya_untuk_yang_memenuhi_syarat(kelas_sertifikat: Path, tmp_path: Path):
    keluaran = tmp_path / "laporan"
    h = tulis_sertifikat_kelas(kelas_sertifikat, keluaran)
    pdf = folder_peserta(keluaran, NIP_LENGKAP, "Ni Luh Putu Ayu Wédari") / NAMA_PDF
    assert h.ditulis == [pdf] and pdf.read_bytes().startswith(b"%PDF")
    assert "post-test belum dikirim" in h.tidak_layak[NIP_TANPA_INOVASI]
    assert not list(keluaran.glob(f"{NIP_TANPA_INOVASI}-*/{NAMA_PDF}"))
    assert "1 peserta memenuhi syarat" in h.teks()
    # what a reader of the PDF sees: name, class, dates, JP, trainer, the verification code
    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    s = DataAdmin(kelas_sertifikat).sertifikat(NIP_LENGKAP)
    assert s is not None and s.tanggal == "2026-03-12"
    assert "SERTIFIKAT" in teks.replace(" ", "")  # letter-spaced title
    for harus in ("Ni Luh Putu Ayu Wédari", "NIP 198503152010011001",
                  "Bimtek Inovasi Daerah Angkatan I", "9-12 Maret 2026", "Denpasar",
                  "30 jam pelajaran (JP)", "Dr. Ratna Wulandari, M.Si.", "12 Maret 2026",
                  s.kode):
        assert harus in teks, harus
    # a second run keeps the same code and does not rewrite an unchanged certificate
    h2 = tulis_sertifikat_kelas(kelas_sertifikat, keluaran)
    assert h2.tetap == [pdf] and h2.ditulis == []
    assert DataAdmin(kelas_sertifikat).sertifikat(NIP_LENGKAP) == s


def test_kode_asli_diverifikasi_dan_palsu_tidak(kelas_sertifikat: Path, tmp_path: Path):
    tulis_sertifikat_kelas(kelas_sertifikat, tmp_path / "laporan")
    admin = DataAdmin(kelas_sertifikat)
    s = admin.sertifikat(NIP_LENGKAP)
    assert s is not None
    v = admin.verifikasi(s.kode.lower())
    assert v is not None and v.nama == "Ni Luh Putu Ayu Wédari"
    assert v.kelas == "Bimtek Inovasi Daerah Angkatan I"
    palsu = s.kode[:-1] + ("2" if s.kode[-1] != "2" else "3")
    assert admin.verifikasi(palsu) is None
    # a code forged into the table without the class secret is not accepted either
    import sqlite3

    with sqlite3.connect(kelas_sertifikat / "sinovda.db") as conn:
        conn.execute("INSERT INTO sertifikat VALUES ('SNV-2222-2222-2222-2222', ?, 'X', "
                     "'2026-03-12', '')", (NIP_TANPA_INOVASI,))
    assert admin.verifikasi("SNV-2222-2222-2222-2222") is None


def test_html_sertifikat_meloloskan_nama_berbahaya(kelas_sertifikat: Path):
    from sinovda.domain.sertifikat import AturanSertifikat
    from sinovda.report.sertifikat import isi_untuk

    st = Store.open(kelas_sertifikat)
    p = st.get_peserta(NIP_TANPA_INOVASI)
    isi_ = isi_untuk(DataAdmin(kelas_sertifikat), st.kelas_info(), p, AturanSertifikat())
    teks = html_sertifikat(isi_)
    assert "Ja&#x27;far &lt;b&gt;" in teks and "<b>" not in teks.split('class="cek"')[0]


def test_setelan_kelas_diperiksa(kelas_sertifikat: Path):
    from sinovda.domain.errors import InputTidakValid

    admin = DataAdmin(kelas_sertifikat)
    with pytest.raises(InputTidakValid, match="tanggal '12-03-2026' tidak sah"):
        admin.atur_setelan({"tanggal_selesai": "12-03-2026"})
    with pytest.raises(InputTidakValid, match="JP"):
        admin.atur_setelan({"jp": "tiga puluh"})
    with pytest.raises(InputTidakValid, match="sebelum tanggal mulai"):
        admin.atur_setelan({"tanggal_selesai": "2026-03-01"})
    assert admin.setelan()["jp"] == 30  # nothing saved from a refused change
    assert admin.log()[0].aksi == "setelan kelas"


def test_kelas_demo_punya_setelan_sertifikat(tmp_path: Path):
    from sinovda.cli.kelas import bangun_demo

    bangun_demo(tmp_path / "demo")
    setelan = DataAdmin(tmp_path / "demo").setelan()
    assert setelan["tanggal_mulai"] == "2026-03-09" and setelan["tanggal_selesai"] == "2026-03-12"
    assert setelan["jp"] == 32 and setelan["tempat"] == "Denpasar"
    # the demo's finished participants meet the rule; one without plan rows does not
    h = tulis_sertifikat_kelas(tmp_path / "demo", tmp_path / "laporan")
    assert len(h.ditulis) >= 10
    assert "198711112013071906" in h.tidak_layak  # Achmad Fauzi Rahman: no action plan rows
