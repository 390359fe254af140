"""Hub accounts of a class: participants (by NIP) and facilitators, each with a personal passcode.

Passcodes are generated once, shown once (the facilitator's passcode sheet) and stored only as a
salted scrypt hash. This module is the policy (hashing, name rules, lockout); the accounts are
read and written through the store (``sinovda.store.akun``: the class's SQLite file, or the
database-level accounts and memberships of a PostgreSQL database). They are never exposed by the
store API or the store service.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sinovda.data.settings import AturanMasuk
from sinovda.domain.errors import InputTidakValid
from sinovda.store.akun import BarisAkun

PESERTA = "peserta"
FASILITATOR = "fasilitator"

# No 0/O, 1/I/L: a passcode is read from paper and typed by hand.
ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PANJANG_KODE = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_NAMA_FASILITATOR = re.compile(r"^[a-z][a-z0-9_-]{1,19}$")

# An unknown name, a name without passcode and a locked name are checked against this hash, so
# they cost the same time as a wrong passcode (a valid NIP cannot be told apart by timing).
_GARAM_SEMU = secrets.token_bytes(16)
_PANJANG_NAMA_MAKS = 64


@dataclass(frozen=True)
class Kunci:
    """A login lock: ``kunci`` is a login name or a client address, locked until ``sampai``."""

    kunci: str
    jenis: str  # 'nama' or 'alamat'
    gagal: int
    sampai: float

    def sampai_teks(self) -> str:
        """The end of the lock as local time, e.g. '14:05'."""
        return datetime.fromtimestamp(self.sampai).strftime("%H:%M")


@dataclass(frozen=True)
class HasilMasuk:
    """The outcome of one login attempt: the account, or why there is none."""

    akun: Akun | None
    terkunci: Kunci | None = None
    diperiksa: bool = True  # False: refused as locked, the passcode was not checked

    @property
    def berhasil(self) -> bool:
        return self.akun is not None


@dataclass(frozen=True)
class Akun:
    """One hub account: ``nama`` is the NIP of a participant or a facilitator's short name."""

    nama: str
    peran: str
    label: str
    punya_kode: bool


def buat_kode() -> str:
    """A new random passcode, e.g. ``K7PM-3XQA`` (about 40 bits)."""
    kode = "".join(secrets.choice(ALFABET) for _ in range(PANJANG_KODE))
    return f"{kode[:4]}-{kode[4:]}"


def normalisasi_kode(kode: str) -> str:
    """The passcode as compared: upper case, without spaces or hyphens."""
    return re.sub(r"[\s-]+", "", str(kode)).upper()


def hash_kode(kode: str, garam: bytes) -> bytes:
    """The scrypt hash of a passcode with its salt."""
    return hashlib.scrypt(normalisasi_kode(kode).encode(), salt=garam, **_SCRYPT)


def normalisasi_nama(nama: str) -> str:
    """A login name as stored: stripped and lower case (NIPs are digits anyway)."""
    return str(nama).strip().lower()


def cek_nama_fasilitator(nama: str) -> str:
    """Validate a facilitator name (2-20 chars, a-z first, then a-z, 0-9, _ or -)."""
    n = normalisasi_nama(nama)
    if not _NAMA_FASILITATOR.match(n):
        raise InputTidakValid(
            f"nama fasilitator '{nama}' tidak sah: 2-20 karakter, diawali huruf, "
            "hanya huruf kecil a-z, angka, '_' atau '-', mis. 'budi' atau 'sri_w'"
        )
    return n


class DaftarAkun:
    """The hub accounts of a class (or of the classes a hub serves), with the policy:
    passcodes (scrypt, constant-time check), name rules and the login lockout. The data is the
    store's (``sinovda.store.akun``): a SQLite class folder keeps its own accounts; on a
    PostgreSQL database accounts are database-level and ``kelas`` (the locator's class, or the
    keys given) scopes what is seen."""

    def __init__(
        self, lokasi: str | Path, jam: Callable[[], float] = time.time,
        kelas: Iterable[str] | None = None,
    ) -> None:
        from sinovda.store.akun import buka_akun

        self.jam = jam
        self.repo = buka_akun(lokasi, kelas)

    @staticmethod
    def _akun(b: BarisAkun) -> Akun:
        return Akun(b.nama, b.peran, b.label, b.punya_kode)

    def daftar(self) -> list[Akun]:
        """Every account, facilitators first, then by name."""
        return [self._akun(b) for b in self.repo.daftar()]

    def get(self, nama: str) -> Akun | None:
        """The account called ``nama``, or None."""
        b = self.repo.get(normalisasi_nama(nama)[:_PANJANG_NAMA_MAKS])
        return self._akun(b) if b else None

    def peran(self, nama: str) -> str | None:
        """``'peserta'``, ``'fasilitator'`` or None for an unknown name."""
        akun = self.get(nama)
        return akun.peran if akun else None

    def kelas_anggota(self, nama: str) -> list[str]:
        """The (scoped) classes of a PostgreSQL database ``nama`` belongs to, newest first;
        ``[]`` for a SQLite class (its accounts are its own)."""
        return self.repo.kelas_anggota(normalisasi_nama(nama)[:_PANJANG_NAMA_MAKS])

    def sinkron_peserta(self, peserta: Iterable[tuple[str, str]]) -> int:
        """Add an account (without passcode) for each (nip, nama) not yet known; return how many."""
        return self.repo.sinkron_peserta(
            [(normalisasi_nama(nip), nama) for nip, nama in peserta], _sekarang())

    def tambah_fasilitator(self, nama: str, label: str = "") -> str:
        """Add a facilitator and return their new passcode (shown once)."""
        n = cek_nama_fasilitator(nama)
        if self.get(n) is not None:
            raise InputTidakValid(
                f"akun '{n}' sudah ada; untuk kode baru: sinovda kode-akses --buat --ulang {n}"
            )
        if self.repo.ada(n):
            raise InputTidakValid(
                f"akun '{n}' sudah ada di basis data (fasilitator kelas lain); tambahkan ke kelas "
                f"ini dengan kode yang sama: sinovda fasilitator gabung {n} --kelas KUNCI")
        self.repo.tambah(n, FASILITATOR, label or n, _sekarang())
        return self.set_kode(n)

    def gabung_fasilitator(self, nama: str, kelas: Iterable[str]) -> int:
        """Make the existing facilitator ``nama`` a member of more classes (PostgreSQL);
        return how many memberships are new. Their passcode does not change."""
        n = cek_nama_fasilitator(nama)
        return self.repo.gabung(n, list(kelas))

    def hapus_fasilitator(self, nama: str) -> None:
        """Remove a facilitator account (its passcode stops working at once). Participants'
        accounts follow the roster and are not removed here. Unknown name: InputTidakValid."""
        if not self.repo.hapus(normalisasi_nama(nama), FASILITATOR):
            raise InputTidakValid(f"'{nama}' bukan akun fasilitator kelas ini")

    def set_kode(self, nama: str, kode: str | None = None) -> str:
        """Give ``nama`` a new passcode (random unless given); return it in clear, once."""
        kode = kode or buat_kode()
        garam = secrets.token_bytes(16)
        if not self.repo.set_hash(normalisasi_nama(nama), garam, hash_kode(kode, garam)):
            raise InputTidakValid(f"akun '{nama}' tidak ada di kelas ini")
        return kode

    def cek(self, nama: str, kode: str) -> Akun | None:
        """The account when ``kode`` is its passcode, else None (constant-time comparison)."""
        b = self.repo.get(normalisasi_nama(nama)[:_PANJANG_NAMA_MAKS])
        if b is None or b.hash is None or b.garam is None or not kode:
            hash_kode(kode or "-", _GARAM_SEMU)  # same cost as a wrong passcode
            return None
        if not hmac.compare_digest(hash_kode(kode, b.garam), b.hash):
            return None
        return self._akun(b)

    # --- login with throttling and lockout -------------------------------------------------

    def masuk(self, nama: str, kode: str, alamat: str, aturan: AturanMasuk) -> HasilMasuk:
        """One login attempt from client ``alamat``, under the limits in ``aturan``.

        A locked name or address is refused even with the right passcode. Every attempt costs
        one scrypt hash, whether the name is known, unknown, without passcode or locked.
        An attempt is counted against the name and the address *before* the passcode is
        checked, so attempts sent at the same moment cannot get more than ``gagal_maks``
        passcodes checked; a success clears the name's count (and gives the address its
        attempt back).
        """
        n = normalisasi_nama(nama)[:_PANJANG_NAMA_MAKS]
        batas = {f"nama:{n}": aturan.gagal_maks, f"alamat:{alamat}": aturan.gagal_maks_alamat}
        now = self.jam()
        sampai = now + aturan.kunci_menit * 60
        baris = self.repo.catat_percobaan(batas, now, sampai, now - aturan.jendela_menit * 60)
        if baris is not None:
            hash_kode(kode or "-", _GARAM_SEMU)
            return HasilMasuk(None, _kunci(baris), diperiksa=False)
        akun = self.cek(n, kode)
        kunci_nama, kunci_alamat = list(batas)
        self.repo.akhiri_percobaan(kunci_nama, kunci_alamat, akun is not None, batas,
                                   self.jam() + aturan.kunci_menit * 60)
        if akun is not None:
            return HasilMasuk(akun, diperiksa=True)
        terkunci = self.repo.terkunci(list(batas), self.jam())
        return HasilMasuk(None, _kunci(terkunci[0]) if terkunci else None, diperiksa=True)

    def daftar_terkunci(self) -> list[Kunci]:
        """Login names and client addresses locked now (for the facilitator)."""
        return [_kunci(r) for r in self.repo.terkunci([], self.jam())]

    def buka_kunci(self, nama: str) -> bool:
        """Lift the login lock of ``nama`` (a NIP, a facilitator name, or a client IP address)
        and forget its failed attempts; True when there was something to lift.

        Called by ``sinovda kode-akses --buka-kunci`` and by the facilitator's admin page
        (server-side, in the store service): the caller must already be a facilitator.
        """
        teks = str(nama).strip()
        try:
            kunci = f"alamat:{ipaddress.ip_address(teks)}"
        except ValueError:
            kunci = f"nama:{normalisasi_nama(teks)}"
        return self.repo.hapus_gagal(kunci) > 0

    def reset_kode(self, nama: str) -> str:
        """Give the account ``nama`` a new random passcode, lift its lock; return the passcode
        (in clear, once: print it for that person). Unknown name: InputTidakValid."""
        kode = self.set_kode(nama)
        self.buka_kunci(nama)
        return kode


def _kunci(r: tuple) -> Kunci:
    jenis, _, kunci = str(r[0]).partition(":")
    return Kunci(kunci, jenis, int(r[1]), float(r[2]))


def _sekarang() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
