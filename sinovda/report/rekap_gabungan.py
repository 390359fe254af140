"""One recap across several classes (a BPSDM's year, a province): ``sinovda rekap --gabung``.

``tulis_rekap_gabungan(kelas, keluaran) -> list[Path]`` writes ``rekap.xlsx`` and ``rekap.html``
for every participant of every class given (class folders, PostgreSQL locators, or class keys
with ``$SINOVDA_DB``), with:

- the participant table of ``report.rekap`` with a first ``Kelas`` column;
- a per-class breakdown (``Per kelas``: each summary measure of ``rekap.ringkasan_kelas`` for
  each class side by side, then for all classes together), in the workbook and on the page;
- the summary, charts and item statistics of all participants together (the item statistics
  from every class's right/wrong matrix, read on the server side by ``store.tes``).

``kelas_database(url)`` lists every class of a PostgreSQL database (``--semua``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sinovda.domain.errors import InputTidakValid
from sinovda.report import rekap
from sinovda.report.aman import sel_excel_aman, tulis_atomik
from sinovda.report.tampil import tabel

LEMBAR_PER_KELAS = "Per kelas"
SEMUA = "Semua kelas"
UKURAN_ORANG = "jumlah orang (NIP berbeda)"


def kelas_database(url: str) -> list[str]:
    """The locators of every class in the PostgreSQL database ``url`` (by key)."""
    from sinovda.store import pg

    if not pg.adalah_url(url):
        raise InputTidakValid(
            f"'{url}' bukan alamat PostgreSQL (postgresql://...); --semua memerlukan SINOVDA_DB "
            "atau --db dengan alamat basis data"
        )
    url, _ = pg.urai(url) if "kelas=" in url else (url, "")
    return [pg.lokasi_kelas(url, kunci) for kunci, _ in pg.daftar_kelas(url)]


def data_gabungan(kelas: Sequence[str | os.PathLike[str]]
                  ) -> tuple[dict[str, Any], list[rekap.BarisRekap], list[tuple[str, list[Any]]]]:
    """(combined info, every row with its class name, [(class name, its summary rows)])."""
    from sinovda.data import content
    from sinovda.store import Store
    from sinovda.store.tes import koreksi_jawaban
    from sinovda.view.tes import TES, statistik_kelas

    if not kelas:
        raise InputTidakValid("tidak ada kelas untuk direkap")
    semua: list[rekap.BarisRekap] = []
    per_kelas: list[tuple[str, list[Any]]] = []
    koreksi: dict[str, dict[str, Any]] = {tes: {} for tes in TES}
    nama_dipakai: set[str] = set()
    soal = content.load_soal_tes_berkunci()  # the key, read once for every class
    for lokasi in kelas:
        st = Store.open(lokasi)
        try:
            nama = str(st.kelas_info().get("nama", "")) or str(lokasi)
            if nama in nama_dipakai:  # two classes with one name: tell them apart
                nama = f"{nama} ({Path(str(lokasi)).name})"
            nama_dipakai.add(nama)
            jawaban = st.load_all_peserta()
            rows = [rekap.baris_peserta(p, jawaban.get(p.nip, {})) for p in st.daftar_peserta()]
            for tes in TES:
                for nip, m in koreksi_jawaban(jawaban, tes, soal).items():
                    koreksi[tes][f"{nama}\x00{nip}"] = m
        finally:
            st.close()
        for b in rows:
            b.kelas = nama
        semua += rows
        per_kelas.append((nama, rekap.ringkasan_kelas(rows)))
    info = {"nama": f"{len(per_kelas)} kelas", rekap.KUNCI_BUTIR: statistik_kelas(koreksi)}
    return info, semua, per_kelas


def baris_per_kelas(semua: list[rekap.BarisRekap], per_kelas: list[tuple[str, list[Any]]]
                    ) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of the per-class breakdown: Bagian, Ukuran, one column per class, then
    all classes together (the same rows in the workbook and on the page)."""
    gabung = rekap.ringkasan_kelas(semua)
    nilai = [{(b, u): n for b, u, n in r} for _, r in per_kelas]
    kepala = ["Bagian", "Ukuran", *(n for n, _ in per_kelas), SEMUA]
    rows = [[b, u, *(d.get((b, u)) for d in nilai), n] for b, u, n in gabung]
    # one person in two classes (a repeat) is two rows above; how many people that is
    orang = [len({b.nip for b in semua if b.kelas == n}) for n, _ in per_kelas]
    i = next((i + 1 for i, r in enumerate(rows) if r[:2] == ["Kelas", "jumlah peserta"]), 0)
    rows.insert(i, ["Kelas", UKURAN_ORANG, *orang, len({b.nip for b in semua})])
    return kepala, rows


def xlsx_gabungan(info: dict[str, Any], semua: list[rekap.BarisRekap],
                  per_kelas: list[tuple[str, list[Any]]]) -> bytes:
    """The recap workbook of ``report.rekap`` plus the sheet ``Per kelas``."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    wb = load_workbook(io.BytesIO(rekap.xlsx_rekap(info, semua)))
    ws = wb.create_sheet(LEMBAR_PER_KELAS, 1)
    kepala, rows = baris_per_kelas(semua, per_kelas)
    ws.append([sel_excel_aman(k) for k in kepala])
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([sel_excel_aman(x) if isinstance(x, str) else ("" if x is None else x)
                   for x in r])
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 30
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sel(x: Any) -> str:
    from sinovda.report.tampil import angka

    return str(x) if isinstance(x, int | str) else angka(x)  # None: "-", as the summary above


def html_gabungan(info: dict[str, Any], semua: list[rekap.BarisRekap],
                  per_kelas: list[tuple[str, list[Any]]]) -> str:
    """The recap page of ``report.rekap`` with the per-class breakdown after the summary."""
    kepala, rows = baris_per_kelas(semua, per_kelas)
    bagian = ("<h2>Rincian per kelas</h2>"
              + tabel(tuple(kepala), [[r[0], r[1], *(_sel(x) for x in r[2:])] for r in rows]))
    halaman = rekap.html_rekap(info, semua)
    penanda = "<h2>Ringkasan per peserta</h2>"
    return halaman.replace(penanda, bagian + penanda, 1)


def tulis_rekap_gabungan(kelas: Sequence[str | os.PathLike[str]],
                         keluaran: str | os.PathLike[str]) -> list[Path]:
    """Write the recap across ``kelas`` to ``keluaran`` (atomically); return the paths."""
    info, semua, per_kelas = data_gabungan(kelas)
    folder = Path(keluaran)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        tulis_atomik(folder / rekap.NAMA_XLSX, xlsx_gabungan(info, semua, per_kelas)),
        tulis_atomik(folder / rekap.NAMA_HTML, html_gabungan(info, semua, per_kelas)),
    ]
