"""The store service: the class store's API over HTTP, as a JupyterHub service.

Runs as the hub's OS user (the only one that can open the class DB). Every request carries a
JupyterHub API token (``Authorization: token ...``); the hub says whose token it is and whether it
may use this service (scope ``access:services!service=sinovda-store``). The account's role comes
from the class DB: a participant may read and change only their own answers; a facilitator may
read everyone's. Every write goes to ``Store.save``/``restore`` with the role and ``oleh`` decided
here from the token (participant -> ``peserta``; facilitator -> ``fasilitator:<hub name>``), so
the store's access policy (``sinovda.domain.akses``: trainer-only modules, submitted tests,
scoring fields), size limits and compare-and-set apply; the client's own claims are ignored.

Errors: 401/403 refused, 409 changed elsewhere (compare-and-set), 413 too large, 507 storage
failure, 400 other bad input; the body is ``{"pesan": "<Indonesian message>"}``. Request bodies
are streamed and kept only up to the route's limit (``batas_badan``; the roster upload more):
a larger one is thrown away as it arrives and answered 413 with the limit in Indonesian.

Extra routes: any module ``sinovda.hub.layanan_<nama>`` with a function
``rute() -> list[tuple[str, type[Handler]]]`` (paths relative to ``.../api``, e.g.
``("/tes/([^/]+)/([^/]+)", KirimTesHandler)``) is found and served; its handlers subclass
``Handler`` (caller identity, ``izinkan``, ``jalankan``, ``body``, ``kirim``, ``oleh``).

Several classes: given a PostgreSQL database (``--db``: ``$SINOVDA_DB``) and the served keys,
every request names its class (``?kelas=KEY``; may be left out when one class is served); the
service decides from the store's memberships that the caller belongs to it (403 otherwise:
a facilitator of class A gets 403 on class B; a participant reads only their own NIP in a
class they are enrolled in). ``GET /saya`` lists the caller's served classes.

Run: ``python -m sinovda.hub.layanan --kelas DIR`` or ``--db --kelas KEY ...`` (JupyterHub starts
it with its env).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import importlib
import inspect
import json
import os
import pkgutil
import signal
import threading
from collections.abc import Awaitable, Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tornado import web
from tornado.httpserver import HTTPServer

from sinovda.domain import akses
from sinovda.domain.errors import (
    AksesDitolak,
    BatasTerlampaui,
    BerubahDiTempatLain,
    GagalPenyimpanan,
    SinovdaError,
)
from sinovda.hub.akun import FASILITATOR, PESERTA, DaftarAkun

NAMA_LAYANAN = "sinovda-store"
MODUL_PELATIH = akses.MODUL_PELATIH

Identitas = Callable[[str], Awaitable["dict[str, Any] | None"]]
Rute = list[tuple[str, type["Handler"]]]

_STATUS: tuple[tuple[type[SinovdaError], int], ...] = (
    (AksesDitolak, 403),
    (BerubahDiTempatLain, 409),
    (BatasTerlampaui, 413),
    (GagalPenyimpanan, 507),
    (SinovdaError, 400),
)


class Ditolak(AksesDitolak):
    """Access refused (HTTP 403); the message is Bahasa Indonesia."""


def cek_akses(
    peran: str | None, pengguna: str, nip: str | None, tulis: bool, modul: str = ""
) -> None:
    """Raise ``Ditolak`` unless ``pengguna`` with ``peran`` may open ``nip``'s answers (``nip``
    None: the whole class). What may be written is the store's policy (``domain.akses``); a
    participant writing a trainer-only module is refused here already."""
    try:
        akses.periksa_pemilik(peran, pengguna, nip)
        if tulis and peran == PESERTA and modul in MODUL_PELATIH:
            akses.periksa_tulis(akses.PESERTA, modul, "")
    except AksesDitolak as e:
        raise Ditolak(str(e)) from None


def status_galat(e: SinovdaError) -> int:
    """The HTTP status of a store error."""
    return next(kode for jenis, kode in _STATUS if isinstance(e, jenis))


def batas_badan() -> int:
    """The largest request body read (bytes): room for the largest value, JSON-escaped."""
    from sinovda.data.settings import load_batas

    return max(1024 * 1024, 8 * load_batas().nilai_maks)


BUANG_MAKS = 64 * 1024 * 1024
"""Beyond its limit a request body is read and thrown away (nothing kept) up to this many bytes
more, so the client (or the hub's proxy) gets the 413 answer instead of a reset connection; a
longer one has its connection closed."""


def ukuran_teks(n: int) -> str:
    """``n`` bytes for a person: ``512 KB``, ``2 MB``, ``6,8 MB``."""
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    mb = n / (1024 * 1024)
    return (f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB").replace(".", ",")


def rute_tambahan() -> Rute:
    """Routes of every ``sinovda.hub.layanan_<nama>`` module that has ``rute()``."""
    import sinovda.hub as paket

    semua: Rute = []
    for info in sorted(pkgutil.iter_modules(paket.__path__), key=lambda m: m.name):
        if not info.name.startswith("layanan_"):
            continue
        modul = importlib.import_module(f"sinovda.hub.{info.name}")
        fungsi = getattr(modul, "rute", None)
        if callable(fungsi):
            semua.extend(fungsi())
    return semua


def _json(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


class _Stores:
    """The classes this service serves and one Store per class per worker thread (SQLite
    connections stay in the thread that made them). ``kelas_dir`` is a SQLite class folder or
    a PostgreSQL class locator (one class), or a PostgreSQL database URL with ``kelas`` the
    keys served (several classes: every request names its class with ``?kelas=KEY``). Nothing
    of a request is kept here: roles and memberships are read from the store per request."""

    def __init__(self, kelas_dir: Path | str, kelas: list[str] | None = None) -> None:
        from sinovda.store import pg

        self.kelas_dir = kelas_dir
        self._local = threading.local()
        teks = str(kelas_dir)
        self.url: str | None = None
        if pg.adalah_url(teks) and "kelas=" not in teks:  # a database, several classes
            self.url = pg._POLA_URL.sub(lambda m: m.group(1) + "://", teks, count=1)
            self.kelas = list(kelas) if kelas else [k for k, _ in pg.daftar_kelas(self.url)]
            self.akun = DaftarAkun(self.url, kelas=self.kelas)
        elif pg.dipilih(kelas_dir) and kelas:  # keys with $SINOVDA_DB
            self.url, _ = pg.urai(kelas[0])
            self.kelas = list(kelas)
            self.akun = DaftarAkun(self.url, kelas=self.kelas)
        else:
            self.kelas = []
            self.akun = DaftarAkun(kelas_dir)

    @property
    def banyak(self) -> bool:
        """True when serving classes of a database by key (requests name their class)."""
        return self.url is not None

    def lokasi(self, kelas: str | None) -> Path | str:
        """The store locator of class ``kelas`` (None: the one class of a single-class
        service)."""
        if self.url is None or kelas is None:
            return self.kelas_dir
        from sinovda.store import pg

        return pg.lokasi_kelas(self.url, kelas)

    def akun_kelas(self, kelas: str | None) -> DaftarAkun:
        """The accounts that are members of ``kelas`` (the service's accounts if None)."""
        if self.url is None or kelas is None:
            return self.akun
        return DaftarAkun(self.url, kelas=[kelas])

    def get(self, kelas: str | None = None):  # type: ignore[no-untyped-def]
        if not hasattr(self._local, "store"):
            self._local.store = {}
        st = self._local.store.get(kelas)
        if st is None:
            from sinovda.store import Store

            st = self._local.store[kelas] = Store.open(self.lokasi(kelas))
        return st


class _SegeraTutup(web.HTTPError):
    """An error answered at once, the connection then closed (a body never to be read)."""


def _tunda_galat(prepare: Callable[[Any], Any]) -> Callable[[Any], Awaitable[None]]:
    """Wrap a handler's ``prepare``: an ``HTTPError`` it raises is answered only once the
    request's body has arrived (``Handler.tunda``). A streaming handler that answers before
    its body is read has tornado close the connection, and the hub's proxy, reusing that
    kept-alive connection for the next request, answered it with a 503 page."""

    @functools.wraps(prepare)
    async def bungkus(self: Any) -> None:
        try:
            hasil = prepare(self)
            if inspect.isawaitable(hasil):
                await hasil
        except _SegeraTutup:
            raise
        except web.HTTPError as e:
            self.tunda(e)

    return bungkus


@web.stream_request_body
class Handler(web.RequestHandler):
    """Base of every route: identify the caller (``pengguna``, hub ``peran``), check ownership
    (``izinkan``), run store work in a thread (``jalankan``: store errors -> HTTP status with the
    Indonesian message), read (``body``) and write (``kirim``) JSON. ``peran_simpan``/``oleh``
    are what a write by this caller records.

    The body is streamed in (``data_received``) and kept only up to ``batas()`` bytes: a
    larger one (by its Content-Length, or as it arrives) is thrown away as it comes and the
    answer is 413 with an Indonesian message naming the limit, never a reset connection."""

    TANPA_KELAS = False
    """True for a route that needs no class (``/saya``) on a several-class service."""
    BATAS_BADAN: int | None = None
    """This route's largest request body in bytes (None: ``batas_badan()``)."""

    def initialize(self, stores: _Stores, identitas: Identitas) -> None:
        self.stores = stores
        self.identitas = identitas
        self.kelas: str | None = None
        self._badan: list[bytes] = []
        self._diterima = 0
        self._terlalu_besar = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "prepare" in cls.__dict__:  # a route's own prepare: its refusals wait for the body
            cls.prepare = _tunda_galat(cls.__dict__["prepare"])  # type: ignore[method-assign]

    def batas(self) -> int:
        """The largest request body this route reads (bytes)."""
        return self.BATAS_BADAN or batas_badan()

    def tunda(self, galat: web.HTTPError) -> None:
        """Answer ``galat`` instead of running the route, once the body has arrived (a later
        413 replaces it)."""
        metode = (self.request.method or "GET").lower()

        async def gagal(*_a: Any, **_k: Any) -> None:
            raise galat

        setattr(self, metode, gagal)  # the route's own method is not run

    def _tolak_terlalu_besar(self) -> None:
        """From now on throw the body away; once it has all arrived the answer is 413."""
        self._terlalu_besar = True
        self._badan = []
        self.tunda(web.HTTPError(
            413, f"permintaan terlalu besar ({ukuran_teks(self._diterima)}); batasnya "
            f"{ukuran_teks(self.batas())} per permintaan. Tidak ada yang disimpan. Perkecil "
            "isinya (mis. jawaban yang sangat panjang, atau berkas roster yang dipecah "
            "menjadi beberapa berkas) lalu kirim lagi."))

    def periksa_ukuran(self) -> bool:
        """Before the body is read: True when its Content-Length is over the limit (then it
        is thrown away as it arrives and 413 answered; far over: 413 at once, connection
        closed)."""
        teks = self.request.headers.get("Content-Length", "").strip()
        if not teks.isdigit() or int(teks) <= self.batas():
            return False
        self._diterima = int(teks)
        if self._diterima > self.batas() + BUANG_MAKS:
            raise _SegeraTutup(413, f"permintaan terlalu besar ({ukuran_teks(self._diterima)}); "
                               f"batasnya {ukuran_teks(self.batas())} per permintaan")
        self._tolak_terlalu_besar()
        return True

    def data_received(self, chunk: bytes) -> None:
        if self._terlalu_besar:
            if self.request.headers.get("Content-Length") is None:
                self._diterima += len(chunk)
                if self._diterima > self.batas() + BUANG_MAKS:
                    self.request.connection.close()  # type: ignore[union-attr]
            return
        self._diterima += len(chunk)
        if self._diterima > self.batas():  # a body without (or with a false) Content-Length
            self._tolak_terlalu_besar()
            return
        self._badan.append(chunk)

    @property
    def lokasi(self) -> Path | str:
        """The store locator of this request's class (for ``DataAdmin``, ``OperasiAdmin``)."""
        return self.stores.lokasi(self.kelas)

    def pilih_kelas(self) -> None:
        """``self.kelas`` from ``?kelas=KEY``: required on a several-class service (one served
        class may be left out), 404 for a class not served; a one-class service (a class
        folder or one class locator) has nothing to choose and ignores it."""
        diminta = self.get_query_argument("kelas", "").strip()
        if not self.stores.banyak:
            return
        if not diminta:
            if len(self.stores.kelas) == 1:
                diminta = self.stores.kelas[0]
            elif self.TANPA_KELAS:
                return
            else:
                raise web.HTTPError(400, "sebutkan kelasnya: ?kelas=KUNCI (layanan ini melayani "
                                         "beberapa kelas)")
        if diminta not in self.stores.kelas:
            raise web.HTTPError(404, f"kelas '{diminta[:40]}' tidak dilayani hub ini")
        self.kelas = diminta

    def check_xsrf_cookie(self) -> None:  # token-authenticated API, no cookies
        return

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        if isinstance(exc, web.HTTPError) and exc.log_message:
            pesan = exc.log_message
        elif status_code >= 500:  # a bug, not the user's doing: no raw text (it is logged)
            pesan = "galat di layanan penyimpanan kelas; minta fasilitator memeriksa log hub"
        else:
            pesan = f"permintaan tidak dapat diproses (kode {status_code})"
        self.finish({"pesan": pesan})

    @_tunda_galat
    async def prepare(self) -> None:
        if self.periksa_ukuran():
            return  # answered 413 once the body has been thrown away; no one is identified
        header = self.request.headers.get("Authorization", "")
        token = header.split(None, 1)[1].strip() if " " in header else ""
        if not token:
            raise web.HTTPError(401, "butuh token JupyterHub (Authorization: token ...)")
        model = await self.identitas(token)
        if not model:
            raise web.HTTPError(401, "token tidak dikenal oleh hub")
        self.pengguna = str(model["name"])
        self.pilih_kelas()
        akun = self.stores.akun_kelas(self.kelas)
        self.peran = await asyncio.to_thread(akun.peran, self.pengguna)
        if self.stores.banyak and self.kelas is not None and self.peran is None:
            # decided here from the store's memberships, never from what the client says
            raise web.HTTPError(403, f"akun {self.pengguna} bukan anggota kelas {self.kelas}")

    @property
    def peran_simpan(self) -> str:
        """The store role of this caller's writes: ``fasilitator`` or ``peserta``."""
        return akses.FASILITATOR if self.peran == FASILITATOR else akses.PESERTA

    @property
    def oleh(self) -> str:
        """Who this caller is on a revision: ``peserta`` or ``fasilitator:<hub name>``."""
        if self.peran == FASILITATOR:
            return f"{akses.FASILITATOR}:{self.pengguna}"
        return akses.PESERTA

    def tertutup(self, nip: str, modul: str) -> bool:
        """True when ``modul`` of ``nip`` is hidden from this caller: a participant does not see
        the trainer's grading (``akses.MODUL_TUNGGU_RILIS``) before their results are released
        (the release itself is the trainer's, recorded server-side)."""
        if self.peran != PESERTA or modul not in akses.MODUL_TUNGGU_RILIS:
            return False
        try:
            from sinovda.store.admin import DataAdmin

            # this thread's open store: on PostgreSQL its connection (~0.2 ms, not ~7 ms)
            return not DataAdmin(self.stores.get(self.kelas)).dirilis(nip)
        except (SinovdaError, OSError, ValueError):
            return True  # no release record readable: keep the grading hidden

    def saring(self, nip: str, semua: dict[str, Any]) -> dict[str, Any]:
        """``{modul: ...}`` without the modules hidden from this caller (see ``tertutup``)."""
        return {m: v for m, v in semua.items() if not self.tertutup(nip, m)}

    def izinkan(self, nip: str | None, tulis: bool = False, modul: str = "") -> None:
        try:
            cek_akses(self.peran, self.pengguna, nip, tulis, modul)
        except Ditolak as e:
            raise web.HTTPError(403, str(e)) from None

    async def jalankan(self, fn: Callable[..., Any], *args: Any) -> Any:
        def kerja() -> Any:
            return fn(self.stores.get(self.kelas), *args)

        try:
            return await asyncio.to_thread(kerja)
        except SinovdaError as e:
            raise web.HTTPError(status_galat(e), str(e)) from None

    def harap_revisi(self, data: dict[str, Any]) -> int | None:
        """``harap_revisi`` of a write request (compare-and-set), or None."""
        nilai = data.get("harap_revisi")
        if nilai is None:
            return None
        if not isinstance(nilai, int) or isinstance(nilai, bool) or nilai < 0:
            raise web.HTTPError(400, "'harap_revisi' harus bilangan bulat >= 0")
        return nilai

    def body(self) -> dict[str, Any]:
        try:
            data = json.loads(b"".join(self._badan) or b"{}")
        except ValueError:
            raise web.HTTPError(400, "isi permintaan bukan JSON") from None
        if not isinstance(data, dict):
            raise web.HTTPError(400, "isi permintaan harus objek JSON")
        return data

    def kirim(self, value: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(_json(value), ensure_ascii=False))


_Handler = Handler  # former name


class SayaHandler(Handler):
    """Who the caller is; on a several-class service also the served classes they belong to
    (``kelas``: ``[{"kunci", "nama"}]``, newest first): the facilitator's class chooser."""

    TANPA_KELAS = True

    async def get(self) -> None:
        hasil: dict[str, Any] = {"nama": self.pengguna, "peran": self.peran}
        if self.stores.banyak:
            kunci = await asyncio.to_thread(self.stores.akun.kelas_anggota, self.pengguna)
            nama = await asyncio.to_thread(self._nama_kelas)
            hasil["kelas"] = [{"kunci": k, "nama": nama.get(k, k)} for k in kunci]
        self.kirim(hasil)

    def _nama_kelas(self) -> dict[str, str]:
        from sinovda.store import pg

        return dict(pg.daftar_kelas(self.stores.url or ""))


class KelasHandler(Handler):
    async def get(self) -> None:
        self.izinkan(self.pengguna if self.peran == PESERTA else None)
        self.kirim(await self.jalankan(lambda st: st.kelas_info()))


class PesertaHandler(Handler):
    async def get(self, nip: str = "") -> None:
        if nip:
            self.izinkan(nip)
            p = await self.jalankan(lambda st: st.get_peserta(nip))
            if p is None:
                raise web.HTTPError(404, f"peserta dengan NIP {nip} tidak ada di kelas ini")
            self.kirim(p)
            return
        if self.peran == PESERTA:
            p = await self.jalankan(lambda st: st.get_peserta(self.pengguna))
            self.kirim([p] if p else [])
            return
        self.izinkan(None)
        self.kirim(await self.jalankan(lambda st: st.daftar_peserta()))


class JawabanHandler(Handler):
    async def get(self, nip: str, modul: str = "", field: str = "") -> None:
        self.izinkan(nip)
        if modul and self.tertutup(nip, modul):
            if field:
                self.kirim({"ada": False, "value": None, "revisi": 0})
            else:
                self.kirim({})
            return
        if field:
            tidak_ada = object()
            value, revisi = await self.jalankan(
                lambda st: st.load_dengan_revisi(nip, modul, field, tidak_ada))
            ada = value is not tidak_ada
            self.kirim({"ada": ada, "value": value if ada else None, "revisi": revisi})
        elif modul:
            self.kirim(await self.jalankan(lambda st: st.load_modul(nip, modul)))
        else:
            self.kirim(self.saring(nip, await self.jalankan(lambda st: st.load_all(nip))))

    async def put(self, nip: str, modul: str = "", field: str = "") -> None:
        if not field:
            raise web.HTTPError(405, "simpan butuh /jawaban/NIP/MODUL/FIELD")
        self.izinkan(nip, tulis=True, modul=modul)
        data = self.body()
        if "value" not in data:
            raise web.HTTPError(400, "isi permintaan butuh kunci 'value'")
        harap = self.harap_revisi(data)
        revisi = await self.jalankan(lambda st: st.save(
            nip, modul, field, data["value"], oleh=self.oleh, harap_revisi=harap,
            peran=self.peran_simpan))
        self.kirim({"revisi": revisi})


class RiwayatHandler(Handler):
    async def get(self, nip: str, modul: str, field: str) -> None:
        self.izinkan(nip)
        if self.tertutup(nip, modul):
            self.kirim([])
            return
        self.kirim(await self.jalankan(lambda st: st.history(nip, modul, field)))


class PulihkanHandler(Handler):
    async def post(self, nip: str, modul: str, field: str) -> None:
        self.izinkan(nip, tulis=True, modul=modul)
        data = self.body()
        revisi_id = data.get("revisi")
        if not isinstance(revisi_id, int) or isinstance(revisi_id, bool):
            raise web.HTTPError(400, "isi permintaan butuh 'revisi' (bilangan bulat)")
        harap = self.harap_revisi(data)
        baru = await self.jalankan(lambda st: st.restore(
            nip, modul, field, revisi_id, oleh=self.oleh, harap_revisi=harap,
            peran=self.peran_simpan))
        self.kirim({"revisi": baru})


class AktivitasHandler(Handler):
    async def get(self) -> None:
        semua = await self.jalankan(lambda st: st.last_activity())
        if self.peran == PESERTA:
            self.izinkan(self.pengguna)
            semua = {k: v for k, v in semua.items() if k == self.pengguna}
        else:
            self.izinkan(None)
        self.kirim(semua)


class SemuaHandler(Handler):
    async def get(self) -> None:
        self.izinkan(None)
        self.kirim(await self.jalankan(lambda st: st.load_all_peserta()))


class EksporHandler(Handler):
    async def get(self, nip: str) -> None:
        self.izinkan(nip)
        buku = await self.jalankan(lambda st: st.export_workbook(nip))
        buku["jawaban"] = [j for j in buku.get("jawaban", [])
                           if not self.tertutup(nip, str(j.get("modul", "")))]
        self.kirim(buku)


SEG = r"([^/]+)"

RUTE: Rute = [
    ("/saya", SayaHandler),
    ("/kelas", KelasHandler),
    ("/peserta", PesertaHandler),
    (f"/peserta/{SEG}", PesertaHandler),
    (f"/jawaban/{SEG}", JawabanHandler),
    (f"/jawaban/{SEG}/{SEG}", JawabanHandler),
    (f"/jawaban/{SEG}/{SEG}/{SEG}", JawabanHandler),
    (f"/riwayat/{SEG}/{SEG}/{SEG}", RiwayatHandler),
    (f"/pulihkan/{SEG}/{SEG}/{SEG}", PulihkanHandler),
    ("/aktivitas", AktivitasHandler),
    ("/semua", SemuaHandler),
    (f"/ekspor/{SEG}", EksporHandler),
]
"""The store routes (relative to ``<prefix>api``); extra modules add theirs via ``rute()``."""


class TidakAdaHandler(Handler):
    """Any other path: 404 in Indonesian, its body never read into memory."""

    async def prepare(self) -> None:
        self.periksa_ukuran()
        raise web.HTTPError(404, "alamat ini tidak ada di layanan penyimpanan kelas")


def buat_app(kelas_dir: Path | str, identitas: Identitas, prefix: str = "/",
             tambahan: Rute | None = None, kelas: list[str] | None = None) -> web.Application:
    """The tornado application serving ``kelas_dir`` under ``prefix``: ``RUTE``, then
    ``tambahan`` (default: ``rute_tambahan()``, every ``sinovda.hub.layanan_*`` module).
    ``kelas_dir``: a class folder or PostgreSQL class locator, or a PostgreSQL database URL
    (``kelas``: the keys served, default every class of the database)."""
    p = prefix.rstrip("/") + "/api"
    args = {"stores": _Stores(kelas_dir, kelas), "identitas": identitas}
    lain = rute_tambahan() if tambahan is None else tambahan
    return web.Application([(p + jalur, h, args) for jalur, h in [*RUTE, *lain]],
                           default_handler_class=TidakAdaHandler, default_handler_args=args)


def jalankan_server(app: web.Application, port: int, alamat: str = "127.0.0.1") -> HTTPServer:
    """Listen with ``app`` on ``alamat:port``. Every route streams its body and keeps at most
    its own limit (``Handler.batas``; over it: 413); the connection's own cap is only above
    what a route throws away, so tornado never drops a connection without an answer."""
    terbesar = max([batas_badan(), *(h.BATAS_BADAN or 0 for _, h in [*RUTE, *rute_tambahan()])])
    server = HTTPServer(app, xheaders=True, max_body_size=terbesar + 2 * BUANG_MAKS)
    server.listen(port, alamat)
    return server


def identitas_hub(nama_layanan: str = NAMA_LAYANAN) -> Identitas:
    """Resolve a token through the hub; accept it only with access to this service."""
    from jupyterhub.services.auth import HubAuth

    auth = HubAuth(cache_max_age=10)
    boleh = {"access:services", f"access:services!service={nama_layanan}"}

    async def cek(token: str) -> dict[str, Any] | None:
        model = await auth.user_for_token(token, sync=False)
        if not model or model.get("kind", "user") != "user":
            return None
        if not boleh & set(model.get("scopes", [])):
            return None
        return model

    return cek


def argumen(argv: list[str] | None = None,
            env: dict[str, str] | None = None) -> tuple[Path | str, list[str] | None]:
    """(class folder or database URL, served keys or None) from the service's command line
    (``--kelas DIR``, or ``--db [--kelas KEY ...]`` with the URL in ``$SINOVDA_DB``)."""
    parser = argparse.ArgumentParser(description="layanan penyimpanan kelas sinovda")
    parser.add_argument("--kelas", action="append", default=[],
                        help="folder kelas; dengan --db: kunci kelas (boleh berulang)")
    parser.add_argument("--db", action="store_true",
                        help="kelas-kelas basis data PostgreSQL $SINOVDA_DB (URL tidak ditulis di "
                        "baris perintah)")
    args = parser.parse_args(argv)
    if args.db:
        url = (os.environ if env is None else env).get("SINOVDA_DB", "").strip()
        if not url:
            parser.error("--db butuh SINOVDA_DB=postgresql://... di lingkungan")
        return url, (args.kelas or None)
    if len(args.kelas) != 1:
        parser.error("--kelas DIR (satu folder kelas), atau --db dengan --kelas KUNCI ...")
    return Path(args.kelas[0]), None


def main(argv: list[str] | None = None) -> None:
    """Serve the class store on ``$JUPYTERHUB_SERVICE_URL`` under ``$JUPYTERHUB_SERVICE_PREFIX``."""
    lokasi, kelas = argumen(argv)
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{NAMA_LAYANAN}/")

    async def jalan() -> None:
        app = buat_app(lokasi, identitas_hub(), prefix, kelas=kelas)
        jalankan_server(app, url.port or 80, url.hostname or "127.0.0.1")
        berhenti = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, berhenti.set)
        await berhenti.wait()

    asyncio.run(jalan())


if __name__ == "__main__":
    main()
