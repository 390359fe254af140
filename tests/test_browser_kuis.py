"""A real browser on ``sinovda app``: a module page ends with its quiz, a click gets the
explanation at once and is stored; the pre-test in module 00 shows the score after Kirim and no
key. Debian chromium with Playwright; the server is always stopped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM, NIP_PESERTA

from sinovda.data import content

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium Debian tidak terpasang (/usr/bin/chromium)")


@pytest.fixture
def app(app):
    url, _log = app
    return url


def test_quiz_feedback_and_pretest_without_key_in_the_browser(app, store, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    soal = next(s for s in content.soal_kuis("masalah") if s.id == "m01-03")
    salah = next(h for h, _ in soal.pilihan if h != soal.kunci)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(90_000)
            page.goto(f"{app}/voila/render/01_masalah.ipynb")
            page.wait_for_selector("text=Kuis modul")
            page.get_by_text(f"{salah}. {soal.opsi[salah]}", exact=True).click()
            umpan = page.get_by_text("Belum tepat.")
            expect(umpan).to_have_count(1, timeout=60_000)
            assert f"Jawaban yang benar: {soal.kunci}." in page.inner_text("body")
            umpan.scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "kuis.png"))
            assert store.load(NIP_PESERTA, "masalah", "kuis") == {soal.id: salah}

            page.goto(f"{app}/voila/render/00_pengantar.ipynb")
            page.wait_for_selector("text=Kirim jawaban")
            kirim = page.get_by_role("button", name="Kirim jawaban")
            kirim.click()  # nothing answered: asked once
            expect(page.get_by_text("soal yang belum dijawab")).to_have_count(1, timeout=60_000)
            kirim.click()
            expect(page.get_by_text("Pre-test terkirim.")).to_have_count(1, timeout=60_000)
            teks = page.inner_text("body")
            assert "Kunci jawaban dan pembahasan dibuka setelah" in teks
            tes = set(content.soal_tes())
            assert "Jawaban yang benar" not in teks.split("Kuis modul")[0]
            for sid, k in content.load_kunci_tes().items():
                assert sid in tes and k.pembahasan[:40] not in teks
            page.get_by_text("Pre-test terkirim.").first.scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "pretest.png"))
        finally:
            browser.close()
    assert store.load(NIP_PESERTA, "pengantar", "pretest_selesai") is True
    assert store.load(NIP_PESERTA, "pengantar", "pretest_skor")["nilai"] == 0.0
    if os.environ.get("SINOVDA_SIMPAN_GAMBAR"):  # by hand: keep the screenshots to look at
        import shutil

        for nama in ("kuis.png", "pretest.png"):
            shutil.copy(tmp_path / nama, Path(os.environ["SINOVDA_SIMPAN_GAMBAR"]) / nama)
