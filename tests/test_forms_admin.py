"""Admin Kelas page: widgets driven from Python on a real class (one machine: OperasiAdmin)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sinovda.domain.peserta import Peserta
from sinovda.forms.admin import FormAdmin
from sinovda.hub.admin import OperasiAdmin
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.admin import DataAdmin

A, B = "198503152010011001", "197506171999042901"
BARU = "199110182020101902"


@pytest.fixture
def kelas(tmp_path: Path) -> Path:
    folder = tmp_path / "kelas"
    st = Store.create(folder, nama="Kelas Uji Admin")
    st.upsert_peserta([Peserta(A, "Ani Lestari"), Peserta(B, "Budi Santoso")])
    DaftarAkun(folder).sinkron_peserta([(A, "Ani Lestari"), (B, "Budi Santoso")])
    DaftarAkun(folder).tambah_fasilitator("fasuji", "Fasilitator Uji")
    return folder


@pytest.fixture
def form(kelas: Path) -> FormAdmin:
    return FormAdmin(OperasiAdmin(kelas, oleh="fasilitator:fasuji"), Store.open(kelas))


def _unggah(form: FormAdmin, nama: str, teks: str) -> None:
    form.unggah.value = ({"name": nama, "type": "text/csv", "size": len(teks),
                          "content": memoryview(teks.encode()),
                          "last_modified": dt.datetime.now(dt.UTC)},)


def test_roster_dengan_baris_salah_tidak_diimpor(form: FormAdmin, kelas: Path):
    assert "2 peserta" in form.tabel_peserta.value
    _unggah(form, "roster.csv", "NIP,Nama,Jabatan,OPD,Instansi\n"
            f"{BARU},Citra,Analis,Bappeda,Kota Denpasar\n"
            "198513322010011002,Dodi,Staf,Dinkes,Kota Denpasar\n")
    form.tombol_impor.click()
    assert "roster.csv" in form.pesan.value and "baris 3" in form.pesan.value
    assert Store.open(kelas).get_peserta(BARU) is None
    _unggah(form, "roster.csv", f"NIP,Nama,Jabatan,OPD,Instansi\n{BARU},Citra,Analis,Bappeda,"
            "Kota Denpasar\n")
    form.tombol_impor.click()
    assert "1 baru" in form.pesan.value and "3 peserta" in form.tabel_peserta.value
    assert Store.open(kelas).get_peserta(BARU).nama == "Citra"


def test_kode_baru_dengan_slip_pdf(form: FormAdmin, kelas: Path):
    form.akun.value = A
    form.tombol_kode.click()
    assert "Kode akses baru" in form.slip.value
    assert "data:application/pdf;base64," in form.slip.value
    kode = form.slip.value.split("<code style='font-size:1.2em'>")[1].split("</code>")[0]
    assert DaftarAkun(kelas).cek(A, kode) is not None
    assert DataAdmin(kelas).log()[0].aksi == "kode akses baru"


def test_riwayat_dengan_oleh_dan_pulihkan(form: FormAdmin, kelas: Path):
    st = Store.open(kelas)
    r1 = st.save(A, "masalah", "akar_masalah", "versi pertama")
    st.save(A, "masalah", "akar_masalah", "versi kedua")
    form.r_peserta.value = A
    form.r_modul.value = "masalah"
    assert form.r_field.options == ("akar_masalah",)
    form.tombol_riwayat.click()
    assert "versi pertama" in form.tabel_riwayat.value and "peserta" in form.tabel_riwayat.value
    form.r_revisi.value = r1
    form.tombol_pulihkan.click()
    assert st.load(A, "masalah", "akar_masalah") == "versi pertama"
    assert "dipulihkan" in form.pesan.value
    assert "dipulihkan oleh" in form.tabel_riwayat.value  # who restored it is on the revision


def test_kunci_modul_dan_rilis(form: FormAdmin, kelas: Path):
    form.kotak_modul["masalah"].value = True
    assert DataAdmin(kelas).modul_terkunci() == {"masalah"}
    form.kotak_modul["masalah"].value = False
    assert DataAdmin(kelas).modul_terkunci() == set()
    assert "belum dirilis" in form.status_rilis.value
    form.rilis_pilih.value = (B,)
    form.tombol_rilis_pilih.click()
    assert DataAdmin(kelas).daftar_rilis() == {B} and "1 peserta" in form.status_rilis.value
    form.tombol_rilis_kelas.click()
    assert "seluruh kelas" in form.status_rilis.value
    form.tombol_tarik.click()
    assert DataAdmin(kelas).daftar_rilis() == set()


def test_setelan_salah_ditolak_dengan_pesan(form: FormAdmin, kelas: Path):
    form.setelan["tanggal_mulai"].value = "2026-03-09"
    form.setelan["jp"].value = "32"
    form.tombol_setelan.click()
    assert DataAdmin(kelas).setelan() == {"tanggal_mulai": "2026-03-09", "jp": 32}
    form.setelan["tanggal_selesai"].value = "9 Maret"
    form.tombol_setelan.click()
    assert "tidak sah" in form.pesan.value
    assert "tanggal_selesai" not in DataAdmin(kelas).setelan()


def test_fasilitator_tambah_dan_hapus(form: FormAdmin, kelas: Path):
    form.fas_nama.value, form.fas_label.value = "sri_w", "Sri Wahyuni"
    form.tombol_fas.click()
    assert "Sri Wahyuni" in form.pesan.value and DaftarAkun(kelas).peran("sri_w")
    form.fas_hapus.value = "sri_w"
    form.tombol_hapus.click()
    assert DaftarAkun(kelas).get("sri_w") is None
    form.fas_hapus.value = "fasuji"
    form.tombol_hapus.click()
    assert "sendiri" in form.pesan.value and DaftarAkun(kelas).get("fasuji")


def test_bukan_fasilitator_melihat_pesan(kelas: Path):
    from sinovda.domain.errors import AksesDitolak

    class Tolak:
        def ringkas(self):
            raise AksesDitolak("akses ditolak: hanya fasilitator")

    f = FormAdmin(Tolak(), Store.open(kelas))
    assert "hanya fasilitator" in f.pesan.value


def test_notebook_admin_berjalan(kelas: Path, tmp_path: Path):
    from conftest import jalankan_notebook_fasilitator

    keluaran = jalankan_notebook_fasilitator("admin_kelas.ipynb", kelas, tmp_path)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for o in keluaran)


def test_kode_untuk_semua_yang_belum_punya(form: FormAdmin, kelas: Path):
    akun = DaftarAkun(kelas)
    lama = akun.set_kode(B)  # B already has a passcode: it stays valid
    form.tombol_kode_semua.click()
    assert "1 kode akses baru" in form.slip.value and "lembar-kode-akses.pdf" in form.slip.value
    kode = form.slip.value.split(f"<td style='padding:2px 8px;vertical-align:top'>{A}</td>")[1]
    kode = kode.split("</td>")[1].split(">")[-1]
    assert akun.cek(A, kode) is not None and akun.cek(B, lama) is not None
    form.tombol_kode_semua.click()
    assert "Semua peserta sudah punya kode akses" in form.pesan.value


def test_unduh_rekap_setelah_dibuat(form: FormAdmin, kelas: Path):
    from sinovda.report.rekap import tulis_rekap

    form.tombol_unduh_rekap.click()
    assert "rekap belum dibuat" in form.pesan.value
    tulis_rekap(kelas, kelas / "rekap")
    form.tombol_unduh_rekap.click()
    assert "Simpan rekap.xlsx" in form.unduhan.value
    assert "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,UEsD" \
        in form.unduhan.value  # a ZIP (xlsx) file


def test_peserta_melihat_pesan_modul_dikunci(form: FormAdmin, kelas: Path):
    from sinovda.forms.masalah import FormMasalah

    st = Store.open(kelas)
    st.save(A, "masalah", "akar_masalah", "sebelum dikunci")
    form.kotak_modul["masalah"].value = True
    m = FormMasalah(st, A)
    m.akar_masalah.input.value = "diubah setelah dikunci"
    assert "dikunci fasilitator" in m.akar_masalah.status.value
    assert st.load(A, "masalah", "akar_masalah") == "sebelum dikunci"
