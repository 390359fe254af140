"""Form inputs in a real browser (``sinovda app``, Debian chromium): text areas in the UI font with
their whole border visible, dropdowns opening on "— pilih —".

Starts ``sinovda app`` (Voila) on a free 127.0.0.1 port for a temporary class; always stopped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium Debian tidak terpasang (/usr/bin/chromium)")


def test_text_areas_use_the_ui_font_whole_border_and_dropdowns_a_placeholder(app, tmp_path):
    from playwright.sync_api import sync_playwright

    url, _log = app
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.set_default_timeout(90_000)
            page.goto(f"{url}/voila/render/01_masalah.ipynb")
            page.wait_for_selector(".snv-teks textarea")
            kotak = page.locator(".snv-teks textarea").last
            huruf = kotak.evaluate("e => getComputedStyle(e).fontFamily")
            assert "monospace" not in huruf.lower(), huruf
            # the whole box, border included, lies inside its widget: nothing cut off
            kotak_box = kotak.evaluate(
                "e => { const a = e.getBoundingClientRect(); "
                "const b = e.closest('.widget-textarea').getBoundingClientRect(); "
                "return [a.left - b.left, b.right - a.right]; }")
            assert kotak_box[0] >= 0 and kotak_box[1] >= 0, kotak_box
            pilih = page.locator("select").first
            teks = pilih.evaluate("e => e.options[e.selectedIndex].text")
            assert teks.replace("\u00a0", " ") == "— pilih —"  # ipywidgets uses nbsp
            kotak.fill("Petugas loket hanya dua orang, SOP antrean belum ada")
            kotak.scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "modul01.png"))  # for a look by hand
        finally:
            browser.close()
