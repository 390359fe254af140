"""Module 02 as people see it: the innovation record with labels for its codes, the PP 38/2017
criteria checklist, and the broken links of the action plan.

``lihat_inovasi(jawaban) -> ViewInovasi``: module 02's form, module 06's summary, the report and
the dashboard name an innovation's codes the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sinovda.domain import inovasi as di
from sinovda.view.jawaban import Jawaban, baris, rekaman, teks

ATRIBUT = (("bentuk", "Bentuk"), ("jenis", "Jenis"), ("inisiator", "Inisiator"),
           ("urusan", "Urusan"), ("tahapan", "Tahapan"))


@dataclass(frozen=True)
class KriteriaTercentang:
    kode: str
    label: str
    terpenuhi: bool


@dataclass(frozen=True)
class ViewInovasi:
    nama: str = ""
    label: dict[str, str] | None = None  # {"bentuk": "Pelayanan publik", ...} of filled codes
    cara_kerja: str = ""
    penerima_manfaat: str = ""
    kurang: tuple[str, ...] = ()  # what is missing or unknown in the record, in words
    kriteria: tuple[KriteriaTercentang, ...] | None = None  # None: the checklist is untouched
    kriteria_kurang: tuple[str, ...] = ()
    tautan_putus: tuple[str, ...] = ()  # broken links of the action plan, in words
    rencana_kurang: tuple[str, ...] = ()  # empty columns per plan row: "Baris 2: ... belum diisi"

    @property
    def ada(self) -> bool:
        return bool(self.nama)

    def rincian(self) -> list[tuple[str, str]]:
        """(label, value) rows of the record, '-' for empty fields."""
        label = self.label or {}
        return ([("Nama", self.nama or "-")]
                + [(judul, label.get(k, "-")) for k, judul in ATRIBUT]
                + [("Cara kerja", self.cara_kerja or "-"),
                   ("Penerima manfaat", self.penerima_manfaat or "-")])


def label_kode(data: Mapping[str, Any]) -> dict[str, str]:
    """Labels of the coded attributes that are filled (an unknown code is shown as given)."""
    return {k: str(di.label(k, teks(data.get(k)))) for k, _ in ATRIBUT if teks(data.get(k))}


def rencana_aksi(jawaban: Jawaban) -> list[Any]:
    """The stored ``inovasi.rencana_aksi`` rows as ``domain.rencana_aksi.BarisRencanaAksi``,
    numbered as module 02 numbers them: rows that are not records and empty rows skipped."""
    from sinovda.domain import rencana_aksi as dr

    return dr.daftar_baris(baris(jawaban, "inovasi", "rencana_aksi"))


def lihat_inovasi(jawaban: Jawaban) -> ViewInovasi:
    """Module 02's view of the stored ``inovasi.inovasi``, ``kriteria`` and ``rencana_aksi``."""
    data = rekaman(jawaban, "inovasi", "inovasi")
    centang = jawaban.get("inovasi", {}).get("kriteria") if isinstance(
        jawaban.get("inovasi"), Mapping) else None
    kriteria = None
    kriteria_kurang: tuple[str, ...] = ()
    if isinstance(centang, Mapping):
        kriteria = tuple(KriteriaTercentang(k.kode, k.label, bool(centang.get(k.kode)))
                         for k in di.KRITERIA)
        kriteria_kurang = tuple(di.cek_kriteria({k: bool(v) for k, v in centang.items()}))
    rows = baris(jawaban, "inovasi", "rencana_aksi")
    putus: tuple[str, ...] = ()
    kurang_rencana: tuple[str, ...] = ()
    if rows:
        from sinovda.domain import rencana_aksi as dr

        putus = tuple(dr.cek_tautan(rows, dict(jawaban.get("masalah") or {}), data,
                                    baris(jawaban, "indikator", "indikator")))
        kurang_rencana = tuple(dr.cek_kelengkapan(rows))
    return ViewInovasi(
        nama=teks(data.get("nama")), label=label_kode(data),
        cara_kerja=teks(data.get("cara_kerja")),
        penerima_manfaat=teks(data.get("penerima_manfaat")),
        kurang=tuple(di.cek_inovasi(data)), kriteria=kriteria, kriteria_kurang=kriteria_kurang,
        tautan_putus=putus, rencana_kurang=kurang_rencana)
