"""A module page that always ends: Voila's on-demand renderer, with an Indonesian error page.

Voila renders a page whose kernel is started for the request (every page of a participant's
server under ``sinovda hub``; a ``sinovda app`` page when no preheated kernel is left) in a
background task that feeds a queue; the request waits on the queue and sends a heartbeat every
``http_keep_alive_timeout`` seconds while nothing comes. When that task fails (the new kernel
did not answer ``kernel_info`` within ``VoilaExecutor.startup_timeout`` on a CPU-starved server,
or died) the queue never gets its end mark: the page is never finished, the browser waits
forever (issue 9: 2 of 40 pages with no reply within 300 s when a room of 40 opened a module at
the same moment under ``sinovda hub``).

``PenyajiAman`` is Voila's ``NotebookRenderer`` whose content generator, when anything fails,
logs it, shuts the page's kernel down, and ends the page with a notice in Indonesian asking the
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
    """Voila's renderer whose page always ends: on failure, the Indonesian notice."""

    async def generate_content_generator(  # type: ignore[override]
        self, kernel_id: str | None = None, kernel_future: Any = None,
    ) -> AsyncGenerator[tuple[str, Any], None]:
        try:
            async for potongan in super().generate_content_generator(kernel_id, kernel_future):
                yield potongan
        except Exception:  # noqa: BLE001  (any failure: the page must still end)
            log.exception("Halaman %s gagal dirender (kernel %s)", self.notebook_path, kernel_id)
            await self._matikan_kernel(kernel_id)
            yield html_gagal(), None

    async def _matikan_kernel(self, kernel_id: str | None) -> None:
        """Shut the failed page's kernel down (nobody will use it: the page has no widgets)."""
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
