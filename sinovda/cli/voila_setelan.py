"""Voila settings shared by ``sinovda app`` and the participants' servers under ``sinovda hub``.

One place for what every Voila page of the course needs:

- ``argumen_voila(aturan)``: traitlets options: code hidden, our template (``sinovda``: the lab
  template without internet assets, page title from the notebook, phone-width CSS), no
  tracebacks, a long wait for a busy kernel's output (so a loaded server sends a whole page
  late rather than a page without its form), and culling of kernels no browser is connected to
  (a closed tab's kernel is shut down after ``kernel_menganggur_detik``).
- ``ARGUMEN_APP``: only for ``sinovda app``: the request's ``Cookie`` header passed to the kernel
  (the browser's ``sinovda_sesi``, see ``sinovda.forms.konteks``). Not under the hub, where the
  account is the identity and the hub's own cookies have no business in a kernel. Also the
  kernels' sockets encrypted (no English "running over TCP without encryption" at each start).
- ``TANPA_MATHJAX`` / ``argumen_tanpa_mathjax()``: no MathJax from a CDN on Voila's pages.
- ``lingkungan_voila(env)``: ``$JUPYTER_PATH`` extended with our template folder.
- ``MODUL_TEMPLAT``: the folder holding ``voila/templates/sinovda``.
- ``pasang_cache_templat()``: the page templates compiled once per server process, not once per
  page (Voila builds a new nbconvert exporter, hence a new Jinja environment, for every page:
  parsing and compiling its ~20 templates was a third of the server's CPU per page).
- ``pasang_tanggal_cepat()``: the kernel messages' timestamps read by ``datetime.fromisoformat``
  (jupyter_client used dateutil's parser, ~60x slower: every message crossing the server has two
  or three, ~15% of the server's CPU while a room opens its pages).
- ``percepat_server()``: both of the above, for ``sinovda app`` and the hub's participant servers.
- ``log_sesuai_tingkat(app)``: debug messages no longer built only to be dropped (traitlets
  leaves the application's logger at DEBUG and filters in its handler: every kernel message
  made a log record).
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from sinovda.data.ruang import AturanRuang, load_ruang

MODUL_TEMPLAT = Path(__file__).resolve().parents[1] / "share" / "jupyter"
TEMPLAT = "sinovda"
COOKIE_SESI = "sinovda_sesi"
# one item per option (the ``=['Cookie']`` form made traitlets print an English
# DeprecationWarning in the facilitator's terminal at every start of ``sinovda app``)
# Kernels' sockets encrypted (CurveZMQ keys from the kernel manager, the kernelspec declares
# support): ipykernel printed an English "Kernel is running over TCP without encryption" warning
# in the terminal at every kernel start
ARGUMEN_APP = ["--VoilaConfiguration.http_header_envs=Cookie",
               "--KernelManager.transport_encryption=auto"]
TANPA_MATHJAX = {"mathjax_url": "null", "mathjax_config": "null"}
"""Server settings of every Voila page of the course: Voila would load MathJax from a public CDN
(absent offline, refused by the participant server's CSP); the pages typeset no formulas."""


def argumen_tanpa_mathjax() -> list[str]:
    """``TANPA_MATHJAX`` as options of a Jupyter server with the Voila extension (a
    facilitator's server under ``sinovda hub``; JupyterLab's own MathJax is bundled)."""
    return [f"--ServerApp.tornado_settings={k}={v}" for k, v in TANPA_MATHJAX.items()]


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


class CacheTemplat(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory for the process, per environment configuration
    (async or not, extensions): a template is compiled again only when its source changed
    (Jinja compares the source's checksum on every load)."""

    def __init__(self) -> None:
        self._kode: dict[str, tuple[str, Any]] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        bucket.key = f"{bucket.key}|{environment.is_async}|{sorted(environment.extensions)}"
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        ada = self._kode.get(bucket.key)
        if ada is not None and ada[0] == bucket.checksum:
            bucket.code = ada[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self._kode[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._kode.clear()

    def __len__(self) -> int:
        return len(self._kode)


CACHE_TEMPLAT = CacheTemplat()


def pasang_cache_templat() -> None:
    """Every Voila page of this process renders with ``CACHE_TEMPLAT`` (idempotent).

    Voila's ``NotebookRenderer`` builds a ``VoilaExporter`` per page; the exporter it builds is
    replaced by a subclass whose Jinja environment uses the shared cache. Filters, globals and
    the page's data stay the exporter's own: only the compiled code is shared."""
    from voila import notebook_renderer
    from voila.exporter import VoilaExporter

    asal = notebook_renderer.VoilaExporter
    if getattr(asal, "_sinovda_cache", False):
        return

    class EksporterTersimpan(asal):  # type: ignore[misc, valid-type]
        """``VoilaExporter`` with templates compiled once per process."""

        _sinovda_cache = True

        @property
        def environment(self) -> jinja2.Environment:
            env = super().environment
            if env.bytecode_cache is None:
                env.bytecode_cache = CACHE_TEMPLAT
            return env

    assert issubclass(EksporterTersimpan, VoilaExporter)
    notebook_renderer.VoilaExporter = EksporterTersimpan  # type: ignore[misc]


def baca_tanggal(teks: str) -> datetime:
    """An ISO 8601 timestamp of a kernel message (already matched by jupyter_client's pattern)
    as a datetime; the same value as dateutil's ``isoparse``, which remains for any form the
    standard library does not read."""
    try:
        return datetime.fromisoformat(teks)
    except ValueError:
        from dateutil.parser import isoparse

        return isoparse(teks)


def pasang_tanggal_cepat() -> None:
    """jupyter_client reads message timestamps with ``baca_tanggal`` (idempotent; nothing is
    changed if jupyter_client no longer has the parser it is replacing)."""
    from jupyter_client import jsonutil

    if callable(getattr(jsonutil, "_dateutil_parse", None)):
        jsonutil._dateutil_parse = baca_tanggal


def percepat_server() -> None:
    """The server-side savings of every course server: templates compiled once per process,
    message timestamps read by the standard library."""
    pasang_cache_templat()
    pasang_tanggal_cepat()


def log_sesuai_tingkat(app: Any) -> None:
    """``app``'s logger at the application's own ``log_level`` (``--debug`` still shows
    everything): messages below it are then dropped before a record is built."""
    tingkat = app.log_level
    if isinstance(tingkat, str):
        tingkat = logging.getLevelName(tingkat)
    if isinstance(tingkat, int) and app.log.level < tingkat:
        app.log.setLevel(tingkat)
