"""Module 04 as people see it: each coded indicator's year, target, quarterly realisasi, yearly
figure, capaian, predikat (with its colour), the formula in words and the partial-year mark.

``lihat_kinerja(jawaban, pengaturan=None) -> ViewKinerja`` reads ``indikator.indikator`` and
``monev.realisasi``; module 04's form, the report, the recap, the dashboard and module 06's
summary all show these rows, so a realisasi saved without ``tahun`` (the first target year is
used) or a partial year ("sementara") reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain.angka import tulis_target
from sinovda.domain.indikator import Indikator, kinerja_indikator
from sinovda.view.jawaban import Jawaban, ambil, baris, pengaturan_atau_muat, teks

# Colours from best to worst predikat when the settings give none (labels/order: settings).
PALET = ("#1b5e20", "#7cb342", "#f9a825", "#ef6c00", "#c62828", "#6d0000")
CARA = {"kumulatif": "kumulatif (jumlah triwulan)", "posisi": "posisi (triwulan terakhir)"}


@dataclass(frozen=True)
class BarisKinerja:
    """One indicator's monitoring result for its year."""

    kode: str
    nama: str
    satuan: str
    polaritas: str
    agregasi: str
    tahun: str
    target: float | tuple[float, float] | None
    tw: tuple[Any, ...]
    realisasi: float | None
    capaian: float | None
    predikat: str | None
    warna: str | None
    catatan: str = ""  # why capaian is missing, in words ('' when computed)
    rumus: str = ""
    sementara: bool = False  # quarters still missing: the year is not over
    keterangan_sementara: str = ""

    @property
    def label(self) -> str:
        return f"{self.kode} {self.nama}".strip()

    @property
    def target_teks(self) -> str:
        """The target as text (the one target formatter): '85', '88-90', '-' when none."""
        return tulis_target(self.target) or "-"

    @property
    def predikat_teks(self) -> str:
        """'Rendah (sementara)' for a partial year, 'Tinggi', or why it cannot be computed."""
        if self.predikat is None:
            return self.catatan or "tidak dapat dihitung"
        return f"{self.predikat} (sementara)" if self.sementara else self.predikat

    @property
    def dilaporkan(self) -> bool:
        """True when at least one quarter is reported (the row has a yearly figure)."""
        return self.realisasi is not None


@dataclass(frozen=True)
class ViewKinerja:
    """Every coded indicator of module 03 with its result (module 04 lists them all)."""

    baris: tuple[BarisKinerja, ...] = ()
    batas_atas: float | None = None  # the settings' cap on capaian, drawn on the chart

    @property
    def dilaporkan(self) -> tuple[BarisKinerja, ...]:
        """The indicators with a reported realisasi (the report's table and the chart)."""
        return tuple(b for b in self.baris if b.dilaporkan)

    @property
    def perlu_analisis(self) -> tuple[BarisKinerja, ...]:
        """Reported indicators below 100% (or not computable): the gaps to analyse."""
        return tuple(b for b in self.dilaporkan if b.capaian is None or b.capaian < 100)

    @property
    def ada_sementara(self) -> bool:
        return any(b.sementara for b in self.dilaporkan)

    def data_grafik(self) -> list[dict[str, Any]]:
        """Rows for ``charts.capaian_bar`` (label, capaian, predikat, warna)."""
        return [{"label": b.label, "capaian": b.capaian, "predikat": b.predikat_teks
                 if b.predikat else None, "warna": b.warna} for b in self.dilaporkan]


def analisis_lengkap(rows: Any) -> set[str]:
    """Codes of the indicators whose gap analysis (``monev.analisis`` rows, stored or on
    screen) has both the gap and the corrective action written."""
    if not isinstance(rows, list):
        return set()
    return {teks(r.get("indikator")) for r in rows if isinstance(r, Mapping)
            and teks(r.get("kesenjangan")) and teks(r.get("tindakan"))}


def belum_dianalisis(v: ViewKinerja, rows: Any) -> tuple[BarisKinerja, ...]:
    """The indicators below target (``perlu_analisis``) without a complete analysis yet."""
    ada = analisis_lengkap(rows)
    return tuple(b for b in v.perlu_analisis if b.kode not in ada)


def indikator_berkode(rows: Any) -> list[dict[str, Any]]:
    """Module 03's indicators that have a code (the key realisasi is stored under)."""
    if not isinstance(rows, list):
        return []
    return [dict(r) for r in rows if isinstance(r, Mapping) and teks(r.get("kode"))]


def tahun_opsi(row: Mapping[str, Any]) -> list[str]:
    """The years this indicator has a target for (sorted); empty when none."""
    target = row.get("target")
    return sorted(str(t) for t in target) if isinstance(target, Mapping) else []


def _warna(jenjang: Any, pengaturan: Any) -> str:
    """The predikat's colour from the settings, else one by its rank in the scale."""
    warna = getattr(jenjang, "warna", "")
    if warna:
        return str(warna)
    label = [j.label for j in getattr(getattr(pengaturan, "predikat", None), "jenjang", ())]
    teks_ = getattr(jenjang, "label", jenjang)
    i = label.index(teks_) if teks_ in label else len(PALET) - 1
    return PALET[min(i, len(PALET) - 1)]


def baris_kinerja(row: Mapping[str, Any], realisasi: Any, pengaturan: Any = None) -> BarisKinerja:
    """One indicator's result from its stored row and its stored ``{"tahun", "tw"}``."""
    p = pengaturan_atau_muat(pengaturan)
    ind = Indikator.from_dict(row)
    k = kinerja_indikator(ind, realisasi if isinstance(realisasi, Mapping) else None, p)
    nilai = k.capaian.nilai if k.capaian is not None else None
    jenjang = k.predikat
    return BarisKinerja(
        kode=ind.kode, nama=ind.nama, satuan=ind.satuan, polaritas=ind.polaritas,
        agregasi=ind.agregasi, tahun=k.tahun, target=k.target, tw=k.tw, realisasi=k.realisasi,
        capaian=None if nilai is None else float(nilai),
        predikat=None if jenjang is None else str(jenjang.label),
        warna=None if jenjang is None else _warna(jenjang, p),
        catatan=k.pesan, rumus=k.capaian.rumus if k.capaian is not None else "",
        sementara=k.sementara, keterangan_sementara=k.keterangan_sementara)


def kinerja_dari(indikator: Sequence[Mapping[str, Any]], realisasi: Any,
                 pengaturan: Any = None) -> ViewKinerja:
    """The view of these indicator rows with this stored ``monev.realisasi`` value (the form
    calls it with the values on screen, the report with the stored ones)."""
    p = pengaturan_atau_muat(pengaturan)
    real = realisasi if isinstance(realisasi, Mapping) else {}
    rows = tuple(baris_kinerja(r, real.get(teks(r.get("kode"))), p)
                 for r in indikator_berkode(list(indikator)))
    return ViewKinerja(rows, getattr(getattr(p, "capaian", None), "batas_atas", None))


def lihat_kinerja(jawaban: Jawaban, pengaturan: Any = None) -> ViewKinerja:
    """Module 04's view of the stored answers."""
    return kinerja_dari(baris(jawaban, "indikator", "indikator"),
                        ambil(jawaban, "monev", "realisasi", {}), pengaturan)
