"""Module 00 Pengantar: who am I, the course map with progress, the learning text, the pre-test.

``tampilkan()`` shows it; ``FormPengantar(store)`` builds it (tests use ``.pilih_roster``,
``.ketik_nip``, ``.tombol_pilih``, ``.daftar_inputs``, ``.tombol_daftar``, then ``.tes``).
Under JupyterHub (or with ``$SINOVDA_PESERTA``) the participant is fixed. The pre-test is
scored by the server and shows no answer key before the post-test, in a class and in
self-study alike.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.domain.peserta import Peserta, rapikan_nip, validasi_nip
from sinovda.forms import aturan_pengantar as ap
from sinovda.forms import halaman, konteks
from sinovda.forms.kuis import FormKuis
from sinovda.forms.panel import PanelHTML, esc, html, kotak, markdown, tabel
from sinovda.forms.tes import FormTes

MODUL = "pengantar"
DAFTAR_KOLOM = (("nip", "NIP (18 digit)"), ("nama", "Nama lengkap"), ("jabatan", "Jabatan"),
                ("opd", "Perangkat Daerah (OPD)"), ("instansi", "Instansi / Pemda"))


class TesAwal(FormTes):
    """The pre-test for one participant: questions in their own order, saved one by one.

    No key or explanation in any mode before the post-test is submitted: after Kirim only the
    score the server computed shows; the explanations open with the post-test (module 06).
    """

    def __init__(self, store: Any, nip: str, kelas: bool) -> None:
        self.kelas = kelas
        super().__init__(store, nip, tes="pretest", soal=ap.soal_urut(nip, "pretest"),
                         pilihan=ap.pilihan_soal)

    def html_hasil(self) -> str:
        """The pre-test score from the server, with a note while the answer key is closed."""
        h = self.server
        catatan = "" if h.terbuka else (
            "<br><small>Kunci jawaban dan pembahasan dibuka setelah Anda menyelesaikan "
            "post-test di modul 06.</small>")
        return kotak(f"Pre-test terkirim. Nilai Anda: <b>{esc(ap.angka(h.nilai))}</b> "
                     f"({h.benar} dari {h.total} soal benar).{catatan}", "ok")


class FormPengantar:
    """Module 00 for the active workspace: identity first, then the participant's parts."""

    def __init__(self, store: Any, nip: str | None = None) -> None:
        self.store = store
        self.kelas = konteks.mode_kelas()
        self.terkunci = konteks.nip_terkunci(store)
        self.pesan_pilih = html("")
        self.pesan_daftar = html("")
        self.isi = w.VBox([])
        self.tes: TesAwal | None = None
        self.kuis: FormKuis | None = None
        self.peta: PanelHTML | None = None
        self.nip: str | None = None
        self.identitas = self._bagian_identitas()
        self.widget = w.VBox([self.identitas, self.isi])
        awal = self.terkunci or nip or konteks.peserta_aktif(store)
        if awal and store.get_peserta(awal) is not None:
            self._bangun(awal)
        elif self.terkunci:
            self.pesan_pilih.value = kotak(
                f"NIP {esc(self.terkunci)} belum terdaftar di kelas ini. Hubungi fasilitator.",
                "galat")

    # --- who am I -----------------------------------------------------------------------
    def _bagian_identitas(self) -> w.Widget:
        # index 0: the box reads "— pilih nama Anda —" (value None showed an empty box)
        self.pilih_roster = w.Dropdown(options=self._opsi_roster(), index=0,
                                       layout=w.Layout(width="40em"))
        self.ketik_nip = w.Text(placeholder="atau ketik NIP Anda (18 digit)",
                                layout=w.Layout(width="20em"))
        self.tombol_pilih = w.Button(description="Pilih", button_style="primary",
                                     layout=w.Layout(width="auto"))
        self.tombol_pilih.on_click(lambda _b: self.pilih())
        self.daftar_inputs = {k: w.Text(layout=w.Layout(width="24em")) for k, _ in DAFTAR_KOLOM}
        self.tombol_daftar = w.Button(description="Daftarkan saya", button_style="primary",
                                      layout=w.Layout(width="auto"))
        self.tombol_daftar.on_click(lambda _b: self.daftar())
        if self.terkunci:
            return halaman.bagian("Siapa Anda", self.pesan_pilih,
                                  keterangan="Peserta sesi ini sudah ditetapkan saat Anda masuk.")
        isi: list[w.Widget] = []
        if self.store.daftar_peserta():
            isi += [html("Pilih nama Anda dari daftar peserta, atau ketik NIP Anda."),
                    self.pilih_roster, w.HBox([self.ketik_nip, self.tombol_pilih]),
                    self.pesan_pilih]
        elif self.kelas:
            isi.append(html(kotak("Daftar peserta kelas ini masih kosong. Hubungi fasilitator "
                                    "agar daftar peserta diimpor.", "peringatan")))
        if not self.kelas:
            formulir = [w.HBox([html(f"<div style='width:14em'>{esc(lbl)}</div>"),
                                self.daftar_inputs[k]]) for k, lbl in DAFTAR_KOLOM]
            isi += [html("<b>Belajar mandiri:</b> daftarkan diri Anda. Data disimpan di "
                           "komputer ini saja."),
                    *formulir, self.tombol_daftar, self.pesan_daftar]
        return halaman.bagian("Siapa Anda", *isi)

    def _opsi_roster(self) -> list[tuple[str, Any]]:
        opsi: list[tuple[str, Any]] = [("— pilih nama Anda —", None)]
        for p in self.store.daftar_peserta():
            opd = f" · {p.opd}" if p.opd else ""
            opsi.append((f"{p.nama} · {p.nip}{opd}", p.nip))
        return opsi

    def pilih(self) -> bool:
        """Use the typed NIP (validated), else the roster choice, as the active participant."""
        # the printed form with spaces (19850315 201001 1 001) is the same NIP
        nip = rapikan_nip(self.ketik_nip.value) or self.pilih_roster.value
        if not nip:
            self.pesan_pilih.value = kotak("Pilih nama Anda atau ketik NIP Anda.", "peringatan")
            return False
        try:
            validasi_nip(nip)
        except SinovdaError as e:
            self.pesan_pilih.value = kotak(f"NIP tidak valid: {esc(e)}", "galat")
            return False
        if self.store.get_peserta(nip) is None:
            self.pesan_pilih.value = kotak(
                f"NIP {esc(nip)} tidak ada dalam daftar peserta. Periksa lagi, atau hubungi "
                "fasilitator.", "galat")
            return False
        return self._aktifkan(nip, self.pesan_pilih)

    def daftar(self) -> bool:
        """Self-study: register (NIP validated, name required), then make it active."""
        data = {k: self.daftar_inputs[k].value.strip() for k, _ in DAFTAR_KOLOM}
        data["nip"] = rapikan_nip(data["nip"])
        try:
            validasi_nip(data["nip"])
        except SinovdaError as e:
            self.pesan_daftar.value = kotak(f"NIP tidak valid: {esc(e)}", "galat")
            return False
        if not data["nama"]:
            self.pesan_daftar.value = kotak("Nama lengkap wajib diisi.", "galat")
            return False
        try:
            self.store.upsert_peserta([Peserta(**data)])
        except SinovdaError as e:
            self.pesan_daftar.value = kotak(f"Gagal mendaftar: {esc(e)}", "galat")
            return False
        self.pilih_roster.options = self._opsi_roster()
        return self._aktifkan(data["nip"], self.pesan_daftar)

    def _aktifkan(self, nip: str, pesan: w.HTML) -> bool:
        try:
            konteks.pilih_peserta(nip, self.store)
        except SinovdaError as e:
            pesan.value = kotak(esc(e), "galat")
            return False
        p = self.store.get_peserta(nip)
        pesan.value = kotak(f"Selamat datang, <b>{esc(p.nama if p else nip)}</b>. Pilihan ini "
                            "dipakai di semua modul.", "ok")
        self._bangun(nip)
        return True

    # --- the participant's parts --------------------------------------------------------
    def _bangun(self, nip: str) -> None:
        self.nip = nip
        self.tes = TesAwal(self.store, nip, self.kelas)
        self.kuis = FormKuis(self.store, nip, MODUL)
        self.peta = PanelHTML(self._html_peta, self.tes.jawaban)
        self.tahapan = html(tabel(["Tahap", "Kegiatan utama", "Hasil", "Modul"],
                                    ap.tahapan_kursus()))
        self.isi.children = (
            halaman.kepala(self.store, nip),
            halaman.bagian("Peta kursus dan kemajuan Anda", self.peta.widget),
            halaman.bagian("Lima tahap pengembangan inovasi", self.tahapan),
            halaman.bagian("Bahan belajar", html(markdown(ap.teks(MODUL)))),
            halaman.bagian("Pre-test", self.tes.widget,
                           keterangan=self._keterangan_tes()),
            self.kuis.widget,
        )
        self.tes.tombol_kirim.on_click(lambda _b: self.peta.perbarui() if self.peta else None)

    def _keterangan_tes(self) -> str:
        return ("Jawab semua soal lalu klik <b>Kirim jawaban</b>. Jawaban tersimpan satu per "
                "satu; setelah dikirim Anda melihat nilai Anda. Kunci jawaban dan pembahasan "
                "dibuka setelah post-test, agar post-test mengukur apa yang Anda pelajari.")

    def _html_peta(self) -> str:
        assert self.nip is not None
        baris = ap.peta_kursus(self.store.load_all(self.nip))
        persen = ap.persen_kursus(self.store.load_all(self.nip))
        judul, hasil = ap.ringkasan_kursus()
        return (f"<p><b>{esc(judul)}</b>. Hasil akhir: {esc(hasil)}</p>"
                + tabel(["No", "Modul", "Status", "Buka"], baris)
                + f"<p>Kemajuan keseluruhan: <b>{str(persen).replace('.', ',')}%</b></p>"
                + "<p><a href='hasil_saya.ipynb' target='_self'><b>Hasil saya</b></a>: nilai "
                "pre/post-test, N-gain, komentar pelatih, laporan dan sertifikat (setelah "
                "dirilis pelatih)</p>")


def tampilkan() -> FormPengantar | None:
    """Show module 00 for the active workspace."""
    from IPython.display import display

    halaman.tunggu_permintaan()
    try:
        form = FormPengantar(konteks.store_aktif())
    except SinovdaError as e:
        display(halaman.pesan_galat(e))
        return None
    display(form.widget)
    halaman.navigasi()
    return form
