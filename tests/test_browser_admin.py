"""The class in the browser, on a real hub (issue 13): Debian chromium + Playwright.

A facilitator, in Admin Kelas (Voila, their own server), imports a roster with a bad row (sees
the message; nothing imported), fixes it, gives a participant a new passcode, restores an
earlier answer, builds reports and certificates and releases results; the participant sees
"belum dirilis" first, then their scores, and downloads their own report; another participant
gets 403 on it. Starts its own ``sinovda hub`` (the fixture of tests/test_hub_kelas.py).
"""

from __future__ import annotations

import os
import re
import time
import zipfile
from pathlib import Path

import pytest
import requests
from conftest import ARGS, CHROMIUM
from test_hub_kelas import FAS, ROOT, A, B, _nyalakan
from test_hub_kelas import hub as hub  # noqa: F401 - the module's hub fixture
from test_report_sertifikat import jawaban_selesai

from sinovda.store import Store

C = "199110182020101902"
KEPALA = "NIP,Nama,Jabatan,OPD,Instansi\n"

pytestmark = [
    pytest.mark.timeout(900), pytest.mark.usefixtures("repo_terbuka"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium Debian tidak terpasang"),
    pytest.mark.skipif(not ROOT, reason="server per akun di hub hanya dapat dijalankan root"),
]


def _masuk(browser, base: str, nama: str, kode: str):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(120_000)
    page.goto(base + "/hub/login")
    page.fill("#username_input", nama)
    page.fill("#password_input", kode)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r".*/(user|hub)/.*"))
    return page


def _pilih(page, label: str, pilihan: str) -> None:
    """Choose ``pilihan`` (its text) in the visible dropdown labelled ``label``."""
    kotak = page.locator(".widget-dropdown:visible").filter(
        has=page.locator(".widget-label", has_text=re.compile(f"^{re.escape(label)}$")))
    kotak.locator("select").select_option(label=pilihan)


def _label_peserta(hub, nip: str) -> str:
    return f"{Store.open(hub.kelas).get_peserta(nip).nama} ({nip})"


def _unggah(page, berkas: Path) -> None:
    """Choose ``berkas`` in the FileUpload button (its file input is not in the page)."""
    with page.expect_file_chooser() as pilih:
        page.locator(".widget-upload").click()
    pilih.value.set_files(str(berkas))


def _lihat(page, teks) -> None:
    """Wait until the page shows ``teks`` (text or regex) anywhere."""
    from playwright.sync_api import expect

    expect(page.locator("body")).to_contain_text(teks, timeout=120_000)


def _tab(page, judul: str) -> None:
    page.locator(".lm-TabBar-tab", has_text=judul).click()


def test_kelas_dari_peramban(hub, tmp_path):
    from playwright.sync_api import sync_playwright

    st = Store.open(hub.kelas)
    for modul, isian in jawaban_selesai().items():  # a finished workbook, scored by the server
        for field, value in isian.items():
            st.save(A, modul, field, value, peran="sistem")
    st.save(A, "masalah", "akar_masalah", "versi pertama")
    st.save(A, "masalah", "akar_masalah", "versi kedua")
    lama = st.history(A, "masalah", "akar_masalah")[1]
    assert lama.value == "versi pertama"
    _nyalakan(hub, hub.login(FAS), FAS)
    _nyalakan(hub, hub.login(A), A)
    buruk = tmp_path / "roster.csv"
    buruk.write_text(KEPALA + f"{C},Citra Dewi,Analis,Bappeda,Kota Denpasar\n"
                     "198513322010011002,Dodi,Staf,Dinkes,Kota Denpasar\n", encoding="utf-8")
    baik = tmp_path / "roster_perbaikan.csv"
    baik.write_text(KEPALA + f"{C},Citra Dewi,Analis,Bappeda,Kota Denpasar\n", encoding="utf-8")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            fas = _masuk(browser, hub.base, FAS, hub.kode[FAS])
            fas.goto(f"{hub.base}/user/{FAS}/")  # lands in the dashboard, which links here
            fas.get_by_role("link", name="Admin Kelas").click()
            fas.get_by_role("button", name="Impor roster").wait_for()
            assert fas.url.endswith(f"/user/{FAS}/voila/render/admin_kelas.ipynb")
            assert "from sinovda" not in fas.inner_text("body")

            # 1. a roster with a bad row: one message naming it, nothing imported
            _unggah(fas, buruk)
            fas.get_by_role("button", name="Impor roster").click()
            _lihat(fas, "roster.csv: 1 masalah, tidak ada peserta yang diimpor")
            _lihat(fas, "baris 3, kolom NIP '198513322010011002'")
            assert Store.open(hub.kelas).get_peserta(C) is None
            # ... fixed and imported
            _unggah(fas, baik)
            fas.get_by_role("button", name="Impor roster").click()
            _lihat(fas, re.compile(r"1 baru"))
            assert Store.open(hub.kelas).get_peserta(C).nama == "Citra Dewi"

            # 2. a new passcode for B: the new one logs in, the old one no longer does
            _pilih(fas, "Akun", _label_peserta(hub, B))
            fas.get_by_role("button", name="Buat kode akses baru").click()
            _lihat(fas, "Unduh slip (PDF)")
            kode = re.search(rf"\({B}\): ([A-Z0-9]{{4}}-[A-Z0-9]{{4}})",
                             fas.inner_text("body")).group(1)
            assert hub.login(B, kode).login_status == 302
            assert hub.login(B, hub.kode[B]).login_status == 403
            hub.kode[B] = kode

            # 3. restore an earlier answer, seeing who saved each revision
            _tab(fas, "Riwayat jawaban")
            _pilih(fas, "Peserta", _label_peserta(hub, A))
            _pilih(fas, "Modul", "01 Identifikasi Masalah")
            _pilih(fas, "Isian", "akar_masalah")
            fas.get_by_role("button", name="Tampilkan riwayat").click()
            _lihat(fas, "versi pertama")
            _pilih(fas, "Revisi", f"{lama.id} ({lama.saved_at[:16].replace('T', ' ')})")
            fas.get_by_role("button", name="Pulihkan revisi ini").click()
            _lihat(fas, re.compile(rf"Revisi {lama.id} dipulihkan"))
            assert Store.open(hub.kelas).load(A, "masalah", "akar_masalah") == "versi pertama"
            assert Store.open(hub.kelas).history(A, "masalah", "akar_masalah")[0].oleh \
                == f"pulihkan:fasilitator:{FAS}"

            # 4. the participant: results not out yet
            pa = _masuk(browser, hub.base, A, hub.kode[A])
            pa.goto(f"{hub.base}/user/{A}/voila/render/hasil_saya.ipynb")
            _lihat(pa, "Hasil belum dirilis")
            assert "0,5" not in pa.inner_text("body")

            # 5. reports and certificates from the browser, then release to the class
            _tab(fas, "Hasil & sertifikat")
            fas.get_by_role("button", name="Buat laporan & sertifikat").click()
            batas = time.monotonic() + 600
            while "Laporan di" not in fas.inner_text("body"):
                assert time.monotonic() < batas, fas.inner_text("body")[-2000:]
                time.sleep(5)
                fas.get_by_role("button", name="Muat ulang").click()
            assert "Sertifikat: 1 peserta memenuhi syarat" in fas.inner_text("body")
            assert "Rekap kelas diperbarui" in fas.inner_text("body")
            fas.get_by_role("button", name="Unduh semua sertifikat (ZIP)").click()
            with fas.expect_download() as unduhan:
                fas.get_by_text("Simpan sertifikat.zip").click()
            with zipfile.ZipFile(unduhan.value.path()) as z:
                assert [n.split("-")[0] for n in z.namelist()] == [A]
            fas.get_by_role("button", name="Rilis ke seluruh kelas").click()
            _lihat(fas, "sudah dirilis ke seluruh kelas")

            # 6. the participant sees their scores and downloads their own report
            pa.get_by_role("button", name="Periksa lagi").click()
            _lihat(pa, "0,5 (sedang)")
            _lihat(pa, "Lanjutkan uji coba.")
            pa.get_by_role("button", name="Unduh laporan saya (PDF)").click()
            with pa.expect_download() as unduhan:
                pa.get_by_text(f"Simpan laporan-{A}.pdf").click()
            assert Path(unduhan.value.path()).read_bytes().startswith(b"%PDF")
            assert unduhan.value.suggested_filename == f"laporan-{A}.pdf"
            gambar = Path(os.environ.get("SINOVDA_GAMBAR_UJI") or tmp_path)  # to look at
            pa.screenshot(path=str(gambar / "hasil_saya.png"), full_page=True)
            _tab(fas, "Riwayat jawaban")
            fas.screenshot(path=str(gambar / "admin_kelas.png"), full_page=True)
        finally:
            browser.close()

    # 7. another participant: 403 on the first one's report and results
    sb = hub.login(B)
    token_b = hub.token(sb, B)
    for jalur in (f"api/hasil/{A}/laporan.pdf", f"api/hasil/{A}/sertifikat.pdf",
                  f"api/hasil/{A}"):
        r = requests.get(hub.layanan + jalur, headers={"Authorization": f"token {token_b}"},
                         timeout=30)
        assert r.status_code == 403, (jalur, r.status_code)
    # and the certificate's code is genuine on the public verification page
    from sinovda.store.admin import DataAdmin

    s = DataAdmin(hub.kelas).sertifikat(A)
    r = requests.get(hub.layanan + "api/verifikasi", params={"kode": s.kode}, timeout=30)
    assert r.status_code == 200 and "ASLI." in r.text
