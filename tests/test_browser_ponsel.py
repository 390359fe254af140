"""A real browser at phone width (390 px) on ``sinovda app``: nothing is cut off.

Issue 9, item 7: at 390 px the USG ranking, stakeholder and capaian tables must reflow or scroll
with a visible cue, and the charts (opened with "Tampilkan grafik") must stay legible. Checked
on the pages a participant fills (modules 01, 03 and 04, a complete workbook from ``conftest``):

- the page itself never scrolls sideways (nothing sticks out of the 390 px screen);
- every table wider than the space it has sits in a box that scrolls sideways, and that box
  says so in words ("Geser ke samping ...") right above the table (in module 03's learning
  material the words stood atop the whole material, which scrolled sideways as one block);
- every chart shown is drawn at least 560 px wide (its words stay readable) in a box that scrolls
  sideways with the same words, instead of being shrunk to the screen.

Debian chromium with Playwright; ``sinovda app`` on a free 127.0.0.1 port, always stopped.
Screenshots of each page go to the test's temporary folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM, NIP_PESERTA, jawaban_lengkap

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium Debian tidak terpasang (/usr/bin/chromium)")

LEBAR = 390
GRAFIK_MIN = 560

# For every table and chart: its width, and the nearest ancestor that scrolls sideways (if any)
# with the text of that box's (or its parent's) ::before cue.
PERIKSA = """() => {
  const kotak = (el) => {
    for (let x = el; x; x = x.parentElement) {
      const ox = getComputedStyle(x).overflowX;
      if (ox === 'auto' || ox === 'scroll') {
        if (x.scrollWidth > x.clientWidth + 1) return x;
      }
    }
    return null;
  };
  const isyarat = (x) => {
    for (let y = x, i = 0; y && i < 2; y = y.parentElement, i++) {
      const c = getComputedStyle(y, '::before').content || '';
      if (c.includes('Geser ke samping')) return true;
    }
    return false;
  };
  const hasil = [];
  const periksa = (el, jenis) => {
    const r = el.getBoundingClientRect();
    if (r.width < 60 || r.height < 20) return;
    const k = kotak(el);
    const jarak = k ? Math.round(r.top - k.getBoundingClientRect().top) : null;
    hasil.push({jenis, lebar: Math.round(r.width), kanan: Math.round(r.right), jarak,
                kiri: Math.round(r.left), gulir: !!k, isyarat: k ? isyarat(k) : false,
                teks: (el.innerText || el.alt || '').slice(0, 60)});
  };
  document.querySelectorAll('table').forEach((t) => periksa(t, 'tabel'));
  document.querySelectorAll('.widget-image').forEach((g) => periksa(g, 'grafik'));
  return {halaman: document.documentElement.scrollWidth, layar: window.innerWidth, hasil};
}"""


def _buka_grafik(page) -> int:
    """Click every "Tampilkan grafik" until none is left; returns how many were opened."""
    dibuka = 0
    for _ in range(8):
        tombol = page.get_by_role("button", name=re.compile("Tampilkan grafik"))
        if tombol.count() == 0:
            break
        tombol.first.click()
        dibuka += 1
        page.wait_for_function(
            "n => document.querySelectorAll('.widget-image').length >= n", arg=dibuka,
            timeout=60_000)
    return dibuka


@pytest.mark.parametrize("modul", ["01_masalah", "03_indikator", "04_monev"])
def test_wide_tables_and_charts_scroll_with_a_cue_at_phone_width(modul, store, app, tmp_path):
    from playwright.sync_api import sync_playwright

    for m, isian in jawaban_lengkap().items():
        if m not in ("masalah", "inovasi", "indikator", "monev"):
            continue
        for kunci, nilai in isian.items():
            store.save(NIP_PESERTA, m, kunci, nilai)
    url, _log = app
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            ctx = browser.new_context(viewport={"width": LEBAR, "height": 844},
                                      device_scale_factor=2, is_mobile=True, has_touch=True)
            page = ctx.new_page()
            page.set_default_timeout(120_000)
            page.goto(f"{url}/voila/render/{modul}.ipynb")
            page.wait_for_selector(".sinovda-navigasi", timeout=120_000)
            assert _buka_grafik(page) >= (0 if modul == "03_indikator" else 1)
            page.wait_for_timeout(1000)
            hasil = page.evaluate(PERIKSA)
            page.screenshot(path=str(tmp_path / f"ponsel-{modul}.png"))
        finally:
            browser.close()

    assert hasil["layar"] == LEBAR
    assert hasil["halaman"] <= LEBAR, f"halaman bergeser ke samping: {hasil['halaman']} px"
    tabel = [h for h in hasil["hasil"] if h["jenis"] == "tabel"]
    grafik = [h for h in hasil["hasil"] if h["jenis"] == "grafik"]
    assert tabel and (grafik or modul == "03_indikator")
    for h in tabel:
        if h["kanan"] > LEBAR:  # wider than the screen: it must scroll, and say so
            assert h["gulir"] and h["isyarat"], f"tabel terpotong tanpa isyarat: {h}"
            # the words stand right above the table, not atop a long section that holds it
            assert h["jarak"] <= 60, f"isyarat geser jauh dari tabelnya: {h}"
    for h in grafik:
        assert h["lebar"] >= GRAFIK_MIN, f"grafik diperkecil hingga sulit dibaca: {h}"
        assert h["gulir"] and h["isyarat"], f"grafik terpotong tanpa isyarat: {h}"
