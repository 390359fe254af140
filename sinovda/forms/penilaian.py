"""The trainer's grading form: a participant's rencana aksi beside the rubric (modul/rubrik.yaml).

Criteria a program can judge are pre-filled (``sinovda.view.rubrik`` over the domain rules); a
score typed by the trainer overrides the automatic one (an empty box returns to it). Scores and
comments are saved on change in modul ``penilaian`` (fields ``rubrik``: ``{kode: {"skor",
"komentar"}}`` and ``catatan``) with ``peran="fasilitator"``, where the participant's report and
the class recap read them.

A score outside the criterion's range is refused at its field with a message naming the
criterion and its range; nothing is stored and the field shows the stored value again.
"Sebelumnya"/"Berikutnya" move through the class in roster order; the header counts who is
still not fully graded. The plan is shown as one card per row (every column readable at any
width) and the two panes wrap onto separate lines on a narrow screen.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from sinovda.domain.angka import format_angka
from sinovda.domain.errors import SinovdaError
from sinovda.forms.panel import esc, kotak, tabel

MODUL = "penilaian"

CSS = """<style>
.snv-nilai-karya .snv-ra { border: 1px solid #c9d6dc; border-radius: 4px; padding: 0.4em 0.6em;
  margin: 0 0 0.6em 0; background: #fbfdfe; }
.snv-nilai-karya table.snv-ra-isi { width: 100%; border-collapse: collapse; margin: 0.2em 0; }
.snv-nilai-karya table.snv-ra-isi th { width: 30%; color: #445; font-weight: 600;
  text-align: left; vertical-align: top; padding: 0.1em 0.6em 0.1em 0; line-height: 1.35; }
.snv-nilai-karya table.snv-ra-isi td { text-align: left; vertical-align: top; padding: 0.1em 0;
  line-height: 1.35; overflow-wrap: break-word; word-break: normal; }
.snv-teks textarea { font-family: var(--jp-ui-font-family, sans-serif); font-size: inherit; }
.snv-nilai-karya table { table-layout: auto; width: 100%; }
.snv-nilai-karya th, .snv-nilai-karya td { overflow-wrap: break-word; word-break: normal;
  hyphens: none; }
.snv-nilai-galat { color: #b00020; font-weight: 600; }
</style>"""


def _angka(teks: Any) -> float | str | None:
    """What was typed: a number ("2,5" -> 2.5), None when empty, else the text itself."""
    from sinovda.domain.angka import ke_angka

    teks = str(teks).strip()
    if not teks:
        return None
    x = ke_angka(teks)
    return teks if x is None else x


def _format(x: float | None) -> str:
    return "-" if x is None else format_angka(x)


def _kartu_baris(i: int, baris: Any, kolom: Mapping[str, str]) -> str:
    isi = "".join(f"<tr><th>{esc(label)}</th><td>{esc(getattr(baris, k)) or '<i>kosong</i>'}"
                  "</td></tr>" for k, label in kolom.items())
    return f'<div class="snv-ra"><b>Baris {i}</b><table class="snv-ra-isi">{isi}</table></div>'


def html_karya(store: Any, nip: str, jawaban: Mapping[str, Any] | None = None) -> str:
    """The participant's core issue, innovation, rencana aksi (one card per row) and
    indicators with their SMART share, escaped; read through the views (``view.masalah``,
    ``view.inovasi``, ``view.indikator``), so they say what module 06 and the report say."""
    from sinovda.domain.rencana_aksi import KOLOM
    from sinovda.view.indikator import lihat_indikator
    from sinovda.view.inovasi import lihat_inovasi, rencana_aksi
    from sinovda.view.masalah import lihat_masalah

    j = store.load_all(nip) if jawaban is None else jawaban
    vm = lihat_masalah(j)
    inti = vm.isu_inti or "-"
    if vm.isu_inti and not vm.isu_inti_dipilih:
        inti += " (bawaan: peringkat USG teratas)"
    bagian = [
        f"<p><b>Isu inti:</b> {esc(inti)}<br>"
        f"<b>Akar masalah:</b> {esc(vm.akar_masalah or '-')}<br>"
        f"<b>Inovasi:</b> {esc(lihat_inovasi(j).nama or '-')}</p>"
    ]
    rows = rencana_aksi(j)
    if rows:
        bagian.append("<h4>Rencana aksi</h4>" + "".join(
            _kartu_baris(i, r, KOLOM) for i, r in enumerate(rows, start=1)))
    else:
        bagian.append(kotak("Rencana aksi belum diisi.", "peringatan"))
    indikator = lihat_indikator(j)
    if indikator:
        bagian.append("<h4>Indikator</h4>" + tabel(
            ["Kode", "Indikator", "Level", "Satuan", "SMART"],
            [[i.kode, i.nama, i.level, i.satuan, f"{i.persen_smart:.0f}%"]
             for i in indikator]))
    else:
        bagian.append(kotak("Indikator belum diisi.", "peringatan"))
    return f'<div class="snv-nilai-karya">{"".join(bagian)}</div>'


def _nama_pelatih() -> str:
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser() or "pelatih"


class FormPenilaian:
    """Grade the class one participant at a time: work beside the rubric, saved on change."""

    def __init__(self, store: Any, nip: str | None = None, rubrik: Any = None,
                 pelatih: str | None = None) -> None:
        from sinovda.data.settings import load_rubrik

        self.store = store
        self.rubrik = rubrik or load_rubrik()
        self.oleh = f"fasilitator:{pelatih or _nama_pelatih()}"
        self.peserta = store.daftar_peserta()
        self._status: dict[str, Any] = {}
        self._jawaban: dict[str, Any] = {}
        self._revisi: dict[str, int] = {}  # field -> revision id loaded (compare-and-set)
        self.pilih = w.Dropdown(
            description="Peserta",
            options=[(f"{p.nama} ({p.nip})", p.nip) for p in self.peserta],
            value=nip if nip is not None else (self.peserta[0].nip if self.peserta else None),
            layout=w.Layout(width="auto", min_width="18em", max_width="36em"),
        )
        self.sebelumnya = w.Button(description="Sebelumnya", icon="arrow-left",
                                   tooltip="Peserta sebelumnya dalam urutan daftar peserta")
        self.berikutnya = w.Button(description="Berikutnya", icon="arrow-right",
                                   tooltip="Peserta berikutnya dalam urutan daftar peserta")
        self.belum_berikutnya = w.Button(
            description="Berikutnya yang belum dinilai", icon="forward",
            layout=w.Layout(width="auto"),
            tooltip="Peserta berikutnya (urutan daftar) yang penilaiannya belum lengkap")
        for nama, tombol in (("sebelumnya", self.sebelumnya), ("berikutnya", self.berikutnya),
                             ("belum-berikutnya", self.belum_berikutnya)):
            tombol.add_class(f"snv-{nama}")
        self.sebelumnya.on_click(lambda _: self.geser(-1))
        self.berikutnya.on_click(lambda _: self.geser(1))
        self.belum_berikutnya.on_click(lambda _: self.ke_belum_dinilai())
        self.posisi = w.HTML()
        self.sisa = w.HTML()
        self.karya = w.HTML()
        self.skor: dict[str, w.Text] = {}
        self.komentar: dict[str, w.Textarea] = {}
        self.info: dict[str, w.HTML] = {}
        self.galat: dict[str, w.HTML] = {}
        baris = []
        for k in self.rubrik.kriteria:
            self.skor[k.kode] = w.Text(
                description="Skor", continuous_update=False,
                tooltip=f"Skor {k.rentang}", layout=w.Layout(width="11em"))
            self.komentar[k.kode] = w.Textarea(
                description="Komentar", continuous_update=False, rows=3,
                layout=w.Layout(width="auto", flex="1 1 16em"))
            self.info[k.kode] = w.HTML()
            self.galat[k.kode] = w.HTML()
            for nama, wid in (("skor", self.skor[k.kode]), ("komentar", self.komentar[k.kode]),
                              ("galat", self.galat[k.kode])):
                wid.add_class(f"snv-{nama}-{k.kode}")  # stable handles for browser tests
            self.komentar[k.kode].add_class("snv-teks")
            judul = (f"<b>{esc(k.nama)}</b> (bobot {_format(k.bobot)}, skor {esc(k.rentang)})"
                     f"<br><small>{esc(k.deskripsi)}</small>")
            baris.append(w.VBox(
                [w.HTML(judul), self.info[k.kode],
                 w.HBox([self.skor[k.kode], self.komentar[k.kode]],
                        layout=w.Layout(flex_flow="row wrap", width="100%")),
                 self.galat[k.kode]],
                layout=w.Layout(margin="0 0 0.8em 0")))
            self.skor[k.kode].observe(lambda _, kode=k.kode: self._ubah_skor(kode), "value")
            self.komentar[k.kode].observe(lambda _: self._ubah_rubrik(), "value")
        self.catatan = w.Textarea(
            description="Catatan", continuous_update=False, rows=3,
            placeholder="Catatan umum untuk peserta (muncul di laporan dan rekap)",
            layout=w.Layout(width="auto"))
        self.catatan.add_class("snv-teks")
        self.status = w.HTML()
        self.total = w.HTML()
        self.hasil = w.HTML()
        self._memuat = False
        self.catatan.observe(lambda _: self._ubah_catatan(), "value")
        self.pilih.observe(lambda _: self.muat(), "value")
        rubrik_box = w.VBox([w.HTML(f"<h3>{esc(self.rubrik.nama)}</h3>"
                                    f"<small>{esc(self.rubrik.catatan)}</small>"),
                             *baris, self.catatan, self.status, self.total, self.hasil],
                            layout=w.Layout(flex="1 1 30em", min_width="22em"))
        karya_box = w.VBox([w.HTML("<h3>Karya peserta</h3>"), self.karya],
                           layout=w.Layout(flex="1 1 30em", min_width="22em",
                                           padding="0 1em 0 0"))
        navigasi = w.HBox([self.sebelumnya, self.pilih, self.berikutnya, self.posisi,
                           self.belum_berikutnya],
                          layout=w.Layout(flex_flow="row wrap", align_items="center"))
        self.widget = w.VBox([
            w.HTML(CSS), navigasi, self.sisa,
            w.Box([karya_box, rubrik_box],
                  layout=w.Layout(display="flex", flex_flow="row wrap", width="100%")),
        ])
        self._muat_status_kelas()
        self.muat()

    @property
    def nip(self) -> str | None:
        return self.pilih.value

    # -- class navigation -------------------------------------------------------------------

    def _muat_status_kelas(self) -> None:
        from sinovda.view.rubrik import status_penilaian

        semua = self.store.load_all_peserta() if self.peserta else {}
        self._status = {p.nip: status_penilaian(p.nip, semua.get(p.nip, {}), self.rubrik)
                        for p in self.peserta}

    def _tampil_posisi(self) -> None:
        from sinovda.view.rubrik import ringkas_kelas

        urut = [p.nip for p in self.peserta]
        i = urut.index(self.nip) if self.nip in urut else -1
        self.sebelumnya.disabled = i <= 0
        self.berikutnya.disabled = i < 0 or i >= len(urut) - 1
        self.posisi.value = f"Peserta {i + 1} dari {len(urut)}" if i >= 0 else ""
        teks = ringkas_kelas(list(self._status.values()))
        selesai = all(s.selesai for s in self._status.values())
        self.belum_berikutnya.disabled = selesai or not urut
        self.sisa.value = kotak(esc(teks), "ok" if selesai else "info")

    def geser(self, langkah: int) -> None:
        """Go to the previous (-1) or next (+1) participant in roster order."""
        urut = [p.nip for p in self.peserta]
        if self.nip not in urut:
            return
        i = urut.index(self.nip) + langkah
        if 0 <= i < len(urut):
            self.pilih.value = urut[i]

    def ke_belum_dinilai(self) -> None:
        """Go to the next participant (roster order, wrapping round) not fully graded yet."""
        urut = [p.nip for p in self.peserta]
        if not urut:
            return
        i = urut.index(self.nip) if self.nip in urut else -1
        for langkah in range(1, len(urut) + 1):
            nip = urut[(i + langkah) % len(urut)]
            status = self._status.get(nip)
            if status is not None and not status.selesai:
                if nip != self.nip:
                    self.pilih.value = nip
                return

    # -- loading ----------------------------------------------------------------------------

    def muat(self) -> None:
        """Show the chosen participant's work and the saved (or automatic) scores."""
        self._memuat = True
        try:
            self.status.value = ""
            for g in self.galat.values():
                g.value = ""
            if self.nip is None:
                self.karya.value = kotak("Belum ada peserta di kelas ini.", "peringatan")
                self._tampil_posisi()
                return
            self._jawaban = self.store.load_all(self.nip)
            self.karya.value = html_karya(self.store, self.nip, self._jawaban)
            tersimpan, self._revisi["rubrik"] = self.store.load_dengan_revisi(
                self.nip, MODUL, "rubrik", {})
            tersimpan = dict(tersimpan) if isinstance(tersimpan, Mapping) else {}
            for k in self.rubrik.kriteria:
                self.skor[k.kode].value = self._teks_skor(tersimpan, k.kode)
                isian = tersimpan.get(k.kode)
                komentar = isian.get("komentar", "") if isinstance(isian, Mapping) else ""
                self.komentar[k.kode].value = komentar or ""
            catatan, self._revisi["catatan"] = self.store.load_dengan_revisi(
                self.nip, MODUL, "catatan", "")
            self.catatan.value = catatan or ""
        finally:
            self._memuat = False
        self._tampil_posisi()
        self._tampil_hasil(self.isian())

    def _tersimpan_rubrik(self) -> dict[str, Any]:
        isian = self.store.load(self.nip, MODUL, "rubrik", {}) if self.nip else {}
        return dict(isian) if isinstance(isian, Mapping) else {}

    @staticmethod
    def _teks_skor(tersimpan: Mapping[str, Any], kode: str) -> str:
        isian = tersimpan.get(kode)
        skor = isian.get("skor") if isinstance(isian, Mapping) else isian
        if isinstance(skor, (int, float)) and not isinstance(skor, bool):
            return f"{skor:g}".replace(".", ",")  # full precision, Indonesian decimal comma
        x = _angka(str(skor)) if skor is not None else None
        return "" if x is None else (x if isinstance(x, str) else format_angka(x))

    def isian(self) -> dict[str, dict[str, Any]]:
        """The trainer's entries as stored: only criteria with a score or a comment."""
        hasil = {}
        for k in self.rubrik.kriteria:
            skor = _angka(self.skor[k.kode].value)
            komentar = self.komentar[k.kode].value.strip()
            if skor is not None or komentar:
                hasil[k.kode] = {"skor": skor, "komentar": komentar}
        return hasil

    # -- saving -----------------------------------------------------------------------------

    def _simpan(self, field: str, nilai: Any) -> None:
        """Save only if nobody (another trainer, another tab) changed the field since it was
        loaded; otherwise show the newer version and say so."""
        from sinovda.domain.errors import BerubahDiTempatLain

        try:
            self._revisi[field] = self.store.save(
                self.nip, MODUL, field, nilai, peran="fasilitator", oleh=self.oleh,
                harap_revisi=self._revisi.get(field, 0))
        except BerubahDiTempatLain:
            self.muat()
            raise BerubahDiTempatLain(
                "penilaian peserta ini baru saja diubah di tempat lain (pelatih lain atau tab "
                "lain); yang tampil sekarang adalah versi terbaru, ulangi perubahan Anda bila "
                "perlu") from None

    def _ubah_skor(self, kode: str) -> None:
        """Check one score against its criterion's range before anything is saved."""
        if self._memuat or self.nip is None:
            return
        from sinovda.domain.penilaian import periksa_skor

        k = next(k for k in self.rubrik.kriteria if k.kode == kode)
        try:
            periksa_skor(k, self.skor[kode].value)
        except SinovdaError as e:
            self.galat[kode].value = (f'<span class="snv-nilai-galat" role="alert">'
                                      f"Ditolak: {esc(e)}</span>")
            self._memuat = True
            try:  # show the stored value again
                self.skor[kode].value = self._teks_skor(self._tersimpan_rubrik(), kode)
            finally:
                self._memuat = False
            return
        self.galat[kode].value = ""
        self._ubah_rubrik()

    def _ubah_rubrik(self) -> None:
        if self._memuat or self.nip is None:
            return
        from sinovda.view.rubrik import status_penilaian

        isian = self.isian()
        try:
            self._nilai(isian)  # validates every score against its range
            self._simpan("rubrik", isian)
        except SinovdaError as e:
            self.status.value = kotak(f"Belum tersimpan: {esc(e)}", "galat")
            return
        self._jawaban = {**self._jawaban, MODUL: {**self._jawaban.get(MODUL, {}),
                                                   "rubrik": isian}}
        self._status[self.nip] = status_penilaian(self.nip, self._jawaban, self.rubrik)
        self._tersimpan()
        self._tampil_posisi()
        self._tampil_hasil(isian)

    def _ubah_catatan(self) -> None:
        if self._memuat or self.nip is None:
            return
        try:
            self._simpan("catatan", self.catatan.value)
        except SinovdaError as e:
            self.status.value = kotak(f"Catatan belum tersimpan: {esc(e)}", "galat")
            return
        self._tersimpan()

    def _tersimpan(self) -> None:
        jam = dt.datetime.now().strftime("%H:%M")
        self.status.value = kotak(f"Tersimpan {jam}", "ok")

    # -- display ----------------------------------------------------------------------------

    def _nilai(self, isian: Mapping[str, Any]) -> Any:
        from sinovda.view.rubrik import tampilan_rubrik

        return tampilan_rubrik(self._jawaban, self.rubrik, isian)

    def _tampil_hasil(self, isian: Mapping[str, Any]) -> None:
        try:
            t = self._nilai(isian)
        except SinovdaError as e:
            self.hasil.value = kotak(esc(e), "galat")
            return
        for b in t.baris:
            if b.sumber == "pelatih":
                teks = f"Skor pelatih: <b>{_format(b.skor)}</b>"
                if b.otomatis:
                    auto = ("" if b.skor_otomatis is None
                            else f" (skor otomatis {_format(b.skor_otomatis)})")
                    teks += f". Program mengukur: {esc(b.dasar)}{auto}."
            elif b.sumber == "otomatis":
                teks = (f"Skor otomatis: <b>{_format(b.skor)}</b>. Program mengukur: "
                        f"{esc(b.dasar)}. Tulis skor untuk menggantinya.")
            elif b.otomatis:
                teks = ("<span style='color:#b00020'>Belum dapat dinilai otomatis: "
                        f"{esc(b.dasar)}. Tulis skor.</span>")
            else:
                teks = "<span style='color:#b00020'>Belum dinilai: tulis skor.</span>"
            self.info[b.kode].value = f"<small>{teks}</small>"
            # the automatic score as a hint; constant per participant, so a save never sends a
            # widget update that could overwrite what the trainer is typing in another field
            self.skor[b.kode].placeholder = ("" if b.skor_otomatis is None
                                             else _format(b.skor_otomatis))
        total = (f"<b>{esc(t.total_teks)}</b>" if t.total is not None
                 else esc(t.total_teks))
        self.total.value = (f"<h4>Nilai rubrik: {total}</h4>"
                            f"<p><small>{esc(t.rumus)}</small></p>")
        self.hasil.value = ("<h4>Yang dibaca peserta</h4>" + tabel(
            ["Kriteria", "Skor", "Dinilai oleh", "Penjelasan"],
            [[b.nama, b.skor_teks, b.dinilai_oleh, b.penjelasan] for b in t.baris]))


def tampilkan(store: Any = None) -> FormPenilaian:
    """Show the grading form for the active class (under the hub: the store service)."""
    from IPython.display import display

    from sinovda.forms import konteks, pilih_kelas

    st = store if store is not None else konteks.store_aktif()
    pilih = pilih_kelas.siapkan(st)  # a hub serving several classes: the chosen class
    f = FormPenilaian(st)
    if pilih is None:
        display(f.widget)
        return f
    halaman = w.VBox([f.widget])

    def ganti(_: str) -> None:  # another class: another roster, a new form
        halaman.children = [FormPenilaian(st).widget]

    pilih.saat_ganti.append(ganti)
    display(w.VBox([pilih.widget, halaman]))
    return f
