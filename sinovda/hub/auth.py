"""JupyterHub authenticator: log in with NIP (or facilitator name) and a personal passcode.

Limits (``modul/pengaturan.yaml``, section ``masuk``): wrong passcodes are counted per login name
and per client address in the class DB; past the limit the name or address is locked for a while
(``DaftarAkun.masuk``), and a facilitator can lift it (``sinovda kode-akses --buka-kunci``).
Every failed answer waits ``jeda_detik``. Failures are logged with name and address, never the
passcode.

Groups (set at each login, ``manage_groups``): ``fasilitator`` or ``peserta``; on a hub serving
several classes also ``kelas-<key>`` for each served class the account belongs to and, for a
facilitator, ``kelas-<key>-fasilitator``, so a facilitator's hub rights reach the users and
servers of their own classes only (``konfigurasi.peran_hub``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from jupyterhub.auth import Authenticator
from traitlets import List, Unicode

from sinovda.data.settings import load_masuk
from sinovda.hub.akun import FASILITATOR, DaftarAkun, normalisasi_nama

GRUP_FASILITATOR = "fasilitator"
GRUP_PESERTA = "peserta"


def grup_kelas(kunci: str) -> str:
    """The hub group of every member of class ``kunci`` (a hub serving several classes)."""
    return f"kelas-{kunci}"


def grup_fasilitator_kelas(kunci: str) -> str:
    """The hub group of the facilitators of class ``kunci``: their role sees and starts/stops
    the servers of ``grup_kelas(kunci)`` only (``konfigurasi.peran_hub``)."""
    return f"kelas-{kunci}-fasilitator"


def grup_akun(peran: str, kelas: list[str]) -> list[str]:
    """The hub groups of an account with ``peran`` that is a member of the served ``kelas``."""
    fasilitator = peran == FASILITATOR
    grup = [GRUP_FASILITATOR if fasilitator else GRUP_PESERTA]
    grup += [grup_kelas(k) for k in kelas]
    if fasilitator:
        grup += [grup_fasilitator_kelas(k) for k in kelas]
    return grup


class SinovdaAuthenticator(Authenticator):
    """Accounts and passcode hashes come from the store (``sinovda.store.akun``): a class
    folder's own accounts, or the database-level accounts of a PostgreSQL database, of which
    only members of the served classes (``kelas_daftar``) may log in."""

    kelas = Unicode(help="folder kelas (berisi sinovda.db), atau URL basis data PostgreSQL"
                    ).tag(config=True)
    kelas_daftar = List(Unicode(), help="kunci kelas yang dilayani (basis data PostgreSQL)"
                        ).tag(config=True)

    @property
    def akun(self) -> DaftarAkun:
        return DaftarAkun(self.kelas, kelas=self.kelas_daftar or None)

    def normalize_username(self, username: str) -> str:
        return normalisasi_nama(username)

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
        nama = normalisasi_nama(data.get("username", ""))[:64]
        kode = data.get("password", "")
        alamat = handler.request.remote_ip if handler is not None else "-"
        aturan = load_masuk()
        hasil = await asyncio.to_thread(self.akun.masuk, nama, kode, alamat, aturan)
        if hasil.akun is None:
            if hasil.terkunci is not None:
                self.log.warning(
                    "Login ditolak untuk %r dari %s: %s %r terkunci sampai %s (%d gagal)",
                    nama, alamat, hasil.terkunci.jenis, hasil.terkunci.kunci,
                    hasil.terkunci.sampai_teks(), hasil.terkunci.gagal,
                )
            else:
                self.log.warning("Login gagal untuk %r dari %s", nama, alamat)
            await asyncio.sleep(aturan.jeda_detik)
            return None
        kelas: list[str] = []
        if self.kelas_daftar:  # several classes: groups per class, for the per-class roles
            kelas = await asyncio.to_thread(self.akun.kelas_anggota, hasil.akun.nama)
        return {
            "name": hasil.akun.nama,
            # not a hub admin: the "fasilitator" role (see konfigurasi) has no access:servers
            "admin": False,
            "groups": grup_akun(hasil.akun.peran, kelas),
        }

    async def check_allowed(self, username: str, authentication: Any = None) -> bool:
        return await asyncio.to_thread(self.akun.peran, username) is not None
