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
from traitlets import Integer, List, Unicode

from sinovda.data.settings import load_masuk
from sinovda.hub.akun import FASILITATOR, DaftarAkun, normalisasi_nama

GRUP_FASILITATOR = "fasilitator"
GRUP_PESERTA = "peserta"


def alamat_klien(request: Any, proksi_depan: int = 0) -> str:
    """The client address a login attempt is counted against. The hub's own proxy (CHP)
    appends the address it was reached from to X-Forwarded-For, and each of ``proksi_depan``
    trusted proxies in front of it (nginx, an ingress) appends its client's; so the entry that
    many places from the right is the client. Never X-Real-Ip or an X-Forwarded-For entry the
    client wrote itself (tornado's ``remote_ip`` believes those: a sprayer of passcodes over
    many NIPs would choose a new address per attempt and never meet the address lock)."""
    xff = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")
           if a.strip()]
    if xff:
        return xff[max(0, len(xff) - 1 - max(0, proksi_depan))]
    alamat = getattr(getattr(request.connection, "context", None), "address", None)
    if isinstance(alamat, tuple) and alamat:
        return str(alamat[0])
    return str(request.remote_ip)


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
    proksi_depan = Integer(0, help="banyak proksi tepercaya di depan proksi hub (nginx, "
                           "ingress): alamat klien untuk kunci masuk (alamat_klien)"
                           ).tag(config=True)

    @property
    def akun(self) -> DaftarAkun:
        return DaftarAkun(self.kelas, kelas=self.kelas_daftar or None)

    def normalize_username(self, username: str) -> str:
        return normalisasi_nama(username)

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
        nama = normalisasi_nama(data.get("username", ""))[:64]
        kode = data.get("password", "")
        alamat = alamat_klien(handler.request, self.proksi_depan) if handler is not None \
            else "-"
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
