"""Test and quiz views: stored scores and N-gain in one place, quiz feedback, and the item
statistics (difficulty p, upper-lower 27% discrimination D, point-biserial) with worked
examples."""

from __future__ import annotations

import pytest

from sinovda.data import content
from sinovda.domain.soal import Soal
from sinovda.view import tes as vt

PILIHAN = (("a", "satu"), ("b", "dua"), ("c", "tiga"), ("d", "empat"))


def _soal(sid: str) -> Soal:
    return Soal(sid, "masalah", f"Soal {sid}?", PILIHAN, level="C1")


SOAL = [_soal("x1"), _soal("x2"), _soal("x3")]
# four participants; totals A 3, B 2, C 1, D 1
KOREKSI = {
    "A": {"x1": True, "x2": True, "x3": True},
    "B": {"x1": True, "x2": True, "x3": False},
    "C": {"x1": True, "x2": False, "x3": False},
    "D": {"x1": False, "x2": False, "x3": True},
}


def test_groups_are_27_percent_at_least_one_and_ties_split_by_nip():
    assert vt.kelompok({"A": 3, "B": 2, "C": 1, "D": 1}, 0.27) == (["A"], ["D"])
    skor = {f"p{i:02d}": float(i) for i in range(10)}  # 10 x 0.27 = 2.7 -> 3 each
    atas, bawah = vt.kelompok(skor, 0.27)
    assert atas == ["p09", "p08", "p07"] and bawah == ["p02", "p01", "p00"]
    assert vt.kelompok({"A": 1}, 0.27) == ([], [])


def test_item_statistics_worked_example():
    stat = {b.id: b for b in vt.statistik_butir(KOREKSI, SOAL, content.load_aturan_butir())}
    x1, x2, x3 = stat["x1"], stat["x2"], stat["x3"]
    # x1: 3 of 4 right -> p 0.75 (mudah); upper A right, lower D wrong -> D = 1 - 0 = 1
    assert (x1.n, x1.benar, x1.p, x1.kesukaran, x1.d, x1.daya_beda) == \
        (4, 3, 0.75, "mudah", 1.0, "sangat baik")
    # r_pbis = (mean of the right 2.0 - mean 1.75) / sd 0.829 x sqrt(0.75/0.25) = 0.52
    assert x1.r_pbis == 0.52 and not x1.lemah
    assert (x2.p, x2.kesukaran, x2.d) == (0.5, "sedang", 1.0)
    # x3: A and D right -> D = 1 - 1 = 0: the lowest band, worth revising
    assert (x3.p, x3.d, x3.daya_beda, x3.lemah) == (0.5, 0.0, "perlu diperbaiki", True)
    assert x3.r_pbis == 0.3


def test_item_statistics_of_an_empty_class_and_a_negative_discrimination():
    aturan = content.load_aturan_butir()
    kosong = vt.statistik_butir({}, SOAL, aturan)
    assert [(b.n, b.p, b.d, b.kesukaran) for b in kosong] == [(0, None, None, "-")] * 3
    terbalik = {"A": {"x1": False, "x2": True}, "B": {"x1": True, "x2": False},
                "C": {"x1": True, "x2": False}}
    b = vt.statistik_butir(terbalik, SOAL[:1], aturan)[0]
    assert b.d is not None and b.d < 0 and b.lemah and b.daya_beda == "perlu diperbaiki"
    baris = vt.baris_statistik([b])
    assert len(baris[0]) == len(vt.KOLOM_STATISTIK) and baris[0][-1] == "perlu ditinjau"


def test_scores_and_n_gain_come_from_the_stored_server_scores():
    # ranah.md: pre 40, post 70 -> 0.50 sedang
    jawaban = {"pengantar": {"pretest_selesai": True,
                             "pretest_skor": {"benar": 12, "total": 30, "nilai": 40.0}},
               "penutup": {"posttest_selesai": True,
                           "posttest_skor": {"benar": 21, "total": 30, "nilai": 70.0}}}
    r = vt.ringkasan_tes(jawaban)
    assert (r["pre"], r["post"], r["n_gain"], r["kategori"]) == (40.0, 70.0, 0.5, "sedang")
    assert vt.ringkasan_tes({"pengantar": {"pretest": {"m00-01": "b"}}})["pre"] is None


def test_quiz_feedback_is_immediate_with_the_explanation():
    s = Soal("m01-03", "masalah", "Urutan?", PILIHAN, kunci="b", pembahasan="APKL dulu.",
             level="C2")
    assert vt.umpan_kuis(s, None) is None
    salah = vt.umpan_kuis(s, "a")
    assert salah is not None and not salah.benar and salah.teks_kunci == "dua"
    benar = vt.umpan_kuis(s, "b")
    assert benar is not None and benar.benar and benar.pembahasan == "APKL dulu."
    assert vt.skor_kuis([s], {"m01-03": "b"}) == (1, 1, 1)


@pytest.mark.parametrize("modul_id", ["pengantar", "masalah", "penutup"])
def test_every_quiz_question_carries_its_key(modul_id):
    for s in content.soal_kuis(modul_id):
        assert vt.umpan_kuis(s, s.kunci) is not None


def test_soal_urut_milik_peserta_tanpa_kunci_dan_tetap():
    """Each participant's test questions: every test question once, no key, the same order
    every time, and its own order for the pre-test and the post-test (module 00 and 06)."""
    nip = "198503152010011001"
    pre = vt.soal_urut(nip, "pretest")
    assert sorted(s.id for s in pre) == sorted(content.soal_tes())
    assert all(s.kunci is None for s in pre)
    assert [s.id for s in vt.soal_urut(nip, "pretest")] == [s.id for s in pre]
    assert [s.id for s in vt.soal_urut(nip, "posttest")] != [s.id for s in pre]
