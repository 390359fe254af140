"""Indicators: the stored-row contract and the SMART checks with their advice."""

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.indikator import Indikator, cek_smart, daftar_indikator, skor_smart

LENGKAP = {
    "kode": "IK-01", "nama": "Indeks kepuasan masyarakat", "level": "outcome",
    "satuan": "indeks", "polaritas": "positif", "baseline": 78,
    "target": {"2027": 85, "2028": 87}, "sumber_data": "Survei Kepuasan Masyarakat",
    "penanggung_jawab": "Bidang Pelayanan", "agregasi": "posisi", "iku": "IKM OPD",
}


def gagal(ind: Indikator) -> dict[str, str]:
    return {c.kode: c.pesan for c in cek_smart(ind) if not c.lolos}


def test_indikator_lengkap_lolos_semua_dan_bolak_balik():
    ind = Indikator.from_dict(LENGKAP)
    assert gagal(ind) == {}
    assert skor_smart(ind) == 1
    assert ind.target_tahun(2027) == 85
    assert Indikator.from_dict(ind.to_dict()) == ind
    assert ind.to_dict()["target"] == {"2027": 85.0, "2028": 87.0}


def test_setiap_cek_memetakan_ke_huruf_smart():
    aspek = {c.aspek for c in cek_smart(Indikator())}
    assert aspek == set("SMART")


def test_target_bukan_angka_dijelaskan():
    ind = Indikator.from_dict({**LENGKAP, "target": {"2027": "delapan puluh lima"}})
    assert gagal(ind)["target_angka"] == (
        "Target 2027 'delapan puluh lima' bukan angka: tulis angka atau rentang, misalnya 85 "
        "atau 80-85")
    assert ind.target_tahun("2027") is None


def test_koma_desimal_dan_teks_angka_diterima():
    ind = Indikator.from_dict({**LENGKAP, "target": {"2027": "85,5"}, "baseline": "70"})
    assert ind.target_tahun(2027) == 85.5 and ind.baseline == 70
    assert gagal(ind) == {}


def test_kosong_dijelaskan_per_cek():
    g = gagal(Indikator.from_dict({"nama": "Waktu layanan izin"}))
    assert set(g) == {"level", "satuan", "target_angka", "baseline", "sumber_data",
                      "penanggung_jawab", "tahun"}
    assert "misalnya persen" in g["satuan"]
    assert "output, outcome, atau dampak" in g["level"]
    assert "Baseline belum diisi" in g["baseline"]


def test_tahun_harus_ada():
    ind = Indikator.from_dict({**LENGKAP, "target": {"akhir periode": 90}})
    assert "tidak menyebut tahun" in gagal(ind)["tahun"]


def test_rentang_butuh_dua_angka():
    ok = Indikator.from_dict({**LENGKAP, "polaritas": "rentang", "target": {"2027": [80, 85]}})
    assert gagal(ok) == {} and ok.target_tahun(2027) == (80, 85)
    satu = Indikator.from_dict({**LENGKAP, "polaritas": "rentang", "target": {"2027": 85}})
    assert "rentang dua angka" in gagal(satu)["target_angka"]
    terbalik = Indikator.from_dict({**LENGKAP, "polaritas": "rentang",
                                    "target": {"2027": [90, 85]}})
    assert "batas bawah 90 lebih besar" in gagal(terbalik)["target_angka"]


def test_nilai_pilihan_tak_dikenal():
    g = gagal(Indikator.from_dict({**LENGKAP, "level": "hasil", "polaritas": "naik",
                                   "agregasi": "rata"}))
    assert "Level 'hasil' tidak dikenal" in g["level"]
    assert "Polaritas 'naik'" in g["polaritas"] and "Agregasi 'rata'" in g["agregasi"]


def test_skor_smart_sebagian():
    ind = Indikator.from_dict({**LENGKAP, "sumber_data": "", "baseline": None})
    assert skor_smart(ind) == pytest.approx(8 / 10)


def test_daftar_indikator_melewati_baris_kosong():
    rows = [LENGKAP, {"kode": "", "nama": ""}, {"kode": "IK-02"}]
    assert [i.kode for i in daftar_indikator(rows)] == ["IK-01", "IK-02"]
    assert daftar_indikator(None) == []
    with pytest.raises(InputTidakValid, match="indikator ke-1"):
        daftar_indikator(["bukan dict"])


def test_kinerja_indikator_dari_triwulan():
    from sinovda.data.settings import load_pengaturan
    from sinovda.domain.indikator import kinerja_indikator

    p = load_pengaturan()
    ind = Indikator.from_dict(LENGKAP)
    k = kinerja_indikator(ind, {"tahun": "2027", "tw": [78, 80, None, 80]}, p)
    assert (k.realisasi, k.target, k.capaian.nilai, k.predikat.label) == (
        80, 85, 94.12, "Sangat Tinggi")
    waktu = Indikator.from_dict({**LENGKAP, "polaritas": "negatif", "agregasi": "posisi",
                                 "target": {"2027": 3}})
    assert kinerja_indikator(waktu, {"tahun": "2027", "tw": [4, 3, 2, None]}, p
                             ).capaian.nilai == 120
    belum = kinerja_indikator(ind, {"tahun": "2027", "tw": [None] * 4}, p)
    assert belum.capaian is None and "belum dilaporkan" in belum.pesan
    rusak = kinerja_indikator(ind, {"tahun": "2027", "tw": ["x"]}, p)
    assert "TW I 'x' bukan angka" in rusak.pesan
    tanpa_target = kinerja_indikator(ind, {"tahun": "2030", "tw": [1]}, p)
    assert tanpa_target.pesan == "target tahun 2030 belum diisi di modul 03"
    teks = kinerja_indikator(Indikator.from_dict({**LENGKAP, "target": {"2027": "tinggi"}}),
                             {"tahun": "2027", "tw": [1]}, p)
    assert teks.pesan == "target tahun 2027 'tinggi' belum berupa angka"


def test_target_rentang_diterima_untuk_indikator_positif():
    # module 03 accepts "88-90" (its hint suggests it): the SMART check must accept it too
    for target in ([88, 90], "88-90", "88 s/d 90"):
        ind = Indikator.from_dict({**LENGKAP, "target": {"2028": target}})
        assert gagal(ind) == {}, target
        assert ind.target_tahun("2028") == (88.0, 90.0)
    terbalik = Indikator.from_dict({**LENGKAP, "target": {"2028": [90, 88]}})
    assert "batas bawah 90 lebih besar dari batas atas 88" in gagal(terbalik)["target_angka"]


def test_kinerja_target_rentang_untuk_indikator_positif():
    from sinovda.data.settings import load_pengaturan
    from sinovda.domain.indikator import kinerja_indikator

    p = load_pengaturan()
    ind = Indikator.from_dict({**LENGKAP, "target": {"2028": [88, 90]}})
    assert kinerja_indikator(ind, {"tahun": "2028", "tw": [89]}, p).capaian.nilai == 100
    # under the range: 80 / 88 x 100 = 90.91; above it, higher is better: 99 / 90 = 110
    assert kinerja_indikator(ind, {"tahun": "2028", "tw": [80]}, p).capaian.nilai == 90.91
    assert kinerja_indikator(ind, {"tahun": "2028", "tw": [99]}, p).capaian.nilai == 110


def test_tahun_kosong_memakai_tahun_target_pertama():
    from sinovda.data.settings import load_pengaturan
    from sinovda.domain.indikator import kinerja_indikator

    ind = Indikator.from_dict({**LENGKAP, "target": {"2027": 100, "2028": 110}})
    k = kinerja_indikator(ind, {"tw": [120, None, None, 120]}, load_pengaturan())
    assert (k.tahun, k.capaian.nilai, k.predikat.label) == ("2027", 120, "Sangat Tinggi")


def test_tahun_sebagian_ditandai_sementara():
    from sinovda.data.settings import load_pengaturan
    from sinovda.domain.indikator import kinerja_indikator

    p = load_pengaturan()
    # cumulative, target 500, TW I-II 120 + 150 = 270: 54 % "Rendah", but only for now
    layanan = Indikator.from_dict({**LENGKAP, "agregasi": "kumulatif", "target": {"2027": 500}})
    k = kinerja_indikator(layanan, {"tahun": "2027", "tw": [120, 150, None, None]}, p)
    assert (k.realisasi, k.capaian.nilai, k.predikat.label) == (270, 54, "Rendah")
    assert k.sementara
    assert k.keterangan_sementara == ("sementara: baru TW I, II yang dilaporkan; "
                                      "tahun belum selesai")
    penuh = kinerja_indikator(layanan, {"tahun": "2027", "tw": [120, 150, 130, 100]}, p)
    assert not penuh.sementara and penuh.keterangan_sementara == ""
    # position: partial until TW IV is reported, whatever came before
    posisi = Indikator.from_dict(LENGKAP)
    assert kinerja_indikator(posisi, {"tahun": "2027", "tw": [78, 80, 81]}, p).sementara
    assert not kinerja_indikator(posisi, {"tahun": "2027", "tw": [78, None, 81, 83]},
                                 p).sementara
    assert not kinerja_indikator(posisi, {"tahun": "2027", "tw": []}, p).sementara
