"""Roster import from CSV and XLSX: what a trainer's real files look like, and every mistake."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sinovda.data.roster import baca_roster
from sinovda.domain.errors import BerkasTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.paths import DATASETS_DIR
from sinovda.store import Store

NIP_A = "198503152010011001"
NIP_B = "199002282015032004"
NIP_C = "198812312014022001"
NIP_PPPK = "198703122023212005"  # born 12-03-1987, TMT 2023, PPPK digit 2, frequency 1
NAMA_UNIK = ["Ni Luh Putu Ayu Wédari", "I Gusti Ngurah Ṛai", "Muhammad Ja'far"]

HEADER = ["NIP", "Nama", "Jabatan", "OPD", "Instansi", "Email"]


def tulis_csv(path: Path, baris: list[list[str]], pemisah: str = ",", bom: bool = False) -> Path:
    teks = "\n".join(pemisah.join(b) for b in baris) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + teks.encode("utf-8"))
    return path


def tulis_xlsx(path: Path, baris: list[list[object]]) -> Path:
    buku = openpyxl.Workbook()
    lembar = buku.active
    for b in baris:
        lembar.append(b)
    buku.save(path)
    return path


def baris_baik() -> list[list[str]]:
    return [
        HEADER,
        [NIP_A, NAMA_UNIK[0], "Analis Kebijakan", "Bappeda", "Kabupaten Gianyar", ""],
        [NIP_B, NAMA_UNIK[1], "Kepala Seksi", "Dinas Kesehatan", "Kabupaten Badung",
         "rai@contoh.go.id"],
        [NIP_PPPK, NAMA_UNIK[2], "Pranata Komputer", "Diskominfo", "Kota Makassar", ""],
    ]


def pesan(path: Path) -> str:
    with pytest.raises(BerkasTidakValid) as e:
        baca_roster(path)
    return str(e.value)


# ----- good files --------------------------------------------------------------------------
@pytest.mark.parametrize("pemisah,bom", [(",", False), (";", True), (";", False), ("\t", True)])
def test_csv_with_or_without_bom_and_any_delimiter(tmp_path: Path, pemisah: str, bom: bool):
    rows = baca_roster(tulis_csv(tmp_path / "r.csv", baris_baik(), pemisah, bom))
    assert [p.nama for p in rows] == NAMA_UNIK
    assert rows[0] == Peserta(NIP_A, NAMA_UNIK[0], "Analis Kebijakan", "Bappeda",
                              "Kabupaten Gianyar", "")
    assert rows[1].email == "rai@contoh.go.id"
    assert rows[2].nip == NIP_PPPK


def test_xlsx_with_text_nips(tmp_path: Path):
    rows = baca_roster(tulis_xlsx(tmp_path / "r.xlsx", baris_baik()))
    assert [p.nama for p in rows] == NAMA_UNIK
    assert [p.nip for p in rows] == [NIP_A, NIP_B, NIP_PPPK]


def test_header_variants_order_extra_columns_and_whitespace(tmp_path: Path):
    baris = [
        ["No", "Nama Lengkap", "NIP", "Perangkat Daerah", "Instansi/Pemda", "Jabatan", "E-mail"],
        ["1", "  Ni Luh Putu Ayu Wédari ", f" {NIP_A} ", "Bappeda", "Kab. Gianyar", "Analis", ""],
        ["2", "Muhammad  Ja'far", "19900228 201503 2 004", "Dinkes", "Kota Makassar", "Kasi",
         "jafar@contoh.go.id"],
    ]
    rows = baca_roster(tulis_csv(tmp_path / "r.csv", baris))
    assert rows[0] == Peserta(NIP_A, "Ni Luh Putu Ayu Wédari", "Analis", "Bappeda",
                              "Kab. Gianyar", "")
    assert rows[1].nama == "Muhammad  Ja'far"  # kept exactly, only the ends are stripped
    assert rows[1].nip == NIP_B  # the official spaced display form is accepted


def test_blank_rows_are_ignored_and_row_numbers_match_the_file(tmp_path: Path):
    baris = baris_baik()
    baris.insert(2, [""] * 6)
    baris[3][2] = ""
    baris[3][1] = ""  # an empty name on file row 4
    msg = pesan(tulis_csv(tmp_path / "r.csv", baris))
    assert "baris 4, kolom Nama: nama kosong" in msg


def test_the_sample_roster_reads(tmp_path: Path):
    rows = baca_roster(DATASETS_DIR / "peserta_contoh.csv")
    assert len(rows) >= 30
    assert len({p.nip for p in rows}) == len(rows)


# ----- bad files: one message listing every problem ----------------------------------------
def test_every_bad_row_and_column_is_listed_in_one_error_csv(tmp_path: Path):
    baris = [
        HEADER,
        ["198513322010011002", "Budi", "Staf", "Bappeda", "Kab. Sleman", ""],  # row 2
        [NIP_A, "", "Staf", "Bappeda", "Kab. Sleman", ""],  # row 3
        [NIP_B, "Sari", "Staf", "Bappeda", "Kab. Sleman", "sari@"],  # row 4
        [NIP_A, "Dewi", "Staf", "Bappeda", "Kab. Sleman", ""],  # row 5
        ["1.98503E+17", "Eko", "Staf", "Bappeda", "Kab. Sleman", ""],  # row 6
        ["19850315201001100", "Fajar", "Staf", "Bappeda", "Kab. Sleman", ""],  # row 7
    ]
    path = tulis_csv(tmp_path / "buruk.csv", baris)
    msg = pesan(path)
    assert str(path) in msg
    assert "tidak ada peserta yang diimpor" in msg
    assert "baris 2, kolom NIP '198513322010011002': bulan lahir '13' tidak ada" in msg
    assert "baris 3, kolom Nama: nama kosong" in msg
    assert "baris 4, kolom Email 'sari@'" in msg
    assert "baris 3 dan baris 5" in msg and f"NIP {NIP_A} ganda" in msg
    assert "baris 6, kolom NIP '1.98503E+17'" in msg and "dibulatkan" in msg
    assert "baris 7, kolom NIP '19850315201001100': NIP '19850315201001100' harus 18 digit" in msg
    assert msg.count("\n- ") == 6 and "6 masalah" in msg


def test_every_bad_row_is_listed_in_one_error_xlsx(tmp_path: Path):
    baris: list[list[object]] = [
        HEADER,
        [198503152010011001, "Budi", "Staf", "Bappeda", "Kab. Sleman", None],  # number cell
        [1.98503152010011e17, "Ani", "Staf", "Bappeda", "Kab. Sleman", None],  # float cell
        [NIP_B, None, "Staf", "Bappeda", "Kab. Sleman", "bukan email"],
        [NIP_B, "Sari", "Staf", "Bappeda", "Kab. Sleman", None],
    ]
    msg = pesan(tulis_xlsx(tmp_path / "buruk.xlsx", baris))
    assert "baris 2, kolom NIP" in msg and "baris 3, kolom NIP" in msg
    assert msg.count("disimpan Excel sebagai angka sehingga dibulatkan") == 2
    assert "baris 4, kolom Nama: nama kosong" in msg
    assert "baris 4, kolom Email 'bukan email'" in msg
    assert "baris 4 dan baris 5" in msg


def test_missing_required_columns_are_named(tmp_path: Path):
    msg = pesan(tulis_csv(tmp_path / "r.csv", [["NIP", "Nama Lengkap", "Jabatan"],
                                                [NIP_A, "Budi", "Staf"]]))
    assert "kolom wajib tidak ditemukan: OPD, Instansi" in msg
    msg = pesan(tulis_xlsx(tmp_path / "r.xlsx", [["Nomor", "Nama"], [1, "Budi"]]))
    assert "NIP" in msg and "'Nomor'" in msg


def test_a_column_given_twice_is_refused(tmp_path: Path):
    baris = [["NIP", "Nama", "Nama Lengkap", "Jabatan", "OPD", "Pemda"],
             [NIP_A, "Budi", "Budi S.", "Staf", "Bappeda", "Kab. Sleman"]]
    assert "kolom Nama muncul dua kali" in pesan(tulis_csv(tmp_path / "r.csv", baris))


@pytest.mark.parametrize("isi", [b"", b"\xef\xbb\xbf", b"\n \n;;\n"])
def test_empty_csv(tmp_path: Path, isi: bytes):
    (tmp_path / "kosong.csv").write_bytes(isi)
    assert "berkas kosong" in pesan(tmp_path / "kosong.csv")


def test_header_only_and_empty_xlsx(tmp_path: Path):
    assert "tidak ada baris peserta" in pesan(tulis_csv(tmp_path / "h.csv", [HEADER]))
    assert "berkas kosong" in pesan(tulis_xlsx(tmp_path / "k.xlsx", []))


def test_unreadable_files(tmp_path: Path):
    assert "tidak ditemukan" in pesan(tmp_path / "hilang.csv")
    (tmp_path / "ansi.csv").write_bytes("NIP,Nama\n1,Wédari\n".encode("cp1252"))
    assert "UTF-8" in pesan(tmp_path / "ansi.csv")
    (tmp_path / "rusak.xlsx").write_text("bukan excel")
    assert "rusak.xlsx" in pesan(tmp_path / "rusak.xlsx")
    (tmp_path / "r.pdf").write_text("x")
    assert ".pdf" in pesan(tmp_path / "r.pdf")


# ----- into the store ----------------------------------------------------------------------
def test_reimport_of_a_corrected_roster_updates_without_duplicates(tmp_path: Path):
    st = Store.create(tmp_path / "kelas", nama="Angkatan I")
    baris = baris_baik()
    baris[2][5] = "salah@"
    with pytest.raises(BerkasTidakValid):
        st.upsert_peserta(baca_roster(tulis_csv(tmp_path / "r.csv", baris)))
    assert st.daftar_peserta() == []  # nothing imported from a bad file
    baris[2][5] = "rai@contoh.go.id"
    assert st.upsert_peserta(baca_roster(tulis_csv(tmp_path / "r.csv", baris))) == (3, 0)
    st.save(NIP_A, "masalah", "akar_masalah", "tetap ada")
    baris[1][2] = "Perencana Ahli Muda"
    baris.append([NIP_C, "Kadek Wédari", "Staf", "Bappeda", "Kab. Gianyar", ""])
    assert st.upsert_peserta(baca_roster(tulis_xlsx(tmp_path / "r.xlsx", baris))) == (1, 3)
    semua = st.daftar_peserta()
    assert len(semua) == 4 and len({p.nip for p in semua}) == 4
    assert st.get_peserta(NIP_A).jabatan == "Perencana Ahli Muda"
    assert {p.nama for p in semua} >= set(NAMA_UNIK)
    assert st.load(NIP_A, "masalah", "akar_masalah") == "tetap ada"


def test_tmt_cpns_in_the_future_is_refused_and_printed_nip_accepted(tmp_path: Path):
    baris = baris_baik()
    baris[1][0] = "19850315 201001 1 001"  # the printed form, with spaces: accepted
    baris[2][0] = "198503152085011002"  # TMT CPNS January 2085: not yet
    teks = pesan(tulis_csv(tmp_path / "r.csv", baris))
    assert "baris 3, kolom NIP '198503152085011002'" in teks
    assert "TMT CPNS Januari 2085 belum terjadi" in teks
    assert "baris 2" not in teks
