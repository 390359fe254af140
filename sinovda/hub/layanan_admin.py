"""Admin, results and certificate-verification routes of the store service.

Found by ``sinovda.hub.layanan.rute_tambahan`` (``rute()``). Every admin route is for
facilitators only (checked here from the hub token, never from the client); a participant reads
only their own released results and PDFs (403 on anyone else's); ``/verifikasi`` is a public page
that says whether a certificate code is genuine and for whom.

Routes (under ``<prefix>api``):

- ``GET  /admin/ringkas``; ``POST /admin/roster`` ``{"nama_berkas", "isi": base64,
  "kelas_lain": bool}`` (on a PostgreSQL database a NIP of another class is refused unless
  ``kelas_lain`` and the caller teaches that class too: ``OperasiAdmin.impor_roster``);
  ``POST /admin/fasilitator`` ``{"nama", "label"}``; ``DELETE /admin/fasilitator/NAMA``;
  ``POST /admin/kode/NAMA`` (new passcode); ``POST /admin/kode-baru`` (passcodes for every
  participant without one); ``POST /admin/buka-kunci/NAMA``;
  ``POST /admin/modul/MODUL`` ``{"kunci": bool}``; ``POST /admin/rilis``
  ``{"nips": [..] | null, "rilis": bool}``; ``POST /admin/setelan`` ``{key: value}``;
  ``POST /admin/laporan`` (build reports, certificates and the recap in the background);
  ``GET /admin/unduh/sertifikat`` (every certificate, ZIP), ``GET /admin/unduh/rekap`` (xlsx);
- ``GET /hasil/NIP``; ``GET /hasil/NIP/laporan.pdf``; ``GET /hasil/NIP/sertifikat.pdf``;
- ``GET /verifikasi?kode=SNV-...`` (HTML, no login).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import html
from collections.abc import Callable
from typing import Any

from tornado import web

from sinovda.domain.errors import InputTidakValid, SinovdaError
from sinovda.hub.admin import JENIS_BERKAS, UKURAN_ROSTER_MAKS, OperasiAdmin
from sinovda.hub.layanan import Handler, Rute, status_galat


class _AdminHandler(Handler):
    """Base: run an ``OperasiAdmin`` call as this caller in a worker thread."""

    async def operasi(self, fn: Callable[[OperasiAdmin], Any]) -> Any:
        oleh = self.oleh

        def kerja() -> Any:
            return fn(OperasiAdmin(self.lokasi, oleh=oleh))

        try:
            return await asyncio.to_thread(kerja)
        except SinovdaError as e:
            raise web.HTTPError(status_galat(e), str(e)) from None

    def hanya_fasilitator(self) -> None:
        self.izinkan(None)  # the whole class: facilitators only (403 for anyone else)

    def teks(self, data: dict[str, Any], kunci: str) -> str:
        nilai = data.get(kunci)
        if not isinstance(nilai, str) or not nilai.strip():
            raise web.HTTPError(400, f"isi permintaan butuh '{kunci}' (teks)")
        return nilai.strip()


class RingkasHandler(_AdminHandler):
    async def get(self) -> None:
        self.hanya_fasilitator()
        self.kirim(await self.operasi(lambda op: op.ringkas()))


class RosterHandler(_AdminHandler):
    BATAS_BADAN = UKURAN_ROSTER_MAKS * 4 // 3 + 64 * 1024  # the largest roster, base64 in JSON

    async def post(self) -> None:
        self.hanya_fasilitator()
        data = self.body()
        nama = self.teks(data, "nama_berkas")
        try:
            isi = base64.b64decode(self.teks(data, "isi"), validate=True)
        except (binascii.Error, ValueError):
            raise web.HTTPError(400, "isi berkas roster bukan base64") from None
        kelas_lain = data.get("kelas_lain", False)  # a participant repeating from another class
        if not isinstance(kelas_lain, bool):
            raise web.HTTPError(400, "'kelas_lain' harus true atau false")
        self.kirim(await self.operasi(lambda op: op.impor_roster(nama, isi, kelas_lain)))


class FasilitatorHandler(_AdminHandler):
    async def post(self) -> None:
        self.hanya_fasilitator()
        data = self.body()
        nama, label = self.teks(data, "nama"), str(data.get("label") or "")
        self.kirim(await self.operasi(lambda op: op.tambah_fasilitator(nama, label)))

    async def delete(self, nama: str) -> None:
        self.hanya_fasilitator()
        await self.operasi(lambda op: op.hapus_fasilitator(nama))
        self.kirim({"dihapus": nama})


class KodeHandler(_AdminHandler):
    async def post(self, nama: str) -> None:
        self.hanya_fasilitator()
        self.kirim(await self.operasi(lambda op: op.reset_kode(nama)))


class KodeSemuaHandler(_AdminHandler):
    async def post(self) -> None:
        self.hanya_fasilitator()
        self.kirim(await self.operasi(lambda op: op.kode_semua()))


class BukaKunciHandler(_AdminHandler):
    async def post(self, nama: str) -> None:
        self.hanya_fasilitator()
        self.kirim(await self.operasi(lambda op: op.buka_kunci(nama)))


class ModulHandler(_AdminHandler):
    async def post(self, modul: str) -> None:
        self.hanya_fasilitator()
        kunci = self.body().get("kunci")
        if not isinstance(kunci, bool):
            raise web.HTTPError(400, "isi permintaan butuh 'kunci' (true/false)")
        self.kirim(await self.operasi(lambda op: op.kunci_modul(modul, kunci)))


class RilisHandler(_AdminHandler):
    async def post(self) -> None:
        self.hanya_fasilitator()
        data = self.body()
        nips = data.get("nips")
        if nips is not None and not (isinstance(nips, list)
                                     and all(isinstance(n, str) for n in nips)):
            raise web.HTTPError(400, "'nips' harus daftar NIP atau null (seluruh kelas)")
        rilis = data.get("rilis", True)
        if not isinstance(rilis, bool):
            raise web.HTTPError(400, "'rilis' harus true atau false")
        self.kirim(await self.operasi(lambda op: op.rilis(nips, rilis)))


class SetelanHandler(_AdminHandler):
    async def post(self) -> None:
        self.hanya_fasilitator()
        data = self.body()
        self.kirim(await self.operasi(lambda op: op.atur_setelan(data)))


class LaporanHandler(_AdminHandler):
    async def post(self) -> None:
        self.hanya_fasilitator()
        self.kirim(await self.operasi(lambda op: op.buat_laporan()))


class UnduhKelasHandler(_AdminHandler):
    async def get(self, jenis: str) -> None:
        self.hanya_fasilitator()
        isi = await self.operasi(lambda op: op.unduh_kelas(jenis))
        nama, tipe = (("rekap.xlsx", "application/vnd.openxmlformats-officedocument."
                       "spreadsheetml.sheet") if jenis == "rekap"
                      else ("sertifikat.zip", "application/zip"))
        self.set_header("Content-Type", tipe)
        self.set_header("Content-Disposition", f'attachment; filename="{nama}"')
        self.set_header("Cache-Control", "no-store")
        self.finish(isi)


class HasilHandler(_AdminHandler):
    async def get(self, nip: str) -> None:
        self.izinkan(nip)  # a participant: only their own NIP
        self.kirim(await self.operasi(lambda op: op.hasil(nip)))


class BerkasHandler(_AdminHandler):
    async def get(self, nip: str, jenis: str) -> None:
        self.izinkan(nip)
        if jenis not in JENIS_BERKAS:
            raise web.HTTPError(404, f"berkas '{jenis}.pdf' tidak dikenal")
        isi = await self.operasi(lambda op: op.berkas(nip, jenis))
        self.set_header("Content-Type", "application/pdf")
        self.set_header("Content-Disposition", f'attachment; filename="{jenis}-{nip}.pdf"')
        self.set_header("Cache-Control", "no-store")
        self.finish(isi)


HALAMAN = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifikasi Sertifikat</title><style>
body {{ font-family: system-ui, sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; }}
.asli {{ border-left: 6px solid #1b7f3b; background: #eef8f0; padding: .8em 1em; }}
.palsu {{ border-left: 6px solid #cc0000; background: #fdeeee; padding: .8em 1em; }}
input {{ font: inherit; padding: .3em; width: 18em; }} button {{ font: inherit; }}
</style></head><body><h1>Verifikasi Sertifikat</h1>
<form method="get"><label>Kode sertifikat: <input name="kode" value="{kode}"
placeholder="SNV-XXXX-XXXX-XXXX-XXXX"></label> <button type="submit">Periksa</button></form>
{hasil}</body></html>"""


class VerifikasiHandler(Handler):
    """Public: no login needed to check a certificate code (on a hub serving several classes:
    in the class named, else in every served class)."""

    TANPA_KELAS = True

    async def prepare(self) -> None:
        self.pengguna, self.peran = "", None
        self.pilih_kelas()

    def _cari(self, kode: str) -> Any:
        from sinovda.store.admin import DataAdmin

        semua = [self.lokasi] if self.kelas or not self.stores.banyak else [
            self.stores.lokasi(k) for k in self.stores.kelas]
        for lokasi in semua:
            s = DataAdmin(lokasi).verifikasi(kode)
            if s is not None:
                return s
        return None

    async def get(self) -> None:
        from sinovda.domain.sertifikat import tanggal_indonesia

        kode = self.get_argument("kode", "").strip()[:80]
        hasil = ""
        if kode:
            try:
                s = await asyncio.to_thread(self._cari, kode)
            except InputTidakValid as e:
                s, hasil = None, f'<p class="palsu">{html.escape(str(e))}</p>'
            if s is not None:
                hasil = (f'<p class="asli"><b>ASLI.</b> Sertifikat {html.escape(s.kode)} '
                         f"diterbitkan untuk <b>{html.escape(s.nama)}</b> (NIP "
                         f"{html.escape(s.nip)}), kelas <b>{html.escape(s.kelas)}</b>, tanggal "
                         f"{html.escape(tanggal_indonesia(s.tanggal))}.</p>")
            elif not hasil:
                hasil = (f'<p class="palsu"><b>TIDAK ASLI.</b> Kode {html.escape(kode)} tidak '
                         "pernah diterbitkan oleh kelas ini.</p>")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(HALAMAN.format(kode=html.escape(kode), hasil=hasil))


def rute() -> Rute:
    """The routes this module adds to the store service."""
    seg = r"([^/]+)"
    return [
        ("/admin/ringkas", RingkasHandler),
        ("/admin/roster", RosterHandler),
        ("/admin/fasilitator", FasilitatorHandler),
        (f"/admin/fasilitator/{seg}", FasilitatorHandler),
        (f"/admin/kode/{seg}", KodeHandler),
        ("/admin/kode-baru", KodeSemuaHandler),
        (f"/admin/buka-kunci/{seg}", BukaKunciHandler),
        (f"/admin/modul/{seg}", ModulHandler),
        ("/admin/rilis", RilisHandler),
        ("/admin/setelan", SetelanHandler),
        ("/admin/laporan", LaporanHandler),
        ("/admin/unduh/(sertifikat|rekap)", UnduhKelasHandler),
        (f"/hasil/{seg}", HasilHandler),
        (f"/hasil/{seg}/(laporan|sertifikat)\\.pdf", BerkasHandler),
        ("/verifikasi", VerifikasiHandler),
    ]

