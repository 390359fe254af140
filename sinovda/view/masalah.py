"""Module 01 as people see it: issues through APKL, the USG ranking, the core issue, the fishbone
causes and the stakeholder map.

``lihat_masalah(jawaban, pengaturan=None) -> ViewMasalah``: module 01's form, the report, the
recap and the dashboard all rank with it, so only APKL-passing issues are ranked everywhere and
the default core issue is the top of that ranking everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sinovda.domain import masalah as dm
from sinovda.domain.angka import ke_angka
from sinovda.domain.errors import InputTidakValid
from sinovda.view.jawaban import Jawaban, ambil, baris, pengaturan_atau_muat, teks

ATURAN_SERI = dm.ATURAN_SERI


@dataclass(frozen=True)
class BarisIsu:
    """One issue with a title, in order of entry: APKL result and USG scores."""

    nomor: int
    judul: str
    lolos_apkl: bool
    kurang: tuple[str, ...]  # APKL criteria not met, e.g. ("Kelayakan",)
    u: int
    s: int
    g: int

    @property
    def total(self) -> int:
        return self.u + self.s + self.g


@dataclass(frozen=True)
class Peringkat:
    """One ranked (APKL-passing) issue: rank 1 is the top; ``alasan`` says why above the next."""

    peringkat: int
    judul: str
    u: int
    s: int
    g: int
    total: int
    alasan: str


@dataclass(frozen=True)
class BarisPemangku:
    nama: str
    pengaruh: float
    kepentingan: float
    kuadran: str
    saran: str


@dataclass(frozen=True)
class ViewMasalah:
    """Everything module 01 shows, computed once from the stored answers."""

    isu: tuple[BarisIsu, ...] = ()
    peringkat: tuple[Peringkat, ...] = ()  # only the issues that pass APKL
    isu_inti: str = ""  # the chosen core issue, else the top of the ranking
    isu_inti_dipilih: bool = False  # the participant chose it (else: the default)
    akar_masalah: str = ""
    sebab: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every category, in order
    sebab_tanpa_kategori: tuple[int, ...] = ()  # row numbers of causes without a category
    pemangku: tuple[BarisPemangku, ...] = ()
    galat: tuple[str, ...] = ()  # what could not be read, in Indonesian (names the row)

    @property
    def lolos(self) -> tuple[BarisIsu, ...]:
        return tuple(i for i in self.isu if i.lolos_apkl)

    @property
    def gugur(self) -> tuple[BarisIsu, ...]:
        return tuple(i for i in self.isu if not i.lolos_apkl)

    @property
    def puncak(self) -> str:
        """The top of the ranking ('' when nothing passes APKL)."""
        return self.peringkat[0].judul if self.peringkat else ""

    @property
    def sebab_terisi(self) -> dict[str, tuple[str, ...]]:
        """Only the categories that have causes."""
        return {k: v for k, v in self.sebab.items() if v}

    @property
    def kategori_kosong(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.sebab.items() if not v)

    @property
    def rincian_gugur(self) -> list[str]:
        """'<judul>: belum memenuhi Kelayakan' per issue that does not pass APKL."""
        return [f"{i.judul}: belum memenuhi {', '.join(i.kurang)}" for i in self.gugur]


def _isu(rows: list[dict[str, Any]], galat: list[str]) -> list[dm.Isu]:
    hasil = []
    for nomor, r in enumerate(rows, 1):
        if not teks(r.get("judul")):
            continue
        try:
            hasil.append(dm.Isu.from_dict(r, nomor))
        except InputTidakValid as e:
            galat.append(str(e))
    return hasil


def lihat_masalah(jawaban: Jawaban, pengaturan: Any = None) -> ViewMasalah:
    """Module 01's view of the stored answers (``masalah.isu``, ``isu_inti``, ``fishbone``,
    ``akar_masalah``, ``pemangku``). Never raises for bad rows: they are named in ``galat``."""
    p = pengaturan_atau_muat(pengaturan)
    galat: list[str] = []
    isu = _isu(baris(jawaban, "masalah", "isu"), galat)
    rows_isu = tuple(BarisIsu(n, i.judul, dm.lolos_apkl(i), tuple(dm.apkl_kurang(i)),
                              i.u, i.s, i.g) for n, i in enumerate(isu, 1))
    lolos, _ = dm.saring_apkl(isu)
    try:
        ranking = dm.ranking_usg(lolos, p)
    except InputTidakValid as e:
        galat.append(str(e))
        ranking = []
    peringkat = tuple(Peringkat(h.peringkat, h.judul, h.u, h.s, h.g, h.total, h.alasan)
                      for h in ranking)
    pilihan = teks(ambil(jawaban, "masalah", "isu_inti"))
    inti = pilihan or (peringkat[0].judul if peringkat else "")

    fishbone = baris(jawaban, "masalah", "fishbone")
    tanpa = tuple(n for n, r in enumerate(fishbone, 1)
                  if teks(r.get("sebab")) and not teks(r.get("kategori")))
    berkategori = [r for r in fishbone if teks(r.get("kategori"))]
    try:
        kelompok = dm.kelompok_fishbone(berkategori, p)
    except InputTidakValid as e:
        galat.append(str(e))
        kelompok = {k: [] for k in p.fishbone_kategori}
    pemangku: list[BarisPemangku] = []
    for r in baris(jawaban, "masalah", "pemangku"):
        nama = teks(r.get("nama"))
        if not nama:
            continue
        try:
            k = dm.kuadran(r.get("pengaruh"), r.get("kepentingan"), p, nama)
        except InputTidakValid as e:
            galat.append(str(e))
            continue
        pemangku.append(BarisPemangku(nama, ke_angka(r.get("pengaruh")) or 0.0,
                                      ke_angka(r.get("kepentingan")) or 0.0, k.label, k.saran))
    return ViewMasalah(
        isu=rows_isu, peringkat=peringkat, isu_inti=inti, isu_inti_dipilih=bool(pilihan),
        akar_masalah=teks(ambil(jawaban, "masalah", "akar_masalah")),
        sebab={k: tuple(v) for k, v in kelompok.items()}, sebab_tanpa_kategori=tanpa,
        pemangku=tuple(pemangku), galat=tuple(galat))
