"""Course content in modul/: the shipped files are well formed and broken files are named."""

import re
import shutil
from pathlib import Path

import pytest

from sinovda import paths
from sinovda.data import content
from sinovda.domain.errors import BerkasTidakValid, InputTidakValid

MODUL = ["pengantar", "masalah", "inovasi", "indikator", "monev", "replikasi", "penutup"]


@pytest.fixture
def salinan(tmp_path: Path) -> Path:
    """A copy of modul/ that a test may break."""
    folder = tmp_path / "modul"
    shutil.copytree(paths.ROOT / "modul", folder)
    return folder


def ganti(path: Path, lama: str, baru: str) -> None:
    teks = path.read_text(encoding="utf-8")
    assert lama in teks, lama
    path.write_text(teks.replace(lama, baru, 1), encoding="utf-8")


# ------------------------------------------------------------------ kursus
def test_course_map_lists_the_seven_modules_in_order_with_notebooks():
    k = content.load_kursus()
    assert [m.id for m in k.modul] == MODUL
    assert [m.notebook for m in k.modul] == [f"{i:02d}_{m}.ipynb" for i, m in enumerate(MODUL)]
    assert k.cari("masalah").wajib == ("isu", "isu_inti", "fishbone", "akar_masalah", "pemangku")
    for m in k.modul:
        assert m.wajib and set(m.wajib) <= set(content.KONTRAK_FIELD[m.id])


def test_five_stages_map_to_existing_modules():
    k = content.load_kursus()
    assert [t.nama for t in k.tahapan] == [
        "Identifikasi Masalah", "Perancangan Solusi", "Implementasi", "Evaluasi", "Replikasi"]
    assert all(t.modul for t in k.tahapan)


def test_unknown_module_is_named():
    with pytest.raises(InputTidakValid, match="modul 'ekonomi' tidak ada"):
        content.load_kursus().cari("ekonomi")


def test_required_field_outside_the_contract_is_named(salinan: Path):
    ganti(salinan / "kursus.yaml", "wajib: [indikator]", "wajib: [indikator, iku_baru]")
    pesan = r"kursus.yaml: modul 'indikator': isian wajib 'iku_baru'"
    with pytest.raises(BerkasTidakValid, match=pesan):
        content.load_kursus(salinan)


def test_broken_yaml_names_file_and_line(salinan: Path):
    (salinan / "kursus.yaml").write_text("judul: [tidak ditutup\nmodul: x\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match=r"kursus.yaml: YAML tidak sah \(baris \d+\)"):
        content.load_kursus(salinan)


def test_missing_file_is_named(tmp_path: Path):
    with pytest.raises(BerkasTidakValid, match="kursus.yaml: berkas tidak ditemukan"):
        content.load_kursus(tmp_path)


# ------------------------------------------------------------------ teks
@pytest.mark.parametrize("modul_id", MODUL)
def test_every_module_has_a_learning_text_of_400_to_1200_words(modul_id: str):
    teks = content.load_teks(modul_id)
    assert teks.lstrip().startswith("# ")
    kata = len(re.findall(r"\w+", re.sub(r"[|#*`>-]", " ", teks)))
    assert 400 <= kata <= 1200, kata


def test_module_texts_teach_the_named_tools():
    harus = {
        "masalah": ["APKL", "USG", "Manusia", "Mesin/Sarana", "Metode", "Material", "Pengukuran",
                    "Lingkungan", "pengaruh", "kepentingan", "urutan"],
        "inovasi": ["PP 38/2017", "inisiatif", "uji coba", "penerapan", "OPD Penanggung Jawab",
                    "jangka pendek", "jangka menengah", "jangka panjang"],
        "indikator": ["output", "outcome", "dampak", "SMART", "baseline", "polaritas",
                      "Sumber Data"],
        "monev": ["2 × target", "kumulatif", "posisi", "Sangat Tinggi", "kesenjangan"],
        "replikasi": ["IID", "Renja", "RKPD", "regulasi", "dokumentasi", "Sangat Inovatif"],
    }
    for modul_id, kata in harus.items():
        teks = content.load_teks(modul_id)
        hilang = [k for k in kata if k.lower() not in teks.lower()]
        assert not hilang, (modul_id, hilang)


def test_missing_text_is_named(salinan: Path):
    (salinan / "teks" / "03_indikator.md").unlink()
    with pytest.raises(BerkasTidakValid, match=r"03_indikator.md: teks modul 'indikator'"):
        content.load_teks("indikator", salinan)


# ------------------------------------------------------------------ soal
def _bank_lengkap() -> list:
    """Every question with its key: quiz questions as loaded, test questions joined with
    kunci_tes.yaml (what the server sees)."""
    berkunci = {s.id: s for s in content.load_soal_tes_berkunci()}
    return [berkunci.get(s.id, s) for s in content.load_soal()]


def test_question_bank_is_large_unique_and_covers_every_module():
    bank = _bank_lengkap()
    assert len(bank) >= 43
    ids = [s.id for s in bank]
    assert len(set(ids)) == len(ids)
    assert {s.modul for s in bank} == set(MODUL)
    level = content.load_level()
    assert list(level) == ["C1", "C2", "C3"]
    for s in bank:
        assert re.fullmatch(r"m0[0-6]-\d\d", s.id), s.id
        assert s.id[:3] == f"m{MODUL.index(s.modul):02d}", s.id
        assert [h for h, _ in s.pilihan] == ["a", "b", "c", "d"], s.id
        assert s.kunci in s.opsi and s.pembahasan, s.id
        assert s.level in level, s.id
        assert len(set(s.opsi.values())) == 4, s.id


def test_participant_readable_bank_holds_no_test_key():
    """soal.yaml (read in the participant's kernel) has no key or explanation of a test
    question; those are only in kunci_tes.yaml."""
    tes = set(content.soal_tes())
    for s in content.load_soal():
        assert (s.kunci is None) == (s.id in tes), s.id
        assert (s.pembahasan == "") == (s.id in tes), s.id
    teks = (paths.ROOT / "modul" / "soal.yaml").read_text(encoding="utf-8")
    for k in content.load_kunci_tes().values():
        assert k.pembahasan[:60] not in " ".join(teks.split())


def test_every_question_is_used_in_the_test_or_a_module_quiz():
    tes = set(content.soal_tes())
    kuis = {s.id for s in content.soal_kuis()}
    assert not tes & kuis
    assert tes | kuis == {s.id for s in content.load_soal()}
    kursus = content.load_kursus()
    for m in kursus.modul:  # every module ends with a quiz of at least two questions
        assert len(content.soal_kuis(m.id)) >= 2, m.id


def test_pre_and_post_test_follow_the_blueprint_and_cover_every_module():
    tes = content.soal_tes()
    bank = {s.id: s for s in content.load_soal_tes_berkunci()}
    assert len(tes) >= 20 and list(bank) == tes
    assert {bank[i].modul for i in tes} == set(MODUL)
    kisi = content.kisi_kisi_tes()
    assert sum(sum(x.values()) for x in kisi.values()) == len(tes)
    for modul, per_level in kisi.items():
        for lv, n in per_level.items():
            assert sum(1 for i in tes if bank[i].modul == modul and bank[i].level == lv) == n
    assert {bank[i].level for i in tes} == {"C1", "C2", "C3"}
    kunci = [bank[i].kunci for i in tes]
    assert all(kunci.count(h) >= 3 for h in "abcd")  # answers are not all one letter


def test_keys_state_the_domain_facts():
    opsi = {s.id: s.opsi[s.kunci] for s in _bank_lengkap()}
    assert opsi["m01-02"] == "3 sampai 15"
    assert opsi["m01-04"].startswith("antrean panjang")
    assert opsi["m04-01"] == "94,12%"
    assert opsi["m04-02"] == "133,33%"
    assert opsi["m04-03"] == "80%"
    assert opsi["m04-04"] == "500" and opsi["m04-05"] == "83"
    assert opsi["m05-01"] == "Inovatif"
    assert opsi["m06-01"] == "Perpres 29/2014"
    teks = " ".join(s.pertanyaan + " " + " ".join(s.opsi.values()) for s in content.load_soal())
    assert "gain" not in teks.lower()


def test_key_outside_choices_names_file_and_question(salinan: Path):
    ganti(salinan / "soal.yaml", "    kunci: b\n    pembahasan: >-\n      Persentase permohonan",
          "    kunci: e\n    pembahasan: >-\n      Persentase permohonan")
    with pytest.raises(BerkasTidakValid,
                       match=r"soal.yaml: soal 'm03-02': kunci 'e' bukan salah satu pilihan"):
        content.load_soal(salinan)
    shutil.copy(paths.ROOT / "modul" / "soal.yaml", salinan / "soal.yaml")
    ganti(salinan / "kunci_tes.yaml", "  m03-07:\n    kunci: d", "  m03-07:\n    kunci: e")
    with pytest.raises(BerkasTidakValid,
                       match=r"kunci_tes.yaml: soal 'm03-07': kunci 'e' bukan salah satu pilihan"):
        content.load_kunci_tes(salinan)


def test_test_key_written_in_the_readable_bank_is_refused(salinan: Path):
    ganti(salinan / "soal.yaml", "    level: C1\n    pertanyaan: Menurut UU 23/2014",
          "    level: C1\n    kunci: b\n    pembahasan: bocor\n    pertanyaan: Menurut UU 23/2014")
    with pytest.raises(BerkasTidakValid, match=r"soal tes 'm00-01': kunci dan pembahasan soal "
                                               r"tes harus ditulis di kunci_tes.yaml"):
        content.load_soal(salinan)


def test_missing_test_key_unknown_level_and_broken_blueprint_are_named(salinan: Path):
    ganti(salinan / "kunci_tes.yaml", "  m06-03:\n", "  m09-03:\n")
    with pytest.raises(BerkasTidakValid, match=r"kunci_tes.yaml: soal 'm09-03' bukan soal tes"):
        content.load_kunci_tes(salinan)
    shutil.copy(paths.ROOT / "modul" / "kunci_tes.yaml", salinan / "kunci_tes.yaml")
    ganti(salinan / "soal.yaml", "  - id: m06-04\n    modul: penutup\n    level: C1",
          "  - id: m06-04\n    modul: penutup\n    level: C9")
    with pytest.raises(BerkasTidakValid, match=r"soal 'm06-04': level 'C9' tidak dikenal"):
        content.load_soal(salinan)
    shutil.copy(paths.ROOT / "modul" / "soal.yaml", salinan / "soal.yaml")
    ganti(salinan / "soal.yaml", "    penutup: {C1: 1, C2: 1}", "    penutup: {C1: 2, C2: 1}")
    with pytest.raises(BerkasTidakValid, match=r"kisi-kisi meminta 2 soal modul 'penutup' "
                                               r"level C1, tes.soal berisi 1"):
        content.soal_tes(salinan)


def test_key_file_can_be_locked_to_the_server_account(salinan: Path, tmp_path: Path):
    demo = tmp_path / "workbooks"
    demo.mkdir()
    path = content.lindungi_kunci(salinan, demo)
    assert path == salinan / "kunci_tes.yaml"
    assert path.stat().st_mode & 0o777 == 0o600
    assert demo.stat().st_mode & 0o777 == 0o700  # simulated answers would reveal the key
    assert len(content.load_kunci_tes(salinan)) == len(content.soal_tes(salinan))


def test_duplicate_id_and_unknown_test_id_are_named(salinan: Path):
    ganti(salinan / "soal.yaml", "- id: m06-04", "- id: m06-02")
    with pytest.raises(BerkasTidakValid, match="soal 'm06-02': id muncul lebih dari sekali"):
        content.load_soal(salinan)
    shutil.copy(paths.ROOT / "modul" / "soal.yaml", salinan / "soal.yaml")
    ganti(salinan / "soal.yaml", "m05-11, m05-12]", "m05-11, m09-99]")
    with pytest.raises(BerkasTidakValid, match="tes: soal 'm09-99' tidak ada di bank soal"):
        content.soal_tes(salinan)


# ------------------------------------------------------------------ evaluasi
def test_evaluation_form_has_a_labelled_five_point_scale():
    f = content.load_evaluasi()
    assert f.skala == {1: "Sangat Kurang", 2: "Kurang", 3: "Cukup", 4: "Baik", 5: "Sangat Baik"}
    assert len(f.penyelenggara) >= 5
    assert len({a.kode for a in f.penyelenggara}) == len(f.penyelenggara)
    assert f.pertanyaan_fasilitator


def test_evaluation_scale_must_cover_one_to_five(salinan: Path):
    ganti(salinan / "evaluasi.yaml", "  5: Sangat Baik\n", "")
    with pytest.raises(BerkasTidakValid, match="evaluasi.yaml: 'skala'"):
        content.load_evaluasi(salinan)


def test_the_test_assesses_every_source_article():
    """Each seed article (000-004) of docs/cakupan.md has at least one concept whose questions
    are in the pre/post-test, so N-gain also measures the new concepts."""
    tes = set(content.soal_tes())
    per_artikel: dict[str, set[str]] = {}
    for baris in (paths.ROOT / "docs" / "cakupan.md").read_text(encoding="utf-8").splitlines():
        sel = [x.strip() for x in baris.strip().strip("|").split("|")]
        if len(sel) == 5 and re.fullmatch(r"00\d", sel[0]):
            per_artikel.setdefault(sel[0], set()).update(
                x.strip() for x in sel[4].split(",") if x.strip())
    assert sorted(per_artikel) == ["000", "001", "002", "003", "004"]
    for artikel, soal in per_artikel.items():
        assert soal & tes, f"artikel {artikel}: tidak ada soalnya di pre/post-test"
