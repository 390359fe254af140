"""Spawner: each hub account's Jupyter server runs as its own unprivileged system user.

Participants land in the code-free (Voila) view of module 00, facilitators in the dashboard.
The server gets ``SINOVDA_STORE_URL`` (the store service) and never ``SINOVDA_KELAS``: it reaches
the class store only through the service, with its own API token.
"""

from __future__ import annotations

import asyncio
import os
import pwd
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Unicode

from sinovda.hub.akun import FASILITATOR, DaftarAkun
from sinovda.hub.sistem import akun_os, pastikan_akun_os, sebagai_root

URL_PESERTA = "/voila/render/00_pengantar.ipynb"
URL_FASILITATOR = "/voila/render/dasbor_fasilitator.ipynb"


class SinovdaSpawner(LocalProcessSpawner):
    """LocalProcessSpawner mapping hub names (NIPs) to system users ``snv<nip>``."""

    kelas = Unicode(help="folder kelas (berisi sinovda.db)").tag(config=True)
    store_url = Unicode(help="URL layanan penyimpanan kelas").tag(config=True)
    rumah = Unicode("/home", help="folder induk rumah akun sistem").tag(config=True)

    def _peran(self) -> str:
        return DaftarAkun(self.kelas).peran(self.user.name) or "peserta"

    @property
    def nama_os(self) -> str:
        return akun_os(self.user.name, self._peran())

    def make_preexec_fn(self, name: str):  # type: ignore[no-untyped-def]
        if not sebagai_root():
            return lambda: None
        return set_user_setuid(self.nama_os)

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        if not sebagai_root():
            return env
        info = pwd.getpwnam(self.nama_os)
        env["USER"] = info.pw_name
        env["HOME"] = info.pw_dir
        env["SHELL"] = info.pw_shell
        return env

    def get_env(self) -> dict[str, Any]:
        env = super().get_env()
        env.pop("SINOVDA_KELAS", None)
        env["SINOVDA_STORE_URL"] = self.store_url
        if os.environ.get("SINOVDA_MODUL"):
            env["SINOVDA_MODUL"] = os.environ["SINOVDA_MODUL"]
        return env

    async def start(self):  # type: ignore[no-untyped-def]
        if sebagai_root():  # an account added while the hub runs gets its system user now
            await asyncio.to_thread(pastikan_akun_os, self.nama_os, Path(self.rumah))
        self.default_url = URL_FASILITATOR if self._peran() == FASILITATOR else URL_PESERTA
        return await super().start()
