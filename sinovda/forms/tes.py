"""A multiple-choice test bound to the store: the shared part of the pre-test and the post-test.

``FormTes`` shows the questions in the given order (without any key: the participant's kernel
never has it) and saves each answer at once as a draft (one stored dict, field ``tes`` of its
module). "Kirim jawaban" (``kirim()``) asks once when some questions are unanswered, then submits
through ``sinovda.store.tes.kirim_tes``: the server (the hub's store service, or this computer in
self-study) checks, locks and scores the test. The form shows only what the server returns
(``.server``: ``HasilTes``): the score, and per question right/wrong, key and explanation only
once the post-test is submitted. Subclasses say what shows after submitting (``html_hasil``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import esc, html, kotak
from sinovda.forms.widgets import FormDict
from sinovda.store import tes as server_tes
from sinovda.store.tes import HasilSoal, HasilTes


def _pilihan_bawaan(soal: Any) -> list[tuple[str, str]]:
    return list(soal.pilihan)


def umpan_soal(h: HasilSoal) -> str:
    """Right/wrong with the key and explanation the server returned, as safe HTML."""
    if h.benar:
        return kotak("<b>Benar.</b> " + esc(h.pembahasan), "ok")
    kepala = "<b>Tidak dijawab.</b> " if not h.jawaban else "<b>Belum tepat.</b> "
    return kotak(kepala + f"Jawaban yang benar: {esc(h.kunci)}. {esc(h.teks_kunci)}. "
                 f"{esc(h.pembahasan)}", "peringatan")


class FormTes:
    """One participant's test: ``.soal``, ``.jawaban`` (``FormDict``), ``.umpan[soal_id]``,
    ``.tombol_kirim``, ``.hasil``, ``.ringkasan`` (the result again, above the questions when
    ``ringkasan=True``), ``.server`` (``HasilTes``), ``.selesai`` and ``.kirim()``.
    """

    def __init__(self, store: Any, nip: str, *, tes: str, soal: Sequence[Any],
                 pilihan: Callable[[Any], Sequence[tuple[str, str]]] = _pilihan_bawaan,
                 ringkasan: bool = False) -> None:
        self.store, self.nip, self.tes = store, nip, tes
        t = server_tes.tes_dari_nama(tes)
        self.modul, self.field = t.modul, t.field
        self.soal = list(soal)
        kolom = [Kolom(s.id, f"{i}. {s.pertanyaan}", "radio",
                       pilihan=[(f"{h}. {teks}", h) for h, teks in pilihan(s)])
                 for i, s in enumerate(self.soal, 1)]
        self.jawaban = FormDict(store, nip, self.modul, self.field, kolom, tanpa_kosong=True)
        self.umpan = {s.id: html("") for s in self.soal}
        self.tombol_kirim = w.Button(description="Kirim jawaban", button_style="primary",
                                     icon="paper-plane", layout=w.Layout(width="auto"))
        self.tombol_kirim.on_click(lambda _b: self.kirim())
        self.hasil = html("")
        self.ringkasan = html("")
        self._minta_konfirmasi = False
        self.server: HasilTes = self._tanya_server()
        baris: list[w.Widget] = [self.ringkasan] if ringkasan else []
        for k, s in zip(kolom, self.soal, strict=True):
            baris += [html(f"<b>{esc(k.label)}</b>"), self.jawaban.inputs[s.id],
                      self.umpan[s.id]]
        self.widget = w.VBox([*baris, w.HBox([self.tombol_kirim, self.jawaban.status]),
                              self.hasil])
        self._segarkan()

    def _tanya_server(self) -> HasilTes:
        try:
            return server_tes.hasil_tes(self.store, self.nip, self.tes)
        except SinovdaError as e:
            self.hasil.value = kotak(f"Status tes belum dapat dibaca: {esc(e)}", "galat")
            return HasilTes(tes=self.tes, selesai=False, total=len(self.soal))

    @property
    def selesai(self) -> bool:
        """True once the server says the test is submitted."""
        return self.server.selesai

    def html_hasil(self) -> str:
        """Hook: the result shown once submitted (safe HTML), from ``self.server``."""
        raise NotImplementedError

    def _segarkan(self) -> None:
        rinci = self.server.per_soal()
        for s in self.soal:
            h = rinci.get(s.id)
            self.umpan[s.id].value = umpan_soal(h) if h is not None else ""
        if self.selesai:
            self.jawaban.kunci()
            self.tombol_kirim.disabled = True
            self.hasil.value = self.ringkasan.value = self.html_hasil()

    def kirim(self) -> bool:
        """Submit to the server (asks once if some are unanswered); True when submitted."""
        if self.selesai:
            return True
        kosong = sum(1 for s in self.soal if not self.jawaban.nilai.get(s.id))
        if kosong and not self._minta_konfirmasi:
            self._minta_konfirmasi = True
            self.hasil.value = kotak(f"Masih ada {kosong} soal yang belum dijawab. Klik "
                                     "<b>Kirim jawaban</b> sekali lagi bila tetap ingin mengirim.",
                                     "peringatan")
            return False
        if not self.jawaban.simpan():  # e.g. changed in another window: the participant looks
            self.server = self._tanya_server()
            self._segarkan()
            pesan = (server_tes.PESAN_SUDAH.capitalize() + " (dikirim dari jendela lain)."
                     if self.selesai else "Jawaban belum tersimpan; periksa lalu kirim lagi.")
            self.hasil.value = kotak(esc(pesan), "galat")
            return False
        try:
            self.server = server_tes.kirim_tes(self.store, self.nip, self.tes,
                                               self.jawaban.nilai)
        except SinovdaError as e:
            self.server = self._tanya_server()  # e.g. submitted meanwhile in another window
            self._segarkan()
            self.hasil.value = kotak(f"Gagal mengirim: {esc(e)}", "galat")
            return False
        self._segarkan()
        return True
