"""The shipped datasets: roster, catalogue, IKU examples and every participant's demo workbook."""

import csv
import datetime as dt
import importlib.util
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from sinovda import paths
from sinovda.data import content, katalog
from sinovda.data.roster import baca_roster
from sinovda.data.settings import load_iid, load_rubrik
from sinovda.domain import inovasi as di
from sinovda.domain.indikator import Indikator, skor_smart
from sinovda.domain.penilaian import nilai_rubrik
from sinovda.domain.peserta import validasi_nip
from sinovda.domain.rencana_aksi import cek_tautan
from sinovda.store import Store

DATA = paths.DATASETS_DIR
WB_DIR = DATA / "demo" / "workbooks"
SEMBILAN = {"Lapor Sleman", "Mall Pelayanan Publik", "SIPD Digitalisasi Perencanaan", "Jaga Bansos",
            "Satudata", "E-Musrenbang", "Smart Kampung", "Lorong Wisata", "Sapa Warga"}
KUNCI_INDIKATOR = {"kode", "nama", "level", "satuan", "polaritas", "baseline", "target",
                   "sumber_data", "penanggung_jawab", "agregasi", "iku"}


def roster() -> list[dict[str, str]]:
    with (DATA / "peserta_contoh.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def workbooks() -> dict[str, dict]:
    files = sorted(WB_DIR.glob("*.json"))
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in files}


def jawaban(wb: dict) -> dict[tuple[str, str], object]:
    return {(j["modul"], j["field"]): j["value"] for j in wb["jawaban"]}


# ------------------------------------------------------------------ roster
def test_roster_has_36_plus_valid_unique_nips_of_pns_and_pppk():
    rows = roster()
    assert list(rows[0]) == ["NIP", "Nama", "Jabatan", "OPD", "Instansi", "Email"]
    assert len(rows) >= 36
    nips = [r["NIP"] for r in rows]
    assert len(set(nips)) == len(nips)
    jenis = Counter(validasi_nip(n).jenis for n in nips)
    assert jenis["PNS"] >= 30 and jenis["PPPK"] >= 3
    assert all(n.endswith(tuple(f"{k:03d}" for k in range(901, 1000))) for n in nips)  # made up


def test_roster_spans_opd_and_pemda_kinds_and_reads_as_a_roster():
    rows = roster()
    opd = {r["OPD"] for r in rows}
    assert {"Dinas Kesehatan", "Bappeda", "DPMPTSP", "Disdukcapil", "Dinas Pendidikan",
            "Inspektorat", "Diskominfo"} <= opd
    instansi = {r["Instansi"] for r in rows}
    for jenis in ("Kabupaten", "Kota", "Provinsi"):
        assert sum(jenis in i for i in instansi) >= 2, jenis
    assert any(not r["Email"] for r in rows) and any(r["Email"] for r in rows)
    assert any(not n["Nama"].isascii() for n in rows)  # e.g. curly apostrophes, é
    peserta = baca_roster(DATA / "peserta_contoh.csv")
    assert [p.nip for p in peserta] == [r["NIP"] for r in rows]
    assert {p.nama for p in peserta} == {r["Nama"] for r in rows}


# ------------------------------------------------------------------ catalogue and IKU
def test_catalogue_has_the_nine_named_innovations_fully_filled():
    df = katalog.load_katalog()
    assert SEMBILAN <= set(df["nama"])
    assert (df != "").all().all()
    assert set(df["bentuk"]) <= set(di.BENTUK) and set(df["jenis"]) <= set(di.JENIS)
    assert set(df["urusan"]) <= set(di.URUSAN)
    assert all(s.split(" ")[0].endswith(".txt") for s in df["sumber"])
    dampak = dict(zip(df["nama"], df["dampak"], strict=True))
    assert "70%" in dampak["Lapor Sleman"] and "92%" in dampak["Mall Pelayanan Publik"]
    assert dampak["Jaga Bansos"] == "tidak disebutkan dalam sumber"


def test_iku_examples_keep_the_seed_rows_and_say_where_each_row_comes_from():
    with (DATA / "iku_contoh.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:5] == ["Sasaran Strategis OPD", "Indikator Kinerja Utama",
                                 "Target Tahunan", "Sumber Data", "Penanggung Jawab"]
    seed = [r for r in rows if r["Asal"].startswith("seed 003")]
    assert [r["Indikator Kinerja Utama"] for r in seed] == [
        "Indeks kepuasan masyarakat", "Persentase layanan online", "Persentase efisiensi belanja"]
    assert all(all(v.strip() for v in r.values()) for r in rows)


# ------------------------------------------------------------------ demo workbooks
def test_every_roster_participant_has_exactly_one_workbook_with_their_identity():
    wbs = workbooks()
    rows = {r["NIP"]: r for r in roster()}
    assert set(wbs) == set(rows)
    for nip, wb in wbs.items():
        assert wb["format"] == "sinovda-workbook" and wb["versi"] == 1
        p = wb["peserta"]
        assert p["nip"] == nip and p["nama"] == rows[nip]["Nama"] and p["opd"] == rows[nip]["OPD"]


def test_workbooks_use_only_contract_fields_and_shapes():
    tes = set(content.soal_tes())
    aspek = {a.kode for a in content.load_evaluasi().penyelenggara}
    iid = {i.kode for i in load_iid().indikator}
    rubrik = load_rubrik()
    for nip, wb in workbooks().items():
        for j in wb["jawaban"]:
            assert j["field"] in content.KONTRAK_FIELD[j["modul"]], (nip, j["modul"], j["field"])
            assert dt.datetime.fromisoformat(j["saved_at"]).tzinfo is not None
        a = jawaban(wb)
        for f in ("pretest", "posttest"):
            m = "pengantar" if f == "pretest" else "penutup"
            if (m, f) in a:
                assert set(a[m, f]) == tes and set(a[m, f].values()) <= set("abcd")
        for isu in a.get(("masalah", "isu"), []):
            assert set(isu) == {"judul", "apkl", "usg"}
            assert all(1 <= isu["usg"][k] <= 5 for k in "usg")
        kategori = {"Manusia", "Mesin/Sarana", "Metode", "Material", "Pengukuran", "Lingkungan"}
        assert {f["kategori"] for f in a.get(("masalah", "fishbone"), [])} <= kategori
        if ("inovasi", "inovasi") in a:
            ino = a["inovasi", "inovasi"]
            assert set(ino) == set(di.ISIAN)
            for k in ("bentuk", "jenis", "urusan", "tahapan"):
                assert ino[k] in di.ENUM[k], (nip, k, ino[k])
            assert ino["inisiator"] in set(di.INISIATOR) | {""}
        kode = {r["kode"] for r in a.get(("indikator", "indikator"), [])}
        for r in a.get(("indikator", "indikator"), []):
            assert set(r) == KUNCI_INDIKATOR, nip
        for k, v in a.get(("monev", "realisasi"), {}).items():
            assert k in kode and v["tahun"] == "2026" and len(v["tw"]) == 4
        if ("replikasi", "kesiapan") in a:
            assert set(a["replikasi", "kesiapan"]) == iid
            assert all(0 <= x <= 3 for x in a["replikasi", "kesiapan"].values())
        if ("penutup", "evaluasi") in a:
            ev = a["penutup", "evaluasi"]
            assert set(ev["penyelenggara"]) == aspek
            assert all(1 <= x <= 5 for x in [*ev["penyelenggara"].values(),
                                            *ev["fasilitator"].values()])
        if ("penilaian", "rubrik") in a:  # as the grading form stores it
            kriteria = {k.kode: k for k in rubrik.kriteria}
            for kode, isian in a["penilaian", "rubrik"].items():
                k = kriteria[kode]
                assert k.otomatis is None, (nip, kode)  # only what a program cannot judge
                assert set(isian) == {"skor", "komentar"}, (nip, kode)
                assert isinstance(isian["skor"], float), (nip, kode)
                assert k.skor_min <= isian["skor"] <= k.skor_maks, (nip, kode)
                assert isinstance(isian["komentar"], str) and isian["komentar"].strip()
            assert isinstance(a["penilaian", "catatan"], str) and a["penilaian", "catatan"].strip()


def _selesai(wb: dict, kursus) -> list[bool]:
    a = jawaban(wb)
    return [all((m.id, f) in a for f in m.wajib) for m in kursus.modul]


def test_quality_is_a_third_strong_a_third_weak_a_third_unfinished():
    kursus = content.load_kursus()
    tes = content.soal_tes()
    kuat, lemah, berhenti_di = [], [], Counter()
    urutan = [m.id for m in kursus.modul]
    for wb in workbooks().values():
        if not all(_selesai(wb, kursus)):  # unfinished: the last module touched
            berhenti_di[max((j["modul"] for j in wb["jawaban"]), key=urutan.index)] += 1
            continue
        rows = jawaban(wb)["indikator", "indikator"]
        smart = min(skor_smart(Indikator.from_dict(r)) for r in rows)
        (kuat if smart == 1 else lemah).append(wb)
    n = len(roster())
    assert abs(len(kuat) - n / 3) <= 2 and abs(len(lemah) - n / 3) <= 2
    assert set(berhenti_di) == {"masalah", "inovasi", "indikator"}
    assert sum(berhenti_di.values()) >= n // 4

    def nilai(wb: dict, m: str, f: str) -> int:
        bank = {s.id: s for s in content.load_soal_tes_berkunci()}
        return sum(bank[i].benar(jawaban(wb)[m, f][i]) for i in tes)

    for wb in kuat:
        a = jawaban(wb)
        assert nilai(wb, "penutup", "posttest") > nilai(wb, "pengantar", "pretest")
        assert len(a["masalah", "isu"]) >= 3
        masalah = {f: v for (m, f), v in a.items() if m == "masalah"}
        assert cek_tautan(a["inovasi", "rencana_aksi"], masalah, a["inovasi", "inovasi"],
                          a["indikator", "indikator"]) == []  # problem -> innovation -> indicator
    for wb in lemah:
        a = jawaban(wb)
        assert len(a["masalah", "isu"]) <= 2
        assert all(not r["satuan"] and r["baseline"] is None for r in a["indikator", "indikator"])


def _per_modul(wb: dict) -> dict[str, dict[str, object]]:
    hasil: dict[str, dict[str, object]] = {}
    for (m, f), v in jawaban(wb).items():
        hasil.setdefault(m, {})[f] = v
    return hasil


def test_finished_participants_are_graded_by_the_trainer_and_unfinished_ones_are_not():
    kursus, rubrik = content.load_kursus(), load_rubrik()
    tangan = {k.kode for k in rubrik.kriteria if not k.otomatis}
    total = {"kuat": [], "lemah": []}
    for nip, wb in workbooks().items():
        a = _per_modul(wb)
        if not all(_selesai(wb, kursus)):
            assert "penilaian" not in a, nip
            continue
        assert set(a["penilaian"]["rubrik"]) == tangan, nip
        h = nilai_rubrik(rubrik, a)
        assert h.total is not None and h.belum_dinilai == (), nip
        assert all(n.sumber == "pelatih" for n in h.kriteria if n.kriteria.kode in tangan)
        assert a["inovasi"]["inovasi"]["nama"] in a["penilaian"]["catatan"]  # about their work
        smart = min(skor_smart(Indikator.from_dict(r)) for r in a["indikator"]["indikator"])
        total["kuat" if smart == 1 else "lemah"].append(h.total)
    assert len(total["kuat"]) >= 10 and len(total["lemah"]) >= 10
    assert min(total["kuat"]) > max(total["lemah"])  # strong work scores higher


def test_content_is_tied_to_the_participants_opd_and_region():
    for wb in workbooks().values():
        a = jawaban(wb)
        rencana = a.get(("inovasi", "rencana_aksi"))
        if rencana and rencana[0]["opd"] != "Semua OPD":
            daerah = wb["peserta"]["instansi"].replace("Pemerintah ", "")
            assert rencana[0]["opd"] == f"{wb['peserta']['opd']} {daerah}"
        assert "{daerah}" not in json.dumps(wb, ensure_ascii=False)


def test_every_demo_workbook_imports_into_a_fresh_class(tmp_path: Path):
    st = Store.create(tmp_path / "kelas", nama="Uji impor demo")
    st.upsert_peserta(baca_roster(DATA / "peserta_contoh.csv"))
    for nip, wb in workbooks().items():
        st.import_workbook(wb, peran="sistem")  # trusted seed data: trainer scores too
        tersimpan = st.load_all(nip)
        for (m, f), v in jawaban(wb).items():
            assert tersimpan[m][f] == v, (nip, m, f)
    st.close()


def test_generator_reproduces_the_committed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    skrip = paths.ROOT / "scripts" / "buat_demo.py"
    spec = importlib.util.spec_from_file_location("buat_demo", skrip)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = mod.buat_roster(random.Random(mod.SEED))
    assert rows == roster()
    monkeypatch.setattr(mod, "WORKBOOKS", tmp_path)
    mod.tulis_workbooks(rows, random.Random(mod.SEED + 1))
    for p in sorted(WB_DIR.glob("*.json")):
        assert (tmp_path / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8"), p
