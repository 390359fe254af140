"""Admin Kelas: the facilitator runs the class from the browser, without a terminal.

``FormAdmin(admin, store)``: ``admin`` is the class-admin service (``sinovda.hub.admin``:
``KlienAdmin`` under the hub, ``OperasiAdmin`` on one machine: the notebook wires it), ``store``
the class store (for answer history). Every action is decided and recorded on the server; the
page only shows the outcome (or the server's Indonesian message) in ``pesan``.

Tabs: Peserta (roster upload, with "peserta mengulang dari kelas lain" for a NIP already in
another class of the database, decided by the server: ``OperasiAdmin.impor_roster``; accounts,
new passcode with its slip as PDF, lift a lockout), Fasilitator (add/remove), Riwayat jawaban
(who saved each revision; restore one), Modul (lock/reopen for the class), Hasil & sertifikat
(release results, class settings for the certificate, build reports and certificates), Catatan
(the admin log).
"""

from __future__ import annotations

import base64
import json
from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.forms.panel import Mentah, esc, kotak, tabel

LEBAR = w.Layout(width="28em")
SETELAN = (("tanggal_mulai", "Tanggal mulai (TTTT-BB-HH)"),
           ("tanggal_selesai", "Tanggal selesai (TTTT-BB-HH)"),
           ("tempat", "Tempat"), ("jp", "Jam pelajaran (JP)"),
           ("pelatih", "Nama pelatih (penanda tangan)"),
           ("jabatan_pelatih", "Jabatan penanda tangan"), ("penyelenggara", "Penyelenggara"))


def tautan_unduh(isi: bytes, nama_berkas: str, teks: str, jenis: str = "application/pdf") -> str:
    """An HTML download link carrying ``isi`` (nothing is written on the server)."""
    data = base64.b64encode(isi).decode()
    return (f"<a download='{esc(nama_berkas)}' href='data:{jenis};base64,{data}' "
            f"style='font-weight:bold'>{esc(teks)}</a>")


def _pratinjau(nilai: Any, n: int = 120) -> str:
    teks = nilai if isinstance(nilai, str) else json.dumps(nilai, ensure_ascii=False)
    return teks if len(teks) <= n else teks[: n - 1] + "…"


class FormAdmin:
    """The facilitator's admin page."""

    def __init__(self, admin: Any, store: Any) -> None:
        self.admin = admin
        self.store = store
        self.data: dict[str, Any] = {}
        self.pesan = w.HTML()
        # Peserta
        self.unggah = w.FileUpload(accept=".csv,.xlsx", multiple=False,
                                   description="Pilih berkas")
        self.tombol_impor = w.Button(description="Impor roster", button_style="primary")
        self.kelas_lain = w.Checkbox(description="Peserta mengulang dari kelas lain",
                                     indent=False, layout=w.Layout(width="auto"))
        self.tabel_peserta = w.HTML()
        self.akun = w.Dropdown(description="Akun", layout=LEBAR)
        self.tombol_kode = w.Button(description="Buat kode akses baru")
        self.tombol_buka = w.Button(description="Buka kunci masuk")
        self.tombol_kode_semua = w.Button(description="Kode untuk semua yang belum punya",
                                          layout=w.Layout(width="auto"))
        self.slip = w.HTML()
        # Fasilitator
        self.fas_nama = w.Text(description="Nama akun", placeholder="mis. budi")
        self.fas_label = w.Text(description="Nama lengkap", placeholder="mis. Budi Santoso, M.Si.",
                                layout=LEBAR)
        self.tombol_fas = w.Button(description="Tambah fasilitator")
        self.fas_hapus = w.Dropdown(description="Fasilitator")
        self.tombol_hapus = w.Button(description="Hapus fasilitator", button_style="danger")
        # Riwayat
        self.r_peserta = w.Dropdown(description="Peserta", layout=LEBAR)
        self.r_modul = w.Dropdown(description="Modul")
        self.r_field = w.Dropdown(description="Isian")
        self.tombol_riwayat = w.Button(description="Tampilkan riwayat")
        self.tabel_riwayat = w.HTML()
        self.r_revisi = w.Dropdown(description="Revisi")
        self.tombol_pulihkan = w.Button(description="Pulihkan revisi ini")
        # Modul
        self.kotak_modul: dict[str, w.Checkbox] = {}
        self.box_modul = w.VBox()
        # Hasil
        self.rilis_pilih = w.SelectMultiple(description="Peserta", layout=w.Layout(
            width="28em", height="10em"))
        self.tombol_rilis_kelas = w.Button(description="Rilis ke seluruh kelas",
                                           button_style="success")
        self.tombol_rilis_pilih = w.Button(description="Rilis ke peserta terpilih")
        self.tombol_tarik = w.Button(description="Tarik semua rilis")
        self.status_rilis = w.HTML()
        self.setelan = {k: w.Text(description="", placeholder=label, layout=LEBAR)
                        for k, label in SETELAN}
        self.tombol_setelan = w.Button(description="Simpan setelan")
        self.tombol_laporan = w.Button(description="Buat laporan & sertifikat")
        self.status_laporan = w.HTML()
        self.tombol_unduh_sertifikat = w.Button(description="Unduh semua sertifikat (ZIP)",
                                                layout=w.Layout(width="auto"))
        self.tombol_unduh_rekap = w.Button(description="Unduh rekap kelas (Excel)",
                                           layout=w.Layout(width="auto"))
        self.unduhan = w.HTML()
        # Catatan
        self.tabel_log = w.HTML()
        self.tombol_muat = w.Button(description="Muat ulang", icon="refresh")

        for tombol, fungsi in (
            (self.tombol_impor, self.impor), (self.tombol_kode, self.kode_baru),
            (self.tombol_buka, self.buka_kunci), (self.tombol_kode_semua, self.kode_semua),
            (self.tombol_fas, self.tambah_fasilitator),
            (self.tombol_hapus, self.hapus_fasilitator), (self.tombol_riwayat, self.riwayat),
            (self.tombol_pulihkan, self.pulihkan),
            (self.tombol_rilis_kelas, lambda: self.rilis(None, True)),
            (self.tombol_rilis_pilih, lambda: self.rilis(list(self.rilis_pilih.value), True)),
            (self.tombol_tarik, lambda: self.rilis(None, False)),
            (self.tombol_setelan, self.simpan_setelan), (self.tombol_laporan, self.laporan),
            (self.tombol_unduh_sertifikat, lambda: self.unduh("sertifikat")),
            (self.tombol_unduh_rekap, lambda: self.unduh("rekap")),
            (self.tombol_muat, self.muat),
        ):
            tombol.on_click(lambda _b, f=fungsi: self._jalankan(f))
        self.r_peserta.observe(lambda _c: self._isian_riwayat(), names="value")
        self.r_modul.observe(lambda _c: self._isian_riwayat(), names="value")

        def bagian(*isi: w.Widget) -> w.VBox:
            return w.VBox(list(isi), layout=w.Layout(padding="0.5em"))

        self.tab = w.Tab(children=[
            bagian(w.HTML("<b>Impor roster</b> (CSV atau XLSX, kolom NIP, Nama, Jabatan, OPD, "
                          "Instansi). Bila ada baris yang salah, tidak ada yang diimpor dan "
                          "semua baris salah disebutkan."),
                   w.HBox([self.unggah, self.tombol_impor]),
                   w.HBox([self.kelas_lain, w.HTML(
                       "<small>(hub beberapa kelas: centang hanya bila roster memuat peserta "
                       "yang sudah terdaftar di kelas lain dan memang mengulang; ia lalu bekerja "
                       "di kelas yang paling baru dibuat. Hanya diterima bila Anda juga mengampu "
                       "kelas lain itu.)</small>")]),
                   self.tabel_peserta,
                   w.HTML("<b>Akun masuk</b>: kode akses baru (kode lama tidak berlaku lagi) "
                          "atau buka kunci setelah terlalu sering salah kode."),
                   self.akun, w.HBox([self.tombol_kode, self.tombol_buka]),
                   w.HTML("Peserta baru (mis. setelah impor roster) belum punya kode: buat "
                          "sekaligus dengan lembar slip PDF untuk digunting."),
                   self.tombol_kode_semua, self.slip),
            bagian(w.HTML("<b>Tambah fasilitator</b>: kode aksesnya tampil sekali. Fasilitator "
                          "yang sudah punya akun di kelas lain (hub beberapa kelas) cukup "
                          "ditulis nama akunnya: ia masuk ke kelas ini dengan kode akses yang "
                          "sudah dimilikinya."),
                   self.fas_nama, self.fas_label, self.tombol_fas,
                   w.HTML("<b>Hapus fasilitator</b> dari kelas ini (akun Anda sendiri tidak "
                          "dapat dihapus; di hub beberapa kelas, kelasnya yang lain tetap)."),
                   self.fas_hapus, self.tombol_hapus),
            bagian(w.HTML("Setiap simpanan jawaban tercatat: kapan dan oleh siapa. Memulihkan "
                          "menyimpan nilai lama sebagai jawaban terbaru; tidak ada yang hilang."),
                   self.r_peserta, w.HBox([self.r_modul, self.r_field]), self.tombol_riwayat,
                   self.tabel_riwayat, w.HBox([self.r_revisi, self.tombol_pulihkan])),
            bagian(w.HTML("Modul yang dikunci tidak dapat diubah peserta (mis. setelah sesi "
                          "ditutup). Centang untuk mengunci, hapus centang untuk membuka."),
                   self.box_modul),
            bagian(w.HTML("<b>Rilis hasil</b>: setelah dirilis, peserta melihat nilai pre/post-"
                          "test, N-gain, rubrik, komentar pelatih, dan dapat mengunduh laporannya "
                          "di halaman Hasil Saya."), self.status_rilis,
                   w.HBox([self.tombol_rilis_kelas, self.tombol_tarik]), self.rilis_pilih,
                   self.tombol_rilis_pilih,
                   w.HTML("<b>Setelan kelas untuk sertifikat</b>"),
                   *[w.HBox([w.Label(label, layout=w.Layout(width="16em")), self.setelan[k]])
                     for k, label in SETELAN],
                   self.tombol_setelan,
                   w.HTML("<b>Laporan dan sertifikat</b>: laporan PDF setiap peserta dan "
                          "sertifikat bagi yang memenuhi syarat."),
                   self.tombol_laporan, self.status_laporan,
                   w.HBox([self.tombol_unduh_sertifikat, self.tombol_unduh_rekap]),
                   self.unduhan),
            bagian(self.tabel_log),
        ])
        for i, judul in enumerate(("Peserta", "Fasilitator", "Riwayat jawaban", "Modul",
                                   "Hasil & sertifikat", "Catatan")):
            self.tab.set_title(i, judul)
        self.widget = w.VBox([w.HBox([self.tombol_muat]), self.pesan, self.tab])
        self._jalankan(self.muat, diam=True)

    # ----- plumbing ------------------------------------------------------------------------
    def _jalankan(self, fungsi: Any, diam: bool = False) -> None:
        try:
            hasil = fungsi()
        except SinovdaError as e:
            self.pesan.value = kotak(esc(e), "galat")
            return
        if isinstance(hasil, str) and not diam:
            self.pesan.value = kotak(hasil, "ok")

    def muat(self) -> str:
        """Read the class state from the server and fill every list."""
        self.data = d = self.admin.ringkas()
        peserta = d["peserta"]
        self.tabel_peserta.value = tabel(
            ["NIP", "Nama", "OPD", "Kode akses", "Masuk"],
            [(p["nip"], p["nama"], p["opd"], "ada" if p["punya_kode"] else "belum",
              f"terkunci s.d. {p['terkunci_sampai']}" if p["terkunci_sampai"] else "-")
             for p in peserta]) + f"<div>{len(peserta)} peserta</div>"
        akun = [(f"{p['nama']} ({p['nip']})", p["nip"]) for p in peserta]
        fas = [(f"{f['label']} ({f['nama']}, fasilitator)", f["nama"]) for f in d["fasilitator"]]
        self.akun.options = fas + akun
        self.fas_hapus.options = [(f"{f['label']} ({f['nama']})", f["nama"])
                                  for f in d["fasilitator"]]
        pilihan = [(f"{p['nama']} ({p['nip']})", p["nip"]) for p in peserta]
        lama = self.r_peserta.value
        self.r_peserta.options = pilihan
        if lama in dict((v, k) for k, v in pilihan):
            self.r_peserta.value = lama
        self.rilis_pilih.options = pilihan
        self._modul(d["modul_terkunci"])
        rilis = d["rilis"]
        self.status_rilis.value = kotak(
            "Hasil <b>sudah dirilis ke seluruh kelas</b>." if "*" in rilis else
            (f"Hasil dirilis ke {len(rilis)} peserta." if rilis else
             "Hasil <b>belum dirilis</b>: peserta melihat \"hasil belum dirilis\"."), "info")
        for k, _ in SETELAN:
            self.setelan[k].value = str(d["setelan"].get(k, ""))
        self.status_laporan.value = esc(d["laporan"].get("teks", ""))
        self.tabel_log.value = tabel(["Waktu (UTC)", "Oleh", "Tindakan", "Rincian"], [
            (c["waktu"].replace("T", " ")[:16], c["oleh"], c["aksi"], c["rincian"])
            for c in d["log"]]) if d["log"] else "Belum ada tindakan admin."
        return "Data kelas dimuat ulang."

    def _modul(self, terkunci: list[str]) -> None:
        from sinovda.data.content import load_kursus

        if not self.kotak_modul:
            for m in load_kursus().modul:
                cb = w.Checkbox(description=f"{m.nomor} {m.judul}", indent=False,
                                layout=w.Layout(width="40em"))
                cb.observe(lambda c, mid=m.id: self._jalankan(
                    lambda: self.kunci_modul(mid, bool(c["new"]))), names="value")
                self.kotak_modul[m.id] = cb
            self.box_modul.children = list(self.kotak_modul.values())
            self.r_modul.options = [(f"{m.nomor} {m.judul}", m.id) for m in load_kursus().modul]
        self._sinkron = True
        try:
            for mid, cb in self.kotak_modul.items():
                if cb.value != (mid in terkunci):
                    cb.value = mid in terkunci
        finally:
            self._sinkron = False

    # ----- actions -------------------------------------------------------------------------
    def impor(self) -> str:
        """Import the uploaded roster file."""
        berkas = list(self.unggah.value)
        if not berkas:
            raise SinovdaError("pilih berkas roster (.csv atau .xlsx) terlebih dahulu")
        b = berkas[0]
        if self.kelas_lain.value:
            h = self.admin.impor_roster(b["name"], bytes(b["content"]), kelas_lain=True)
        else:
            h = self.admin.impor_roster(b["name"], bytes(b["content"]))
        self.kelas_lain.value = False  # decided again for every roster
        self.muat()
        return (f"Roster {esc(b['name'])} diimpor: {h['dibaca']} peserta dibaca, {h['baru']} "
                f"baru, {h['diperbarui']} diperbarui.")

    def kode_baru(self) -> str:
        """A new passcode for the chosen account, with its slip to print."""
        if not self.akun.value:
            raise SinovdaError("pilih akun terlebih dahulu")
        h = self.admin.reset_kode(self.akun.value)
        pdf = self.admin.slip_pdf(h["nama"], h["label"], h["kode"],
                                  self.data.get("kelas", {}).get("nama", ""))
        self.slip.value = kotak(
            f"Kode akses baru untuk <b>{esc(h['label'])}</b> ({esc(h['nama'])}): "
            f"<code style='font-size:1.2em'>{esc(h['kode'])}</code> (tampil sekali). "
            + tautan_unduh(pdf, f"kode-akses-{h['nama']}.pdf", "Unduh slip (PDF)"), "ok")
        self.muat()
        return f"Kode akses baru dibuat untuk {esc(h['nama'])}; kode lama tidak berlaku lagi."

    def kode_semua(self) -> str:
        """Passcodes for every participant without one, as one sheet of slips."""
        slip = self.admin.kode_semua()
        if not slip:
            self.slip.value = ""
            return "Semua peserta sudah punya kode akses."
        pdf = self.admin.lembar_pdf(slip, self.data.get("kelas", {}).get("nama", ""))
        self.slip.value = kotak(
            f"{len(slip)} kode akses baru (tampil sekali): "
            + tautan_unduh(pdf, "lembar-kode-akses.pdf", "Unduh lembar slip (PDF)")
            + tabel(["NIP", "Nama", "Kode akses"], [(s["nama"], s["label"], s["kode"])
                                                    for s in slip]), "ok")
        self.muat()
        return f"{len(slip)} peserta mendapat kode akses; cetak lembarnya dan bagikan."

    def buka_kunci(self) -> str:
        if not self.akun.value:
            raise SinovdaError("pilih akun terlebih dahulu")
        h = self.admin.buka_kunci(self.akun.value)
        self.muat()
        return (f"Kunci masuk {esc(self.akun.value)} dibuka." if h["dibuka"] else
                f"Akun {esc(self.akun.value)} tidak sedang terkunci.")

    def tambah_fasilitator(self) -> str:
        h = self.admin.tambah_fasilitator(self.fas_nama.value, self.fas_label.value)
        self.fas_nama.value = self.fas_label.value = ""
        if h.get("gabung"):  # an existing account joined this class: no new passcode
            self.slip.value = ""
            self.muat()
            return (f"Fasilitator <b>{esc(h['label'])}</b> ({esc(h['nama'])}) sudah punya akun "
                    "dan kini juga fasilitator kelas ini. Ia masuk dengan kode akses yang sudah "
                    "dimilikinya (tidak ada kode baru).")
        pdf = self.admin.slip_pdf(h["nama"], h["label"], h["kode"],
                                  self.data.get("kelas", {}).get("nama", ""))
        self.slip.value = ""
        self.muat()
        return (f"Fasilitator <b>{esc(h['label'])}</b> ditambahkan. Akun: {esc(h['nama'])}, "
                f"kode akses <code>{esc(h['kode'])}</code> (tampil sekali). "
                + tautan_unduh(pdf, f"kode-akses-{h['nama']}.pdf", "Unduh slip (PDF)"))

    def hapus_fasilitator(self) -> str:
        if not self.fas_hapus.value:
            raise SinovdaError("pilih fasilitator terlebih dahulu")
        nama = self.fas_hapus.value
        self.admin.hapus_fasilitator(nama)
        self.muat()
        return f"Fasilitator {esc(nama)} dihapus dari kelas ini."

    def _isian_riwayat(self) -> None:
        if not self.r_peserta.value or not self.r_modul.value:
            self.r_field.options = []
            return
        try:
            isian = sorted(self.store.load_modul(self.r_peserta.value, self.r_modul.value))
        except SinovdaError as e:
            self.pesan.value = kotak(esc(e), "galat")
            isian = []
        self.r_field.options = isian
        self.r_field.value = isian[0] if isian else None

    def riwayat(self) -> str:
        """Show every saved value of the chosen answer, with who saved it."""
        nip, modul, field = self.r_peserta.value, self.r_modul.value, self.r_field.value
        if not (nip and modul and field):
            raise SinovdaError("pilih peserta, modul, dan isian yang sudah pernah diisi")
        revisi = self.store.history(nip, modul, field)
        self.tabel_riwayat.value = tabel(["Revisi", "Disimpan (UTC)", "Oleh", "Isi"], [
            (("▶ " if i == 0 else "") + str(r.id), r.saved_at.replace("T", " ")[:19],
             r.label_oleh, Mentah(f"<code>{esc(_pratinjau(r.value))}</code>"))
            for i, r in enumerate(revisi)])
        self.r_revisi.options = [(f"{r.id} ({r.saved_at[:16].replace('T', ' ')})", r.id)
                                 for r in revisi[1:]]
        return f"{len(revisi)} revisi untuk {esc(modul)}.{esc(field)}; ▶ = jawaban sekarang."

    def pulihkan(self) -> str:
        nip, modul, field = self.r_peserta.value, self.r_modul.value, self.r_field.value
        if self.r_revisi.value is None:
            raise SinovdaError("tampilkan riwayat lalu pilih revisi lama yang dipulihkan")
        rid = self.r_revisi.value
        baru = self.store.restore(nip, modul, field, int(rid))
        self.riwayat()
        return f"Revisi {rid} dipulihkan sebagai revisi {baru} ({esc(modul)}.{esc(field)})."

    def kunci_modul(self, modul: str, kunci: bool) -> str | None:
        if getattr(self, "_sinkron", False):
            return None
        self.admin.kunci_modul(modul, kunci)
        self.muat()
        return f"Modul {esc(modul)} {'dikunci' if kunci else 'dibuka kembali'}."

    def rilis(self, nips: list[str] | None, rilis: bool) -> str:
        if nips is not None and not nips:
            raise SinovdaError("pilih peserta yang hasilnya dirilis")
        self.admin.rilis(nips, rilis)
        self.muat()
        if not rilis:
            return "Semua rilis hasil ditarik."
        return ("Hasil dirilis ke seluruh kelas." if nips is None
                else f"Hasil dirilis ke {len(nips)} peserta.")

    def simpan_setelan(self) -> str:
        self.admin.atur_setelan({k: t.value for k, t in self.setelan.items()})
        self.muat()
        return "Setelan kelas disimpan."

    def unduh(self, jenis: str) -> str:
        """Every certificate as a ZIP to print, or the class recap workbook."""
        isi = self.admin.unduh_kelas(jenis)
        nama, tipe, teks = (("sertifikat.zip", "application/zip", "Simpan sertifikat.zip")
                            if jenis == "sertifikat" else
                            ("rekap.xlsx", "application/vnd.openxmlformats-officedocument."
                             "spreadsheetml.sheet", "Simpan rekap.xlsx"))
        self.unduhan.value = kotak(tautan_unduh(isi, nama, teks, tipe), "ok")
        return f"{esc(nama)} siap disimpan."

    def laporan(self) -> str:
        h = self.admin.buat_laporan()
        self.status_laporan.value = esc(h.get("teks", ""))
        return ("Laporan dan sertifikat sedang dibuat di server; tekan Muat ulang untuk "
                "melihat hasilnya.")


def tampilkan(admin: Any, store: Any = None) -> FormAdmin | None:
    """Show the admin page (``admin``: from ``sinovda.hub.admin.layanan_aktif()``)."""
    from IPython.display import display

    from sinovda.forms import konteks, pilih_kelas

    try:
        st = store if store is not None else konteks.store_aktif()
        pilih = pilih_kelas.siapkan(st, admin)  # the class chosen in the dashboard
        form = FormAdmin(admin, st)
    except SinovdaError as e:
        display(w.HTML(kotak(f"Halaman admin belum bisa dibuka: {esc(e)}", "galat")))
        return None
    if pilih is not None:
        pilih.saat_ganti.append(lambda _: form.muat())
        display(pilih.widget)
    display(form.widget)
    return form
