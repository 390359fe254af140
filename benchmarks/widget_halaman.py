"""Benchmark: what one module page builds in the kernel (widget models, widget state, CPU).

For each course module (or ``--modul 01_masalah``), in a fresh Python process: run the
notebook's code for a participant with a filled demo workbook (the class of
``benchmarks/ruang.py``), then count the widget models alive, the size of the widget state the
page sends to the browser (JSON of every model's state) and the CPU seconds of the imports and
of building the page. The numbers are the kernel's share of a page (``benchmarks/ruang.py``
measures whole pages through the server).

Usage: ``python benchmarks/widget_halaman.py [--modul 01_masalah ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MODUL = ["00_pengantar", "01_masalah", "02_inovasi", "03_indikator", "04_monev",
         "05_replikasi", "06_penutup"]
NIP = "197506171999042901"  # a demo participant with a filled workbook

_ANAK = r"""
import json, sys, time
from collections import Counter
t0 = time.process_time()
from sinovda.forms import {modul} as m
t1 = time.process_time()
import ipywidgets as w
from ipywidgets.widgets import widget as _w
awal = len(_w._instances)
form = m.tampilkan()
t2 = time.process_time()
model = list(_w._instances.values())
jenis = Counter(type(x).__name__ for x in model)
state = w.Widget.get_manager_state(drop_defaults=True)
print(json.dumps({{"model": len(model), "awal": awal, "byte": len(json.dumps(state)),
                  "impor": t1 - t0, "bangun": t2 - t1, "jenis": jenis.most_common(8)}}))
"""


def siapkan(folder: Path) -> None:
    from benchmarks.ruang import siapkan_kelas

    siapkan_kelas(folder)


def ukur(modul: str, kelas: Path) -> dict:
    env = dict(os.environ, SINOVDA_KELAS=str(kelas), SINOVDA_PESERTA=NIP,
               SCRIPT_NAME=f"/voila/render/{modul}.ipynb", MPLBACKEND="Agg")
    kode = _ANAK.format(modul=modul.split("_", 1)[1])
    hasil = subprocess.run([sys.executable, "-c", kode], env=env, capture_output=True,
                           text=True, timeout=300, cwd=ROOT, check=False)
    baris = [b for b in hasil.stdout.splitlines() if b.startswith("{")]
    if not baris:
        raise SystemExit(f"{modul}: gagal\n{hasil.stderr[-2000:]}")
    return json.loads(baris[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modul", nargs="*", default=MODUL)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        siapkan(Path(tmp))
        kelas = Path(tmp) / "kelas"
        total = Counter()
        for modul in args.modul:
            r = ukur(modul, kelas)
            total["model"] += r["model"]
            total["byte"] += r["byte"]
            print(f"{modul:14s} model widget {r['model']:5d}  state {r['byte'] / 1024:7.0f} KB  "
                  f"CPU impor {r['impor']:.2f} s  bangun {r['bangun']:.2f} s  "
                  f"terbanyak {', '.join(f'{n} {j}' for n, j in r['jenis'][:5])}")
        print(f"{'jumlah':14s} model widget {total['model']:5d}  state "
              f"{total['byte'] / 1024:7.0f} KB")


if __name__ == "__main__":
    main()
