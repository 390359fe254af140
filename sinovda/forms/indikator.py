"""Module 03 Penetapan indikator: indicator rows with a live SMART check in words.

``tampilkan()`` shows it for the active participant; ``FormIndikator(store, nip)`` builds it
(parts: ``.indikator`` (rows), ``.umpan_smart`` (the live SMART check), ``.tahun`` (target years)).
A number typed as text shows "harus angka" and the last good value stays saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from sinovda.data.iku import KOLOM_IKU, load_iku
from sinovda.domain import indikator as di
from sinovda.domain import kinerja as dk
from sinovda.forms import halaman
from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import PanelHTML, esc, html, kotak, tabel
from sinovda.forms.widgets import DaftarBaris
from sinovda.view.indikator import indikator_dari

MODUL = "indikator"


def contoh_iku() -> list[dict[str, str]]:
    """The IKU examples offered in this module (``datasets/iku_contoh.csv``)."""
    return load_iku()


def pilihan_enum() -> dict[str, list[tuple[str, str]]]:
    """Dropdown choices (label, code) for level, polaritas, agregasi: the domain's codes."""
    return {"level": [(v, k) for k, v in di.LEVEL.items()],
            "polaritas": [(v, k) for k, v in dk.POLARITAS.items()],
            "agregasi": [(v, k) for k, v in dk.AGREGASI.items()]}


def tahun_target(hari_ini: dt.date | None = None) -> list[str]:
    """The target years offered: next year and the two after."""
    awal = (hari_ini or dt.date.today()).year + 1
    return [str(awal + i) for i in range(3)]


def kolom_indikator(tahun: list[str], iku: list[str]) -> list[Kolom]:
    """One indicator row; one target input per year."""
    e = pilihan_enum()
    return [
        Kolom("kode", "Kode", bantuan="mis. IKU-1"),
        Kolom("nama", "Nama indikator", bantuan="mis. Indeks kepuasan masyarakat"),
        Kolom("level", "Level", "pilihan", pilihan=e["level"]),
        Kolom("satuan", "Satuan", bantuan="mis. persen, hari, indeks"),
        Kolom("polaritas", "Polaritas", "pilihan", pilihan=e["polaritas"]),
        Kolom("baseline", "Baseline (kondisi awal)", "angka", bantuan="angka, mis. 78,5"),
        *[Kolom(f"target.{t}", f"Target {t}", "target", bantuan="angka atau rentang 80-85")
          for t in tahun],
        Kolom("agregasi", "Cara hitung tahunan", "pilihan", pilihan=e["agregasi"]),
        Kolom("sumber_data", "Sumber data", bantuan="mis. Survei Kepuasan Masyarakat"),
        Kolom("penanggung_jawab", "Penanggung jawab", bantuan="mis. Bidang Pelayanan"),
        Kolom("iku", "IKU terkait", "kombo", pilihan=iku,
              bantuan="pilih dari contoh IKU atau ketik sendiri"),
    ]


class FormIndikator:
    """Every part of module 03 for one participant, bound to the store."""

    def __init__(self, store: Any, nip: str) -> None:
        self.store, self.nip = store, nip
        self.tahun = tahun_target()
        iku = contoh_iku()
        self.indikator = DaftarBaris(
            store, nip, MODUL, "indikator",
            kolom_indikator(self.tahun, [r.get(KOLOM_IKU[1], "") for r in iku]),
            label_tambah="Tambah indikator", label_baris="Indikator", isi_baru=self._baris_baru)
        self.umpan_smart = PanelHTML(self._html_smart, self.indikator)
        self.widget = w.VBox([
            halaman.kepala(store, nip),
            halaman.bagian(
                "Indikator kinerja inovasi", self.indikator.widget, self.umpan_smart.widget,
                keterangan="Tetapkan indikator output, outcome, atau dampak. Pemeriksaan SMART "
                           "di bawah langsung diperbarui setiap kali Anda mengubah isian."),
            halaman.bagian("Contoh IKU perangkat daerah",
                           html(tabel(KOLOM_IKU, [[r.get(k, "") for k in KOLOM_IKU]
                                                    for r in iku])),
                           keterangan="Kaitkan indikator Anda dengan IKU OPD (kolom "
                                      "<b>IKU terkait</b>)."),
        ])

    def _baris_baru(self) -> dict[str, Any]:
        return {"kode": f"IND-{len(self.indikator.baris) + 1}"}

    def _html_smart(self) -> str:
        rows = self.indikator.nilai
        if not rows:
            return kotak("Belum ada indikator. Klik <b>Tambah indikator</b>.", "info")
        bagian = []
        for b in indikator_dari(rows):  # the view: the same verdict as the report
            if b.memenuhi_smart:
                bagian.append(kotak(f"<b>{b.nomor}. {esc(b.judul)}</b>: {esc(b.vonis)}.", "ok"))
            else:
                butir = "".join(f"<li><b>{esc(c.nama_aspek)}</b>: {esc(c.pesan)}</li>"
                                for c in b.gagal)
                bagian.append(kotak(f"<b>{b.nomor}. {esc(b.judul)}</b>: perlu dilengkapi"
                                    f"<ul>{butir}</ul>", "peringatan"))
        return "".join(bagian)


def tampilkan() -> FormIndikator | None:
    """Show module 03 for the active participant (or say to open module 00 first)."""
    return halaman.buka(FormIndikator)


def cek(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The failed SMART checks of one stored row as (aspek, what to do), from the view."""
    from sinovda.view.indikator import gagal_baris

    return [(c.nama_aspek, c.pesan) for c in gagal_baris(row)]
