"""Loading modul/pengaturan.yaml (and the rubric and IID files): values, errors, cache."""

from pathlib import Path

import pytest
import yaml

from sinovda import paths
from sinovda.data import settings
from sinovda.data.settings import load_pengaturan
from sinovda.domain.errors import BerkasTidakValid

ASLI = paths.ROOT / "modul" / "pengaturan.yaml"


def _tulis(tmp_path: Path, ubah) -> Path:
    data = yaml.safe_load(ASLI.read_text(encoding="utf-8"))
    ubah(data)
    p = tmp_path / "pengaturan.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def test_pengaturan_bawaan_sesuai_ranah():
    p = load_pengaturan()
    assert (p.usg.minimum, p.usg.maksimum) == (1, 5)
    assert p.capaian.batas_atas == 120
    assert [j.label for j in p.predikat.jenjang] == [
        "Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
    assert p.predikat.cari(90.5).label == "Sangat Tinggi"
    assert p.predikat.cari(90).label == "Tinggi"
    assert p.predikat.cari(50).label == "Sangat Rendah"
    assert [k.bobot for k in p.sakip.komponen] == [30, 30, 15, 25]
    assert p.iid.tahun_berlaku == 2023
    assert not p.iid.untuk_tahun(2026).terverifikasi
    assert "Manusia" in p.fishbone_kategori
    assert p.ngain.skala.cari(0.7).label == "tinggi"


def test_bawaan_di_cache_dan_dibaca_ulang_bila_berkas_berubah(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "MODUL_DIR", tmp_path)
    _tulis(tmp_path, lambda d: None)
    pertama = load_pengaturan()
    assert load_pengaturan() is pertama
    import os
    p = _tulis(tmp_path, lambda d: d["capaian"].update(batas_atas=150))
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert load_pengaturan().capaian.batas_atas == 150


def test_batas_atas_boleh_null(tmp_path):
    p = _tulis(tmp_path, lambda d: d["capaian"].update(batas_atas=None))
    assert load_pengaturan(p).capaian.batas_atas is None


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (lambda d: d["capaian"].update(batas_atas="seratus"),
         "kunci 'capaian.batas_atas' harus angka, bukan 'seratus'"),
        (lambda d: d["capaian"].pop("desimal"), "kunci 'capaian.desimal' tidak ada"),
        (lambda d: d["capaian"]["target_nol"].update(aturan="nol"),
         "kunci 'capaian.target_nol.aturan' harus salah satu dari"),
        (lambda d: d["predikat"][1].update(lebih_dari=95),
         "kunci 'predikat.1' batasnya harus lebih kecil"),
        (lambda d: d["predikat"][0].pop("label"), "kunci 'predikat.0.label' tidak ada"),
        (lambda d: d["pemangku"]["kuadran"].pop("latents"),
         "kunci 'pemangku.kuadran.latents.label' tidak ada"),
        (lambda d: d["iid"].update(tahun_berlaku=2030),
         "kunci 'iid.tahun_berlaku' 2030 tidak ada"),
        (lambda d: d["iid"]["ambang"][0].update(terverifikasi="ya"),
         "kunci 'iid.ambang.0.terverifikasi' harus true atau false"),
        (lambda d: d["usg"].update(maksimum=1), "kunci 'usg.maksimum' harus lebih besar"),
        (lambda d: d["fishbone"].update(kategori=[]), "kunci 'fishbone.kategori' harus daftar"),
    ],
)
def test_berkas_rusak_menyebut_berkas_dan_kunci(tmp_path, ubah, pesan):
    p = _tulis(tmp_path, ubah)
    with pytest.raises(BerkasTidakValid) as e:
        load_pengaturan(p)
    assert pesan in str(e.value)
    assert "pengaturan.yaml" in str(e.value)


def test_berkas_hilang_dan_yaml_rusak(tmp_path):
    with pytest.raises(BerkasTidakValid, match="tidak ditemukan"):
        load_pengaturan(tmp_path / "tidak_ada.yaml")
    p = tmp_path / "pengaturan.yaml"
    p.write_text("usg: [1, 2\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match="penulisan YAML tidak sah"):
        load_pengaturan(p)
    p.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match="pasangan kunci: nilai"):
        load_pengaturan(p)


def test_nama_berkas_relatif_terhadap_repo():
    assert settings.nama_berkas(ASLI) == str(Path("modul") / "pengaturan.yaml")


def test_rubrik_bawaan():
    r = settings.load_rubrik()
    assert sum(k.bobot for k in r.kriteria) == 100
    assert {k.otomatis for k in r.kriteria} == {None, "kelengkapan_rencana_aksi", "smart",
                                               "keterkaitan"}
    assert all(k.umpan_balik for k in r.kriteria)
    assert "bukan bobot resmi" in r.catatan


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (lambda d: d["kriteria"][2].update(otomatis="ajaib"),
         "kunci 'kriteria.2.otomatis' harus salah satu dari"),
        (lambda d: d["kriteria"][0].update(bobot="lima belas"),
         "kunci 'kriteria.0.bobot' harus angka, bukan 'lima belas'"),
        (lambda d: d["kriteria"][1].update(kode="masalah"),
         "kunci 'kriteria.1.kode' 'masalah' dipakai lebih dari sekali"),
        (lambda d: d.update(skor_maks=1), "kunci 'kriteria.0.skor_maks' harus lebih besar"),
    ],
)
def test_rubrik_rusak(tmp_path, ubah, pesan):
    data = yaml.safe_load((paths.ROOT / "modul" / "rubrik.yaml").read_text(encoding="utf-8"))
    ubah(data)
    p = tmp_path / "rubrik.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BerkasTidakValid) as e:
        settings.load_rubrik(p)
    assert pesan in str(e.value) and "rubrik.yaml" in str(e.value)


def test_iid_bawaan_dan_rusak(tmp_path):
    d = settings.load_iid()
    assert len(d.indikator) == 20 and d.maksimum == 111
    data = yaml.safe_load((paths.ROOT / "modul" / "iid.yaml").read_text(encoding="utf-8"))
    data["indikator"][3]["level"] = ["manual", "elektronik"]
    p = tmp_path / "iid.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BerkasTidakValid,
                       match="iid.yaml: kunci 'indikator.3.level' harus daftar 3"):
        settings.load_iid(p)


def test_masuk_dan_server_hub(tmp_path):
    bawaan = settings.load_masuk()
    assert (bawaan.gagal_maks, bawaan.kunci_menit, bawaan.server_menganggur_menit) == (10, 15, 60)
    p = _tulis(tmp_path, lambda d: d.pop("masuk"))  # missing section: defaults
    assert settings.load_masuk(p) == settings.AturanMasuk()
    p = _tulis(tmp_path, lambda d: d["masuk"].update(gagal_maks=0))
    with pytest.raises(BerkasTidakValid, match="'masuk.gagal_maks' harus bilangan bulat 1"):
        settings.load_masuk(p)
    p = _tulis(tmp_path, lambda d: d["server_hub"].update(server_menganggur_menit="lama"))
    with pytest.raises(BerkasTidakValid, match="server_hub.server_menganggur_menit"):
        settings.load_masuk(p)


def test_batas_penyimpanan(tmp_path):
    from sinovda.domain.akses import Batas

    assert settings.load_batas() == Batas(nilai_maks_kb=256, total_peserta_maks_kb=4096,
                                          riwayat_maks=200, riwayat_peserta_maks_kb=16384)
    p = _tulis(tmp_path, lambda d: d.pop("batas"))  # missing section: the defaults
    assert settings.load_batas(p) == Batas()
    p = _tulis(tmp_path, lambda d: d["batas"].update(nilai_maks_kb=64))
    assert settings.load_batas(p).nilai_maks == 64 * 1024
    p = _tulis(tmp_path, lambda d: d["batas"].update(riwayat_maks=0))
    with pytest.raises(BerkasTidakValid, match="'batas.riwayat_maks' harus bilangan bulat positif"):
        settings.load_batas(p)
    p = _tulis(tmp_path, lambda d: d["batas"].update(nilai_maks_kb="besar"))
    with pytest.raises(BerkasTidakValid, match="batas.nilai_maks_kb"):
        settings.load_batas(p)
