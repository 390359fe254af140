"""Module 02 Desain inovasi: the innovation record, PP 38/2017 checklist, similar real
innovations, the rencana aksi table and its link checks.

``tampilkan()`` shows it for the active participant; ``FormInovasi(store, nip)`` builds it
(parts: ``.inovasi``, ``.kriteria``, ``.rencana_aksi``; panes ``.umpan_kriteria``,
``.umpan_mirip``, ``.umpan_tautan``).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda.data import katalog
from sinovda.domain import inovasi as di
from sinovda.forms import halaman
from sinovda.forms import latihan as fl
from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import PanelHTML, daftar, kotak, tabel
from sinovda.forms.widgets import DaftarBaris, FormDict
from sinovda.view.inovasi import ViewInovasi, lihat_inovasi
from sinovda.view.masalah import lihat_masalah

MODUL = "inovasi"


def pilihan(enum: str) -> list[tuple[str, str]]:
    """Dropdown choices (label, code) of one of the domain's enums."""
    return [(label, kode) for kode, label in di.ENUM[enum].items()]


def kolom_inovasi() -> list[Kolom]:
    """The innovation record; enum choices are the domain's codes and labels."""
    e = {k: pilihan(k) for k in di.ENUM}
    return [
        Kolom("nama", "Nama inovasi", bantuan="mis. Layanan KTP Keliling Desa"),
        Kolom("bentuk", "Bentuk", "pilihan", pilihan=e["bentuk"]),
        Kolom("jenis", "Jenis", "pilihan", pilihan=e["jenis"]),
        Kolom("inisiator", "Inisiator", "pilihan", pilihan=e["inisiator"]),
        Kolom("urusan", "Urusan pemerintahan", "pilihan", pilihan=e["urusan"]),
        Kolom("tahapan", "Tahapan", "pilihan", pilihan=e["tahapan"]),
        Kolom("cara_kerja", "Cara kerja inovasi", "teks_panjang",
              bantuan="Apa yang berubah, siapa melakukan apa, dengan alat apa"),
        Kolom("penerima_manfaat", "Penerima manfaat", "teks_panjang",
              bantuan="Siapa yang merasakan manfaatnya dan berapa banyak"),
    ]


def kolom_kriteria() -> list[Kolom]:
    """One checkbox per PP 38/2017 criterion."""
    return [Kolom(k.kode, k.label, "ya_tidak", bantuan=k.penjelasan) for k in di.KRITERIA]


KOLOM_RENCANA = [
    Kolom("permasalahan", "Permasalahan"),
    Kolom("inovasi", "Inovasi yang direncanakan"),
    Kolom("opd", "OPD penanggung jawab"),
    Kolom("target_waktu", "Target waktu", bantuan="mis. 6 bulan"),
    Kolom("indikator_keberhasilan", "Indikator keberhasilan",
          bantuan="mis. Waktu layanan turun 50%"),
    Kolom("jangka_pendek", "Tonggak jangka pendek", "teks_panjang"),
    Kolom("jangka_menengah", "Tonggak jangka menengah", "teks_panjang"),
    Kolom("jangka_panjang", "Tonggak jangka panjang", "teks_panjang"),
]


class FormInovasi:
    """Every part of module 02 for one participant, bound to the store."""

    def __init__(self, store: Any, nip: str) -> None:
        self.store, self.nip = store, nip
        self.inovasi = FormDict(store, nip, MODUL, "inovasi", kolom_inovasi())
        self.kriteria = FormDict(store, nip, MODUL, "kriteria", kolom_kriteria())
        self.umpan_inovasi = PanelHTML(self._html_inovasi, self.inovasi)
        self.umpan_kriteria = PanelHTML(self._html_kriteria, self.kriteria)
        # issue 11 practice: the five components of regional innovation (seed 001)
        self.komponen = FormDict(store, nip, MODUL, "komponen", fl.kolom_komponen())
        self.umpan_komponen = PanelHTML(lambda: fl.html_komponen(self.komponen.nilai),
                                        self.komponen)
        self.umpan_mirip = PanelHTML(self._html_mirip, self.inovasi)
        self.rencana_aksi = DaftarBaris(store, nip, MODUL, "rencana_aksi", KOLOM_RENCANA,
                                        label_tambah="Tambah baris rencana aksi",
                                        label_baris="Rencana aksi", isi_baru=self._baris_baru)
        self.umpan_tautan = PanelHTML(self._html_tautan, self.rencana_aksi, self.inovasi)
        self.widget = w.VBox([
            halaman.kepala(store, nip),
            halaman.bagian("1. Rancangan inovasi", self.inovasi.widget, self.umpan_inovasi.widget,
                           keterangan="Isi atribut inovasi sesuai PP 38/2017 dan "
                                      "Permendagri 104/2018."),
            halaman.bagian("2. Uji kriteria inovasi (PP 38/2017)", self.kriteria.widget,
                           self.umpan_kriteria.widget,
                           keterangan="Centang kriteria yang sudah dipenuhi rancangan Anda."),
            halaman.bagian("3. Lima komponen pengembangan inovasi", self.komponen.widget,
                           self.umpan_komponen.widget,
                           keterangan="Tulis satu atau dua kalimat untuk setiap komponen: "
                                      "bagaimana rancangan Anda memenuhinya."),
            halaman.bagian("4. Inovasi serupa dari daerah lain", self.umpan_mirip.widget),
            halaman.bagian("5. Rencana aksi", self.rencana_aksi.widget, self.umpan_tautan.widget,
                           keterangan="Satu baris per langkah besar: permasalahan, inovasi, OPD, "
                                      "target waktu, indikator keberhasilan, dan tonggaknya. "
                                      "Di kolom <b>Indikator keberhasilan</b> sebutkan kode atau "
                                      "nama indikator dari modul 03 (mis. IND-1)."),
        ])

    def _baris_baru(self) -> dict[str, Any]:
        p = self.store.get_peserta(self.nip)
        # the core issue as module 01 and the report name it (chosen, else the top of USG)
        inti = lihat_masalah({"masalah": self.store.load_modul(self.nip, "masalah")}).isu_inti
        return {
            "permasalahan": inti,
            "inovasi": self.inovasi.nilai.get("nama", "") or "",
            "opd": p.opd if p else "",
        }

    def lihat(self) -> ViewInovasi:
        """The view of what is on screen (``sinovda.view.inovasi``, as the report reads), with
        module 01 and 03 as stored."""
        jawaban = self.store.load_all(self.nip)
        kriteria = getattr(self, "kriteria", None)  # panes may be built before every part
        rencana = getattr(self, "rencana_aksi", None)
        jawaban["inovasi"] = {"inovasi": self.inovasi.nilai,
                              "kriteria": kriteria.nilai if kriteria is not None else None,
                              "rencana_aksi": rencana.nilai if rencana is not None else []}
        return lihat_inovasi(jawaban)

    def _html_inovasi(self) -> str:
        kurang = self.lihat().kurang
        if not kurang:
            return kotak("Rancangan inovasi sudah lengkap.", "ok")
        return kotak("Masih perlu dilengkapi:" + daftar(kurang), "info")

    def _html_kriteria(self) -> str:
        kurang = self.lihat().kriteria_kurang
        if not kurang:
            return kotak("Kelima kriteria inovasi PP 38/2017 terpenuhi.", "ok")
        return kotak("Belum terpenuhi:" + daftar(kurang), "peringatan")

    def _html_mirip(self) -> str:
        nilai = self.inovasi.nilai
        if not any(nilai.get(k) for k in ("nama", "bentuk", "jenis", "urusan", "cara_kerja")):
            return kotak("Isi rancangan inovasi dulu; contoh inovasi serupa akan muncul di sini.",
                         "info")
        df = katalog.mirip(nilai, n=3)
        if len(df) == 0:
            return kotak("Belum ditemukan inovasi serupa di katalog.", "info")
        kolom = ["nama", "daerah", "ringkasan", "dampak", "alasan"]
        return tabel(["Inovasi", "Daerah", "Ringkasan", "Dampak", "Mengapa mirip"],
                     [[r.get(k, "") for k in kolom] for r in df.to_dict("records")])

    def _html_tautan(self) -> str:
        rows = self.rencana_aksi.nilai
        if not rows:
            return kotak("Belum ada rencana aksi. Klik <b>Tambah baris rencana aksi</b>.", "info")
        v = self.lihat()  # the view: the plan's empty columns and broken links
        lengkap, putus = v.rencana_kurang, v.tautan_putus
        out = ""
        if lengkap:
            out += kotak("Kolom yang belum diisi:" + daftar(lengkap), "info")
        if putus:
            out += kotak("Periksa tautan rencana aksi:" + daftar(putus), "peringatan")
        return out or kotak("Semua baris rencana aksi lengkap dan terhubung dengan isu inti, "
                            "inovasi, dan indikator Anda.", "ok")


def tampilkan() -> FormInovasi | None:
    """Show module 02 for the active participant (or say to open module 00 first)."""
    return halaman.buka(FormInovasi)

