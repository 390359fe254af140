"""The facilitator's dashboard built in-process on a small class (real SQLite store)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import jalankan_notebook_fasilitator

from sinovda.data import content
from sinovda.domain.peserta import Peserta
from sinovda.forms.dasbor import Dasbor, ringkas_kelas
from sinovda.store import Store

ANI, BUDI, CITRA = "198503152010011001", "197506171999042901", "199110182020101902"

LOLOS = dict.fromkeys(("aktual", "problematik", "kekhalayakan", "kelayakan"), True)
ISU = [
    {"judul": "Data tidak sinkron", "apkl": LOLOS, "usg": {"u": 4, "s": 4, "g": 3}},
    {"judul": "Antrean panjang", "apkl": LOLOS, "usg": {"u": 5, "s": 4, "g": 4}},
    {"judul": "Aduan lambat", "apkl": LOLOS, "usg": {"u": 4, "s": 5, "g": 4}},
    # the highest USG, but it fails APKL: never ranked, never the core issue (as in module 01)
    {"judul": "Kekurangan dokter spesialis", "apkl": {**LOLOS, "kelayakan": False},
     "usg": {"u": 5, "s": 5, "g": 5}},
]
IND_BAIK = {
    "kode": "IK1", "nama": "Rata-rata waktu layanan izin", "level": "outcome", "satuan": "hari",
    "polaritas": "negatif", "baseline": 10, "target": {"2027": 5}, "sumber_data": "SIMPEL",
    "penanggung_jawab": "Bidang Pelayanan", "agregasi": "posisi", "iku": "",
}
IND_KURANG = {**IND_BAIK, "kode": "IK2", "satuan": "", "sumber_data": ""}


@pytest.fixture
def kelas(tmp_path):
    st = Store.create(tmp_path, nama="Kelas Dasbor")
    st.upsert_peserta([
        Peserta(ANI, "Ani <script>alert(1)</script>", opd="Dinas Kesehatan"),
        Peserta(BUDI, "Budi", opd="DPMPTSP"),
        Peserta(CITRA, "Citra", opd="Disdukcapil"),
    ])
    soal = content.load_soal_tes_berkunci()
    ids = content.soal_tes()
    kunci = {s.id: s.kunci for s in soal}
    salah = {s.id: next(h for h, _ in s.pilihan if h != s.kunci) for s in soal}
    # Ani: module 00 done (all pre-test answers right), issues ranked, one good indicator
    st.save(ANI, "pengantar", "pretest", {i: kunci[i] for i in ids})
    st.save(ANI, "pengantar", "pretest_selesai", True, peran="sistem")  # scoring path
    st.save(ANI, "masalah", "isu", ISU)
    st.save(ANI, "masalah", "fishbone", [{"kategori": "Manusia", "sebab": "SDM kurang"},
                                         {"kategori": "Metode", "sebab": "SOP lama"}])
    st.save(ANI, "inovasi", "inovasi", {"nama": "Loket daring", "bentuk": "pelayanan_publik",
                                        "jenis": "digital", "urusan": "kesehatan"})
    st.save(ANI, "indikator", "indikator", [IND_BAIK, IND_KURANG])
    # Budi: pre-test submitted with the first question wrong; nothing else
    jawaban_budi = {i: kunci[i] for i in ids}
    jawaban_budi[ids[0]] = salah[ids[0]]
    st.save(BUDI, "pengantar", "pretest", jawaban_budi)
    st.save(BUDI, "pengantar", "pretest_selesai", True, peran="sistem")
    st.save(BUDI, "masalah", "isu", ISU[:1])
    st.save(BUDI, "masalah", "fishbone", [{"kategori": "Manusia", "sebab": "Petugas kurang"}])
    st.save(BUDI, "inovasi", "inovasi", {"nama": "SIPINTAR", "bentuk": "pelayanan_publik",
                                         "jenis": "digital", "urusan": "penanaman_modal"})
    # Citra: nothing saved yet
    return st


def test_progres_dan_peserta_macet(kelas):
    nanti = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=45)
    r = ringkas_kelas(kelas, sekarang=nanti, batas_macet_menit=30)
    baris = {b.nip: b for b in r.progres}
    assert set(baris) == {ANI, BUDI, CITRA}
    assert baris[ANI].status["pengantar"] == "selesai"
    assert baris[ANI].status["masalah"] == "sedang"
    assert baris[CITRA].status["pengantar"] == "belum" and baris[CITRA].persen == 0
    assert baris[ANI].persen > baris[CITRA].persen
    # no save for 45 minutes while not done: stuck; never saved: not "stuck" but shown as such
    assert baris[ANI].macet and baris[BUDI].macet and not baris[CITRA].macet
    assert baris[ANI].menit_diam == pytest.approx(45, abs=1)
    assert not any(b.macet for b in ringkas_kelas(kelas, batas_macet_menit=30).progres)


def test_masalah_inovasi_indikator_pretest(kelas):
    r = ringkas_kelas(kelas)
    # core issue = top of the USG ranking of the APKL-passing issues (tie 13-13 broken by
    # Urgency); "Kekurangan dokter spesialis" (15) fails APKL
    assert [(b.nama, b.judul, b.total) for b in r.masalah] == [
        ("Ani <script>alert(1)</script>", "Antrean panjang", 13),
        ("Budi", "Data tidak sinkron", 11),
    ]
    assert r.kategori_sebab == {"Manusia": 2, "Metode": 1}
    assert sum(r.inovasi["jenis"].values()) == 2
    assert len(r.inovasi["urusan"]) == 2
    assert r.jumlah_indikator == 2
    cek = {c.kode: c for c in r.smart}
    assert cek["satuan"].lolos == 1 and cek["satuan"].jumlah == 2
    assert cek["nama"].persen == 100
    assert r.peserta_pretest == 2
    pertama = r.pretest[0]
    assert (pertama.menjawab, pertama.benar) == (2, 1)
    assert all(s.benar == 2 for s in r.pretest[1:])


def test_widget_dan_tombol_muat_ulang(kelas):
    d = Dasbor(kelas)
    kemajuan, masalah = d.isi[0].value, d.isi[1].value
    assert "Citra" in kemajuan and "Disdukcapil" in kemajuan
    assert "<script>" not in kemajuan + masalah  # participant text is escaped
    assert "&lt;script&gt;" in kemajuan
    assert "Antrean panjang" in masalah
    assert "Loket daring" not in d.isi[2].value and "Digital" in d.isi[2].value
    assert "2 peserta sudah mengumpulkan pre-test" in d.isi[4].value
    kelas.save(CITRA, "masalah", "isu", [{"judul": "Jalan rusak", "apkl": LOLOS,
                                          "usg": {"u": 5, "s": 5, "g": 5}}])
    assert "Jalan rusak" not in d.isi[1].value
    d.tombol.click()
    assert "Jalan rusak" in d.isi[1].value


def test_data_rusak_satu_peserta_tidak_menghentikan_dasbor(kelas):
    kelas.save(BUDI, "masalah", "isu", [{"judul": "X", "usg": {"u": "tinggi", "s": 1, "g": 1}}])
    d = Dasbor(kelas)
    assert "Budi" in d.kepala.value and "Urgency" in d.kepala.value
    assert "Antrean panjang" in d.isi[1].value


def test_notebook_dasbor_berjalan_di_kernel(kelas, tmp_path):
    keluaran = jalankan_notebook_fasilitator("dasbor_fasilitator.ipynb", kelas.folder, tmp_path)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in keluaran)


@pytest.mark.parametrize("menit, harap", [
    (None, "belum pernah menyimpan"), (0.5, "baru saja"), (59.9, "59 menit lalu"),
    (60, "1 jam lalu"), (23 * 60 + 59, "23 jam lalu"), (24 * 60, "1 hari lalu"),
    (6 * 24 * 60 + 1439, "6 hari lalu"),
])
def test_simpan_terakhir_menit_jam_hari(menit, harap):
    from sinovda.forms.dasbor import _menit

    assert _menit(menit, "2026-03-10T01:00:00.000000+00:00") == harap


def test_simpan_terakhir_lewat_seminggu_tanggal():
    from sinovda.forms.dasbor import _menit

    # issue 14: "6330 jam lalu" becomes the date (local time of the machine)
    teks = _menit(6330 * 60, "2026-03-10T12:00:00.000000+00:00")
    assert teks in ("10 Maret 2026", "11 Maret 2026") and "jam" not in teks


def test_butir_soal_dari_koreksi_server(kelas):
    # Ani all right, Budi the first question wrong: groups of 1 (27% of 2, at least one)
    r = ringkas_kelas(kelas)
    ids = content.soal_tes()
    pre = {b.id: b for b in r.butir["pretest"]}
    assert list(pre) == ids
    assert (pre[ids[0]].p, pre[ids[0]].kesukaran, pre[ids[0]].d) == (0.5, "sedang", 1.0)
    assert not pre[ids[0]].lemah
    # everyone right: p 1.0 (mudah), D 0: does not tell the strong from the weak
    assert (pre[ids[1]].p, pre[ids[1]].kesukaran, pre[ids[1]].d, pre[ids[1]].lemah) == \
        (1.0, "mudah", 0.0, True)
    assert r.butir["posttest"] and r.butir["posttest"][0].n == 0
    teks = Dasbor(kelas).isi[5].value
    assert "Pre-test · 2 peserta" in teks and "perlu ditinjau" in teks and "0,50" in teks
    assert "Belum ada peserta yang mengirim post-test" in teks


def test_isu_inti_dan_inovasi_seperti_rekap(kelas):
    """The dashboard shows the view's core issue (a chosen one that fails APKL too, a typed one
    without USG as '-') and counts an innovation once it has a name ('(belum dipilih)' for a
    bentuk not chosen), as the recap does."""
    from sinovda.forms.dasbor import html_inovasi, html_masalah

    kelas.save(ANI, "masalah", "isu_inti", "Kekurangan dokter spesialis")  # fails APKL
    kelas.save(BUDI, "masalah", "isu_inti", "Jalan berlubang")  # no issue of that title
    kelas.save(BUDI, "inovasi", "inovasi", {"nama": "SIPINTAR"})  # nothing chosen
    kelas.save(CITRA, "inovasi", "inovasi", {"bentuk": "pelayanan_publik"})  # no name
    r = ringkas_kelas(kelas)
    assert [(b.nama, b.judul, b.total) for b in r.masalah] == [
        ("Ani <script>alert(1)</script>", "Kekurangan dokter spesialis", 15),
        ("Budi", "Jalan berlubang", None)]
    import re

    sel = [re.sub(r"<[^>]+>", "", x) for x in html_masalah(r).split("</td>")]
    i = sel.index("Jalan berlubang")
    assert sel[i + 1:i + 6] == ["Budi", "-", "-", "-", "-"]
    assert r.inovasi["bentuk"] == {"Inovasi pelayanan publik": 1, "(belum dipilih)": 1}
    assert "(belum dipilih)" in html_inovasi(r)
    assert r.agregat is not None and r.agregat.jumlah_peserta == 3


def test_equal_counts_listed_as_the_recap_chart_lists_them():
    """Ties in the causes and innovations tables are ordered by label, as in the recap's
    charts (``view.kelas.urut_hitungan``), not by the order they were first met."""
    from collections import Counter

    from sinovda.forms.dasbor import RingkasanKelas, html_inovasi, html_masalah

    r = RingkasanKelas("K", "", [], kategori_sebab=Counter({"Proses": 2, "Anggaran": 2}),
                       inovasi={"bentuk": Counter({"Tata kelola": 1, "Digital": 1})})
    html = html_masalah(r)
    assert html.index("Anggaran") < html.index("Proses")
    html = html_inovasi(r)
    assert html.index("Digital") < html.index("Tata kelola")
