"""A module page that always ends: Voila's on-demand renderer, with an Indonesian error page.

Voila renders a page whose kernel is started for the request (every page of a participant's
server under ``sinovda hub``; a ``sinovda app`` page when no preheated kernel is left) in a
background task that feeds a queue; the request waits on the queue and sends a heartbeat every
``http_keep_alive_timeout`` seconds while nothing comes. When that task fails (the new kernel
did not answer ``kernel_info`` within ``VoilaExecutor.startup_timeout`` on a CPU-starved server,
or died) the queue never gets its end mark: the page is never finished, the browser waits
forever (issue 9: 2 of 40 pages with no reply within 300 s when a room of 40 opened a module at
the same moment under ``sinovda hub``).

The cause seen (run 3's hub logs): under ``sinovda hub`` each of 40 servers picks its new
kernel's TCP ports (bind to port 0, close, hand them to the kernel); on a starved machine another
server's kernel binds one of them first, the kernel exits ("Address already in use") and Voila
reports "Kernel died before replying to kernel_info". ``sinovda app`` (one process) keeps its own
picks apart, so it did not happen there.

``PenyajiAman`` is Voila's ``NotebookRenderer`` that replaces a kernel which died while starting
with a new one (new ports; the page then arrives whole), and, when anything else fails, logs
it, shuts the page's kernel down and ends the page with a notice in Indonesian asking the
participant to reload it; ``pasang()`` makes Voila's request handler use it (idempotent; called
when ``sinovda.cli.voila_app`` is imported, i.e. by ``sinovda app`` and by the participant's
server extension under the hub).
"""

from __future__ import annotations

import html
import logging
from collections.abc import AsyncGenerator
from typing import Any

import voila.handler
from nbclient.util import ensure_async
from voila.notebook_renderer import NotebookRenderer

log = logging.getLogger(__name__)

PESAN_GAGAL = ("Halaman ini belum dapat dimuat: server sedang sangat sibuk (banyak peserta "
               "membuka halaman bersamaan). Jawaban yang sudah tersimpan tidak hilang. "
               "Tunggu sebentar, lalu muat ulang halaman ini (tekan F5 atau tombol muat ulang "
               "di peramban).")

ID_GAGAL = "snv-gagal-muat"
ULANG_KERNEL = 2  # new kernels for a page whose kernel died while starting


def html_gagal() -> str:
    """The page's end when it could not be rendered: the notice (visible even inside Voila's
    hidden cell area: a script puts it in place of the page's content) and a reload link."""
    return (
        f"<div id='{ID_GAGAL}' role='alert' style='max-width:760px;margin:2em auto;"
        "padding:0.9em 1.1em;background:#fdecea;border-left:4px solid #b3261e;color:#1f2933;"
        "font-family:system-ui,sans-serif'>"
        f"<b>Gagal memuat halaman.</b> {html.escape(PESAN_GAGAL)} "
        "<a href='javascript:location.reload()'>Muat ulang halaman</a></div>"
        "<script>(function(){var d=document.getElementById('" + ID_GAGAL + "');"
        "if(d&&document.body){document.body.innerHTML='';document.body.appendChild(d);}"
        "})();</script>\n"
    )


class PenyajiAman(NotebookRenderer):
    """Voila's renderer whose page always ends: a kernel that died while starting is replaced
    (``ULANG_KERNEL`` times); on any other failure, the Indonesian notice."""

    _kernel_kini: str | None = None

    async def generate_content_generator(  # type: ignore[override]
        self, kernel_id: str | None = None, kernel_future: Any = None,
    ) -> AsyncGenerator[tuple[str, Any], None]:
        self._kernel_kini = kernel_id
        try:
            async for potongan in super().generate_content_generator(kernel_id, kernel_future):
                yield potongan
        except Exception:  # noqa: BLE001  (any failure: the page must still end)
            log.exception("Halaman %s gagal dirender (kernel %s)", self.notebook_path,
                          self._kernel_kini)
            await self._matikan_kernel(self._kernel_kini)
            yield html_gagal(), None

    async def _jinja_kernel_start(self, nb: Any, kernel_id: str, kernel_future: Any) -> str:
        """Voila's kernel start (the template puts the returned id in the page); a kernel that
        died before answering (under ``sinovda hub``: another server's kernel took one of its
        TCP ports between choosing and binding them) is shut down and a new one started with
        the same environment. A kernel that is alive but slow is not replaced (more load)."""
        mkm = getattr(getattr(self, "request_handler", None), "kernel_manager", None)
        for percobaan in range(ULANG_KERNEL + 1):
            self._kernel_kini = kernel_id
            try:
                return await super()._jinja_kernel_start(nb, kernel_id, kernel_future)
            except RuntimeError as e:
                km = await ensure_async(kernel_future)
                mati = "died" in str(e) or not await ensure_async(km.is_alive())
                if percobaan == ULANG_KERNEL or mkm is None or not mati:
                    raise
                env = dict((getattr(km, "_launch_args", None) or {}).get("env") or {})
                log.warning("Kernel %s mati sebelum menjawab; kernel baru untuk %s (percobaan "
                            "%d)", kernel_id, self.notebook_path, percobaan + 2)
                await self._matikan_kernel(kernel_id)
                kernel_id = await ensure_async(mkm.start_kernel(
                    kernel_name=nb.metadata.kernelspec.name, path=self.cwd, env=env))
                kernel_future = mkm.get_kernel(kernel_id)
        raise AssertionError("tidak tercapai")  # pragma: no cover

    async def _matikan_kernel(self, kernel_id: str | None) -> None:
        """Shut a failed page's kernel down (nobody will use it)."""
        km = getattr(getattr(self, "request_handler", None), "kernel_manager", None)
        if km is None or kernel_id is None:
            return
        try:
            await ensure_async(km.shutdown_kernel(kernel_id, now=True))
        except Exception:  # noqa: BLE001  (already gone, or shutting down)
            log.debug("kernel %s tidak dapat dimatikan", kernel_id, exc_info=True)


def pasang() -> None:
    """Make Voila's request handler render on-demand pages with ``PenyajiAman``."""
    if voila.handler.NotebookRenderer is not PenyajiAman:
        voila.handler.NotebookRenderer = PenyajiAman  # type: ignore[misc]
