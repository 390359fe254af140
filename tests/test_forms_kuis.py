"""Module quizzes (sinovda.forms.kuis): every bank question not in the test is practised at the
end of its module with immediate feedback; answers are stored in ``<modul>.kuis``; the whole
bank is shown somewhere (the test or a quiz)."""

from __future__ import annotations

import pytest
from conftest import NIP_PESERTA as NIP

from sinovda.data import content
from sinovda.forms import halaman
from sinovda.forms.kuis import FormKuis
from sinovda.forms.masalah import FormMasalah
from sinovda.forms.pengantar import FormPengantar
from sinovda.forms.penutup import FormPenutup


def test_answer_gets_immediate_feedback_and_is_stored(store):
    k = FormKuis(store, NIP, "masalah")
    s = next(x for x in k.soal if x.id == "m01-03")  # APKL first, then USG: key b
    assert k.umpan[s.id].value == ""
    k.jawaban.inputs[s.id].value = "a"
    assert "Belum tepat" in k.umpan[s.id].value and "Jawaban yang benar: b." in \
        k.umpan[s.id].value and "saringan" in k.umpan[s.id].value
    assert store.load(NIP, "masalah", "kuis") == {s.id: "a"}
    assert f"Benar 0 dari 1 soal yang dijawab ({len(k.soal)} soal)" in k.skor.value
    k.jawaban.inputs[s.id].value = "b"  # formative: may try again
    assert "Benar." in k.umpan[s.id].value
    assert store.load(NIP, "masalah", "kuis") == {s.id: "b"}
    lagi = FormKuis(store, NIP, "masalah")
    assert lagi.jawaban.inputs[s.id].value == "b" and "Benar." in lagi.umpan[s.id].value
    assert "Benar 1 dari 1" in lagi.skor.value


@pytest.mark.parametrize("modul_id", content.MODUL_PESERTA)
def test_each_module_quiz_holds_its_quiz_questions_only(store, modul_id):
    k = FormKuis(store, NIP, modul_id)
    tes = set(content.soal_tes())
    assert k.soal and all(s.modul == modul_id and s.id not in tes for s in k.soal)
    assert "Kuis modul" in k.widget.children[0].value


def test_module_page_shows_the_quiz_after_the_form(store):
    k = halaman.kuis(store, NIP, FormMasalah)
    assert isinstance(k, FormKuis) and k.modul == "masalah"
    assert halaman.kuis(store, NIP, lambda st, nip: None) is None  # no module id: nothing


def test_every_question_of_the_bank_is_shown_in_the_test_or_a_quiz(store, kelas, monkeypatch):
    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    ditampilkan: set[str] = set()
    pengantar = FormPengantar(store, NIP)
    assert pengantar.tes is not None and pengantar.kuis is not None
    assert pengantar.kuis.widget in pengantar.isi.children  # module 00 ends with its quiz
    ditampilkan |= {s.id for s in pengantar.tes.soal} | {s.id for s in pengantar.kuis.soal}
    ditampilkan |= {s.id for s in FormPenutup(store, NIP).tes.soal}
    for modul_id in content.MODUL_PESERTA[1:]:
        ditampilkan |= {s.id for s in FormKuis(store, NIP, modul_id).soal}
    assert ditampilkan == {s.id for s in content.load_soal()}
