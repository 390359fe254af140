"""Module 03 as people see it: each indicator's fields in words and its SMART checks.

``lihat_indikator(jawaban) -> list[BarisIndikator]`` (or ``indikator_dari(rows)`` for the rows
on screen): module 03's live check, the report, module 06's summary and the dashboard give the
same verdict for the same row, including range targets ("88-90").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain import indikator as di
from sinovda.domain.angka import angka_tampil, tulis_target
from sinovda.view.jawaban import Jawaban, baris, teks


@dataclass(frozen=True)
class Cek:
    """One SMART check: letter, its name, passed or not, what was checked or what to do."""

    kode: str
    aspek: str
    nama_aspek: str
    lolos: bool
    pesan: str


@dataclass(frozen=True)
class BarisIndikator:
    """One indicator row as shown: fields as text and its SMART checks."""

    nomor: int
    kode: str
    nama: str
    level: str  # label ("Outcome") or as typed, '-' when empty
    satuan: str
    polaritas: str
    baseline: str
    target: str  # every year: '2027: 85; 2028: 88-90', '-' when none
    sumber_data: str
    penanggung_jawab: str
    cek: tuple[Cek, ...]

    @property
    def judul(self) -> str:
        """What to call the row: its name, else its code, else 'Indikator <n>'."""
        return self.nama or self.kode or f"Indikator {self.nomor}"

    @property
    def gagal(self) -> tuple[Cek, ...]:
        return tuple(c for c in self.cek if not c.lolos)

    @property
    def lolos(self) -> int:
        return sum(1 for c in self.cek if c.lolos)

    @property
    def jumlah(self) -> int:
        return len(self.cek)

    @property
    def persen_smart(self) -> float:
        """Share of SMART checks passed, 0-100 (the report prints it as lolos/jumlah)."""
        return 100 * self.lolos / self.jumlah if self.jumlah else 0.0

    @property
    def memenuhi_smart(self) -> bool:
        return not self.gagal

    @property
    def vonis(self) -> str:
        """The SMART verdict in words: 'memenuhi semua pemeriksaan SMART' or '7/10 ...'."""
        if self.memenuhi_smart:
            return "memenuhi semua pemeriksaan SMART"
        return f"{self.lolos}/{self.jumlah} pemeriksaan SMART terpenuhi"


def teks_target(target: Any) -> str:
    """Every year's target as text: ``{"2027": 85, "2028": [88, 90]}`` ->
    '2027: 85; 2028: 88-90'."""
    if isinstance(target, Mapping):
        bagian = [f"{th}: {tulis_target(v) or '-'}".strip() for th, v in sorted(target.items())]
        return "; ".join(bagian) or "-"
    return tulis_target(target) or "-"


def _baris(nomor: int, row: Mapping[str, Any]) -> BarisIndikator:
    ind = di.Indikator.from_dict(row)
    cek = tuple(Cek(c.kode, c.aspek, c.nama_aspek, c.lolos, c.pesan) for c in di.cek_smart(ind))
    b = ind.baseline
    baseline = angka_tampil(b) if isinstance(b, float) else ("-" if b is None else str(b))
    return BarisIndikator(
        nomor=nomor, kode=ind.kode, nama=ind.nama,
        level=di.LEVEL.get(ind.level, ind.level) or "-", satuan=ind.satuan or "-",
        polaritas=ind.polaritas, baseline=baseline, target=teks_target(row.get("target")),
        sumber_data=ind.sumber_data or "-", penanggung_jawab=ind.penanggung_jawab or "-",
        cek=cek)


def indikator_dari(rows: Sequence[Any]) -> list[BarisIndikator]:
    """The rows given (stored or on screen), skipping non-records and rows with neither kode
    nor nama; numbered in order of entry."""
    hasil = []
    for nomor, row in enumerate(rows, 1):
        if isinstance(row, Mapping) and (teks(row.get("kode")) or teks(row.get("nama"))):
            hasil.append(_baris(nomor, row))
    return hasil


def gagal_baris(row: Any) -> tuple[Cek, ...]:
    """The failed SMART checks of one row (stored or on screen); a row with neither kode nor
    nama (not listed by ``indikator_dari``) fails what an empty indicator fails."""
    hasil = indikator_dari([row]) if isinstance(row, Mapping) else []
    return hasil[0].gagal if hasil else _baris(1, {}).gagal


def lihat_indikator(jawaban: Jawaban) -> list[BarisIndikator]:
    """Module 03's view of the stored ``indikator.indikator``."""
    return indikator_dari(baris(jawaban, "indikator", "indikator"))
