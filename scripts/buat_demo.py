"""Build the sample roster and the demo workbooks under ``datasets/`` (deterministic, seeded).

Run: ``.venv/bin/python scripts/buat_demo.py``. Every person here is made up; NIPs are valid
in form only (serial numbers 901 upwards) and belong to nobody.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sinovda.data import content  # noqa: E402
from sinovda.data.settings import load_iid, load_rubrik  # noqa: E402
from sinovda.domain.inovasi import KRITERIA  # noqa: E402
from sinovda.domain.masalah import Isu, ranking_usg  # noqa: E402
from sinovda.domain.penilaian import Rubrik  # noqa: E402
from sinovda.domain.peserta import validasi_nip  # noqa: E402

DATASETS = ROOT / "datasets"
ROSTER = DATASETS / "peserta_contoh.csv"
WORKBOOKS = DATASETS / "demo" / "workbooks"
SEED = 2026

# (nama, jabatan, OPD, instansi, jenis ASN, kelamin 1/2, email?)
ORANG: list[tuple[str, str, str, str, str, str, bool]] = [
    ("Sri Wahyuningsih", "Kepala Seksi Pelayanan Kesehatan Primer", "Dinas Kesehatan",
     "Pemerintah Kabupaten Sleman", "PNS", "2", True),
    ("Bambang Tri Atmojo", "Kepala Bidang Pelayanan Perizinan", "DPMPTSP",
     "Pemerintah Kabupaten Sleman", "PNS", "1", True),
    ("Yohanes Ardi Nugroho", "Pranata Komputer Ahli Muda", "Diskominfo",
     "Pemerintah Kabupaten Sleman", "PNS", "1", False),
    ("Rr. Anindita Kusumawardhani", "Perencana Ahli Muda", "Bappeda",
     "Pemerintah Kabupaten Sleman", "PNS", "2", True),
    ("Wahyu Setiawan", "Auditor Ahli Pertama", "Inspektorat",
     "Pemerintah Kabupaten Sleman", "PNS", "1", True),
    ("Achmad Fauzi Rahman", "Kepala Bidang Pelayanan Pendaftaran Penduduk", "Disdukcapil",
     "Pemerintah Kota Surabaya", "PNS", "1", True),
    ("Dyah Ayu Pitaloka", "Analis Kebijakan Ahli Muda", "Dinas Pendidikan",
     "Pemerintah Kota Surabaya", "PNS", "2", True),
    ("Hendra Gunawan Tjahjono", "Perencana Ahli Madya", "Bappeda",
     "Pemerintah Kota Surabaya", "PNS", "1", False),
    ("Nurul Hidayah", "Pekerja Sosial Ahli Pertama", "Dinas Sosial",
     "Pemerintah Kota Surabaya", "PPPK", "2", True),
    ("Kevin Tanoto Wijaya", "Penata Kelola Sistem dan Teknologi Informasi", "Diskominfo",
     "Pemerintah Kota Surabaya", "PPPK", "1", True),
    ("Asep Saepudin", "Kepala Seksi Layanan E-Government", "Diskominfo",
     "Pemerintah Provinsi Jawa Barat", "PNS", "1", True),
    ("Euis Komariah", "Perencana Ahli Madya", "Bappeda",
     "Pemerintah Provinsi Jawa Barat", "PNS", "2", True),
    ("dr. Rina Marlina, M.K.M.", "Kepala Seksi Surveilans dan Imunisasi", "Dinas Kesehatan",
     "Pemerintah Provinsi Jawa Barat", "PNS", "2", False),
    ("Dadang Sutisna", "Kepala Subbidang Anggaran", "BPKAD",
     "Pemerintah Provinsi Jawa Barat", "PNS", "1", True),
    ("Ujang Hermawan", "Auditor Ahli Muda", "Inspektorat",
     "Pemerintah Provinsi Jawa Barat", "PNS", "1", True),
    ("Neng Siti Julaeha", "Pengelola Layanan Operasional", "Dinas Pendidikan",
     "Pemerintah Provinsi Jawa Barat", "PPPK", "2", False),
    ("Slamet Riyadi", "Kepala Seksi Kurikulum SD", "Dinas Pendidikan",
     "Pemerintah Kabupaten Banyuwangi", "PNS", "1", True),
    ("Anik Mas’udah", "Kepala Seksi Pemanfaatan Data dan Inovasi Pelayanan", "Disdukcapil",
     "Pemerintah Kabupaten Banyuwangi", "PNS", "2", True),
    ("Yusuf Ma’ruf", "Pranata Komputer Ahli Pertama", "Diskominfo",
     "Pemerintah Kabupaten Banyuwangi", "PPPK", "1", True),
    ("Eko Prasetyo", "Penata Perizinan Ahli Muda", "DPMPTSP",
     "Pemerintah Kabupaten Banyuwangi", "PNS", "1", False),
    ("Andi Tenri Ajeng", "Kepala Seksi Kesehatan Keluarga dan Gizi", "Dinas Kesehatan",
     "Pemerintah Kota Makassar", "PNS", "2", True),
    ("Andi Muhammad Ridwan", "Kepala Bidang Perencanaan dan Pengendalian", "Bappeda",
     "Pemerintah Kota Makassar", "PNS", "1", True),
    ("Muh. Syahrul Nur", "Analis Perizinan", "DPMPTSP",
     "Pemerintah Kota Makassar", "PNS", "1", True),
    ("Sitti Nur’aini", "Kepala Seksi Perlindungan Jaminan Sosial", "Dinas Sosial",
     "Pemerintah Kota Makassar", "PNS", "2", False),
    ("Andi Besse Kartini", "Auditor Ahli Madya", "Inspektorat",
     "Pemerintah Kota Makassar", "PNS", "2", True),
    ("I Gusti Ngurah Putu Wirawan", "Kepala Bidang Perencanaan Pemerintahan", "Bappeda",
     "Pemerintah Provinsi Bali", "PNS", "1", True),
    ("dr. Ni Kadek Dwi Lestari, M.Kes.", "Kepala Bidang Pelayanan Kesehatan", "Dinas Kesehatan",
     "Pemerintah Provinsi Bali", "PNS", "2", True),
    ("I Made Sudarsana", "Kepala Seksi Tata Kelola E-Government", "Diskominfo",
     "Pemerintah Provinsi Bali", "PNS", "1", False),
    ("Ni Luh Putu Ayu Suryaningsih", "Kepala Seksi Pelayanan Pencatatan Sipil", "Disdukcapil",
     "Pemerintah Kabupaten Gianyar", "PNS", "2", True),
    ("I Wayan Ardana", "Analis Data dan Informasi Pendidikan", "Dinas Pendidikan",
     "Pemerintah Kabupaten Gianyar", "PNS", "1", True),
    ("Ni Komang Sri Widiasih", "Kepala Seksi Pelayanan Perizinan Terpadu", "DPMPTSP",
     "Pemerintah Kabupaten Gianyar", "PNS", "2", False),
    ("Beatrix Renée Pattiasina", "Perencana Ahli Muda", "Bappeda",
     "Pemerintah Kota Ambon", "PNS", "2", True),
    ("Johanis Latuheru", "Kepala Seksi Pelayanan Kesehatan Rujukan", "Dinas Kesehatan",
     "Pemerintah Kota Ambon", "PNS", "1", True),
    ("Marthina Tuhumury", "Kepala Seksi Identitas Penduduk", "Disdukcapil",
     "Pemerintah Kota Ambon", "PNS", "2", False),
    ("Cut Meutia Rahmah", "Kepala Seksi Peserta Didik dan Pembangunan Karakter",
     "Dinas Pendidikan", "Pemerintah Kabupaten Aceh Besar", "PNS", "2", True),
    ("Teuku Rizal Fahlevi", "Auditor Ahli Muda", "Inspektorat",
     "Pemerintah Kabupaten Aceh Besar", "PNS", "1", True),
    ("Muhammad Zulfikar", "Perencana Ahli Pertama", "Bappeda",
     "Pemerintah Kabupaten Aceh Besar", "PNS", "1", False),
    ("Nurul Fitri Ramadhani", "Administrator Kesehatan Ahli Pertama", "Dinas Kesehatan",
     "Pemerintah Kabupaten Aceh Besar", "PPPK", "2", True),
    ("Hotma Uli Simanjuntak", "Kepala Bidang Pelayanan Perizinan Jasa Usaha", "DPMPTSP",
     "Pemerintah Kota Medan", "PNS", "2", True),
    ("Rudi Hartono Siregar", "Kepala Seksi Infrastruktur Teknologi Informasi", "Diskominfo",
     "Pemerintah Kota Medan", "PNS", "1", True),
    ("Lestari Br. Ginting", "Kepala Seksi Pendidik dan Tenaga Kependidikan", "Dinas Pendidikan",
     "Pemerintah Kota Medan", "PNS", "2", False),
    ("Tengku Amri Nasution", "Kepala Seksi Rehabilitasi Sosial", "Dinas Sosial",
     "Pemerintah Kota Medan", "PNS", "1", True),
]


def _email(nama: str) -> str:
    """A made-up address at a reserved domain (example.com never reaches a real person)."""
    bersih = nama.split(",")[0].replace("’", "").replace("é", "e")
    kata = [k for k in bersih.replace(".", " ").split() if k.lower() not in {"dr", "rr", "muh"}]
    return f"{kata[0].lower()}.{kata[-1].lower()}@example.com"


def _nip(rng: random.Random, jenis: str, kelamin: str, urut: int) -> str:
    lahir = dt.date(rng.randint(1972, 1996), rng.randint(1, 12), rng.randint(1, 28))
    if jenis == "PPPK":
        tmt = max(lahir.year + 24, rng.randint(2022, 2024))
        nip = f"{lahir:%Y%m%d}{tmt}2{1}{kelamin}{urut:03d}"
    else:
        tmt = min(lahir.year + rng.randint(23, 30), 2021)
        nip = f"{lahir:%Y%m%d}{tmt}{rng.randint(1, 12):02d}{kelamin}{urut:03d}"
    info = validasi_nip(nip)
    assert info.jenis == jenis, nip
    return nip


def buat_roster(rng: random.Random) -> list[dict[str, str]]:
    """The sample roster: one row per made-up participant, NIP serials 901 upwards."""
    rows = []
    for i, (nama, jabatan, opd, instansi, jenis, kelamin, ada_email) in enumerate(ORANG):
        rows.append({
            "NIP": _nip(rng, jenis, kelamin, 901 + i),
            "Nama": nama,
            "Jabatan": jabatan,
            "OPD": opd,
            "Instansi": instansi,
            "Email": _email(nama) if ada_email else "",
        })
    return rows


def tulis_roster(rows: list[dict[str, str]]) -> None:
    with ROSTER.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["NIP", "Nama", "Jabatan", "OPD", "Instansi", "Email"])
        w.writeheader()
        w.writerows(rows)


WIB = dt.timezone(dt.timedelta(hours=7))
MULAI = dt.datetime(2026, 3, 9, 8, 30, tzinfo=WIB)
TAHUN = "2026"


def _ganti(obj: Any, daerah: str) -> Any:
    """Copy ``obj`` with "{daerah}" replaced in every string."""
    if isinstance(obj, str):
        return obj.replace("{daerah}", daerah)
    if isinstance(obj, list):
        return [_ganti(x, daerah) for x in obj]
    if isinstance(obj, dict):
        return {k: _ganti(v, daerah) for k, v in obj.items()}
    return obj


def _iid_ids() -> tuple[str, ...]:
    """The IID readiness indicator codes of modul/iid.yaml (answer keys of replikasi.kesiapan)."""
    return tuple(i.kode for i in load_iid().indikator)


def _tes(rng: random.Random, kunci: dict[str, str], benar: int) -> dict[str, str]:
    """Answers to the test questions with exactly ``benar`` right ones."""
    ids = list(kunci)
    tepat = set(rng.sample(ids, min(benar, len(ids))))
    return {i: kunci[i] if i in tepat else rng.choice([h for h in "abcd" if h != kunci[i]])
            for i in ids}


def _geser(rng: random.Random, tw: list[Any]) -> list[Any]:
    """Quarterly values with a small seeded variation (nulls stay null)."""
    hasil = []
    for v in tw:
        if v is None or abs(v) < 20:  # small counts (meetings, units) stay as planned
            hasil.append(v)
            continue
        d = rng.choice([-1, 0, 0, 1]) * max(1, round(abs(v) * 0.03))
        hasil.append(max(0, v + d) if not isinstance(v, float) else round(v + d, 1))
    return hasil


class _Penulis:
    """Collects answers with increasing saved_at times (a four-day class, WIB)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.jawaban = rng, []

    def simpan(self, hari: int, modul: str, field: str, value: Any) -> None:
        waktu = MULAI + dt.timedelta(days=hari, minutes=self.rng.randint(0, 420))
        self.jawaban.append({"modul": modul, "field": field, "value": value,
                             "saved_at": waktu.isoformat(timespec="seconds")})


def _masalah(w: _Penulis, t: dict[str, Any], mutu: str, sampai: int) -> str:
    """Save module 01 answers; return the core issue (top of the USG ranking)."""
    if mutu == "lemah":
        isu = [{"judul": j, "apkl": dict.fromkeys(("aktual", "problematik", "kekhalayakan",
                                                   "kelayakan"), True),
                "usg": {"u": 3, "s": 3 - k, "g": 3}} for k, j in enumerate(t["lemah"]["isu"])]
        fishbone = [{"kategori": "Manusia", "sebab": "SDM kurang"},
                    {"kategori": "Mesin/Sarana", "sebab": "Sarana prasarana kurang"}]
        akar, pemangku = "SDM kurang", [{"nama": "Pimpinan", "pengaruh": 5, "kepentingan": 5}]
    else:
        isu = [{"judul": j, "apkl": dict(zip(("aktual", "problematik", "kekhalayakan",
                                              "kelayakan"), map(bool, a), strict=True)),
                "usg": dict(zip("usg", usg, strict=True))} for j, a, usg in t["isu"]]
        fishbone = [{"kategori": k, "sebab": s} for k, s in t["fishbone"]]
        akar = t["akar_masalah"]
        pemangku = [{"nama": n, "pengaruh": p, "kepentingan": k} for n, p, k in t["pemangku"]]
    lolos = [Isu.from_dict(x) for x in isu]
    inti = ranking_usg([i for i in lolos if all((i.aktual, i.problematik, i.kekhalayakan,
                                                 i.kelayakan))])[0].judul
    w.simpan(1, "masalah", "isu", isu)
    if sampai == 1:  # stopped in module 01: only the issues and part of the fishbone
        w.simpan(1, "masalah", "fishbone", fishbone[:2])
        return inti
    w.simpan(1, "masalah", "isu_inti", inti)
    w.simpan(1, "masalah", "fishbone", fishbone)
    w.simpan(1, "masalah", "akar_masalah", akar)
    w.simpan(1, "masalah", "pemangku", pemangku)
    return inti


def _inovasi(w: _Penulis, t: dict[str, Any], mutu: str, sampai: int, opd: str, inti: str,
             ) -> None:
    """Save module 02 answers; a strong plan names the core issue, innovation and indicator."""
    kode = [k.kode for k in KRITERIA]
    if mutu == "lemah":
        asal = t["inovasi"]
        inovasi = {"nama": t["lemah"]["inovasi"], "bentuk": asal["bentuk"],
                   "jenis": asal["jenis"], "inisiator": "", "urusan": asal["urusan"],
                   "tahapan": "inisiatif", "cara_kerja": "Membuat aplikasi dan sosialisasi",
                   "penerima_manfaat": "Masyarakat"}
        kriteria = {k: i < 3 for i, k in enumerate(kode)}
        rencana = [{"permasalahan": t["lemah"]["isu"][0], "inovasi": t["lemah"]["inovasi"],
                    "opd": "Semua OPD", "target_waktu": "Secepatnya",
                    "indikator_keberhasilan": "Pelayanan meningkat",
                    "jangka_pendek": "Rapat koordinasi", "jangka_menengah": "",
                    "jangka_panjang": ""}]
    else:
        inovasi = dict(t["inovasi"])
        kriteria = dict.fromkeys(kode, True)
        kunci = next(r["kode"] for r in t["indikator"] if r["level"] == "outcome")
        rencana = [dict(r, opd=opd, permasalahan=inti, inovasi=inovasi["nama"],
                        indikator_keberhasilan=f"{kunci}: {r['indikator_keberhasilan']}")
                   for r in t["rencana_aksi"]]
    w.simpan(2, "inovasi", "inovasi", inovasi)
    if sampai == 2:
        w.simpan(2, "inovasi", "kriteria", {k: v for k, v in kriteria.items() if k != "replikasi"})
        return
    w.simpan(2, "inovasi", "kriteria", kriteria)
    w.simpan(2, "inovasi", "rencana_aksi", rencana)


def _indikator(w: _Penulis, t: dict[str, Any], mutu: str, sampai: int, rng: random.Random,
               ) -> dict[str, list[Any]]:
    """Save the indicators; return the quarterly values each one will report."""
    if mutu == "lemah":
        rows = [{"kode": "I1", "nama": t["lemah"]["indikator"], "level": "", "satuan": "",
                 "polaritas": "positif", "baseline": None, "target": {"2027": 100},
                 "sumber_data": "", "penanggung_jawab": "", "agregasi": "posisi", "iku": ""}]
        tw = {"I1": [rng.choice([50, 60, 70]), rng.choice([60, 70, 80]), None, None]}
    else:
        rows, tw = [], {}
        for r in t["indikator"]:
            r = dict(r)
            tw[r["kode"]] = _geser(rng, r.pop("tw"))
            rows.append(r)
    if sampai == 3:  # stopped in module 03: the last indicator has no target or source yet
        rows[-1] = dict(rows[-1], target={}, sumber_data="")
    w.simpan(3, "indikator", "indikator", rows)
    return tw


def _skor(rng: random.Random, mutu: str, skor_min: float, skor_maks: float) -> float:
    """A trainer's score in half steps: the top third of the range if strong, the bottom if weak."""
    langkah = [skor_min + k / 2 for k in range(int((skor_maks - skor_min) * 2) + 1)]
    sepertiga = (skor_maks - skor_min) / 3
    if mutu == "kuat":
        pilihan = [x for x in langkah if x >= skor_maks - sepertiga]
    else:
        pilihan = [x for x in langkah if x <= skor_min + sepertiga]
    return float(rng.choice(pilihan))


def _penilaian(w: _Penulis, nip: str, mutu: str, t: dict[str, Any], inti: str,
               kelas: dict[str, Any]) -> None:
    """Save the trainer's scores (criteria not judged automatically) and an overall comment.

    Seeded by NIP on its own generator, so the participants' answers do not change with it.
    Shapes as the grading form stores them: ``rubrik`` ``{kode: {"skor": float, "komentar"}}``.
    """
    rng = random.Random(f"{SEED}:penilaian:{nip}")
    rubrik: Rubrik = kelas["rubrik"]
    teks = kelas["penilaian"][mutu]
    if mutu == "kuat":
        isi = {"inovasi": t["inovasi"]["nama"], "akar": t["akar_masalah"],
               "sasaran": t["replikasi"]["daerah_sasaran"],
               "regulasi": t["keberlanjutan"]["regulasi"]}
    else:
        isi = {"inovasi": t["lemah"]["inovasi"], "akar": "SDM kurang", "sasaran": "Daerah lain",
               "regulasi": "Akan diusulkan"}
    isi["inti"] = inti
    nilai = {}
    for k in rubrik.kriteria:
        if k.otomatis:
            continue
        nilai[k.kode] = {"skor": _skor(rng, mutu, k.skor_min, k.skor_maks),
                         "komentar": rng.choice(teks[k.kode]).format(**isi)}
    catatan = rng.choice(teks["catatan"]).format(**isi)
    # saved by the trainer on the last afternoon, after the post-test: scores, then the comment
    menit = sorted(rng.randint(450, 600) for _ in range(2))
    for m, (field, value) in zip(menit, (("rubrik", nilai), ("catatan", catatan)), strict=True):
        waktu = MULAI + dt.timedelta(days=3, minutes=m)
        w.jawaban.append({"modul": "penilaian", "field": field, "value": value,
                          "saved_at": waktu.isoformat(timespec="seconds")})


def buku_kerja(p: dict[str, str], mutu: str, sampai: int, t: dict[str, Any],
               rng: random.Random, kunci: dict[str, str], kelas: dict[str, Any]) -> dict[str, Any]:
    """One participant's workbook. ``mutu``: kuat, lemah or belum; ``sampai``: last module (1-6)."""
    daerah = p["Instansi"].replace("Pemerintah ", "")
    t = _ganti(t, daerah)
    w = _Penulis(rng)
    pre = rng.randint(8, 12) if mutu == "kuat" else rng.randint(5, 10)
    w.simpan(0, "pengantar", "pretest", _tes(rng, kunci, pre))
    w.simpan(0, "pengantar", "pretest_selesai", True)
    inti = _masalah(w, t, mutu, sampai)
    if sampai >= 2:
        _inovasi(w, t, mutu, sampai, f"{p['OPD']} {daerah}", inti)
    if sampai >= 3:
        tw = _indikator(w, t, mutu, sampai, rng)
    if sampai >= 4:
        if mutu == "kuat" and rng.random() < 0.3:  # some have not reported TW IV yet
            tw = {k: v[:3] + [None] for k, v in tw.items()}
        w.simpan(3, "monev", "realisasi", {k: {"tahun": TAHUN, "tw": v} for k, v in tw.items()})
        analisis = t["analisis"] if mutu == "kuat" else [
            {"indikator": "I1", "kesenjangan": "Belum tercapai", "tindakan": "Akan ditingkatkan"}]
        w.simpan(3, "monev", "analisis", analisis)
    if sampai >= 5:
        ids = _iid_ids()
        if mutu == "kuat":
            kesiapan = {i: rng.choice([1, 2, 2, 3, 3, 0]) for i in ids}
            keberlanjutan, replikasi = t["keberlanjutan"], t["replikasi"]
        else:
            kesiapan = {i: rng.choice([0, 0, 1, 1, 2]) for i in ids}
            keberlanjutan = {"regulasi": "Akan diusulkan", "anggaran": "Menunggu dukungan pimpinan",
                             "sdm": "", "dokumentasi": ""}
            replikasi = {"daerah_sasaran": "Daerah lain", "langkah": "", "jadwal": ""}
        w.simpan(3, "replikasi", "kesiapan", kesiapan)
        w.simpan(3, "replikasi", "keberlanjutan", keberlanjutan)
        w.simpan(3, "replikasi", "replikasi", replikasi)
    if sampai >= 6:
        post = min(20, pre + rng.randint(5, 8)) if mutu == "kuat" else pre + rng.randint(0, 3)
        w.simpan(3, "penutup", "posttest", _tes(rng, kunci, post))
        w.simpan(3, "penutup", "posttest_selesai", True)
        rendah = 4 if mutu == "kuat" else 3
        w.simpan(3, "penutup", "evaluasi", {
            "penyelenggara": {a.kode: rng.randint(rendah, 5) for a in kelas["aspek"]},
            "fasilitator": {n: rng.randint(rendah, 5) for n in kelas["fasilitator"]},
            "komentar": rng.choice(kelas["komentar"]) if mutu == "kuat" else "",
        })
        _penilaian(w, p["NIP"], mutu, t, inti, kelas)
    return {
        "format": "sinovda-workbook", "versi": 1, "kelas": kelas["nama"],
        "peserta": {"nip": p["NIP"], "nama": p["Nama"], "jabatan": p["Jabatan"], "opd": p["OPD"],
                    "instansi": p["Instansi"], "email": p["Email"]},
        "jawaban": w.jawaban,
    }


KOMENTAR = (
    "Contoh kasus dari daerah lain sangat membantu; mohon waktu praktik indikator ditambah.",
    "Buku kerja mudah dipakai. Jaringan internet di ruang kelas sempat lambat pada hari kedua.",
    "Materi rumus capaian negatif baru saya pahami di sini. Terima kasih.",
    "Perlu sesi pendampingan setelah bimtek untuk mengawal rencana aksi.",
)


def tulis_workbooks(rows: list[dict[str, str]], rng: random.Random) -> int:
    """Write one workbook per roster row: a third strong, a third weak, a third unfinished."""
    templat = yaml.safe_load((DATASETS / "demo" / "templat_opd.yaml").read_text(encoding="utf-8"))
    info = yaml.safe_load((DATASETS / "demo" / "kelas.yaml").read_text(encoding="utf-8"))
    kunci = {s.id: str(s.kunci) for s in content.load_soal_tes_berkunci()}
    kelas = {"nama": info["nama"], "fasilitator": info["fasilitator"], "komentar": KOMENTAR,
             "aspek": content.load_evaluasi().penyelenggara, "rubrik": load_rubrik(),
             "penilaian": info["penilaian"]}
    WORKBOOKS.mkdir(parents=True, exist_ok=True)
    for lama in WORKBOOKS.glob("*.json"):
        lama.unlink()
    for i, p in enumerate(rows):
        mutu = ("kuat", "lemah", "belum")[i % 3]
        sampai = 6 if mutu != "belum" else 1 + (i // 3) % 3
        wb = buku_kerja(p, mutu, sampai, templat[p["OPD"]], rng, kunci, kelas)
        teks = json.dumps(wb, ensure_ascii=False, indent=1)
        (WORKBOOKS / f"{p['NIP']}.json").write_text(teks + "\n", encoding="utf-8")
    return len(rows)


def main() -> int:
    rng = random.Random(SEED)
    rows = buat_roster(rng)
    tulis_roster(rows)
    print(f"{ROSTER.relative_to(ROOT)}: {len(rows)} peserta")
    n = tulis_workbooks(rows, random.Random(SEED + 1))
    print(f"{WORKBOOKS.relative_to(ROOT)}: {n} buku kerja")
    return 0


if __name__ == "__main__":
    sys.exit(main())
