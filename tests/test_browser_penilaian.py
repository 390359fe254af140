"""A real browser on the trainer's grading page: override, comment, out-of-range, next participant.

Starts ``sinovda lab`` on a free 127.0.0.1 port for a temporary class with two participants
(one with a plan, one without), opens ``notebooks/penilaian.ipynb`` code-free through Voila
(``/voila/render/...``, the server extension of the same JupyterLab) and drives Debian chromium
with Playwright at 1366 x 768. The server is always stopped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM, port_bebas

from sinovda.domain.peserta import Peserta
from sinovda.store import Store

TOKEN = "uji-penilaian"
ANI, BUDI = "198503152010011001", "197506171999042901"
KEBARUAN = "Kebaruan dan kemanfaatan inovasi"
RA = {
    "permasalahan": "Antrean panjang di loket izin usaha mikro setiap Senin pagi",
    "inovasi": "Loket daring", "opd": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "target_waktu": "Desember 2027", "indikator_keberhasilan": "IK1 Rata-rata waktu layanan",
    "jangka_pendek": "Uji coba di satu kecamatan dengan dua petugas",
    "jangka_menengah": "Semua kecamatan melayani izin usaha mikro secara daring",
    "jangka_panjang": "Terhubung dengan Mal Pelayanan Publik dan OSS",
}
IND = {"kode": "IK1", "nama": "Rata-rata waktu layanan", "level": "outcome", "satuan": "hari",
       "polaritas": "negatif", "baseline": 10, "target": {"2027": 5}, "sumber_data": "SIMPEL",
       "penanggung_jawab": "Bidang Pelayanan", "agregasi": "posisi", "iku": ""}

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium Debian tidak terpasang (/usr/bin/chromium)")


def _tunggu(page, f, detik: float = 30):
    """Poll ``f()`` (a store read) until it is truthy; the kernel saves asynchronously."""
    for _ in range(int(detik * 4)):
        hasil = f()
        if hasil:
            return hasil
        page.wait_for_timeout(250)
    raise AssertionError("tidak tersimpan dalam batas waktu")


@pytest.fixture
def kelas_penilaian(tmp_path: Path) -> Path:
    folder = tmp_path / "kelas"
    st = Store.create(folder, nama="Kelas Penilaian")
    st.upsert_peserta([Peserta(ANI, "Ani Rahmawati"), Peserta(BUDI, "Budi Santoso")])
    st.save(ANI, "masalah", "isu", [{"judul": "Antrean panjang di loket izin"}])
    st.save(ANI, "masalah", "isu_inti", "Antrean panjang di loket izin")
    st.save(ANI, "inovasi", "inovasi", {"nama": "Loket daring"})
    st.save(ANI, "inovasi", "rencana_aksi", [RA])
    st.save(ANI, "indikator", "indikator", [IND])
    st.save(BUDI, "masalah", "isu_inti", "Data tidak sinkron")  # a core issue, no plan
    st.close()
    return folder


@pytest.fixture
def lab(kelas_penilaian, jalankan_sinovda):
    env = dict(os.environ, JUPYTER_TOKEN=TOKEN)
    env.pop("SINOVDA_STORE_URL", None)
    port = port_bebas()
    _, url, log = jalankan_sinovda(["lab", "--kelas", str(kelas_penilaian), "--port", str(port),
                                    "--no-browser"], env, siap="/api", batas=90)
    return url, kelas_penilaian


def test_pelatih_menilai_kelas_di_peramban(lab, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, kelas = lab
    st = Store.open(kelas)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.set_default_timeout(90_000)
            page.goto(f"{url}/voila/render/penilaian.ipynb?token={TOKEN}")
            expect(page.get_by_text("Peserta 1 dari 2")).to_be_visible(timeout=120_000)
            teks = page.inner_text("body")
            assert "from sinovda" not in teks and "tampilkan()" not in teks
            assert "Belum selesai dinilai: 2 dari 2 peserta." in teks
            assert "Nilai rubrik = jumlah (bobot x (skor - skor terendah)" in teks

            # the plan beside the rubric: every column readable inside the 1366 px window
            for label in ("Tonggak jangka menengah", "Tonggak jangka panjang", "Permasalahan"):
                kotak = page.locator(".snv-ra th", has_text=label).first.bounding_box()
                assert kotak and kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 1366
            for dd in page.locator(".snv-ra td").all():
                kotak = dd.bounding_box()
                assert kotak and kotak["x"] + kotak["width"] <= 1366, dd.inner_text()
            page.screenshot(path=str(tmp_path / "penilaian-1366.png"), full_page=True)

            # override an automatic score with a comment
            skor = page.locator(".snv-skor-kelengkapan_ra input")
            skor.fill("2")
            skor.press("Tab")
            komentar = page.locator(".snv-komentar-kelengkapan_ra textarea")
            komentar.fill("Target waktu belum bertanggal")
            komentar.press("Tab")
            expect(page.get_by_text(re.compile(r"^Tersimpan \d"))).to_be_visible(timeout=30_000)
            expect(page.get_by_text(re.compile(
                r"Target waktu belum bertanggal\. Program mengukur: 8 dari 8 sel terisi"))
            ).to_be_visible(timeout=30_000)
            tersimpan = _tunggu(page, lambda: (r := st.load(ANI, "penilaian", "rubrik"))
                                and r.get("kelengkapan_ra", {}).get("komentar") and r)
            assert tersimpan["kelengkapan_ra"] == {"skor": 2,
                                                   "komentar": "Target waktu belum bertanggal"}

            # a score out of range is refused at its field; nothing stored
            kebaruan = page.locator(".snv-skor-kebaruan input")
            kebaruan.fill("3")
            kebaruan.press("Tab")
            sebelum = _tunggu(page, lambda: (st.load(ANI, "penilaian", "rubrik") or {}).get(
                "kebaruan") and st.load(ANI, "penilaian", "rubrik"))
            assert sebelum["kebaruan"]["skor"] == 3
            expect(page.get_by_text("Skor pelatih: 3", exact=True)).to_be_visible()
            kebaruan.fill("7")
            kebaruan.press("Tab")
            pesan = page.locator(".snv-galat-kebaruan")
            expect(pesan).to_contain_text(
                f"Skor '{KEBARUAN}' harus angka 1 sampai 4; '7' ditolak.", timeout=30_000)
            expect(kebaruan).to_have_value("3", timeout=30_000)  # the stored value again
            assert st.load(ANI, "penilaian", "rubrik") == sebelum

            # the next participant in roster order: no plan, so nothing is scored automatically
            page.locator("button.snv-berikutnya").click()
            expect(page.get_by_text("Peserta 2 dari 2")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Rencana aksi belum diisi.")).to_be_visible()
            expect(page.locator(".snv-skor-kebaruan input")).to_have_value("")
            assert "Belum dapat dinilai otomatis: rencana aksi belum diisi" in page.inner_text(
                "body")
            page.locator("button.snv-sebelumnya").click()
            expect(page.get_by_text("Peserta 1 dari 2")).to_be_visible(timeout=30_000)
            expect(page.locator(".snv-skor-kebaruan input")).to_have_value("3")
        finally:
            browser.close()
            st.close()
