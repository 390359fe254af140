"""Hasil Saya: a participant's own results, once the trainer released them.

``FormHasil(layanan, nip)``: ``layanan`` answers ``hasil(nip)`` and ``berkas(nip, jenis)``
(``sinovda.hub.admin``: the store service under the hub, which checks ownership and release on
the server; the class folder on one machine; self-study without a trainer). Before release the
page says "Hasil belum dirilis"; after it: pre-test and post-test scores with N-gain and its
category, the rubric scores with the trainer's comments and overall note, whether the
certificate's conditions are met, and buttons to download the own report and certificate PDF.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.forms.admin import tautan_unduh
from sinovda.forms.panel import daftar, esc, kotak, tabel

BELUM_DIRILIS = ("Hasil belum dirilis. Pelatih akan merilis nilai, komentar, dan laporan Anda "
                 "setelah penilaian selesai; tekan \"Periksa lagi\" nanti.")
JUDUL_BERKAS = {"laporan": "Unduh laporan saya (PDF)", "sertifikat": "Unduh sertifikat (PDF)"}


class FormHasil:
    """The "Hasil saya" page of one participant."""

    def __init__(self, layanan: Any, nip: str) -> None:
        self.layanan = layanan
        self.nip = nip
        self.data: dict[str, Any] = {}
        self.isi = w.HTML()
        self.unduhan = w.HTML()
        self.tombol = {j: w.Button(description=t, icon="download", layout=w.Layout(
            width="auto")) for j, t in JUDUL_BERKAS.items()}
        for jenis, b in self.tombol.items():
            b.on_click(lambda _b, j=jenis: self.unduh(j))
        self.periksa = w.Button(description="Periksa lagi", icon="refresh")
        self.periksa.on_click(lambda _b: self.muat())
        self.kotak_tombol = w.HBox(list(self.tombol.values()))
        self.widget = w.VBox([self.isi, self.kotak_tombol, self.unduhan, self.periksa])
        self.muat()

    def muat(self) -> None:
        """Ask the server for the results and show them."""
        self.unduhan.value = ""
        try:
            self.data = d = self.layanan.hasil(self.nip)
        except SinovdaError as e:
            self.data = {}
            self.isi.value = kotak(f"Hasil belum dapat dibuka: {esc(e)}", "galat")
            self.kotak_tombol.layout.display = "none"
            return
        if not d.get("dirilis"):
            self.isi.value = kotak(esc(BELUM_DIRILIS), "info")
            self.kotak_tombol.layout.display = "none"
            return
        self.isi.value = html_hasil(d)
        berkas = d.get("berkas") or {}
        for jenis, b in self.tombol.items():
            b.layout.display = None if berkas.get(jenis) else "none"
        self.kotak_tombol.layout.display = None

    def unduh(self, jenis: str) -> None:
        """Fetch the own PDF from the server and offer it as a download link."""
        try:
            isi = self.layanan.berkas(self.nip, jenis)
        except SinovdaError as e:
            self.unduhan.value = kotak(esc(e), "galat")
            return
        self.unduhan.value = kotak(tautan_unduh(isi, f"{jenis}-{self.nip}.pdf",
                                                f"Simpan {jenis}-{self.nip}.pdf"), "ok")


def html_hasil(d: dict[str, Any]) -> str:
    """The released results as HTML (every value from the server is escaped)."""
    t = d["tes"]
    bagian = [f"<h3>Hasil belajar: {esc(d.get('nama', ''))}</h3>", tabel(
        ["Pre-test", "Post-test", "N-gain (kategori)"],
        [(t["pre_teks"], t["post_teks"], t["n_gain_teks"])])]
    r = d["rubrik"]
    bagian.append(f"<h3>Penilaian rencana aksi: {esc(r['total_teks'])}</h3>")
    if r["baris"]:
        bagian.append(tabel(["Kriteria", "Skor", "Dinilai oleh", "Umpan balik pelatih"], [
            (b["nama"], b["skor_teks"], b["dinilai_oleh"], b["penjelasan"])
            for b in r["baris"]]))  # the view's text: the trainer's comment comes first
    if r.get("rumus"):
        bagian.append(f"<div style='color:#555;font-size:0.9em'>{esc(r['rumus'])}</div>")
    if r.get("catatan"):
        bagian.append(kotak(f"<b>Catatan pelatih:</b> {esc(r['catatan'])}", "info"))
    s = d["sertifikat"]
    if s["layak"]:
        kode = d.get("kode_sertifikat") or ""
        bagian.append(kotak("Anda memenuhi syarat sertifikat penyelesaian."
                            + (f" Kode verifikasi: <code>{esc(kode)}</code>" if kode else ""),
                            "ok"))
    else:
        bagian.append(kotak("Syarat sertifikat belum terpenuhi:" + daftar(s["kurang"]),
                            "peringatan"))
    return "".join(bagian)


def tampilkan(layanan: Any) -> FormHasil | None:
    """Show "Hasil saya" for the active participant (``layanan``: from
    ``sinovda.hub.admin.layanan_hasil()``), ending in Voila with "Kembali ke peta kursus" as
    every course page does (the course map and module 06 link here; the page had no way back)."""
    from sinovda.forms import halaman

    try:
        return _tampilkan(layanan)
    finally:
        halaman.navigasi()


def _tampilkan(layanan: Any) -> FormHasil | None:
    from IPython.display import display

    from sinovda.forms import halaman

    try:
        _store, nip = halaman.aktif()
        if nip is None:
            display(halaman.pesan_belum_memilih())
            return None
        form = FormHasil(layanan, nip)
    except SinovdaError as e:
        display(halaman.pesan_galat(e))
        return None
    display(w.VBox([halaman.kepala(_store, nip), form.widget]))
    return form
