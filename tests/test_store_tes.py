"""Submitting a test is one server-side operation (sinovda.store.tes): answers checked, the test
claimed once, answers and score stored by "sistem", and only the score shown until the post-test
is submitted; the participant role cannot write the score or reopen a submitted test."""

from __future__ import annotations

import pytest
from conftest import NIP_PESERTA as NIP

from sinovda.data import content
from sinovda.domain.errors import AksesDitolak, InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.store import tes as st


@pytest.fixture
def kelas(lokasi) -> str:
    """The conftest class (``Kelas Uji`` with ``NIP_PESERTA``) on both backends: SQLite folder
    and PostgreSQL key (fixture ``lokasi``); ``store`` opens it."""
    from conftest import PESERTA

    from sinovda.store import Store

    tempat = lokasi("kelas")
    toko = Store.create(tempat, nama="Kelas Uji")
    toko.upsert_peserta([PESERTA])
    toko.close()
    return tempat


IDS = content.soal_tes()
KUNCI = {k: v.kunci for k, v in content.load_kunci_tes().items()}


def _jawaban(benar: int) -> dict[str, str]:
    """Answers with exactly ``benar`` right ones (the rest wrong)."""
    return {sid: KUNCI[sid] if i < benar else next(h for h in "abcd" if h != KUNCI[sid])
            for i, sid in enumerate(IDS)}


def test_submitting_stores_answers_lock_and_score_as_the_system(store):
    # ranah.md: a pre-test score of 40 (12 of the 30 questions right)
    h = st.kirim_tes(store, NIP, "pretest", _jawaban(12))
    assert (h.selesai, h.benar, h.total, h.nilai) == (True, 12, 30, 40.0)
    assert h.terbuka is False and h.soal == ()  # nothing per question before the post-test
    assert store.load(NIP, "pengantar", "pretest") == _jawaban(12)
    assert store.load(NIP, "pengantar", "pretest_selesai") is True
    assert store.load(NIP, "pengantar", "pretest_skor") == {"benar": 12, "total": 30,
                                                            "nilai": 40.0}
    for field in ("pretest", "pretest_selesai", "pretest_skor"):
        assert store.history(NIP, "pengantar", field)[0].oleh == "sistem"
    assert st.hasil_tes(store, NIP, "pretest") == h


def test_a_submitted_test_cannot_be_sent_again_or_rewritten(store):
    st.kirim_tes(store, NIP, "posttest", _jawaban(15))
    with pytest.raises(AksesDitolak, match="sudah dikirim"):
        st.kirim_tes(store, NIP, "posttest", _jawaban(30))
    with pytest.raises(AksesDitolak, match="sudah dikirim"):
        store.save(NIP, "penutup", "posttest", _jawaban(30))
    with pytest.raises(AksesDitolak):
        store.save(NIP, "penutup", "posttest_skor", {"benar": 20, "total": 20, "nilai": 100})
    assert st.hasil_tes(store, NIP, "posttest").nilai == 50.0


def test_the_participant_cannot_mark_a_test_submitted_or_write_its_score(store):
    with pytest.raises(AksesDitolak):
        store.save(NIP, "pengantar", "pretest_selesai", True)
    with pytest.raises(AksesDitolak):
        store.save(NIP, "pengantar", "pretest_skor", {"benar": 20, "total": 20, "nilai": 100})
    assert st.hasil_tes(store, NIP, "pretest").selesai is False


def test_the_key_opens_for_both_tests_once_the_posttest_is_submitted(store):
    st.kirim_tes(store, NIP, "pretest", _jawaban(12))
    post = st.kirim_tes(store, NIP, "posttest", _jawaban(21))
    assert post.terbuka and post.nilai == 70.0 and len(post.soal) == 30
    pre = st.hasil_tes(store, NIP, "pretest")
    assert pre.terbuka
    rinci = pre.per_soal()
    assert [rinci[i].benar for i in IDS] == [True] * 12 + [False] * 18
    k = content.load_kunci_tes()[IDS[0]]
    assert (rinci[IDS[0]].kunci, rinci[IDS[0]].pembahasan) == (k.kunci, k.pembahasan)
    assert st.HasilTes.dari_dict(pre.ke_dict()) == pre  # what travels through the service


def test_bad_answers_are_refused_and_nothing_is_saved(store):
    with pytest.raises(InputTidakValid, match=r"soal 'm09-99' bukan soal tes ini"):
        st.kirim_tes(store, NIP, "pretest", {"m09-99": "a"})
    with pytest.raises(InputTidakValid, match=rf"soal '{IDS[0]}': jawaban 'e' bukan salah satu"):
        st.kirim_tes(store, NIP, "pretest", {IDS[0]: "e"})
    with pytest.raises(InputTidakValid, match="tes 'ujian' tidak dikenal"):
        st.kirim_tes(store, NIP, "ujian", {})
    with pytest.raises(InputTidakValid, match="tidak ada dalam daftar peserta"):
        st.kirim_tes(store, "199001012015011001", "pretest", {})
    assert store.load(NIP, "pengantar", "pretest_selesai", default=None) is None
    h = st.kirim_tes(store, NIP, "pretest", {IDS[0]: " " + KUNCI[IDS[0]].upper(), IDS[1]: ""})
    assert (h.benar, h.nilai) == (1, 3.33)
    assert store.load(NIP, "pengantar", "pretest") == {IDS[0]: KUNCI[IDS[0]]}


def test_class_correction_matrix_and_scores_for_imported_submissions(store):
    lain = "199002202015032002"
    store.upsert_peserta([Peserta(lain, "Sari Dewi"), Peserta("199103032016041003", "Belum")])
    st.kirim_tes(store, NIP, "pretest", _jawaban(2))
    store.save(lain, "pengantar", "pretest", _jawaban(1), peran="sistem")  # e.g. seed data
    store.save(lain, "pengantar", "pretest_selesai", True, peran="sistem")
    assert st.hasil_tes(store, lain, "pretest").nilai == 3.33  # scored from the answers
    koreksi = st.koreksi_kelas(store, "pretest")
    assert set(koreksi) == {NIP, lain}  # only who submitted
    assert [koreksi[NIP][i] for i in IDS[:3]] == [True, True, False]
    assert [koreksi[lain][i] for i in IDS[:3]] == [True, False, False]
    assert st.lengkapi_skor(store) == 1
    assert store.load(lain, "pengantar", "pretest_skor") == {"benar": 1, "total": 30,
                                                             "nilai": 3.33}
    assert st.lengkapi_skor(store) == 0


def _kirim_di_proses(kelas: str, nip: str, jawaban: dict[str, str], mulai) -> str:
    """One submission from its own process and its own connection to the class."""
    from sinovda.store import Store

    toko = Store.open(kelas)
    mulai.wait(30)
    try:
        return f"ok {st.kirim_tes(toko, nip, 'posttest', jawaban).benar}"
    except AksesDitolak as e:
        return f"ditolak {e}"
    finally:
        toko.close()


def test_two_simultaneous_submissions_one_is_kept_whole(kelas):
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    with ctx.Manager() as m:
        mulai = m.Barrier(2)
        with ctx.Pool(2) as pool:
            hasil = pool.starmap(_kirim_di_proses, [(str(kelas), NIP, _jawaban(30), mulai),
                                                    (str(kelas), NIP, _jawaban(0), mulai)])
    menang = [h for h in hasil if h.startswith("ok")]
    assert len(menang) == 1, hasil
    assert any(h.startswith("ditolak") and "sudah dikirim" in h for h in hasil), hasil
    from sinovda.store import Store

    toko = Store.open(kelas)
    benar = int(menang[0].split()[1])
    assert toko.load(NIP, "penutup", "posttest") == _jawaban(benar)  # answers and score agree
    assert toko.load(NIP, "penutup", "posttest_skor")["benar"] == benar
