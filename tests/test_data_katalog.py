"""The catalogue of real innovations: loads checked, and mirip() finds comparable cases."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from sinovda import paths
from sinovda.data import katalog
from sinovda.domain.errors import BerkasTidakValid

CSV = paths.DATASETS_DIR / "katalog_inovasi.csv"


def test_catalogue_loads_with_every_column_filled():
    df = katalog.load_katalog()
    assert list(df.columns) == list(katalog.KOLOM)
    assert len(df) >= 9
    assert (df != "").all().all()


def test_complaint_app_finds_lapor_sleman_first_with_reasons():
    hasil = katalog.mirip({
        "nama": "Aplikasi pengaduan warga", "bentuk": "pelayanan_publik", "jenis": "digital",
        "cara_kerja": "warga melaporkan masalah lewat ponsel",
    })
    assert len(hasil) == 3
    assert hasil.loc[0, "nama"] == "Lapor Sleman"
    assert "bentuk sama" in hasil.loc[0, "alasan"] and "pengaduan" in hasil.loc[0, "alasan"]
    assert list(hasil["skor"]) == sorted(hasil["skor"], reverse=True)


def test_planning_innovation_finds_planning_cases():
    hasil = katalog.mirip({"nama": "Dashboard musrenbang", "bentuk": "tata_kelola",
                           "urusan": "perencanaan", "jenis": "digital"}, n=2)
    assert set(hasil["nama"]) == {"E-Musrenbang", "SIPD Digitalisasi Perencanaan"}


def test_nothing_shared_gives_nothing_and_n_is_respected():
    assert katalog.mirip({"nama": "zzz qqq"}).empty
    assert len(katalog.mirip({"bentuk": "pelayanan_publik"}, n=10)) == 4
    assert katalog.mirip({"bentuk": "pelayanan_publik"}, n=0).empty


def test_blank_cell_is_named_by_row_and_column(tmp_path: Path):
    rusak = tmp_path / "k.csv"
    teks = CSV.read_text(encoding="utf-8").replace(
        "Lorong Wisata,Kota Makassar,lainnya", "Lorong Wisata,,lainnya")
    rusak.write_text(teks, encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match=r"k.csv: baris 9 \(Lorong Wisata\): kolom 'daerah'"):
        katalog.load_katalog(rusak)


def test_unknown_code_and_missing_column_are_named(tmp_path: Path):
    rusak = tmp_path / "k.csv"
    shutil.copy(CSV, rusak)
    asli = "Sapa Warga,Provinsi Jawa Barat,pelayanan_publik"
    teks = rusak.read_text(encoding="utf-8").replace(asli, "Sapa Warga,Provinsi Jawa Barat,layanan")
    rusak.write_text(teks, encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match=r"\(Sapa Warga\): bentuk 'layanan' bukan kode"):
        katalog.load_katalog(rusak)
    rusak.write_text("nama,daerah\nA,B\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match="kolom 'bentuk' tidak ada"):
        katalog.load_katalog(rusak)
    with pytest.raises(BerkasTidakValid, match="tidak ditemukan"):
        katalog.load_katalog(tmp_path / "tidak-ada.csv")


def test_catalogue_states_only_what_its_source_article_says():
    """Issue 11: facts from the seed articles only; the course's own classification is marked."""
    df = pd.read_csv(CSV, dtype=str, keep_default_na=False, encoding="utf-8")
    assert (df["catatan_kursus"].str.contains("klasifikasi kursus")).all()
    baris = {r["nama"]: r for _, r in df.iterrows()}
    teks = " ".join(df["ringkasan"]) + " " + " ".join(df["dampak"])
    # the seed says 200 kinds of service, not "about 200"; it names no permits or forwarding
    assert "sekitar" not in teks.lower() and "perizinan" not in teks.lower()
    assert "diteruskan" not in teks and "penerima yang berhak" not in teks
    assert baris["Mall Pelayanan Publik"]["ringkasan"].startswith("200 jenis layanan publik")
    assert "92%" in baris["Mall Pelayanan Publik"]["dampak"]
    assert "70%" in baris["Lapor Sleman"]["dampak"]
    assert "transparan" in baris["Jaga Bansos"]["ringkasan"]
    assert "sumber tidak menyebut angka" in baris["SIPD Digitalisasi Perencanaan"]["dampak"]
    # the loader keeps its eight columns; the note column is for readers of the file
    assert "catatan_kursus" not in katalog.load_katalog().columns
