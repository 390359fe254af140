"""Performance indicators (``indikator.indikator`` rows) and the SMART checks a program can make."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sinovda.domain.angka import baca_rentang, format_angka, ke_angka
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.kinerja import (
    AGREGASI,
    POLARITAS,
    HasilCapaian,
    hitung_capaian,
    keterangan_sementara,
    predikat,
    realisasi_tahunan,
    sementara,
)
from sinovda.domain.pengaturan import Jenjang

LEVEL = {"output": "Output", "outcome": "Outcome", "dampak": "Dampak"}
ASPEK_SMART = {
    "S": "Spesifik (Specific)",
    "M": "Terukur (Measurable)",
    "A": "Dapat dicapai (Achievable)",
    "R": "Relevan (Relevant)",
    "T": "Berbatas waktu (Time-bound)",
}
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


def _teks(x: Any) -> str:
    return "" if x is None else str(x).strip()


def _nilai(x: Any) -> Any:
    """A number when ``x`` reads as one, (low, high) for a pair or a range text ("88-90"),
    otherwise ``x`` as given."""
    if isinstance(x, list | tuple) and len(x) == 2:
        lo, hi = ke_angka(x[0]), ke_angka(x[1])
        return (lo, hi) if lo is not None and hi is not None else tuple(x)
    if isinstance(x, str) and not x.strip():
        return None
    try:
        rentang = baca_rentang(x)
    except InputTidakValid:  # upside down: kept as typed, the SMART check explains it
        rentang = None
    if rentang is not None:
        return rentang
    n = ke_angka(x)
    return n if n is not None else x


@dataclass(frozen=True)
class Indikator:
    """One indicator as in the answer-field contract; values are kept as typed when not numbers,
    so that ``cek_smart`` can explain what is wrong instead of failing."""

    kode: str = ""
    nama: str = ""
    level: str = ""
    satuan: str = ""
    polaritas: str = "positif"
    baseline: Any = None
    target: dict[str, Any] = field(default_factory=dict)
    sumber_data: str = ""
    penanggung_jawab: str = ""
    agregasi: str = "posisi"
    iku: str = ""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Indikator:
        """From a stored row; missing keys take the defaults; never raises for odd values."""
        if not isinstance(d, Mapping):
            raise InputTidakValid(f"baris indikator harus berupa isian bernama, bukan '{d}'")
        target = d.get("target") or {}
        if not isinstance(target, Mapping):
            target = {"": target}
        return cls(
            kode=_teks(d.get("kode")),
            nama=_teks(d.get("nama")),
            level=_teks(d.get("level")).lower(),
            satuan=_teks(d.get("satuan")),
            polaritas=_teks(d.get("polaritas")).lower() or "positif",
            baseline=_nilai(d.get("baseline")),
            target={_teks(k): _nilai(v) for k, v in target.items()},
            sumber_data=_teks(d.get("sumber_data")),
            penanggung_jawab=_teks(d.get("penanggung_jawab")),
            agregasi=_teks(d.get("agregasi")).lower() or "posisi",
            iku=_teks(d.get("iku")),
        )

    def to_dict(self) -> dict[str, Any]:
        """The stored row (target pairs as ``[low, high]`` lists)."""
        return {
            "kode": self.kode, "nama": self.nama, "level": self.level, "satuan": self.satuan,
            "polaritas": self.polaritas, "baseline": self.baseline,
            "target": {k: list(v) if isinstance(v, tuple) else v for k, v in self.target.items()},
            "sumber_data": self.sumber_data, "penanggung_jawab": self.penanggung_jawab,
            "agregasi": self.agregasi, "iku": self.iku,
        }

    def target_tahun(self, tahun: str | int) -> float | tuple[float, float] | None:
        """The target of ``tahun`` when it is a number (or a pair for rentang), else None."""
        v = self.target.get(str(tahun))
        if isinstance(v, float) or (isinstance(v, tuple) and all(isinstance(x, float) for x in v)):
            return v
        return None

    @property
    def label(self) -> str:
        return f"{self.kode} {self.nama}".strip() or "(indikator tanpa nama)"


@dataclass(frozen=True)
class CekSmart:
    """One SMART check: which letter it supports, passed or not, and what to do if not."""

    kode: str
    aspek: str  # "S", "M", "A", "R" or "T"
    lolos: bool
    pesan: str  # what was checked (passed) or what to do (failed)

    @property
    def nama_aspek(self) -> str:
        return ASPEK_SMART[self.aspek]


def _tahun_sah(k: str) -> bool:
    return k.isdigit() and len(k) == 4 and TAHUN_MIN <= int(k) <= TAHUN_MAKS


def _cek_target(ind: Indikator) -> CekSmart:
    if not ind.target:
        return CekSmart("target_angka", "M", False,
                        "Target belum diisi: tulis target tahunan berupa angka, misalnya 85")
    for tahun, v in sorted(ind.target.items()):
        nama = f"Target {tahun}".strip()
        rentang = isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, float) for x in v)
        if rentang and v[0] > v[1]:
            return CekSmart("target_angka", "M", False,
                            f"{nama}: batas bawah {format_angka(v[0])} lebih besar dari "
                            f"batas atas {format_angka(v[1])}")
        if ind.polaritas == "rentang":
            if not rentang:
                return CekSmart("target_angka", "M", False,
                                f"{nama} harus rentang dua angka (bawah dan atas), misalnya 80-85")
        elif not (rentang or isinstance(v, float)):
            isi = "kosong" if v is None else f"'{v}' bukan angka"
            return CekSmart("target_angka", "M", False,
                            f"{nama} {isi}: tulis angka atau rentang, misalnya 85 atau 80-85")
    return CekSmart("target_angka", "M", True, "Target berupa angka")


def _cek_tahun(ind: Indikator) -> CekSmart:
    salah = [k for k in ind.target if not _tahun_sah(k)]
    if not ind.target:
        return CekSmart("tahun", "T", False,
                        "Target belum bertahun: tulis target untuk tahun tertentu, misalnya 2027")
    if salah:
        return CekSmart("tahun", "T", False,
                        f"Target '{salah[0]}' tidak menyebut tahun: tulis tahunnya, misalnya 2027")
    return CekSmart("tahun", "T", True,
                    f"Target berbatas waktu: tahun {', '.join(sorted(ind.target))}")


def cek_smart(ind: Indikator) -> list[CekSmart]:
    """Every check a program can decide, in a fixed order, each passed or explained."""
    def isi(kode: str, aspek: str, ada: bool, ok: str, kurang: str) -> CekSmart:
        return CekSmart(kode, aspek, ada, ok if ada else kurang)

    baseline = ind.baseline
    if isinstance(baseline, float):
        cek_baseline = CekSmart("baseline", "A", True,
                                f"Baseline ada ({format_angka(baseline)})")
    elif baseline is None:
        cek_baseline = CekSmart("baseline", "A", False,
                                "Baseline belum diisi: tulis kondisi awal berupa angka, "
                                "misalnya capaian tahun lalu")
    else:
        cek_baseline = CekSmart("baseline", "A", False,
                                f"Baseline '{baseline}' bukan angka: tulis angka, misalnya 70")
    return [
        isi("nama", "S", bool(ind.nama), "Nama indikator diisi",
            "Nama indikator belum diisi: tulis apa yang diukur, misalnya "
            "'Rata-rata waktu penerbitan izin'"),
        isi("level", "R", ind.level in LEVEL, f"Level: {LEVEL.get(ind.level, '')}",
            "Level belum dipilih: pilih output, outcome, atau dampak"
            if not ind.level else
            f"Level '{ind.level}' tidak dikenal: pilih output, outcome, atau dampak"),
        isi("satuan", "M", bool(ind.satuan), f"Satuan: {ind.satuan}",
            "Satuan belum diisi: tulis satuannya, misalnya persen, hari, atau dokumen"),
        isi("polaritas", "M", ind.polaritas in POLARITAS, "Polaritas dipilih",
            f"Polaritas '{ind.polaritas}' tidak dikenal: pilih positif, negatif, atau rentang"),
        _cek_target(ind),
        cek_baseline,
        isi("sumber_data", "M", bool(ind.sumber_data), f"Sumber data: {ind.sumber_data}",
            "Sumber data belum disebut: tulis dari mana angka diperoleh, misalnya "
            "'laporan aplikasi perizinan'"),
        isi("penanggung_jawab", "A", bool(ind.penanggung_jawab),
            f"Penanggung jawab: {ind.penanggung_jawab}",
            "Penanggung jawab belum disebut: tulis unit yang bertanggung jawab, misalnya "
            "'Bidang Pelayanan'"),
        isi("agregasi", "M", ind.agregasi in AGREGASI, "Cara menghitung realisasi tahunan dipilih",
            f"Agregasi '{ind.agregasi}' tidak dikenal: pilih kumulatif atau posisi"),
        _cek_tahun(ind),
    ]


def skor_smart(ind: Indikator) -> float:
    """Share of SMART checks passed, 0..1."""
    hasil = cek_smart(ind)
    return sum(c.lolos for c in hasil) / len(hasil)


def daftar_indikator(rows: Any) -> list[Indikator]:
    """Indicators from the stored list, skipping rows with neither kode nor nama."""
    if not rows:
        return []
    hasil = []
    for nomor, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise InputTidakValid(f"indikator ke-{nomor} harus berupa isian bernama")
        ind = Indikator.from_dict(row)
        if ind.kode or ind.nama:
            hasil.append(ind)
    return hasil


@dataclass(frozen=True)
class KinerjaIndikator:
    """One indicator's year: realisasi from its quarters, capaian, predikat, or why not."""

    indikator: Indikator
    tahun: str
    target: float | tuple[float, float] | None
    realisasi: float | None
    capaian: HasilCapaian | None
    predikat: Jenjang | None
    pesan: str  # empty when capaian was computed; otherwise why not, in words (no label)
    tw: tuple[Any, ...] = (None, None, None, None)  # the quarters as stored
    sementara: bool = False  # quarters still missing: the year is not over

    @property
    def keterangan_sementara(self) -> str:
        """'sementara: baru TW I, II yang dilaporkan; tahun belum selesai', or ''."""
        return keterangan_sementara(self.tw) if self.sementara else ""


def kinerja_indikator(ind: Indikator, realisasi: Mapping[str, Any] | None,
                      pengaturan: Any) -> KinerjaIndikator:
    """Capaian of ``ind`` from the stored ``{"tahun": "2027", "tw": [..4]}``; never raises for
    missing or unusable data (the ``pesan`` says what is missing). ``pengaturan``: the whole
    ``Pengaturan`` (capaian rule and predikat scale)."""
    realisasi = realisasi if isinstance(realisasi, Mapping) else {}
    # no year saved: the first target year, the same default as module 04's year choice
    tahun = _teks(realisasi.get("tahun")) or (sorted(ind.target)[0] if ind.target else "")
    target = ind.target_tahun(tahun)
    mentah = realisasi.get("tw")
    tw_list = list(mentah)[:4] if isinstance(mentah, list | tuple) else []
    tw = tuple(tw_list + [None] * (4 - len(tw_list)))
    parsial = ind.agregasi in AGREGASI and sementara(tw, ind.agregasi)

    def tanpa(pesan: str, r: float | None = None) -> KinerjaIndikator:
        return KinerjaIndikator(ind, tahun, target, r, None, None, pesan, tw,
                                parsial and r is not None)

    try:
        r = realisasi_tahunan(list(tw), ind.agregasi)
    except InputTidakValid as e:
        return tanpa(str(e))
    if r is None:
        return tanpa(f"realisasi tahun {tahun or '-'} belum dilaporkan")
    if target is None:
        if ind.target.get(tahun) is None:
            return tanpa(f"target tahun {tahun or '-'} belum diisi di modul 03", r)
        return tanpa(f"target tahun {tahun} '{ind.target[tahun]}' belum berupa angka", r)
    try:
        h = hitung_capaian(target, r, ind.polaritas, pengaturan)
    except InputTidakValid as e:
        return tanpa(str(e), r)
    if h.nilai is None:
        return KinerjaIndikator(ind, tahun, target, r, h, None, h.rumus, tw, parsial)
    return KinerjaIndikator(ind, tahun, target, r, h, predikat(h.nilai, pengaturan), "", tw,
                            parsial)
