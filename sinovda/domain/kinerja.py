"""Performance achievement (capaian), yearly totals from quarters, predikat and SAKIP grade.

Formulas (percent):
- positif: realisasi / target x 100
- negatif: (2 x target - realisasi) / target x 100
- a negative target (e.g. a growth of -2 %) keeps the order, so a worse result never scores above
  a better one: positif 100 + (realisasi - target) / |target| x 100, negatif
  100 - (realisasi - target) / |target| x 100. For a positive target these are exactly the two
  formulas above (ranah), for a negative one the plain ratio would invert the result.
- a range target (bawah, atas), ranah: inside the range (bounds included) = 100; above ``atas``
  the formula against ``atas``, below ``bawah`` the formula against ``bawah``. The formula is the
  polaritas' one; for polaritas "rentang" going over the range is worse (negatif against
  ``atas``) and staying under it is worse (positif against ``bawah``). A positif/negatif
  indicator may have a range target ("88-90") as well.
Then the cap (``batas_atas``) and floor (``batas_bawah``) of the settings, then rounding.
A target of 0 follows ``AturanCapaian.target_nol``; it never raises ZeroDivisionError.

A year is "sementara" (partial) while quarters are missing: a position indicator until TW IV is
reported, a cumulative one until all four are (``sementara``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain.angka import baca_rentang, format_angka, ke_angka
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
    if polaritas not in POLARITAS:
        raise InputTidakValid(
            f"polaritas '{polaritas}' tidak dikenal (pilih: {', '.join(POLARITAS)})"
        )
    if isinstance(target, str):
        rentang = baca_rentang(target)
        if rentang is not None:
            target = rentang
    if isinstance(target, list | tuple) and len(target) == 2:
        lo, hi = _angka(target[0], "batas bawah target"), _angka(target[1], "batas atas target")
        if lo > hi:
            raise InputTidakValid(
                f"batas bawah target ({format_angka(lo)}) lebih besar dari batas atas "
                f"({format_angka(hi)})"
            )
        return lo, hi
    if polaritas == "rentang":
        raise InputTidakValid(
            f"target rentang harus dua angka (bawah, atas), bukan '{target}'"
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
    if target < 0:
        return (100 + (realisasi - target) / abs(target) * 100,
                f"target negatif: 100 + (realisasi - target) / |target| x 100 = 100 + "
                f"({f(realisasi)} - ({f(target)})) / {f(abs(target))} x 100")
    rumus = f"realisasi / target x 100 = {f(realisasi)} / {f(target)} x 100"
    return realisasi / target * 100, rumus


def _negatif(target: float, realisasi: float, aturan: AturanCapaian) -> tuple[float | None, str]:
    if target == 0:
        return _target_nol(realisasi, False, aturan)
    f = format_angka
    if target < 0:
        return (100 - (realisasi - target) / abs(target) * 100,
                f"target negatif: 100 - (realisasi - target) / |target| x 100 = 100 - "
                f"({f(realisasi)} - ({f(target)})) / {f(abs(target))} x 100")
    return ((2 * target - realisasi) / target * 100,
            f"(2 x target - realisasi) / target x 100 = (2 x {f(target)} - {f(realisasi)})"
            f" / {f(target)} x 100")


_NAMA_RUMUS = {_positif: "positif", _negatif: "negatif"}


def hitung_capaian(target: Any, realisasi: Any, polaritas: str,
                   pengaturan: AturanCapaian | Any) -> HasilCapaian:
    """Capaian with its formula; ``pengaturan``: ``AturanCapaian`` or the whole ``Pengaturan``.

    ``target``: a number, or (bawah, atas) (required for polaritas "rentang", allowed for the
    others; the text "88-90" is read as a range). Raises InputTidakValid for a non-numeric
    target/realisasi or an unknown polaritas.
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
            rumus_atas = _positif if polaritas == "positif" else _negatif
            mentah, rumus = rumus_atas(hi, r, aturan)
            rumus = (f"di atas batas atas rentang, rumus {_NAMA_RUMUS[rumus_atas]} terhadap "
                     f"batas atas: {rumus}")
        else:
            rumus_bawah = _negatif if polaritas == "negatif" else _positif
            mentah, rumus = rumus_bawah(lo, r, aturan)
            rumus = (f"di bawah batas bawah rentang, rumus {_NAMA_RUMUS[rumus_bawah]} terhadap "
                     f"batas bawah: {rumus}")
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


TRIWULAN = ("I", "II", "III", "IV")


def triwulan_dilaporkan(tw: Sequence[Any]) -> list[int]:
    """The quarters (1-4) with a reported value (a number, or text that reads as one)."""
    return [i for i, x in enumerate(list(tw)[:4], 1) if ke_angka(x) is not None]


def sementara(tw: Sequence[Any], agregasi: str) -> bool:
    """True while the year's figure is partial: a position indicator without TW IV, a cumulative
    one with any quarter missing. False when nothing is reported (there is no figure at all)."""
    ada = triwulan_dilaporkan(tw)
    if not ada:
        return False
    return 4 not in ada if agregasi == "posisi" else len(ada) < 4


def keterangan_sementara(tw: Sequence[Any]) -> str:
    """'sementara: baru TW I, II yang dilaporkan; tahun belum selesai' for a partial year."""
    ada = ", ".join(TRIWULAN[i - 1] for i in triwulan_dilaporkan(tw))
    return f"sementara: baru TW {ada} yang dilaporkan; tahun belum selesai"


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
