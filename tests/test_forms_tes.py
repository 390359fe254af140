"""The shared test form (``FormTes``): answers saved one by one, Kirim asks once when some are
unanswered, then marks the done field and locks the answers; hooks for feedback and result."""

from __future__ import annotations

from conftest import NIP_PESERTA as NIP

from sinovda.domain.soal import Soal
from sinovda.forms.tes import FormTes

SOAL = [Soal(f"m00-0{i}", "pengantar", f"Pertanyaan {i}?",
             (("a", "Satu"), ("b", "Dua"), ("c", "Tiga")), "b", f"Pembahasan {i}.")
        for i in (1, 2, 3)]


class TesUji(FormTes):
    """A test with per-question feedback after submitting and the count of right answers."""

    def __init__(self, store, **opsi) -> None:
        super().__init__(store, NIP, modul="uji", field="jawab", field_selesai="jawab_selesai",
                         soal=SOAL, **opsi)

    def umpan_soal(self, soal, pilih, selesai):
        return f"kunci {soal.kunci}" if selesai else ""

    def html_hasil(self):
        benar = sum(1 for s in self.soal if s.benar(self.jawaban.nilai.get(s.id)))
        return f"Benar {benar} dari {len(self.soal)}"


def test_each_answer_is_saved_and_reloaded(store):
    t = TesUji(store)
    assert [k.split(". ", 1)[1] for k, _ in t.jawaban.inputs["m00-01"].options] == \
        ["Satu", "Dua", "Tiga"]
    t.jawaban.inputs["m00-01"].value = "a"
    assert store.load(NIP, "uji", "jawab") == {"m00-01": "a"}
    t.jawaban.inputs["m00-02"].value = "b"
    assert store.load(NIP, "uji", "jawab") == {"m00-01": "a", "m00-02": "b"}
    lagi = TesUji(store)
    assert lagi.jawaban.inputs["m00-02"].value == "b" and lagi.jawaban.inputs["m00-03"].value \
        is None
    assert not lagi.selesai and not lagi.tombol_kirim.disabled and lagi.hasil.value == ""


def test_unanswered_questions_ask_once_then_submit(store):
    t = TesUji(store)
    t.jawaban.inputs["m00-01"].value = "b"
    assert t.kirim() is False
    assert "Masih ada 2 soal yang belum dijawab" in t.hasil.value
    assert store.load(NIP, "uji", "jawab_selesai", default=None) is None
    t.jawaban.inputs["m00-02"].value = "b"  # still one missing: not asked again
    assert t.kirim() is True
    assert store.load(NIP, "uji", "jawab_selesai") is True
    assert t.hasil.value == "Benar 2 dari 3"
    assert t.kirim() is True  # already sent: nothing changes


def test_complete_answers_submit_at_once_through_the_button(store):
    t = TesUji(store)
    for s in SOAL:
        t.jawaban.inputs[s.id].value = "a"
    t.tombol_kirim.click()
    assert store.load(NIP, "uji", "jawab_selesai") is True
    assert t.hasil.value == "Benar 0 dari 3" and t.tombol_kirim.disabled


def test_after_submitting_answers_are_locked_and_changes_not_saved(store):
    t = TesUji(store)
    for s in SOAL:
        t.jawaban.inputs[s.id].value = "c"
    assert [t.umpan[s.id].value for s in SOAL] == ["", "", ""]  # the hook: nothing before Kirim
    assert t.kirim()
    assert all(t.jawaban.inputs[s.id].disabled for s in SOAL)
    assert [t.umpan[s.id].value for s in SOAL] == ["kunci b"] * 3
    t.jawaban.inputs["m00-01"].value = "b"
    assert t.jawaban.inputs["m00-01"].value == "c"  # reverted on screen
    assert store.load(NIP, "uji", "jawab") == {s.id: "c" for s in SOAL}
    lagi = TesUji(store)
    assert lagi.tombol_kirim.disabled and lagi.hasil.value == "Benar 0 dari 3"
    lagi.jawaban.inputs["m00-02"].value = "b"
    assert store.load(NIP, "uji", "jawab")["m00-02"] == "c"


def test_summary_above_the_questions_only_when_asked(store):
    tanpa = TesUji(store)
    assert tanpa.ringkasan not in tanpa.widget.children
    t = TesUji(store, ringkasan=True)
    assert t.widget.children[0] is t.ringkasan
    for s in SOAL:
        t.jawaban.inputs[s.id].value = "b"
    assert t.kirim()
    assert t.ringkasan.value == t.hasil.value == "Benar 3 dari 3"


def test_lock_each_answered_question_at_once(store):
    t = TesUji(store, kunci_dijawab=True)
    t.jawaban.inputs["m00-01"].value = "a"
    assert t.jawaban.inputs["m00-01"].disabled
    assert not t.jawaban.inputs["m00-02"].disabled
    assert TesUji(store, kunci_dijawab=True).jawaban.inputs["m00-01"].disabled
    assert not TesUji(store).jawaban.inputs["m00-01"].disabled


def test_answers_changed_in_another_window_are_not_overwritten(store):
    t = TesUji(store)
    t.jawaban.inputs["m00-01"].value = "a"
    store.save(NIP, "uji", "jawab", {"m00-01": "b"})  # the same participant in another window
    t.jawaban.inputs["m00-02"].value = "c"
    for _ in range(2):
        assert t.kirim() is False
    assert "Jawaban belum tersimpan" in t.hasil.value
    assert store.load(NIP, "uji", "jawab") == {"m00-01": "b"}
    assert store.load(NIP, "uji", "jawab_selesai", default=None) is None
