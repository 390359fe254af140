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
    periksa_skor,
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


def test_ngain_dikategorikan_sebelum_dibulatkan():
    # g = 69/99 = 0.697: Hake "sedang" (0.3 <= g < 0.7), although shown rounded as 0.70
    h = ngain(1, 70, P)
    assert h.g == pytest.approx(0.7) and h.kategori == "sedang"
    assert ngain(10, 73, P).kategori == "tinggi"  # 63/90 = 0.7 exactly


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


def _per(h):
    return {n.kriteria.kode: n for n in h.kriteria}


def test_ukur_otomatis_lengkap():
    u = ukur_otomatis(JAWABAN)
    assert u["kelengkapan_rencana_aksi"].nilai == pytest.approx(7 / 8)
    assert u["kelengkapan_rencana_aksi"].dasar == ("7 dari 8 sel terisi (88%) pada 1 baris "
                                                   "rencana aksi")
    assert u["smart"].nilai == pytest.approx(9 / 10)
    assert u["smart"].dasar == "9 dari 10 cek SMART lolos pada 1 indikator"
    assert u["keterkaitan"].nilai == 1
    assert u["keterkaitan"].dasar == "4 dari 4 tautan tersambung pada 1 baris rencana aksi"


def test_ukur_otomatis_buku_kerja_kosong_belum_dapat_dinilai():
    kosong = ukur_otomatis({})
    assert all(v.nilai is None for v in kosong.values())
    assert kosong["kelengkapan_rencana_aksi"].dasar == "rencana aksi belum diisi (belum ada baris)"
    assert kosong["smart"].dasar == "indikator belum diisi (belum ada indikator)"
    assert "belum ada baris" in kosong["keterkaitan"].dasar
    # no "0 dari 0" wording anywhere
    assert not any("dari 0" in v.dasar for v in kosong.values())


def test_isu_inti_tanpa_rencana_aksi_tidak_dapat_nilai_4():
    """Achmad Fauzi Rahman in the demo: core issue chosen, no plan rows, no indicators."""
    j = {"masalah": {"isu": [{"judul": "Antrean panjang"}], "isu_inti": "Antrean panjang"},
         "inovasi": {"inovasi": {"nama": "Antrean daring"}, "rencana_aksi": []}}
    h = nilai_rubrik(load_rubrik(), j, {})
    per = _per(h)
    for kode in ("kelengkapan_ra", "smart", "keterkaitan"):
        assert per[kode].skor is None and per[kode].sumber == "belum dinilai"
        assert per[kode].umpan_balik == ""
    assert "rencana aksi belum diisi" in per["keterkaitan"].dasar
    assert h.total is None


def test_rencana_aksi_tanpa_inovasi_atau_indikator_pita_terendah():
    baris = JAWABAN["inovasi"]["rencana_aksi"]
    tanpa_ind = {**JAWABAN, "indikator": {"indikator": []}}
    u = ukur_otomatis(tanpa_ind)
    assert u["keterkaitan"].nilai == 0
    assert u["keterkaitan"].dasar == ("belum ada indikator, jadi 1 baris rencana aksi belum "
                                      "dapat tersambung")
    assert u["smart"].nilai is None
    tanpa_ino = {**JAWABAN, "inovasi": {"rencana_aksi": baris}}
    u = ukur_otomatis(tanpa_ino)
    assert u["keterkaitan"].nilai == 0
    assert u["keterkaitan"].dasar.startswith("inovasi belum dirancang")
    per = _per(nilai_rubrik(load_rubrik(), tanpa_ino, {}))
    assert per["keterkaitan"].skor == 1 and per["keterkaitan"].sumber == "otomatis"
    assert per["keterkaitan"].umpan_balik.startswith("Rencana aksi belum tersambung")


def test_ukur_otomatis_sebagian():
    j = {"masalah": {"isu": [{"judul": "Layanan lambat"}], "isu_inti": "Layanan lambat"},
         "inovasi": {"inovasi": {"nama": "Aplikasi layanan online"},
                     "rencana_aksi": [{"permasalahan": "Layanan lambat",
                                       "inovasi": "Aplikasi layanan online"},
                                      {"permasalahan": "Parkir liar", "opd": "Dishub"}]},
         "indikator": {"indikator": [{"kode": "IK-01", "nama": "Waktu layanan"}]}}
    u = ukur_otomatis(j)
    assert u["kelengkapan_rencana_aksi"].nilai == pytest.approx(4 / 16)
    assert u["kelengkapan_rencana_aksi"].dasar == ("4 dari 16 sel terisi (25%) pada 2 baris "
                                                   "rencana aksi")
    # links: core issue ok; row 1: masalah ok, inovasi ok, indikator empty; row 2: 3 broken
    assert u["keterkaitan"].nilai == pytest.approx(3 / 7)
    assert u["smart"].nilai is not None and u["smart"].nilai < 0.5
    per = _per(nilai_rubrik(load_rubrik(), j, {}))
    assert per["kelengkapan_ra"].skor == pytest.approx(1.75)


def test_pelatih_menurunkan_skor_umpan_balik_tidak_bertentangan_dengan_rencana():
    """Issue 14: a fully filled one-row plan, the trainer lowers completeness from 4 to 2."""
    j = {**JAWABAN, "inovasi": {**JAWABAN["inovasi"], "rencana_aksi": [
        {**JAWABAN["inovasi"]["rencana_aksi"][0], "jangka_panjang": "semua kecamatan"}]}}
    per = _per(nilai_rubrik(load_rubrik(), j, {"kelengkapan_ra": {
        "skor": 2, "komentar": "Target waktu '6 bulan' belum menyebut bulan dan tahun."}}))
    n = per["kelengkapan_ra"]
    assert n.skor == 2 and n.skor_otomatis == 4 and n.sumber == "pelatih"
    assert n.umpan_balik == ""  # "Banyak kolom ... masih kosong" would contradict the plan
    assert n.penjelasan == ("Target waktu '6 bulan' belum menyebut bulan dan tahun. "
                            "Program mengukur: 8 dari 8 sel terisi (100%) pada 1 baris "
                            "rencana aksi.")
    assert "kosong" not in n.penjelasan
    # same band as the measurement: the band text agrees and is kept, after the comment
    per = _per(nilai_rubrik(load_rubrik(), j, {"kelengkapan_ra": {"skor": 3.5,
                                                                  "komentar": "Rapi"}}))
    assert per["kelengkapan_ra"].penjelasan.startswith("Rapi. Rencana aksi lengkap. Program")
    # a trainer-only criterion: comment first, then its band
    per = _per(nilai_rubrik(load_rubrik(), j, {"masalah": {"skor": 4, "komentar": "Tajam"}}))
    assert per["masalah"].penjelasan == ("Tajam. Masalah tajam dan didukung data; akar masalah "
                                         "jelas.")


def test_rubrik_prefill_lalu_total_setelah_pelatih_menilai():
    r = load_rubrik()
    h = nilai_rubrik(r, JAWABAN)
    assert h.total is None
    assert set(h.belum_dinilai) == {"Ketajaman identifikasi masalah",
                                    "Kebaruan dan kemanfaatan inovasi",
                                    "Keberlanjutan dan peluang replikasi"}
    per = _per(h)
    assert per["keterkaitan"].skor == 4 and per["keterkaitan"].sumber == "otomatis"
    assert per["smart"].skor == pytest.approx(1 + 0.9 * 3)
    assert per["smart"].umpan_balik == "Indikator memenuhi kaidah SMART."
    pelatih = {"masalah": {"skor": 4}, "kebaruan": {"skor": 1}, "keberlanjutan": {"skor": "2,5"},
               "keterkaitan": {"skor": 2, "komentar": "baris 2 belum nyambung"}}
    h = nilai_rubrik(r, {**JAWABAN, "penilaian": {"rubrik": pelatih}})
    per = _per(h)
    assert per["keterkaitan"].skor == 2 and per["keterkaitan"].sumber == "pelatih"
    assert per["keterkaitan"].komentar == "baris 2 belum nyambung"
    assert "tersambung" in per["keterkaitan"].dasar
    # total = sum(bobot * (skor-1)/3) / 100 * 100
    lengkap = round(1 + 7 / 8 * 3, 2)  # the automatic score is shown and used rounded
    harap = (15 * 3 + 15 * 0 + 15 * (lengkap - 1) + 20 * 2.7 + 15 * 1 + 20 * 1.5) / 3
    assert h.total == pytest.approx(harap, abs=0.01)
    assert r.rumus().startswith("Nilai rubrik = jumlah (bobot x (skor - skor terendah)")
    assert "Kualitas indikator (SMART) 20" in r.rumus()


@pytest.mark.parametrize("mentah", [5, "7", "0", "-1", "abc", "4,5", True])
def test_rubrik_skor_pelatih_di_luar_rentang_ditolak(mentah):
    with pytest.raises(InputTidakValid, match=r"Skor 'Kebaruan dan kemanfaatan inovasi' harus "
                                              r"angka 1 sampai 4; '.*' ditolak\."):
        nilai_rubrik(load_rubrik(), JAWABAN, {"kebaruan": {"skor": mentah}})


def test_periksa_skor_koma_desimal_dan_kosong():
    k = load_rubrik().kriteria[0]
    assert periksa_skor(k, "2,5") == 2.5
    assert periksa_skor(k, " ") is None and periksa_skor(k, None) is None
    assert periksa_skor(k, 1) == 1 and periksa_skor(k, "4") == 4


def _jawaban_demo():
    import json

    from sinovda.paths import DATASETS_DIR

    for f in sorted((DATASETS_DIR / "demo" / "workbooks").glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        j: dict = {}
        for a in data["jawaban"]:
            j.setdefault(a["modul"], {})[a["field"]] = a["value"]
        yield data["peserta"]["nama"], j


def test_tidak_ada_skor_otomatis_melebihi_rencana_di_buku_kerja_demo():
    from sinovda.domain import rencana_aksi as dr

    r = load_rubrik()
    diperiksa = 0
    for nama, j in _jawaban_demo():
        rows = dr.daftar_baris(j.get("inovasi", {}).get("rencana_aksi"))
        ind = j.get("indikator", {}).get("indikator") or []
        per = _per(nilai_rubrik(r, j, {}))
        auto = {k: n.skor_otomatis for k, n in per.items()}
        if not rows:
            assert auto["kelengkapan_ra"] is None and auto["keterkaitan"] is None, nama
        else:
            sel = sum(8 - len(b.kolom_kosong()) for b in rows) / (8 * len(rows))
            assert auto["kelengkapan_ra"] == pytest.approx(1 + 3 * sel, abs=0.01), nama
            putus = dr.cek_tautan(rows and j["inovasi"]["rencana_aksi"], j.get("masalah"),
                                  j.get("inovasi", {}).get("inovasi"), ind)
            if putus:
                assert auto["keterkaitan"] < 4, nama
        if not ind:
            assert auto["smart"] is None, nama
        for n in per.values():
            assert "dari 0" not in n.dasar and "0 baris" not in n.dasar, nama
        diperiksa += 1
    assert diperiksa >= 40


def test_rubrik_nilai_penuh_100_dan_umpan_balik_per_pita():
    k = KriteriaRubrik("x", "X", 1, 0, 10, umpan_balik=(
        PitaUmpanBalik(0, "kurang"), PitaUmpanBalik(5, "cukup"), PitaUmpanBalik(8, "baik")))
    r = Rubrik("uji", "", (k,))
    assert nilai_rubrik(r, {}, {"x": {"skor": 10}}).total == 100
    assert [k.umpan(s) for s in (0, 4.9, 5, 9)] == ["kurang", "kurang", "cukup", "baik"]
