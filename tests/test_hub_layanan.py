"""Access rules of the store service (the HTTP side is tested against a real hub)."""

from __future__ import annotations

import pytest

from sinovda.hub.layanan import Ditolak, cek_akses

A, B = "198503152010011001", "197506171999042901"


def test_peserta_hanya_datanya_sendiri():
    cek_akses("peserta", A, A, tulis=False)
    cek_akses("peserta", A, A, tulis=True, modul="masalah")
    with pytest.raises(Ditolak, match="peserta lain"):
        cek_akses("peserta", A, B, tulis=False)
    with pytest.raises(Ditolak, match="peserta lain"):
        cek_akses("peserta", A, B, tulis=True, modul="masalah")
    with pytest.raises(Ditolak, match="seluruh kelas"):
        cek_akses("peserta", A, None, tulis=False)


def test_penilaian_hanya_fasilitator():
    cek_akses("peserta", A, A, tulis=False, modul="penilaian")  # reading own grade is fine
    with pytest.raises(Ditolak, match="fasilitator"):
        cek_akses("peserta", A, A, tulis=True, modul="penilaian")
    cek_akses("fasilitator", "budi", A, tulis=True, modul="penilaian")
    cek_akses("fasilitator", "budi", None, tulis=False)


def test_akun_tak_dikenal_ditolak():
    with pytest.raises(Ditolak, match="tidak terdaftar"):
        cek_akses(None, "tamu", "tamu", tulis=False)
