"""A real browser on ``sinovda app`` as a participant in a room would use it.

- the root address is the Indonesian course map (module titles, no file names, no facilitator or
  report notebook), and links open module pages in the same tab; every module page ends with
  "Modul berikutnya" and "Kembali ke peta kursus";
- two browsers choose two different participants and each keeps its own;
- nothing is fetched from outside 127.0.0.1 (every other request is blocked and fails the test),
  and no request fails;
- pages closed (or a browser killed) leave no kernel behind;
- at phone width (390 px) the course map and a module page fit, wide content scrolls in its box.

Debian chromium with Playwright; servers on free 127.0.0.1 ports, always stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import psutil
import pytest
from conftest import ARGS, CHROMIUM, NIP_PESERTA, port_bebas

from sinovda import paths
from sinovda.domain.peserta import Peserta

NIP_KEDUA = "199110182020101902"
KEDUA = Peserta(NIP_KEDUA, "Bambang Tri Atmojo", opd="DPMPTSP")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium Debian tidak terpasang (/usr/bin/chromium)")


def _kernel(pid: int) -> list[psutil.Process]:
    """The kernels started by the server ``pid``."""
    hasil = []
    for anak in psutil.Process(pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(anak.cmdline()):
                hasil.append(anak)
        except psutil.NoSuchProcess:
            pass
    return hasil


def _tunggu_kernel(pid: int, jumlah: int, batas: float) -> int:
    akhir = time.monotonic() + batas
    n = len(_kernel(pid))
    while n != jumlah and time.monotonic() < akhir:
        time.sleep(0.5)
        n = len(_kernel(pid))
    return n


def _kernel_siaga(pid: int) -> int:
    """Wait (bounded) until the server's pools of preheated kernels are full (one kernel per
    course module with the shipped settings): the baseline kernel count."""
    from sinovda.data.content import load_kursus
    from sinovda.data.ruang import load_ruang

    penuh = len(load_kursus().modul) * load_ruang().kernel_siaga_per_modul
    assert _tunggu_kernel(pid, penuh, 180) == penuh
    time.sleep(1)
    return len(_kernel(pid))


def _modul_cepat(tmp_path: Path) -> Path:
    """A copy of ``modul/`` whose app settings cull an unconnected kernel after 4 s."""
    folder = tmp_path / "modul"
    shutil.copytree(paths.MODUL_DIR, folder)
    teks = (folder / "pengaturan.yaml").read_text(encoding="utf-8")
    teks = re.sub(r"kernel_menganggur_detik: \d+\n  periksa_detik: \d+",
                  "kernel_menganggur_detik: 4\n  periksa_detik: 1", teks)
    assert "kernel_menganggur_detik: 4\n  periksa_detik: 1" in teks
    (folder / "pengaturan.yaml").write_text(teks, encoding="utf-8")
    return folder


@pytest.fixture
def app(kelas, store, jalankan_sinovda, tmp_path):
    store.upsert_peserta([KEDUA])
    env = dict(os.environ, SINOVDA_MODUL=str(_modul_cepat(tmp_path)))
    port = port_bebas()
    proc, url, log = jalankan_sinovda(["app", "--kelas", str(kelas), "--port", str(port),
                                       "--no-browser"], env, siap="/", batas=90)
    return proc, url, log


class Jaringan:
    """Blocks every request not to 127.0.0.1 and records blocked and failed requests."""

    def __init__(self) -> None:
        self.diblokir: list[str] = []
        self.gagal: list[str] = []

    def pasang(self, context) -> None:
        def rute(route) -> None:
            u = route.request.url
            if re.match(r"^(https?|wss?)://127\.0\.0\.1[:/]", u) or u.startswith("data:"):
                route.continue_()
            else:
                self.diblokir.append(u)
                route.abort()

        context.route("**/*", rute)
        context.on("requestfailed", lambda r: self.gagal.append(
            f"{r.url} {r.failure}") if "/api/shutdown/" not in r.url else None)
        context.on("response", lambda r: self.gagal.append(f"{r.status} {r.url}")
                   if r.status >= 400 else None)


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


def _buka_modul(page, url: str) -> None:
    page.set_default_timeout(120_000)  # a loaded 2-core machine: slow, but the page comes whole
    page.goto(url)
    page.wait_for_selector(".sinovda-navigasi", timeout=90_000)


def _pilih(page, nip: str) -> None:
    kotak = page.get_by_placeholder("atau ketik NIP Anda (18 digit)")
    kotak.fill(nip)
    page.get_by_role("button", name="Pilih", exact=True).click()
    page.get_by_text("Selamat datang").wait_for(timeout=60_000)


def test_course_map_navigation_identity_per_browser_offline(app, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    proc, url, _log = app
    jaringan = Jaringan()
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            a = browser.new_context()
            b = browser.new_context()
            for c in (a, b):
                jaringan.pasang(c)
            pa, pb = a.new_page(), b.new_page()
            pa.set_default_timeout(90_000)
            pb.set_default_timeout(90_000)

            # The root is the course map: titles, no file names, no facilitator notebooks.
            pa.goto(url + "/")
            teks = pa.inner_text("body")
            assert "Peta kursus" in teks and "Identifikasi Masalah" in teks
            assert ".ipynb" not in teks and "Select items" not in teks
            assert "dasbor" not in teks.lower() and "penilaian" not in teks.lower()
            assert "Peserta belum dipilih di peramban ini" in teks
            hrefs = pa.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('target'))")
            assert set(hrefs) <= {None, "_self"}  # same tab
            # Facilitator and report notebooks are not served to participants.
            for nb in ("dasbor_fasilitator.ipynb", "penilaian.ipynb", "laporan_peserta.ipynb"):
                r = pa.request.get(f"{url}/voila/render/{nb}")
                assert r.status == 404 and "Halaman tidak ditemukan" in r.text()
                r = pa.request.get(f"{url}/voila/files/{nb}")  # nor fetched as a file
                assert r.status == 404 and "Halaman tidak ditemukan" in r.text()

            # Browser A follows the map to module 00 and chooses the class participant.
            pa.get_by_role("link", name="Pengantar dan Pre-test").first.click()
            pa.wait_for_selector(".sinovda-navigasi")
            assert pa.title() == "00 · Pengantar dan Pre-test"
            _pilih(pa, NIP_PESERTA)
            # Browser B chooses another participant.
            _buka_modul(pb, url + "/voila/render/00_pengantar.ipynb")
            _pilih(pb, NIP_KEDUA)

            # A's next module still shows A's participant; B's shows B's.
            pa.get_by_role("link", name=re.compile("Modul berikutnya: 01")).click()
            pa.wait_for_selector(".sinovda-navigasi")
            assert pa.url.endswith("/voila/render/01_masalah.ipynb") and len(a.pages) == 1
            expect(pa.get_by_text("Ni Luh Putu Ayu Wédari").first).to_be_visible()
            assert "Bambang" not in pa.inner_text("body")
            _buka_modul(pb, url + "/voila/render/01_masalah.ipynb")
            assert "Bambang Tri Atmojo" in pb.inner_text("body")
            assert "Wédari" not in pb.inner_text("body")

            # Every module page ends with the two links; the last module has no "next".
            nav = pa.locator(".sinovda-navigasi")
            expect(nav.get_by_text("Kembali ke peta kursus")).to_be_visible()
            _buka_modul(pa, url + "/voila/render/06_penutup.ipynb")
            assert pa.locator(".sinovda-berikut").count() == 0
            pa.get_by_role("link", name=re.compile("Kembali ke peta kursus")).click()
            pa.wait_for_url(url + "/")
            peta = pa.inner_text("body")
            assert "Ni Luh Putu Ayu Wédari" in peta and "Kemajuan keseluruhan" in peta
            assert "Bambang" not in peta
            assert "Bambang Tri Atmojo" in (pb.goto(url + "/") and pb.inner_text("body"))
        finally:
            browser.close()
    assert jaringan.diblokir == [], f"permintaan keluar 127.0.0.1: {jaringan.diblokir}"
    assert jaringan.gagal == [], f"permintaan gagal: {jaringan.gagal}"


@pytest.fixture
def app_bawaan(kelas, jalankan_sinovda):
    """``sinovda app`` with the shipped settings (an unconnected kernel is culled after 60 s)."""
    port = port_bebas()
    env = dict(os.environ, SINOVDA_PESERTA=NIP_PESERTA)
    proc, url, _log = jalankan_sinovda(["app", "--kelas", str(kelas), "--port", str(port),
                                        "--no-browser"], env, siap="/", batas=90)
    return proc, url


def test_closing_a_tab_shuts_its_kernel_down_at_once(app_bawaan):
    from playwright.sync_api import sync_playwright

    proc, url = app_bawaan
    awal = _kernel_siaga(proc.pid)
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            ctx = browser.new_context()
            for nb in ("00_pengantar", "01_masalah", "02_inovasi", "01_masalah"):
                page = ctx.new_page()
                _buka_modul(page, f"{url}/voila/render/{nb}.ipynb")
                page.close(run_before_unload=True)
                # Voila's shutdown call on tab close is accepted: gone long before culling (60 s).
                assert _tunggu_kernel(proc.pid, awal, 15) == awal
        finally:
            browser.close()


def _bunuh_chromium() -> int:
    """Kill this test's chromium processes (a browser that dies without closing its pages)."""
    n = 0
    for anak in psutil.Process().children(recursive=True):
        try:
            if "chrom" in anak.name():
                anak.kill()
                n += 1
        except psutil.NoSuchProcess:
            pass
    return n


def test_kernels_of_a_killed_browser_are_culled(app):
    from playwright.sync_api import sync_playwright

    proc, url, _log = app
    awal = _kernel_siaga(proc.pid)
    with sync_playwright() as p:
        browser = _browser(p)
        ctx = browser.new_context()
        for nb in ("03_indikator", "04_monev"):
            _buka_modul(ctx.new_page(), f"{url}/voila/render/{nb}.ipynb")
        assert _tunggu_kernel(proc.pid, awal + 2, 60) == awal + 2  # the pools refilled
        assert _bunuh_chromium() > 0
        try:
            browser.close()
        except Exception:  # noqa: BLE001 - the browser is already dead
            pass
    # No shutdown call came; the kernels no browser is connected to are culled (4 s here).
    assert _tunggu_kernel(proc.pid, awal, 40) == awal
