"""Benchmark: the recap of a training centre's year - 1,000 participants across 25 classes - in
one run (aim: at most 5 s).

The 25 classes (40 participants each) are built first, untimed: every participant gets the
answers of one of the demo workbooks (``datasets/demo/workbooks``: problems, innovation, plan,
tests, trainer scores) under their own NIP, and the submitted tests are scored by the server's
rule. Then, timed:

- ``gabungan``: ``sinovda rekap --gabung`` of all 25 classes (``tulis_rekap_gabungan``: one
  workbook + one HTML page with charts and the per-class breakdown);
- ``baseline``: what a BPSDM does today: 25 separate class recaps (``tulis_rekap`` per class),
  one after the other;
- ``baca``: only reading every class's data and computing the rows (``data_gabungan``), the floor.

Prints the seconds of each and the ratios (gabungan / baseline, gabungan / baca).
Usage: ``python benchmarks/rekap_besar.py [--kelas 25] [--peserta 40] [--pg]`` (``--pg``: the 25
classes as keys in one temporary PostgreSQL database instead of 25 SQLite folders).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path


def nip(kelas: int, i: int) -> str:
    """A valid made-up PNS NIP: appointment month from the class, serial from the participant."""
    return f"19850315{2000 + kelas // 12}{kelas % 12 + 1:02d}{1 + i % 2}{i + 1:03d}"


def bangun(lokasi: list[str], n_peserta: int) -> None:
    """Create the classes at ``lokasi`` with ``n_peserta`` participants each (untimed)."""
    from sinovda.domain.peserta import Peserta
    from sinovda.paths import DATASETS_DIR
    from sinovda.store import Store
    from sinovda.store.tes import lengkapi_skor
    from sinovda.store.workbook import baca_berkas, validasi

    contoh = [validasi(baca_berkas(p)) for p in
              sorted((DATASETS_DIR / "demo" / "workbooks").glob("*.json"))]
    for k, tempat in enumerate(lokasi):
        st = Store.create(tempat, nama=f"Angkatan {k + 1:02d}")
        for i in range(n_peserta):
            asal, jawaban = contoh[(k + i) % len(contoh)]
            p = Peserta(nip(k, i), f"{asal.nama} {k + 1}-{i + 1}", asal.jabatan, asal.opd,
                        asal.instansi)
            st.impor_jawaban(p, jawaban, overwrite=True, peserta_baru=True, peran="sistem")
        lengkapi_skor(st)
        st.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kelas", type=int, default=25)
    ap.add_argument("--peserta", type=int, default=40, help="peserta per kelas")
    ap.add_argument("--pg", action="store_true", help="kelas di satu basis data PostgreSQL")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from pg_sementara import server_pg

    from sinovda.report.rekap import tulis_rekap
    from sinovda.report.rekap_gabungan import data_gabungan, tulis_rekap_gabungan

    with tempfile.TemporaryDirectory() as tmp, (server_pg() if args.pg else nullcontext()) as url:
        folder = Path(tmp)
        if url:
            lokasi = [f"{url}?kelas=angkatan-{k + 1:02d}" for k in range(args.kelas)]
        else:
            lokasi = [str(folder / f"angkatan-{k + 1:02d}") for k in range(args.kelas)]
        t0 = time.perf_counter()
        bangun(lokasi, args.peserta)
        print(f"{args.kelas} kelas x {args.peserta} peserta "
              f"({'PostgreSQL' if url else 'SQLite'}) dibangun dalam "
              f"{time.perf_counter() - t0:.1f} s (tidak dihitung)")
        tulis_rekap_gabungan(lokasi[:1], folder / "pemanasan")  # imports, fonts, matplotlib

        t0 = time.perf_counter()
        _, rows, _ = data_gabungan(lokasi)
        baca = time.perf_counter() - t0
        assert len(rows) == args.kelas * args.peserta

        t0 = time.perf_counter()
        tulis_rekap_gabungan(lokasi, folder / "gabungan")
        gabungan = time.perf_counter() - t0

        t0 = time.perf_counter()
        for k, tempat in enumerate(lokasi):
            tulis_rekap(tempat, folder / "per-kelas" / f"{k:02d}")
        baseline = time.perf_counter() - t0

    n = args.kelas * args.peserta
    print(f"gabungan  {gabungan:6.2f} s  (rekap {n} peserta dari {args.kelas} kelas; "
          f"target <= 5 s: {'YA' if gabungan <= 5 else 'TIDAK'})")
    print(f"baseline  {baseline:6.2f} s  ({args.kelas} rekap kelas terpisah)")
    print(f"baca      {baca:6.2f} s  (hanya membaca data dan menghitung baris)")
    print(f"rasio gabungan/baseline {gabungan / baseline:.2f}x, gabungan/baca "
          f"{gabungan / baca:.2f}x")


if __name__ == "__main__":
    main()
