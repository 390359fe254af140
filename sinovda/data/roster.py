"""Read a class roster (CSV or XLSX) into ``Peserta`` rows, reporting every bad row at once.

Columns (header names matched case-insensitively, with common variants): NIP, Nama, Jabatan,
OPD (Perangkat Daerah, Unit Kerja...), Instansi (Pemda...), Email (optional). A file with any
bad row raises one ``BerkasTidakValid`` listing every problem; nothing is returned from it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from sinovda.domain.errors import BerkasTidakValid
from sinovda.domain.peserta import Peserta, alasan_nip_tidak_valid

# normalised header -> column key (normalised: lower case, punctuation as spaces, spaces collapsed)
VARIAN: dict[str, str] = {}
for _kunci, _nama in {
    "nip": ("nip", "nip baru", "no nip", "nomor nip", "nip pns", "nip pppk", "nip nipppk",
            "nip pns pppk", "nomor induk pegawai"),
    "nama": ("nama", "nama lengkap", "nama peserta", "nama pegawai", "nama asn",
             "nama lengkap dan gelar", "nama dan gelar", "nama lengkap gelar"),
    "jabatan": ("jabatan", "nama jabatan", "jabatan peserta", "jabatan saat ini"),
    "opd": ("opd", "perangkat daerah", "unit kerja", "skpd", "opd unit kerja", "satuan kerja",
            "unit kerja opd", "organisasi perangkat daerah", "nama opd", "asal opd"),
    "instansi": ("instansi", "pemda", "instansi pemda", "pemda instansi", "pemerintah daerah",
                 "asal instansi", "asal pemda", "nama instansi", "kabupaten kota",
                 "instansi pemerintah daerah", "daerah"),
    "email": ("email", "e mail", "surel", "alamat email", "alamat e mail", "alamat surel",
              "email aktif", "e mail aktif"),
}.items():
    for _n in _nama:
        VARIAN[_n] = _kunci

JUDUL = {"nip": "NIP", "nama": "Nama", "jabatan": "Jabatan", "opd": "OPD",
         "instansi": "Instansi", "email": "Email"}
WAJIB = ("nip", "nama", "jabatan", "opd", "instansi")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_ANGKA_ILMIAH = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")
_ANGKA_DESIMAL = re.compile(r"^\d+[.,]0+$")
_DIBULATKAN = ("disimpan Excel sebagai angka sehingga dibulatkan; format kolom NIP sebagai "
               "Teks lalu ketik ulang NIP lengkap 18 digit")


def normalkan_judul(teks: str) -> str:
    """A header as matched: lower case, punctuation as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", teks.lower()).split())


def baca_roster(path: str | Path) -> list[Peserta]:
    """Read a roster file (``.csv`` or ``.xlsx``); BerkasTidakValid lists every bad row/column."""
    path = Path(path)
    if not path.is_file():
        raise BerkasTidakValid(f"{path}: berkas roster tidak ditemukan")
    akhiran = path.suffix.lower()
    if akhiran == ".csv":
        baris = _baris_csv(path)
    elif akhiran in (".xlsx", ".xlsm"):
        baris = _baris_xlsx(path)
    else:
        raise BerkasTidakValid(
            f"{path}: jenis berkas '{akhiran or '(tanpa akhiran)'}' tidak dikenal; "
            "gunakan .csv atau .xlsx"
        )
    return _peserta(path, baris)


# ----- reading cells -------------------------------------------------------------------------
def _baris_csv(path: Path) -> list[tuple[int, list[Any]]]:
    """Rows of a CSV file as (row number, cells); UTF-8 with or without BOM, , ; or tab."""
    try:
        teks = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BerkasTidakValid(
            f"{path}: berkas bukan teks UTF-8 (bita ke-{e.start + 1}); di Excel simpan ulang "
            "dengan 'Save As' > 'CSV UTF-8 (Comma delimited)'"
        ) from None
    pertama = next((b for b in teks.splitlines() if b.strip()), "")
    pemisah = max((",", ";", "\t"), key=pertama.count)
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    try:
        return [(pembaca.line_num, sel) for sel in pembaca]
    except csv.Error as e:
        raise BerkasTidakValid(f"{path}: CSV rusak di baris {pembaca.line_num}: {e}") from None


def _baris_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    """Rows of the first sheet of an XLSX file as (row number, cells)."""
    from zipfile import BadZipFile

    import openpyxl

    try:
        buku = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as e:
        raise BerkasTidakValid(f"{path}: bukan berkas .xlsx yang dapat dibaca ({e})") from None
    try:
        lembar = buku.worksheets[0]
        return [(i, list(sel)) for i, sel in enumerate(lembar.iter_rows(values_only=True), 1)]
    finally:
        buku.close()


def _kosong(sel: Any) -> bool:
    return sel is None or (isinstance(sel, str) and not sel.strip())


def _teks(sel: Any) -> str:
    if sel is None:
        return ""
    if isinstance(sel, float) and sel.is_integer():
        sel = int(sel)
    return str(sel).strip()


# ----- columns and rows ----------------------------------------------------------------------
def _kolom(path: Path, judul: list[Any], nomor: int) -> dict[str, int]:
    """Map column keys to positions; BerkasTidakValid for missing or doubled columns."""
    posisi: dict[str, int] = {}
    masalah = []
    for i, sel in enumerate(judul):
        kunci = VARIAN.get(normalkan_judul(_teks(sel)))
        if kunci is None:
            continue
        if kunci in posisi:
            masalah.append(
                f"kolom {JUDUL[kunci]} muncul dua kali ('{_teks(judul[posisi[kunci]])}' "
                f"dan '{_teks(sel)}'); hapus salah satu"
            )
        else:
            posisi[kunci] = i
    hilang = [JUDUL[k] for k in WAJIB if k not in posisi]
    if hilang:
        ada = ", ".join(f"'{_teks(s)}'" for s in judul if not _kosong(s)) or "(kosong)"
        masalah.append(
            f"kolom wajib tidak ditemukan: {', '.join(hilang)} (judul kolom di baris {nomor}: "
            f"{ada}); kolom yang dibutuhkan: NIP, Nama, Jabatan, OPD, Instansi, Email (opsional)"
        )
    if masalah:
        raise BerkasTidakValid(f"{path}: " + "; ".join(masalah))
    return posisi


def _nip(sel: Any) -> tuple[str, str | None]:
    """(NIP text, reason it is bad or None)."""
    if isinstance(sel, bool):
        return str(sel), "bukan NIP"
    if isinstance(sel, int | float):
        return _teks(sel), _DIBULATKAN
    teks = _teks(sel).lstrip("'").replace(" ", "")
    if _ANGKA_ILMIAH.match(teks) or _ANGKA_DESIMAL.match(teks):
        return teks, _DIBULATKAN
    return teks, alasan_nip_tidak_valid(teks)


def _peserta(path: Path, baris: list[tuple[int, list[Any]]]) -> list[Peserta]:
    isi = [(n, sel) for n, sel in baris if not all(_kosong(s) for s in sel)]
    if not isi:
        raise BerkasTidakValid(f"{path}: berkas kosong; baris pertama harus berisi judul kolom "
                               "NIP, Nama, Jabatan, OPD, Instansi, Email")
    nomor_judul, judul = isi[0]
    kolom = _kolom(path, judul, nomor_judul)
    if len(isi) == 1:
        raise BerkasTidakValid(f"{path}: tidak ada baris peserta di bawah judul kolom")

    def ambil(sel: list[Any], kunci: str) -> Any:
        i = kolom.get(kunci)
        return sel[i] if i is not None and i < len(sel) else None

    masalah: list[str] = []
    hasil: list[Peserta] = []
    pertama_kali: dict[str, int] = {}
    for nomor, sel in isi[1:]:
        nip, alasan = _nip(ambil(sel, "nip"))
        if alasan:
            masalah.append(f"baris {nomor}, kolom NIP '{nip}': {alasan}")
        elif nip in pertama_kali:
            masalah.append(f"baris {pertama_kali[nip]} dan baris {nomor}, kolom NIP: "
                           f"NIP {nip} ganda (tercantum dua kali)")
        else:
            pertama_kali[nip] = nomor
        nama = _teks(ambil(sel, "nama"))
        if not nama:
            masalah.append(f"baris {nomor}, kolom Nama: nama kosong")
        email = _teks(ambil(sel, "email"))
        if email and not _EMAIL.match(email):
            masalah.append(f"baris {nomor}, kolom Email '{email}': bukan alamat email yang sah")
        hasil.append(Peserta(nip=nip, nama=nama, jabatan=_teks(ambil(sel, "jabatan")),
                             opd=_teks(ambil(sel, "opd")),
                             instansi=_teks(ambil(sel, "instansi")), email=email))
    if masalah:
        daftar = "\n".join(f"- {m}" for m in masalah)
        raise BerkasTidakValid(
            f"{path}: {len(masalah)} masalah, tidak ada peserta yang diimpor. "
            f"Perbaiki lalu impor ulang:\n{daftar}"
        )
    return hasil
