"""Module 05 on a real class store: IID readiness with the year's thresholds, sustainability."""

from __future__ import annotations

from conftest import NIP_PESERTA as NIP

from sinovda.data.settings import load_iid
from sinovda.forms.replikasi import FormReplikasi


def test_levels_are_saved_and_scored_with_the_default_year(store):
    f = FormReplikasi(store, NIP)
    f.kesiapan.inputs["regulasi"].value = 3
    assert store.load(NIP, "replikasi", "kesiapan") == {"regulasi": 3}
    html = f.umpan_kesiapan.value
    assert "8,11" in html and "9 dari 111" in html  # 3 x 3 of 111
    assert "Kurang Inovatif" in html and "ambang tahun 2023" in html
    assert "60,01-100" in html  # the year's thresholds are shown
    assert "Ketersediaan SDM" in html  # a mandatory indicator still at 0


def test_the_thresholds_of_another_year_change_the_category_and_are_flagged(store):
    f = FormReplikasi(store, NIP)
    for ind in load_iid().indikator:  # all at level 2 (74 of 111), regulasi 1: 71 -> 63,96
        f.kesiapan.inputs[ind.kode].value = 1 if ind.kode == "regulasi" else 2
    assert f.hasil().skor == 63.96
    assert "kategori <b>Sangat Inovatif</b>" in f.umpan_kesiapan.value
    f.pilih_tahun.value = 2026
    html = f.umpan_kesiapan.value
    assert "kategori <b>Inovatif</b>" in html and "ambang tahun 2026" in html
    assert "belum terverifikasi" in html
    assert "wajib yang belum" not in html


def test_sustainability_and_replication_plans_are_saved_and_shown_again(store):
    f = FormReplikasi(store, NIP)
    assert "Regulasi" in f.umpan_keberlanjutan.value
    f.keberlanjutan.inputs["regulasi"].value = "Perbup tentang <SIANTRI> tahun 2027"
    f.keberlanjutan.inputs["anggaran"].value = "Renja Dinkes 2027, RKPD 2028"
    f.replikasi.inputs["daerah_sasaran"].value = "Kecamatan Ubud"
    kb = store.load(NIP, "replikasi", "keberlanjutan")
    assert kb["regulasi"] == "Perbup tentang <SIANTRI> tahun 2027"
    assert kb["anggaran"] == "Renja Dinkes 2027, RKPD 2028"
    assert store.load(NIP, "replikasi", "replikasi")["daerah_sasaran"] == "Kecamatan Ubud"
    umpan = f.umpan_keberlanjutan.value
    assert "Sumber daya manusia" in umpan and "Dokumentasi" in umpan
    assert "Anggaran" not in umpan
    g = FormReplikasi(store, NIP)  # the restart case
    assert g.keberlanjutan.inputs["regulasi"].value == "Perbup tentang <SIANTRI> tahun 2027"
    assert g.replikasi.inputs["daerah_sasaran"].value == "Kecamatan Ubud"
    assert "Tersimpan" in g.keberlanjutan.status.value


def test_every_iid_indicator_offers_levels_0_to_3_with_their_meaning(store):
    f = FormReplikasi(store, NIP)
    opsi = f.kesiapan.inputs["regulasi"].options
    assert [v for _, v in opsi][1:] == [0, 1, 2, 3] and opsi[0][0] == "— pilih —"
    assert "Perkada" in opsi[3][0]
    assert len(f.kesiapan.inputs) == len(load_iid().indikator)


def test_success_self_checks_of_seeds_000_and_001_are_saved_and_summarised(store):
    f = FormReplikasi(store, NIP)
    assert "Belum dinilai" in f.umpan_cek.value and "Keterpaduan perencanaan" in f.umpan_cek.value
    opsi = f.integrasi.inputs["keterpaduan"].options
    assert [v for _, v in opsi][-3:] == ["sudah", "sebagian", "belum"]
    for kode in ("keterpaduan", "dampak_kinerja", "efisiensi"):
        f.integrasi.inputs[kode].value = "sudah"
    f.integrasi.inputs["keberlanjutan"].value = "belum"
    assert store.load(NIP, "replikasi", "integrasi") == {
        "keterpaduan": "sudah", "dampak_kinerja": "sudah", "efisiensi": "sudah",
        "keberlanjutan": "belum"}
    html = f.umpan_cek.value
    assert "<b>3 dari 4</b> sudah terpenuhi" in html and "bahan strategi" in html
    for kode in ("relevansi", "efisiensi", "dampak", "keberlanjutan", "replikasi"):
        f.keberhasilan.inputs[kode].value = "sebagian" if kode == "replikasi" else "sudah"
    assert store.load(NIP, "replikasi", "keberhasilan")["replikasi"] == "sebagian"
    assert "<b>4 dari 5</b>" in f.umpan_cek.value
    g = FormReplikasi(store, NIP)  # shown again after a restart
    assert g.integrasi.inputs["keberlanjutan"].value == "belum"


def test_barriers_need_a_strategy_and_concrete_steps(store):
    f = FormReplikasi(store, NIP)
    assert "sedikitnya satu hambatan" in f.umpan_hambatan.value
    f.hambatan.inputs["penghargaan"].value = True
    assert store.load(NIP, "replikasi", "hambatan")["penghargaan"] is True
    assert "Pilih strategi" in f.umpan_hambatan.value
    f.strategi.inputs["insentif"].value = True
    assert "langkah konkret" in f.umpan_hambatan.value
    f.strategi.inputs["langkah"].value = "Usulan Perbup insentif inovator, Bagian Organisasi, 2027"
    disimpan = store.load(NIP, "replikasi", "strategi")
    assert disimpan["insentif"] is True and disimpan["langkah"].startswith("Usulan Perbup")
    assert "1 hambatan dengan 1 strategi" in f.umpan_hambatan.value
