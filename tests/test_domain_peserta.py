"""NIP rules: what a trainer relies on when a roster is imported."""

import datetime as dt

import pytest

from sinovda.domain.errors import InputTidakValid, SinovdaError
from sinovda.domain.peserta import Peserta, alasan_nip_tidak_valid, validasi_nip

HARI_INI = dt.date(2026, 1, 1)


def test_contoh_ranah_pns_sah():
    info = validasi_nip("198503152010011001", HARI_INI)
    assert info.jenis == "PNS"
    assert info.tanggal_lahir == dt.date(1985, 3, 15)
    assert (info.tmt_tahun, info.tmt_bulan) == (2010, 1)
    assert info.jenis_kelamin == "laki-laki"
    assert info.nomor_urut == 1


def test_pns_perempuan_dan_spasi_di_tepi():
    info = validasi_nip(" 199002282015032045 ", HARI_INI)
    assert info.jenis_kelamin == "perempuan"
    assert info.nomor_urut == 45


def test_pppk_sah():
    # lahir 12-07-1990, TMT 2022, digit 2, frekuensi 1, perempuan, urut 015
    info = validasi_nip("199007122022212015", HARI_INI)
    assert info.jenis == "PPPK"
    assert info.tmt_tahun == 2022 and info.tmt_bulan is None
    assert info.jenis_kelamin == "perempuan"
    assert info.nomor_urut == 15


def test_contoh_ranah_bulan_13_ditolak_dengan_alasan():
    with pytest.raises(InputTidakValid, match="bulan lahir '13'"):
        validasi_nip("198513322010011002", HARI_INI)
    assert "13" in alasan_nip_tidak_valid("198513322010011002")


@pytest.mark.parametrize(
    ("nip", "kata"),
    [
        ("198502312010011001", "31 Februari 1985"),  # tanggal tidak ada
        ("198503152010311001", "bulan TMT CPNS '31'"),
        ("198503151984011001", "harus sesudah tanggal lahir"),  # TMT sebelum lahir
        ("198503152010013001", "jenis kelamin '3'"),
        ("198503152010011000", "'000'"),
        ("19850315201001100A", "angka saja"),
        ("19850315201001100", "18 digit, bukan 17"),
        ("1.98503E+17", "dibulatkan Excel"),
        ("1,98503E+17", "format kolom NIP sebagai Teks"),
        ("", "kosong"),
        ("299903152010011001", "belum terjadi"),
    ],
)
def test_nip_tidak_sah_dengan_alasan(nip, kata):
    with pytest.raises(InputTidakValid) as e:
        validasi_nip(nip, HARI_INI)
    assert kata in str(e.value)
    assert isinstance(e.value, SinovdaError)
    assert alasan_nip_tidak_valid(nip)


def test_alasan_none_bila_sah():
    assert alasan_nip_tidak_valid("198503152010011001") is None


def test_peserta_beku_dan_bawaan_kosong():
    p = Peserta("198503152010011001", "Budi Santoso")
    assert (p.jabatan, p.opd, p.instansi, p.email) == ("", "", "", "")
    with pytest.raises(AttributeError):
        p.nama = "Lain"  # type: ignore[misc]


def test_nip_dengan_spasi_seperti_tercetak_diterima():
    from sinovda.domain.peserta import rapikan_nip

    assert rapikan_nip("19850315 201001 1 001") == "198503152010011001"
    info = validasi_nip("19850315 201001 1 001", HARI_INI)
    assert (info.jenis, info.tmt_tahun, info.nomor_urut) == ("PNS", 2010, 1)


@pytest.mark.parametrize("nip", ["198503152029011001", "198503152085011001"])
def test_tmt_cpns_di_masa_depan_ditolak(nip):
    with pytest.raises(InputTidakValid, match="belum terjadi"):
        validasi_nip(nip, HARI_INI)
    assert "TMT CPNS Januari" in alasan_nip_tidak_valid(nip, HARI_INI)
    # the same month as today is fine, the next one is not
    assert validasi_nip("198503152026011001", HARI_INI).tmt_tahun == 2026
    with pytest.raises(InputTidakValid, match="Februari 2026 belum terjadi"):
        validasi_nip("198503152026021001", HARI_INI)


def test_tmt_pppk_di_masa_depan_ditolak():
    with pytest.raises(InputTidakValid, match="tahun TMT 2029 belum terjadi"):
        validasi_nip("199007122029212015", HARI_INI)


def test_nip_yang_sangat_panjang_tidak_diulang_utuh_dalam_pesan():
    """A 2,000-character paste is named by its start and its length, not echoed in full."""
    with pytest.raises(InputTidakValid) as e:
        validasi_nip("1" * 2000)
    pesan = str(e.value)
    assert "bukan 2000" in pesan and len(pesan) < 100
    with pytest.raises(InputTidakValid) as e:
        validasi_nip("x" * 2000)
    assert len(str(e.value)) < 100
