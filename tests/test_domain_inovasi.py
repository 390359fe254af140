"""Innovation enums and the PP 38/2017 criteria checklist."""

from sinovda.domain.inovasi import (
    BENTUK,
    INISIATOR,
    JENIS,
    KELOMPOK_URUSAN,
    KRITERIA,
    TAHAPAN,
    URUSAN,
    cek_inovasi,
    cek_kriteria,
    kriteria_terpenuhi,
    label,
)


def test_enum_sesuai_ranah():
    assert set(BENTUK.values()) >= {"Inovasi pelayanan publik"}
    assert set(JENIS) == {"digital", "non_digital"}
    assert set(INISIATOR.values()) == {"Kepala Daerah", "Anggota DPRD", "Perangkat Daerah (OPD)",
                                       "ASN", "Masyarakat"}
    assert list(TAHAPAN.values()) == ["Inisiatif", "Uji coba", "Penerapan"]
    for nama in ("Pendidikan", "Kesehatan", "Administrasi kependudukan dan pencatatan sipil",
                 "Penanaman modal", "Komunikasi dan informatika", "Pariwisata"):
        assert nama in URUSAN.values()
    assert KELOMPOK_URUSAN["kesehatan"] == "Urusan wajib pelayanan dasar"
    assert len(URUSAN) == len(KELOMPOK_URUSAN)


def test_lima_kriteria_pp_38():
    assert len(KRITERIA) == 5
    assert len({k.kode for k in KRITERIA}) == 5
    assert all(k.label and k.penjelasan for k in KRITERIA)


def test_cek_kriteria_menyebut_yang_kurang():
    semua = {k.kode: True for k in KRITERIA}
    assert cek_kriteria(semua) == [] and kriteria_terpenuhi(semua)
    kurang = cek_kriteria({**semua, "replikasi": False, "bermanfaat": None})
    assert len(kurang) == 2
    assert "Dapat direplikasi" in kurang[1] and "Memberi manfaat" in kurang[0]
    assert len(cek_kriteria({})) == 5


def test_label_dan_cek_inovasi():
    assert label("jenis", "digital") == "Digital"
    assert label("jenis", "hologram") == "hologram"
    data = {"nama": "Antre Online", "bentuk": "pelayanan_publik", "jenis": "digital",
            "inisiator": "opd", "urusan": "adminduk", "tahapan": "uji_coba",
            "cara_kerja": "Warga mengambil nomor antrean lewat WhatsApp",
            "penerima_manfaat": "Pemohon KTP"}
    assert cek_inovasi(data) == []
    pesan = cek_inovasi({**data, "urusan": "antariksa", "cara_kerja": " "})
    assert pesan == ["Urusan pemerintahan 'antariksa' tidak dikenal", "Cara kerja belum diisi"]
    assert len(cek_inovasi(None)) == 8
