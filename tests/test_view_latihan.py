"""The practice checklists of issue 11 as pure views: grouping a self-check, barrier rules."""

from __future__ import annotations

from sinovda.view import latihan as vl


def test_lists_follow_the_seed_articles():
    assert [b.label for b in vl.INTEGRASI] == [  # seed 000
        "Keterpaduan perencanaan", "Dampak kinerja", "Efisiensi", "Keberlanjutan"]
    assert [b.kode for b in vl.KEBERHASILAN] == [  # seed 001
        "relevansi", "efisiensi", "dampak", "keberlanjutan", "replikasi"]
    assert len(vl.KOMPONEN) == 5 and vl.KOMPONEN[0].label == "Kepemimpinan visioner"
    kode = {b.kode for b in vl.STRATEGI}
    assert {"ekosistem", "kapasitas", "teknologi", "partisipasi", "evaluasi"} <= kode  # seed 004
    assert "insentif" in kode  # seed 002: penghargaan dan insentif
    assert "penghargaan" in {b.kode for b in vl.HAMBATAN}


def test_self_check_groups_by_status_and_lists_what_is_unanswered():
    h = vl.ringkas_cek({"keterpaduan": "sudah", "efisiensi": "belum", "dampak_kinerja": "?"},
                       vl.INTEGRASI)
    assert h.sudah == ("Keterpaduan perencanaan",) and h.belum == ("Efisiensi",)
    assert h.kosong == ("Dampak kinerja", "Keberlanjutan") and not h.lengkap
    assert vl.ringkas_cek(None, vl.KEBERHASILAN).kosong == tuple(b.label for b in vl.KEBERHASILAN)
    semua = vl.ringkas_cek({b.kode: "sebagian" for b in vl.KEBERHASILAN}, vl.KEBERHASILAN)
    assert semua.lengkap and len(semua.sebagian) == 5


def test_components_without_a_sentence_are_named():
    assert vl.komponen_kosong({"kepemimpinan": "Kepala Dinas", "budaya": "  "}) == [
        "Budaya organisasi inovatif", "Kolaborasi multipihak", "Teknologi digital",
        "Sistem evaluasi dan replikasi"]
    assert vl.komponen_kosong({b.kode: "ada" for b in vl.KOMPONEN}) == []


def test_a_barrier_needs_a_strategy_and_the_strategy_needs_steps():
    assert not vl.cek_hambatan(None, None).beres
    h = vl.cek_hambatan({"resistensi": True, "data": False}, {})
    assert h.hambatan == ("Penolakan terhadap perubahan",)
    assert any("strategi" in c for c in h.catatan)
    h = vl.cek_hambatan({"resistensi": True}, {"budaya": True, "langkah": ""})
    assert any("langkah konkret" in c for c in h.catatan)
    h = vl.cek_hambatan({"resistensi": True}, {"budaya": True, "langkah": "Coaching clinic TW I"})
    assert h.beres and h.strategi == ("Budaya kerja inovatif",)


def test_module_05_summary_rows_for_the_plan_page():
    jawaban = {"replikasi": {
        "keberlanjutan": {"regulasi": "Perbup 2027", "anggaran": " "},
        "integrasi": {"keterpaduan": "sudah", "dampak_kinerja": "sebagian"},
        "hambatan": {"resistensi": True, "data": False},
        "strategi": {"budaya": True, "insentif": True, "langkah": "Coaching clinic TW I"},
        "replikasi": {"daerah_sasaran": "Kecamatan Ubud", "jadwal": "2028"},
    }}
    baris = dict(vl.ringkasan_keberlanjutan(jawaban))
    assert baris["Regulasi"] == "Perbup 2027" and baris["Anggaran (Renja/RKPD)"] == ""
    assert baris["Keberhasilan integrasi"] == (
        "1 dari 4 sudah terpenuhi; belum penuh: Dampak kinerja, Efisiensi, Keberlanjutan")
    assert baris["Keberhasilan inovasi"] == ""  # not started: no summary
    assert baris["Hambatan"] == "Penolakan terhadap perubahan"
    assert baris["Strategi"] == "Budaya kerja inovatif, Penghargaan dan insentif"
    assert baris["Langkah mengatasi hambatan"] == "Coaching clinic TW I"
    assert baris["Rencana replikasi"] == "sasaran: Kecamatan Ubud; jadwal: 2028"
    assert all(teks == "" for _, teks in vl.ringkasan_keberlanjutan({}))
    assert all(teks == "" for _, teks in vl.ringkasan_keberlanjutan({"replikasi": "rusak"}))
