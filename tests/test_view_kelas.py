"""The class view (``sinovda.view.kelas``): the figures the dashboard and the recap share,
worked by hand on small classes."""

from __future__ import annotations

from dataclasses import dataclass

from sinovda.view import kelas as vk
from sinovda.view.masalah import lihat_masalah

LOLOS = dict.fromkeys(("aktual", "problematik", "kekhalayakan", "kelayakan"), True)
GUGUR = {**LOLOS, "kelayakan": False}


@dataclass(frozen=True)
class P:
    nip: str
    nama: str


def test_agregat_menghitung_status_kemajuan_sebab_inovasi_dan_isu_inti():
    peserta = [
        vk.PesertaKelas({"pengantar": "selesai", "masalah": "selesai"}, 100.0,
                        ("Manusia", "Manusia", "Metode"),
                        {"bentuk": "Pelayanan publik", "jenis": "Digital", "urusan": "Kesehatan"},
                        "Antrean panjang"),
        vk.PesertaKelas({"pengantar": "selesai", "masalah": "sedang"}, 62.5, ("Manusia",),
                        {"bentuk": vk.BELUM_DIPILIH, "jenis": "Digital",
                         "urusan": vk.BELUM_DIPILIH}, ""),
        vk.PesertaKelas({"pengantar": "belum"}, 0.0),  # "masalah" missing: counted "belum"
        vk.PesertaKelas({}, None),  # progress unreadable: not in the average
    ]
    ag = vk.agregat(peserta, ["pengantar", "masalah"])
    assert ag.jumlah_peserta == 4
    assert [(m.modul, m.selesai, m.sedang, m.belum) for m in ag.modul] == [
        ("pengantar", 2, 0, 2), ("masalah", 1, 1, 2)]
    assert ag.rata_persen == 54.17  # (100 + 62.5 + 0) / 3
    assert ag.selesai_semua == 1
    assert ag.sebab == {"Manusia": 3, "Metode": 1}
    assert ag.inovasi["bentuk"] == {"Pelayanan publik": 1, vk.BELUM_DIPILIH: 1}
    assert ag.inovasi["jenis"] == {"Digital": 2}
    assert ag.isu_inti == 1
    assert ag.hitung_modul("masalah").hitungan() == {"selesai": 1, "sedang": 1, "belum": 2}


def test_agregat_tanpa_daftar_modul_memakai_urutan_kemunculan():
    ag = vk.agregat([vk.PesertaKelas({"01 Masalah": "sedang"}, 10.0),
                     vk.PesertaKelas({"00 Pengantar": "selesai", "01 Masalah": "belum"}, 20.0)])
    assert [m.modul for m in ag.modul] == ["01 Masalah", "00 Pengantar"]
    assert ag.hitung_modul("00 Pengantar").belum == 1
    assert vk.agregat([]).rata_persen is None


def test_inovasi_dihitung_bila_bernama():
    assert vk.label_inovasi("", {"bentuk": "Pelayanan publik"}) is None
    assert vk.label_inovasi("SIPINTAR", {"jenis": "Digital"}) == {
        "bentuk": vk.BELUM_DIPILIH, "jenis": "Digital", "urusan": vk.BELUM_DIPILIH}


def test_isu_inti_pilihan_peserta_dengan_skor_usg_nya():
    jawaban = {"masalah": {"isu": [
        {"judul": "Dokter kurang", "apkl": GUGUR, "usg": {"u": 5, "s": 5, "g": 5}},
        {"judul": "Antrean panjang", "apkl": LOLOS, "usg": {"u": 5, "s": 4, "g": 4}},
    ]}}
    inti = vk.isu_inti(lihat_masalah(jawaban))
    assert inti == vk.IsuInti("Antrean panjang", False, 5, 4, 4) and inti.total == 13
    # chosen although it fails APKL: the view (module 01, report, recap) names it
    jawaban["masalah"]["isu_inti"] = "Dokter kurang"
    assert vk.isu_inti(lihat_masalah(jawaban)) == vk.IsuInti("Dokter kurang", True, 5, 5, 5)
    # typed text that is no issue: named, without scores
    jawaban["masalah"]["isu_inti"] = "Tulisan bebas"
    inti = vk.isu_inti(lihat_masalah(jawaban))
    assert inti.judul == "Tulisan bebas" and inti.total is None
    assert vk.isu_inti(lihat_masalah({})) is None


def test_kategori_sebab_satu_per_sebab():
    v = lihat_masalah({"masalah": {"fishbone": [
        {"kategori": "Metode", "sebab": "SOP lama"}, {"kategori": "Manusia", "sebab": "SDM"},
        {"kategori": "Manusia", "sebab": "Beban kerja"}, {"kategori": "Manusia", "sebab": ""}]}})
    assert sorted(vk.kategori_sebab(v)) == ["Manusia", "Manusia", "Metode"]


def test_lihat_kelas_data_rusak_satu_peserta_disebut_yang_lain_tetap():
    peserta = [P("1", "Ani"), P("2", "Budi"), P("3", "Citra")]
    semua = {
        "1": {"masalah": {"isu": [{"judul": "Antrean", "apkl": LOLOS,
                                   "usg": {"u": 5, "s": 4, "g": 4}}],
                          "fishbone": [{"kategori": "Manusia", "sebab": "SDM"}]},
              "inovasi": {"inovasi": {"nama": "Loket daring", "bentuk": "pelayanan_publik"}},
              "indikator": {"indikator": [{"kode": "IK1", "nama": "Waktu layanan"}]}},
        "2": {"masalah": {"isu": [{"judul": "X", "usg": {"u": "tinggi", "s": 1, "g": 1}}]},
              "inovasi": {"inovasi": {"bentuk": "pelayanan_publik"}}},  # no name: not counted
        "3": {"inovasi": "rusak"},
    }
    v = vk.lihat_kelas(peserta, semua)
    assert set(v.progres) == {"1", "2", "3"}
    assert [(b.nama, b.judul, b.total) for b in v.masalah] == [("Ani", "Antrean", 13)]
    assert any(g.startswith("Budi (2), isu:") for g in v.galat)
    assert v.agregat.inovasi["bentuk"] == {"Inovasi pelayanan publik": 1}
    assert v.agregat.sebab == {"Manusia": 1}
    assert v.jumlah_indikator == 1 and v.agregat.jumlah_peserta == 3
    assert {c.kode for c in v.smart} >= {"nama", "satuan"}


def test_urut_hitungan_largest_first_ties_by_label():
    """Equal counts are listed by label on the dashboard and in the recap alike (the
    dashboard once listed ties in settings order, the recap's chart alphabetically)."""
    from collections import Counter

    c = Counter({"Proses": 2, "Kebijakan": 3, "Anggaran": 2, "Manusia": 3})
    assert vk.urut_hitungan(c) == [("Kebijakan", 3), ("Manusia", 3), ("Anggaran", 2),
                                   ("Proses", 2)]

