"""Every class-taking ``sinovda`` command on a PostgreSQL class, end to end, against the same
class on SQLite: ``kelas buat/info``, ``peserta impor/daftar``, ``impor``, ``ekspor``,
``riwayat``, ``kode-akses``, ``laporan`` (local processes), ``rekap`` and ``verifikasi`` run as
real subprocesses (what a user types) on a class folder and on a PostgreSQL class (a key with
``$SINOVDA_DB``, and the ``postgresql://...?kelas=KEY`` locator); the reports' text, the recap's
rows and the exported workbook are the same, and each backend's certificate verifies on its own
class only. Bad input exits 2 in Indonesian on PostgreSQL too.

The trusted part of the class (submitted tests, trainer's scores: the system path) and the
Admin Kelas settings are put in through the Python API, the same calls on both backends.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import NIP_LENGKAP, NIP_TANPA_INOVASI
from test_report_sertifikat import isi, jawaban_selesai

from sinovda.store import Store
from sinovda.store.admin import DataAdmin

NIP_C = "197812312005011003"  # a valid PNS NIP (conftest NIP_RUSAK)
NAMA_KELAS = "Bimtek Inovasi Angkatan I"
FAS = "Dr. Ratna Wulandari, M.Si."
ROSTER = (
    "NIP,Nama,Jabatan,OPD,Instansi,Email\n"
    f"{NIP_LENGKAP},Ni Luh Putu Ayu Wédari,Analis Kebijakan,Dinas Kesehatan,Kabupaten Gianyar,\n"
    f"{NIP_TANPA_INOVASI},Muhammad Ja'far,Kepala Seksi,Bappeda,Kota Makassar,\n"
    f"{NIP_C},I Made Ṛai,Staf,Inspektorat,Kabupaten Bangli,\n"
)


def sinovda(*args: str, cwd: Path, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess; ``$SINOVDA_DB``/``$SINOVDA_KELAS`` only as given."""
    semua = {k: v for k, v in os.environ.items() if k not in ("SINOVDA_KELAS", "SINOVDA_DB")}
    semua.update(env or {})
    return subprocess.run([sys.executable, "-m", "sinovda.cli.main", *args], cwd=cwd,
                          env=semua, capture_output=True, text=True, timeout=300)


def ok(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    return r.stdout


def galat_pengguna(r: subprocess.CompletedProcess[str], *kata: str) -> None:
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    for k in kata:
        assert k in r.stderr, r.stderr


def teks_pdf(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@dataclass
class Hasil:
    """What one backend's run produced, to compare."""

    ekspor: list[dict[str, object]]
    laporan: dict[str, str]  # folder name -> report PDF text
    sertifikat: dict[str, str]  # folder name -> certificate PDF text
    rekap: list[list[object]]
    kode: str
    keluaran: list[str] = field(default_factory=list)


def kelas_lewat_cli(kelas: str, lokasi_py: str, cwd: Path, env: dict[str, str],
                    folder_laporan: Path, folder_rekap: Path) -> Hasil:
    """One small class through the commands: ``kelas`` is what the user types after --kelas,
    ``lokasi_py`` the same class for the Python calls."""
    o = ok(sinovda("kelas", "buat", kelas, "--nama", NAMA_KELAS, "--fasilitator", FAS,
                   cwd=cwd, env=env))
    assert f"Kelas '{NAMA_KELAS}' dibuat" in o
    (cwd / "roster.csv").write_text(ROSTER, encoding="utf-8")
    # the session's database holds other tests' classes with these NIPs: --kelas-lain
    o = ok(sinovda("peserta", "impor", "roster.csv", "--kelas", kelas, "--kelas-lain", cwd=cwd,
                   env=env))
    assert "3 peserta dibaca" in o and "3 baru" in o
    o = ok(sinovda("peserta", "daftar", "--kelas", kelas, cwd=cwd, env=env))
    assert "(3 peserta)" in o and "Muhammad Ja'far" in o
    o = ok(sinovda("kelas", "info", "--kelas", kelas, cwd=cwd, env=env))
    assert f"nama: {NAMA_KELAS}" in o and f"fasilitator: {FAS}" in o and "peserta: 3" in o

    # a participant's workbook from self-study, imported by the trainer
    (cwd / "wb.json").write_text(json.dumps({
        "format": "sinovda-workbook", "versi": 1,
        "peserta": {"nip": NIP_TANPA_INOVASI, "nama": "Muhammad Ja'far"},
        "jawaban": [
            {"modul": "masalah", "field": "akar_masalah", "value": "Data ganda antar-OPD",
             "saved_at": "2026-03-10T01:00:00.000000+00:00"},
            {"modul": "penilaian", "field": "catatan", "value": "Nilai saya 100",
             "saved_at": "2026-03-10T01:00:00.000000+00:00"},
        ]}), encoding="utf-8")
    o = ok(sinovda("impor", "wb.json", "--kelas", kelas, cwd=cwd, env=env))
    assert "baru 1" in o and "penilaian.catatan" in o  # the trainer-only field is refused

    # the trusted part (submitted tests, trainer's scores) and the Admin Kelas settings
    st = Store.open(lokasi_py)
    isi(st, NIP_LENGKAP, jawaban_selesai())
    st.close()
    DataAdmin(lokasi_py).atur_setelan({"tanggal_mulai": "2026-03-09",
                                       "tanggal_selesai": "2026-03-12", "tempat": "Denpasar",
                                       "jp": "30"}, oleh="fasilitator:ratna")

    ok(sinovda("ekspor", NIP_LENGKAP, "--ke", "ekspor.json", "--kelas", kelas, cwd=cwd, env=env))
    ekspor = json.loads((cwd / "ekspor.json").read_text(encoding="utf-8"))["jawaban"]
    o = ok(sinovda("riwayat", NIP_TANPA_INOVASI, "masalah", "akar_masalah", "--kelas", kelas,
                   cwd=cwd, env=env))
    assert "Data ganda antar-OPD" in o and "impor" in o
    o = ok(sinovda("kode-akses", "--kelas", kelas, cwd=cwd, env=env))
    assert all(n in o for n in (NIP_LENGKAP, NIP_TANPA_INOVASI, NIP_C))
    assert "3 akun belum punya kode" in o

    o = ok(sinovda("laporan", "--kelas", kelas, "--jobs", "1", "--diam", cwd=cwd, env=env))
    assert "Sertifikat: 1 peserta memenuhi syarat" in o
    laporan = {p.parent.name: teks_pdf(p) for p in folder_laporan.glob("*/laporan.pdf")}
    sertifikat = {p.parent.name: teks_pdf(p) for p in folder_laporan.glob("*/sertifikat.pdf")}
    assert len(laporan) == 3 and len(sertifikat) == 1

    o = ok(sinovda("rekap", "--kelas", kelas, cwd=cwd, env=env))
    assert (folder_rekap / "rekap.xlsx").is_file() and (folder_rekap / "rekap.html").is_file()
    from openpyxl import load_workbook

    buku = load_workbook(folder_rekap / "rekap.xlsx", read_only=True)
    rekap = [list(r) for r in buku.worksheets[0].iter_rows(values_only=True)]
    buku.close()

    (kode,) = set(re.findall(r"SNV(?:-[A-Z0-9]{4}){4}", "".join(sertifikat.values())))
    o = ok(sinovda("verifikasi", kode, "--kelas", kelas, cwd=cwd, env=env))
    assert o.startswith("ASLI:") and "Ni Luh Putu Ayu Wédari" in o and NAMA_KELAS in o
    return Hasil(ekspor, laporan, sertifikat, rekap, kode)


def tanpa_kode(teks: str) -> str:
    """The certificate text without its random code; runs of spaces as one (the code's glyph
    widths move pdftotext's column layout of the text beside it by a space or two)."""
    return re.sub(r"[ \t]+", " ", re.sub(r"SNV(?:-[A-Z0-9]{4}){4}", "SNV-KODE", teks))


def test_a_class_through_the_commands_is_the_same_on_postgresql_and_sqlite(
        pg_url: str, tmp_path: Path):
    lite, pgdir = tmp_path / "sqlite", tmp_path / "pg"
    lite.mkdir()
    pgdir.mkdir()
    a = kelas_lewat_cli("kelas", str(lite / "kelas"), lite, {},
                        lite / "kelas" / "laporan", lite / "kelas" / "rekap")
    kunci = f"cli-{uuid.uuid4().hex[:8]}"
    env_pg = {"SINOVDA_DB": pg_url}  # a key where the folder would go
    b = kelas_lewat_cli(kunci, f"{pg_url}?kelas={kunci}", pgdir, env_pg,
                        pgdir / f"laporan-{kunci}", pgdir / f"rekap-{kunci}")
    assert not (pgdir / kunci).exists()  # nothing written to a folder named after the key

    assert [(j["modul"], j["field"], j["value"]) for j in a.ekspor] == \
        [(j["modul"], j["field"], j["value"]) for j in b.ekspor]
    assert a.laporan.keys() == b.laporan.keys()
    for nama in a.laporan:  # the same report: identity, scores, N-gain, capaian, rubric, place
        assert a.laporan[nama] == b.laporan[nama], nama
    (lengkap,) = [n for n in a.laporan if n.startswith(NIP_LENGKAP)]
    assert "Denpasar" in b.laporan[lengkap] and "N-gain" in b.laporan[lengkap]
    assert {n: tanpa_kode(t) for n, t in a.sertifikat.items()} == \
        {n: tanpa_kode(t) for n, t in b.sertifikat.items()}
    assert a.rekap == b.rekap and len(a.rekap) >= 4  # header + 3 participants
    assert a.kode != b.kode  # each class has its own secret ...

    # ... so a certificate verifies only against the class that issued it
    galat_pengguna(sinovda("verifikasi", a.kode, "--kelas", kunci, cwd=pgdir, env=env_pg),
                   "TIDAK ASLI")
    galat_pengguna(sinovda("verifikasi", b.kode, "--kelas", str(lite / "kelas"), cwd=lite),
                   "TIDAK ASLI")
    # the full locator works without $SINOVDA_DB; messages never show it mangled
    lokasi = f"{pg_url}?kelas={kunci}"
    o = ok(sinovda("verifikasi", b.kode, "--kelas", lokasi, cwd=pgdir))
    assert o.startswith("ASLI:")
    o = ok(sinovda("kelas", "info", "--kelas", lokasi, cwd=pgdir))
    assert f"nama: {NAMA_KELAS}" in o and "peserta: 3" in o
    ok(sinovda("rekap", "--kelas", lokasi, cwd=pgdir))
    assert not (pgdir / "postgresql:").exists()  # the recap went to ./rekap-<key>


def test_bad_input_on_postgresql_exits_2_in_indonesian(pg_url: str, tmp_path: Path):
    env = {"SINOVDA_DB": pg_url}
    galat_pengguna(sinovda("kelas", "info", "--kelas", "belum-ada", cwd=tmp_path, env=env),
                   "belum ada kelas belum-ada")
    galat_pengguna(sinovda("verifikasi", "SNV-2222-3333-4444-5555", "--kelas", "belum-ada",
                           cwd=tmp_path, env=env), "belum ada kelas")
    galat_pengguna(sinovda("rekap", "--kelas", "Kunci Salah!", cwd=tmp_path, env=env),
                   "kunci kelas")
    galat_pengguna(sinovda("kelas", "buat", "postgresql://[x", "--nama", "X", cwd=tmp_path),
                   "tidak sah")
    galat_pengguna(sinovda("kelas", "info", "--kelas", f"{pg_url}?kelas=", cwd=tmp_path),
                   "tanpa kunci kelas")
    kunci = f"buruk-{uuid.uuid4().hex[:6]}"
    ok(sinovda("kelas", "buat", kunci, "--nama", "Kelas Buruk", cwd=tmp_path, env=env))
    galat_pengguna(sinovda("kelas", "buat", kunci, "--nama", "Lagi", cwd=tmp_path, env=env),
                   "sudah ada kelas 'Kelas Buruk'")
    (tmp_path / "rusak.csv").write_text("NIP,Nama\n123,Tanpa NIP Sah\n", encoding="utf-8")
    galat_pengguna(sinovda("peserta", "impor", "rusak.csv", "--kelas", kunci, cwd=tmp_path,
                           env=env), "rusak.csv")
    galat_pengguna(sinovda("ekspor", NIP_C, "--ke", "x.json", "--kelas", kunci, cwd=tmp_path,
                           env=env), NIP_C)
    galat_pengguna(sinovda("riwayat", NIP_C, "masalah", "isu", "--kelas", kunci, cwd=tmp_path,
                           env=env), f"NIP {NIP_C} tidak ada")
    galat_pengguna(sinovda("verifikasi", "bukan kode", "--kelas", kunci, cwd=tmp_path, env=env),
                   "bukan kode sertifikat")
    # an unreachable server: Indonesian, the password masked, nothing else changed
    mati = "postgresql://sinovda:rahasia@127.0.0.1:1/sinovda"
    r = sinovda("kelas", "info", "--kelas", f"{mati}?kelas={kunci}", cwd=tmp_path)
    galat_pengguna(r, "tidak dapat dihubungi")
    assert "rahasia" not in r.stderr


def test_demo_builds_its_class_in_postgresql_once(pg_url: str, tmp_path: Path):
    env = {"SINOVDA_DB": pg_url}
    kunci = f"demo-{uuid.uuid4().hex[:6]}"
    o = ok(sinovda("demo", "--tanpa-laporan", "--kelas", kunci, cwd=tmp_path, env=env))
    assert f"?kelas={kunci}" in o and "42 peserta" in o
    assert not (tmp_path / kunci).exists()  # no folder, no marker file: the class is a key
    lokasi = f"{pg_url}?kelas={kunci}"
    assert len(Store.open(lokasi).daftar_peserta()) == 42
    assert DataAdmin(lokasi).setelan().get("tempat")  # the demo's class settings, in the schema
    # a second run does not touch the class it made (no class can be dropped from here)
    galat_pengguna(sinovda("demo", "--tanpa-laporan", "--kelas", kunci, cwd=tmp_path, env=env),
                   "sudah ada kelas", f"kunci {kunci}")


def test_app_takes_a_postgresql_locator_as_typed(pg_url: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch):
    from sinovda.cli.app import lingkungan, siapkan_ruang_kerja
    from sinovda.store.pg import StorePG

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SINOVDA_DB", raising=False)
    lokasi = f"{pg_url}?kelas=app-{uuid.uuid4().hex[:6]}"
    Store.create(lokasi, nama="Kelas App")
    folder, kelas = siapkan_ruang_kerja(lokasi)
    assert kelas and not str(folder).startswith(str(tmp_path))  # not made a cwd path
    env = lingkungan(folder, kelas, {})
    assert isinstance(Store.open(env["SINOVDA_KELAS"]), StorePG)  # what the kernels open
