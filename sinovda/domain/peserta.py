"""Peserta (participant) and the NIP rules for PNS and PPPK."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sinovda.domain.errors import InputTidakValid

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


@dataclass(frozen=True)
class Peserta:
    """One participant of a class, identified by NIP. Names are kept exactly as given."""

    nip: str
    nama: str
    jabatan: str = ""
    opd: str = ""
    instansi: str = ""
    email: str = ""


@dataclass(frozen=True)
class InfoNIP:
    """What an 18-digit NIP says about its holder."""

    jenis: str  # "PNS" or "PPPK"
    tanggal_lahir: dt.date
    tmt_tahun: int
    tmt_bulan: int | None  # PPPK NIPs carry only the year
    jenis_kelamin: str  # "laki-laki" or "perempuan"
    nomor_urut: int


def _tanggal(teks: str, apa: str) -> dt.date:
    tahun, bulan, hari = int(teks[:4]), int(teks[4:6]), int(teks[6:8])
    if not 1 <= bulan <= 12:
        raise InputTidakValid(f"bulan {apa} '{teks[4:6]}' tidak ada (harus 01-12)")
    try:
        return dt.date(tahun, bulan, hari)
    except ValueError:
        raise InputTidakValid(
            f"tanggal {apa} {hari:02d} {NAMA_BULAN[bulan - 1]} {tahun} tidak ada"
        ) from None


def _kelamin(digit: str) -> str:
    if digit == "1":
        return "laki-laki"
    if digit == "2":
        return "perempuan"
    raise InputTidakValid(f"digit jenis kelamin '{digit}' harus 1 (laki-laki) atau 2 (perempuan)")


def _urut(teks: str) -> int:
    nomor = int(teks)
    if nomor < 1:
        raise InputTidakValid("nomor urut '000' tidak sah (harus 001-999)")
    return nomor


def _notasi_ilmiah(teks: str) -> bool:
    """True for an Excel-rounded number such as '1.98503E+17' or '1,98503E+17'."""
    kepala, e, pangkat = teks.upper().partition("E")
    angka = kepala.replace(".", "").replace(",", "")
    return bool(e) and angka.isdigit() and pangkat.lstrip("+").isdigit()


def rapikan_nip(nip: str) -> str:
    """The NIP as stored: the printed form with spaces ("19850315 201001 1 001") becomes the 18
    digits; everything else is left for ``validasi_nip`` to judge."""
    return "".join(str(nip).split())


def validasi_nip(nip: str, hari_ini: dt.date | None = None) -> InfoNIP:
    """Check an NIP and say what it encodes; raise InputTidakValid with the reason if invalid.

    PNS: lahir YYYYMMDD, TMT CPNS YYYYMM, jenis kelamin (1/2), nomor urut 001-999.
    PPPK: lahir YYYYMMDD, TMT tahun YYYY, digit 2, digit frekuensi, jenis kelamin, nomor urut.
    Spaces (the printed form) are ignored; store ``rapikan_nip(nip)``. A TMT after ``hari_ini``
    (default today) is refused: nobody is appointed in the future.
    """
    teks = rapikan_nip(nip)
    if not teks:
        raise InputTidakValid("NIP kosong")
    tampil = teks if len(teks) <= 30 else teks[:24] + "…"  # an overlong value is not echoed
    if _notasi_ilmiah(teks):
        raise InputTidakValid(
            f"NIP '{tampil}' sudah dibulatkan Excel (notasi ilmiah) sehingga digitnya hilang: "
            "format kolom NIP sebagai Teks lalu ketik ulang 18 digitnya"
        )
    if not teks.isdigit() or not teks.isascii():
        raise InputTidakValid(f"NIP '{tampil}' harus berisi angka saja")
    if len(teks) != 18:
        raise InputTidakValid(f"NIP '{tampil}' harus 18 digit, bukan {len(teks)}")
    lahir = _tanggal(teks[:8], "lahir")
    hari_ini = hari_ini or dt.date.today()
    if lahir > hari_ini:
        raise InputTidakValid(f"tanggal lahir {lahir:%d-%m-%Y} belum terjadi")
    if teks[12] == "2":  # a month never starts with 2: this is a PPPK NIP
        tahun = int(teks[8:12])
        if tahun <= lahir.year:
            raise InputTidakValid(f"tahun TMT {tahun} harus sesudah tahun lahir {lahir.year}")
        if tahun > hari_ini.year:
            raise InputTidakValid(f"tahun TMT {tahun} belum terjadi (sekarang {hari_ini.year})")
        return InfoNIP("PPPK", lahir, tahun, None, _kelamin(teks[14]), _urut(teks[15:]))
    tahun, bulan = int(teks[8:12]), int(teks[12:14])
    if not 1 <= bulan <= 12:
        raise InputTidakValid(f"bulan TMT CPNS '{teks[12:14]}' tidak ada (harus 01-12)")
    if (tahun, bulan) <= (lahir.year, lahir.month):
        raise InputTidakValid(
            f"TMT CPNS {NAMA_BULAN[bulan - 1]} {tahun} harus sesudah tanggal lahir {lahir:%d-%m-%Y}"
        )
    if (tahun, bulan) > (hari_ini.year, hari_ini.month):
        raise InputTidakValid(
            f"TMT CPNS {NAMA_BULAN[bulan - 1]} {tahun} belum terjadi: periksa digit 9-14 NIP"
        )
    return InfoNIP("PNS", lahir, tahun, bulan, _kelamin(teks[14]), _urut(teks[15:]))


def alasan_nip_tidak_valid(nip: str, hari_ini: dt.date | None = None) -> str | None:
    """The reason an NIP is invalid, in Bahasa Indonesia, or None when it is valid."""
    try:
        validasi_nip(nip, hari_ini)
    except InputTidakValid as e:
        return str(e)
    return None
