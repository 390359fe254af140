"""Module 06 Penutup: post-test with N-gain, course evaluation, the whole rencana aksi on a page.

``tampilkan()`` shows the module for the active participant; ``FormPenutup(store, nip)`` builds
it. Tests use ``.tes`` (``TesAkhir``: ``.jawaban.inputs[soal_id]``, ``.kirim()``, ``.hasil``),
``.evaluasi`` (``FormEvaluasi``: ``.penyelenggara.inputs[kode]``, ``.fasilitator.inputs[nama]``,
``.komentar.inputs["komentar"]``, ``.tambah_fasilitator(nama)``) and ``.rencana`` (HTML pane).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda.domain import indikator as di
from sinovda.domain import inovasi as dinov
from sinovda.domain.errors import SinovdaError
from sinovda.forms import aturan_monev as am
from sinovda.forms import aturan_penutup as at
from sinovda.forms import halaman
from sinovda.forms.kolom import Kolom, tulis_angka, tulis_target
from sinovda.forms.panel import Mentah, PanelHTML, daftar, esc, kotak, tabel
from sinovda.forms.tes import FormTes
from sinovda.forms.widgets import _Isian, _Terikat

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


class FormEvaluasi(_Terikat):
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
        self.penyelenggara = _Isian(kol, awal.get("penyelenggara") or {}, self._setelah_ubah)
        nilai_fas = awal.get("fasilitator")
        nilai_fas = nilai_fas if isinstance(nilai_fas, dict) else {}
        self._nama = list(dict.fromkeys([*fasilitator, *nilai_fas]))
        self._nilai_fas_awal = dict(nilai_fas)
        self.fasilitator = self._buat_fasilitator()
        self.komentar = _Isian([Kolom("komentar", self.form.pertanyaan_komentar or "Komentar",
                                      "teks_panjang")],
                               {"komentar": awal.get("komentar", "")}, self._setelah_ubah)
        self._kotak_fas = w.VBox(self._baris_fasilitator())
        self.nama_baru = w.Text(placeholder="Nama fasilitator", layout=w.Layout(width="20em"))
        self.tombol_fas = w.Button(description="Tambah fasilitator", icon="plus",
                                   layout=w.Layout(width="auto"))
        self.tombol_fas.on_click(lambda _b: self.tambah_fasilitator(self.nama_baru.value))
        self.pesan_fas = w.HTML("")
        tambah = [] if fasilitator else [
            w.HTML("<small>Kelas ini belum mencatat nama fasilitator: tambahkan sendiri.</small>"),
            w.HBox([self.nama_baru, self.tombol_fas]), self.pesan_fas]
        self.widget = w.VBox([
            w.HTML("<h4>Penyelenggaraan</h4>"), *self.penyelenggara.kotak(kol),
            w.HTML(f"<h4>Fasilitator</h4><div>{esc(self.form.pertanyaan_fasilitator)}</div>"),
            self._kotak_fas, *tambah, *self.komentar.kotak(list(self.komentar.kolom.values())),
            self.status])

    def _buat_fasilitator(self) -> _Isian:
        kol = [Kolom(f"f{i}", n, "radio", pilihan=self._skala) for i, n in enumerate(self._nama)]
        awal = {f"f{i}": self._nilai_fas_awal.get(n) for i, n in enumerate(self._nama)}
        return _Isian(kol, {k: v for k, v in awal.items() if v is not None}, self._setelah_ubah)

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


def _label_enum() -> dict[str, dict[str, str]]:
    return {k: dict(v) for k, v in dinov.ENUM.items()}


def cek_smart(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The failed SMART checks of one stored indicator row as (aspek, advice): domain rule."""
    ind = di.Indikator.from_dict(row)
    return [(c.nama_aspek, c.pesan) for c in di.cek_smart(ind) if not c.lolos]


def html_rencana_aksi(jawaban: dict[str, dict[str, Any]]) -> str:
    """The participant's whole plan on one page (all participant text escaped)."""
    masalah = jawaban.get("masalah", {})
    inovasi = jawaban.get("inovasi", {})
    rec = inovasi.get("inovasi") if isinstance(inovasi.get("inovasi"), dict) else {}
    label = _label_enum()
    bagian = ["<h3>Rencana aksi saya</h3>", "<h4>1. Masalah</h4>",
              tabel(["", ""], [("Isu inti", masalah.get("isu_inti") or "(belum dipilih)"),
                               ("Akar masalah", masalah.get("akar_masalah") or "(belum diisi)")])]
    bagian.append("<h4>2. Inovasi</h4>")
    if rec:
        baris: list[tuple[Any, ...]] = [("Nama", rec.get("nama") or "-")]
        for k, judul in (("bentuk", "Bentuk"), ("jenis", "Jenis"), ("inisiator", "Inisiator"),
                         ("urusan", "Urusan"), ("tahapan", "Tahapan")):
            kode = str(rec.get(k) or "")
            baris.append((judul, label.get(k, {}).get(kode, kode) or "-"))
        baris += [("Cara kerja", rec.get("cara_kerja") or "-"),
                  ("Penerima manfaat", rec.get("penerima_manfaat") or "-")]
        bagian.append(tabel(["", ""], baris))
    else:
        bagian.append(kotak("Inovasi belum diisi di modul 02.", "peringatan"))
    bagian.append("<h4>3. Rencana aksi</h4>")
    rows = inovasi.get("rencana_aksi") if isinstance(inovasi.get("rencana_aksi"), list) else []
    if rows:
        bagian.append(tabel(
            ["No", "Permasalahan", "Inovasi", "OPD penanggung jawab", "Target waktu",
             "Indikator keberhasilan", "Jangka pendek", "Jangka menengah", "Jangka panjang"],
            [(i, r.get("permasalahan", ""), r.get("inovasi", ""), r.get("opd", ""),
              r.get("target_waktu", ""), r.get("indikator_keberhasilan", ""),
              r.get("jangka_pendek", ""), r.get("jangka_menengah", ""),
              r.get("jangka_panjang", "")) for i, r in enumerate(rows, 1)]))
    else:
        bagian.append(kotak("Tabel rencana aksi belum diisi di modul 02.", "peringatan"))
    bagian.append("<h4>4. Indikator dan capaian</h4>")
    indikator = jawaban.get("indikator", {}).get("indikator")
    indikator = indikator if isinstance(indikator, list) else []
    real = jawaban.get("monev", {}).get("realisasi")
    real = real if isinstance(real, dict) else {}
    if indikator:
        baris = []
        for r in indikator:
            try:
                gagal = cek_smart(r)
                smart = "memenuhi semua cek SMART" if not gagal else \
                    Mentah(daftar(f"{a}: {p}" for a, p in gagal))
            except SinovdaError as e:
                smart = str(e)
            capaian = "-"
            if r.get("kode"):
                h = am.hitung(r, real.get(str(r["kode"])))
                if h.capaian is not None:
                    capaian = f"{tulis_angka(round(h.capaian, 2))}% ({h.predikat})"
                elif h.catatan:
                    capaian = h.catatan
            target = r.get("target") if isinstance(r.get("target"), dict) else {}
            baris.append((r.get("kode", ""), r.get("nama", ""),
                          di.LEVEL.get(r.get("level", ""), r.get("level", "")),
                          r.get("satuan", ""), "; ".join(f"{t}: {tulis_target(v)}"
                                                         for t, v in sorted(target.items())),
                          smart, capaian))
        bagian.append(tabel(["Kode", "Indikator", "Level", "Satuan", "Target", "Cek SMART",
                             "Capaian"], baris))
    else:
        bagian.append(kotak("Indikator belum diisi di modul 03.", "peringatan"))
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
        belum_pre = not self.store.load(self.nip, "pengantar", "pretest_selesai", default=False)
        catatan = kotak("Pre-test di modul 00 belum dikirim: kerjakan dulu agar kemajuan belajar "
                        "(N-gain) dapat dihitung.", "peringatan") if belum_pre else ""
        mode = " Kunci dan pembahasan tiap soal (juga pre-test) tampil setelah dikirim."
        return w.VBox([
            halaman.kepala(self.store, self.nip),
            halaman.bagian("1. Post-test", w.HTML(catatan), self.tes.widget,
                           keterangan="Soal sama dengan pre-test, dengan urutan berbeda." + mode),
            halaman.bagian("2. Evaluasi pelatihan", self.evaluasi.widget,
                           keterangan="Skala 1 (sangat kurang) sampai 5 (sangat baik)."),
            halaman.bagian("3. Rencana aksi saya dalam satu halaman", self.tombol_segarkan,
                           self.rencana.widget),
        ])


def tampilkan() -> FormPenutup | None:
    """Show module 06 for the active participant (or say to open module 00 first)."""
    return halaman.buka(FormPenutup)
