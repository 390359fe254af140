"""One recap across several classes (``sinovda rekap --gabung`` / ``--semua``): every participant
with their class, and a per-class breakdown, from class folders and from one PostgreSQL
database holding many classes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import NIP_LENGKAP, buat_kelas_laporan, jawaban_lengkap
from openpyxl import load_workbook

from sinovda.domain.peserta import Peserta
from sinovda.report.rekap_gabungan import (
    LEMBAR_PER_KELAS,
    SEMUA,
    UKURAN_ORANG,
    tulis_rekap_gabungan,
)
from sinovda.store import Store

NIP_B = "199002282015032004"  # ranah.md-style valid NIP


def _kelas_kecil(lokasi: str | Path, nama: str) -> str:
    """A second class: one participant who submitted both tests (answers of jawaban_lengkap)."""
    st = Store.create(lokasi, nama=nama)
    st.upsert_peserta([Peserta(NIP_B, "I Gusti Ngurah Rai", opd="Bappeda")])
    for modul, isi in jawaban_lengkap().items():
        for field, value in isi.items():
            st.save(NIP_B, modul, field, value, peran="sistem")
    st.close()
    return str(lokasi)


def _sinovda(*args: str, cwd: Path, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k not in ("SINOVDA_KELAS", "SINOVDA_DB")}
    return subprocess.run([sys.executable, "-m", "sinovda.cli.main", *args], cwd=cwd,
                          env={**e, **(env or {})}, capture_output=True, text=True, timeout=300)


def _per_kelas(xlsx: Path) -> dict[tuple[str, str], list]:
    ws = load_workbook(xlsx)[LEMBAR_PER_KELAS]
    rows = list(ws.iter_rows(values_only=True))
    return {"kepala": list(rows[0]), **{(r[0], r[1]): list(r[2:]) for r in rows[1:]}}


def test_two_class_folders_make_one_recap_with_a_per_class_breakdown(tmp_path: Path):
    a = buat_kelas_laporan(tmp_path / "a")
    b = _kelas_kecil(tmp_path / "b", "Angkatan II")
    xlsx, html = tulis_rekap_gabungan([a, b], tmp_path / "keluar")
    wb = load_workbook(xlsx)
    rekap = list(wb["Rekap"].iter_rows(values_only=True))
    assert rekap[0][:2] == ("Kelas", "NIP")
    kelas_nip = {(r[0], r[1]) for r in rekap[1:]}
    assert ("Kelas Uji Laporan", NIP_LENGKAP) in kelas_nip and ("Angkatan II", NIP_B) in kelas_nip
    assert len(rekap) - 1 == 5  # 4 + 1 participants
    per = _per_kelas(xlsx)
    assert per["kepala"] == ["Bagian", "Ukuran", "Kelas Uji Laporan", "Angkatan II", SEMUA]
    assert per[("Kelas", "jumlah peserta")] == [4, 1, 5]
    # the post-test: each class's own count, and all participants together; both classes'
    # scorers gave the same answers, so the combined average is that same score
    assert per[("Post-test", "jumlah peserta dengan nilai")] == [1, 1, 2]
    rata_a, rata_b, rata_semua = per[("Post-test", "rata-rata")]
    assert rata_a == rata_b == rata_semua and rata_a is not None
    teks = html.read_text(encoding="utf-8")
    assert "Rincian per kelas" in teks and "Angkatan II" in teks
    assert teks.index("Rincian per kelas") < teks.index("Ringkasan per peserta")
    # the page's participant table says each row's class too (a NIP may be in two classes)
    peserta = teks[teks.index("Ringkasan per peserta"):teks.index("Grafik kelas")]
    assert "<th>Kelas</th><th>NIP</th>" in peserta
    assert f"<td>Angkatan II</td><td>{NIP_B}</td>" in peserta
    assert f"<td>Kelas Uji Laporan</td><td>{NIP_LENGKAP}</td>" in peserta


def test_a_person_in_two_classes_is_two_rows_and_one_person(tmp_path: Path):
    """A repeat participant (one NIP on two classes' rosters) is a row in each class, and the
    breakdown also says how many people the classes hold: a province head asking how many ASN
    were trained read only 'jumlah peserta' 6 for 4 people."""
    a = buat_kelas_laporan(tmp_path / "a")
    b = _kelas_kecil(tmp_path / "b", "Angkatan II")
    Store.open(b).upsert_peserta([Peserta(NIP_LENGKAP, "Peserta Mengulang")])
    xlsx, html = tulis_rekap_gabungan([a, b], tmp_path / "keluar")
    per = _per_kelas(xlsx)
    baris = list(load_workbook(xlsx)["Rekap"].iter_rows(values_only=True))[1:]
    assert per[("Kelas", "jumlah peserta")] == [4, 2, 6] == [4, 2, len(baris)]
    orang = len({r[1] for r in baris})  # class a already holds NIP_B: 6 rows, 4 people
    assert orang == 4 and per[("Kelas", UKURAN_ORANG)] == [4, 2, orang]
    kepala = [r[:2] for r in load_workbook(xlsx)[LEMBAR_PER_KELAS].iter_rows(values_only=True)]
    assert kepala.index(("Kelas", UKURAN_ORANG)) == kepala.index(("Kelas", "jumlah peserta")) + 1
    teks = html.read_text(encoding="utf-8")
    assert UKURAN_ORANG in teks[teks.index("Rincian per kelas"):]


def test_a_class_without_scores_reads_dash_in_the_breakdown(tmp_path: Path):
    """No value in a class (nobody took the post-test yet) reads "-" in the page's breakdown,
    as in the summary above it, never a blank cell."""
    b = _kelas_kecil(tmp_path / "b", "Angkatan II")
    st = Store.create(tmp_path / "c", nama="Angkatan III")
    st.upsert_peserta([Peserta("199103152015031003", "Baru Mulai")])
    st.close()
    _, html = tulis_rekap_gabungan([b, tmp_path / "c"], tmp_path / "keluar")
    teks = html.read_text(encoding="utf-8")
    rincian = teks[teks.index("Rincian per kelas"):teks.index("Ringkasan per peserta")]
    assert "<td></td>" not in rincian
    assert "<td>Post-test</td><td>rata-rata</td>" in rincian
    baris = rincian.split("<td>Post-test</td><td>rata-rata</td>", 1)[1].split("</tr>", 1)[0]
    assert baris.count("<td>-</td>") == 1  # Angkatan III only


def test_cli_gabung_and_a_missing_class_exit_2(tmp_path: Path):
    a = buat_kelas_laporan(tmp_path / "a")
    b = _kelas_kecil(tmp_path / "b", "Angkatan II")
    r = _sinovda("rekap", "--gabung", str(a), b, "--keluaran", "keluar", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Rekap 2 kelas" in r.stdout
    assert _per_kelas(tmp_path / "keluar" / "rekap.xlsx")[("Kelas", "jumlah peserta")] == [4, 1, 5]
    r = _sinovda("rekap", "--gabung", str(a), str(tmp_path / "tidak-ada"), cwd=tmp_path)
    assert r.returncode == 2 and "belum ada kelas" in r.stderr and "Traceback" not in r.stderr


def test_cli_semua_recaps_every_class_of_a_postgresql_database(pg_url: str, tmp_path: Path):
    # a database of its own, so that only these classes are in it
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE rekap_semua")
    url = pg_url.rsplit("/", 1)[0] + "/rekap_semua"
    _kelas_kecil(f"{url}?kelas=kab-gianyar", "Kabupaten Gianyar")
    _kelas_kecil(f"{url}?kelas=kota-makassar", "Kota Makassar")
    r = _sinovda("rekap", "--semua", "--keluaran", "keluar", cwd=tmp_path,
                 env={"SINOVDA_DB": url})
    assert r.returncode == 0, r.stderr
    per = _per_kelas(tmp_path / "keluar" / "rekap.xlsx")
    assert per["kepala"] == ["Bagian", "Ukuran", "Kabupaten Gianyar", "Kota Makassar", SEMUA]
    assert per[("Kelas", "jumlah peserta")] == [1, 1, 2]
    # with SINOVDA_DB, --gabung takes class keys
    r = _sinovda("rekap", "--gabung", "kota-makassar", "--keluaran", "satu", cwd=tmp_path,
                 env={"SINOVDA_DB": url})
    assert r.returncode == 0, r.stderr
    assert _per_kelas(tmp_path / "satu" / "rekap.xlsx")["kepala"][2:] == ["Kota Makassar", SEMUA]
    r = _sinovda("rekap", "--semua", cwd=tmp_path)
    assert r.returncode == 2 and "SINOVDA_DB" in r.stderr
