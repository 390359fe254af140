"""Module 06 Penutup: post-test with N-gain, course evaluation, the whole rencana aksi on a page.

``tampilkan()`` shows the module for the active participant; ``FormPenutup(store, nip)`` builds
it. Tests use ``.tes`` (``TesAkhir``: ``.jawaban.inputs[soal_id]``, ``.kirim()``, ``.hasil``),
``.evaluasi`` (``FormEvaluasi``: ``.penyelenggara.inputs[kode]``, ``.fasilitator.inputs[nama]``,
``.komentar.inputs["komentar"]``, ``.tambah_fasilitator(nama)``) and ``.rencana`` (HTML pane).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda.forms import aturan_penutup as at
from sinovda.forms import halaman
from sinovda.forms.kolom import Kolom, tulis_angka
from sinovda.forms.panel import Mentah, PanelHTML, daftar, esc, html, kotak, tabel
from sinovda.forms.tes import FormTes
from sinovda.forms.widgets import KumpulanInput, Terikat
from sinovda.view.indikator import gagal_baris, lihat_indikator
from sinovda.view.inovasi import lihat_inovasi, rencana_aksi
from sinovda.view.kinerja import lihat_kinerja
from sinovda.view.latihan import ringkasan_keberlanjutan
from sinovda.view.masalah import lihat_masalah

MODUL = "penutup"


class TesAkhir(FormTes):
    """The post-test: the same questions as the pre-test in the participant's own order.

    Answers are saved one by one; "Kirim" submits to the server, which locks and scores the
    test; then the score, the pre-test score, the N-gain with its category (all as the server
    stored them, ``sinovda.view.tes.ringkasan_tes``) and each question's key and explanation
    show (the result also above the questions, in ``.ringkasan``).
    """

    def __init__(self, store: Any, nip: str) -> None:
        super().__init__(store, nip, tes="posttest", soal=at.soal_urut(nip),
                         pilihan=at.pilihan_soal, ringkasan=True)

    def html_hasil(self) -> str:
        """Post-test score, pre-test score and the N-gain with its category (safe HTML)."""
        post = self.server
        teks = (f"Post-test terkirim. Nilai Anda: <b>{esc(at.angka(post.nilai))}</b> "
                f"({post.benar} dari {post.total} soal benar).")
        r = at.ringkasan_tes(self.store.load_all(self.nip))
        if r["pre"] is None:
            return kotak(teks + "<br>Pre-test belum dikirim di modul 00, jadi N-gain tidak "
                         "dapat dihitung.", "peringatan")
        return kotak(teks + f"<br>Nilai pre-test: <b>{esc(r['pre_teks'])}</b>."
                     f"<br>N-gain: <b>{esc(r['n_gain_teks'])}</b>"
                     "<br><small>N-gain = (post − pre) ÷ (100 − pre).</small>", "ok")


class FormEvaluasi(Terikat):
    """The course evaluation as one stored dict (answer ``evaluasi``):
    ``{"penyelenggara": {aspek: 1-5}, "fasilitator": {nama: 1-5}, "komentar": str}``.
    """

    def __init__(self, store: Any, nip: str, fasilitator: list[str]) -> None:
        super().__init__(store, nip, MODUL, "evaluasi")
        awal = self._muat({})
        awal = awal if isinstance(awal, dict) else {}
        self.form = at.evaluasi()
        self._skala = [(f"{n} · {label}", n) for n, label in sorted(self.form.skala.items())]
        kol = [Kolom(a.kode, f"{a.label}: {a.pertanyaan}", "radio", pilihan=self._skala)
               for a in self.form.penyelenggara]
        self.penyelenggara = KumpulanInput(kol, awal.get("penyelenggara") or {}, self._setelah_ubah)
        nilai_fas = awal.get("fasilitator")
        nilai_fas = nilai_fas if isinstance(nilai_fas, dict) else {}
        self._nama = list(dict.fromkeys([*fasilitator, *nilai_fas]))
        self._nilai_fas_awal = dict(nilai_fas)
        self.fasilitator = self._buat_fasilitator()
        self.komentar = KumpulanInput([Kolom("komentar",
                                             self.form.pertanyaan_komentar or "Komentar",
                                             "teks_panjang")],
                               {"komentar": awal.get("komentar", "")}, self._setelah_ubah)
        self._kotak_fas = w.VBox(self._baris_fasilitator())
        self.nama_baru = w.Text(placeholder="Nama fasilitator", layout=w.Layout(width="20em"))
        self.tombol_fas = w.Button(description="Tambah fasilitator", icon="plus",
                                   layout=w.Layout(width="auto"))
        self.tombol_fas.on_click(lambda _b: self.tambah_fasilitator(self.nama_baru.value))
        self.pesan_fas = html("")
        tambah = [] if fasilitator else [
            html("<small>Kelas ini belum mencatat nama fasilitator: tambahkan sendiri.</small>"),
            w.HBox([self.nama_baru, self.tombol_fas]), self.pesan_fas]
        self.widget = w.VBox([
            html("<h4>Penyelenggaraan</h4>"), *self.penyelenggara.kotak(kol),
            html(f"<h4>Fasilitator</h4><div>{esc(self.form.pertanyaan_fasilitator)}</div>"),
            self._kotak_fas, *tambah, *self.komentar.kotak(list(self.komentar.kolom.values())),
            self.status])

    def _buat_fasilitator(self) -> KumpulanInput:
        kol = [Kolom(f"f{i}", n, "radio", pilihan=self._skala) for i, n in enumerate(self._nama)]
        awal = {f"f{i}": self._nilai_fas_awal.get(n) for i, n in enumerate(self._nama)}
        return KumpulanInput(kol, {k: v for k, v in awal.items() if v is not None},
                             self._setelah_ubah)

    def _baris_fasilitator(self) -> list[w.Widget]:
        return self.fasilitator.kotak(list(self.fasilitator.kolom.values()))

    def input_fasilitator(self, nama: str) -> w.Widget:
        """The rating input of facilitator ``nama``."""
        return self.fasilitator.inputs[f"f{self._nama.index(nama)}"]

    def tambah_fasilitator(self, nama: str) -> bool:
        """Add a facilitator to rate (not saved until rated)."""
        nama = " ".join(str(nama or "").split())
        if not nama:
            self.pesan_fas.value = kotak("Tulis nama fasilitator dulu.", "peringatan")
            return False
        if nama in self._nama:
            self.pesan_fas.value = kotak(f"{esc(nama)} sudah ada di daftar.", "info")
            return False
        self._nilai_fas_awal = self._nilai_fasilitator()
        self._nama.append(nama)
        self.fasilitator = self._buat_fasilitator()
        self._kotak_fas.children = tuple(self._baris_fasilitator())
        self.nama_baru.value = ""
        self.pesan_fas.value = ""
        return True

    def _nilai_fasilitator(self) -> dict[str, int]:
        v = self.fasilitator.nilai
        return {n: v[f"f{i}"] for i, n in enumerate(self._nama) if v.get(f"f{i}") is not None}

    @property
    def nilai(self) -> dict[str, Any]:
        return {"penyelenggara": {k: v for k, v in self.penyelenggara.nilai.items()
                                  if v is not None},
                "fasilitator": self._nilai_fasilitator(),
                "komentar": self.komentar.nilai.get("komentar", "")}

    def _ada_galat(self) -> bool:
        return self.penyelenggara.ada_galat() or self.fasilitator.ada_galat() \
            or self.komentar.ada_galat()


def cek_smart(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The failed SMART checks of one stored indicator row as (aspek, advice), from the view
    (``view.indikator.gagal_baris``, as module 03)."""
    return [(c.nama_aspek, c.pesan) for c in gagal_baris(row)]


def html_rencana_aksi(jawaban: dict[str, dict[str, Any]]) -> str:
    """The participant's whole plan on one page (all participant text escaped), read from the
    views (``sinovda.view``) so it says what modules 01-04 and the report say."""
    vm = lihat_masalah(jawaban)
    vi = lihat_inovasi(jawaban)
    inti = vm.isu_inti or "(belum dipilih)"
    if vm.isu_inti and not vm.isu_inti_dipilih:
        inti += " (bawaan: peringkat USG teratas)"
    bagian = ["<h3>Rencana aksi saya</h3>", "<h4>1. Masalah</h4>",
              tabel(["", ""], [("Isu inti", inti),
                               ("Akar masalah", vm.akar_masalah or "(belum diisi)")])]
    bagian.append("<h4>2. Inovasi</h4>")
    if vi.ada:
        bagian.append(tabel(["", ""], vi.rincian()))
    else:
        bagian.append(kotak("Inovasi belum diisi di modul 02.", "peringatan"))
    bagian.append("<h4>3. Rencana aksi</h4>")
    rows = rencana_aksi(jawaban)  # the view: numbered as module 02 and the grading page
    if rows:
        bagian.append(tabel(
            ["No", "Permasalahan", "Inovasi", "OPD penanggung jawab", "Target waktu",
             "Indikator keberhasilan", "Jangka pendek", "Jangka menengah", "Jangka panjang"],
            [(i, r.permasalahan, r.inovasi, r.opd, r.target_waktu, r.indikator_keberhasilan,
              r.jangka_pendek, r.jangka_menengah, r.jangka_panjang)
             for i, r in enumerate(rows, 1)]))
    else:
        bagian.append(kotak("Tabel rencana aksi belum diisi di modul 02.", "peringatan"))
    bagian.append("<h4>4. Indikator dan capaian</h4>")
    indikator = lihat_indikator(jawaban)
    if indikator:
        kinerja = {b.kode: b for b in lihat_kinerja(jawaban).baris}
        baris = []
        for d in indikator:
            smart: Any = d.vonis if d.memenuhi_smart else Mentah(
                daftar(f"{c.nama_aspek}: {c.pesan}" for c in d.gagal))
            capaian = "-"
            k = kinerja.get(d.kode)
            if k is not None and k.dilaporkan:
                capaian = (f"{tulis_angka(k.capaian)}% ({k.predikat_teks})"
                           if k.capaian is not None else k.catatan)
            baris.append((d.kode, d.nama, d.level, d.satuan, d.target, smart, capaian))
        bagian.append(tabel(["Kode", "Indikator", "Level", "Satuan", "Target", "Cek SMART",
                             "Capaian"], baris))
    else:
        bagian.append(kotak("Indikator belum diisi di modul 03.", "peringatan"))
    bagian.append("<h4>5. Keberlanjutan dan replikasi</h4>")
    keberlanjutan = ringkasan_keberlanjutan(jawaban)
    if any(teks for _, teks in keberlanjutan):
        bagian.append(tabel(["", ""], [(label, teks or "(belum diisi)")
                                       for label, teks in keberlanjutan]))
    else:
        bagian.append(kotak("Keberlanjutan dan replikasi belum diisi di modul 05.", "peringatan"))
    return "".join(bagian)


class FormPenutup:
    """Every part of module 06 for one participant, bound to the store."""

    def __init__(self, store: Any, nip: str) -> None:
        self.store, self.nip = store, nip
        self.tes = TesAkhir(store, nip)
        self.evaluasi = FormEvaluasi(store, nip, at.nama_fasilitator(store))
        self.rencana = PanelHTML(lambda: html_rencana_aksi(self.store.load_all(self.nip)))
        self.tombol_segarkan = w.Button(description="Segarkan", icon="refresh",
                                        layout=w.Layout(width="auto"))
        self.tombol_segarkan.on_click(lambda _b: self.rencana.perbarui())
        self.widget = self._tata()

    def _tata(self) -> w.Widget:
        # the view of the test state (as the N-gain below): no pre-test score, no N-gain
        belum_pre = at.ringkasan_tes(self.store.load_all(self.nip))["pre"] is None
        catatan = kotak("Pre-test di modul 00 belum dikirim: kerjakan dulu agar kemajuan belajar "
                        "(N-gain) dapat dihitung.", "peringatan") if belum_pre else ""
        mode = " Kunci dan pembahasan tiap soal (juga pre-test) tampil setelah dikirim."
        return w.VBox([
            halaman.kepala(self.store, self.nip),
            halaman.bagian("1. Post-test", html(catatan), self.tes.widget,
                           keterangan="Soal sama dengan pre-test, dengan urutan berbeda." + mode),
            halaman.bagian("2. Evaluasi pelatihan", self.evaluasi.widget,
                           keterangan="Skala 1 (sangat kurang) sampai 5 (sangat baik)."),
            halaman.bagian("3. Rencana aksi saya dalam satu halaman", self.tombol_segarkan,
                           self.rencana.widget),
        ])


def tampilkan() -> FormPenutup | None:
    """Show module 06 for the active participant (or say to open module 00 first)."""
    return halaman.buka(FormPenutup)
