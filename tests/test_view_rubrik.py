"""The rubric view: what the grading form, the report and the recap show for one participant."""

from __future__ import annotations

import re

import pytest
from conftest import jawaban_lengkap

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.report.isi import Laporan
from sinovda.view.rubrik import ringkas_kelas, status_penilaian, tampilan_rubrik

P = Peserta("198503152010011001", "Ni Luh Putu Ayu Wédari", "Analis", "Dinas Kesehatan")


def _per(t):
    return {b.kode: b for b in t.baris}


def _teks(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_buku_kerja_kosong_belum_diisi_dan_tidak_dinilai():
    t = tampilan_rubrik({})
    per = _per(t)
    for kode in ("kelengkapan_ra", "smart", "keterkaitan"):
        assert per[kode].skor is None and per[kode].skor_teks == "belum diisi"
        assert per[kode].dinilai_oleh == "-"
        assert "dari 0" not in per[kode].penjelasan
    assert per["masalah"].skor_teks == "belum dinilai"
    assert per["masalah"].penjelasan == "Pelatih belum menilai kriteria ini."
    assert t.total is None and t.total_teks.startswith("belum lengkap (belum dinilai: ")
    assert not t.ada_isian_pelatih


def test_laporan_kosong_tidak_menilai_bagian_kosong():
    teks = _teks(Laporan.dari_data(P, {}, {"nama": "Kelas Uji"}).rubrik().html)
    assert "1 (1-4)" not in teks and "0 dari 0" not in teks
    assert "Kelengkapan rencana aksi 15 belum diisi - Belum dapat dinilai otomatis" in teks
    assert "Nilai rubrik: belum lengkap" in teks
    assert "Nilai rubrik = jumlah (bobot x (skor - skor terendah)" in teks


def test_laporan_lengkap_rumus_di_bawah_nilai_dan_komentar_pelatih_dulu():
    j = jawaban_lengkap()
    j["penilaian"] = {"rubrik": {
        "masalah": {"skor": 4}, "kebaruan": {"skor": 3}, "keberlanjutan": {"skor": 3},
        "kelengkapan_ra": {"skor": 2, "komentar": "Target waktu belum bertanggal"}},
        "catatan": "Lanjutkan uji coba."}
    t = tampilan_rubrik(j)
    assert t.total is not None and t.ada_isian_pelatih
    assert t.total_teks == f"{t.total:g}".replace(".", ",") + " dari 100"
    b = _per(t)["kelengkapan_ra"]
    assert b.skor_teks == "2 (1-4)" and b.dinilai_oleh == "pelatih"
    assert b.penjelasan.startswith("Target waktu belum bertanggal. ")
    assert "Program mengukur: " in b.penjelasan
    html = Laporan.dari_data(P, j, {"nama": "Kelas Uji"}).rubrik().html
    teks = _teks(html)
    i_nilai, i_rumus = teks.index("Nilai rubrik: "), teks.index("Nilai rubrik = jumlah")
    assert i_nilai < i_rumus
    assert "Catatan pelatih Lanjutkan uji coba." in teks


def test_skor_tersimpan_di_luar_rentang_menyebut_kriteria():
    j = {"penilaian": {"rubrik": {"smart": {"skor": 9}}}}
    with pytest.raises(InputTidakValid, match="Kualitas indikator"):
        tampilan_rubrik(j)
    s = status_penilaian("1", j)
    assert not s.selesai and "1 sampai 4" in s.galat


def test_ringkas_kelas_menghitung_yang_belum_dinilai():
    j = jawaban_lengkap()
    j["penilaian"] = {"rubrik": {k: {"skor": 3} for k in ("masalah", "kebaruan",
                                                          "keberlanjutan")}}
    status = [status_penilaian("a", j), status_penilaian("b", {}), status_penilaian("c", {})]
    assert [s.selesai for s in status] == [True, False, False]
    assert ringkas_kelas(status) == "Belum selesai dinilai: 2 dari 3 peserta."
    assert ringkas_kelas(status[:1]) == "Semua 1 peserta sudah dinilai lengkap."
    assert ringkas_kelas([]) == "Belum ada peserta di kelas ini."
