"""Soal: a question refuses a malformed shape and checks answers by its key."""

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.soal import AturanButir, KunciSoal, Soal, skor_benar

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


def test_a_test_question_seen_by_a_participant_has_no_key_and_gets_it_on_the_server():
    s = soal(kunci=None, pembahasan="")
    assert not s.berkunci
    with pytest.raises(InputTidakValid, match="kunci tidak tersedia"):
        s.benar("b")
    with pytest.raises(InputTidakValid, match="ada pembahasan tetapi tidak ada kunci"):
        soal(kunci=None, pembahasan="bocor")
    penuh = s.dengan_kunci(KunciSoal("b", "Karena dua."))
    assert penuh.berkunci and penuh.benar("b") and penuh.tanpa_kunci() == s
    with pytest.raises(InputTidakValid, match="kunci 'e' bukan salah satu pilihan"):
        s.dengan_kunci(KunciSoal("e", "x"))


def test_item_rule_group_share_must_be_a_fraction_up_to_a_half():
    from sinovda.data.content import load_aturan_butir

    a = load_aturan_butir()
    with pytest.raises(InputTidakValid, match="harus di antara 0 dan 0,5"):
        AturanButir(0.6, a.kesukaran, a.daya_beda)
