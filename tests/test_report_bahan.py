"""What travels to a Dask worker for a SQLite class, and the private class the worker makes of it:
the same report sections as from the class itself, nothing left behind."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import NIP_JAHAT, NIP_LENGKAP, NIP_RUSAK, NIP_TANPA_INOVASI, buat_kelas_laporan

from sinovda.domain.akses import Batas
from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.report import bahan
from sinovda.report.batch import bagi
from sinovda.report.isi import Laporan
from sinovda.report.pekerja import Tugas
from sinovda.store import Store
from sinovda.store.admin import DataAdmin


@pytest.fixture
def kelas(tmp_path: Path) -> Path:
    folder = buat_kelas_laporan(tmp_path / "kelas")
    st = Store.open(folder)
    st.atur_fasilitator(["Dr. Rina Kusuma", "Bagus Santoso"])
    st.close()
    DataAdmin(folder).atur_setelan({"tempat": "Denpasar", "jp": "32"})
    return folder


def _kumpulkan(kelas: Path, nips: list[str]) -> bahan.BahanKelas:
    st = Store.open(kelas)
    try:
        return bahan.kumpulkan(st, kelas, nips)
    finally:
        st.close()


def test_the_private_class_gives_the_same_report_sections(kelas: Path):
    nips = [NIP_LENGKAP, NIP_TANPA_INOVASI, NIP_JAHAT]
    data = pickle.loads(pickle.dumps(_kumpulkan(kelas, nips)))  # as it travels to a worker
    assert data.nama == "Kelas Uji Laporan" and data.setelan["tempat"] == "Denpasar"
    with bahan.kelas_sementara(data) as folder:
        assert folder.resolve() != kelas.resolve()
        for nip in nips:
            bahan.isi_peserta(folder, data, nip)
            asli = [b.html for b in Laporan(kelas, nip).semua()]
            salinan = [b.html for b in Laporan(folder, nip).semua()]
            assert salinan == asli, nip
        teks = Laporan(folder, NIP_LENGKAP).pengesahan().html
        assert "Denpasar" in teks and "Dr. Rina Kusuma" in teks and "Bagus Santoso" in teks
        # trainer scores and submitted tests came along (trusted class data, not a participant's
        # own workbook import, which would drop them)
        assert Store.open(folder).load(NIP_LENGKAP, "penilaian", "catatan") == "Lanjutkan uji coba."
    assert not folder.parent.exists()  # the temporary class is gone


def test_a_participant_is_put_in_only_when_their_turn_comes(kelas: Path):
    data = _kumpulkan(kelas, [NIP_LENGKAP, NIP_RUSAK])
    with bahan.kelas_sementara(data) as folder:
        st = Store.open(folder)
        assert st.daftar_peserta() == []
        bahan.isi_peserta(folder, data, NIP_RUSAK)
        assert [p.nip for p in st.daftar_peserta()] == [NIP_RUSAK]
        st.close()


def test_one_chunk_carries_only_its_participants(kelas: Path):
    data = _kumpulkan(kelas, [NIP_LENGKAP, NIP_RUSAK, NIP_JAHAT])
    bagian = data.untuk([NIP_RUSAK, "199912312020121001"])
    assert list(bagian.buku) == [NIP_RUSAK]
    assert (bagian.nama, bagian.fasilitator, bagian.setelan) == (
        data.nama, data.fasilitator, data.setelan)
    with bahan.kelas_sementara(bagian) as folder:
        with pytest.raises(InputTidakValid, match=NIP_LENGKAP):
            bahan.isi_peserta(folder, bagian, NIP_LENGKAP)


def test_a_bad_workbook_fails_that_participant_only(kelas: Path):
    data = _kumpulkan(kelas, [NIP_LENGKAP, NIP_TANPA_INOVASI])
    del data.buku[NIP_LENGKAP]["jawaban"][0]["value"]
    with bahan.kelas_sementara(data) as folder:
        with pytest.raises(BerkasTidakValid, match="value"):
            bahan.isi_peserta(folder, data, NIP_LENGKAP)
        bahan.isi_peserta(folder, data, NIP_TANPA_INOVASI)
        assert Laporan(folder, NIP_TANPA_INOVASI).masalah().html


def test_a_worker_with_a_slow_clock_or_smaller_limits_still_takes_the_class_data(kelas: Path):
    """Answers saved "later" than the worker's clock (its clock lags the server's) and values
    the class's own limits allow but the worker's settings would not are both taken."""
    st = Store.open(kelas)
    st.batas = Batas(nilai_maks_kb=512)  # the class's settings allow 512 KB per value
    panjang = "x" * (300 * 1024)
    st.save(NIP_TANPA_INOVASI, "masalah", "akar_masalah", panjang)
    data = bahan.kumpulkan(st, kelas, [NIP_TANPA_INOVASI])
    st.close()
    for j in data.buku[NIP_TANPA_INOVASI]["jawaban"]:
        j["saved_at"] = "2999-01-01T00:00:00.000000+00:00"
    with bahan.kelas_sementara(data) as folder:
        bahan.isi_peserta(folder, data, NIP_TANPA_INOVASI)
        salinan = Store.open(folder)
        assert salinan.load(NIP_TANPA_INOVASI, "masalah", "akar_masalah") == panjang
        salinan.close()


def test_the_private_class_stays_sqlite_where_sinovda_db_is_set(kelas: Path, monkeypatch):
    data = _kumpulkan(kelas, [NIP_LENGKAP])  # the client's SQLite class
    monkeypatch.setenv("SINOVDA_DB", "postgresql://tidak-ada@127.0.0.1:1/sinovda")
    with bahan.kelas_sementara(data) as folder:  # the worker's environment names a database
        assert (folder / "sinovda.db").is_file()
        bahan.isi_peserta(folder, data, NIP_LENGKAP)
        monkeypatch.delenv("SINOVDA_DB")
        assert "Denpasar" in Laporan(folder, NIP_LENGKAP).pengesahan().html


def test_chunks_cover_every_participant_once():
    kerja = [Tugas(str(i), f"P{i}", "", "") for i in range(45)]
    for n_thread in (1, 2, 8, 100):
        bagian = bagi(kerja, n_thread, ukuran=20)
        assert sorted(t.nip for b in bagian for t in b) == sorted(t.nip for t in kerja)
        assert all(0 < len(b) <= 20 for b in bagian)
        assert len(bagian) >= min(n_thread, len(kerja))
    assert bagi([], 4) == []
