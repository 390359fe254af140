"""Module 01 Identifikasi masalah: issues (APKL, USG), core issue, fishbone, stakeholders.

``tampilkan()`` shows the whole module for the active participant; ``FormMasalah(store, nip)``
builds it (tests use its parts: ``.isu``, ``.isu_inti``, ``.fishbone``, ``.akar_masalah``,
``.pemangku`` and the panes ``.umpan_apkl``, ``.umpan_usg``, ``.umpan_pemangku``...).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda import charts
from sinovda.data.settings import load_pengaturan
from sinovda.domain import masalah as dm
from sinovda.domain.errors import SinovdaError
from sinovda.forms import halaman
from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import PanelGrafik, PanelHTML, daftar, esc, html, kotak, tabel
from sinovda.forms.widgets import DaftarBaris, Isian
from sinovda.view.masalah import Peringkat, ViewMasalah, lihat_masalah

MODUL = "masalah"

PENJELASAN_APKL = {
    "aktual": "sedang terjadi",
    "problematik": "ada kesenjangan antara harapan dan kenyataan",
    "kekhalayakan": "menyangkut banyak orang",
    "kelayakan": "masuk akal dan dalam kewenangan",
}


def kolom_isu() -> list[Kolom]:
    """An issue row: title, the four APKL flags, U/S/G on the settings' scale."""
    skala = load_pengaturan().usg
    tengah = (skala.minimum + skala.maksimum) // 2
    return [
        Kolom("judul", "Judul isu", bantuan="mis. Antrean layanan KTP panjang"),
        *[Kolom(f"apkl.{k}", label, "ya_tidak") for k, label in dm.APKL.items()],
        *[Kolom(f"usg.{k}", label, "skala", minimum=skala.minimum, maksimum=skala.maksimum,
                bawaan=tengah) for k, label in dm.USG.items()],
    ]


def kolom_fishbone(kategori: list[str]) -> list[Kolom]:
    """The fishbone row: a category from the settings and one cause."""
    return [
        Kolom("kategori", "Kategori", "pilihan", pilihan=[(k, k) for k in kategori]),
        Kolom("sebab", "Sebab", bantuan="mis. Petugas loket hanya dua orang"),
    ]


def kolom_pemangku() -> list[Kolom]:
    """A stakeholder row: name, pengaruh and kepentingan on the settings' scale."""
    skala = load_pengaturan().pemangku.skala
    tengah = (skala.minimum + skala.maksimum) // 2
    return [
        Kolom("nama", "Pemangku kepentingan", bantuan="mis. Kepala Dinas, camat, LSM"),
        Kolom("pengaruh", "Pengaruh", "skala", minimum=skala.minimum, maksimum=skala.maksimum,
              bawaan=tengah),
        Kolom("kepentingan", "Kepentingan", "skala", minimum=skala.minimum,
              maksimum=skala.maksimum, bawaan=tengah),
    ]


class FormMasalah:
    """Every part of module 01 for one participant, bound to the store."""

    def __init__(self, store: Any, nip: str) -> None:
        self.store, self.nip = store, nip
        self.pengaturan = load_pengaturan()
        self.isu = DaftarBaris(store, nip, MODUL, "isu", kolom_isu(), label_tambah="Tambah isu",
                               label_baris="Isu")
        self.umpan_apkl = PanelHTML(self._html_apkl, self.isu)
        self.umpan_usg = PanelHTML(self._html_usg, self.isu)
        self.grafik_usg = PanelGrafik(self._grafik_usg, self.isu, kunci=lambda: [
            (h.judul, h.u, h.s, h.g) for h in self.peringkat()])

        self.isu_inti = Isian(store, nip, MODUL, "isu_inti",
                              Kolom("isu_inti", "Isu inti yang dipilih", "pilihan"))
        self.catatan_inti = html("")
        self.alasan_isu_inti = Isian(
            store, nip, MODUL, "alasan_isu_inti",
            Kolom("alasan_isu_inti", "Alasan memilih isu inti lain", "teks_panjang",
                  bantuan="Isi bila isu inti Anda bukan peringkat teratas USG"))
        self._puncak: str | None = None
        self.isu.on_change(lambda _v: self._segarkan_isu_inti())
        self.isu_inti.on_change(lambda _v: self._catat_isu_inti())
        self.alasan_isu_inti.on_change(lambda _v: self._catat_isu_inti())
        self._segarkan_isu_inti()

        self.fishbone = DaftarBaris(store, nip, MODUL, "fishbone",
                                    kolom_fishbone(list(self.pengaturan.fishbone_kategori)),
                                    label_tambah="Tambah sebab", label_baris="Sebab")
        self.grafik_fishbone = PanelGrafik(self._grafik_fishbone, self.fishbone, self.isu_inti,
                                           kunci=lambda: (self.fishbone.nilai,
                                                          self.isu_inti.nilai))
        self.umpan_fishbone = PanelHTML(self._html_fishbone, self.fishbone)
        self.akar_masalah = Isian(store, nip, MODUL, "akar_masalah",
                                  Kolom("akar_masalah", "Akar masalah", "teks_panjang",
                                        bantuan="Sebab paling mendasar yang akan diatasi inovasi"))

        self.pemangku = DaftarBaris(store, nip, MODUL, "pemangku", kolom_pemangku(),
                                    label_tambah="Tambah pemangku", label_baris="Pemangku")
        self.umpan_pemangku = PanelHTML(self._html_pemangku, self.pemangku)
        self.grafik_pemangku = PanelGrafik(self._grafik_pemangku, self.pemangku,
                                           kunci=lambda: self.pemangku.nilai)
        self.widget = self._tata()

    # --- sections -----------------------------------------------------------------------
    def bagian_isu(self) -> w.Widget:
        return halaman.bagian(
            "1. Daftar isu, saringan APKL, dan skor USG", self.isu.widget,
            self.umpan_apkl.widget, self.umpan_usg.widget, self.grafik_usg.widget,
            keterangan="Tulis isu yang Anda temui di unit kerja. Centang kriteria APKL yang "
                       "terpenuhi (" + esc("; ".join(f"{dm.APKL[k]}: {v}"
                                                     for k, v in PENJELASAN_APKL.items()))
                       + "), lalu beri skor U, S, G (1 = rendah, 5 = tinggi).")

    def bagian_isu_inti(self) -> w.Widget:
        return halaman.bagian("2. Isu inti", self.isu_inti.widget, self.catatan_inti,
                              self.alasan_isu_inti.widget,
                              keterangan="Bawaannya isu peringkat teratas dan mengikuti "
                                         "peringkat selama Anda tidak memilih isu lain.")

    def bagian_fishbone(self) -> w.Widget:
        return halaman.bagian(
            "3. Sebab masalah (diagram tulang ikan) dan akar masalah", self.fishbone.widget,
            self.umpan_fishbone.widget, self.grafik_fishbone.widget, self.akar_masalah.widget,
            keterangan="Kelompokkan setiap sebab menurut kategorinya.")

    def bagian_pemangku(self) -> w.Widget:
        return halaman.bagian(
            "4. Pemetaan pemangku kepentingan", self.pemangku.widget,
            self.umpan_pemangku.widget, self.grafik_pemangku.widget,
            keterangan="Nilai pengaruh dan kepentingan setiap pihak (1-5).")

    def _tata(self) -> w.Widget:
        return w.VBox([halaman.kepala(self.store, self.nip), self.bagian_isu(),
                       self.bagian_isu_inti(), self.bagian_fishbone(), self.bagian_pemangku()])

    # --- feedback -----------------------------------------------------------------------
    def lihat(self) -> ViewMasalah:
        """The view of what is on screen now (``sinovda.view.masalah``, as the report reads)."""
        isu_inti = getattr(self, "isu_inti", None)
        fishbone = getattr(self, "fishbone", None)
        pemangku = getattr(self, "pemangku", None)
        return lihat_masalah({MODUL: {
            "isu": self.isu.nilai,
            "isu_inti": isu_inti.nilai if isu_inti is not None else None,
            "fishbone": fishbone.nilai if fishbone is not None else [],
            "pemangku": pemangku.nilai if pemangku is not None else []}}, self.pengaturan)

    def _html_apkl(self) -> str:
        v = self.lihat()
        if not v.isu:
            return kotak("Belum ada isu. Klik <b>Tambah isu</b>.", "info")
        isi = [f"<b>Lolos APKL ({len(v.lolos)}):</b>" + daftar(i.judul for i in v.lolos)]
        if v.gugur:
            isi.append(f"<b>Tidak lolos ({len(v.gugur)}):</b>" + daftar(v.rincian_gugur))
        return kotak("".join(isi), "ok" if v.lolos else "peringatan")

    def peringkat(self) -> tuple[Peringkat, ...]:
        """The USG ranking of the issues that pass APKL (the view's, as in the report).
        An unreadable score raises its message (shown in the pane)."""
        v = self.lihat()
        if v.galat:
            raise SinovdaError("; ".join(v.galat))
        return v.peringkat

    def _html_usg(self) -> str:
        hasil = self.peringkat()
        if not hasil:
            return ""
        baris = [(h.peringkat, h.judul, h.u, h.s, h.g, h.total, h.alasan) for h in hasil]
        return (tabel(["Peringkat", "Isu", "U", "S", "G", "Total", "Alasan"], baris)
                + f"<p><small>Aturan bila total sama: {esc(dm.ATURAN_SERI)}</small></p>")

    def _grafik_usg(self) -> Any:
        hasil = self.peringkat()
        return charts.usg_bar(hasil) if hasil else None

    def _segarkan_isu_inti(self) -> None:
        try:
            hasil = self.peringkat()
        except SinovdaError as e:
            self.catatan_inti.value = kotak(esc(e), "galat")
            return
        self.isu_inti.atur_opsi([(f"{h.peringkat}. {h.judul} (total {h.total})", h.judul)
                                 for h in hasil])
        puncak = hasil[0].judul if hasil else None
        nilai = self.isu_inti.kolom.baca(self.isu_inti.input.value)  # None: nothing chosen
        if puncak and (nilai is None or (nilai == self._puncak and nilai != puncak)):
            # default: the top of the ranking, followed until another issue is chosen (saved)
            self.isu_inti.input.value = puncak
        self._puncak = puncak
        self._catat_isu_inti()

    def _catat_isu_inti(self) -> None:
        hasil = self.peringkat()
        nilai = self.isu_inti.kolom.baca(self.isu_inti.input.value)
        if not hasil:
            self.catatan_inti.value = kotak("Isu inti dipilih dari isu yang lolos APKL.", "info")
        elif nilai == hasil[0].judul:
            self.catatan_inti.value = kotak(f"Isu inti: <b>{esc(nilai)}</b> (peringkat teratas).",
                                            "ok")
        elif str(self.alasan_isu_inti.nilai or "").strip():
            self.catatan_inti.value = kotak(
                f"Isu inti: <b>{esc(nilai)}</b>, bukan peringkat teratas "
                f"(<b>{esc(hasil[0].judul)}</b>). Alasan Anda sudah dicatat.", "ok")
        else:
            self.catatan_inti.value = kotak(
                f"Isu inti: <b>{esc(nilai)}</b>. Isu peringkat teratas adalah "
                f"<b>{esc(hasil[0].judul)}</b>; tuliskan alasan pilihan Anda di kolom "
                "<b>Alasan memilih isu inti lain</b>.", "peringatan")

    def _sebab_terisi(self) -> list[dict[str, Any]]:
        return [r for r in self.fishbone.nilai if str(r.get("sebab", "")).strip()]

    def _html_fishbone(self) -> str:
        rows = self._sebab_terisi()
        if not rows:
            return kotak("Belum ada sebab. Klik <b>Tambah sebab</b>.", "info")
        v = self.lihat()
        if v.sebab_tanpa_kategori:
            return kotak("Sebab nomor " + ", ".join(map(str, v.sebab_tanpa_kategori))
                         + " belum diberi kategori.", "peringatan")
        kosong = v.kategori_kosong
        if kosong:
            return kotak("Kategori yang belum diisi: " + esc(", ".join(kosong))
                         + ". Tidak semua kategori harus terisi, tetapi periksa lagi.", "info")
        return kotak("Semua kategori sudah memiliki sebab.", "ok")

    def _grafik_fishbone(self) -> Any:
        v = self.lihat()
        if not v.sebab_terisi:
            return None
        return charts.fishbone({k: list(x) for k, x in v.sebab.items()},
                               v.isu_inti or "Masalah")

    def _html_pemangku(self) -> str:
        v = self.lihat()
        salah = [g for g in v.galat if g.startswith("Pemangku")]
        catatan = kotak(esc("; ".join(salah)), "galat") if salah else ""
        if not v.pemangku:
            return catatan or kotak("Belum ada pemangku kepentingan. Klik <b>Tambah pemangku</b>.",
                                    "info")
        baris = [(p.nama, f"{p.pengaruh:g}", f"{p.kepentingan:g}", p.kuadran,
                  p.saran) for p in v.pemangku]
        return tabel(["Pemangku", "Pengaruh", "Kepentingan", "Kuadran", "Saran"], baris) + catatan

    def _grafik_pemangku(self) -> Any:
        rows = self.lihat().pemangku  # the view: the rows of the table beside it, read once
        if not rows:
            return None
        aturan = self.pengaturan.pemangku
        return charts.pemangku(list(rows), {k.kode: k.label for k in aturan.kuadran},
                               aturan.batas_tinggi)


def tampilkan() -> FormMasalah | None:
    """Show module 01 for the active participant (or say to open module 00 first)."""
    return halaman.buka(FormMasalah)
