"""The app server's own pages: course map per browser, 404 for non-course notebooks."""

from __future__ import annotations

import pytest
from conftest import NIP_PESERTA
from test_hub_pelindung import server as server_peserta  # noqa: F401 (a participant server)

from sinovda.cli.voila_app import html_peta, html_tidak_ada, notebook_kursus
from sinovda.forms import konteks


def test_only_course_modules_are_served():
    nb = notebook_kursus()
    assert list(nb)[:2] == ["00_pengantar.ipynb", "01_masalah.ipynb"] and len(nb) == 7
    for lain in ("dasbor_fasilitator.ipynb", "penilaian.ipynb", "laporan_peserta.ipynb"):
        assert lain not in nb


def test_course_map_shows_titles_and_this_browsers_progress(env_kelas, store, monkeypatch):
    monkeypatch.delenv("SINOVDA_PESERTA")
    konteks.pilih_peserta(NIP_PESERTA, store, sesi="peramban1")
    store.save(NIP_PESERTA, "masalah", "akar_masalah", "SOP belum ada")
    teks = html_peta("peramban1", "/voila/render/")
    assert "<html lang='id'>" in teks and "Peta kursus" in teks
    assert "Ni Luh Putu Ayu Wédari" in teks
    assert "Identifikasi Masalah" in teks and "Sedang dikerjakan" in teks
    assert "Belum dimulai" in teks and "Kemajuan keseluruhan" in teks
    assert "href='/voila/render/01_masalah.ipynb'" in teks
    assert ">01_masalah.ipynb<" not in teks and "target='_blank'" not in teks
    lain = html_peta("peramban2", "/voila/render/")  # another browser: no one chosen yet
    assert "Wédari" not in lain and "Peserta belum dipilih di peramban ini" in lain
    assert "href='/voila/render/00_pengantar.ipynb'" in lain


def test_participant_text_is_escaped_on_the_map(env_kelas, store, monkeypatch):
    from sinovda.domain.peserta import Peserta

    store.upsert_peserta([Peserta(NIP_PESERTA, "<script>x</script>", opd="A & B")])
    teks = html_peta(None, "/voila/render/")
    assert "<script>x" not in teks and "&lt;script&gt;" in teks and "A &amp; B" in teks


def test_not_found_page_is_indonesian_and_links_the_map():
    teks = html_tidak_ada("/")
    assert "Halaman tidak ditemukan" in teks and "Kembali ke peta kursus" in teks


def _kernel(pid: int) -> list:
    import psutil

    hasil = []
    for anak in psutil.Process(pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(anak.cmdline()):
                hasil.append(anak)
        except psutil.NoSuchProcess:
            pass
    return hasil


def _tunggu_kernel(pid: int, jumlah: int, batas: float) -> int:
    import time

    akhir = time.monotonic() + batas
    n = len(_kernel(pid))
    while n != jumlah and time.monotonic() < akhir:
        time.sleep(0.5)
        n = len(_kernel(pid))
    return n


def test_warm_kernels_grow_with_the_room_and_shrink_back_when_it_is_quiet(
        kelas, store, jalankan_sinovda, tmp_path):
    """A real ``sinovda app``: six browsers on the course map make the pool of module 00 six
    kernels (one at rest), waiting at a lower CPU priority; a page taken from it arrives whole;
    when the room has been quiet for ``peserta_aktif_detik`` (8 s
    here) the pool is back to one kernel per course module."""
    import os
    import re
    import shutil
    import time
    import urllib.request

    import psutil
    from conftest import port_bebas

    from sinovda import paths

    modul = tmp_path / "modul"
    shutil.copytree(paths.MODUL_DIR, modul)
    teks = (modul / "pengaturan.yaml").read_text(encoding="utf-8")
    teks = re.sub(r"peserta_aktif_detik: \d+", "peserta_aktif_detik: 8", teks)
    (modul / "pengaturan.yaml").write_text(teks, encoding="utf-8")
    konteks.pilih_peserta(NIP_PESERTA, store, sesi="peramban0")  # as module 00 would
    env = dict(os.environ, SINOVDA_MODUL=str(modul), SINOVDA_AKTIF=os.environ.get(
        "SINOVDA_AKTIF", str(tmp_path / "aktif.json")))
    env.pop("SINOVDA_PESERTA", None)
    port = port_bebas()
    proc, url, log = jalankan_sinovda(["app", "--kelas", str(kelas), "--port", str(port),
                                       "--no-browser"], env, siap="/", batas=90)
    istirahat = len(notebook_kursus())  # one per course module at rest
    assert _tunggu_kernel(proc.pid, istirahat, 120) == istirahat, log.read_text()

    def buka(alamat: str, sesi: str) -> str:
        minta = urllib.request.Request(url + alamat, headers={"Cookie": f"sinovda_sesi={sesi}"})
        with urllib.request.urlopen(minta, timeout=120) as r:
            return r.read().decode("utf-8")

    for i in range(6):
        assert "Peta kursus" in buka("/", f"peramban{i}")
    assert _tunggu_kernel(proc.pid, istirahat + 5, 120) == istirahat + 5
    nice_server = psutil.Process(proc.pid).nice()
    akhir = time.monotonic() + 30  # the newest may be reniced a moment after it appears
    while not all(k.nice() > nice_server for k in _kernel(proc.pid)) and \
            time.monotonic() < akhir:
        time.sleep(0.3)
    assert all(k.nice() > nice_server for k in _kernel(proc.pid))  # waiting: lower priority

    halaman = buka("/voila/render/00_pengantar.ipynb", "peramban0")  # from the room's pool
    assert halaman.count("application/vnd.jupyter.widget-view+json") >= 2  # the form is there
    assert "Timeout waiting" not in halaman and "DeadKernel" not in halaman
    kid = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', halaman).group(1)
    minta = urllib.request.Request(f"{url}/voila/api/shutdown/{kid}", data=b"", method="POST",
                                   headers={"Cookie": "sinovda_sesi=peramban0"})
    urllib.request.urlopen(minta, timeout=30).close()  # the tab closes

    # Nobody asks for anything: after 8 s the room is empty and the pools shrink back.
    assert _tunggu_kernel(proc.pid, istirahat, 120) == istirahat, log.read_text()[-3000:]
    time.sleep(1)  # a retired kernel's page would log its error just after the kernel went
    teks = log.read_text(encoding="utf-8", errors="replace")
    # the surplus waiting kernels were retired deliberately: no error, no traceback
    for salah in ("Error at server while executing cell", "DeadKernelError", "Traceback",
                  "without encryption"):  # kernels' sockets encrypted (voila_setelan)
        assert salah not in teks, teks[-4000:]


def _tunggu_habis(proses: list, batas: float) -> list:
    """The processes of ``proses`` still running after (at most) ``batas`` seconds."""
    import time

    akhir = time.monotonic() + batas
    hidup = [p for p in proses if p.is_running() and p.status() != "zombie"]
    while hidup and time.monotonic() < akhir:
        time.sleep(0.3)
        hidup = [p for p in hidup if p.is_running() and p.status() != "zombie"]
    return hidup


def _tunggu_siaga(pid: int, port: int, jumlah: int, batas: float) -> int:
    """How many kernels under ``pid`` hold a connection to the server on ``port`` (a preheated
    kernel waiting for its page's request), waiting (bounded) for ``jumlah``."""
    import time

    import psutil

    def menunggu() -> int:
        n = 0
        for k in _kernel(pid):
            try:
                if any(c.raddr and c.raddr.port == port and c.status == "ESTABLISHED"
                       for c in k.net_connections("tcp")):
                    n += 1
            except psutil.NoSuchProcess:
                pass
        return n

    akhir = time.monotonic() + batas
    n = menunggu()
    while n != jumlah and time.monotonic() < akhir:
        time.sleep(0.5)
        n = menunggu()
    return n


@pytest.mark.parametrize("cara", ["ctrl_c", "sigterm", "ctrl_c_saat_mengisi"])
def test_stopping_the_app_is_quiet_in_indonesian_and_leaves_no_process(
        kelas, jalankan_sinovda, cara):
    """A real ``sinovda app``: Ctrl+C (SIGINT to the terminal's foreground group) or SIGTERM to
    the command, with the pool warm (every module's kernel waiting for its request) or while it
    is still being filled, ends it with only Indonesian on the terminal (no English error, no
    traceback from the waiting kernels) and no server or kernel left running."""
    import os
    import re
    import signal

    import psutil
    from conftest import port_bebas

    port = port_bebas()
    proc, url, log = jalankan_sinovda(["app", "--kelas", str(kelas), "--port", str(port),
                                       "--no-browser"], dict(os.environ), siap="/", batas=90)
    istirahat = len(notebook_kursus())
    if cara == "ctrl_c_saat_mengisi":  # the first kernels are up, the others still starting
        assert _tunggu_kernel(proc.pid, 2, 120) == 2, log.read_text()
    else:
        assert _tunggu_siaga(proc.pid, port, istirahat, 120) == istirahat, log.read_text()
    anak = psutil.Process(proc.pid).children(recursive=True)
    awal = len(log.read_text())
    if cara == "sigterm":
        os.kill(proc.pid, signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C: the terminal signals its foreground group
    proc.wait(timeout=60)
    teks = log.read_text()[awal:]
    for kata in ("Traceback", "ERROR", "Exception", "Error"):
        assert kata not in teks, teks
    mulai = ("[IPKernelApp] WARNING | Kernel is running over TCP", "[SinovdaVoila] Kernel "
             "started: ", "[SinovdaVoila] WARNING | Notebook ")  # a kernel starting meanwhile
    baris = [b for b in teks.splitlines() if b.strip() and not b.startswith(mulai)]
    assert baris == ["sinovda: dihentikan."], teks
    assert _tunggu_habis(anak, 20) == [], teks
    semua = re.findall(r"Kernel started: ([0-9a-f-]{36})", log.read_text())  # later ones too
    assert len(semua) >= 2
    sisa = [p for p in psutil.process_iter(["cmdline"])
            if any(k in " ".join(p.info["cmdline"] or ()) for k in semua)]
    assert _tunggu_habis(sisa, 20) == [], teks


def _minta(url: str, cookie: str | None = None) -> tuple[int, str, str]:
    """``(status, Content-Type, body)`` of a GET (error statuses included)."""
    import urllib.error
    import urllib.request

    minta = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(minta, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8", "replace")


def test_every_error_page_of_the_app_is_indonesian_and_logs_no_traceback(app):
    """A real ``sinovda app``: Voila's template folder paths that are not an asset
    (``/voila/templates/``, ``/voila/templates/x``) are an Indonesian 404, not a 500 with a
    traceback in the terminal; Voila's file and static handlers (403) and paths no rule matches
    (``/api/...``, ``/tree``, ``/lab``: 404) answer the Indonesian page linking the course map;
    a real template asset still loads."""
    url, log = app
    for alamat, status in [("/voila/templates/", 404), ("/voila/templates/x", 404),
                           ("/voila/templates/x/y", 404), ("/voila/templates/base/bukan/a.js", 404),
                           ("/voila/files/pengaturan.yaml", 403), ("/voila/static/main.js", 403),
                           ("/api/contents", 404), ("/api/sessions", 404), ("/tree", 404),
                           ("/lab", 404)]:
        kode, jenis, isi = _minta(url + alamat)
        assert (kode, jenis.split(";")[0]) == (status, "text/html"), (alamat, kode, jenis)
        assert "<html lang='id'>" in isi and "Kembali ke peta kursus" in isi, (alamat, isi)
        assert "Not Found" not in isi and "Forbidden" not in isi, alamat
    kode, jenis, isi = _minta(url + "/voila/templates/base/static/voila.js")
    assert kode == 200 and "javascript" in jenis and len(isi) > 1000
    teks = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in teks and "ValueError" not in teks, teks[-3000:]


def test_a_malformed_session_cookie_is_replaced_by_a_fresh_one(app):
    """A real ``sinovda app``: a ``sinovda_sesi`` cookie the kernel would ignore (over 64
    characters, non-ASCII) is replaced by a fresh session id; a valid one is kept."""
    import re

    url, _ = app

    def sesi_baru(cookie: str | None) -> str | None:
        import urllib.request

        minta = urllib.request.Request(url + "/", headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(minta, timeout=60) as r:
            pasang = r.headers.get_all("Set-Cookie") or []
        cocok = [re.match(r"sinovda_sesi=([^;]*)", p) for p in pasang]
        return next((c.group(1) for c in cocok if c), None)

    for buruk in ("a" * 65, "s\xe9si", "s%C3%A9si"):
        baru = sesi_baru(f"sinovda_sesi={buruk}")
        assert baru and baru != buruk and re.fullmatch(r"[A-Za-z0-9_-]{20,64}", baru), buruk
    assert sesi_baru("sinovda_sesi=" + "b" * 64) is None  # valid: kept
    assert sesi_baru(None)  # none yet: one is set


def test_template_paths_on_a_participants_server_are_an_indonesian_404(
        server_peserta):  # noqa: F811 - the imported fixture
    """The same rule on a participant's server (the ``sinovda.cli.voila_app`` extension on a
    real Jupyter server with deploy/peserta's configuration, as under ``sinovda hub``):
    ``/voila/templates/x`` is the Indonesian 404, no traceback in its log; assets still load."""
    import requests
    from test_hub_pelindung import _h

    url, log = server_peserta
    for alamat in ("/voila/templates/", "/voila/templates/x", "/voila/templates/x/y"):
        r = requests.get(url + alamat, headers=_h(), timeout=30)
        assert r.status_code == 404 and "Kembali ke peta kursus" in r.text, (alamat, r.text)
    r = requests.get(url + "/voila/templates/base/static/voila.js", headers=_h(), timeout=30)
    assert r.status_code == 200 and len(r.text) > 1000
    teks = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in teks and "ValueError" not in teks, teks[-3000:]
