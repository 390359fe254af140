"""The settings tree (scales, thresholds, labels) that domain rules take as arguments.

Built from ``modul/pengaturan.yaml`` by ``sinovda.data.settings.load_pengaturan``; nothing here
reads files. Every class is a frozen dataclass; sequences are tuples.
"""

from __future__ import annotations

from dataclasses import dataclass

from sinovda.domain.errors import InputTidakValid


@dataclass(frozen=True)
class Jenjang:
    """One band of a scale: values at or above ``minimal`` (or above it when not ``inklusif``).

    ``minimal`` None means "everything below the bands before it" (the lowest band).
    """

    label: str
    minimal: float | None
    inklusif: bool = True
    keterangan: str = ""
    warna: str = ""

    def memuat(self, nilai: float) -> bool:
        """Whether ``nilai`` reaches this band's lower bound."""
        if self.minimal is None:
            return True
        return nilai >= self.minimal if self.inklusif else nilai > self.minimal


@dataclass(frozen=True)
class SkalaJenjang:
    """An ordered scale, highest band first; the first band ``nilai`` reaches is its band."""

    nama: str
    jenjang: tuple[Jenjang, ...]

    def cari(self, nilai: float) -> Jenjang:
        """The band of ``nilai``; a value below every band raises InputTidakValid."""
        for j in self.jenjang:
            if j.memuat(nilai):
                return j
        raise InputTidakValid(f"nilai {nilai} berada di bawah semua jenjang skala {self.nama}")

    def aturan(self) -> str:
        """The scale in words, e.g. '> 90: Sangat Tinggi; > 75: Tinggi; ...'."""
        bagian = []
        for j in self.jenjang:
            if j.minimal is None:
                bagian.append(f"selebihnya: {j.label}")
            else:
                tanda = ">=" if j.inklusif else ">"
                bagian.append(f"{tanda} {_angka(j.minimal)}: {j.label}")
        return "; ".join(bagian)


def _angka(x: float) -> str:
    return f"{x:g}".replace(".", ",")


@dataclass(frozen=True)
class SkalaSkor:
    """An integer score range such as USG 1-5."""

    minimum: int = 1
    maksimum: int = 5


@dataclass(frozen=True)
class LabelKuadran:
    """A stakeholder quadrant: code (promoters...), label and the advice shown to the user."""

    kode: str
    label: str
    saran: str


@dataclass(frozen=True)
class AturanPemangku:
    """Stakeholder mapping: a score >= ``batas_tinggi`` counts as high."""

    batas_tinggi: float
    skala: SkalaSkor
    kuadran: tuple[LabelKuadran, ...]

    def label(self, kode: str) -> LabelKuadran:
        for k in self.kuadran:
            if k.kode == kode:
                return k
        raise InputTidakValid(f"kuadran '{kode}' tidak ada di pengaturan pemangku")


TARGET_NOL_ATURAN = ("nilai_tetap", "tidak_dapat_dihitung")


@dataclass(frozen=True)
class AturanCapaian:
    """How capaian is computed: caps, rounding and the rule for a target of 0.

    ``target_nol``: ``"nilai_tetap"`` gives ``nol_sama`` when realisasi equals 0,
    ``nol_lebih_baik`` when it is better than 0, ``nol_lebih_buruk`` when worse;
    ``"tidak_dapat_dihitung"`` gives None.
    """

    batas_atas: float | None = None
    batas_bawah: float | None = None
    desimal: int = 2
    target_nol: str = "tidak_dapat_dihitung"
    nol_sama: float = 100.0
    nol_lebih_baik: float = 100.0
    nol_lebih_buruk: float = 0.0


@dataclass(frozen=True)
class KomponenSakip:
    """One SAKIP evaluation component and its weight (PermenPANRB 88/2021)."""

    kode: str
    label: str
    bobot: float


@dataclass(frozen=True)
class AturanSakip:
    komponen: tuple[KomponenSakip, ...]
    skala: SkalaJenjang


@dataclass(frozen=True)
class AturanNGain:
    """N-gain categories and what is shown when the pre-test is already at the maximum."""

    skala: SkalaJenjang
    label_pre_maksimal: str
    desimal: int = 2


@dataclass(frozen=True)
class AmbangIID:
    """IID categories of one year, with whether the source was verified."""

    tahun: int
    terverifikasi: bool
    sumber: str
    skala: SkalaJenjang


@dataclass(frozen=True)
class AturanIID:
    tahun_berlaku: int
    ambang: tuple[AmbangIID, ...]

    def untuk_tahun(self, tahun: int | None = None) -> AmbangIID:
        """The thresholds of ``tahun`` (default: ``tahun_berlaku``)."""
        tahun = self.tahun_berlaku if tahun is None else int(tahun)
        for a in self.ambang:
            if a.tahun == tahun:
                return a
        ada = ", ".join(str(a.tahun) for a in self.ambang)
        raise InputTidakValid(f"ambang IID tahun {tahun} tidak ada di pengaturan (ada: {ada})")


@dataclass(frozen=True)
class Pengaturan:
    """Everything that differs between regions or years, as one frozen tree."""

    usg: SkalaSkor
    fishbone_kategori: tuple[str, ...]
    pemangku: AturanPemangku
    capaian: AturanCapaian
    predikat: SkalaJenjang
    sakip: AturanSakip
    ngain: AturanNGain
    iid: AturanIID
