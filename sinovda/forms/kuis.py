"""The short quiz at the end of a module page: practice that teaches (formative, not N-gain).

Every question of the bank that is not in the pre/post-test is a quiz question of its module
(``sinovda.data.content.soal_kuis``). ``FormKuis(store, nip, modul_id)`` shows them; each
answer is saved at once in the module's field ``kuis`` (``{soal_id: huruf}``) and gets its
feedback immediately: right or wrong, the key and the explanation
(``sinovda.view.tes.umpan_kuis``). The participant may change an answer and try again; the line
under the quiz counts the right answers. A module without quiz questions shows nothing.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sinovda.data import content
from sinovda.forms import halaman
from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import esc, html, kotak
from sinovda.forms.widgets import FormDict
from sinovda.view import tes as vt

FIELD = "kuis"


def html_umpan(u: vt.UmpanKuis | None) -> str:
    """The feedback box of one quiz answer (safe HTML; "" while unanswered)."""
    if u is None:
        return ""
    if u.benar:
        return kotak("<b>Benar.</b> " + esc(u.pembahasan), "ok")
    return kotak(f"<b>Belum tepat.</b> Jawaban yang benar: {esc(u.kunci)}. {esc(u.teks_kunci)}. "
                 f"{esc(u.pembahasan)}", "peringatan")


class FormKuis:
    """One module's quiz for one participant: ``.soal``, ``.jawaban`` (``FormDict`` of
    ``<modul>.kuis``), ``.umpan[soal_id]``, ``.skor`` and ``.widget`` (None-free: an empty box
    when the module has no quiz questions)."""

    def __init__(self, store: Any, nip: str, modul_id: str) -> None:
        self.store, self.nip, self.modul = store, nip, modul_id
        self.soal = content.soal_kuis(modul_id)
        kolom = [Kolom(s.id, f"{i}. {s.pertanyaan}", "radio",
                       pilihan=[(f"{h}. {t}", h) for h, t in s.pilihan])
                 for i, s in enumerate(self.soal, 1)]
        self.jawaban = FormDict(store, nip, modul_id, FIELD, kolom, tanpa_kosong=True)
        self.umpan = {s.id: html("") for s in self.soal}
        self.skor = html("")
        self.jawaban.on_change(lambda _v: self._segarkan())
        baris: list[w.Widget] = []
        for k, s in zip(kolom, self.soal, strict=True):
            baris += [html(f"<b>{esc(k.label)}</b>"), self.jawaban.inputs[s.id],
                      self.umpan[s.id]]
        nomor = content.load_kursus().cari(modul_id).nomor
        self.widget: w.Widget = halaman.bagian(
            f"Kuis modul {nomor}", *baris, w.HBox([self.skor, self.jawaban.status]),
            keterangan="Latihan singkat untuk memeriksa pemahaman Anda. Setiap jawaban langsung "
                       "diberi pembahasan; Anda boleh mengubahnya dan mencoba lagi. Nilai kuis "
                       "tidak masuk pre-test/post-test.",
        ) if self.soal else w.VBox([])
        self._segarkan()

    def _segarkan(self) -> None:
        jawab = self.jawaban.nilai
        for s in self.soal:
            self.umpan[s.id].value = html_umpan(vt.umpan_kuis(s, jawab.get(s.id)))
        benar, dijawab, total = vt.skor_kuis(self.soal, jawab)
        self.skor.value = (f"<span>Benar {benar} dari {dijawab} soal yang dijawab "
                           f"({total} soal).</span>") if self.soal else ""


def tampilkan(store: Any, nip: str, modul_id: str) -> FormKuis | None:
    """Show the module's quiz under its page (nothing when it has no quiz questions)."""
    from IPython.display import display

    form = FormKuis(store, nip, modul_id)
    if not form.soal:
        return None
    display(form.widget)
    return form
