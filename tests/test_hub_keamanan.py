"""Issue 8 on a real hub: what a participant tries, and its refusal.

Starts its own ``sinovda hub`` (``jalankan_hub`` of tests/test_hub_kelas.py) with a copy of
``modul/`` whose ``masuk:`` has no reply delay (``jeda_detik: 0``), so 30 wrong logins and the
timing comparison run quickly (the lockout itself is the shipped rule, 10 failures), and kernels
of closed pages are culled after 8 seconds instead of a minute.
As root each account's server runs as its own system user (the participant-server tests need it).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests
import yaml
from conftest import ARGS, CHROMIUM
from test_hub_kelas import FAS, ROOT, A, B, _nyalakan, jalankan_hub

from sinovda import paths
from sinovda.cli.main import main
from sinovda.hub import sistem

pytestmark = [pytest.mark.timeout(300), pytest.mark.usefixtures("repo_terbuka")]
perlu_root = pytest.mark.skipif(not ROOT, reason="akun sistem terpisah hanya bisa dibuat root")
SALAH = "SALA-HKOD"


@pytest.fixture(scope="module")
def modul_uji():
    folder = Path(tempfile.mkdtemp(prefix="sinovda-uji-modul-", dir="/tmp"))
    os.chmod(folder, 0o755)  # participants' servers read modul/ too
    modul = folder / "modul"
    shutil.copytree(paths.MODUL_DIR, modul)
    berkas = modul / "pengaturan.yaml"
    data = yaml.safe_load(berkas.read_text(encoding="utf-8"))
    data["masuk"].update(jeda_detik=0, gagal_maks=10, gagal_maks_alamat=500)
    data.setdefault("app", {}).update(kernel_menganggur_detik=8, periksa_detik=2)
    berkas.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    yield modul
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def hub(tmp_path_factory, modul_uji):
    yield from jalankan_hub(tmp_path_factory, {"SINOVDA_MODUL": str(modul_uji)})


class Formulir:
    """One browser session on the login page: post (name, passcode) and time the answer."""

    def __init__(self, hub) -> None:  # type: ignore[no-untyped-def]
        self.hub = hub
        self.s = requests.Session()
        r = self.s.get(hub.base + "/hub/login", timeout=30)
        self.xsrf = re.search(r'name="_xsrf" value="([^"]+)"', r.text).group(1)

    def kirim(self, nama: str, kode: str) -> tuple[int, str, float]:
        t0 = time.perf_counter()
        r = self.s.post(self.hub.base + "/hub/login",
                        data={"username": nama, "password": kode, "_xsrf": self.xsrf},
                        allow_redirects=False, timeout=60)
        return r.status_code, r.text, time.perf_counter() - t0


def test_30_kode_salah_lalu_terkunci_lalu_dibuka_fasilitator(hub, capsys):
    f = Formulir(hub)
    for _ in range(30):
        status, teks, _ = f.kirim(A, SALAH)
        assert status == 403
    assert "Gagal masuk" in teks and "dikunci sementara" in teks  # Indonesian, names no reason
    # locked: the right passcode is refused too
    assert Formulir(hub).kirim(A, hub.kode[A])[0] == 403
    # the facilitator lifts the lock (the same DaftarAkun.buka_kunci as the admin page)
    assert main(["kode-akses", "--kelas", str(hub.kelas)]) == 0
    assert f"TERKUNCI  akun {A}" in capsys.readouterr().out
    assert main(["kode-akses", "--buka-kunci", A, "--kelas", str(hub.kelas)]) == 0
    assert "dibuka" in capsys.readouterr().out
    assert Formulir(hub).kirim(A, hub.kode[A])[0] == 302
    # failures are logged with name and address, never with the passcode tried
    log = hub.log.read_text(encoding="utf-8")
    assert f"Login gagal untuk '{A}' dari 127.0.0.1" in log
    assert f"Login ditolak untuk '{A}' dari 127.0.0.1: nama '{A}' terkunci" in log
    assert SALAH not in log and hub.kode[A] not in log


def test_nip_tak_dikenal_sama_lamanya_dengan_kode_salah(hub):
    """An unknown NIP is answered no faster than a known NIP with a wrong passcode (medians of
    interleaved tries; a loose bound: before the fix the ratio was about 2)."""
    f = Formulir(hub)
    dikenal, asing = [], []
    for _ in range(8):  # below the lockout (10)
        status, _, t = f.kirim(B, SALAH)
        assert status == 403
        dikenal.append(t)
        status, _, t = f.kirim(f"1999{uuid.uuid4().int % 10**14:014d}", SALAH)
        assert status == 403
        asing.append(t)
    rasio = statistics.median(asing) / statistics.median(dikenal)
    assert 1 / 1.6 < rasio < 1.6, (dikenal, asing)
    from sinovda.hub.akun import DaftarAkun

    DaftarAkun(hub.kelas).buka_kunci(B)


def _masuk_dan_nyalakan(hub, nama: str) -> tuple[requests.Session, dict[str, str]]:  # type: ignore[no-untyped-def]
    s = hub.login(nama)
    assert s.login_status == 302
    _nyalakan(hub, s, nama)
    return s, {"Authorization": f"token {hub.token(s, nama)}"}


def _halaman_voila(hub, s: requests.Session, nama: str) -> requests.Response:  # type: ignore[no-untyped-def]
    r = s.get(f"{hub.base}/user/{nama}/voila/render/00_pengantar.ipynb", timeout=120)
    teks = " ".join(re.sub(r"(?s)<(script|style).*?</\1>|<[^>]+>", " ", r.text).split())
    assert r.status_code == 200 and "widget-view+json" in r.text, (r.status_code, teks[-1500:])
    return r


@perlu_root
def test_server_peserta_hanya_kursus_tanpa_kode(hub):
    s, token = _masuk_dan_nyalakan(hub, A)
    u = f"{hub.base}/user/{A}"
    try:
        # no JupyterLab, no classic tree, no terminals: with the cookie or with A's own token
        for jalan in ("/lab", "/tree", "/notebooks/00_pengantar.ipynb", "/terminals/1"):
            assert s.get(u + jalan, timeout=30).status_code == 404, jalan
        assert requests.get(u + "/api/terminals", headers=token, timeout=30).status_code == 404
        assert requests.post(u + "/api/terminals", headers=token, timeout=30).status_code == 404
        # no API that runs or writes code or files
        ditolak = [
            ("GET", "/api/contents"),
            ("PUT", "/api/contents/jahat.html"),
            ("GET", "/api/sessions"),
            ("POST", "/api/sessions"),
            ("POST", "/api/kernels"),
            ("GET", "/api/kernelspecs"),
            ("GET", "/files/00_pengantar.ipynb"),
            ("PATCH", "/api/config/notebook"),
        ]
        isi = {"type": "file", "format": "text", "content": "<script>alert(1)</script>"}
        for metode, jalan in ditolak:
            r = requests.request(metode, u + jalan, headers=token, json=isi, timeout=30)
            assert r.status_code == 403, (metode, jalan, r.status_code)
        assert requests.get(u + "/jahat.html", headers=token, timeout=30).status_code == 404
        # the course page works, with a Content-Security-Policy
        r = _halaman_voila(hub, s, A)
        csp = r.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "connect-src 'self'" in csp
        assert "object-src 'none'" in csp
        # the page's kernel websocket carries widget messages, never code
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', r.text)
        kernel = kernel or re.search(r"kernel_id=([0-9a-f-]{36})", r.text)
        assert kernel, "kernel id tidak ada di halaman"
        penanda = Path(tempfile.gettempdir()) / f"sinovda-uji-kode-{uuid.uuid4().hex}"
        balasan = asyncio.run(_coba_kernel(
            f"ws://127.0.0.1:{hub.port}/user/{A}/api/kernels/{kernel.group(1)}/channels",
            token, f"open({str(penanda)!r}, 'w').write('dijalankan')",
        ))
        assert "kernel_info_reply" in balasan and "comm_info_reply" in balasan
        assert "execute_reply" not in balasan and "inspect_reply" not in balasan
        assert not penanda.exists()
    finally:
        s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)


async def _coba_kernel(url: str, header: dict[str, str], kode: str) -> set[str]:
    """Send kernel_info, comm_info, execute and inspect requests over the kernel websocket;
    return the reply types received within a few seconds."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(HTTPRequest(url + "?session_id=uji", headers=header))

    def pesan(jenis: str, isi: dict) -> str:
        return json.dumps({
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": jenis, "session": "uji",
                       "username": "uji", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": isi, "channel": "shell",
            "buffers": [],
        })

    await ws.write_message(pesan("kernel_info_request", {}))
    await ws.write_message(pesan("comm_info_request", {}))
    await ws.write_message(pesan("execute_request", {
        "code": kode, "silent": False, "store_history": False, "user_expressions": {},
        "allow_stdin": False, "stop_on_error": True}))
    await ws.write_message(pesan("inspect_request", {"code": "open", "cursor_pos": 4,
                                                     "detail_level": 0}))
    diterima: set[str] = set()
    batas = time.monotonic() + 8
    while time.monotonic() < batas:
        try:
            sisa = max(0.1, batas - time.monotonic())
            m = await asyncio.wait_for(ws.read_message(), timeout=sisa)
        except TimeoutError:
            break
        if m is None:
            break
        if isinstance(m, str):
            diterima.add(json.loads(m)["header"]["msg_type"])
    ws.close()
    return diterima


@perlu_root
def test_peserta_mendarat_di_peta_kursus_hanya_modul_kursus(hub):
    """Issue 9 item 5 under the hub: the participant's landing page is the course map; the
    facilitator's and report notebooks and Voila's file list are not served to participants
    (the same code as ``sinovda app``); the facilitator still opens them on their own server."""
    s, token = _masuk_dan_nyalakan(hub, A)
    u = f"{hub.base}/user/{A}"
    try:
        r = s.get(f"{hub.base}/hub/", timeout=120)  # where the hub sends a logged-in participant
        assert r.status_code == 200 and r.url == u + "/", (r.status_code, r.url)
        assert "Peta kursus" in r.text and "Identifikasi Masalah" in r.text
        tautan = set(re.findall(rf"href='/user/{A}/voila/render/([^']+)'", r.text))
        assert {"00_pengantar.ipynb", "06_penutup.ipynb", "hasil_saya.ipynb"} <= tautan
        for jalan in ("/voila", "/voila/tree", "/voila/tree/"):  # Voila's file list: the map
            r = s.get(u + jalan, timeout=60)
            assert r.url == u + "/" and "Peta kursus" in r.text, jalan
        for nb in ("dasbor_fasilitator.ipynb", "penilaian.ipynb", "admin_kelas.ipynb",
                   "laporan_peserta.ipynb"):
            r = s.get(f"{u}/voila/render/{nb}", timeout=60)
            assert r.status_code == 404 and "Halaman tidak ditemukan" in r.text, nb
            assert "widget-view+json" not in r.text
            assert s.get(f"{u}/voila/files/{nb}", timeout=60).status_code in (403, 404), nb
        r = s.get(u + "/voila/api/contents", timeout=60)
        assert r.status_code == 404 and "dasbor" not in r.text
        # a closed tab's kernel is shut down at once: Voila's call, with the login cookie and no
        # XSRF token (voila #1458), as the page sends it on leaving
        r = s.get(f"{u}/voila/render/01_masalah.ipynb", timeout=120)
        assert r.status_code == 200 and "widget-view+json" in r.text
        assert '"fullMathjaxUrl": "null"' in r.text  # no MathJax from a CDN
        kernel = (re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', r.text)
                  or re.search(r"kernel_id=([0-9a-f-]{36})", r.text)).group(1)
        ada = requests.get(u + "/api/kernels", headers=token, timeout=30).json()
        assert kernel in {k["id"] for k in ada}
        r = s.post(f"{u}/voila/api/shutdown/{kernel}", headers={"X-XSRFToken": None},
                   timeout=60)
        assert r.status_code == 204, (r.status_code, r.text[-500:])
        ada = requests.get(u + "/api/kernels", headers=token, timeout=30).json()
        assert kernel not in {k["id"] for k in ada}
    finally:
        s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)
    # the facilitator's own server: JupyterLab's Voila with their notebooks
    sf = hub.login(FAS)
    _nyalakan(hub, sf, FAS)
    f = f"{hub.base}/user/{FAS}"
    try:
        for nb in ("dasbor_fasilitator.ipynb", "penilaian.ipynb", "admin_kelas.ipynb"):
            r = sf.get(f"{f}/voila/render/{nb}", timeout=180)
            assert r.status_code == 200 and "widget-view+json" in r.text, nb
    finally:
        sf.delete(f"{hub.base}/hub/api/users/{FAS}/server", timeout=60)


@perlu_root
def test_konfigurasi_di_rumah_peserta_diabaikan(hub):
    """What A's kernel wrote in the issue (~/.jupyter config), and the other places Python and
    IPython read from a home, are ignored when A's server restarts."""
    import pwd

    s, token = _masuk_dan_nyalakan(hub, A)
    s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)
    info = pwd.getpwnam(sistem.akun_os(A, "peserta"))
    rumah = Path(info.pw_dir)
    penanda = Path(tempfile.gettempdir()) / f"sinovda-uji-rumah-{uuid.uuid4().hex}"
    tulis = f"open({str(penanda)!r}, 'a').write('{{}}\\n')"
    berkas = {
        ".jupyter/jupyter_server_config.py": (
            tulis.format("jupyter") + "\nc.ServerApp.jpserver_extensions = {'jupyterlab': True}\n"
        ),
        ".jupyter/jupyter_server_config.json": json.dumps(
            {"ServerApp": {"jpserver_extensions": {"jupyterlab": True}}}),
        ".ipython/profile_default/startup/00-jahat.py": tulis.format("ipython") + "\n",
        ".local/lib/python3.11/site-packages/jahat.pth": "import os; " + tulis.format("pth"),
    }
    for nama, isi in berkas.items():
        p = rumah / nama
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(isi, encoding="utf-8")
    for p in [rumah, *rumah.rglob("*")]:
        os.chown(p, info.pw_uid, info.pw_gid)
    try:
        _nyalakan(hub, s, A)
        u = f"{hub.base}/user/{A}"
        assert s.get(u + "/lab", timeout=30).status_code == 404
        assert requests.get(u + "/api/contents", headers=token, timeout=30).status_code == 403
        _halaman_voila(hub, s, A)  # a kernel started: IPython startup files would have run
        assert not penanda.exists(), penanda.read_text()
    finally:
        s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)
        penanda.unlink(missing_ok=True)


@perlu_root
def test_fasilitator_tidak_membuka_server_peserta(hub):
    """A page from a participant's server never runs in a facilitator's browser session."""
    s, _ = _masuk_dan_nyalakan(hub, A)
    try:
        sf = hub.login(FAS)
        r = sf.get(f"{hub.base}/user/{A}/voila/render/00_pengantar.ipynb", timeout=60)
        assert r.status_code == 403 and "widget-view+json" not in r.text
        assert "Tidak diizinkan" in r.text  # the hub's error page in Bahasa Indonesia
        # the facilitator still sees who is running
        assert sf.get(f"{hub.base}/hub/api/users/{A}", timeout=10).json()["servers"]
    finally:
        s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)
    # a stopped server (e.g. by the idle culler): an Indonesian page that starts it again
    batas = time.monotonic() + 60
    while s.get(f"{hub.base}/hub/api/users/{A}", timeout=10).json()["servers"]:
        assert time.monotonic() < batas
        time.sleep(0.5)
    r = s.get(f"{hub.base}/user/{A}/voila/render/00_pengantar.ipynb", timeout=60)
    assert "Halaman kursus sedang tidak aktif" in r.text or "dinyalakan lagi otomatis" in r.text


@perlu_root
def test_kernel_halaman_yang_ditutup_dimatikan(hub):
    """Under the hub too, a page's kernel does not outlive the page (issue 9 item 1)."""
    s, token = _masuk_dan_nyalakan(hub, A)
    u = f"{hub.base}/user/{A}/api/kernels"
    try:
        _halaman_voila(hub, s, A)  # the page is fetched and left: no browser connects
        assert len(requests.get(u, headers=token, timeout=30).json()) == 1
        batas = time.monotonic() + 60
        while requests.get(u, headers=token, timeout=30).json():
            assert time.monotonic() < batas, "kernel halaman tidak dimatikan"
            time.sleep(1)
    finally:
        s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)


# The attack of issue 8: a page's script reads the hub's xsrf token from /hub/home (with the
# visitor's cookie), then calls the hub API with it; returns the API's HTTP status.
SERANGAN = """async (u) => {
    const home = await (await fetch("/hub/home", {credentials: "include"})).text();
    const x = (home.match(/xsrf_token: "([^"]*)"/) || [])[1] || "";
    const r = await fetch(u, {credentials: "include", headers: {"X-XSRFToken": x}});
    return r.status; }"""


@perlu_root
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium Debian tidak terpasang")
def test_peserta_mengisi_modul_di_browser(hub):
    """In a real browser, the locked-down server still runs the course: widgets over the
    filtered kernel websocket, nothing blocked by the Content-Security-Policy."""
    from playwright.sync_api import expect, sync_playwright

    from sinovda.store import Store

    jawaban = "Antrean izin panjang karena SOP <belum> ada"
    masalah: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(120_000)
            page.on("console", lambda m: masalah.append(m.text)
                    if "Content Security Policy" in m.text or "Refused" in m.text else None)
            # (requests cut short by leaving a page, net::ERR_ABORTED, are not failures)
            page.on("requestfailed", lambda r: masalah.append(f"gagal: {r.url} {r.failure}")
                    if "ERR_ABORTED" not in (r.failure or "") else None)
            page.goto(f"{hub.base}/hub/login")
            assert "Masuk ke kelas" in page.inner_text("body")
            page.fill("#username_input", A)
            page.fill("#password_input", SALAH)
            page.click("#login_submit")
            assert "NIP atau kode akses salah" in page.inner_text(".login_error")
            page.fill("#username_input", A)
            page.fill("#password_input", hub.kode[A])
            page.click("#login_submit")
            # the participant lands on the course map (the page while the server starts is in
            # Bahasa Indonesia too: spawn_pending.html) and follows it to module 01
            page.wait_for_url(re.compile(rf"/user/{A}/$"), timeout=120_000)
            assert "Peta kursus" in page.inner_text("body")
            page.locator("li.modul a.buka").nth(1).click()
            page.wait_for_url(re.compile(r"/voila/render/01_masalah\.ipynb$"))
            page.wait_for_selector("textarea")
            kotak = page.locator("textarea").last
            kotak.fill(jawaban)
            kotak.blur()
            expect(page.get_by_text(re.compile(r"^Tersimpan \d"))).to_have_count(
                1, timeout=30_000)
            # without --domain the page shares the hub's origin: a script on it acts on the hub
            # with the visitor's rights (here A's own); what remains, see the guide, 4.5
            assert page.evaluate(SERANGAN, "/hub/api/user") == 200
            page.goto(f"{hub.base}/user/{A}/lab")
            assert "Halaman tidak ada" in page.inner_text("body")
        finally:
            browser.close()
    assert Store.open(hub.kelas).load(A, "masalah", "akar_masalah") == jawaban
    assert not [m for m in masalah if "favicon" not in m], masalah


@perlu_root
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium Debian tidak terpasang")
def test_domain_server_peserta_di_origin_sendiri(tmp_path_factory, modul_uji, hub):
    """``--domain``: each user's server on its own origin (chromium resolves *.localhost to this
    machine), where the hub's login cookie is never sent: a script there cannot use the hub."""
    from playwright.sync_api import sync_playwright

    hub.proc.terminate()  # only one hub at a time (same system users)
    hub.proc.wait(40)
    jalan = jalankan_hub(tmp_path_factory, {"SINOVDA_MODUL": str(modul_uji)},
                         ["--domain", "hub.localhost"])
    h = next(jalan)
    try:
        hub_url = f"http://hub.localhost:{h.port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                page = browser.new_page()
                page.set_default_timeout(120_000)
                page.goto(f"{hub_url}/hub/login")
                page.fill("#username_input", A)
                page.fill("#password_input", h.kode[A])
                page.click("#login_submit")
                page.wait_for_url(re.compile(rf"^http://[a-z0-9-]+\.hub\.localhost:{h.port}"
                                             rf"/user/{A}/$"))
                page.wait_for_selector("li.modul")  # the course map
                asal = page.evaluate("location.origin")
                assert asal != hub_url and asal.endswith(f".hub.localhost:{h.port}")
                # from the participant's own origin the hub API sees no login ...
                assert page.evaluate(SERANGAN, "/hub/api/user") == 403
                # ... while from the hub's origin the same browser is logged in
                page.goto(f"{hub_url}/hub/home")
                assert page.evaluate(SERANGAN, "/hub/api/user") == 200
            finally:
                browser.close()
    finally:
        next(jalan, None)
