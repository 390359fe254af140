"""view.indikator: module 03's SMART rows and verdict, one target text."""

from __future__ import annotations

from sinovda.view.indikator import indikator_dari, lihat_indikator, teks_target

LENGKAP = {
    "kode": "IK-01", "nama": "Indeks kepuasan masyarakat", "level": "outcome",
    "satuan": "indeks", "polaritas": "positif", "baseline": 1250, "target": {"2027": 85,
                                                                             "2028": [88, 90]},
    "sumber_data": "Survei", "penanggung_jawab": "Bidang Pelayanan", "agregasi": "posisi",
}


def test_complete_row_with_a_range_target_meets_every_check():
    b = lihat_indikator({"indikator": {"indikator": [LENGKAP]}})[0]
    assert b.memenuhi_smart and b.vonis == "memenuhi semua pemeriksaan SMART"
    assert (b.level, b.target, b.baseline) == ("Outcome", "2027: 85; 2028: 88-90", "1.250")
    assert b.lolos == b.jumlah == 10


def test_failed_checks_say_what_to_do():
    b = indikator_dari([{**LENGKAP, "satuan": "", "target": {"2027": "tinggi"}}])[0]
    assert b.vonis == "8/10 pemeriksaan SMART terpenuhi"
    pesan = [c.pesan for c in b.gagal]
    assert any(p.startswith("Satuan belum diisi") for p in pesan)
    assert any("'tinggi' bukan angka" in p for p in pesan)


def test_rows_without_code_or_name_are_skipped_and_numbers_kept():
    rows = indikator_dari([{}, "rusak", {"nama": "Waktu izin"}])
    assert [(b.nomor, b.judul) for b in rows] == [(3, "Waktu izin")]


def test_one_target_text():
    assert teks_target({"2028": [88.5, 90], "2027": 85}) == "2027: 85; 2028: 88,5-90"
    assert teks_target(None) == "-" and teks_target({}) == "-"


def test_gagal_baris_juga_untuk_baris_tanpa_kode_dan_nama():
    """Module 03's per-row advice and module 06 say the same for any row: a row with neither
    kode nor nama fails what an empty indicator fails (nama among them)."""
    from sinovda.view.indikator import gagal_baris

    kosong = gagal_baris({})
    assert any(c.kode == "nama" for c in kosong)
    assert gagal_baris({"satuan": "hari"}) and gagal_baris("rusak") == kosong
    baik = {"kode": "IK1", "nama": "Rata-rata waktu layanan izin", "level": "outcome",
            "satuan": "hari", "polaritas": "negatif", "baseline": 10, "target": {"2027": 5},
            "sumber_data": "SIMPEL", "penanggung_jawab": "Bidang Pelayanan"}
    assert gagal_baris(baik) == ()
