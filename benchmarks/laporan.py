"""Benchmark: participant reports (HTML + PDF) of the demo class, three ways, in one run.

- ``sinovda``: ``run_laporan`` (worker processes, one warm kernel each, papermill ``km=``).
- ``baseline`` (a): per participant, one at a time, a ``papermill`` CLI call, then a
  ``jupyter nbconvert --to html`` CLI call; its PDF uses the same WeasyPrint step as sinovda
  (lean HTML from the executed notebook), timed inside the baseline.
- ``floor`` (b): the same sections rendered without any kernel, in this one process
  (``Laporan.semua()`` -> lean HTML -> WeasyPrint).

Prints reports per second for each and the ratios (sinovda vs baseline, sinovda vs floor).
Usage: ``python benchmarks/laporan.py [--n 10] [--n-baseline 5] [--jobs 2] [--kelas DIR]``
(without ``--kelas`` the demo class is built in a temporary folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sinovda.report import dokumen
from sinovda.report.aman import tulis_atomik
from sinovda.report.batch import TEMPLAT, run_laporan

# Worker processes are spawned: each re-imports this module as ``__mp_main__``. Heavy imports
# used only by the baseline and the floor stay inside their functions, so sinovda's workers
# start here as they do under the ``sinovda`` command (whose main module imports little).

BIN = Path(sys.executable).parent


def _peserta(kelas: Path, n: int | None) -> list[str]:
    from sinovda.store import Store

    st = Store.open(kelas)
    nips = [p.nip for p in st.daftar_peserta()]
    st.close()
    return nips[:n] if n else nips


def jalankan_sinovda(kelas: Path, out: Path, nips: list[str], jobs: int) -> float:
    t0 = time.perf_counter()
    r = run_laporan(kelas, out, jobs=jobs, nips=nips, progress=False)
    detik = time.perf_counter() - t0
    if r.gagal or len(r.berhasil) != len(nips):
        print(r.teks(), file=sys.stderr)
    return detik


def jalankan_baseline(kelas: Path, out: Path, nips: list[str]) -> float:
    import nbformat

    t0 = time.perf_counter()
    for nip in nips:
        folder = out / nip
        folder.mkdir(parents=True, exist_ok=True)
        nb_path = folder / "laporan.ipynb"
        subprocess.run([str(BIN / "papermill"), str(TEMPLAT), str(nb_path), "-p", "kelas",
                        str(kelas), "-p", "nip", nip, "--no-progress-bar"],
                       check=True, capture_output=True)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(nb_path)], check=True, capture_output=True)
        nb = nbformat.read(nb_path, as_version=4)
        html = dokumen.susun_html(dokumen.blok_keluaran(nb), nip)
        tulis_atomik(folder / "laporan.pdf", dokumen.pdf_dari_html(html))
    return time.perf_counter() - t0


def jalankan_floor(kelas: Path, out: Path, nips: list[str]) -> float:
    from sinovda.report.isi import Laporan

    t0 = time.perf_counter()
    for nip in nips:
        lap = Laporan(kelas, nip)
        html = dokumen.susun_html([b.html for b in lap.semua()], lap.peserta.nama, nip)
        folder = out / nip
        tulis_atomik(folder / "laporan.html", html)
        tulis_atomik(folder / "laporan.pdf", dokumen.pdf_dari_html(html))
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=None, help="jumlah peserta (bawaan: semua)")
    ap.add_argument("--n-baseline", type=int, default=None,
                    help="peserta untuk baseline, tersebar di daftar (bawaan: sama dengan --n)")
    ap.add_argument("--jobs", type=int, default=None, help="proses sinovda (bawaan: jumlah inti)")
    ap.add_argument("--kelas", type=Path, default=None, help="kelas yang sudah ada")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="sinovda-bench-"))
    try:
        kelas = args.kelas
        if kelas is None:
            from sinovda.cli.kelas import bangun_demo

            kelas = tmp / "kelas"
            bangun_demo(kelas)
        nips = _peserta(kelas, args.n)
        # the baseline's sample is spread over the roster (strong, weak, unfinished workbooks)
        k = min(args.n_baseline or len(nips), len(nips))
        nb_base = [nips[i * len(nips) // k] for i in range(k)]
        jobs = args.jobs or len(os.sched_getaffinity(0))
        print(f"{len(nips)} peserta, jobs={jobs}, inti={os.cpu_count()}, "
              f"baseline pada {len(nb_base)} peserta", flush=True)
        # warm the page cache and fonts once for everyone (not timed)
        jalankan_floor(kelas, tmp / "pemanasan", nips[:1])

        t_floor = jalankan_floor(kelas, tmp / "floor", nips)
        t_sinovda = jalankan_sinovda(kelas, tmp / "sinovda", nips, jobs)
        t_base = jalankan_baseline(kelas, tmp / "baseline", nb_base)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    laju = {
        "sinovda": len(nips) / t_sinovda,
        "baseline (papermill CLI + nbconvert CLI)": len(nb_base) / t_base,
        "floor (tanpa kernel, 1 proses)": len(nips) / t_floor,
    }
    for nama, v in laju.items():
        print(f"{nama:42s} {v:7.2f} laporan/detik")
    cepat = laju["sinovda"] / laju["baseline (papermill CLI + nbconvert CLI)"]
    floor = laju["floor (tanpa kernel, 1 proses)"] / laju["sinovda"]
    print(f"sinovda / baseline: {cepat:.1f}x lebih cepat (target >= 15x)")
    print(f"waktu sinovda / waktu floor: {floor:.2f} (target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
