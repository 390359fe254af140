"""The trainer's grading form on a real class store: pre-fill, override, save, reload."""

from __future__ import annotations

import pytest
from conftest import jalankan_notebook_fasilitator

from sinovda.domain.peserta import Peserta
from sinovda.forms.penilaian import FormPenilaian
from sinovda.store import Store

ANI, BUDI = "198503152010011001", "197506171999042901"

IND = {
    "kode": "IK1", "nama": "Rata-rata waktu layanan izin", "level": "outcome", "satuan": "hari",
    "polaritas": "negatif", "baseline": 10, "target": {"2027": 5}, "sumber_data": "SIMPEL",
    "penanggung_jawab": "Bidang Pelayanan", "agregasi": "posisi", "iku": "",
}
RA = {
    "permasalahan": "Antrean panjang di loket <b>izin</b>", "inovasi": "Loket daring",
    "opd": "DPMPTSP", "target_waktu": "Desember 2027",
    "indikator_keberhasilan": "IK1 Rata-rata waktu layanan izin",
    "jangka_pendek": "Uji coba", "jangka_menengah": "Penerapan", "jangka_panjang": "",
}


@pytest.fixture
def kelas(tmp_path):
    st = Store.create(tmp_path, nama="Kelas Penilaian")
    st.upsert_peserta([Peserta(ANI, "Ani"), Peserta(BUDI, "Budi")])
    st.save(ANI, "masalah", "isu_inti", "Antrean panjang di loket izin")
    st.save(ANI, "inovasi", "inovasi", {"nama": "Loket daring"})
    st.save(ANI, "inovasi", "rencana_aksi", [RA])
    st.save(ANI, "indikator", "indikator", [IND])
    return st


def _manual(f: FormPenilaian) -> list[str]:
    return [k.kode for k in f.rubrik.kriteria if not k.otomatis]


def test_karya_peserta_di_samping_rubrik(kelas):
    f = FormPenilaian(kelas, ANI)
    assert "Loket daring" in f.karya.value and "DPMPTSP" in f.karya.value
    assert "<b>izin</b>" not in f.karya.value and "&lt;b&gt;izin" in f.karya.value
    otomatis = [k for k in f.rubrik.kriteria if k.otomatis]
    assert otomatis, "rubrik contoh punya kriteria yang dinilai program"
    for k in otomatis:
        assert "Skor otomatis" in f.info[k.kode].value
        assert f.skor[k.kode].value == "" and f.skor[k.kode].placeholder  # pre-filled, not typed
    for kode in _manual(f):
        assert "Belum dinilai" in f.info[kode].value
    assert "belum lengkap" in f.total.value


def test_skor_pelatih_disimpan_dan_menggantikan_otomatis(kelas):
    f = FormPenilaian(kelas, ANI)
    for kode in _manual(f):
        f.skor[kode].value = "3"
    auto = next(k for k in f.rubrik.kriteria if k.otomatis)
    f.skor[auto.kode].value = "2,5"  # Indonesian decimal comma
    f.komentar[auto.kode].value = "Tonggak jangka panjang kosong"
    f.catatan.value = "Rencana baik; lengkapi tonggaknya."
    simpan = kelas.load(ANI, "penilaian", "rubrik")
    assert simpan[auto.kode] == {"skor": 2.5, "komentar": "Tonggak jangka panjang kosong"}
    assert all(simpan[k]["skor"] == 3 for k in _manual(f))
    assert kelas.load(ANI, "penilaian", "catatan") == "Rencana baik; lengkapi tonggaknya."
    assert "Tersimpan" in f.status.value
    assert "dari 100" in f.total.value and "pelatih" in f.hasil.value
    # empty box: back to the automatic score
    f.skor[auto.kode].value = ""
    assert kelas.load(ANI, "penilaian", "rubrik")[auto.kode]["skor"] is None
    assert "Skor otomatis" in f.info[auto.kode].value


def test_skor_di_luar_rentang_ditolak_di_kolomnya(kelas):
    f = FormPenilaian(kelas, ANI)
    kode = _manual(f)[0]
    f.skor[kode].value = "3"
    sebelum = kelas.load(ANI, "penilaian", "rubrik")
    nama = next(k.nama for k in f.rubrik.kriteria if k.kode == kode)
    for buruk in ("7", "0", "tiga", "4,5"):
        f.skor[kode].value = buruk
        assert f"Skor &#x27;{nama}&#x27; harus angka 1 sampai 4" in f.galat[kode].value
        assert kelas.load(ANI, "penilaian", "rubrik") == sebelum  # nothing stored
        assert f.skor[kode].value == "3"  # the field shows the stored value again
    f.skor[kode].value = "2"
    assert f.galat[kode].value == ""
    assert kelas.load(ANI, "penilaian", "rubrik")[kode]["skor"] == 2


def test_simpan_sebagai_fasilitator(kelas):
    f = FormPenilaian(kelas, ANI, pelatih="ratna")
    kode = _manual(f)[0]
    f.skor[kode].value = "3"
    assert kelas.history(ANI, "penilaian", "rubrik")[0].oleh == "fasilitator:ratna"


def test_berikutnya_sebelumnya_dan_hitungan_belum_dinilai(kelas):
    f = FormPenilaian(kelas, ANI)
    assert f.posisi.value == "Peserta 1 dari 2"
    assert "Belum selesai dinilai: 2 dari 2 peserta." in f.sisa.value
    assert f.sebelumnya.disabled and not f.berikutnya.disabled
    for kode in _manual(f):
        f.skor[kode].value = "3"
    assert "Belum selesai dinilai: 1 dari 2 peserta." in f.sisa.value
    f.berikutnya.click()
    assert f.nip == BUDI and f.posisi.value == "Peserta 2 dari 2" and f.berikutnya.disabled
    # Budi has no plan: the automatic criteria cannot be judged, and say so
    auto = [k.kode for k in f.rubrik.kriteria if k.otomatis]
    assert all("Belum dapat dinilai otomatis" in f.info[k].value for k in auto)
    assert "rencana aksi belum diisi" in f.info["keterkaitan"].value
    f.sebelumnya.click()
    assert f.nip == ANI and f.skor[_manual(f)[0]].value == "3"


def test_rumus_di_bawah_total_dan_teks_peserta(kelas):
    f = FormPenilaian(kelas, ANI)
    assert "Nilai rubrik = jumlah (bobot x (skor - skor terendah)" in f.total.value
    f.skor["kelengkapan_ra"].value = "1"
    f.komentar["kelengkapan_ra"].value = "Tonggak jangka panjang kosong"
    assert "Tonggak jangka panjang kosong. Program mengukur: 7 dari 8 sel terisi" in f.hasil.value


def test_form_baru_menampilkan_yang_tersimpan_dan_ganti_peserta(kelas):
    f = FormPenilaian(kelas, ANI)
    kode = _manual(f)[0]
    f.skor[kode].value = "4"
    f.catatan.value = "Bagus"
    g = FormPenilaian(kelas, ANI)
    assert g.skor[kode].value == "4" and g.catatan.value == "Bagus"
    g.pilih.value = BUDI
    assert g.skor[kode].value == "" and g.catatan.value == ""
    assert "Rencana aksi belum diisi" in g.karya.value
    g.skor[kode].value = "1"
    assert kelas.load(BUDI, "penilaian", "rubrik")[kode]["skor"] == 1
    assert kelas.load(ANI, "penilaian", "rubrik")[kode]["skor"] == 4


def test_notebook_penilaian_berjalan_di_kernel(kelas, tmp_path):
    keluaran = jalankan_notebook_fasilitator("penilaian.ipynb", kelas.folder, tmp_path)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in keluaran)


def test_dua_pelatih_menilai_peserta_yang_sama(kelas):
    """Compare-and-set: the second trainer's stale form never overwrites the first's score."""
    f1 = FormPenilaian(kelas, ANI, pelatih="ratna")
    f2 = FormPenilaian(kelas, ANI, pelatih="bagus")
    kode = _manual(f1)[0]
    f1.skor[kode].value = "4"
    f2.skor[kode].value = "1"
    assert "diubah di tempat lain" in f2.status.value
    assert kelas.load(ANI, "penilaian", "rubrik")[kode]["skor"] == 4
    assert f2.skor[kode].value == "4"  # the newer version is shown
    f2.skor[kode].value = "2"  # now based on the latest: saved
    assert kelas.load(ANI, "penilaian", "rubrik")[kode]["skor"] == 2
    assert [r.oleh for r in kelas.history(ANI, "penilaian", "rubrik")][:2] == [
        "fasilitator:bagus", "fasilitator:ratna"]


def test_berikutnya_yang_belum_dinilai(kelas):
    kelas.upsert_peserta([Peserta("199001012015031001", "Citra")])
    f = FormPenilaian(kelas, ANI)  # roster: Ani, Budi, Citra
    f.pilih.value = BUDI
    for kode in _manual(f):
        f.skor[kode].value = "2"
    for kode in [k.kode for k in f.rubrik.kriteria if k.otomatis]:
        f.skor[kode].value = "1"  # Budi has no plan: the trainer scores it
    assert "Belum selesai dinilai: 2 dari 3 peserta." in f.sisa.value
    f.ke_belum_dinilai()
    assert f.nip == "199001012015031001"  # Citra, skipping nobody
    f.ke_belum_dinilai()
    assert f.nip == ANI  # wraps round, skips Budi (fully graded)
    assert not f.belum_berikutnya.disabled


def test_skor_desimal_tersimpan_tampil_utuh_dan_tidak_berubah(kelas):
    kelas.save(ANI, "penilaian", "rubrik", {"masalah": {"skor": 3.125, "komentar": ""}},
               peran="fasilitator")
    f = FormPenilaian(kelas, ANI)
    assert f.skor["masalah"].value == "3,125"
    f.komentar["masalah"].value = "Tajam"
    assert kelas.load(ANI, "penilaian", "rubrik")["masalah"] == {"skor": 3.125,
                                                                 "komentar": "Tajam"}


def test_karya_dibaca_lewat_view_seperti_laporan(kelas):
    """The work pane says what module 06 and the report say: the default core issue (top of
    the APKL-passing ranking) marked as default, the plan numbered as module 02 numbers it
    (empty rows and non-records skipped), the level's label and the SMART share of
    ``view.indikator`` (a non-record indicator row skipped, not a warning)."""
    from sinovda.forms.penilaian import html_karya
    from sinovda.view.indikator import lihat_indikator

    lolos = dict.fromkeys(("aktual", "problematik", "kekhalayakan", "kelayakan"), True)
    kelas.save(BUDI, "masalah", "isu", [
        {"judul": "Dokter kurang", "apkl": {**lolos, "kelayakan": False},
         "usg": {"u": 5, "s": 5, "g": 5}},
        {"judul": "Antrean panjang", "apkl": lolos, "usg": {"u": 5, "s": 4, "g": 4}}])
    kelas.save(BUDI, "inovasi", "rencana_aksi", [{}, "rusak", RA])
    kurang = {**IND, "kode": "IK2", "satuan": "", "sumber_data": ""}
    kelas.save(BUDI, "indikator", "indikator", ["rusak", IND, kurang])
    html = html_karya(kelas, BUDI)
    assert "Antrean panjang (bawaan: peringkat USG teratas)" in html
    assert "Baris 1" in html and "Baris 2" not in html
    assert "Outcome" in html
    persen = [f"{d.persen_smart:.0f}%" for d in lihat_indikator(kelas.load_all(BUDI))]
    assert persen[0] == "100%" and persen[1] != "100%"
    for p in persen:
        assert f"<td>{p}</td>" in html or f">{p}<" in html
    assert "harus berupa isian bernama" not in html
