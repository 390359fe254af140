"""Completion certificate rules (pure): who may get one, and the verification code.

Eligibility (``kelayakan``) follows ``AturanSertifikat`` from ``modul/pengaturan.yaml``
(``sertifikat:``): the listed modules completed (or all of the course), the post-test submitted,
and a minimum rubric total (0-100) when one is set. Every unmet condition is returned in words.

The verification code is an HMAC-SHA256 of (class id, NIP, issue date) keyed with a per-class
secret that stays in the class DB on the server: it cannot be computed from a participant's data
alone. Shown as ``SNV-XXXX-XXXX-XXXX-XXXX`` (16 characters from an alphabet without 0/O/1/I/L,
about 79 bits), compared after normalising case, spaces and hyphens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sinovda.domain.errors import InputTidakValid

ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PANJANG = 16
AWALAN = "SNV"
SEMUA_MODUL = "semua"
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


@dataclass(frozen=True)
class AturanSertifikat:
    """When a participant earns the certificate, and the defaults printed on it."""

    modul_wajib: tuple[str, ...] | None = None  # None: every module of the course
    posttest_terkirim: bool = True
    rubrik_minimal: float | None = 60.0  # None: no rubric condition
    jp: int = 32  # hours (jam pelajaran) when the class did not set them
    judul: str = "Sertifikat"
    keterangan: str = "telah mengikuti dan menyelesaikan"


@dataclass(frozen=True)
class AturanHasil:
    """How results reach participants (``hasil:`` in pengaturan.yaml)."""

    mandiri_langsung: bool = True  # self-study: results shown without a trainer's release


@dataclass(frozen=True)
class Kelayakan:
    """Whether the certificate is earned; ``kurang`` lists every unmet condition in words."""

    layak: bool
    kurang: tuple[str, ...]


def kelayakan(
    aturan: AturanSertifikat,
    status_modul: Mapping[str, str],
    judul_modul: Mapping[str, str],
    posttest_terkirim: bool,
    total_rubrik: float | None,
) -> Kelayakan:
    """Check the rule. ``status_modul``: ``{modul_id: "belum"|"sedang"|"selesai"}`` in course
    order; ``judul_modul``: titles for the messages; ``total_rubrik``: 0-100 or None (not
    every criterion scored yet)."""
    kurang: list[str] = []
    wajib = list(status_modul) if aturan.modul_wajib is None else list(aturan.modul_wajib)
    belum = [m for m in wajib if status_modul.get(m) != "selesai"]
    if belum:
        kurang.append("modul belum selesai: " + ", ".join(judul_modul.get(m, m) for m in belum))
    if aturan.posttest_terkirim and not posttest_terkirim:
        kurang.append("post-test belum dikirim")
    if aturan.rubrik_minimal is not None:
        if total_rubrik is None:
            kurang.append("nilai rubrik rencana aksi belum lengkap")
        elif total_rubrik < aturan.rubrik_minimal:
            kurang.append(f"nilai rubrik {_angka(total_rubrik)} di bawah batas minimal "
                          f"{_angka(aturan.rubrik_minimal)}")
    return Kelayakan(not kurang, tuple(kurang))


def _angka(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


# --- verification code ----------------------------------------------------------------------


def _pesan(kelas_id: str, nip: str, tanggal: str) -> bytes:
    return "\x1f".join(("sinovda-sertifikat-1", kelas_id, nip.strip(), tanggal)).encode()


def buat_kode(rahasia: bytes, kelas_id: str, nip: str, tanggal: str) -> str:
    """The code of the certificate issued to ``nip`` in class ``kelas_id`` on ``tanggal``
    (ISO date), e.g. ``SNV-K7PM-3XQA-...``. ``rahasia``: the class's secret (16+ bytes)."""
    if len(rahasia) < 16:
        raise InputTidakValid("rahasia sertifikat kelas terlalu pendek (minimal 16 bita)")
    tanggal_iso(tanggal)
    angka = int.from_bytes(hmac.new(rahasia, _pesan(kelas_id, nip, tanggal),
                                    hashlib.sha256).digest()[:12], "big")
    huruf = []
    for _ in range(PANJANG):
        angka, sisa = divmod(angka, len(ALFABET))
        huruf.append(ALFABET[sisa])
    teks = "".join(huruf)
    return AWALAN + "-" + "-".join(teks[i:i + 4] for i in range(0, PANJANG, 4))


def _ringkas(teks: str, batas: int = 40) -> str:
    """``teks`` cut to ``batas`` characters (with "...") : a pasted page cannot flood a message."""
    return teks if len(teks) <= batas else teks[:batas] + "..."


def normalisasi_kode(kode: str) -> str:
    """A typed code as compared: upper case, no spaces or hyphens, with the ``SNV`` prefix.

    InputTidakValid when it cannot be a certificate code (wrong length or characters)."""
    teks = re.sub(r"[\s\-]+", "", str(kode)).upper()
    if teks.startswith(AWALAN):
        teks = teks[len(AWALAN):]
    if len(teks) != PANJANG or any(c not in ALFABET for c in teks):
        raise InputTidakValid(
            f"'{_ringkas(str(kode))}' bukan kode sertifikat sinovda: "
            f"bentuknya {AWALAN}-XXXX-XXXX-XXXX-XXXX "
            f"({PANJANG} huruf/angka, tanpa 0, O, 1, I, L)"
        )
    return AWALAN + "-" + "-".join(teks[i:i + 4] for i in range(0, PANJANG, 4))


def kode_cocok(kode: str, rahasia: bytes, kelas_id: str, nip: str, tanggal: str) -> bool:
    """Whether ``kode`` is the genuine code for (class, NIP, date) (constant-time compare)."""
    try:
        bersih = normalisasi_kode(kode)
    except InputTidakValid:
        return False
    return hmac.compare_digest(bersih, buat_kode(rahasia, kelas_id, nip, tanggal))


# --- dates in Indonesian ---------------------------------------------------------------------


def tanggal_iso(teks: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; InputTidakValid naming the value otherwise."""
    try:
        return dt.date.fromisoformat(str(teks).strip())
    except ValueError:
        raise InputTidakValid(f"tanggal '{teks}' tidak sah: tulis TTTT-BB-HH, "
                              "mis. 2026-03-09") from None


def tanggal_indonesia(teks: str) -> str:
    """``2026-03-12`` -> ``12 Maret 2026``."""
    d = tanggal_iso(teks)
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def rentang_tanggal(mulai: str, selesai: str) -> str:
    """``9-12 Maret 2026``, ``28 Februari - 3 Maret 2026`` or across years in full; one date
    when both are the same or one is empty."""
    if not mulai or not selesai:
        return tanggal_indonesia(mulai or selesai) if (mulai or selesai) else ""
    a, b = tanggal_iso(mulai), tanggal_iso(selesai)
    if b < a:
        raise InputTidakValid(f"tanggal selesai {selesai} sebelum tanggal mulai {mulai}")
    if a == b:
        return tanggal_indonesia(mulai)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{b.day} {BULAN[b.month - 1]} {b.year}"
    if a.year == b.year:
        return f"{a.day} {BULAN[a.month - 1]} - {b.day} {BULAN[b.month - 1]} {b.year}"
    return f"{tanggal_indonesia(mulai)} - {tanggal_indonesia(selesai)}"


def daftar_modul(teks: object) -> tuple[str, ...] | None:
    """``semua`` (or nothing) -> None (every module); a list of ids -> a tuple."""
    if teks is None or (isinstance(teks, str) and teks.strip().lower() == SEMUA_MODUL):
        return None
    if isinstance(teks, Sequence) and not isinstance(teks, str):
        ids = tuple(str(x).strip() for x in teks if str(x).strip())
        if ids:
            return ids
    raise InputTidakValid(f"daftar modul wajib '{teks}' harus '{SEMUA_MODUL}' atau daftar id "
                          "modul, mis. [pengantar, masalah]")
