"""A preheated kernel that waited longer than the page's output wait still gives a whole page.

Found walking the course on a fresh clone (``sinovda app --kelas kelas-demo``): each course
module keeps a preheated kernel waiting in its first cell (``halaman.tunggu_permintaan``) for
the request. Voila runs that cell under ``VoilaExecutor.timeout`` (``app.tunggu_keluaran_detik``,
300 s shipped). A kernel nobody asked for within that time has its cell aborted; the next
participant who opens the module gets that kernel's page: the title, no form, and Voila's
English "Cell execution timed out, aborting notebook execution. Please run Voila with
--VoilaExecutor.interrupt_on_timeout=True ...". With the shipped settings: start the app, wait
five minutes (a break, a long read of module 00), open any module.

Here the wait is cut to 20 s (a copy of ``modul/`` for the app) so the test runs in a minute:
the pools fill, 45 s pass without a page, then each of two modules must arrive with its form.

The fix: a waiting kernel older than ``voila_app.umur_siaga_maks`` (a margin before the cell
time limit) is replaced by a fresh one (``KolamRuang``).

No browser is needed: the page's HTML is read over HTTP (the form's widget views are
in the streamed page); the server runs on a free 127.0.0.1 port and is always stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import urllib.request
from pathlib import Path

import psutil
from conftest import port_bebas

from sinovda import paths

TUNGGU = 20


def _modul_tunggu_singkat(tmp_path: Path) -> Path:
    folder = tmp_path / "modul"
    shutil.copytree(paths.MODUL_DIR, folder)
    berkas = folder / "pengaturan.yaml"
    teks = berkas.read_text(encoding="utf-8")
    baru = re.sub(r"tunggu_keluaran_detik: \d+", f"tunggu_keluaran_detik: {TUNGGU}", teks)
    assert baru != teks
    berkas.write_text(baru, encoding="utf-8")
    return folder


def _kernel(pid: int) -> int:
    n = 0
    for anak in psutil.Process(pid).children(recursive=True):
        try:
            n += "ipykernel" in " ".join(anak.cmdline())
        except psutil.NoSuchProcess:
            pass
    return n


def test_a_module_opened_after_the_output_wait_arrives_whole(kelas, jalankan_sinovda, tmp_path):
    env = dict(os.environ, SINOVDA_MODUL=str(_modul_tunggu_singkat(tmp_path)))
    port = port_bebas()
    proc, url, log = jalankan_sinovda(["app", "--kelas", str(kelas), "--port", str(port),
                                       "--no-browser"], env, siap="/", batas=90)
    akhir = time.monotonic() + 180
    while _kernel(proc.pid) < 7 and time.monotonic() < akhir:  # one per course module
        time.sleep(0.5)
    time.sleep(TUNGGU + 25)  # every waiting kernel has now waited longer than the output wait
    for modul in ("01_masalah", "04_monev"):
        with urllib.request.urlopen(f"{url}/voila/render/{modul}.ipynb", timeout=180) as r:
            html = r.read().decode("utf-8", "replace")
        assert "Cell execution timed out" not in html, f"{modul}: halaman tanpa formulir"
        assert "application/vnd.jupyter.widget-view+json" in html, f"{modul}: tanpa formulir"


def test_umur_siaga_maks_leaves_a_margin_before_the_cell_limit():
    from sinovda.cli.voila_app import umur_siaga_maks

    assert umur_siaga_maks(300) == 225  # shipped: replaced after 3 min 45 s of waiting
    assert umur_siaga_maks(20) == 10
    assert umur_siaga_maks(3600) == 2700
