"""Module 04 Monitoring dan evaluasi: quarterly realisasi, capaian, predikat, gap analysis.

``tampilkan()`` shows the module for the active participant; ``FormMonev(store, nip)`` builds
it. Tests use ``.realisasi`` (``.grup[kode].inputs["tw1".."tw4"|"tahun"]``), ``.hasil()``,
the panes ``.tabel_capaian``, ``.grafik_capaian``, ``.grafik_tren`` (with ``.pilih_tren``),
``.analisis`` (a row list) and ``.umpan_analisis``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from sinovda import charts
from sinovda.data.settings import load_pengaturan
from sinovda.forms import halaman
from sinovda.forms.kolom import Kolom, tulis_angka
from sinovda.forms.panel import Mentah, PanelGrafik, PanelHTML, daftar, esc, html, kotak, tabel
from sinovda.forms.widgets import DaftarBaris, KumpulanInput, Terikat
from sinovda.view.kinerja import (
    CARA,
    BarisKinerja,
    ViewKinerja,
    belum_dianalisis,
    indikator_berkode,
    kinerja_dari,
    tahun_opsi,
)

MODUL = "monev"
TW = ("tw1", "tw2", "tw3", "tw4")
NAMA_TW = ("TW I", "TW II", "TW III", "TW IV")


def kolom_realisasi(row: dict[str, Any], tahun_tersimpan: str | None = None) -> list[Kolom]:
    """Year (from the indicator's targets, plus a year already saved) and the four quarters."""
    opsi = tahun_opsi(row)
    if tahun_tersimpan and tahun_tersimpan not in opsi:
        opsi = sorted([*opsi, tahun_tersimpan])
    satuan = str(row.get("satuan") or "")
    kolom = [Kolom("tahun", "Tahun", "pilihan", pilihan=[(t, t) for t in opsi],
                   bawaan=opsi[0] if opsi else None)]
    kolom += [Kolom(k, n, "angka", bantuan=satuan) for k, n in zip(TW, NAMA_TW, strict=True)]
    return kolom


class FormRealisasi(Terikat):
    """The quarterly realisasi of every indicator, stored as one dict (answer ``realisasi``):
    ``{kode: {"tahun": "2027", "tw": [n|None, n|None, n|None, n|None]}}``.

    ``.grup[kode]`` holds one indicator's inputs (``.inputs``, ``.pesan``); values for indicators
    no longer listed in module 03 are kept.
    """

    def __init__(self, store: Any, nip: str, indikator: Sequence[dict[str, Any]]) -> None:
        super().__init__(store, nip, MODUL, "realisasi")
        awal = self._muat({})
        awal = awal if isinstance(awal, dict) else {}
        self.indikator = list(indikator)
        kode = [str(r["kode"]) for r in self.indikator]
        self._lain = {k: v for k, v in awal.items() if k not in kode}
        self.grup: dict[str, KumpulanInput] = {}
        kotak_grup = []
        for row in self.indikator:
            k = str(row["kode"])
            lama = awal.get(k)
            lama = lama if isinstance(lama, dict) else {}
            tw = list(lama.get("tw") or [])[:4]
            tw += [None] * (4 - len(tw))
            isi = {"tw1": tw[0], "tw2": tw[1], "tw3": tw[2], "tw4": tw[3]}
            if lama.get("tahun"):
                isi["tahun"] = str(lama["tahun"])
            kolom = kolom_realisasi(row, isi.get("tahun"))
            g = KumpulanInput(kolom, isi, self._setelah_ubah)
            self.grup[k] = g
            judul = (f"<b>{esc(k)}</b> {esc(row.get('nama', ''))} "
                     f"<small>({esc(row.get('satuan') or 'tanpa satuan')}; realisasi tahunan: "
                     f"{esc(CARA.get(str(row.get('agregasi')), 'posisi (triwulan terakhir)'))})"
                     "</small>")
            kotak_grup.append(w.VBox(
                [html(judul), w.Box(g.kotak(kolom), layout=w.Layout(flex_flow="row wrap"))],
                layout=w.Layout(border="1px solid #ccc", padding="0.3em 0.6em",
                                margin="0 0 0.5em 0")))
        self.widget = w.VBox([*kotak_grup, self.status])

    @property
    def nilai(self) -> dict[str, Any]:
        out = dict(self._lain)
        for k, g in self.grup.items():
            v = g.nilai
            out[k] = {"tahun": v.get("tahun"), "tw": [v.get(t) for t in TW]}
        return out

    def _ada_galat(self) -> bool:
        return any(g.ada_galat() for g in self.grup.values())


def kolom_analisis(indikator: Sequence[dict[str, Any]]) -> list[Kolom]:
    """One gap-analysis row: the indicator, the gap and the corrective action."""
    return [
        Kolom("indikator", "Indikator", "pilihan",
              pilihan=[(f"{r['kode']} {r.get('nama', '')}".strip(), str(r["kode"]))
                       for r in indikator]),
        Kolom("kesenjangan", "Kesenjangan dan penyebabnya", "teks_panjang",
              bantuan="mis. Realisasi TW III baru 60% dari target karena server sering mati"),
        Kolom("tindakan", "Tindakan perbaikan", "teks_panjang",
              bantuan="mis. Pindah ke server Diskominfo; pelatihan ulang petugas loket"),
    ]


class FormMonev:
    """Every part of module 04 for one participant, bound to the store."""

    def __init__(self, store: Any, nip: str) -> None:
        self.store, self.nip = store, nip
        self.pengaturan = load_pengaturan()
        self.indikator = indikator_berkode(store.load(nip, "indikator", "indikator", []))
        self.realisasi = FormRealisasi(store, nip, self.indikator)
        self.tabel_capaian = PanelHTML(self._html_capaian, self.realisasi)
        self.grafik_capaian = PanelGrafik(self._grafik_capaian, self.realisasi)
        self.pilih_tren = w.Dropdown(
            options=[(f"{r['kode']} {r.get('nama', '')}".strip(), str(r["kode"]))
                     for r in self.indikator],
            description="Indikator", layout=w.Layout(width="32em"))
        self.grafik_tren = PanelGrafik(self._grafik_tren, self.realisasi)
        self.pilih_tren.observe(lambda _c: self.grafik_tren.perbarui(), names="value")
        self.analisis = DaftarBaris(store, nip, MODUL, "analisis",
                                    kolom_analisis(self.indikator),
                                    label_tambah="Tambah analisis", label_baris="Analisis",
                                    isi_baru=self._analisis_baru)
        self.umpan_analisis = PanelHTML(self._html_analisis, self.realisasi, self.analisis)
        self.widget = self._tata()

    # --- results ------------------------------------------------------------------------
    def lihat(self) -> ViewKinerja:
        """The view of the values on screen (``sinovda.view.kinerja``, as the report reads)."""
        return kinerja_dari(self.indikator, self.realisasi.nilai, self.pengaturan)

    def hasil(self) -> list[BarisKinerja]:
        """Each indicator's yearly figure, capaian and predikat (the view's rows)."""
        return list(self.lihat().baris)

    def _html_capaian(self) -> str:
        hasil = self.hasil()
        baris = []
        for h in hasil:
            predikat: Any = h.catatan
            if h.predikat:
                predikat = Mentah(f"<span style='background:{esc(h.warna)};color:white;"
                                  f"padding:1px 6px;border-radius:3px'>{esc(h.predikat)}</span>"
                                  + (f"<br><small style='color:#8a4b00'><b>"
                                     f"{esc(h.keterangan_sementara)}</b></small>"
                                     if h.sementara else ""))
            baris.append((h.kode, h.nama, h.tahun, h.target_teks,
                           f"{tulis_angka(h.realisasi)} ({h.agregasi})"
                           if h.realisasi is not None else "-",
                           Mentah(f"{esc(tulis_angka(round(h.capaian, 2)))}%<br><small "
                                  f"style='color:#555'>{esc(h.rumus)}</small>")
                           if h.capaian is not None else "-", predikat))
        return tabel(["Kode", "Indikator", "Tahun", "Target", "Realisasi tahunan", "Capaian",
                      "Predikat"], baris)

    def _grafik_capaian(self) -> Any:
        v = self.lihat()
        rows = v.data_grafik()
        return charts.capaian_bar(rows, batas_atas=v.batas_atas) if rows else None

    def _grafik_tren(self) -> Any:
        kode = getattr(self, "pilih_tren", None) and self.pilih_tren.value
        for h in self.hasil():
            if h.kode == kode:
                return charts.tren(list(h.tw), h.target, agregasi=h.agregasi,
                                   judul=f"{h.label}: realisasi {h.tahun}", satuan=h.satuan)
        return None

    def _analisis_baru(self) -> dict[str, Any]:
        sudah = {r.get("indikator") for r in self.analisis.nilai}
        for h in self.lihat().perlu_analisis:
            if h.kode not in sudah:
                return {"indikator": h.kode}
        return {}

    def _html_analisis(self) -> str:
        v = self.lihat()
        perlu = v.perlu_analisis
        belum = belum_dianalisis(v, self.analisis.nilai)  # the view: a complete analysis
        if not perlu:
            return kotak("Belum ada indikator di bawah target. Tetap catat kendala yang Anda "
                         "temui bila ada.", "ok")
        if not belum:
            return kotak("Setiap indikator di bawah target sudah punya analisis kesenjangan dan "
                         "tindakan perbaikan.", "ok")
        return kotak("Indikator di bawah target yang belum dianalisis (isi kesenjangan dan "
                     "tindakannya):" + daftar(
                         f"{h.label}: capaian {tulis_angka(round(h.capaian, 2))}%"
                         if h.capaian is not None else f"{h.label}: {h.catatan}"
                         for h in belum), "peringatan")

    # --- layout -------------------------------------------------------------------------
    def _tata(self) -> w.Widget:
        kepala = halaman.kepala(self.store, self.nip)
        if not self.indikator:
            return w.VBox([kepala, html(kotak(
                "Belum ada indikator berkode. Isi indikator (dengan kode, target, dan cara "
                "agregasi) di modul 03 Indikator, lalu buka kembali modul ini.", "peringatan"))])
        return w.VBox([
            kepala,
            halaman.bagian("1. Realisasi per triwulan", self.realisasi.widget,
                           keterangan="Isi realisasi setiap triwulan. Kosongkan triwulan yang "
                                      "belum dilaporkan."),
            halaman.bagian("2. Capaian dan predikat", self.tabel_capaian.widget,
                           self.grafik_capaian.widget,
                           keterangan="Dihitung otomatis dari target di modul 03 dengan rumus "
                                      "sesuai polaritas indikator."),
            halaman.bagian("3. Tren triwulan", self.pilih_tren, self.grafik_tren.widget),
            halaman.bagian("4. Analisis kesenjangan dan tindakan perbaikan",
                           self.umpan_analisis.widget, self.analisis.widget),
        ])


def tampilkan() -> FormMonev | None:
    """Show module 04 for the active participant (or say to open module 00 first)."""
    return halaman.buka(FormMonev)
