"""Hasil saya in ``sinovda app`` (one machine): from the course map, before and after release.

Debian chromium with Playwright on a free 127.0.0.1 port; the server is always stopped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM, NIP_PESERTA, port_bebas
from test_report_sertifikat import jawaban_selesai

from sinovda.report.sertifikat import tulis_sertifikat_kelas
from sinovda.store.admin import DataAdmin

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium Debian tidak terpasang (/usr/bin/chromium)")


def test_hasil_saya_dari_peta_kursus(kelas, store, jalankan_sinovda):
    from playwright.sync_api import expect, sync_playwright

    for modul, isian in jawaban_selesai().items():
        for field, value in isian.items():
            store.save(NIP_PESERTA, modul, field, value, peran="sistem")
    tulis_sertifikat_kelas(kelas, kelas / "laporan")
    env = dict(os.environ, SINOVDA_PESERTA=NIP_PESERTA)
    _, url, _ = jalankan_sinovda(["app", "--kelas", str(kelas), "--port", str(port_bebas()),
                                  "--no-browser"], env, siap="/", batas=90)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.set_default_timeout(120_000)
            page.goto(url + "/")
            page.get_by_role("link", name="Hasil saya").click()
            expect(page.locator("body")).to_contain_text("Hasil belum dirilis", timeout=120_000)
            assert page.url.endswith("/voila/render/hasil_saya.ipynb")
            DataAdmin(kelas).rilis([NIP_PESERTA], "fasilitator:uji")
            page.get_by_role("button", name="Periksa lagi").click()
            expect(page.locator("body")).to_contain_text("0,5 (sedang)", timeout=120_000)
            assert "from sinovda" not in page.inner_text("body")
            page.get_by_role("button", name="Unduh sertifikat (PDF)").click()
            with page.expect_download() as unduhan:
                page.get_by_text(f"Simpan sertifikat-{NIP_PESERTA}.pdf").click()
            assert Path(unduhan.value.path()).read_bytes().startswith(b"%PDF")
        finally:
            browser.close()
