"""Build the sample roster and the demo workbooks under ``datasets/`` (deterministic, seeded).

Run: ``.venv/bin/python scripts/buat_demo.py``. Every person here is made up; NIPs are valid
in form only (serial numbers 901 upwards) and belong to nobody.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def main() -> int:
    rng = random.Random(SEED)
    rows = buat_roster(rng)
    tulis_roster(rows)
    print(f"{ROSTER.relative_to(ROOT)}: {len(rows)} peserta")
    return 0


if __name__ == "__main__":
    sys.exit(main())
