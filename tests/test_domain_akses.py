"""The access policy: who may write which answer (trainer-only modules, submitted tests, scores)."""

from __future__ import annotations

import pytest

from sinovda.domain import akses
from sinovda.domain.akses import Batas
from sinovda.domain.errors import AksesDitolak

A, B = "198503152010011001", "197506171999042901"


def test_participant_writes_their_own_answers_but_not_trainer_modules():
    akses.periksa_tulis("peserta", "masalah", "akar_masalah")
    for modul in ("penilaian", "hasil"):
        with pytest.raises(AksesDitolak, match="hanya boleh diisi oleh fasilitator"):
            akses.periksa_tulis("peserta", modul, "rubrik")
        akses.periksa_tulis("fasilitator", modul, "rubrik")
        akses.periksa_tulis("sistem", modul, "rubrik")


def test_a_submitted_test_is_locked_for_everyone_but_the_scoring_path():
    akses.periksa_tulis("peserta", "pengantar", "pretest", tes_terkirim=False)
    for peran in ("peserta", "fasilitator"):
        with pytest.raises(AksesDitolak, match="sudah dikirim"):
            akses.periksa_tulis(peran, "pengantar", "pretest", tes_terkirim=True)
        with pytest.raises(AksesDitolak, match="sudah dikirim"):
            akses.periksa_tulis(peran, "penutup", "posttest", tes_terkirim=True)
    akses.periksa_tulis("sistem", "penutup", "posttest", tes_terkirim=True)
    # the flag only matters for a test's answers
    akses.periksa_tulis("peserta", "penutup", "evaluasi", tes_terkirim=True)


def test_submission_marks_and_scores_are_written_only_by_the_system():
    for modul, field in [("pengantar", "pretest_selesai"), ("penutup", "posttest_selesai"),
                         ("pengantar", "pretest_skor"), ("penutup", "posttest_hasil")]:
        assert akses.khusus_sistem(modul, field)
        for peran in ("peserta", "fasilitator"):
            with pytest.raises(AksesDitolak, match="diisi oleh sistem"):
                akses.periksa_tulis(peran, modul, field)
        akses.periksa_tulis("sistem", modul, field)
    assert not akses.khusus_sistem("masalah", "isu")


def test_unknown_role_is_refused():
    with pytest.raises(AksesDitolak, match="peran 'admin' tidak dikenal"):
        akses.periksa_tulis("admin", "masalah", "isu")


def test_only_participant_writable_keys_may_come_from_a_workbook():
    assert akses.boleh_diimpor("masalah", "isu")
    assert akses.boleh_diimpor("pengantar", "pretest")
    assert not akses.boleh_diimpor("penilaian", "rubrik")
    assert not akses.boleh_diimpor("pengantar", "pretest_selesai")


def test_owner_check():
    akses.periksa_pemilik("peserta", A, A)
    akses.periksa_pemilik("fasilitator", "budi", B)
    akses.periksa_pemilik("fasilitator", "budi", None)
    with pytest.raises(AksesDitolak, match="peserta lain"):
        akses.periksa_pemilik("peserta", A, B)
    with pytest.raises(AksesDitolak, match="seluruh kelas"):
        akses.periksa_pemilik("peserta", A, None)
    with pytest.raises(AksesDitolak, match="tidak terdaftar"):
        akses.periksa_pemilik(None, "tamu", "tamu")


def test_who_saved_is_said_in_indonesian():
    assert akses.label_oleh("peserta") == "peserta"
    assert akses.label_oleh("fasilitator:Budi") == "fasilitator Budi"
    assert akses.label_oleh("impor") == "impor buku kerja"
    assert akses.label_oleh(akses.oleh_pulihkan("fasilitator:Budi")) == \
        "dipulihkan oleh fasilitator Budi"
    assert akses.label_oleh("") == "tidak diketahui"


def test_limits_in_bytes():
    b = Batas(nilai_maks_kb=256, total_peserta_maks_kb=4096, riwayat_maks=200,
              riwayat_peserta_maks_kb=16384)
    assert b.nilai_maks == 262_144 and b.total_peserta_maks == 4_194_304
    assert b.riwayat_peserta_maks == 16_777_216


def test_a_module_locked_by_the_trainer_refuses_participants_only():
    with pytest.raises(AksesDitolak, match="modul 'masalah' sedang dikunci fasilitator"):
        akses.periksa_tulis("peserta", "masalah", "isu", modul_terkunci=True)
    akses.periksa_tulis("fasilitator", "masalah", "isu", modul_terkunci=True)
    akses.periksa_tulis("sistem", "masalah", "isu", modul_terkunci=True)
