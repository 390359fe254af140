"""A participant's server configuration (deploy/peserta, sinovda.hub.pelindung) on a real Jupyter
server, without a hub: Voila only, no code-running API, widget-only kernel websocket, CSP.

The same checks run on a real hub, as the participant's system user, in tests/test_hub_keamanan.py;
this one runs anywhere (no root) in a few seconds.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
import requests
from conftest import server_jupyter
from test_hub_keamanan import _coba_kernel

from sinovda import paths
from sinovda.hub.pelindung import CSP, EKSTENSI, PESAN_KERNEL
from sinovda.hub.spawner import KONFIG_PESERTA, env_peserta

pytestmark = pytest.mark.timeout(180)
TOKEN = uuid.uuid4().hex


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pelindung")
    env = env_peserta(dict(os.environ, HOME=str(tmp)), str(tmp))
    # this server runs as the test's own user, who may write to the checkout: use a copy of the
    # configuration folder (a real participant cannot write to deploy/peserta, owned by root)
    salinan = tmp / "peserta"
    shutil.copytree(KONFIG_PESERTA, salinan)
    env.update(JUPYTER_CONFIG_DIR=str(salinan), IPYTHONDIR=str(tmp / "ipython"))
    with server_jupyter(tmp, paths.NOTEBOOKS_DIR, env, TOKEN) as (url, log):
        yield url, log


def _h() -> dict[str, str]:
    return {"Authorization": f"token {TOKEN}"}


def test_env_peserta_tidak_membaca_rumah(tmp_path):
    env = env_peserta({"PYTHONSTARTUP": "/x.py", "PATH": "/bin"}, str(tmp_path))
    assert env["JUPYTER_CONFIG_DIR"] == str(KONFIG_PESERTA)
    assert env["PYTHONNOUSERSITE"] == "1" and env["JUPYTERHUB_DISABLE_USER_CONFIG"] == "1"
    assert env["JUPYTER_RUNTIME_DIR"].startswith(str(tmp_path))
    assert "PYTHONSTARTUP" not in env and env["PATH"] == "/bin"
    if os.geteuid() == 0:  # hub as root: IPython folder that does not exist (see env_peserta)
        assert not Path(env["IPYTHONDIR"]).exists()
        assert Path(env["IPYTHONDIR"]).parent == KONFIG_PESERTA
    assert (KONFIG_PESERTA / "jupyter_server_config.py").is_file()
    assert "execute_request" not in PESAN_KERNEL and not EKSTENSI["jupyterlab"]


def test_hanya_voila(server):
    url, log = server
    for jalan in ("/lab", "/tree", "/terminals/1", "/api/terminals"):
        assert requests.get(url + jalan, headers=_h(), timeout=30).status_code == 404, jalan
    r = requests.get(url + "/lab", headers=_h(), timeout=30)
    assert "Halaman tidak ada" in r.text and "halaman kursus" in r.text  # in Bahasa Indonesia
    for metode, jalan in (("GET", "/api/contents"), ("PUT", "/api/contents/x.html"),
                          ("POST", "/api/kernels"), ("GET", "/api/sessions"),
                          ("GET", "/files/00_pengantar.ipynb"), ("GET", "/api/kernelspecs"),
                          ("PATCH", "/api/config/notebook"), ("POST", "/api/shutdown")):
        r = requests.request(metode, url + jalan, headers=_h(), json={}, timeout=30)
        assert r.status_code == 403, (metode, jalan, r.status_code)
    assert "Ditolak untuk peserta: write kernels (POST /api/kernels)" in log.read_text()
    assert requests.get(url + "/api/status", headers=_h(), timeout=30).ok


def test_halaman_kursus_dan_websocket_hanya_widget(server, tmp_path):
    url, _ = server
    r = requests.get(url + "/voila/render/00_pengantar.ipynb", headers=_h(), timeout=120)
    assert r.status_code == 200 and "widget-view+json" in r.text
    assert r.headers["Content-Security-Policy"] == CSP
    assert "ajax/libs/mathjax" not in r.text  # no MathJax from a CDN
    kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', r.text) or re.search(
        r"kernel_id=([0-9a-f-]{36})", r.text)
    assert kernel
    penanda = tmp_path / "dijalankan"
    balasan = asyncio.run(_coba_kernel(
        f"ws://127.0.0.1:{url.rsplit(':', 1)[1]}/api/kernels/{kernel.group(1)}/channels",
        _h(), f"open({str(penanda)!r}, 'w').write('x')"))
    assert {"kernel_info_reply", "comm_info_reply"} <= balasan
    assert "execute_reply" not in balasan and not penanda.exists()


def test_peta_kursus_dan_hanya_modul_kursus(server):
    """The course's rules of ``sinovda app`` on the participant's server: the course map at the
    root and in place of Voila's file list, the facilitator's and report notebooks not
    rendered, no contents listing, no MathJax from a CDN."""
    url, _ = server
    s = requests.Session()
    s.get(url + f"/?token={TOKEN}", timeout=60)  # login by token: a cookie, as a browser
    for jalan in ("/", "/voila", "/voila/", "/voila/tree", "/voila/tree/"):
        r = s.get(url + jalan, timeout=60)
        assert r.status_code == 200 and r.url == url + "/", (jalan, r.status_code, r.url)
        assert "Peta kursus" in r.text and "Identifikasi Masalah" in r.text, jalan
        tautan = set(re.findall(r"href='/voila/render/([^']+)'", r.text))
        assert "00_pengantar.ipynb" in tautan and "hasil_saya.ipynb" in tautan
        assert not tautan & {"dasbor_fasilitator.ipynb", "penilaian.ipynb", "admin_kelas.ipynb"}
    for nb in ("dasbor_fasilitator.ipynb", "penilaian.ipynb", "admin_kelas.ipynb",
               "laporan_peserta.ipynb", "sub/../penilaian.ipynb"):
        r = s.get(f"{url}/voila/render/{nb}", timeout=60)
        assert r.status_code == 404 and "Halaman tidak ditemukan" in r.text, nb
    r = s.get(url + "/voila/api/contents", timeout=30)
    assert r.status_code == 404 and "dasbor" not in r.text


def test_tutup_tab_mematikan_kernel(server):
    """The tab-close call (``POST voila/api/shutdown/<kernel>``, with the login cookie and no
    XSRF token, as Voila's page sends it) shuts the page's kernel down (voila #1458)."""
    url, _ = server
    s = requests.Session()
    s.get(url + f"/?token={TOKEN}", timeout=60)
    r = s.get(url + "/voila/render/01_masalah.ipynb", timeout=120)
    assert r.status_code == 200 and "ajax/libs/mathjax" not in r.text
    kernel = (re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', r.text)
              or re.search(r"kernel_id=([0-9a-f-]{36})", r.text)).group(1)
    ada = {k["id"] for k in requests.get(url + "/api/kernels", headers=_h(), timeout=30).json()}
    assert kernel in ada
    assert s.post(f"{url}/voila/api/shutdown/{kernel}", timeout=60).status_code == 204
    ada = {k["id"] for k in requests.get(url + "/api/kernels", headers=_h(), timeout=30).json()}
    assert kernel not in ada
