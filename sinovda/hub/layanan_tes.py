"""Test routes of the store service: submitting and scoring a pre/post-test on the server.

Found by ``sinovda.hub.layanan.rute_tambahan`` (``rute()``). The service runs as the hub's OS
user, the only account that can read the answer key (``modul/kunci_tes.yaml``, locked by
``sinovda.data.content.lindungi_kunci``); each route runs the same function as self-study
(``sinovda.store.tes``) on the class store, so the participant's kernel never sees the key.

Routes (under ``<prefix>api``):

- ``POST /tes/NIP/TES`` ``{"jawaban": {soal_id: huruf}}``: submit (the participant themself, or
  a facilitator); 403 when already submitted; returns ``HasilTes`` as JSON;
- ``GET /tes/NIP/TES``: what that participant may see of the test now;
- ``GET /tes-kelas/TES``: facilitators only: ``{nip: {soal_id: benar?}}`` for item statistics.
"""

from __future__ import annotations

from tornado import web

from sinovda.hub.layanan import Handler, Rute
from sinovda.store import tes as server_tes

SEG = r"([^/]+)"


class TesHandler(Handler):
    """Submit (POST) or read (GET) one participant's test result."""

    def _modul(self, tes: str) -> str:
        try:
            return server_tes.tes_dari_nama(tes).modul
        except ValueError as e:
            raise web.HTTPError(404, str(e)) from None

    async def get(self, nip: str, tes: str) -> None:
        self.izinkan(nip)
        self._modul(tes)
        h = await self.jalankan(lambda st: server_tes.hasil_tes(st, nip, tes))
        self.kirim(h.ke_dict())

    async def post(self, nip: str, tes: str) -> None:
        self.izinkan(nip, tulis=True, modul=self._modul(tes))
        jawaban = self.body().get("jawaban", {})
        if not isinstance(jawaban, dict):
            raise web.HTTPError(400, "isi permintaan butuh 'jawaban' {id soal: huruf}")
        h = await self.jalankan(lambda st: server_tes.kirim_tes(st, nip, tes, jawaban))
        self.kirim(h.ke_dict())


class KoreksiKelasHandler(Handler):
    """Facilitators: the class's right/wrong matrix of one test."""

    async def get(self, tes: str) -> None:
        self.izinkan(None)
        self.kirim(await self.jalankan(lambda st: server_tes.koreksi_kelas(st, tes)))


def rute() -> Rute:
    """The test routes (relative to ``<prefix>api``)."""
    return [(f"/tes/{SEG}/{SEG}", TesHandler), (f"/tes-kelas/{SEG}", KoreksiKelasHandler)]
