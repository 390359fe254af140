"""Soal: a question refuses a malformed shape and checks answers by its key."""

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.soal import Soal, skor_benar

PILIHAN = (("a", "satu"), ("b", "dua"), ("c", "tiga"), ("d", "empat"))


def soal(**ubah) -> Soal:
    data = dict(id="m01-03", modul="masalah", pertanyaan="Berapa?", pilihan=PILIHAN,
                kunci="b", pembahasan="Karena dua.")
    data.update(ubah)
    return Soal(**data)


def test_answer_is_checked_against_key_ignoring_case_and_spaces():
    s = soal()
    assert s.benar("b") and s.benar(" B ")
    assert not s.benar("a") and not s.benar(None) and not s.benar("")
    assert s.opsi == dict(PILIHAN)


def test_key_outside_choices_is_named_in_the_message():
    with pytest.raises(InputTidakValid, match=r"soal 'm01-03': kunci 'e' bukan salah satu pilihan"):
        soal(kunci="e")


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        (dict(pilihan=(("a", "satu"), ("e", "lima"))), "pilihan 'e' bukan a, b, c, atau d"),
        (dict(pilihan=(("b", "dua"), ("a", "satu"))), "urut"),
        (dict(pilihan=(("a", "satu"),), kunci="a"), "dua pilihan"),
        (dict(pilihan=(("a", "satu"), ("b", " "))), "teks pilihan 'b' kosong"),
        (dict(pertanyaan=""), "'pertanyaan' kosong"),
        (dict(pembahasan="  "), "'pembahasan' kosong"),
        (dict(id=""), "tanpa id"),
    ],
)
def test_malformed_question_is_refused(ubah, pesan):
    with pytest.raises(InputTidakValid, match=pesan):
        soal(**ubah)


def test_score_counts_right_answers_only():
    bank = [soal(id="x1", kunci="a"), soal(id="x2", kunci="b"), soal(id="x3", kunci="c")]
    assert skor_benar(bank, {"x1": "a", "x2": "c", "x3": "C"}) == 2
    assert skor_benar(bank, {}) == 0
