"""The shared test form (``FormTes``): answers saved one by one as a draft, Kirim asks once when
some are unanswered, then submits to the server (``sinovda.store.tes.kirim_tes``), which locks
and scores it; the form shows only what the server returns."""

from __future__ import annotations

from conftest import NIP_PESERTA as NIP

from sinovda.data import content
from sinovda.forms.tes import FormTes
from sinovda.store.tes import kirim_tes

IDS = content.soal_tes()[:3]
SOAL = [s for s in content.load_soal() if s.id in IDS]
KUNCI = {k: v.kunci for k, v in content.load_kunci_tes().items()}


def _salah(sid: str) -> str:
    return next(h for h in "abcd" if h != KUNCI[sid])


class TesUji(FormTes):
    """The pre-test showing three of its questions; the result is the server's count."""

    def __init__(self, store, **opsi) -> None:
        super().__init__(store, NIP, tes="pretest", soal=SOAL, **opsi)

    def html_hasil(self):
        return f"Benar {self.server.benar} dari {self.server.total}"


def test_the_form_holds_no_key(store):
    t = TesUji(store)
    assert all(s.kunci is None and s.pembahasan == "" for s in t.soal)
    assert not t.server.selesai and t.server.soal == ()


def test_each_answer_is_saved_and_reloaded(store):
    t = TesUji(store)
    teks = [k.split(". ", 1)[1] for k, _ in t.jawaban.inputs[IDS[0]].options]
    assert teks == [x for _, x in SOAL[0].pilihan]
    t.jawaban.inputs[IDS[0]].value = "a"
    assert store.load(NIP, "pengantar", "pretest") == {IDS[0]: "a"}
    t.jawaban.inputs[IDS[1]].value = "b"
    assert store.load(NIP, "pengantar", "pretest") == {IDS[0]: "a", IDS[1]: "b"}
    lagi = TesUji(store)
    assert lagi.jawaban.inputs[IDS[1]].value == "b" and lagi.jawaban.inputs[IDS[2]].value \
        is None
    assert not lagi.selesai and not lagi.tombol_kirim.disabled and lagi.hasil.value == ""


def test_unanswered_questions_ask_once_then_submit(store):
    t = TesUji(store)
    t.jawaban.inputs[IDS[0]].value = KUNCI[IDS[0]]
    assert t.kirim() is False
    assert "Masih ada 2 soal yang belum dijawab" in t.hasil.value
    assert store.load(NIP, "pengantar", "pretest_selesai", default=None) is None
    t.jawaban.inputs[IDS[1]].value = KUNCI[IDS[1]]  # still one missing: not asked again
    assert t.kirim() is True
    assert store.load(NIP, "pengantar", "pretest_selesai") is True
    n = len(content.soal_tes())
    assert t.hasil.value == f"Benar 2 dari {n}"  # scored by the server over the whole test
    assert store.load(NIP, "pengantar", "pretest_skor")["benar"] == 2
    assert t.kirim() is True  # already sent: nothing changes


def test_complete_answers_submit_at_once_through_the_button(store):
    t = TesUji(store)
    for s in SOAL:
        t.jawaban.inputs[s.id].value = _salah(s.id)
    t.tombol_kirim.click()
    assert store.load(NIP, "pengantar", "pretest_selesai") is True
    assert t.hasil.value.startswith("Benar 0 dari") and t.tombol_kirim.disabled


def test_after_submitting_answers_are_locked_and_no_key_shows_before_the_posttest(store):
    t = TesUji(store)
    for s in SOAL:
        t.jawaban.inputs[s.id].value = _salah(s.id)
    assert t.kirim()
    assert all(t.jawaban.inputs[s.id].disabled for s in SOAL)
    assert [t.umpan[s.id].value for s in SOAL] == ["", "", ""]
    t.jawaban.inputs[IDS[0]].value = KUNCI[IDS[0]]
    assert t.jawaban.inputs[IDS[0]].value == _salah(IDS[0])  # reverted on screen
    assert store.load(NIP, "pengantar", "pretest") == {s.id: _salah(s.id) for s in SOAL}
    kirim_tes(store, NIP, "posttest", {})
    lagi = TesUji(store)
    assert lagi.tombol_kirim.disabled and lagi.hasil.value.startswith("Benar 0 dari")
    assert all("Belum tepat" in lagi.umpan[s.id].value for s in SOAL)
    assert f"Jawaban yang benar: {KUNCI[IDS[0]]}." in lagi.umpan[IDS[0]].value


def test_summary_above_the_questions_only_when_asked(store):
    tanpa = TesUji(store)
    assert tanpa.ringkasan not in tanpa.widget.children
    t = TesUji(store, ringkasan=True)
    assert t.widget.children[0] is t.ringkasan
    for s in SOAL:
        t.jawaban.inputs[s.id].value = KUNCI[s.id]
    assert t.kirim()
    assert t.ringkasan.value == t.hasil.value == f"Benar 3 dari {len(content.soal_tes())}"


def test_answers_changed_in_another_window_are_not_overwritten(store):
    t = TesUji(store)
    t.jawaban.inputs[IDS[0]].value = "a"
    store.save(NIP, "pengantar", "pretest", {IDS[0]: "b"})  # the same participant elsewhere
    t.jawaban.inputs[IDS[1]].value = "c"
    for _ in range(2):
        assert t.kirim() is False
    assert "Jawaban belum tersimpan" in t.hasil.value
    assert store.load(NIP, "pengantar", "pretest") == {IDS[0]: "b"}
    assert store.load(NIP, "pengantar", "pretest_selesai", default=None) is None


def test_a_test_submitted_elsewhere_is_refused_with_an_indonesian_message(store):
    t = TesUji(store)
    kirim_tes(store, NIP, "pretest", {IDS[0]: KUNCI[IDS[0]]})  # another window sent it
    for s in SOAL:  # the drafts are refused by the store: the test is locked
        t.jawaban.inputs[s.id].value = _salah(s.id)
    assert t.kirim() is False
    assert "Tes ini sudah dikirim" in t.hasil.value and t.tombol_kirim.disabled
    assert store.load(NIP, "pengantar", "pretest") == {IDS[0]: KUNCI[IDS[0]]}
