"""Performance achievement (capaian), yearly totals from quarters, predikat and SAKIP grade.

Formulas (percent):
- positif: realisasi / target x 100
- negatif: (2 x target - realisasi) / target x 100
- rentang (bawah, atas): inside the range (bounds included) = 100; above ``atas`` the negatif
  formula against ``atas`` (going over the range is worse); below ``bawah`` the positif formula
  against ``bawah``.
Then the cap (``batas_atas``) and floor (``batas_bawah``) of the settings, then rounding.
A target of 0 follows ``AturanCapaian.target_nol``; it never raises ZeroDivisionError.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain.angka import format_angka, ke_angka
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.pengaturan import AturanCapaian, Jenjang, SkalaJenjang

POLARITAS = {
    "positif": "Positif (makin tinggi makin baik)",
    "negatif": "Negatif (makin rendah makin baik)",
    "rentang": "Rentang (target berupa rentang bawah-atas)",
}
AGREGASI = {
    "kumulatif": "Kumulatif (realisasi tahunan = jumlah triwulan)",
    "posisi": "Posisi (realisasi tahunan = triwulan terakhir yang dilaporkan)",
}


@dataclass(frozen=True)
class HasilCapaian:
    """Capaian with how it was obtained: ``nilai`` None means it cannot be computed."""

    nilai: float | None
    mentah: float | None  # before cap/floor and rounding
    dibatasi: bool
    rumus: str  # the formula applied, in words with the numbers


def _angka(x: Any, apa: str) -> float:
    n = ke_angka(x)
    if n is None:
        raise InputTidakValid(f"{apa} '{x}' bukan angka")
    return n


def _target(target: Any, polaritas: str) -> float | tuple[float, float]:
    if polaritas == "rentang":
        if not isinstance(target, list | tuple) or len(target) != 2:
            raise InputTidakValid(
                f"target rentang harus dua angka (bawah, atas), bukan '{target}'"
            )
        lo, hi = _angka(target[0], "batas bawah target"), _angka(target[1], "batas atas target")
        if lo > hi:
            raise InputTidakValid(
                f"batas bawah target ({lo:g}) lebih besar dari batas atas ({hi:g})"
            )
        return lo, hi
    if polaritas not in POLARITAS:
        raise InputTidakValid(
            f"polaritas '{polaritas}' tidak dikenal (pilih: {', '.join(POLARITAS)})"
        )
    return _angka(target, "target")


def _target_nol(realisasi: float, lebih_baik_bila_naik: bool,
                aturan: AturanCapaian) -> tuple[float | None, str]:
    if aturan.target_nol == "tidak_dapat_dihitung":
        return None, "target 0: capaian tidak dapat dihitung (aturan pengaturan)"
    if realisasi == 0:
        return aturan.nol_sama, "target 0 dan realisasi 0: dianggap tercapai"
    lebih_baik = (realisasi > 0) == lebih_baik_bila_naik
    if lebih_baik:
        return aturan.nol_lebih_baik, "target 0, realisasi lebih baik dari target"
    return aturan.nol_lebih_buruk, "target 0, realisasi lebih buruk dari target"


def _positif(target: float, realisasi: float, aturan: AturanCapaian) -> tuple[float | None, str]:
    if target == 0:
        return _target_nol(realisasi, True, aturan)
    f = format_angka
    rumus = f"realisasi / target x 100 = {f(realisasi)} / {f(target)} x 100"
    return realisasi / target * 100, rumus


def _negatif(target: float, realisasi: float, aturan: AturanCapaian) -> tuple[float | None, str]:
    if target == 0:
        return _target_nol(realisasi, False, aturan)
    f = format_angka
    return ((2 * target - realisasi) / target * 100,
            f"(2 x target - realisasi) / target x 100 = (2 x {f(target)} - {f(realisasi)})"
            f" / {f(target)} x 100")


def hitung_capaian(target: Any, realisasi: Any, polaritas: str,
                   pengaturan: AturanCapaian | Any) -> HasilCapaian:
    """Capaian with its formula; ``pengaturan``: ``AturanCapaian`` or the whole ``Pengaturan``.

    ``target``: a number, or (bawah, atas) for polaritas "rentang". Raises InputTidakValid for a
    non-numeric target/realisasi or an unknown polaritas.
    """
    aturan: AturanCapaian = getattr(pengaturan, "capaian", pengaturan)
    t = _target(target, polaritas)
    r = _angka(realisasi, "realisasi")
    mentah: float | None
    if isinstance(t, tuple):
        lo, hi = t
        if lo <= r <= hi:
            mentah, rumus = 100.0, (f"realisasi {format_angka(r)} di dalam rentang "
                                    f"{format_angka(lo)}-{format_angka(hi)}: 100")
        elif r > hi:
            mentah, rumus = _negatif(hi, r, aturan)
            rumus = f"di atas batas atas rentang, rumus negatif terhadap batas atas: {rumus}"
        else:
            mentah, rumus = _positif(lo, r, aturan)
            rumus = f"di bawah batas bawah rentang, rumus positif terhadap batas bawah: {rumus}"
    elif polaritas == "negatif":
        mentah, rumus = _negatif(t, r, aturan)
    else:
        mentah, rumus = _positif(t, r, aturan)
    if mentah is None:
        return HasilCapaian(None, None, False, rumus)
    nilai = mentah
    if aturan.batas_atas is not None and nilai > aturan.batas_atas:
        nilai = aturan.batas_atas
        rumus += f"; dibatasi {format_angka(aturan.batas_atas)}"
    if aturan.batas_bawah is not None and nilai < aturan.batas_bawah:
        nilai = aturan.batas_bawah
        rumus += f"; dinaikkan ke batas bawah {format_angka(aturan.batas_bawah)}"
    return HasilCapaian(round(nilai, aturan.desimal), mentah, nilai != mentah, rumus)


def capaian(target: Any, realisasi: Any, polaritas: str,
            pengaturan: AturanCapaian | Any) -> float | None:
    """Capaian in percent (capped and rounded per settings), or None if it cannot be computed."""
    return hitung_capaian(target, realisasi, polaritas, pengaturan).nilai


def realisasi_tahunan(tw: Sequence[Any], agregasi: str) -> float | None:
    """The year's realisasi from up to four quarters; None quarters (not reported) are skipped.

    kumulatif: the sum of reported quarters; posisi: the last reported quarter. None when no
    quarter is reported. A non-numeric quarter raises InputTidakValid naming TW I..IV.
    """
    if agregasi not in AGREGASI:
        raise InputTidakValid(f"agregasi '{agregasi}' tidak dikenal (pilih: kumulatif, posisi)")
    if len(tw) > 4:
        raise InputTidakValid(f"realisasi triwulan paling banyak 4, bukan {len(tw)}")
    nilai = []
    for i, x in enumerate(tw):
        if x is None or (isinstance(x, str) and not x.strip()):
            continue
        n = ke_angka(x)
        if n is None:
            raise InputTidakValid(f"realisasi TW {'I II III IV'.split()[i]} '{x}' bukan angka")
        nilai.append(n)
    if not nilai:
        return None
    return sum(nilai) if agregasi == "kumulatif" else nilai[-1]


def predikat(capaian: float | None, skala: SkalaJenjang | Any) -> Jenjang | None:
    """The predikat band of a capaian (``skala``: the scale or the whole ``Pengaturan``).

    With the default scale: > 90 Sangat Tinggi (so 90.5 is Sangat Tinggi, 90 is Tinggi; above
    100 stays Sangat Tinggi), > 75 Tinggi, > 65 Sedang, > 50 Rendah, otherwise Sangat Rendah.
    None when capaian is None.
    """
    if capaian is None:
        return None
    s: SkalaJenjang = getattr(skala, "predikat", skala)
    return s.cari(float(capaian))


def nilai_sakip(komponen: dict[str, Any], pengaturan: Any) -> tuple[float, Jenjang]:
    """SAKIP total (sum of component scores, each 0..its weight) and its grade (AA..D).

    ``komponen``: ``{kode: score}`` for every component in the settings; ``pengaturan``: the
    ``AturanSakip`` or the whole ``Pengaturan``.
    """
    aturan = getattr(pengaturan, "sakip", pengaturan)
    total = 0.0
    for k in aturan.komponen:
        if k.kode not in komponen:
            raise InputTidakValid(f"nilai komponen SAKIP '{k.label}' belum diisi")
        x = _angka(komponen[k.kode], f"nilai komponen SAKIP '{k.label}'")
        if not 0 <= x <= k.bobot:
            raise InputTidakValid(
                f"nilai komponen SAKIP '{k.label}' {format_angka(x)} "
                f"harus 0-{format_angka(k.bobot)}"
            )
        total += x
    total = round(total, 2)
    return total, aturan.skala.cari(total)


def predikat_sakip(nilai: float, pengaturan: Any) -> Jenjang:
    """The SAKIP grade (AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D) of a total 0-100."""
    aturan = getattr(pengaturan, "sakip", pengaturan)
    x = _angka(nilai, "nilai SAKIP")
    if not 0 <= x <= 100:
        raise InputTidakValid(f"nilai SAKIP {format_angka(x)} harus 0-100")
    return aturan.skala.cari(x)
