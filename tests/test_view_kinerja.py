"""view.kinerja: module 04's rows as the form, report and recap show them (ranah examples)."""

from __future__ import annotations

from sinovda.view.kinerja import indikator_berkode, kinerja_dari, lihat_kinerja, tahun_opsi

IND = [
    {"kode": "IK-1", "nama": "Indeks kepuasan", "polaritas": "positif", "target": {"2027": 85},
     "agregasi": "posisi"},
    {"kode": "IK-2", "nama": "Waktu layanan", "polaritas": "negatif", "target": {"2027": 3},
     "agregasi": "posisi"},
    {"kode": "IK-3", "nama": "Jumlah layanan", "polaritas": "positif", "target": {"2027": 500},
     "agregasi": "kumulatif"},
    {"kode": "", "nama": "tanpa kode"},
]


def test_ranah_examples_with_predikat_colour_and_formula():
    v = lihat_kinerja({"indikator": {"indikator": IND}, "monev": {"realisasi": {
        "IK-1": {"tahun": "2027", "tw": [78, 80, 81, 80]},
        "IK-2": {"tahun": "2027", "tw": [None, None, None, 2]},
        "IK-3": {"tahun": "2027", "tw": [120, 150, 130, 100]}}}})
    b = {x.kode: x for x in v.baris}
    assert (b["IK-1"].capaian, b["IK-1"].predikat, b["IK-1"].target_teks) == (
        94.12, "Sangat Tinggi", "85")
    assert b["IK-1"].warna and b["IK-1"].rumus.startswith("realisasi / target")
    assert (b["IK-2"].capaian, b["IK-2"].predikat) == (120, "Sangat Tinggi")  # 133,33 capped
    assert (b["IK-3"].realisasi, b["IK-3"].capaian, b["IK-3"].predikat) == (500, 100,
                                                                            "Sangat Tinggi")
    assert [x.kode for x in v.baris] == ["IK-1", "IK-2", "IK-3"]  # only coded indicators
    assert v.perlu_analisis == (b["IK-1"],)
    assert v.batas_atas == 120
    assert v.data_grafik()[0] == {"label": "IK-1 Indeks kepuasan", "capaian": 94.12,
                                  "predikat": "Sangat Tinggi", "warna": b["IK-1"].warna}


def test_partial_year_and_unreported_rows():
    v = kinerja_dari(IND, {"IK-3": {"tahun": "2027", "tw": [120, 150]}})
    b = {x.kode: x for x in v.baris}
    assert (b["IK-3"].capaian, b["IK-3"].predikat_teks, b["IK-3"].sementara) == (
        54, "Rendah (sementara)", True)
    assert v.ada_sementara and [x.kode for x in v.dilaporkan] == ["IK-3"]
    assert not b["IK-1"].dilaporkan and "belum dilaporkan" in b["IK-1"].predikat_teks


def test_helpers():
    assert [r["kode"] for r in indikator_berkode(IND)] == ["IK-1", "IK-2", "IK-3"]
    assert indikator_berkode("rusak") == []
    assert tahun_opsi({"target": {"2028": 1, "2027": 2}}) == ["2027", "2028"]
    assert tahun_opsi({}) == []
    assert lihat_kinerja({}).baris == ()


def test_belum_dianalisis_hanya_analisis_yang_lengkap_dihitung():
    """Module 04: an indicator below target counts as analysed once a row names it with both
    the gap and the corrective action."""
    from sinovda.view.kinerja import belum_dianalisis

    ind = [{"kode": k, "nama": k, "polaritas": "positif", "target": {"2027": 100},
            "agregasi": "posisi"} for k in ("IK-1", "IK-2", "IK-3")]
    real = {"IK-1": {"tahun": "2027", "tw": [None, None, None, 80]},
            "IK-2": {"tahun": "2027", "tw": [None, None, None, 60]},
            "IK-3": {"tahun": "2027", "tw": [None, None, None, 120]}}  # above target
    v = kinerja_dari(ind, real)
    assert [b.kode for b in v.perlu_analisis] == ["IK-1", "IK-2"]
    analisis = [{"indikator": "IK-1", "kesenjangan": "Server mati", "tindakan": "Pindah server"},
                {"indikator": "IK-2", "kesenjangan": "Petugas kurang", "tindakan": "  "},
                "rusak"]
    assert [b.kode for b in belum_dianalisis(v, analisis)] == ["IK-2"]
    assert [b.kode for b in belum_dianalisis(v, None)] == ["IK-1", "IK-2"]
