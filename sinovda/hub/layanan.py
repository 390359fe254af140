"""The store service: the class store's API over HTTP, as a JupyterHub service.

Runs as the hub's OS user (the only one that can open the class DB). Every request carries a
JupyterHub API token (``Authorization: token ...``); the hub says whose token it is and whether it
may use this service (scope ``access:services!service=sinovda-store``). The account's role comes
from the class DB: a participant may read and change only their own answers and may not write
modul ``penilaian``; a facilitator may read everyone's and write ``penilaian``.

Run: ``python -m sinovda.hub.layanan --kelas DIR`` (JupyterHub starts it with its env).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import threading
from collections.abc import Awaitable, Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tornado import web
from tornado.httpserver import HTTPServer

from sinovda.domain.errors import SinovdaError
from sinovda.hub.akun import FASILITATOR, PESERTA, DaftarAkun

NAMA_LAYANAN = "sinovda-store"
MODUL_PELATIH = "penilaian"

Identitas = Callable[[str], Awaitable["dict[str, Any] | None"]]


class Ditolak(Exception):
    """Access refused (HTTP 403); the message is Bahasa Indonesia."""


def cek_akses(
    peran: str | None, pengguna: str, nip: str | None, tulis: bool, modul: str = ""
) -> None:
    """Raise ``Ditolak`` unless ``pengguna`` with ``peran`` may read/write ``nip``'s answers."""
    if peran == FASILITATOR:
        return
    if peran != PESERTA:
        raise Ditolak(f"akun '{pengguna}' tidak terdaftar di kelas ini")
    if nip is None:
        raise Ditolak("hanya fasilitator yang boleh membaca data seluruh kelas")
    if nip != pengguna:
        raise Ditolak(f"akun '{pengguna}' tidak boleh membuka jawaban peserta lain ({nip})")
    if tulis and modul == MODUL_PELATIH:
        raise Ditolak("penilaian hanya boleh diisi oleh fasilitator/pelatih")


def _json(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


class _Stores:
    """One Store per worker thread (SQLite connections stay in the thread that made them)."""

    def __init__(self, kelas_dir: Path) -> None:
        self.kelas_dir = kelas_dir
        self._local = threading.local()
        self.akun = DaftarAkun(kelas_dir)

    def get(self):  # type: ignore[no-untyped-def]
        st = getattr(self._local, "store", None)
        if st is None:
            from sinovda.store import Store

            st = self._local.store = Store.open(self.kelas_dir)
        return st


class _Handler(web.RequestHandler):
    """Base: identify the caller, map errors to JSON with a status code."""

    def initialize(self, stores: _Stores, identitas: Identitas) -> None:
        self.stores = stores
        self.identitas = identitas

    def check_xsrf_cookie(self) -> None:  # token-authenticated API, no cookies
        return

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        pesan = getattr(exc, "log_message", None) or str(exc or self._reason)
        self.finish({"pesan": pesan})

    async def prepare(self) -> None:
        header = self.request.headers.get("Authorization", "")
        token = header.split(None, 1)[1].strip() if " " in header else ""
        if not token:
            raise web.HTTPError(401, "butuh token JupyterHub (Authorization: token ...)")
        model = await self.identitas(token)
        if not model:
            raise web.HTTPError(401, "token tidak dikenal oleh hub")
        self.pengguna = str(model["name"])
        self.peran = await asyncio.to_thread(self.stores.akun.peran, self.pengguna)

    def izinkan(self, nip: str | None, tulis: bool = False, modul: str = "") -> None:
        try:
            cek_akses(self.peran, self.pengguna, nip, tulis, modul)
        except Ditolak as e:
            raise web.HTTPError(403, str(e)) from None

    async def jalankan(self, fn: Callable[..., Any], *args: Any) -> Any:
        def kerja() -> Any:
            return fn(self.stores.get(), *args)

        try:
            return await asyncio.to_thread(kerja)
        except SinovdaError as e:
            raise web.HTTPError(400, str(e)) from None

    def body(self) -> dict[str, Any]:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "isi permintaan bukan JSON") from None
        if not isinstance(data, dict):
            raise web.HTTPError(400, "isi permintaan harus objek JSON")
        return data

    def kirim(self, value: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(_json(value), ensure_ascii=False))


class SayaHandler(_Handler):
    async def get(self) -> None:
        self.kirim({"nama": self.pengguna, "peran": self.peran})


class KelasHandler(_Handler):
    async def get(self) -> None:
        self.izinkan(self.pengguna if self.peran == PESERTA else None)
        self.kirim(await self.jalankan(lambda st: st.kelas_info()))


class PesertaHandler(_Handler):
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


class JawabanHandler(_Handler):
    async def get(self, nip: str, modul: str = "", field: str = "") -> None:
        self.izinkan(nip)
        if field:
            tidak_ada = object()
            value = await self.jalankan(lambda st: st.load(nip, modul, field, tidak_ada))
            ada = value is not tidak_ada
            self.kirim({"ada": ada, "value": value if ada else None})
        elif modul:
            self.kirim(await self.jalankan(lambda st: st.load_modul(nip, modul)))
        else:
            self.kirim(await self.jalankan(lambda st: st.load_all(nip)))

    async def put(self, nip: str, modul: str = "", field: str = "") -> None:
        if not field:
            raise web.HTTPError(405, "simpan butuh /jawaban/NIP/MODUL/FIELD")
        self.izinkan(nip, tulis=True, modul=modul)
        data = self.body()
        if "value" not in data:
            raise web.HTTPError(400, "isi permintaan butuh kunci 'value'")
        revisi = await self.jalankan(lambda st: st.save(nip, modul, field, data["value"]))
        self.kirim({"revisi": revisi})


class RiwayatHandler(_Handler):
    async def get(self, nip: str, modul: str, field: str) -> None:
        self.izinkan(nip)
        self.kirim(await self.jalankan(lambda st: st.history(nip, modul, field)))


class PulihkanHandler(_Handler):
    async def post(self, nip: str, modul: str, field: str) -> None:
        self.izinkan(nip, tulis=True, modul=modul)
        revisi_id = self.body().get("revisi")
        if not isinstance(revisi_id, int):
            raise web.HTTPError(400, "isi permintaan butuh 'revisi' (bilangan bulat)")
        baru = await self.jalankan(lambda st: st.restore(nip, modul, field, revisi_id))
        self.kirim({"revisi": baru})


class AktivitasHandler(_Handler):
    async def get(self) -> None:
        semua = await self.jalankan(lambda st: st.last_activity())
        if self.peran == PESERTA:
            self.izinkan(self.pengguna)
            semua = {k: v for k, v in semua.items() if k == self.pengguna}
        else:
            self.izinkan(None)
        self.kirim(semua)


class SemuaHandler(_Handler):
    async def get(self) -> None:
        self.izinkan(None)
        self.kirim(await self.jalankan(lambda st: st.load_all_peserta()))


class EksporHandler(_Handler):
    async def get(self, nip: str) -> None:
        self.izinkan(nip)
        self.kirim(await self.jalankan(lambda st: st.export_workbook(nip)))


def buat_app(kelas_dir: Path, identitas: Identitas, prefix: str = "/") -> web.Application:
    """The tornado application serving ``kelas_dir`` under ``prefix``."""
    p = prefix.rstrip("/") + "/api"
    seg = r"([^/]+)"
    args = {"stores": _Stores(kelas_dir), "identitas": identitas}
    return web.Application(
        [
            (f"{p}/saya", SayaHandler, args),
            (f"{p}/kelas", KelasHandler, args),
            (f"{p}/peserta", PesertaHandler, args),
            (f"{p}/peserta/{seg}", PesertaHandler, args),
            (f"{p}/jawaban/{seg}", JawabanHandler, args),
            (f"{p}/jawaban/{seg}/{seg}", JawabanHandler, args),
            (f"{p}/jawaban/{seg}/{seg}/{seg}", JawabanHandler, args),
            (f"{p}/riwayat/{seg}/{seg}/{seg}", RiwayatHandler, args),
            (f"{p}/pulihkan/{seg}/{seg}/{seg}", PulihkanHandler, args),
            (f"{p}/aktivitas", AktivitasHandler, args),
            (f"{p}/semua", SemuaHandler, args),
            (f"{p}/ekspor/{seg}", EksporHandler, args),
        ]
    )


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


def main(argv: list[str] | None = None) -> None:
    """Serve the class store on ``$JUPYTERHUB_SERVICE_URL`` under ``$JUPYTERHUB_SERVICE_PREFIX``."""
    parser = argparse.ArgumentParser(description="layanan penyimpanan kelas sinovda")
    parser.add_argument("--kelas", required=True)
    args = parser.parse_args(argv)
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{NAMA_LAYANAN}/")

    async def jalan() -> None:
        app = buat_app(Path(args.kelas), identitas_hub(), prefix)
        HTTPServer(app, xheaders=True).listen(url.port or 80, url.hostname or "127.0.0.1")
        berhenti = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, berhenti.set)
        await berhenti.wait()

    asyncio.run(jalan())


if __name__ == "__main__":
    main()
