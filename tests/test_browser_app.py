"""A real browser on ``sinovda app``: type an answer, see it saved, reload, find it again; no code.

Starts ``sinovda app`` (Voila) on a free 127.0.0.1 port for a temporary class with one
participant and drives Debian chromium with Playwright. The server is always stopped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM, NIP_PESERTA

MODUL = "01_masalah.ipynb"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium Debian tidak terpasang (/usr/bin/chromium)")


def _halaman(browser, url):
    page = browser.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{url}/voila/render/{MODUL}")
    page.wait_for_selector("textarea")
    return page


def test_an_answer_typed_in_the_app_is_saved_and_shown_after_reload(app, store):
    from playwright.sync_api import expect, sync_playwright

    url, log = app
    jawaban = "Belum ada SOP layanan <izin> & petugas loket hanya dua orang"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = _halaman(browser, url)
            teks = page.inner_text("body")
            assert "from sinovda" not in teks and "tampilkan()" not in teks
            assert page.locator(".jp-InputPrompt:visible, .jp-InputArea-editor:visible,"
                                " .CodeMirror:visible, .cm-editor:visible").count() == 0
            kotak = page.locator("textarea").last
            kotak.fill(jawaban)
            kotak.blur()
            expect(page.get_by_text(re.compile(r"^Tersimpan \d"))).to_have_count(
                1, timeout=30_000)
            assert store.load(NIP_PESERTA, "masalah", "akar_masalah") == jawaban

            page.reload()
            page.wait_for_selector("textarea")
            expect(page.locator("textarea").last).to_have_value(jawaban, timeout=60_000)
            assert "from sinovda" not in page.inner_text("body")
        finally:
            browser.close()
    assert store.load(NIP_PESERTA, "masalah", "akar_masalah") == jawaban
    assert len(store.history(NIP_PESERTA, "masalah", "akar_masalah")) == 1
