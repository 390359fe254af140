"""Module 06 on a real class store: post-test with N-gain, course evaluation, the plan on a page."""

from __future__ import annotations

from conftest import NIP_PESERTA as NIP

from sinovda.data import content
from sinovda.forms.penutup import FormPenutup, html_rencana_aksi
from sinovda.store.tes import kirim_tes


def _jawaban(benar: int) -> dict[str, str]:
    """Answers to the test with exactly ``benar`` right ones."""
    bank = {s.id: s for s in content.load_soal_tes_berkunci()}
    out = {}
    for i, sid in enumerate(content.soal_tes()):
        s = bank[sid]
        salah = next(h for h, _ in s.pilihan if h != s.kunci)
        out[sid] = s.kunci if i < benar else salah
    return out


def _terjawab(store) -> dict[str, str]:
    return store.load(NIP, "penutup", "posttest")


def test_posttest_answers_save_one_by_one_and_submit_locks_them(store):
    f = FormPenutup(store, NIP)
    pertama = f.tes.soal[0]
    assert pertama.kunci is None  # the form never holds the key
    kunci = content.load_kunci_tes()[pertama.id].kunci
    f.tes.jawaban.inputs[pertama.id].value = kunci
    assert _terjawab(store) == {pertama.id: kunci}
    assert f.tes.umpan[pertama.id].value == ""  # no answer key before submitting
    assert f.tes.kirim() is False and "belum dijawab" in f.tes.hasil.value  # asks once
    assert f.tes.kirim() is True
    assert store.load(NIP, "penutup", "posttest_selesai") is True
    f.tes.jawaban.inputs[pertama.id].value = next(h for h, _ in pertama.pilihan if h != kunci)
    assert _terjawab(store) == {pertama.id: kunci}
    assert "Benar" in f.tes.umpan[pertama.id].value
    kedua = f.tes.soal[1]  # unanswered: the key and explanation from the server
    assert "Tidak dijawab" in f.tes.umpan[kedua.id].value
    assert "Jawaban yang benar: " + content.load_kunci_tes()[kedua.id].kunci in \
        f.tes.umpan[kedua.id].value


def test_posttest_has_its_own_order_of_the_pretest_questions(store):
    f = FormPenutup(store, NIP)
    ids = [s.id for s in f.tes.soal]
    assert sorted(ids) == sorted(content.soal_tes())


def test_n_gain_is_shown_with_its_category(store):
    # ranah.md: pre 40, post 70, max 100 -> 0.50 sedang (30 questions: 12 then 21 right)
    kirim_tes(store, NIP, "pretest", _jawaban(12))
    store.save(NIP, "penutup", "posttest", _jawaban(21))  # the draft, saved one by one
    f = FormPenutup(store, NIP)
    assert f.tes.kirim() is True
    hasil = f.tes.hasil.value
    assert "Nilai Anda: <b>70</b>" in hasil and "pre-test: <b>40</b>" in hasil
    assert "N-gain: <b>0,5 (sedang)</b>" in hasil
    assert FormPenutup(store, NIP).tes.ringkasan.value == hasil  # shown above the questions
    assert store.load(NIP, "penutup", "posttest_skor") == {"benar": 21, "total": 30,
                                                            "nilai": 70.0}


def test_without_a_pretest_the_n_gain_is_not_computed(store):
    store.save(NIP, "penutup", "posttest", _jawaban(30))
    f = FormPenutup(store, NIP)
    assert f.tes.kirim() is True
    assert "tidak dapat dihitung" in f.tes.hasil.value


def test_evaluation_is_saved_in_the_contract_shape(store):
    f = FormPenutup(store, NIP)
    ev = f.evaluasi
    aspek = list(ev.penyelenggara.inputs)
    ev.penyelenggara.inputs[aspek[0]].value = 4
    assert ev.tambah_fasilitator("Dr. H. Ahmad Fauzi, M.Si.") is True
    ev.input_fasilitator("Dr. H. Ahmad Fauzi, M.Si.").value = 5
    ev.komentar.inputs["komentar"].value = "Waktu praktik <kurang>"
    assert store.load(NIP, "penutup", "evaluasi") == {
        "penyelenggara": {aspek[0]: 4},
        "fasilitator": {"Dr. H. Ahmad Fauzi, M.Si.": 5},
        "komentar": "Waktu praktik <kurang>",
    }
    g = FormPenutup(store, NIP)  # the restart case
    assert g.evaluasi.penyelenggara.inputs[aspek[0]].value == 4
    assert g.evaluasi.input_fasilitator("Dr. H. Ahmad Fauzi, M.Si.").value == 5
    assert g.evaluasi.komentar.inputs["komentar"].value == "Waktu praktik <kurang>"
    assert g.evaluasi.tambah_fasilitator("Dr. H. Ahmad Fauzi, M.Si.") is False


def test_the_plan_page_shows_every_part_and_escapes_participant_text(store):
    jahat = "<script>alert('x')</script>"
    store.save(NIP, "masalah", "isu_inti", "antrean panjang " + jahat)
    store.save(NIP, "inovasi", "inovasi", {"nama": "SIANTRI", "bentuk": "pelayanan_publik",
                                           "jenis": "digital"})
    store.save(NIP, "inovasi", "rencana_aksi", [{"permasalahan": "Layanan lambat",
                                                 "inovasi": "Aplikasi layanan online",
                                                 "opd": "Dinas PTSP", "target_waktu": "6 bulan",
                                                 "indikator_keberhasilan": "Waktu turun 50%"}])
    store.save(NIP, "indikator", "indikator", [
        {"kode": "IK-1", "nama": "Indeks kepuasan", "level": "outcome", "satuan": "indeks",
         "polaritas": "positif", "baseline": 78, "target": {"2027": 85},
         "sumber_data": "Survei", "penanggung_jawab": "Bidang Layanan", "agregasi": "posisi"},
        {"kode": "IK-2", "nama": "Layanan makin baik", "polaritas": "positif",
         "target": {"2027": "banyak"}}])
    store.save(NIP, "monev", "realisasi", {"IK-1": {"tahun": "2027", "tw": [80, None, None,
                                                                          None]}})
    html = html_rencana_aksi(store.load_all(NIP))
    assert jahat not in html and "&lt;script&gt;" in html
    for kata in ("SIANTRI", "Layanan lambat", "Dinas PTSP", "IK-1", "94,12%", "Sangat Tinggi",
                 "memenuhi semua pemeriksaan SMART", "(sementara)"):
        assert kata in html, kata
    assert "Pelayanan" in html  # the enum's label, not only its code
    assert "<td" in html and ">Outcome<" in html and ">outcome<" not in html  # level label
    f = FormPenutup(store, NIP)
    assert "SIANTRI" in f.rencana.value


def test_the_plan_page_says_what_is_still_empty(store):
    html = html_rencana_aksi(store.load_all(NIP))
    assert "modul 02" in html and "modul 03" in html
    assert "Keberlanjutan dan replikasi belum diisi di modul 05" in html


def test_the_plan_page_ends_with_sustainability_as_the_06_text_says(store):
    """The 06 text reads the plan as five parts; the fifth is module 05."""
    store.save(NIP, "replikasi", "keberlanjutan", {"regulasi": "Perbup <SIANTRI> 2027"})
    store.save(NIP, "replikasi", "hambatan", {"penghargaan": True})
    store.save(NIP, "replikasi", "strategi", {"insentif": True, "langkah": "Usulan Perbup"})
    html = html_rencana_aksi(store.load_all(NIP))
    assert "<h4>5. Keberlanjutan dan replikasi</h4>" in html
    assert "Perbup &lt;SIANTRI&gt; 2027" in html
    assert "Belum ada sistem penghargaan bagi inovator" in html
    assert "Penghargaan dan insentif" in html and "(belum diisi)" in html


def _semua_html(widget) -> str:
    """Every HTML text under a widget (what the page shows)."""
    teks = getattr(widget, "value", "") if type(widget).__name__ == "HTML" else ""
    return teks + "".join(_semua_html(c) for c in getattr(widget, "children", ()))


def test_pretest_notice_follows_the_view_of_the_test_state(store):
    """The notice above the post-test says what the N-gain below says: no pre-test score
    (``view.tes.ringkasan_tes``), no N-gain; a bare 'submitted' flag without the server's score
    does not hide it."""
    pesan = "Pre-test di modul 00 belum dikirim"
    assert pesan in _semua_html(FormPenutup(store, NIP).widget)
    kirim_tes(store, NIP, "pretest", _jawaban(12))
    assert pesan not in _semua_html(FormPenutup(store, NIP).widget)
    store.save(NIP, "pengantar", "pretest_skor", None, peran="sistem")  # flag without score
    assert pesan in _semua_html(FormPenutup(store, NIP).widget)
