"""Spawner: each hub account's Jupyter server runs as its own unprivileged system user.

Participants land on the course map (Voila, code-free), facilitators in the dashboard.
The server gets ``SINOVDA_STORE_URL`` (the store service) and never ``SINOVDA_KELAS`` or
``SINOVDA_DB``: it reaches the class store only through the service, with its own API token. On a
hub serving several classes of a PostgreSQL database a participant's server also gets
``SINOVDA_STORE_KELAS`` (``kelas_peserta``: the newest served class they are enrolled in).

A participant's server reads its Jupyter configuration only from ``deploy/peserta`` (root-owned;
see ``sinovda.hub.pelindung``: Voila only, no code-running API), never from the participant's
home (``~/.jupyter``, ``~/.local`` site-packages, IPython startup files). Every server gets the
course's Voila settings (``sinovda.cli.voila_setelan``), including culling of kernels whose page
was closed; a facilitator's server also no MathJax from a CDN on Voila's pages (``argumen_server``).
"""

from __future__ import annotations

import asyncio
import os
import pwd
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import List, Unicode

from sinovda import paths
from sinovda.hub.akun import FASILITATOR, DaftarAkun
from sinovda.hub.sistem import akun_os, pastikan_akun_os, sebagai_root

URL_PESERTA = "/voila/tree"  # the course map (sinovda.cli.voila_app)
URL_FASILITATOR = "/voila/render/dasbor_fasilitator.ipynb"
KONFIG_PESERTA = paths.ROOT / "deploy" / "peserta"


def env_peserta(env: dict[str, str], rumah: str) -> dict[str, str]:
    """``env`` of a participant's server: Jupyter and Python read no configuration the
    participant could have written (``rumah`` is the participant's home)."""
    hasil = dict(env)
    hasil.update(
        {
            "JUPYTER_CONFIG_DIR": str(KONFIG_PESERTA),
            "JUPYTERHUB_DISABLE_USER_CONFIG": "1",
            "JUPYTER_RUNTIME_DIR": str(Path(rumah) / ".local" / "share" / "jupyter" / "runtime"),
            "PYTHONNOUSERSITE": "1",  # no packages or .pth files from ~/.local
        }
    )
    if sebagai_root():
        # a folder that does not exist inside the root-owned one: IPython cannot create it and
        # uses a fresh temporary folder (no startup files from home), and Jupyter finds no
        # IPython folder to "migrate" into the read-only config folder (that would crash)
        hasil["IPYTHONDIR"] = str(KONFIG_PESERTA / "ipython-kosong")
    hasil.pop("PYTHONSTARTUP", None)
    return hasil


def argumen_server(peran: str) -> list[str]:
    """Options of the Jupyter server of an account with role ``peran``: the course's Voila
    settings; for a facilitator also no MathJax from a CDN on Voila's pages (offline: a console
    error on every dashboard page)."""
    from sinovda.cli.voila_setelan import argumen_tanpa_mathjax, argumen_voila

    tambahan = argumen_tanpa_mathjax() if peran == FASILITATOR else []
    return [*argumen_voila(), *tambahan]


class SinovdaSpawner(LocalProcessSpawner):
    """LocalProcessSpawner mapping hub names (NIPs) to system users ``snv<nip>``."""

    kelas = Unicode(help="folder kelas (berisi sinovda.db), atau URL basis data PostgreSQL"
                    ).tag(config=True)
    kelas_daftar = List(Unicode(), help="kunci kelas yang dilayani (basis data PostgreSQL)"
                        ).tag(config=True)
    store_url = Unicode(help="URL layanan penyimpanan kelas").tag(config=True)
    rumah = Unicode("/home", help="folder induk rumah akun sistem").tag(config=True)

    def _akun(self) -> DaftarAkun:
        return DaftarAkun(self.kelas, kelas=self.kelas_daftar or None)

    def _peran(self) -> str:
        return self._akun().peran(self.user.name) or "peserta"

    def kelas_peserta(self) -> str | None:
        """The class a participant's server is bound to on a hub serving several classes of a
        database: of the served classes they are enrolled in, the NEWEST (latest created; a
        participant enrolled again in a later batch works in the current one). None for a
        facilitator (they choose in the dashboard) and for a class folder."""
        if self._peran() == FASILITATOR:
            return None
        kelas = self._akun().kelas_anggota(self.user.name)
        return kelas[0] if kelas else None

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
        from sinovda.cli.voila_setelan import lingkungan_voila

        env = super().get_env()
        env.pop("SINOVDA_KELAS", None)
        env.pop("SINOVDA_DB", None)  # the database is reached only through the store service
        env["SINOVDA_STORE_URL"] = self.store_url
        kelas = self.kelas_peserta()
        if kelas:
            env["SINOVDA_STORE_KELAS"] = kelas
        if os.environ.get("SINOVDA_MODUL"):
            env["SINOVDA_MODUL"] = os.environ["SINOVDA_MODUL"]
        env = lingkungan_voila(env)
        if self._peran() != FASILITATOR:
            env = env_peserta(env, env.get("HOME") or str(Path(self.rumah) / self.nama_os))
        return env

    def get_args(self) -> list[str]:
        """The server's options: the course's Voila settings; a facilitator's server also
        without Voila's MathJax from a CDN (a participant's server has it from the
        ``sinovda.cli.voila_app`` extension)."""
        return [*super().get_args(), *argumen_server(self._peran())]

    async def start(self):  # type: ignore[no-untyped-def]
        if sebagai_root():  # an account added while the hub runs gets its system user now
            await asyncio.to_thread(pastikan_akun_os, self.nama_os, Path(self.rumah))
        self.default_url = URL_FASILITATOR if self._peran() == FASILITATOR else URL_PESERTA
        return await super().start()
