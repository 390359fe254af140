"""JupyterHub authenticator: log in with NIP (or facilitator name) and a personal passcode."""

from __future__ import annotations

import asyncio
from typing import Any

from jupyterhub.auth import Authenticator
from traitlets import Unicode

from sinovda.hub.akun import FASILITATOR, DaftarAkun, normalisasi_nama

GRUP_FASILITATOR = "fasilitator"
GRUP_PESERTA = "peserta"


class SinovdaAuthenticator(Authenticator):
    """Accounts and passcode hashes come from the class DB (``sinovda kode-akses``)."""

    kelas = Unicode(help="folder kelas (berisi sinovda.db)").tag(config=True)

    @property
    def akun(self) -> DaftarAkun:
        return DaftarAkun(self.kelas)

    def normalize_username(self, username: str) -> str:
        return normalisasi_nama(username)

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
        nama = normalisasi_nama(data.get("username", ""))
        kode = data.get("password", "")
        akun = await asyncio.to_thread(self.akun.cek, nama, kode)
        if akun is None:
            self.log.warning("Login gagal untuk %r", nama)
            return None
        fasilitator = akun.peran == FASILITATOR
        return {
            "name": akun.nama,
            "admin": fasilitator,
            "groups": [GRUP_FASILITATOR if fasilitator else GRUP_PESERTA],
        }

    async def check_allowed(self, username: str, authentication: Any = None) -> bool:
        return await asyncio.to_thread(self.akun.peran, username) is not None
