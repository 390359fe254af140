"""The trainer's grading form: a participant's rencana aksi beside the rubric (modul/rubrik.yaml).

Criteria a program can judge are pre-filled by the domain ``penilaian`` module; a score typed by
the trainer overrides the automatic one (an empty box returns to it). Scores and comments are
saved on change in modul ``penilaian`` (fields ``rubrik``: ``{kode: {"skor", "komentar"}}`` and
``catatan``), where the participant's report and the class recap read them. An invalid score is
shown with its message and never replaces the saved one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.forms.panel import esc, kotak, tabel

MODUL = "penilaian"


def _angka(teks: str) -> float | str | None:
    teks = str(teks).strip().replace(",", ".")
    if not teks:
        return None
    try:
        return float(teks)
    except ValueError:
        return teks  # the domain names the criterion and the range


def _format(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:g}".replace(".", ",")


def html_karya(store: Any, nip: str) -> str:
    """The participant's core issue, innovation, rencana aksi and indicators (escaped)."""
    from sinovda.domain import rencana_aksi as dr
    from sinovda.domain.indikator import daftar_indikator, skor_smart

    j = store.load_all(nip)
    masalah, inovasi = j.get("masalah", {}), j.get("inovasi", {})
    ino = inovasi.get("inovasi") or {}
    bagian = [
        f"<p><b>Isu inti:</b> {esc(masalah.get('isu_inti') or '-')}<br>"
        f"<b>Akar masalah:</b> {esc(masalah.get('akar_masalah') or '-')}<br>"
        f"<b>Inovasi:</b> {esc(ino.get('nama') if isinstance(ino, Mapping) else '-') or '-'}</p>"
    ]
    try:
        rows = dr.daftar_baris(inovasi.get("rencana_aksi"))
    except SinovdaError as e:
        rows, bagian = [], [*bagian, kotak(esc(e), "peringatan")]
    if rows:
        kolom = list(dr.KOLOM)
        bagian.append("<h4>Rencana aksi</h4>" + tabel(
            list(dr.KOLOM.values()), [[getattr(r, k) for k in kolom] for r in rows]))
    else:
        bagian.append(kotak("Rencana aksi belum diisi.", "peringatan"))
    try:
        indikator = daftar_indikator(j.get("indikator", {}).get("indikator"))
    except SinovdaError as e:
        indikator, bagian = [], [*bagian, kotak(esc(e), "peringatan")]
    if indikator:
        bagian.append("<h4>Indikator</h4>" + tabel(
            ["Kode", "Indikator", "Level", "Satuan", "SMART"],
            [[i.kode, i.nama, i.level, i.satuan, f"{skor_smart(i) * 100:.0f}%"]
             for i in indikator]))
    return "".join(bagian)


class FormPenilaian:
    """Pick a participant, see their work beside the rubric, score and comment (saved on change)."""

    def __init__(self, store: Any, nip: str | None = None, rubrik: Any = None) -> None:
        from sinovda.data.settings import load_rubrik

        self.store = store
        self.rubrik = rubrik or load_rubrik()
        peserta = store.daftar_peserta()
        self.pilih = w.Dropdown(
            description="Peserta",
            options=[(f"{p.nama} ({p.nip})", p.nip) for p in peserta],
            value=nip if nip is not None else (peserta[0].nip if peserta else None),
            layout=w.Layout(width="36em"),
        )
        self.karya = w.HTML()
        self.skor: dict[str, w.Text] = {}
        self.komentar: dict[str, w.Text] = {}
        self.info: dict[str, w.HTML] = {}
        baris = []
        for k in self.rubrik.kriteria:
            self.skor[k.kode] = w.Text(
                description="Skor", continuous_update=False, layout=w.Layout(width="14em"))
            self.komentar[k.kode] = w.Text(
                description="Komentar", continuous_update=False, layout=w.Layout(width="30em"))
            self.info[k.kode] = w.HTML()
            judul = (f"<b>{esc(k.nama)}</b> (bobot {_format(k.bobot)}, skor "
                     f"{_format(k.skor_min)}-{_format(k.skor_maks)})<br>"
                     f"<small>{esc(k.deskripsi)}</small>")
            baris.append(w.VBox([w.HTML(judul), self.info[k.kode],
                                 w.HBox([self.skor[k.kode], self.komentar[k.kode]])],
                                layout=w.Layout(margin="0 0 0.8em 0")))
        self.catatan = w.Textarea(
            description="Catatan", continuous_update=False, layout=w.Layout(width="44em"))
        self.status = w.HTML()
        self.hasil = w.HTML()
        self._memuat = False
        for wid in [*self.skor.values(), *self.komentar.values()]:
            wid.observe(lambda _: self._ubah_rubrik(), "value")
        self.catatan.observe(lambda _: self._ubah_catatan(), "value")
        self.pilih.observe(lambda _: self.muat(), "value")
        rubrik_box = w.VBox([w.HTML(f"<h3>{esc(self.rubrik.nama)}</h3>"
                                    f"<small>{esc(self.rubrik.catatan)}</small>"),
                             *baris, self.catatan, self.status, self.hasil],
                            layout=w.Layout(width="52%"))
        karya_box = w.VBox([w.HTML("<h3>Karya peserta</h3>"), self.karya],
                           layout=w.Layout(width="48%", padding="0 1em 0 0"))
        self.widget = w.VBox([self.pilih, w.HBox([karya_box, rubrik_box])])
        self.muat()

    @property
    def nip(self) -> str | None:
        return self.pilih.value

    def muat(self) -> None:
        """Show the chosen participant's work and the saved (or automatic) scores."""
        self._memuat = True
        try:
            self.status.value = ""
            if self.nip is None:
                self.karya.value = kotak("Belum ada peserta di kelas ini.", "peringatan")
                return
            self.karya.value = html_karya(self.store, self.nip)
            tersimpan = self.store.load(self.nip, MODUL, "rubrik", {}) or {}
            for k in self.rubrik.kriteria:
                isian = tersimpan.get(k.kode) or {}
                skor = isian.get("skor") if isinstance(isian, Mapping) else isian
                self.skor[k.kode].value = "" if skor is None else _format(float(skor))
                komentar = isian.get("komentar", "") if isinstance(isian, Mapping) else ""
                self.komentar[k.kode].value = komentar or ""
            self.catatan.value = self.store.load(self.nip, MODUL, "catatan", "") or ""
        finally:
            self._memuat = False
        self._tampil_hasil(self.isian())

    def isian(self) -> dict[str, dict[str, Any]]:
        """The trainer's entries as stored: only criteria with a score or a comment."""
        hasil = {}
        for k in self.rubrik.kriteria:
            skor = _angka(self.skor[k.kode].value)
            komentar = self.komentar[k.kode].value.strip()
            if skor is not None or komentar:
                hasil[k.kode] = {"skor": skor, "komentar": komentar}
        return hasil

    def _nilai(self, isian: Mapping[str, Any]) -> Any:
        from sinovda.domain.penilaian import nilai_rubrik

        return nilai_rubrik(self.rubrik, self.store.load_all(self.nip), isian)

    def _ubah_rubrik(self) -> None:
        if self._memuat or self.nip is None:
            return
        isian = self.isian()
        try:
            self._nilai(isian)  # validates every score against its range
            self.store.save(self.nip, MODUL, "rubrik", isian)
        except SinovdaError as e:
            self.status.value = kotak(f"Belum tersimpan: {esc(e)}", "galat")
            return
        self._tersimpan()
        self._tampil_hasil(isian)

    def _ubah_catatan(self) -> None:
        if self._memuat or self.nip is None:
            return
        try:
            self.store.save(self.nip, MODUL, "catatan", self.catatan.value)
        except SinovdaError as e:
            self.status.value = kotak(f"Catatan belum tersimpan: {esc(e)}", "galat")
            return
        self._tersimpan()

    def _tersimpan(self) -> None:
        jam = dt.datetime.now().strftime("%H:%M")
        self.status.value = kotak(f"Tersimpan {jam}", "ok")

    def _tampil_hasil(self, isian: Mapping[str, Any]) -> None:
        try:
            h = self._nilai(isian)
        except SinovdaError as e:
            self.hasil.value = kotak(esc(e), "galat")
            return
        for n in h.kriteria:
            kode = n.kriteria.kode
            if n.sumber == "pelatih":
                teks = f"Skor pelatih: <b>{_format(n.skor)}</b>"
                if n.dasar:
                    teks += f" (otomatis dari program: {esc(n.dasar)})"
            elif n.sumber == "otomatis":
                teks = (f"Skor otomatis: <b>{_format(n.skor)}</b> dari {esc(n.dasar)}. "
                        "Tulis skor untuk menggantinya.")
            else:
                teks = "<span style='color:#b00020'>Belum dinilai: tulis skor.</span>"
            self.info[kode].value = f"<small>{teks}</small>"
            self.skor[kode].placeholder = "" if n.skor is None else _format(n.skor)
        total = ("belum lengkap: " + esc(", ".join(h.belum_dinilai))
                 if h.total is None else f"<b>{_format(h.total)}</b> dari 100")
        baris = [[n.kriteria.nama, _format(n.skor), n.sumber, n.umpan_balik] for n in h.kriteria]
        self.hasil.value = (f"<h4>Nilai rubrik: {total}</h4>"
                            + tabel(["Kriteria", "Skor", "Sumber", "Umpan balik"], baris))


def tampilkan(store: Any = None) -> FormPenilaian:
    """Show the grading form for the active class (under the hub: the store service)."""
    from IPython.display import display

    from sinovda.forms import konteks

    f = FormPenilaian(store if store is not None else konteks.store_aktif())
    display(f.widget)
    return f
