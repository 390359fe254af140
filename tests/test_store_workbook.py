"""Workbook export/import: exact round trips, newer answers kept, nothing lost, bad files named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.store import Store
from sinovda.store.workbook import baca_berkas, ekspor_berkas, impor_berkas

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


def test_round_trip_through_a_file_is_exact(tmp_path: Path, sumber: Store):
    path = ekspor_berkas(sumber, NIP_A, tmp_path / "buku.json")
    assert "Wédari" in path.read_text(encoding="utf-8")  # readable, not \u-escaped
    tujuan = kelas(tmp_path, "kelas")
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


def test_newer_class_answers_are_kept_unless_overwrite(tmp_path: Path, sumber: Store):
    data = sumber.export_workbook(NIP_A)
    tujuan = kelas(tmp_path, "kelas", WEDARI)
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


def test_import_keeps_the_class_roster_identity(tmp_path: Path, sumber: Store):
    data = sumber.export_workbook(NIP_A)
    data["peserta"]["nama"] = "Nama lain di berkas"
    tujuan = kelas(tmp_path, "kelas", WEDARI)
    tujuan.import_workbook(data)
    assert tujuan.get_peserta(NIP_A) == WEDARI
    assert len(tujuan.daftar_peserta()) == 1


def test_saved_at_with_a_zone_or_none_is_compared_as_utc(tmp_path: Path):
    st = kelas(tmp_path, "kelas", WEDARI)
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


def test_a_bad_answer_late_in_the_file_imports_nothing(tmp_path: Path):
    st = kelas(tmp_path, "kelas")
    data = json.loads(json.dumps(BAIK))
    data["jawaban"].append({"modul": "x", "field": "y", "value": 1, "saved_at": "besok"})
    with pytest.raises(BerkasTidakValid, match=r"jawaban\[1\]"):
        st.import_workbook(data, peserta_baru=True)
    assert st.daftar_peserta() == [] and st.load_all_peserta() == {}
