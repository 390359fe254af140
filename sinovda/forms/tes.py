"""A multiple-choice test bound to the store: the shared part of the pre-test and the post-test.

``FormTes`` shows the questions in the given order, saves each answer at once (one stored dict,
field ``field`` of ``modul``), and "Kirim jawaban" (``kirim()``) asks once when some questions
are unanswered, then marks ``field_selesai`` and locks the answers. Subclasses say what shows
under each question (``umpan_soal``) and after submitting (``html_hasil``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import esc, kotak
from sinovda.forms.widgets import FormDict


def _pilihan_bawaan(soal: Any) -> list[tuple[str, str]]:
    return list(soal.pilihan)


class FormTes:
    """One participant's test: ``.soal``, ``.jawaban`` (``FormDict``), ``.umpan[soal_id]``,
    ``.tombol_kirim``, ``.hasil``, ``.ringkasan`` (the result again, above the questions when
    ``ringkasan=True``), ``.selesai`` and ``.kirim()``.

    ``kunci_dijawab``: an answered question is locked at once (self-study pre-test).
    """

    def __init__(self, store: Any, nip: str, *, modul: str, field: str, field_selesai: str,
                 soal: Sequence[Any],
                 pilihan: Callable[[Any], Sequence[tuple[str, str]]] = _pilihan_bawaan,
                 ringkasan: bool = False, kunci_dijawab: bool = False) -> None:
        self.store, self.nip = store, nip
        self.modul, self.field, self.field_selesai = modul, field, field_selesai
        self.kunci_dijawab = kunci_dijawab
        self.soal = list(soal)
        kolom = [Kolom(s.id, f"{i}. {s.pertanyaan}", "radio",
                       pilihan=[(f"{h}. {t}", h) for h, t in pilihan(s)])
                 for i, s in enumerate(self.soal, 1)]
        self.jawaban = FormDict(store, nip, modul, field, kolom, tanpa_kosong=True)
        self.umpan = {s.id: w.HTML("") for s in self.soal}
        self.tombol_kirim = w.Button(description="Kirim jawaban", button_style="primary",
                                     icon="paper-plane", layout=w.Layout(width="auto"))
        self.tombol_kirim.on_click(lambda _b: self.kirim())
        self.hasil = w.HTML("")
        self.ringkasan = w.HTML("")
        self._minta_konfirmasi = False
        self.jawaban.on_change(lambda _v: self._segarkan())
        baris: list[w.Widget] = [self.ringkasan] if ringkasan else []
        for k, s in zip(kolom, self.soal, strict=True):
            baris += [w.HTML(f"<b>{esc(k.label)}</b>"), self.jawaban.inputs[s.id],
                      self.umpan[s.id]]
        self.widget = w.VBox([*baris, w.HBox([self.tombol_kirim, self.jawaban.status]),
                              self.hasil])
        self._segarkan()

    @property
    def selesai(self) -> bool:
        """True once the test is submitted (stored ``field_selesai``)."""
        return bool(self.store.load(self.nip, self.modul, self.field_selesai, default=False))

    def umpan_soal(self, soal: Any, pilih: str | None, selesai: bool) -> str:
        """Hook: the HTML under one question for this answer ("" shows nothing)."""
        return ""

    def html_hasil(self) -> str:
        """Hook: the result shown once submitted (safe HTML)."""
        raise NotImplementedError

    def _segarkan(self) -> None:
        jawab = self.jawaban.nilai
        selesai = self.selesai
        for s in self.soal:
            pilih = jawab.get(s.id)
            if pilih and self.kunci_dijawab:
                self.jawaban.inputs[s.id].disabled = True
            self.umpan[s.id].value = self.umpan_soal(s, pilih, selesai)
        if selesai:
            self.jawaban.kunci()
            self.tombol_kirim.disabled = True
            self.hasil.value = self.ringkasan.value = self.html_hasil()

    def kirim(self) -> bool:
        """Submit: marks ``field_selesai`` and locks the answers (asks once if some are
        unanswered); True when submitted."""
        if self.selesai:
            return True
        kosong = sum(1 for s in self.soal if not self.jawaban.nilai.get(s.id))
        if kosong and not self._minta_konfirmasi:
            self._minta_konfirmasi = True
            self.hasil.value = kotak(f"Masih ada {kosong} soal yang belum dijawab. Klik "
                                     "<b>Kirim jawaban</b> sekali lagi bila tetap ingin mengirim.",
                                     "peringatan")
            return False
        if not self.jawaban.simpan():
            self.hasil.value = kotak("Jawaban belum tersimpan; coba kirim lagi.", "galat")
            return False
        try:
            self.store.save(self.nip, self.modul, self.field_selesai, True)
        except SinovdaError as e:
            self.hasil.value = kotak(f"Gagal mengirim: {esc(e)}", "galat")
            return False
        self._segarkan()
        return True
