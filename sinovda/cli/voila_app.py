"""The Voila server behind ``sinovda app``: a course, not a file list.

``SinovdaVoila`` is Voila serving ``notebooks/`` with four changes, all server-side:

- ``/`` (and Voila's file tree) is the course map in Indonesian: each module's title, summary
  and progress for this browser's participant, with links opening in the same tab.
- Only the course modules of ``modul/kursus.yaml`` are served; the facilitator's and report
  notebooks (and the contents listing) answer 404 with an Indonesian page. Every other error
  page of ``sinovda app`` (Voila's file and static handlers, unmatched paths, template folder
  paths that are not an asset) is Indonesian too (``GalatIndonesia``).
- Every browser gets a random ``sinovda_sesi`` cookie (set on its first request, and added to
  that request so the kernel already sees it); the participant is chosen per browser
  (``sinovda.forms.konteks``).
- A page's kernel is shut down when the tab closes: Voila's own call (``POST
  /voila/api/shutdown/<kernel>``) is refused by the XSRF check (voila issue #1458); here it is
  accepted without the XSRF token (kernel ids are unguessable; the app has no login to forge).
  Kernels whose tab died without the call are culled (``voila_setelan``).
- The kernel websocket does not hang on a legacy-protocol client (``KernelWebsocketHandler``).
- Warm kernels in proportion to the room (``KolamRuang``): each course module keeps
  ``kernel_siaga_per_modul`` preheated kernels at rest, plus one for every browser present in the
  room that is likely to open it next (``sinovda.cli.kolam_ruang``), refilled one at a time, at
  a lower CPU priority, only while no page is being served. A kernel retired on purpose
  logs no error (``KolamRuang._pensiunkan``).
- A quiet stop: Ctrl+C or SIGTERM stops the preheated kernels at once (they wait in their
  waiting cell and hold nothing yet), then Voila's own shutdown runs, with further stop signals
  ignored and no routine English lines: the terminal shows only ``sinovda``'s "sinovda:
  dihentikan.", and no kernel outlives the server.

Run as ``python -m sinovda.cli.voila_app NOTEBOOK_DIR [voila options]``. The same rules (not the
per-browser session, which the hub account replaces, nor the websocket fix, see
``_load_jupyter_server_extension``) apply to a participant's server under ``sinovda hub`` as a
Jupyter server extension loaded by ``sinovda.hub.pelindung``.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import secrets
import signal
import time
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.handlers import _kernel_id_regex
from jupyter_server.utils import url_path_join
from traitlets import Int, default
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler, WebsocketHandler

from sinovda.cli import penyaji_aman
from sinovda.cli.kolam_ruang import Ruang
from sinovda.cli.voila_setelan import TANPA_MATHJAX, log_sesuai_tingkat, percepat_server
from sinovda.forms.konteks import COOKIE_SESI

# A page whose kernel fails to start (a CPU-starved server) ends with an Indonesian notice
# asking to reload, instead of hanging forever (issue 9; ``sinovda.cli.penyaji_aman``).
penyaji_aman.pasang()

GAYA = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1f2933;
background:#f4f6f8}
main{max-width:960px;margin:0 auto;padding:1.2em}
h1{color:#1a4f9c;margin:0.2em 0;font-size:1.6em}
.sub{color:#52606d;margin:0 0 1em}
.peserta{background:#e8f0fe;border-left:4px solid #1a4f9c;padding:0.6em 0.9em;margin:0.8em 0}
.peringatan{background:#fff4e5;border-left:4px solid #8a4b00;padding:0.6em 0.9em;margin:0.8em 0}
ol{list-style:none;padding:0;margin:0}
li.modul{background:#fff;border:1px solid #d9e2ec;border-radius:6px;margin:0.6em 0;
padding:0.8em 1em;display:flex;gap:0.8em;align-items:flex-start;flex-wrap:wrap}
li.modul .isi{flex:1 1 16em;min-width:0}
li.modul h2{font-size:1.1em;margin:0 0 0.2em}
li.modul h2 a{color:#1a4f9c;text-decoration:none}
li.modul p{margin:0.2em 0;color:#52606d}
.nomor{font-weight:bold;color:#fff;background:#1a4f9c;border-radius:50%;width:2.2em;
height:2.2em;display:flex;align-items:center;justify-content:center;flex:none}
.status{font-size:0.85em;padding:0.15em 0.6em;border-radius:1em;white-space:nowrap}
.status-selesai{background:#e6f4ea;color:#1b5e20}
.status-sedang{background:#fff4e5;color:#8a4b00}
.status-belum{background:#eef2f6;color:#52606d}
.buka{display:inline-block;background:#1a4f9c;color:#fff;padding:0.45em 1em;border-radius:4px;
text-decoration:none;margin-top:0.4em}
.bilah{background:#d9e2ec;border-radius:4px;height:10px;overflow:hidden;margin:0.3em 0}
.bilah span{display:block;height:100%;background:#1b5e20}
"""


def _e(teks: Any) -> str:
    return html.escape("" if teks is None else str(teks))


HALAMAN_PESERTA = ("hasil_saya.ipynb",)
"""Participant pages beside the course modules (results released by the trainer)."""


def notebook_kursus() -> dict[str, Any]:
    """``{notebook file name: ModulKursus}`` of the course modules, in course order."""
    from sinovda.data.content import load_kursus

    return {m.notebook: m for m in load_kursus().modul}


def pastikan_sesi(handler: tornado.web.RequestHandler) -> str:
    """This browser's session id; a new one is set as a cookie (and put into the request, so a
    kernel started for it already sees it)."""
    ada = handler.get_cookie(COOKIE_SESI)
    if ada and sesi_sah(ada):
        return ada
    baru = secrets.token_urlsafe(18)
    base = handler.settings.get("base_url", "/") or "/"
    handler.set_cookie(COOKIE_SESI, baru, path=base, httponly=True, samesite="Lax",
                       expires_days=365)
    lama = handler.request.headers.get("Cookie", "")
    if ada:  # a malformed cookie the kernel would ignore: replaced, not added beside
        lama = "; ".join(b for b in lama.split(";")
                         if b.strip().split("=", 1)[0].strip() != COOKIE_SESI)
    handler.request.headers["Cookie"] = f"{lama}; {COOKIE_SESI}={baru}" if lama else \
        f"{COOKIE_SESI}={baru}"
    return baru


def sesi_sah(sesi: str) -> bool:
    """Whether ``sesi`` is a session id the kernel accepts (``sinovda.forms.konteks``): at most
    64 characters of letters, digits, ``-`` and ``_``. Any other cookie is replaced."""
    return 0 < len(sesi) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_") for c in sesi)


def html_peta(sesi: str | None, render_url: str) -> str:
    """The course map page for browser ``sesi``; module links go to ``render_url + notebook``."""
    from sinovda.data.content import load_kursus
    from sinovda.domain.errors import SinovdaError
    from sinovda.forms import konteks
    from sinovda.view.progres import BarisModul, lihat_progres

    kursus = load_kursus()
    status: dict[str, BarisModul] = {}
    kepala = ""
    try:
        store = konteks.store_aktif()
        nip = konteks.peserta_aktif(store, sesi=sesi)
        p = store.get_peserta(nip) if nip else None
    except SinovdaError as e:
        p = None
        kepala = f"<div class='peringatan'>Ruang kerja belum bisa dibuka: {_e(e)}</div>"
    if p is not None:
        jawaban = store.load_all(p.nip)
        vp = lihat_progres(jawaban, kursus)  # the same statuses as module 00, report, recap
        status = {b.id: b for b in vp.modul}
        persen = vp.persen
        opd = f" · {_e(p.opd)}" if p.opd else ""
        kepala = (f"<div class='peserta'>Peserta: <b>{_e(p.nama)}</b> (NIP {_e(p.nip)}){opd}"
                  f"<div class='bilah' aria-hidden='true'><span style='width:{persen:.0f}%'>"
                  f"</span></div>Kemajuan keseluruhan: <b>{str(persen).replace('.', ',')}%"
                  "</b></div>")
    elif not kepala:
        pertama = kursus.modul[0] if kursus.modul else None
        mulai = (f" <a href='{_e(render_url + pertama.notebook)}'>{_e(pertama.nomor)} · "
                 f"{_e(pertama.judul)}</a>") if pertama else ""
        kepala = ("<div class='peringatan'>Peserta belum dipilih di peramban ini. Mulailah dari "
                  f"modul{mulai}: pilih atau daftarkan diri Anda.</div>")
    butir = []
    for m in kursus.modul:
        s = status.get(m.id)
        label = (f"<span class='status status-{_e(s.status)}'>{_e(s.label_status)}</span>"
                 if s is not None else "")
        alamat = _e(render_url + m.notebook)
        butir.append(
            f"<li class='modul' data-modul='{_e(m.id)}'><div class='nomor'>{_e(m.nomor)}</div>"
            f"<div class='isi'><h2><a href='{alamat}'>{_e(m.judul)}</a></h2>"
            f"<p>{_e(m.ringkasan)}</p>{label} "
            f"<a class='buka' href='{alamat}'>Buka modul</a></div></li>")
    return (
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Peta kursus · {_e(kursus.judul)}</title><link rel='icon' href='data:;base64,='>"
        f"<style>{GAYA}</style></head><body><main>"
        f"<h1>{_e(kursus.judul)}</h1><p class='sub'>{_e(kursus.subjudul)}</p>{kepala}"
        f"<h2 style='font-size:1.2em;margin-top:1.2em'>Peta kursus</h2><ol>{''.join(butir)}</ol>"
        f"<p><a class='buka' href='{_e(render_url + HALAMAN_PESERTA[0])}'>Hasil saya</a> "
        "nilai pre/post-test, N-gain, komentar pelatih, laporan dan sertifikat (setelah dirilis "
        "pelatih)</p></main></body></html>")


def html_tidak_ada(peta_url: str) -> str:
    """The Indonesian 404 page (a notebook that is not a course module, or any other path)."""
    return ("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>Halaman tidak ditemukan</title><style>{GAYA}</style></head><body><main>"
            "<h1>Halaman tidak ditemukan</h1><p>Halaman ini bukan bagian dari modul kursus.</p>"
            f"<p><a class='buka' href='{_e(peta_url)}'>Kembali ke peta kursus</a></p>"
            "</main></body></html>")


def html_galat(status: int, peta_url: str) -> str:
    """The Indonesian page of any other error ``status`` (403: not to be opened; 5xx: the
    server's fault), linking the course map; 404 is ``html_tidak_ada``."""
    if status == 404:
        return html_tidak_ada(peta_url)
    judul, isi = (("Halaman tidak dapat dibuka", "Halaman ini tidak boleh dibuka dari kursus.")
                  if status < 500 else
                  ("Terjadi kesalahan di server", "Coba muat ulang halaman ini sebentar lagi."))
    return ("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{judul}</title><style>{GAYA}</style></head><body><main>"
            f"<h1>{judul}</h1><p>{isi} (kode {int(status)})</p>"
            f"<p><a class='buka' href='{_e(peta_url)}'>Kembali ke peta kursus</a></p>"
            "</main></body></html>")


class GalatIndonesia(tornado.web.RequestHandler):
    """Mixin: the handler's error pages (403, 404, 405, 500...) are Indonesian HTML pages
    linking the course map (Voila's file and static handlers answered tornado's English page);
    the status code stays."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.clear_header("Content-Disposition")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        self.finish(html_galat(status_code, self.settings.get("base_url", "/") or "/"))


def dengan_galat_indonesia(aturan: list[Any]) -> list[Any]:
    """``aturan`` (tornado rules) with every page handler's errors in Indonesian
    (``GalatIndonesia``); JSON API handlers and websockets keep their own errors (read by the
    page's scripts, never shown)."""
    from jupyter_server.base.handlers import APIHandler
    from tornado.websocket import WebSocketHandler

    hasil = []
    for a in aturan:
        if isinstance(a, tuple) and len(a) >= 2 and isinstance(a[1], type) and \
                issubclass(a[1], tornado.web.RequestHandler) and \
                not issubclass(a[1], (APIHandler, WebSocketHandler, GalatIndonesia)):
            kelas = type(a[1].__name__, (GalatIndonesia, a[1]), {"__doc__": a[1].__doc__})
            a = (a[0], kelas, *a[2:])
        hasil.append(a)
    return hasil


class TemplatStatisHandler(GalatIndonesia, TemplateStaticFileHandler):
    """``/voila/templates/<template>/static/<file>``: the pages' assets, as Voila serves them;
    any other path under ``/voila/templates/`` is an Indonesian 404 (Voila's handler failed on
    it with a ValueError: a 500 and a traceback in the terminal)."""

    def parse_url_path(self, url_path: str) -> str:
        bagian = url_path.split("/", 2)
        if len(bagian) != 3 or not bagian[0] or bagian[1] != "static" or not bagian[2]:
            raise tornado.web.HTTPError(404)
        return str(super().parse_url_path(url_path))


class PetaHandler(JupyterHandler):
    """``/``: the course map (Voila's tree paths redirect here)."""

    @tornado.web.authenticated
    async def get(self, *_args: Any) -> None:
        base = self.base_url
        if self.request.path.rstrip("/") != base.rstrip("/"):
            self.redirect(base)
            return
        sesi = pastikan_sesi(self)
        kolam = getattr(self.kernel_manager, "catat_halaman", None)
        if kolam is not None:
            kolam(sesi, None)  # present in the room (heading to the first module, or the next)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        # the store may be the class's store service (under the hub): not in the server's loop
        self.finish(await asyncio.to_thread(html_peta, sesi, url_path_join(base, "voila/render/")))


class TidakAdaHandler(GalatIndonesia, JupyterHandler):
    """An Indonesian 404 for everything participants must not open (and, in ``sinovda app``,
    for every path no rule matches: ``/api/...``, ``/tree``, ``/lab``)."""

    def get(self, *_args: Any) -> None:
        raise tornado.web.HTTPError(404)

    post = put = patch = delete = head = get


class ModulHandler(TornadoVoilaHandler):
    """``/voila/render/<notebook>``: only course modules, with this browser's session cookie."""

    async def get(self, path: str | None = None) -> None:
        nama = Path(path or "").name
        if (path not in notebook_kursus() and path not in HALAMAN_PESERTA) or nama != path:
            self.set_status(404)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(html_tidak_ada(self.base_url))
            return
        sesi = pastikan_sesi(self)
        km = self.kernel_manager
        if not isinstance(km, KolamRuang):  # a hub server: no room pool
            await super().get(path)
            return
        km.catat_halaman(sesi, path)
        km.halaman_mulai()
        try:
            await super().get(path)
        finally:
            km.halaman_selesai()


class TutupKernelHandler(VoilaShutdownKernelHandler):
    """Voila's shutdown-on-tab-close call, accepted without an XSRF token (voila #1458)."""

    def check_xsrf_cookie(self) -> None:
        return None


class KernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket, safe for clients of the legacy (non-v1) protocol.

    Voila reads every binary frame as a v1-protocol frame (8-byte little-endian offsets) to drop
    ``execute_input``; a legacy binary frame (4-byte big-endian count) read that way asks for
    billions of offsets: the server's loop hangs and its memory grows by gigabytes. Legacy
    binary frames (messages with buffers, never ``execute_input``) go out unread.
    """

    def write_message(self, message: Any, binary: bool = False) -> Any:
        if isinstance(message, bytes) and \
                self.selected_subprotocol != "v1.kernel.websocket.jupyter.org":
            return WebsocketHandler.write_message(self, message, binary)
        return super().write_message(message, binary)


PENGATURAN_TORNADO = dict(TANPA_MATHJAX)
"""Server settings of every course page (``voila_setelan.TANPA_MATHJAX``: no MathJax from a
public CDN, absent offline, refused by the participant server's CSP)."""


def handler_kursus(base_url: str, voila_conf: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The course's routes under ``base_url``: course map, course modules only, no contents
    listing, tab close shuts the kernel down (used by ``sinovda app`` and hub servers)."""
    return [
        (base_url, PetaHandler),
        (url_path_join(base_url, r"/voila/?"), PetaHandler),
        (url_path_join(base_url, r"/voila/tree(.*)"), PetaHandler),
        (url_path_join(base_url, r"/voila/render/(.*)"), ModulHandler, voila_conf),
        (url_path_join(base_url, r"/voila/api/contents(.*)"), TidakAdaHandler),
        # a notebook's source is never a file to fetch (Voila answered an English 403)
        (url_path_join(base_url, r"/voila/files/(.*\.[iI][pP][yY][nN][bB])"), TidakAdaHandler),
        (url_path_join(base_url, r"/voila/api/shutdown/(.*)"), TutupKernelHandler),
        (url_path_join(base_url, r"/voila/templates/(.*)"), TemplatStatisHandler),
    ]


LOG_PENSIUN = logging.Logger("sinovda.kernel_siaga_pensiun", logging.CRITICAL + 1)
"""The logger of a retired waiting kernel's page and cell runner (``KolamRuang._pensiunkan``):
nothing it says reaches the terminal (outside the logging registry: no logging configuration
turns it back on)."""
LOG_PENSIUN.addHandler(logging.NullHandler())
LOG_PENSIUN.propagate = False


def umur_siaga_maks(batas_sel: float) -> float:
    """How long a preheated kernel may wait for its page: a margin (a quarter of the limit, at
    least 30 s) before Voila's cell time limit ``batas_sel`` ends its waiting cell, never under
    10 s. 300 s -> 225 s; 20 s -> 10 s."""
    return max(10.0, batas_sel - max(30.0, batas_sel / 4))


class KolamRuang:
    """Preheated kernels for the room, over Voila's ``VoilaKernelManager`` (mixed in by
    ``SinovdaVoila``; Voila's own pools start at size 0 and are filled only from here).

    A background task keeps each course module's pool at ``Ruang.target()``: it shuts down
    surplus waiting kernels (the room went quiet), and starts missing ones **one at a time**,
    only while no page is being served (none in flight, none in the last ``JEDA_DETIK``; for
    the room's extra kernels, which may go unused, none in the last ``JEDA_RUANG_DETIK``), each
    at a lower CPU priority (``NICE``; a kernel taken by a page gets its priority back where the
    system allows it). A preheated kernel runs its notebook up to
    ``sinovda.forms.halaman.tunggu_permintaan`` and waits there: the participant is looked up
    only after the page's request (its browser's cookie) has arrived, so no page shows stale data.
    """

    JEDA_DETIK = 0.5
    """Quiet time after the last page before a module's rest kernel is preheated."""
    JEDA_RUANG_DETIK = 3.0
    """Quiet time after the last page before one of the room's extra kernels is preheated (a
    room reading has long quiet spells; pages arriving one by one are not slowed by them)."""
    PERIODE_DETIK = 2.0
    """How often the pools are compared with the room when nothing happens."""
    NICE = 10
    """Added to the server's nice value for a kernel being preheated."""
    SIAP_DETIK = 60.0
    """Longest wait for a preheated kernel to reach its request wait before the next starts."""
    umur_maks: float = float("inf")
    """A waiting kernel older than this is replaced by a fresh one: its waiting cell runs under
    Voila's cell time limit (``app.tunggu_keluaran_detik``), and a kernel that waited past it
    would give the next participant a page without its form (``umur_siaga_maks``)."""

    _ruang: Ruang
    _pools: dict[str, list[asyncio.Task]]
    log: Any

    def mulai_kolam(self, ruang: Ruang, umur_maks: float = float("inf")) -> None:
        """Start keeping the pools at ``ruang``'s target (on the server's event loop); waiting
        kernels older than ``umur_maks`` seconds are replaced."""
        self._ruang = ruang
        self.umur_maks = umur_maks
        self._lahir: dict[asyncio.Task, float] = {}
        self._halaman_jalan = 0
        self._halaman_terakhir = float("-inf")
        self._bangun = asyncio.Event()
        self._nice_dasar = os.getpriority(os.PRIO_PROCESS, 0)
        self._pengisi = asyncio.get_event_loop().create_task(self._isi_terus())

    # -- what the handlers tell us -------------------------------------------------------------
    def catat_halaman(self, sesi: str, notebook: str | None) -> None:
        """Browser ``sesi`` asked for ``notebook`` (None: the course map)."""
        self._ruang.catat(sesi, notebook, time.monotonic())
        self._bangun.set()

    def halaman_mulai(self) -> None:
        self._halaman_jalan += 1
        self._halaman_terakhir = time.monotonic()

    def halaman_selesai(self) -> None:
        self._halaman_jalan -= 1
        self._halaman_terakhir = time.monotonic()
        self._bangun.set()

    def jumlah_siaga(self) -> dict[str, int]:
        """``{notebook: kernels in its pool (waiting or starting)}`` for the course modules."""
        return {nb: len(self._pools.get(nb, ())) for nb in self._ruang.urutan}

    # -- Voila's kernel manager, adjusted --------------------------------------------------------
    def fill_if_needed(self, *_args: Any, **_kwargs: Any) -> None:
        """Voila refills a pool at once after a page took a kernel; here the task does it."""
        bangun = getattr(self, "_bangun", None)
        if bangun is not None:
            bangun.set()

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
        hasil = await super().get_rendered_notebook(*args, **kwargs)  # type: ignore[misc]
        self._prioritas(hasil[2], self._nice_dasar)  # a page's kernel: normal priority again
        return hasil

    async def shutdown_all(self, *args: Any, **kwargs: Any) -> None:
        """The server stops (Ctrl+C, SIGTERM): the pools first, then Voila's own shutdown.

        A preheated kernel is blocked in its waiting cell: asked to shut down politely it closes
        its sockets under that cell and logs ``ZMQError`` tracebacks (in English) to the
        terminal. It holds nothing yet (its participant is looked up only after the request), so
        its page is cancelled and it is stopped at once, as a surplus kernel is; a kernel still
        starting is awaited first, so no kernel process outlives the server."""
        pengisi = getattr(self, "_pengisi", None)
        if pengisi is not None:
            pengisi.cancel()
            try:
                await pengisi
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - stopping anyway
                pass
        pools, self._pools = getattr(self, "_pools", {}), {}
        for pool in pools.values():
            for tugas in list(pool):
                try:
                    siaga = await tugas
                except (asyncio.CancelledError, Exception):  # noqa: BLE001 - never started
                    continue
                if siaga["kernel_id"] in self:  # type: ignore[operator]
                    try:
                        await self._pensiunkan(siaga)
                    except (RuntimeError, KeyError):
                        pass  # already gone
                else:
                    siaga["task"].cancel()
        await super().shutdown_all(*args, **kwargs)  # type: ignore[misc]

    async def _pensiunkan(self, siaga: dict[str, Any]) -> None:
        """Stop waiting kernel ``siaga`` (surplus, aged, or the server stops) at once.

        Its page will never be asked for: the page's rendering is stopped and its logger
        silenced first. Cancelling the rendering reaches nbclient inside the waiting cell, which
        reports the cancellation as ``DeadKernelError``; Voila logged that as "Error at server
        while executing cell" with a full traceback, and went on to the next cells of the dead
        kernel. A deliberate retirement is no error; any other kernel's failure is still logged."""
        penyaji = siaga.get("renderer")
        if penyaji is not None:
            penyaji.log = LOG_PENSIUN
            penyaji.stop_generator = True
            pelaksana = getattr(penyaji, "executor", None)  # nbclient: "Kernel died while..."
            if pelaksana is not None:
                pelaksana.log = LOG_PENSIUN
        siaga["task"].cancel()
        await self.shutdown_kernel(siaga["kernel_id"], now=True)  # type: ignore[attr-defined]

    # -- the task --------------------------------------------------------------------------------
    def _sibuk(self, jeda: float) -> bool:
        return self._halaman_jalan > 0 or time.monotonic() - self._halaman_terakhir < jeda

    async def _isi_terus(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self._bangun.wait(), timeout=self.PERIODE_DETIK)
            except TimeoutError:
                pass
            self._bangun.clear()
            try:
                while await self._satu_langkah():
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the pool must outlive one failed kernel
                self.log.exception("Kernel siaga gagal disiapkan")
                await asyncio.sleep(5)

    async def _satu_langkah(self) -> bool:
        """Shut one surplus waiting kernel down or preheat one missing kernel; False when the
        pools match the room."""
        sekarang = time.monotonic()
        target = self._ruang.target(sekarang)
        for t in [t for t in self._lahir if not any(t in p for p in self._pools.values())]:
            del self._lahir[t]  # taken by a page or gone
        for nb, pool in list(self._pools.items()):
            for t in [t for t in pool if t.done() and (t.cancelled() or t.exception())]:
                pool.remove(t)
            siap = [t for t in pool if t.done()]
            tua = [t for t in siap if sekarang - self._lahir.get(t, sekarang) > self.umur_maks]
            if tua:  # replaced before its waiting cell reaches Voila's cell time limit
                pool.remove(tua[0])
                await self._pensiunkan(tua[0].result())
                return True
            if len(pool) > target.get(nb, 0) and siap:
                await self._pensiunkan(siap[-1].result())
                return True
        # Each module's rest kernels first (a lone page stays warm), then the room's, the
        # module with the most missing first.
        ada = {nb: len(self._pools.get(nb, ())) for nb in self._ruang.urutan}
        dasar = [nb for nb in self._ruang.urutan if ada[nb] < min(target[nb], self._ruang.dasar)]
        n, nb = (1, dasar[0]) if dasar else max(((target[nb] - ada[nb], nb) for nb in ada),
                                                key=lambda x: x[0], default=(0, ""))
        if n <= 0:
            return False
        if self._sibuk(self.JEDA_DETIK if dasar else self.JEDA_RUANG_DETIK):
            await asyncio.sleep(self.JEDA_DETIK)
            return True
        await self._panaskan(nb)
        return True

    async def _panaskan(self, nb: str) -> None:
        """Preheat one kernel for ``nb`` and wait (bounded) until it waits for its request."""
        pool = self._pools.setdefault(nb, [])
        tugas = asyncio.get_event_loop().create_task(
            self._initialize(nb, None, **self._argumen_siaga(nb)))  # type: ignore[attr-defined]
        pool.append(tugas)
        self._lahir[tugas] = time.monotonic()
        try:  # shielded: a server stopping meanwhile awaits the start (``shutdown_all``)
            kid = (await asyncio.shield(tugas))["kernel_id"]
        except Exception:  # noqa: BLE001 - a notebook that fails to preheat: wait, try later
            self.log.exception("Kernel siaga untuk %s gagal dimulai", nb)
            if tugas in pool:
                pool.remove(tugas)
            await asyncio.sleep(5)
            return
        if tugas in pool:  # not yet taken by a page
            self._prioritas(kid, self._nice_dasar + self.NICE)
        akhir = time.monotonic() + self.SIAP_DETIK
        while tugas in pool and kid not in RequestInfoSocketHandler._waiters and \
                kid in self and time.monotonic() < akhir:  # type: ignore[operator]
            await asyncio.sleep(0.2)

    def _argumen_siaga(self, nb: str) -> dict[str, Any]:
        """The kernel's start arguments as Voila's ``fill_if_needed`` builds them."""
        from voila.utils import ENV_VARIABLE

        env = os.environ.copy()
        konfig = self.kernel_pools_config  # type: ignore[attr-defined]
        tambahan = konfig.get(nb, konfig.get("default", {})).get("kernel_env_variables", {})
        for k, v in tambahan.items():
            env.setdefault(k, v)
        induk = self.parent  # type: ignore[attr-defined]
        env[ENV_VARIABLE.VOILA_BASE_URL] = induk.base_url
        env[ENV_VARIABLE.VOILA_SERVER_URL] = induk.server_url
        env[ENV_VARIABLE.VOILA_APP_PORT] = str(induk.port)
        env[ENV_VARIABLE.VOILA_PREHEAT] = "True"
        return {"path": os.path.dirname(nb), "env": env}

    def _prioritas(self, kid: str, nice: int) -> None:
        """Set kernel ``kid``'s nice value (lowering it back needs privileges: else kept)."""
        try:
            pid = self.get_kernel(kid).provisioner.pid  # type: ignore[attr-defined]
            os.setpriority(os.PRIO_PROCESS, pid, nice)
        except (OSError, AttributeError, KeyError, TypeError):
            pass


class SinovdaVoila(Voila):
    """Voila with the course map, course modules only, per-browser sessions, working shutdown."""

    name = "sinovda-voila"

    kernel_siaga = Int(0, config=True, help="kernel siap pakai per modul kursus (0: tanpa)")
    kernel_siaga_ruang = Int(config=True, help="kernel siap pakai tambahan untuk ruangan, "
                             "paling banyak (0: tanpa)")
    peserta_aktif_detik = Int(config=True, help="peramban dihitung hadir selama ini setelah "
                              "permintaan terakhirnya")

    @default("kernel_siaga_ruang")
    def _kernel_siaga_ruang(self) -> int:
        from sinovda.data.ruang import load_ruang

        return load_ruang().kernel_siaga_ruang_maks

    @default("peserta_aktif_detik")
    def _peserta_aktif_detik(self) -> int:
        from sinovda.data.ruang import load_ruang

        return load_ruang().peserta_aktif_detik

    def init_settings(self) -> dict:
        """Voila's settings with ``PENGATURAN_TORNADO``. With preheated kernels
        (``kernel_siaga`` or ``kernel_siaga_ruang`` > 0): Voila's pools for no notebook, kept
        by ``KolamRuang`` for the course modules only (imports done, waiting in
        ``halaman.tunggu_permintaan`` for the request). Page templates compiled once per
        process, message timestamps read fast, no debug records built below ``log_level``
        (``voila_setelan``)."""
        percepat_server()
        log_sesuai_tingkat(self)
        siaga = self.kernel_siaga > 0 or self.kernel_siaga_ruang > 0
        if siaga:
            self.voila_configuration.preheat_kernel = True
            self.config.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": 0}}
        pengaturan = {**super().init_settings(), **PENGATURAN_TORNADO,
                      "default_handler_class": TidakAdaHandler}  # Indonesian 404 elsewhere
        if siaga:
            km = self.kernel_manager
            asal = type(km)
            meta: Any = type(asal)  # traitlets' metaclass
            km.__class__ = meta("KolamRuangKernelManager", (KolamRuang, asal), {})
            km.mulai_kolam(Ruang(tuple(notebook_kursus()), dasar=self.kernel_siaga,
                                 maks=self.kernel_siaga_ruang,
                                 aktif_detik=self.peserta_aktif_detik),
                           umur_maks=umur_siaga_maks(self._batas_sel()))
        return pengaturan

    def _batas_sel(self) -> float:
        """Voila's cell time limit as configured (``--VoilaExecutor.timeout``), else the
        settings' ``app.tunggu_keluaran_detik``."""
        from sinovda.data.ruang import load_ruang

        nilai = self.config.get("VoilaExecutor", {}).get("timeout")
        return float(nilai) if nilai else float(load_ruang().tunggu_keluaran_detik)

    def initialize(self, argv: Any = None) -> None:
        """Voila's start-up; Ctrl+C (SIGINT) then stops the server as SIGTERM does: the loop
        ends and ``stop`` runs, with no English "Stopping..."/"Handle signal" lines (``sinovda``
        says "sinovda: dihentikan.")."""
        super().initialize(argv)
        signal.signal(signal.SIGTERM, self._handle_signal_stop)
        signal.signal(signal.SIGINT, self._handle_signal_stop)

    def _handle_signal_stop(self, sig: int, frame: Any) -> None:
        loop = getattr(self, "ioloop", None)
        if loop is None:  # not serving yet
            raise KeyboardInterrupt
        loop.add_callback_from_signal(loop.stop)

    def stop(self) -> None:
        """Shut the kernels down (``KolamRuang.shutdown_all``) with further stop signals ignored:
        a terminal's Ctrl+C reaches this server and ``sinovda``, which then sends SIGTERM
        (``sinovda.cli.proses``); a second signal would stop the loop under the kernels'
        shutdown (a traceback, kernels left running). ``sinovda`` kills after a bounded wait.
        Routine lines ("Kernel shutdown: ...") are not logged; warnings and errors are."""
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.log.setLevel(max(self.log.getEffectiveLevel(), logging.WARNING))
        super().stop()

    def init_handlers(self) -> list:
        asli = super().init_handlers()
        voila_conf = {
            "template_paths": self.template_paths,
            "config": self.config,
            "voila_configuration": self.voila_configuration,
        }
        kanal = url_path_join(self.server_url, "/api/kernels/" + _kernel_id_regex + "/channels")
        websocket = (kanal, KernelWebsocketHandler)
        return dengan_galat_indonesia([*handler_kursus(self.server_url, voila_conf), websocket,
                                       *asli])


def _load_jupyter_server_extension(server_app: Any) -> None:
    """The same course rules on a Jupyter server with the Voila extension (a participant's
    server under ``sinovda hub``, loaded by ``sinovda.hub.pelindung``): course map at the server's
    root and at Voila's tree, only course modules rendered, tab close shuts the kernel down, no
    MathJax from a CDN. Our rules go before Voila's (tornado takes the first matching rule).

    The kernel websocket stays jupyter_server's own (with the message filter of the participant's
    server): Voila's websocket handler, whose legacy-protocol bug ``KernelWebsocketHandler``
    fixes in ``sinovda app``, is not used by the server extension.

    When the server's config names ``sinovda.cli.penyedia_kernel``'s provisioner as the default
    (a participant's server, ``deploy/peserta``), its kernel template is started here, so the
    first page's kernel is already forked warm (Voila's preheat pools do not exist for the
    server extension)."""
    from voila.configuration import VoilaConfiguration
    from voila.paths import collect_template_paths
    from voila.server_extension import load_config_file

    konfigurasi = VoilaConfiguration(parent=server_app)
    lokal = load_config_file()
    if lokal is not None:
        konfigurasi.update_config(lokal)
    voila_conf = {
        "config": server_app.config,
        "template_paths": collect_template_paths(["voila", "nbconvert"], konfigurasi.template),
        "voila_configuration": konfigurasi,
    }
    percepat_server()
    # kernels forked from a warm template when the server's config asks for it (deploy/peserta)
    from sinovda.cli.penyedia_kernel import mulai_jika_dipakai

    mulai_jika_dipakai(server_app.config)
    web_app = server_app.web_app
    web_app.settings.update(PENGATURAN_TORNADO)
    web_app.add_handlers(".*$", handler_kursus(web_app.settings["base_url"], voila_conf))
    aturan = web_app.default_router.rules
    aturan.insert(0, aturan.pop(-2))  # add_handlers put ours just before the base handlers


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "sinovda.cli.voila_app"}]


main = SinovdaVoila.launch_instance

if __name__ == "__main__":
    main()
