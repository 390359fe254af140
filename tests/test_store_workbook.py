"""Workbook export/import: exact round trips, newer answers kept, nothing lost, bad files named."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from sinovda.domain.errors import (
    BatasTerlampaui,
    BerkasTidakValid,
    GagalPenyimpanan,
    InputTidakValid,
)
from sinovda.domain.peserta import Peserta
from sinovda.store import Store
from sinovda.store.workbook import baca_berkas, ekspor_berkas, impor_berkas, tulis_berkas

NIP_A = "198503152010011001"
NIP_B = "199002282015032004"
WEDARI = Peserta(NIP_A, "Ni Luh Putu Ayu Wédari", "Analis Kebijakan", "Bappeda",
                 "Kabupaten Gianyar", "wedari@contoh.go.id")

NILAI = {
    ("masalah", "isu"): [{"judul": "Antrean panjang “loket”", "apkl": {"aktual": True},
                          "usg": {"u": 5, "s": 4, "g": 4}}],
    ("masalah", "akar_masalah"): "Ṛai's loket <b>manual</b> & lambat\nbaris dua",
    ("indikator", "indikator"): [{"kode": "IK1", "baseline": 0.1 + 0.2, "target": {"2027": [80,
                                  85.5]}, "catatan": None}],
    ("monev", "realisasi"): {"IK1": {"tahun": "2027", "tw": [1e-7, None, 123456789.123, -0.0]}},
    ("penilaian", "catatan"): "",
}


def kelas(tmp_path: Path, nama: str, *peserta: Peserta) -> Store:
    st = Store.create(tmp_path / nama, nama=nama)
    if peserta:
        st.upsert_peserta(list(peserta))
    return st


@pytest.fixture
def kelas_baru(lokasi):
    """``kelas_baru(nama, *peserta) -> Store``: a new class on this test's backend (SQLite folder
    or PostgreSQL key, fixture ``lokasi``): the import rules run on both."""
    def buat(nama: str, *peserta: Peserta) -> Store:
        st = Store.create(lokasi(nama), nama=nama)
        if peserta:
            st.upsert_peserta(list(peserta))
        return st

    return buat


@pytest.fixture
def sumber(tmp_path: Path) -> Store:
    st = kelas(tmp_path, "mandiri", WEDARI)
    for (m, f), v in NILAI.items():
        st.save(NIP_A, m, f, v, peran="fasilitator" if m == "penilaian" else "peserta")
    return st


def test_export_contains_identity_answers_and_times(sumber: Store):
    data = sumber.export_workbook(NIP_A)
    assert data["format"] == "sinovda-workbook" and data["versi"] == 1
    assert data["peserta"] == {"nip": NIP_A, "nama": "Ni Luh Putu Ayu Wédari",
                               "jabatan": "Analis Kebijakan", "opd": "Bappeda",
                               "instansi": "Kabupaten Gianyar", "email": "wedari@contoh.go.id"}
    got = {(j["modul"], j["field"]): j for j in data["jawaban"]}
    assert {k: j["value"] for k, j in got.items()} == NILAI
    for (m, f), j in got.items():
        assert j["saved_at"] == sumber.history(NIP_A, m, f)[0].saved_at
    with pytest.raises(InputTidakValid, match=NIP_B):
        sumber.export_workbook(NIP_B)


def test_round_trip_through_a_file_is_exact(tmp_path: Path, kelas_baru, sumber: Store):
    path = ekspor_berkas(sumber, NIP_A, tmp_path / "buku.json")
    assert "Wédari" in path.read_text(encoding="utf-8")  # readable, not \u-escaped
    tujuan = kelas_baru("kelas")
    r = impor_berkas(tujuan, path, peserta_baru=True, peran="sistem")
    assert r.jumlah() == {"baru": 5, "diperbarui": 0, "dilewati": 0, "sama": 0}
    assert r.peserta_baru and r.ditolak == []
    assert tujuan.get_peserta(NIP_A) == WEDARI  # added because peserta_baru was asked
    assert tujuan.load_all(NIP_A) == sumber.load_all(NIP_A)
    assert tujuan.load(NIP_A, "indikator", "indikator")[0]["baseline"] == 0.30000000000000004
    a, b = sumber.export_workbook(NIP_A), tujuan.export_workbook(NIP_A)
    assert a["jawaban"] == b["jawaban"]  # values and saved_at identical
    # importing the same file again changes nothing and adds no history
    r = impor_berkas(tujuan, path, peran="sistem")
    assert r.jumlah() == {"baru": 0, "diperbarui": 0, "dilewati": 0, "sama": 5}
    assert len(tujuan.history(NIP_A, "masalah", "isu")) == 1


def test_newer_class_answers_are_kept_unless_overwrite(kelas_baru, sumber: Store):
    data = sumber.export_workbook(NIP_A)
    tujuan = kelas_baru("kelas", WEDARI)
    tujuan.import_workbook(data)
    tujuan.save(NIP_A, "masalah", "akar_masalah", "lebih baru di kelas")
    sumber.save(NIP_A, "monev", "realisasi", {"IK1": {"tahun": "2027", "tw": [5, 6, 7, 8]}})
    data2 = sumber.export_workbook(NIP_A)

    r = tujuan.import_workbook(data2)
    assert r.jumlah() == {"baru": 0, "diperbarui": 1, "dilewati": 1, "sama": 2}
    assert r.ditolak == ["penilaian.catatan"]  # trainer-only: never from a participant's file
    assert tujuan.load(NIP_A, "masalah", "akar_masalah") == "lebih baru di kelas"
    assert tujuan.load(NIP_A, "monev", "realisasi")["IK1"]["tw"] == [5, 6, 7, 8]
    # the older incoming value is not lost: it is in history
    riwayat = [h.value for h in tujuan.history(NIP_A, "masalah", "akar_masalah")]
    assert riwayat[0] == "lebih baru di kelas"
    assert NILAI[("masalah", "akar_masalah")] in riwayat[1:]

    r = tujuan.import_workbook(data2, overwrite=True)
    assert r.jumlah() == {"baru": 0, "diperbarui": 1, "dilewati": 0, "sama": 3}
    assert tujuan.load(NIP_A, "masalah", "akar_masalah") == NILAI[("masalah", "akar_masalah")]
    riwayat = [h.value for h in tujuan.history(NIP_A, "masalah", "akar_masalah")]
    assert riwayat.count("lebih baru di kelas") == 1  # still there, nothing lost
    assert len(riwayat) == 2  # the same revision is reused, not duplicated


def test_import_keeps_the_class_roster_identity(kelas_baru, sumber: Store):
    data = sumber.export_workbook(NIP_A)
    data["peserta"]["nama"] = "Nama lain di berkas"
    tujuan = kelas_baru("kelas", WEDARI)
    tujuan.import_workbook(data)
    assert tujuan.get_peserta(NIP_A) == WEDARI
    assert len(tujuan.daftar_peserta()) == 1


def test_saved_at_with_a_zone_or_none_is_compared_as_utc(kelas_baru):
    st = kelas_baru("kelas", WEDARI)
    data = {"format": "sinovda-workbook", "versi": 1,
            "peserta": {"nip": NIP_A, "nama": "Wédari"},
            "jawaban": [{"modul": "masalah", "field": "akar_masalah", "value": "WITA",
                         "saved_at": "2025-03-10T09:00:00+08:00"}]}
    st.import_workbook(data)
    assert st.history(NIP_A, "masalah", "akar_masalah")[0].saved_at == \
        "2025-03-10T01:00:00.000000+00:00"
    data["jawaban"][0].update(value="lebih tua", saved_at="2025-03-10T00:30:00")  # naive = UTC
    assert st.import_workbook(data)["dilewati"] == 1
    assert st.load(NIP_A, "masalah", "akar_masalah") == "WITA"


def _rusak(tmp_path: Path, isi: str, *kata: str) -> None:
    path = tmp_path / "rusak.json"
    path.write_text(isi, encoding="utf-8")
    st = Store.open(tmp_path / "kelas", create=True)
    with pytest.raises(BerkasTidakValid) as e:
        impor_berkas(st, path, peserta_baru=True)
    for k in (str(path), *kata):
        assert k in str(e.value)
    assert st.daftar_peserta() == []  # nothing imported


BAIK = {"format": "sinovda-workbook", "versi": 1, "peserta": {"nip": NIP_A, "nama": "Wédari"},
        "jawaban": [{"modul": "masalah", "field": "isu", "value": [],
                     "saved_at": "2025-03-10T01:00:00+00:00"}]}


def _ganti(**ubah) -> str:
    data = json.loads(json.dumps(BAIK))
    for k, v in ubah.items():
        if v is None:
            data.pop(k)
        else:
            data[k] = v
    return json.dumps(data)


@pytest.mark.parametrize("isi,kata", [
    ("<html>bukan json</html>", ("bukan JSON",)),
    ('{"format": "sinovda-workbook",\n "versi" 1}', ("bukan JSON", "baris 2, kolom 10")),
    ("[1, 2]", ("bukan buku kerja",)),
    (_ganti(format="lain"), ("'format'",)),
    (_ganti(versi=7), ("versi 7", "lebih baru")),
    (_ganti(peserta=None), ("'peserta'",)),
    (_ganti(peserta={"nama": "X"}), ("'nip'",)),
    (_ganti(peserta={"nip": "198513322010011002", "nama": "X"}), ("NIP tidak sah", "13")),
    (_ganti(peserta={"nip": NIP_A, "nama": " "}), ("peserta.nama",)),
    (_ganti(jawaban=None), ("'jawaban'",)),
    (_ganti(jawaban=[{"modul": "masalah", "field": "isu", "saved_at": "2025-01-01"}]),
     ("jawaban[0]", "'value'")),
    (_ganti(jawaban=[{"modul": "masalah", "field": "isu", "value": 1}]),
     ("jawaban[0]", "'saved_at'")),
    (_ganti(jawaban=[{"modul": "masalah", "field": "isu", "value": 1, "saved_at": "kemarin"}]),
     ("jawaban[0].saved_at", "kemarin")),
    (_ganti(jawaban=[{"field": "isu", "value": 1, "saved_at": "2025-01-01"}]),
     ("jawaban[0]", "'modul'")),
    (_ganti(jawaban=BAIK["jawaban"] * 2), ("jawaban[1]", "dua kali")),
    (_ganti(jawaban=[{"modul": "monev", "field": "x", "value": float("nan"),
                      "saved_at": "2025-01-01"}]), ("jawaban[0]", "monev.x")),
])
def test_a_malformed_file_names_the_file_and_the_problem(tmp_path: Path, isi: str, kata):
    _rusak(tmp_path, isi, *kata)


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(BerkasTidakValid, match="hilang.json: berkas tidak ditemukan"):
        baca_berkas(tmp_path / "hilang.json")


def test_a_bad_answer_late_in_the_file_imports_nothing(kelas_baru):
    st = kelas_baru("kelas")
    data = json.loads(json.dumps(BAIK))
    data["jawaban"].append({"modul": "x", "field": "y", "value": 1, "saved_at": "besok"})
    with pytest.raises(BerkasTidakValid, match=r"jawaban\[1\]"):
        st.import_workbook(data, peserta_baru=True)
    assert st.daftar_peserta() == [] and st.load_all_peserta() == {}


# ----- import you can trust (issue 8 item 6, issue 10 item 5) --------------------------------
def _buku(*jawaban: tuple[str, str, object, str], nip: str = NIP_A) -> dict:
    return {"format": "sinovda-workbook", "versi": 1, "peserta": {"nip": nip, "nama": "Wédari"},
            "jawaban": [{"modul": m, "field": f, "value": v, "saved_at": t}
                        for m, f, v, t in jawaban]}


def test_a_participants_file_cannot_bring_trainer_scores_or_test_results(kelas_baru):
    st = kelas_baru("kelas", WEDARI)
    st.save(NIP_A, "penilaian", "catatan", "Perjelas indikator", peran="fasilitator",
            oleh="fasilitator:Ratna")
    r = st.import_workbook(_buku(
        ("masalah", "akar_masalah", "loket manual", "2025-03-10T01:00:00+00:00"),
        ("penilaian", "catatan", "Sempurna, nilai 100", "2025-03-11T00:00:00+00:00"),
        ("penilaian", "rubrik", {"k1": 5}, "2025-03-11T00:00:00+00:00"),
        ("pengantar", "pretest_selesai", True, "2025-03-11T00:00:00+00:00"),
    ))
    assert r.jumlah() == {"baru": 1, "diperbarui": 0, "dilewati": 0, "sama": 0}
    assert r.ditolak == ["penilaian.catatan", "penilaian.rubrik", "pengantar.pretest_selesai"]
    assert "hanya boleh diisi fasilitator/sistem: penilaian.catatan" in r.teks()
    assert st.load(NIP_A, "penilaian", "catatan") == "Perjelas indikator"
    assert st.load(NIP_A, "penilaian", "rubrik") is None
    assert [h.oleh for h in st.history(NIP_A, "penilaian", "catatan")] == ["fasilitator:Ratna"]
    assert st.history(NIP_A, "masalah", "akar_masalah")[0].oleh == "impor"


def test_a_submitted_test_is_not_replaced_by_an_import(kelas_baru):
    st = kelas_baru("kelas", WEDARI)
    st.save(NIP_A, "pengantar", "pretest", {"q1": "a"}, peran="sistem")
    st.save(NIP_A, "pengantar", "pretest_selesai", True, peran="sistem")
    r = st.import_workbook(_buku(("pengantar", "pretest", {"q1": "d"}, "2026-01-01T00:00:00")),
                           overwrite=True)
    assert r.ditolak == ["pengantar.pretest"]
    assert st.load(NIP_A, "pengantar", "pretest") == {"q1": "a"}


def test_answers_dated_in_the_future_are_refused_and_nothing_is_imported(kelas_baru):
    st = kelas_baru("kelas", WEDARI)
    with pytest.raises(BerkasTidakValid, match=r"masalah.isu_inti: waktu simpan 2099-.*masa depan"):
        st.import_workbook(_buku(
            ("masalah", "akar_masalah", "loket", "2025-03-10T01:00:00+00:00"),
            ("masalah", "isu_inti", "Antrean", "2099-01-01T00:00:00+00:00"),
        ))
    assert st.load_all(NIP_A) == {}
    # a few minutes of clock skew between laptops is tolerated
    import datetime as dt

    sebentar_lagi = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=3)).isoformat()
    st.import_workbook(_buku(("masalah", "isu_inti", "Antrean", sebentar_lagi)))
    assert st.load(NIP_A, "masalah", "isu_inti") == "Antrean"


def test_a_nip_off_the_roster_is_refused_unless_asked(kelas_baru):
    st = kelas_baru("kelas", WEDARI)
    buku = _buku(("masalah", "isu_inti", "Data", "2025-03-10T01:00:00+00:00"), nip=NIP_B)
    with pytest.raises(InputTidakValid, match=f"NIP {NIP_B} .*tidak ada di daftar peserta.*"
                                              "--peserta-baru"):
        st.import_workbook(buku)
    assert st.get_peserta(NIP_B) is None and st.load_all(NIP_B) == {}
    r = st.import_workbook(buku, peserta_baru=True)
    assert r.peserta_baru and f"peserta baru ditambahkan ke daftar peserta: {NIP_B}" in r.teks()
    assert st.get_peserta(NIP_B).nama == "Wédari"


def test_an_older_answer_never_seen_before_goes_into_history(kelas_baru):
    """Issue 10 item 5: an incoming answer older than the class copy is not current, but it is
    kept in the history (marked as imported), exactly once."""
    st = kelas_baru("kelas", WEDARI)
    st.save(NIP_A, "masalah", "akar_masalah", "di kelas, lebih baru")
    buku = _buku(("masalah", "akar_masalah", "di laptop, lebih lama", "2024-01-05T02:00:00Z"))
    r = st.import_workbook(buku)
    assert r.jumlah() == {"baru": 0, "diperbarui": 0, "dilewati": 1, "sama": 0}
    h = st.history(NIP_A, "masalah", "akar_masalah")
    assert [(x.value, x.oleh) for x in h] == [("di kelas, lebih baru", "peserta"),
                                              ("di laptop, lebih lama", "impor")]
    assert h[1].saved_at == "2024-01-05T02:00:00.000000+00:00"
    st.import_workbook(buku)
    assert len(st.history(NIP_A, "masalah", "akar_masalah")) == 2


def test_a_too_large_imported_value_is_refused_naming_it(kelas_baru):
    st = kelas_baru("kelas", WEDARI)
    with pytest.raises(BatasTerlampaui, match="'monev.analisis' terlalu besar.*256 KB"):
        st.import_workbook(_buku(("monev", "analisis", "x" * 300_000, "2025-01-01T00:00:00")))
    assert st.load_all(NIP_A) == {}


# ----- writing files safely ------------------------------------------------------------------
def test_export_writes_only_to_a_regular_file(tmp_path: Path, sumber: Store):
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    (tmp_path / "ke-perangkat").symlink_to("/dev/null")
    for tujuan, kata in [(Path("/dev/full"), "bukan berkas biasa"), (fifo, "bukan berkas biasa"),
                         (tmp_path / "folder", "adalah folder"),
                         (tmp_path / "ke-perangkat", "bukan berkas biasa"),
                         (tmp_path / "tidak-ada" / "buku.json", "tidak ada")]:
        with pytest.raises(InputTidakValid, match=kata):
            ekspor_berkas(sumber, NIP_A, tujuan)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # the device node is untouched
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "ke-perangkat", "mandiri",
                                                         "pipa"]


def test_export_replaces_a_file_atomically_and_leaves_no_temporary_file(tmp_path: Path,
                                                                        sumber: Store):
    tujuan = tmp_path / "buku.json"
    tujuan.write_text("lama", encoding="utf-8")
    os.chmod(tujuan, 0o640)
    ekspor_berkas(sumber, NIP_A, tujuan)
    assert json.loads(tujuan.read_text(encoding="utf-8"))["peserta"]["nip"] == NIP_A
    assert stat.S_IMODE(tujuan.stat().st_mode) == 0o640  # its mode is kept
    baru = tmp_path / "baru.json"
    ekspor_berkas(sumber, NIP_A, baru)
    assert stat.S_IMODE(baru.stat().st_mode) == 0o600  # personal data: owner only
    link = tmp_path / "tautan.json"
    link.symlink_to(tujuan)
    ekspor_berkas(sumber, NIP_A, link)  # a symlink to a regular file writes that file
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baru.json", "buku.json", "mandiri",
                                                         "tautan.json"]


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path: Path):
    """The disk fills while writing (a file-size limit, as a full disk): Indonesian message,
    the old file is unchanged, no temporary file stays behind."""
    import resource
    import signal

    tujuan = tmp_path / "buku.json"
    tujuan.write_text("isi lama", encoding="utf-8")
    lama = resource.getrlimit(resource.RLIMIT_FSIZE)
    sinyal = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, lama[1]))
        with pytest.raises(GagalPenyimpanan, match="Penyimpanan gagal.*disk penuh"):
            tulis_berkas({"isi": "x" * 100_000}, tujuan)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, lama)
        signal.signal(signal.SIGXFSZ, sinyal)
    assert tujuan.read_text(encoding="utf-8") == "isi lama"
    assert [p.name for p in tmp_path.iterdir()] == ["buku.json"]


def test_the_format_module_does_not_import_the_store():
    """workbook.py knows the file format only; the merge is the store's (issue 10 item 3)."""
    import ast

    import sinovda.store.workbook as wb

    pohon = ast.parse(Path(wb.__file__).read_text(encoding="utf-8"))
    nama = {(n.module, a.name) for n in ast.walk(pohon) if isinstance(n, ast.ImportFrom)
            for a in n.names}
    dari_store = {a for m, a in nama if m and m.startswith("sinovda.store")}
    assert dari_store <= {"galat", "ke_json", "sekarang", "waktu_utc"}, dari_store
    assert "INSERT" not in Path(wb.__file__).read_text(encoding="utf-8")
