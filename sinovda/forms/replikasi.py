"""Module 05 Replikasi dan keberlanjutan: IID readiness, sustainability, replication plan.

``tampilkan()`` shows the module for the active participant; ``FormReplikasi(store, nip)``
builds it. Tests use ``.kesiapan`` (inputs per IID indicator code, values 0-3), ``.pilih_tahun``
(which year's thresholds), the pane ``.umpan_kesiapan``, ``.keberlanjutan`` and ``.replikasi``
(one record each) with ``.umpan_keberlanjutan``; the issue-11 practice parts ``.integrasi``,
``.keberhasilan`` (pane ``.umpan_cek``), ``.hambatan`` and ``.strategi`` (pane ``.umpan_hambatan``).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda.domain.kesiapan import HasilKesiapan, IndikatorIID
from sinovda.forms import halaman
from sinovda.forms import latihan as fl
from sinovda.forms.kolom import Kolom, tulis_angka
from sinovda.forms.panel import PanelHTML, daftar, esc, kotak, tabel
from sinovda.forms.widgets import FormDict
from sinovda.view import kesiapan as vk
from sinovda.view import latihan as vl

MODUL = "replikasi"

KOLOM_KEBERLANJUTAN = [
    Kolom("regulasi", "Regulasi", "teks_panjang",
          bantuan="Dasar hukum yang akan diterbitkan: SK Kepala OPD, Perkada, atau Perda"),
    Kolom("anggaran", "Anggaran (Renja/RKPD)", "teks_panjang",
          bantuan="Program/kegiatan di Renja OPD dan RKPD yang mendanai inovasi, tahun berapa"),
    Kolom("sdm", "Sumber daya manusia", "teks_panjang",
          bantuan="Tim pelaksana, SK penugasan, pelatihan, pengganti bila ada mutasi"),
    Kolom("dokumentasi", "Dokumentasi", "teks_panjang",
          bantuan="Pedoman teknis, video, laporan monev, unggahan ke database inovasi daerah"),
]

KOLOM_REPLIKASI = [
    Kolom("daerah_sasaran", "Daerah atau unit sasaran replikasi", "teks_panjang",
          bantuan="mis. Kecamatan lain di kabupaten ini, atau OPD lain yang melayani perizinan"),
    Kolom("langkah", "Langkah replikasi", "teks_panjang",
          bantuan="mis. Studi tiru, penyesuaian SOP, pelatihan petugas, uji coba, penerapan"),
    Kolom("jadwal", "Jadwal", "teks_panjang", bantuan="mis. Triwulan I 2027: studi tiru; ..."),
]


def _opsi_level(i: IndikatorIID) -> list[tuple[str, int]]:
    opsi = [("0 · belum memenuhi", 0)]
    for n, arti in enumerate(i.level[:3], 1):
        opsi.append((f"{n} · {arti}", n))
    return opsi


def kolom_kesiapan(indikator: list[IndikatorIID]) -> list[Kolom]:
    """One dropdown per IID indicator (level 0-3)."""
    return [Kolom(i.kode, f"{i.nama}{' (wajib)' if i.wajib else ''} · bobot {tulis_angka(i.bobot)}",
                  "pilihan", pilihan=_opsi_level(i)) for i in indikator]


class FormReplikasi:
    """Every part of module 05 for one participant, bound to the store."""

    def __init__(self, store: Any, nip: str) -> None:
        self.store, self.nip = store, nip
        self.daftar_iid = vk.daftar_iid()
        self.indikator = list(self.daftar_iid.indikator)
        self.kesiapan = FormDict(store, nip, MODUL, "kesiapan", kolom_kesiapan(self.indikator),
                                 tanpa_kosong=True)
        opsi_tahun = [(f"{t}{'' if ok else ' (belum terverifikasi)'}", t)
                      for t, ok, _ in vk.tahun_ambang()]
        self.pilih_tahun = w.Dropdown(options=opsi_tahun, value=vk.tahun_berlaku(),
                                      description="Ambang tahun", style={"description_width":
                                                                         "initial"})
        self.umpan_kesiapan = PanelHTML(self._html_kesiapan, self.kesiapan)
        self.pilih_tahun.observe(lambda _c: self.umpan_kesiapan.perbarui(), names="value")
        self.keberlanjutan = FormDict(store, nip, MODUL, "keberlanjutan", KOLOM_KEBERLANJUTAN)
        self.umpan_keberlanjutan = PanelHTML(self._html_keberlanjutan, self.keberlanjutan)
        self.replikasi = FormDict(store, nip, MODUL, "replikasi", KOLOM_REPLIKASI)
        # issue 11 practice: success self-checks (seeds 000, 001), barriers and strategies
        self.integrasi = FormDict(store, nip, MODUL, "integrasi", fl.kolom_cek(vl.INTEGRASI),
                                  judul="Integrasi dengan perencanaan dan kinerja OPD")
        self.keberhasilan = FormDict(store, nip, MODUL, "keberhasilan",
                                     fl.kolom_cek(vl.KEBERHASILAN),
                                     judul="Keberhasilan inovasi daerah")
        self.umpan_cek = PanelHTML(self._html_cek, self.integrasi, self.keberhasilan)
        self.hambatan = FormDict(store, nip, MODUL, "hambatan", fl.kolom_hambatan(),
                                 judul="Hambatan")
        self.strategi = FormDict(store, nip, MODUL, "strategi", fl.kolom_strategi(),
                                 judul="Strategi")
        self.umpan_hambatan = PanelHTML(
            lambda: fl.html_hambatan(self.hambatan.nilai, self.strategi.nilai),
            self.hambatan, self.strategi)
        self.widget = self._tata()

    def _level(self) -> dict[str, Any]:
        return {k: v for k, v in self.kesiapan.nilai.items() if v is not None}

    def lihat(self) -> vk.ViewKesiapan:
        """The view of the levels on screen (``sinovda.view.kesiapan``, as the report reads)."""
        return vk.nilai_dari(self._level(), self.daftar_iid, tahun=self.pilih_tahun.value)

    def hasil(self) -> HasilKesiapan:
        """Score and category with the thresholds of the chosen year (domain rule)."""
        return self.lihat().hasil

    def _html_kesiapan(self) -> str:
        level = self._level()
        v = self.lihat()
        h = v.hasil
        terjawab = len(level)
        jenis = {"Sangat Inovatif": "ok", "Inovatif": "ok"}.get(h.kategori, "peringatan")
        catatan = "" if h.terverifikasi else (
            " <b>Ambang tahun ini belum terverifikasi</b>; cek pedoman BSKDN terbaru.")
        out = kotak(f"Skor kesiapan: <b>{esc(tulis_angka(h.skor))}</b> dari 100 "
                    f"({esc(tulis_angka(h.total))} dari {esc(tulis_angka(h.maksimum))}) · "
                    f"kategori <b>{esc(h.kategori)}</b> (ambang tahun {h.tahun}).{catatan}"
                    f"<br><small>{terjawab} dari {len(self.indikator)} indikator sudah dinilai; "
                    "yang belum dinilai dihitung 0.</small>", jenis)
        out += f"<b>Ambang kategori tahun {esc(h.tahun)}</b> <small>({esc(h.sumber)})</small>"
        out += tabel(["Kategori", "Rentang skor"], vk.ambang(h.tahun))
        if h.wajib_belum:
            out += kotak("Indikator wajib yang belum terpenuhi:" + daftar(h.wajib_belum),
                         "peringatan")
        bobot = {r.nama: r.bobot for r in v.rincian}
        if v.peluang:
            out += kotak("Peluang terbesar menaikkan skor:" + daftar(
                f"{nama}: naikkan level (bobot {tulis_angka(bobot[nama])})"
                for nama, _ in v.peluang[:3]), "info")
        if v.catatan:
            out += f"<p><small>{esc(v.catatan)}</small></p>"
        return out

    def _html_keberlanjutan(self) -> str:
        nilai = self.keberlanjutan.nilai
        kosong = [k.label for k in KOLOM_KEBERLANJUTAN if not str(nilai.get(k.key) or "").strip()]
        if not kosong:
            return kotak("Keempat pilar keberlanjutan sudah diisi.", "ok")
        return kotak("Pilar keberlanjutan yang belum diisi:" + daftar(kosong), "peringatan")

    def _html_cek(self) -> str:
        return (fl.html_cek(self.integrasi.nilai, vl.INTEGRASI, "Integrasi dengan perencanaan "
                            "dan kinerja OPD")
                + fl.html_cek(self.keberhasilan.nilai, vl.KEBERHASILAN, "Keberhasilan inovasi"))

    def _tata(self) -> w.Widget:
        return w.VBox([
            halaman.kepala(self.store, self.nip),
            halaman.bagian(
                "1. Penilaian mandiri kesiapan (indikator Indeks Inovasi Daerah)",
                self.kesiapan.widget, self.pilih_tahun, self.umpan_kesiapan.widget,
                keterangan="Pilih level yang sudah dicapai inovasi Anda untuk setiap indikator. "
                           "Indikator, bobot, dan level bersifat ilustratif: cek pedoman BSKDN "
                           "terbaru."),
            halaman.bagian(
                "2. Cek keberhasilan integrasi dan inovasi", self.integrasi.widget,
                self.keberhasilan.widget, self.umpan_cek.widget,
                keterangan="Nilai posisi inovasi Anda saat ini untuk setiap indikator: "
                           "sudah, sebagian, atau belum."),
            halaman.bagian("3. Strategi keberlanjutan", self.keberlanjutan.widget,
                           self.umpan_keberlanjutan.widget),
            halaman.bagian(
                "4. Hambatan dan strategi", self.hambatan.widget, self.strategi.widget,
                self.umpan_hambatan.widget,
                keterangan="Centang hambatan yang paling mungkin dihadapi inovasi Anda, pilih "
                           "strategi untuk mengatasinya, lalu tulis langkah konkretnya."),
            halaman.bagian("5. Rencana replikasi", self.replikasi.widget),
        ])


def tampilkan() -> FormReplikasi | None:
    """Show module 05 for the active participant (or say to open module 00 first)."""
    return halaman.buka(FormReplikasi)
