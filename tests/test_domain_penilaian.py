"""Quiz score, reproducible question order, N-gain (ranah examples), weighted rubric."""

import subprocess
import sys

import pytest

from sinovda.data.settings import load_pengaturan, load_rubrik
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.penilaian import (
    KriteriaRubrik,
    PitaUmpanBalik,
    Rubrik,
    ngain,
    nilai_rubrik,
    skor_kuis,
    ukur_otomatis,
    urutan_pilihan,
    urutan_soal,
)

P = load_pengaturan()
NIP_A, NIP_B = "198503152010011001", "199007122022212015"
IDS = [f"q{i:02d}" for i in range(1, 21)]


def test_skor_kuis():
    kunci = {"q1": "a", "q2": "b", "q3": "c", "q4": "d"}
    h = skor_kuis({"q1": "A", "q2": " b", "q3": "d", "lain": "a"}, kunci)
    assert (h.benar, h.total, h.nilai) == (2, 4, 50.0)
    assert h.salah == ("q3",) and h.kosong == ("q4",)
    assert skor_kuis(None, kunci).nilai == 0
    with pytest.raises(InputTidakValid, match="kunci jawaban kosong"):
        skor_kuis({}, {})


def test_urutan_soal_tetap_per_peserta_dan_tes():
    a = urutan_soal(IDS, NIP_A, "pretest")
    assert sorted(a) == IDS
    assert urutan_soal(list(reversed(IDS)), NIP_A, "pretest") == a  # input order irrelevant
    assert urutan_soal(IDS, NIP_B, "pretest") != a
    assert urutan_soal(IDS, NIP_A, "posttest") != a
    assert sorted(urutan_pilihan("abcd", NIP_A, "pretest", "q01")) == list("abcd")


def test_urutan_soal_sama_di_proses_python_lain():
    kode = ("from sinovda.domain.penilaian import urutan_soal;"
            f"print(','.join(urutan_soal({IDS!r}, {NIP_A!r}, 'pretest')))")
    keluaran = {subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True,
                               check=True, env={"PYTHONHASHSEED": s}).stdout.strip()
                for s in ("1", "2")}
    assert keluaran == {",".join(urutan_soal(IDS, NIP_A, "pretest"))}


@pytest.mark.parametrize(
    ("pre", "post", "g", "kategori"),
    [(40, 70, 0.5, "sedang"), (50, 90, 0.8, "tinggi"), (40, 58, 0.3, "sedang"),
     (40, 82, 0.7, "tinggi"), (60, 60, 0.0, "rendah"), (80, 60, -1.0, "rendah")],
)
def test_ngain_ranah_dan_batas(pre, post, g, kategori):
    h = ngain(pre, post, P)
    assert h.g == pytest.approx(g) and h.kategori == kategori


def test_ngain_pre_maksimal_tidak_dapat_dihitung():
    h = ngain(100, 100, P)
    assert h.g is None and h.kategori == "tidak dapat dihitung (pre-test sudah maksimal)"
    assert ngain(10, 10, P, maks=10).g is None


def test_ngain_nilai_di_luar_rentang():
    with pytest.raises(InputTidakValid, match="post-test '120' harus angka 0-100"):
        ngain(40, 120, P)


# --- rubric ------------------------------------------------------------------------------

JAWABAN = {
    "masalah": {"isu": [{"judul": "Layanan lambat"}], "isu_inti": "Layanan lambat"},
    "inovasi": {
        "inovasi": {"nama": "Aplikasi layanan online"},
        "rencana_aksi": [{
            "permasalahan": "Layanan lambat", "inovasi": "Aplikasi layanan online",
            "opd": "Dinas PTSP", "target_waktu": "6 bulan",
            "indikator_keberhasilan": "IK-01 turun 50%", "jangka_pendek": "uji coba",
            "jangka_menengah": "semua loket", "jangka_panjang": ""}],
    },
    "indikator": {"indikator": [{
        "kode": "IK-01", "nama": "Waktu layanan", "level": "outcome", "satuan": "hari",
        "polaritas": "negatif", "baseline": 6, "target": {"2027": 3}, "sumber_data": "aplikasi",
        "penanggung_jawab": "", "agregasi": "posisi"}]},
}


def test_ukur_otomatis_dari_jawaban():
    u = ukur_otomatis(JAWABAN)
    assert u["kelengkapan_rencana_aksi"].nilai == pytest.approx(7 / 8)
    assert u["smart"].nilai == pytest.approx(9 / 10)
    assert u["keterkaitan"].nilai == 1
    assert "9 dari 10 cek SMART" in u["smart"].dasar
    kosong = ukur_otomatis({})
    assert all(v.nilai == 0 for v in kosong.values())


def test_rubrik_prefill_lalu_total_setelah_pelatih_menilai():
    r = load_rubrik()
    h = nilai_rubrik(r, JAWABAN)
    assert h.total is None
    assert set(h.belum_dinilai) == {"Ketajaman identifikasi masalah",
                                    "Kebaruan dan kemanfaatan inovasi",
                                    "Keberlanjutan dan peluang replikasi"}
    per = {n.kriteria.kode: n for n in h.kriteria}
    assert per["keterkaitan"].skor == 4 and per["keterkaitan"].sumber == "otomatis"
    assert per["smart"].skor == pytest.approx(1 + 0.9 * 3)
    assert per["smart"].umpan_balik == "Indikator memenuhi kaidah SMART."
    pelatih = {"masalah": {"skor": 4}, "kebaruan": {"skor": 1}, "keberlanjutan": {"skor": "2,5"},
               "keterkaitan": {"skor": 2, "komentar": "baris 2 belum nyambung"}}
    h = nilai_rubrik(r, {**JAWABAN, "penilaian": {"rubrik": pelatih}})
    per = {n.kriteria.kode: n for n in h.kriteria}
    assert per["keterkaitan"].skor == 2 and per["keterkaitan"].sumber == "pelatih"
    assert per["keterkaitan"].komentar == "baris 2 belum nyambung"
    assert "tersambung" in per["keterkaitan"].dasar
    # total = sum(bobot * (skor-1)/3) / 100 * 100
    lengkap = round(1 + 7 / 8 * 3, 2)  # the automatic score is shown and used rounded
    harap = (15 * 3 + 15 * 0 + 15 * (lengkap - 1) + 20 * 2.7 + 15 * 1 + 20 * 1.5) / 3
    assert h.total == pytest.approx(harap, abs=0.01)


def test_rubrik_skor_pelatih_di_luar_rentang_ditolak():
    with pytest.raises(InputTidakValid, match="skor kriteria 'Kebaruan dan kemanfaatan inovasi'"
                                              " '5' harus angka 1-4"):
        nilai_rubrik(load_rubrik(), JAWABAN, {"kebaruan": {"skor": 5}})


def test_rubrik_nilai_penuh_100_dan_umpan_balik_per_pita():
    k = KriteriaRubrik("x", "X", 1, 0, 10, umpan_balik=(
        PitaUmpanBalik(0, "kurang"), PitaUmpanBalik(5, "cukup"), PitaUmpanBalik(8, "baik")))
    r = Rubrik("uji", "", (k,))
    assert nilai_rubrik(r, {}, {"x": {"skor": 10}}).total == 100
    assert [k.umpan(s) for s in (0, 4.9, 5, 9)] == ["kurang", "kurang", "cukup", "baik"]
