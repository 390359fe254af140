"""``RemoteStore``: the class store's API over HTTP, talking to the hub's store service.

Used inside a participant's or facilitator's Jupyter server under JupyterHub: the server's OS user
cannot open the class DB, so answers travel through the store service with the user's own API
token, and the service allows each participant only their own NIP.

The service decides the role and ``oleh`` of every write from the token; ``peran``/``oleh``
given here are ignored. Errors map back to the same exceptions ``Store`` raises: 403 ->
``AksesDitolak``, 409 -> ``BerubahDiTempatLain``, 413 -> ``BatasTerlampaui``, 507 ->
``GagalPenyimpanan``, other 4xx -> ``InputTidakValid``.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sinovda.domain import akses
from sinovda.domain.akses import Batas
from sinovda.domain.errors import (
    AksesDitolak,
    BatasTerlampaui,
    BerubahDiTempatLain,
    GagalPenyimpanan,
    InputTidakValid,
    SinovdaError,
)
from sinovda.domain.peserta import Peserta

ENV_URL = "SINOVDA_STORE_URL"
ENV_TOKEN = "JUPYTERHUB_API_TOKEN"
ENV_KELAS = "SINOVDA_STORE_KELAS"
"""The class a hub serving several classes bound this server to (a participant's)."""
_POLA_KUNCI = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}\Z")  # \Z: "$" lets a final newline in


def berkas_kelas() -> Path:
    """Where a facilitator's class chooser keeps the chosen class (``~/.sinovda/kelas_hub``)."""
    return Path.home() / ".sinovda" / "kelas_hub"


def kelas_aktif() -> str | None:
    """The class this server's requests name: ``$SINOVDA_STORE_KELAS`` (set by the hub for a
    participant), else the facilitator's last choice (``berkas_kelas()``), else None (a hub
    serving one class needs none). The service checks membership whatever is sent."""
    kunci = os.environ.get(ENV_KELAS, "").strip()
    if not kunci:
        try:
            kunci = berkas_kelas().read_text(encoding="utf-8").strip()
        except OSError:
            return None
    return kunci if _POLA_KUNCI.match(kunci) else None


def simpan_kelas_aktif(kunci: str) -> None:
    """Remember the facilitator's chosen class (the dashboard, Admin Kelas and Penilaian pages
    of this server then all work on it)."""
    if not _POLA_KUNCI.match(kunci):
        raise InputTidakValid(f"kunci kelas {kunci[:40]!r} tidak sah")
    berkas = berkas_kelas()
    berkas.parent.mkdir(parents=True, exist_ok=True)
    tmp = berkas.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(kunci, encoding="utf-8")
    tmp.replace(berkas)


def dengan_kelas(jalur: str, kelas: str | None) -> str:
    """``jalur`` with ``?kelas=KEY`` when a class is named."""
    if not kelas:
        return jalur
    return jalur + ("&" if "?" in jalur else "?") + "kelas=" + quote(kelas, safe="")

__all__ = ["AksesDitolak", "RemoteStore"]  # AksesDitolak lives in domain.errors; kept here too

_GALAT_STATUS: dict[int, type[SinovdaError]] = {
    401: AksesDitolak,
    403: AksesDitolak,
    409: BerubahDiTempatLain,
    413: BatasTerlampaui,
    507: GagalPenyimpanan,
    503: GagalPenyimpanan,
}


class RemoteStore:
    """Same methods as ``sinovda.store.Store`` for answers and participants, over HTTP."""

    def __init__(self, url: str, token: str, timeout: float = 30,
                 kelas: str | None = None) -> None:
        self.url = url.rstrip("/") + "/api"
        self.token = token
        self.timeout = timeout
        self.kelas = kelas  # named on every request to a hub serving several classes
        self._batas: Batas | None = None

    @property
    def batas(self) -> Batas:
        """The size limits of ``modul/pengaturan.yaml`` (the service checks them again)."""
        if self._batas is None:
            from sinovda.data.settings import load_batas

            self._batas = load_batas()
        return self._batas

    @classmethod
    def dari_env(cls) -> RemoteStore:
        """Build from ``$SINOVDA_STORE_URL``, ``$JUPYTERHUB_API_TOKEN`` and the active class
        (``kelas_aktif()``)."""
        url = os.environ.get(ENV_URL, "").strip()
        token = os.environ.get(ENV_TOKEN, "").strip()
        if not url or not token:
            raise SinovdaError(f"{ENV_URL} dan {ENV_TOKEN} harus diisi untuk penyimpanan hub")
        return cls(url, token, kelas=kelas_aktif())

    def _request(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        req = urllib.request.Request(
            self.url + dengan_kelas(path, self.kelas),
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            try:
                pesan = json.loads(e.read()).get("pesan") or e.reason
            except (ValueError, AttributeError):
                pesan = e.reason
            if e.code == 404:
                return None
            if e.code >= 500 and e.code not in _GALAT_STATUS:
                raise GagalPenyimpanan(
                    f"layanan penyimpanan kelas mengalami galat (kode {e.code}); jawaban yang "
                    "sudah tersimpan tetap aman; minta fasilitator memeriksa log hub"
                ) from None
            jenis = _GALAT_STATUS.get(e.code, InputTidakValid)
            if jenis is AksesDitolak:
                raise AksesDitolak(f"akses ditolak: {pesan}") from None
            raise jenis(str(pesan)) from None
        except (urllib.error.URLError, OSError) as e:
            sebab = getattr(e, "reason", e)
            teks = ("waktu tunggu habis" if isinstance(sebab, TimeoutError)
                    else "sambungan ditolak" if isinstance(sebab, ConnectionRefusedError)
                    else "jaringan tidak tersambung")
            raise GagalPenyimpanan(
                f"layanan penyimpanan kelas tidak dapat dihubungi ({teks}); jawaban ini belum "
                "tersimpan, coba lagi sebentar lagi atau minta fasilitator memeriksa hub"
            ) from None

    @staticmethod
    def _k(*parts: str) -> str:
        return "".join("/" + quote(str(p), safe="") for p in parts)

    def saya(self) -> dict[str, Any]:
        """Who the token belongs to: ``{"nama": ..., "peran": "peserta"|"fasilitator"}``; a hub
        serving several classes adds ``"kelas": [{"kunci", "nama"}]`` (theirs, newest first)."""
        return self._request("GET", "/saya")

    def kelas_info(self) -> dict[str, Any]:
        return self._request("GET", "/kelas")

    def daftar_peserta(self) -> list[Peserta]:
        """Facilitators: the roster; a participant: only themselves."""
        return [Peserta(**p) for p in self._request("GET", "/peserta")]

    def get_peserta(self, nip: str) -> Peserta | None:
        try:
            data = self._request("GET", "/peserta" + self._k(nip))
        except AksesDitolak:
            return None
        return Peserta(**data) if data else None

    def upsert_peserta(self, rows: list[Peserta]) -> tuple[int, int]:
        raise SinovdaError(
            "roster kelas hub diubah fasilitator di server: sinovda peserta impor"
        )

    def save(self, nip: str, modul: str, field: str, value: Any, *, oleh: str | None = None,
             harap_revisi: int | None = None, peran: str = "peserta") -> int:
        """Save through the service (which decides peran/oleh from the token)."""
        try:
            teks = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError):
            raise InputTidakValid(
                f"jawaban '{modul}.{field}' tidak dapat disimpan: nilainya bukan JSON"
            ) from None
        # the service enforces the limit; checking here too spares sending a huge value
        akses.periksa_ukuran(self.batas, modul, field, len(teks.encode("utf-8")))
        body: dict[str, Any] = {"value": value}
        if harap_revisi is not None:
            body["harap_revisi"] = int(harap_revisi)
        return self._request("PUT", "/jawaban" + self._k(nip, modul, field), body)["revisi"]

    def load(self, nip: str, modul: str, field: str, default: Any = None) -> Any:
        return self.load_dengan_revisi(nip, modul, field, default)[0]

    def load_dengan_revisi(self, nip: str, modul: str, field: str,
                           default: Any = None) -> tuple[Any, int]:
        data = self._request("GET", "/jawaban" + self._k(nip, modul, field))
        if data and data.get("ada"):
            return data["value"], int(data.get("revisi") or 0)
        return default, 0

    def load_modul(self, nip: str, modul: str) -> dict[str, Any]:
        return self._request("GET", "/jawaban" + self._k(nip, modul)) or {}

    def load_all(self, nip: str) -> dict[str, dict[str, Any]]:
        return self._request("GET", "/jawaban" + self._k(nip)) or {}

    def load_all_peserta(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Facilitators only: every participant's answers."""
        return self._request("GET", "/semua") or {}

    def history(self, nip: str, modul: str, field: str) -> list[Any]:
        from sinovda.store import Revisi

        rows = self._request("GET", "/riwayat" + self._k(nip, modul, field)) or []
        return [Revisi(**r) for r in rows]

    def restore(self, nip: str, modul: str, field: str, revisi_id: int, *,
                oleh: str | None = None, harap_revisi: int | None = None,
                peran: str = "peserta") -> int:
        path = "/pulihkan" + self._k(nip, modul, field)
        body: dict[str, Any] = {"revisi": int(revisi_id)}
        if harap_revisi is not None:
            body["harap_revisi"] = int(harap_revisi)
        return self._request("POST", path, body)["revisi"]

    def last_activity(self) -> dict[str, str]:
        return self._request("GET", "/aktivitas") or {}

    def export_workbook(self, nip: str) -> dict[str, Any]:
        return self._request("GET", "/ekspor" + self._k(nip))

    # --- tests: scored by the store service (sinovda.hub.layanan_tes -> sinovda.store.tes) ---
    def kirim_tes(self, nip: str, tes: str, jawaban: dict[str, Any]) -> dict[str, Any]:
        """Submit a test; the service checks, locks and scores it (``HasilTes`` as JSON)."""
        return self._request("POST", "/tes" + self._k(nip, tes), {"jawaban": jawaban})

    def hasil_tes(self, nip: str, tes: str) -> dict[str, Any]:
        """What this participant may see of the test now (``HasilTes`` as JSON)."""
        return self._request("GET", "/tes" + self._k(nip, tes))

    def koreksi_kelas(self, tes: str) -> dict[str, dict[str, bool]]:
        """Facilitators: ``{nip: {soal_id: benar?}}`` of the test (item statistics)."""
        return self._request("GET", "/tes-kelas" + self._k(tes)) or {}

    def import_workbook(self, data: Any, overwrite: bool = False, *, peserta_baru: bool = False,
                        peran: str = "peserta") -> Any:
        raise SinovdaError("impor buku kerja ke kelas hub dilakukan fasilitator: sinovda impor")
