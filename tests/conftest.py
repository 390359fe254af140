"""Shared fixtures: a temporary class with one participant, and an isolated home for sinovda.

- autouse ``_rumah_terpisah``: ``~/.sinovda`` (self-study workspace, active-participant file)
  redirected to tmp, and no class/participant/hub user inherited from the caller's environment.
- ``kelas``: the folder of a fresh class ``Kelas Uji`` holding participant ``NIP_PESERTA``.
- ``store``: that class's ``Store``. ``env_kelas``: the environment a module notebook's kernel
  gets (``SINOVDA_KELAS`` + ``SINOVDA_PESERTA``), also set in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from sinovda.domain.peserta import Peserta

# Browser tests: Debian's chromium, headless, with the flags the project's guide names.
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

NIP_PESERTA = "198503152010011001"  # ranah.md: valid PNS NIP
PESERTA = Peserta(NIP_PESERTA, "Ni Luh Putu Ayu Wédari", jabatan="Analis Kebijakan",
                  opd="Bappeda", instansi="Kabupaten Gianyar")



def masuk_peramban(page, base: str, nama: str, kode: str, tujuan: str = r".*/(user|hub)/.*",
                   batas_ms: int = 180_000) -> None:
    """Log ``nama`` into the hub at ``base`` through its login form in a Playwright ``page``
    and wait until the browser lands on ``tujuan`` (a URL regex)."""
    import re

    page.goto(base + "/hub/login")
    page.fill("#username_input", nama)
    page.fill("#password_input", kode)
    page.click("#login_submit")
    page.wait_for_url(re.compile(tujuan), timeout=batas_ms)


@contextmanager
def server_jupyter(tmp: Path, root_dir: Path | str, env: dict[str, str], token: str,
                   args: Sequence[str] = ()) -> Iterator[tuple[str, Path]]:
    """A real ``jupyter server`` of this venv on a free loopback port (token ``token``, root
    ``root_dir``, environment ``env``, extra ``args``; as a hub server is started, without the
    hub): yields ``(url, log)`` once ``/api/status`` answers; stopped (its group) afterwards."""
    import signal
    import subprocess
    import sys
    import time

    import requests

    port = port_bebas()
    log = tmp / "server.log"
    with open(log, "w") as keluaran:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "server", "--no-browser",
             f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root_dir}", "--allow-root", *args],
            env=env, cwd=tmp, stdout=keluaran, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        batas = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log.read_text()
            try:
                if requests.get(url + "/api/status", timeout=2,
                                headers={"Authorization": f"token {token}"}).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < batas, log.read_text()
            time.sleep(0.3)
        yield url, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.fixture(autouse=True)
def _rumah_terpisah(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                    ) -> None:
    rumah = tmp_path_factory.mktemp("rumah")
    monkeypatch.setenv("SINOVDA_PRIBADI", str(rumah / "pribadi"))
    monkeypatch.setenv("SINOVDA_AKTIF", str(rumah / "aktif.json"))
    for nama in ("SINOVDA_KELAS", "SINOVDA_PESERTA", "JUPYTERHUB_USER", "SINOVDA_STORE_URL"):
        monkeypatch.delenv(nama, raising=False)


@pytest.fixture
def kelas(tmp_path: Path) -> Path:
    from sinovda.store import Store

    folder = tmp_path / "kelas"
    st = Store.create(folder, nama="Kelas Uji")
    st.upsert_peserta([PESERTA])
    st.close()
    return folder


@pytest.fixture
def store(kelas: Path):
    from sinovda.store import Store

    st = Store.open(kelas)
    yield st
    st.close()


@pytest.fixture
def env_kelas(kelas: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    monkeypatch.setenv("SINOVDA_PESERTA", NIP_PESERTA)
    return dict(os.environ)


def port_bebas() -> int:
    """A free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def jalankan_sinovda(tmp_path: Path):
    """Start ``sinovda <args>`` as a server in its own process group; always killed afterwards.

    ``jalankan_sinovda(args, env, siap="/path", batas=90)`` waits (bounded) until
    ``http://127.0.0.1:<port><siap>`` answers, then returns ``(proc, base_url, log_path)``; the
    port is taken from ``--port`` in ``args``.
    """
    import signal
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    dijalankan: list[subprocess.Popen] = []

    def mulai(args: list[str], env: dict[str, str], siap: str = "/", batas: float = 90.0):
        port = args[args.index("--port") + 1]
        log = tmp_path / f"server-{len(dijalankan)}.log"
        with open(log, "wb") as keluar:
            proc = subprocess.Popen([sys.executable, "-m", "sinovda.cli.main", *args], env=env,
                                    stdout=keluar, stderr=subprocess.STDOUT,
                                    start_new_session=True, cwd=tmp_path)
        dijalankan.append(proc)
        url = f"http://127.0.0.1:{port}"
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir:
            if proc.poll() is not None:
                raise AssertionError(f"server berhenti ({proc.returncode}):\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url + siap, timeout=5) as r:
                    if r.status < 500:
                        return proc, url, log
            except urllib.error.HTTPError as e:
                if e.code < 500:
                    return proc, url, log
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"server tidak siap dalam {batas} detik:\n{log.read_text()}")

    yield mulai
    for proc in dijalankan:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=15)


@pytest.fixture
def app(kelas: Path, jalankan_sinovda):
    """``sinovda app`` for the ``kelas`` class with ``NIP_PESERTA`` chosen, on a free 127.0.0.1
    port: ``(base_url, log_path)``; stopped afterwards."""
    env = dict(os.environ, SINOVDA_PESERTA=NIP_PESERTA)
    port = port_bebas()
    _, url, log = jalankan_sinovda(["app", "--kelas", str(kelas), "--port", str(port),
                                    "--no-browser"], env, siap="/", batas=90)
    return url, log


# -- reports (laporan): a small class with a full, an unfinished, a broken and a hostile case --

NIP_LENGKAP = "198503152010011001"
NIP_TANPA_INOVASI = "199002282015032004"
NIP_RUSAK = "197812312005011003"
NIP_JAHAT = "198001012006041005"
INOVASI_LENGKAP = "SIANTRI Antrean Daring Puskesmas"
SKRIP_JAHAT = "<script>alert('x')</script>"


def jawaban_lengkap() -> dict[str, dict[str, object]]:
    """A complete workbook (the field contract of docs/arsitektur.md)."""
    return {
        "pengantar": {"pretest": {}, "pretest_selesai": True,
                      "pretest_skor": {"benar": 0, "total": 30, "nilai": 0.0}},
        "masalah": {
            "isu": [
                {"judul": "antrean panjang", "apkl": dict.fromkeys(
                    ("aktual", "problematik", "kekhalayakan", "kelayakan"), True),
                 "usg": {"u": 5, "s": 4, "g": 4}},
                {"judul": "data tidak sinkron", "apkl": dict.fromkeys(
                    ("aktual", "problematik", "kekhalayakan", "kelayakan"), True),
                 "usg": {"u": 4, "s": 4, "g": 3}},
                {"judul": "aduan lambat", "apkl": dict.fromkeys(
                    ("aktual", "problematik", "kekhalayakan", "kelayakan"), True),
                 "usg": {"u": 4, "s": 5, "g": 4}},
            ],
            "isu_inti": "antrean panjang",
            "akar_masalah": "Pendaftaran pasien masih manual di loket",
            "fishbone": [{"kategori": "Metode", "sebab": "pendaftaran manual"}],
            "pemangku": [{"nama": "Kepala Dinas", "pengaruh": 5, "kepentingan": 4}],
        },
        "inovasi": {
            "inovasi": {"nama": INOVASI_LENGKAP, "bentuk": "pelayanan_publik",
                        "jenis": "digital", "inisiator": "asn", "urusan": "kesehatan",
                        "tahapan": "uji_coba", "cara_kerja": "Pasien mendaftar lewat aplikasi",
                        "penerima_manfaat": "Pasien puskesmas"},
            "kriteria": {},
            "rencana_aksi": [{
                "permasalahan": "antrean panjang", "inovasi": INOVASI_LENGKAP,
                "opd": "Dinas Kesehatan", "target_waktu": "6 bulan",
                "indikator_keberhasilan": "Waktu tunggu turun 50%",
                "jangka_pendek": "uji coba di 2 puskesmas", "jangka_menengah": "semua puskesmas",
                "jangka_panjang": "terintegrasi SATUSEHAT"}],
        },
        "indikator": {"indikator": [{
            "kode": "IK1", "nama": "Waktu tunggu pendaftaran", "level": "outcome",
            "satuan": "menit", "polaritas": "negatif", "baseline": 45, "target": {"2027": 3},
            "sumber_data": "Aplikasi SIANTRI", "penanggung_jawab": "Kepala Puskesmas",
            "agregasi": "posisi", "iku": ""}]},
        "monev": {"realisasi": {"IK1": {"tahun": "2027", "tw": [4, 3, 2, None]}},
                  "analisis": []},
        "replikasi": {
            "kesiapan": {"regulasi": 2, "sdm": 1, "anggaran": 1, "alat_kerja": 3},
            "keberlanjutan": {"regulasi": "Perbup layanan daring", "anggaran": "Renja 2027",
                              "sdm": "2 operator", "dokumentasi": "SOP"},
            "replikasi": {"daerah_sasaran": "Kabupaten Bangli", "langkah": "studi tiru",
                          "jadwal": "2028"},
        },
        "penutup": {"posttest": {}, "posttest_selesai": True,
                    "posttest_skor": {"benar": 0, "total": 30, "nilai": 0.0},
                    "evaluasi": {"penyelenggara": {"relevansi_materi": 5, "waktu": 4},
                                 "fasilitator": {"Dr. Rina": 5}, "komentar": "Bermanfaat"}},
        "penilaian": {"rubrik": {"masalah": {"skor": 4, "komentar": ""},
                                 "kebaruan": {"skor": 3, "komentar": "Tambahkan data dampak"},
                                 "keberlanjutan": {"skor": 3, "komentar": ""}},
                      "catatan": "Lanjutkan uji coba."},
    }


def buat_kelas_laporan(folder: Path) -> Path:
    """A class for the report tests (store API only; no demo data needed)."""
    from sinovda.store import Store

    st = Store.create(folder, nama="Kelas Uji Laporan")
    st.upsert_peserta([
        Peserta(NIP_LENGKAP, "Ni Luh Putu Ayu Wédari", "Analis Kebijakan", "Dinas Kesehatan",
                "Kabupaten Gianyar"),
        Peserta(NIP_TANPA_INOVASI, "Muhammad Ja'far", "Kepala Seksi", "Bappeda",
                "Kota Makassar"),
        Peserta(NIP_RUSAK, "Budi Rusak", "Staf", "Inspektorat", "Kabupaten Sleman"),
        Peserta(NIP_JAHAT, f"../../{SKRIP_JAHAT}", "=HYPERLINK(\"http://x\")",
                "@SUM(A1)", "+62 jahat"),
    ])
    for modul, isi in jawaban_lengkap().items():
        for field, value in isi.items():  # submitted tests and trainer scores: the system path
            st.save(NIP_LENGKAP, modul, field, value, peran="sistem")
    st.save(NIP_TANPA_INOVASI, "masalah", "isu", jawaban_lengkap()["masalah"]["isu"][:1])
    st.save(NIP_RUSAK, "masalah", "isu", [
        {"judul": "layanan lambat", "apkl": {}, "usg": {"u": "sangat", "s": 3, "g": 3}}])
    st.save(NIP_JAHAT, "masalah", "isu", [
        {"judul": SKRIP_JAHAT, "apkl": {}, "usg": {"u": 3, "s": 3, "g": 3}}])
    st.save(NIP_JAHAT, "masalah", "akar_masalah", SKRIP_JAHAT)
    st.save(NIP_JAHAT, "inovasi", "inovasi", {"nama": f"=cmd|' /C calc'!A0 {SKRIP_JAHAT}"})
    st.close()
    return folder


@pytest.fixture
def kelas_laporan(tmp_path: Path) -> Path:
    """A fresh report-test class (see ``buat_kelas_laporan``)."""
    return buat_kelas_laporan(tmp_path / "kelas-laporan")


@pytest.fixture(scope="session")
def repo_terbuka():
    """Let the hub's per-participant system users reach this checkout, as an install would.

    A real installation lives in a folder every user can traverse (the guide says /opt/sinovda).
    A checkout made under a private folder (``mktemp -d`` is 700, pyenv's ``/root`` is 700) is
    not: as root, grant traverse-only permission (o+x, no listing) on its closed parent folders
    for the session, and put every mode back afterwards. Not root: nothing to do.
    """
    import sysconfig

    from sinovda.paths import ROOT

    diubah: list[tuple[Path, int]] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        site = Path(sysconfig.get_paths()["purelib"]).resolve()
        for target in (ROOT.resolve(), site):
            for folder in [target, *target.parents]:
                mode = os.stat(folder).st_mode
                if not mode & 0o001 and folder not in {p for p, _ in diubah}:
                    diubah.append((folder, mode))
                    os.chmod(folder, (mode & 0o7777) | 0o001)
    yield
    for folder, mode in reversed(diubah):
        os.chmod(folder, mode & 0o7777)


def jalankan_notebook_fasilitator(nama: str, kelas_folder: Path, cwd: Path) -> list:
    """Execute ``notebooks/<nama>`` in a real kernel against a class; return every cell output.

    Also checks the committed notebook is thin and clean, and that it ran without error output.
    """
    import nbformat
    from nbclient import NotebookClient

    from sinovda.paths import NOTEBOOKS_DIR

    nb = nbformat.read(NOTEBOOKS_DIR / nama, as_version=4)
    kode = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and len(c.source.splitlines()) <= 6 for c in kode)  # thin, clean
    env = {**os.environ, "SINOVDA_KELAS": str(kelas_folder)}
    env.pop("SINOVDA_STORE_URL", None)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute(env=env)
    keluaran = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in keluaran if o.output_type == "error"]
    return keluaran


# ----- PostgreSQL (the second store backend) -------------------------------------------------
def _pg_bin() -> Path | None:
    """Debian's PostgreSQL server binaries (``/usr/lib/postgresql/<v>/bin``), newest first."""
    akar = Path("/usr/lib/postgresql")
    for d in sorted(akar.glob("*/bin"), key=lambda p: p.parent.name, reverse=True) \
            if akar.is_dir() else []:
        if (d / "initdb").exists() and (d / "pg_ctl").exists():
            return d
    return None


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory: pytest.TempPathFactory):
    """A real PostgreSQL server for this test session: Debian's ``postgresql`` (installed by
    scripts/pasang-sistem.sh), a fresh cluster in a temporary folder on a free 127.0.0.1 port,
    run as the ``postgres`` system account (initdb refuses root), stopped afterwards.
    Yields ``postgresql://sinovda@127.0.0.1:PORT/sinovda``."""
    import shutil
    import subprocess
    import tempfile

    bin_ = _pg_bin()
    if bin_ is None:
        pytest.fail("PostgreSQL tidak terpasang: jalankan scripts/pasang-sistem.sh")
    akun = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="sinovda-pg-"))
    data = folder / "data"
    port = port_bebas()

    def jalan(*args: str) -> None:
        perintah = list(args)
        if os.geteuid() == 0:
            perintah = ["runuser", "-u", akun, "--", *perintah]
        r = subprocess.run(perintah, capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            pytest.fail(f"PostgreSQL uji gagal dimulai ({Path(args[0]).name}): "
                        f"{r.stderr.strip() or r.stdout.strip()}")

    if os.geteuid() == 0:
        shutil.chown(folder, user=akun)
    try:
        jalan(str(bin_ / "initdb"), "-D", str(data), "-U", "sinovda", "--auth=trust",
              "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        jalan(str(bin_ / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
              "-o", f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off "
                    "-c max_connections=300", "start")
        jalan(str(bin_ / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "sinovda",
              "sinovda")
        yield f"postgresql://sinovda@127.0.0.1:{port}/sinovda"
    finally:
        if (data / "postmaster.pid").exists():
            jalan(str(bin_ / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


BACKEND = ["sqlite", "postgresql"]
"""The store backends every store test runs on (``lokasi`` fixture)."""


@pytest.fixture(params=BACKEND)
def lokasi(request: pytest.FixtureRequest, tmp_path: Path):
    """A factory ``lokasi(nama) -> str``: where a new class named ``nama`` goes on this test's
    backend: a folder under tmp_path (SQLite) or a fresh class key in the session's PostgreSQL
    database (``postgresql://...?kelas=<key>``)."""
    import uuid

    if request.param == "sqlite":
        return lambda nama="kelas": str(tmp_path / nama)
    url = request.getfixturevalue("pg_url")
    awalan = uuid.uuid4().hex[:10]
    return lambda nama="kelas": f"{url}?kelas=t{awalan}-{nama.lower()[:28]}"
