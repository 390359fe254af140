"""Voila settings shared by ``sinovda app`` and the participants' servers under ``sinovda hub``.

One place for what every Voila page of the course needs:

- ``argumen_voila(aturan)``: traitlets options: code hidden, our template (``sinovda``: the lab
  template without internet assets, page title from the notebook, phone-width CSS), no
  tracebacks, a long wait for a busy kernel's output (so a loaded server sends a whole page
  late rather than a page without its form), and culling of kernels no browser is connected to
  (a closed tab's kernel is shut down after ``kernel_menganggur_detik``).
- ``ARGUMEN_APP``: only for ``sinovda app``: the request's ``Cookie`` header passed to the kernel
  (the browser's ``sinovda_sesi``, see ``sinovda.forms.konteks``). Not under the hub, where the
  account is the identity and the hub's own cookies have no business in a kernel.
- ``lingkungan_voila(env)``: ``$JUPYTER_PATH`` extended with our template folder.
- ``MODUL_TEMPLAT``: the folder holding ``voila/templates/sinovda``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sinovda.data.ruang import AturanRuang, load_ruang

MODUL_TEMPLAT = Path(__file__).resolve().parents[1] / "share" / "jupyter"
TEMPLAT = "sinovda"
COOKIE_SESI = "sinovda_sesi"
ARGUMEN_APP = ["--VoilaConfiguration.http_header_envs=['Cookie']"]


def argumen_voila(aturan: AturanRuang | None = None, awalan: str = "") -> list[str]:
    """Command-line options for Voila (``awalan="--"`` style, as given to ``voila`` or
    ``jupyter server`` with the Voila extension)."""
    a = aturan if aturan is not None else load_ruang()
    return [
        "--VoilaConfiguration.strip_sources=True",
        f"--VoilaConfiguration.template={TEMPLAT}",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaExecutor.iopub_timeout={a.tunggu_keluaran_detik}",
        f"--VoilaExecutor.timeout={a.tunggu_keluaran_detik}",
        f"--MappingKernelManager.cull_idle_timeout={a.kernel_menganggur_detik}",
        f"--MappingKernelManager.cull_interval={a.periksa_detik}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]


def lingkungan_voila(env: dict[str, str]) -> dict[str, str]:
    """``env`` with our Voila template folder first on ``$JUPYTER_PATH``."""
    hasil = dict(env)
    lama = [p for p in hasil.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(MODUL_TEMPLAT) not in lama:
        hasil["JUPYTER_PATH"] = os.pathsep.join([str(MODUL_TEMPLAT), *lama])
    return hasil
