"""Rencana aksi rows (seed 002 columns + milestones), completeness, and links to the issues,
the innovation and the indicators.

A link holds when the cell names its target: the same text, or one contains the other
(ignoring case and spaces, at least 4 characters); an indicator is also named by its kode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from sinovda.domain.errors import InputTidakValid

KOLOM = {
    "permasalahan": "Permasalahan",
    "inovasi": "Inovasi yang Direncanakan",
    "opd": "OPD Penanggung Jawab",
    "target_waktu": "Target Waktu",
    "indikator_keberhasilan": "Indikator Keberhasilan",
    "jangka_pendek": "Tonggak jangka pendek",
    "jangka_menengah": "Tonggak jangka menengah",
    "jangka_panjang": "Tonggak jangka panjang",
}
PANJANG_MIN = 4


@dataclass(frozen=True)
class BarisRencanaAksi:
    permasalahan: str = ""
    inovasi: str = ""
    opd: str = ""
    target_waktu: str = ""
    indikator_keberhasilan: str = ""
    jangka_pendek: str = ""
    jangka_menengah: str = ""
    jangka_panjang: str = ""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> BarisRencanaAksi:
        if not isinstance(d, Mapping):
            raise InputTidakValid(f"baris rencana aksi harus berupa isian bernama, bukan '{d}'")
        return cls(**{k: "" if d.get(k) is None else str(d.get(k)).strip() for k in KOLOM})

    def to_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def kosong(self) -> bool:
        return not any(self.to_dict().values())

    def kolom_kosong(self) -> list[str]:
        """Labels of the empty columns."""
        return [label for k, label in KOLOM.items() if not getattr(self, k)]


def daftar_baris(rows: Iterable[Mapping[str, Any]] | None) -> list[BarisRencanaAksi]:
    """The stored rows as objects, skipping completely empty rows."""
    hasil = [BarisRencanaAksi.from_dict(r) for r in rows or []]
    return [b for b in hasil if not b.kosong]


def kelengkapan(rows: Iterable[Mapping[str, Any]] | None) -> float:
    """Share of filled cells over the non-empty rows, 0..1 (0 when there is no row)."""
    baris = daftar_baris(rows)
    if not baris:
        return 0.0
    terisi = sum(len(KOLOM) - len(b.kolom_kosong()) for b in baris)
    return terisi / (len(KOLOM) * len(baris))


def cek_kelengkapan(rows: Iterable[Mapping[str, Any]] | None) -> list[str]:
    """Empty columns per row, in words, e.g. "Baris 2: Target Waktu belum diisi"."""
    baris = daftar_baris(rows)
    if not baris:
        return ["Rencana aksi belum berisi baris"]
    return [f"Baris {i}: {', '.join(b.kolom_kosong())} belum diisi"
            for i, b in enumerate(baris, start=1) if b.kolom_kosong()]


def _norm(teks: Any) -> str:
    return re.sub(r"\s+", " ", str(teks or "")).strip(" .,;:'\"").casefold()


def menyebut(sel: str, sasaran: str) -> bool:
    """Whether ``sel`` names ``sasaran``: equal, or one contains the other (>= 4 characters)."""
    a, b = _norm(sel), _norm(sasaran)
    if not a or not b:
        return False
    if a == b:
        return True
    return (len(b) >= PANJANG_MIN and b in a) or (len(a) >= PANJANG_MIN and a in b)


def _menyebut_kode(sel: str, kode: str) -> bool:
    k = _norm(kode)
    return bool(k) and re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", _norm(sel)) is not None


@dataclass(frozen=True)
class TautanPutus:
    baris: int  # 1-based row among the non-empty rows; 0 for the module-level check
    kolom: str
    pesan: str


@dataclass(frozen=True)
class HasilTautan:
    jumlah_cek: int
    putus: tuple[TautanPutus, ...]
    jumlah_baris: int = 0  # non-empty plan rows checked

    @property
    def skor(self) -> float:
        """Share of links that hold, 0..1.

        0 when there is no plan row: the one module-level check (the core issue is one of the
        issues) alone never makes a plan "fully linked".
        """
        if not self.jumlah_cek or not self.jumlah_baris:
            return 0.0
        return (self.jumlah_cek - len(self.putus)) / self.jumlah_cek


def periksa_tautan(rows: Iterable[Mapping[str, Any]] | None, masalah: Mapping[str, Any] | None,
                   inovasi: Mapping[str, Any] | None,
                   indikator: Iterable[Mapping[str, Any]] | None) -> HasilTautan:
    """Check problem -> innovation -> indicator links.

    ``masalah``: the module's answers (``isu`` rows, ``isu_inti``, ``akar_masalah``);
    ``inovasi``: the stored ``inovasi`` dict (its ``nama``); ``indikator``: the stored rows.
    Checks: the core issue is one of the issues; per row, Permasalahan names an issue (or the
    core issue / root cause), Inovasi names the innovation, Indikator Keberhasilan names an
    indicator by kode or nama.
    """
    masalah = masalah or {}
    judul = [str(r.get("judul") or "") for r in masalah.get("isu") or [] if isinstance(r, Mapping)]
    judul = [j for j in judul if j.strip()]
    isu_inti = str(masalah.get("isu_inti") or "").strip()
    sasaran_masalah = judul + [isu_inti, str(masalah.get("akar_masalah") or "")]
    nama_inovasi = str((inovasi or {}).get("nama") or "").strip()
    ind = [r for r in indikator or [] if isinstance(r, Mapping)]
    putus: list[TautanPutus] = []
    jumlah = 1
    if not isu_inti:
        putus.append(TautanPutus(0, "isu_inti", "Isu inti belum dipilih"))
    elif not any(menyebut(isu_inti, j) for j in judul):
        putus.append(TautanPutus(0, "isu_inti",
                                 f"Isu inti '{isu_inti}' tidak ada di daftar isu"))
    baris = daftar_baris(rows)
    for i, b in enumerate(baris, start=1):
        jumlah += 3
        if not b.permasalahan:
            putus.append(TautanPutus(i, "permasalahan", f"Baris {i}: Permasalahan belum diisi"))
        elif not any(menyebut(b.permasalahan, s) for s in sasaran_masalah):
            putus.append(TautanPutus(
                i, "permasalahan",
                f"Baris {i}: Permasalahan '{b.permasalahan}' tidak sesuai dengan isu mana pun "
                "di modul Identifikasi Masalah"))
        if not b.inovasi:
            putus.append(TautanPutus(i, "inovasi", f"Baris {i}: Inovasi belum diisi"))
        elif not nama_inovasi:
            putus.append(TautanPutus(i, "inovasi",
                                     f"Baris {i}: nama inovasi di modul Rancangan Inovasi "
                                     "belum diisi"))
        elif not menyebut(b.inovasi, nama_inovasi):
            putus.append(TautanPutus(
                i, "inovasi",
                f"Baris {i}: Inovasi '{b.inovasi}' berbeda dengan inovasi yang dirancang "
                f"('{nama_inovasi}')"))
        sel = b.indikator_keberhasilan
        if not sel:
            putus.append(TautanPutus(i, "indikator_keberhasilan",
                                     f"Baris {i}: Indikator Keberhasilan belum diisi"))
        elif not ind:
            putus.append(TautanPutus(i, "indikator_keberhasilan",
                                     f"Baris {i}: belum ada indikator di modul Indikator untuk "
                                     "dikaitkan"))
        elif not any(_menyebut_kode(sel, r.get("kode") or "") or
                     menyebut(sel, r.get("nama") or "") for r in ind):
            putus.append(TautanPutus(
                i, "indikator_keberhasilan",
                f"Baris {i}: Indikator Keberhasilan '{sel}' tidak menyebut kode atau nama "
                "indikator mana pun di modul Indikator"))
    return HasilTautan(jumlah, tuple(putus), len(baris))


def cek_tautan(rows: Iterable[Mapping[str, Any]] | None, masalah: Mapping[str, Any] | None,
               inovasi: Mapping[str, Any] | None,
               indikator: Iterable[Mapping[str, Any]] | None) -> list[str]:
    """The broken links in words (empty list = every link holds); see ``periksa_tautan``."""
    return [t.pesan for t in periksa_tautan(rows, masalah, inovasi, indikator).putus]
