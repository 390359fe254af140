"""Module 00 form: who am I (roster, typed NIP, self-study registration, hub user), the course
map, and the pre-test (own order, saved one by one, Kirim locks and scores)."""

from __future__ import annotations

import pytest

from sinovda.data import content
from sinovda.domain.peserta import Peserta
from sinovda.forms import konteks
from sinovda.forms.pengantar import FormPengantar
from sinovda.store.tes import kirim_tes

NIP = "198503152010011001"
NIP2 = "199002202015032002"


@pytest.fixture
def kelas_env(store, kelas, monkeypatch):
    store.upsert_peserta([Peserta(NIP2, "Sari Dewi", opd="Dinas Kesehatan")])
    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    return store


def _jawab_semua(tes, huruf="a"):
    for s in tes.soal:
        tes.jawaban.inputs[s.id].value = huruf


def test_choose_from_the_roster(kelas_env):
    f = FormPengantar(kelas_env)
    assert f.tes is None
    assert NIP2 in [v for _, v in f.pilih_roster.options]
    f.pilih_roster.value = NIP2
    f.tombol_pilih.click()
    assert konteks.peserta_aktif(kelas_env) == NIP2
    assert f.tes is not None and "Sari Dewi" in f.pesan_pilih.value


def test_the_roster_box_says_choose_your_name_until_one_is_chosen(kelas_env):
    f = FormPengantar(kelas_env)
    assert f.pilih_roster.label == "— pilih nama Anda —"  # shown in the box, not an empty box
    assert f.pilih_roster.value is None
    assert not f.pilih()  # nothing chosen yet: asked to choose, no one made active
    assert "Pilih nama Anda atau ketik NIP Anda." in f.pesan_pilih.value
    assert konteks.peserta_aktif(kelas_env) is None


def test_typed_nip_is_validated_and_must_be_on_the_roster(kelas_env):
    f = FormPengantar(kelas_env)
    f.ketik_nip.value = "198513322010011002"
    assert not f.pilih()
    assert "bulan" in f.pesan_pilih.value and "13" in f.pesan_pilih.value
    f.ketik_nip.value = "197001012000011001"
    assert not f.pilih()
    assert "tidak ada dalam daftar peserta" in f.pesan_pilih.value
    f.ketik_nip.value = NIP
    assert f.pilih()
    assert konteks.peserta_aktif(kelas_env) == NIP


def test_typed_nip_in_its_printed_form_and_a_future_tmt(kelas_env):
    f = FormPengantar(kelas_env)
    f.ketik_nip.value = "19850315 201001 1 001"  # as printed on the ID card: same NIP
    assert f.pilih()
    assert konteks.peserta_aktif(kelas_env) == NIP
    f.ketik_nip.value = "198503152085011002"  # TMT CPNS January 2085
    assert not f.pilih()
    assert "TMT CPNS Januari 2085 belum terjadi" in f.pesan_pilih.value


def test_self_study_registration_refuses_a_future_tmt_and_accepts_spaces():
    st = konteks.store_aktif()
    f = FormPengantar(st)
    f.daftar_inputs["nama"].value = "Made Wirawan"
    f.daftar_inputs["nip"].value = "198503152029011001"
    f.tombol_daftar.click()
    assert "TMT CPNS Januari 2029 belum terjadi" in f.pesan_daftar.value
    assert st.daftar_peserta() == []
    f.daftar_inputs["nip"].value = "19850315 201001 1 001"
    f.tombol_daftar.click()
    assert [p.nip for p in st.daftar_peserta()] == [NIP]


def test_self_study_registration_adds_the_participant():
    st = konteks.store_aktif()
    f = FormPengantar(st)
    f.daftar_inputs["nip"].value = "1985031520100110"
    f.tombol_daftar.click()
    assert "18 digit" in f.pesan_daftar.value and st.daftar_peserta() == []
    f.daftar_inputs["nip"].value = NIP
    f.tombol_daftar.click()
    assert "Nama lengkap wajib" in f.pesan_daftar.value
    f.daftar_inputs["nama"].value = "Made Wirawan"
    f.daftar_inputs["opd"].value = "Diskominfo"
    f.tombol_daftar.click()
    assert st.get_peserta(NIP) == Peserta(NIP, "Made Wirawan", opd="Diskominfo")
    assert konteks.peserta_aktif(st) == NIP
    assert FormPengantar(konteks.store_aktif()).nip == NIP  # reopened: still chosen


def test_hub_user_is_fixed(kelas_env, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", NIP2)
    f = FormPengantar(kelas_env)
    assert f.nip == NIP2 and f.tes is not None
    assert f.pilih_roster not in f.identitas.children


def test_pretest_order_is_per_participant_and_stable(kelas_env):
    a = FormPengantar(kelas_env, NIP).tes
    b = FormPengantar(kelas_env, NIP).tes
    c = FormPengantar(kelas_env, NIP2).tes
    assert [s.id for s in a.soal] == [s.id for s in b.soal]
    assert sorted(s.id for s in a.soal) == sorted(s.id for s in c.soal)
    assert [s.id for s in a.soal] != [s.id for s in c.soal]


def test_class_pretest_saves_each_answer_hides_the_key_then_scores(kelas_env):
    tes = FormPengantar(kelas_env, NIP).tes
    pertama = tes.soal[0]
    tes.jawaban.inputs[pertama.id].value = "b"
    assert kelas_env.load(NIP, "pengantar", "pretest") == {pertama.id: "b"}
    assert tes.umpan[pertama.id].value == ""
    assert not tes.jawaban.inputs[pertama.id].disabled
    assert not tes.kirim()  # incomplete: asks once
    assert "belum dijawab" in tes.hasil.value
    assert tes.kirim()
    assert kelas_env.load(NIP, "pengantar", "pretest_selesai") is True
    assert "Nilai Anda" in tes.hasil.value and "post-test" in tes.hasil.value
    assert all(v.value == "" for v in tes.umpan.values())
    tes.jawaban.inputs[pertama.id].value = "c"  # locked after Kirim
    assert kelas_env.load(NIP, "pengantar", "pretest") == {pertama.id: "b"}
    again = FormPengantar(kelas_env, NIP).tes
    assert again.jawaban.inputs[pertama.id].disabled
    assert again.tombol_kirim.disabled and "Nilai Anda" in again.hasil.value


def _kunci() -> dict[str, str]:
    """The test key, as only the server reads it (modul/kunci_tes.yaml)."""
    return {s.id: s.kunci for s in content.load_soal_tes_berkunci()}


def test_score_counts_right_answers(kelas_env):
    tes = FormPengantar(kelas_env, NIP).tes
    kunci = _kunci()
    for s in tes.soal:
        tes.jawaban.inputs[s.id].value = kunci[s.id]
    assert tes.kirim()
    n = len(tes.soal)
    assert f"{n} dari {n} soal benar" in tes.hasil.value and "<b>100</b>" in tes.hasil.value
    assert kelas_env.load(NIP, "pengantar", "pretest_skor") == {"benar": n, "total": n,
                                                                 "nilai": 100.0}


def _teks_form(tes) -> str:
    return " ".join([tes.hasil.value, tes.ringkasan.value, *(u.value for u in tes.umpan.values())])


def test_self_study_pretest_shows_no_key_or_explanation_before_the_posttest():
    st = konteks.store_aktif()
    st.upsert_peserta([Peserta(NIP, "Made")])
    tes = FormPengantar(st, NIP).tes
    assert all(s.kunci is None and s.pembahasan == "" for s in tes.soal)  # none in the kernel
    kunci = _kunci()
    s = tes.soal[0]
    salah = next(h for h, _ in s.pilihan if h != kunci[s.id])
    tes.jawaban.inputs[s.id].value = salah
    assert tes.umpan[s.id].value == "" and not tes.jawaban.inputs[s.id].disabled
    _jawab_semua(tes, "a")
    assert tes.kirim()
    benar = sum(1 for x in tes.soal if kunci[x.id] == "a")
    assert f"{benar} dari {len(tes.soal)} soal benar" in tes.hasil.value
    teks = _teks_form(tes)
    assert "Jawaban yang benar" not in teks and "Belum tepat" not in teks
    for k in content.load_kunci_tes().values():
        assert k.pembahasan[:30] not in teks


def test_course_map_shows_progress(kelas_env):
    f = FormPengantar(kelas_env, NIP)
    assert "01_masalah.ipynb" in f.peta.value and "Belum dimulai" in f.peta.value
    assert "Identifikasi Masalah" in f.tahapan.value and "Replikasi" in f.tahapan.value
    _jawab_semua(f.tes)
    f.tes.kirim()
    f.peta.perbarui()
    assert "Selesai" in f.peta.value



def test_class_pretest_explanations_open_after_the_posttest(kelas_env):
    tes = FormPengantar(kelas_env, NIP).tes
    _jawab_semua(tes, "a")
    tes.kirim()
    assert all(v.value == "" for v in tes.umpan.values())
    assert kirim_tes(kelas_env, NIP, "posttest", {}).terbuka  # the post-test, sent empty
    again = FormPengantar(kelas_env, NIP).tes
    s = again.soal[0]
    k = content.load_kunci_tes()[s.id]
    assert ("Benar" in again.umpan[s.id].value) == (k.kunci == "a")
    assert k.pembahasan[:20] in again.umpan[s.id].value.replace("&#x27;", "'").replace(
        "&quot;", '"')
    assert "Kunci jawaban dan pembahasan dibuka" not in again.hasil.value


def test_a_pretest_submitted_in_another_window_is_refused_with_a_message(kelas_env):
    a = FormPengantar(kelas_env, NIP).tes
    b = FormPengantar(kelas_env, NIP).tes
    _jawab_semua(a, "a")
    assert a.kirim()
    _jawab_semua(b, "b")  # the draft save is refused: the test is locked on the server
    assert b.kirim() is False
    assert "sudah dikirim" in b.hasil.value or "belum tersimpan" in b.hasil.value
    assert kelas_env.load(NIP, "pengantar", "pretest") == {s.id: "a" for s in a.soal}
    assert b.tombol_kirim.disabled or not b.kirim()
