"""Under a real ``sinovda hub``: a participant's page kernel is forked from the kernel template
their server started before the request (``sinovda.cli.penyedia_kernel``, issue 9).

Starts its own hub (``jalankan_hub`` of tests/test_hub_kelas.py; run under
``flock /tmp/sinovda-hub.lock``). As root, each participant's server runs as its own system user,
whose processes are inspected: the template (``python -P -m sinovda.cli.templat_kernel``), the
page's kernel (``ipykernel-tempa``, the template's child), and after the page the server back to
its warm state (template alive, no kernel). A template that died costs no page.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import psutil
import pytest
from conftest import ARGS, CHROMIUM, masuk_peramban
from test_hub_kelas import ROOT, A, jalankan_hub

from sinovda.hub import sistem

pytestmark = [pytest.mark.timeout(300), pytest.mark.usefixtures("repo_terbuka"),
              pytest.mark.skipif(not ROOT, reason="akun sistem terpisah hanya bisa dibuat root"),
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium tidak terpasang")]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    yield from jalankan_hub(tmp_path_factory)


def _proses(nama_os: str) -> list[psutil.Process]:
    hasil = []
    for p in psutil.process_iter(["username", "cmdline", "name"]):
        if p.info["username"] == nama_os:
            hasil.append(p)
    return hasil


def _templat(nama_os: str) -> psutil.Process:
    """The template of ``nama_os``'s server, once it waits for requests (imports done)."""
    batas = time.monotonic() + 90
    while True:
        calon = [p for p in _proses(nama_os) if p.info["name"] != "ipykernel-tempa"
                 and "sinovda.cli.templat_kernel" in " ".join(p.info["cmdline"] or ())]
        if len(calon) == 1:
            t = calon[0]
            cpu = sum(t.cpu_times()[:2])
            time.sleep(1.0)
            if t.status() == psutil.STATUS_SLEEPING and sum(t.cpu_times()[:2]) == cpu:
                return t
        assert time.monotonic() < batas, f"templat kernel {nama_os} tidak siap: {calon}"
        time.sleep(0.5)


def _kernel(nama_os: str) -> list[psutil.Process]:
    return [p for p in _proses(nama_os) if p.info["name"] == "ipykernel-tempa"
            or "ipykernel_launcher" in " ".join(p.info["cmdline"] or ())]


def _tunggu_tanpa_kernel(nama_os: str) -> None:
    batas = time.monotonic() + 60
    while _kernel(nama_os):
        assert time.monotonic() < batas, "kernel halaman masih hidup setelah ditutup"
        time.sleep(0.3)


def test_kernel_halaman_ditempa_dari_templat_server_peserta(hub):
    """In a real browser: module 01 shows the server's own participant, from a kernel forked by
    the template that was waiting before the request; leaving the page leaves the template
    alone (warm for the next page); a killed template costs no page."""
    from playwright.sync_api import expect, sync_playwright

    u = f"{hub.base}/user/{A}"
    nama_os = sistem.akun_os(A, "peserta")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                page = browser.new_page()
                page.set_default_timeout(120_000)
                masuk_peramban(page, hub.base, A, hub.kode[A], rf".*/user/{A}/$")
                templat = _templat(nama_os)
                server = templat.parent()
                perintah = " ".join(server.cmdline())  # the participant's Jupyter server
                assert "singleuser" in perintah or "server_peserta" in perintah, perintah
                assert templat.uids().real == server.uids().real  # the participant's user
                assert not _kernel(nama_os)  # before the page only the template is warm
                sebelum = time.time()
                page.goto(f"{u}/voila/render/01_masalah.ipynb")
                # the participant shown is the one whose server it is (bound at the request)
                expect(page.get_by_text("Ani Lestari")).not_to_have_count(0)
                assert "Budi" not in page.inner_text("body")
                (k,) = _kernel(nama_os)
                assert k.info["name"] == "ipykernel-tempa" and k.ppid() == templat.pid
                assert templat.create_time() < sebelum <= k.create_time() + 1
                page.goto(u + "/")  # leaving the page shuts its kernel down
                _tunggu_tanpa_kernel(nama_os)
                # back to the warm state: the same template waits for the next page
                assert _templat(nama_os).pid == templat.pid
                # the template killed: the next page arrives whole from a normal kernel start
                templat.send_signal(signal.SIGKILL)
                batas = time.monotonic() + 10
                while psutil.pid_exists(templat.pid):  # reaped by its server at once
                    assert time.monotonic() < batas, "templat yang mati tidak dipanen server"
                    time.sleep(0.2)
                page.goto(f"{u}/voila/render/01_masalah.ipynb")
                expect(page.get_by_text("Ani Lestari")).not_to_have_count(0)
                (k,) = _kernel(nama_os)
                assert k.ppid() == server.pid and "ipykernel_launcher" in " ".join(k.cmdline())
                page.goto(u + "/")
                _tunggu_tanpa_kernel(nama_os)
            finally:
                browser.close()
    finally:
        s = hub.login(A)
        s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)
    # the server stopped: neither template nor kernel outlives it
    batas = time.monotonic() + 30
    while _proses(nama_os):
        assert time.monotonic() < batas, [p.info for p in _proses(nama_os)]
        time.sleep(0.5)
