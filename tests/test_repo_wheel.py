"""The wheel installs anywhere: built from the repo, installed in a fresh virtual environment
outside the checkout, a base install (no hub, no Dask) builds the demo class, writes a report
and the recap, and serves the course, from another folder.

Offline and fast: the wheel is built with this venv's setuptools (``--no-build-isolation``, the
``test`` extra pins a new enough one) from a copy of the source, and installed with ``--no-deps``
into a fresh venv whose dependencies come from this venv's site-packages: a folder of symbolic
links to its entries, named in a ``.pth`` path line, WITHOUT the extras' distributions
(jupyterhub, its idle culler, distributed, dask: as on a base install) and without the editable
install of the checkout, so ``sinovda`` can only come from the wheel (checked).
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import port_bebas

ROOT = Path(__file__).resolve().parents[1]
PAKET = ROOT / "sinovda"
SUMBER = ("modul", "notebooks", "datasets", "deploy")
BUKAN_RUNTIME = ("deploy/k8s/",)  # build files for container images: not needed at run time
EKSTRA = ("jupyterhub", "jupyterhub-idle-culler", "distributed", "dask")
POSIX_SAJA = {"pwd", "grp", "fcntl", "termios", "resource", "posix", "tty", "pty"}
# where a POSIX-only module may be imported: the hub's system-user modules (loaded only by
# `sinovda hub` and its processes, POSIX by nature) and the portable file lock (behind
# ``sys.platform``)
BOLEH_POSIX = {"hub/spawner.py", "hub/sistem.py", "data/kunci_berkas.py"}
# what the base install runs: the CLI, the course pages (Hasil saya and Admin Kelas use hub.admin),
# reports; none of it may load the hub's POSIX-only modules or an extra's package
JALUR_DASAR = ("sinovda.cli.main", "sinovda.hub.admin", "sinovda.forms.halaman",
               "sinovda.report.batch", "sinovda.report.rekap", "sinovda.cli.voila_app")
TERLARANG_DASAR = ("sinovda.hub.spawner", "sinovda.hub.sistem", "sinovda.hub.konfigurasi",
                   "jupyterhub", "distributed", "dask")


def _tanpa_ekstra(site: Path, ke: Path) -> Path:
    """``ke``: symbolic links to every entry of ``site`` but the extras' and sinovda's own."""
    sembunyi: set[str] = set()
    for nama in (*EKSTRA, "sinovda"):
        for f in importlib.metadata.distribution(nama).files or []:
            if f.parts and f.parts[0] != "..":
                sembunyi.add(f.parts[0])
    ke.mkdir()
    for entri in site.iterdir():
        if entri.name not in sembunyi and not entri.name.startswith("__editable__"):
            (ke / entri.name).symlink_to(entri)
    return ke


def _berkas_terlacak(folder: str) -> list[str]:
    """The repo's files in ``folder`` (git's list in a clone; else every file but caches)."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        r = subprocess.run(["git", "ls-files", "--", folder], cwd=ROOT, capture_output=True,
                           text=True, check=True)
        return [x for x in r.stdout.splitlines() if (ROOT / x).is_file()]
    return [str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts]


def _salin_sumber(ke: Path) -> Path:
    ke.mkdir()
    for nama in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / nama, ke / nama)
    abaikan = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(PAKET, ke / "sinovda", ignore=abaikan)
    for folder in SUMBER:
        for rel in _berkas_terlacak(folder):
            (ke / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, ke / rel)
    return ke


def _jalankan(cmd: list[str], cwd: Path, env: dict[str, str], batas: float = 300):
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=batas)
    assert r.returncode == 0, f"{' '.join(cmd)} -> {r.returncode}\n{r.stdout}\n{r.stderr}"
    return r


@pytest.fixture(scope="module")
def roda(tmp_path_factory) -> Path:
    """The wheel built from a copy of the repo."""
    tmp = tmp_path_factory.mktemp("roda")
    src = _salin_sumber(tmp / "src")
    _jalankan([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
               "--no-index", "--disable-pip-version-check", "-q", "-w", str(tmp / "dist"),
               str(src)], tmp, dict(os.environ))
    (whl,) = (tmp / "dist").glob("sinovda-*.whl")
    return whl


@pytest.fixture(scope="module")
def venv_bersih(roda, tmp_path_factory) -> Path:
    """A fresh venv outside the checkout with only the wheel installed (base: extras hidden)."""
    tmp = tmp_path_factory.mktemp("venv")
    venv = tmp / "venv"
    _jalankan([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp, dict(os.environ))
    py = venv / "bin" / "python"
    _jalankan([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps",
               "--no-index", "--disable-pip-version-check", "-q", str(roda)], tmp,
              dict(os.environ))
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                                "['purelib'])"], capture_output=True, text=True,
                               check=True).stdout.strip())
    dependensi = _tanpa_ekstra(Path(sysconfig.get_paths()["purelib"]), tmp / "dependensi")
    (site / "_sinovda_dependensi.pth").write_text(f"{dependensi}\n", encoding="utf-8")
    return venv


def _env(venv: Path, kerja: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SINOVDA_", "PYTHON", "JUPYTER", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = str(kerja / "rumah")
    env["MPLCONFIGDIR"] = str(kerja / "mpl")
    return env


def test_every_package_of_the_source_is_listed_for_the_wheel():
    daftar = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["packages"]
    ada = {".".join(p.parent.relative_to(ROOT).parts) for p in PAKET.rglob("__init__.py")}
    kurang = sorted(ada - set(daftar))
    assert not kurang, f"paket belum didaftar di pyproject.toml: {kurang}"


def test_the_wheel_carries_the_course_files_and_the_license(roda):
    with zipfile.ZipFile(roda) as z:
        isi = set(z.namelist())
    kurang = [rel for folder in SUMBER for rel in _berkas_terlacak(folder)
              if f"sinovda/_resources/{rel}" not in isi and not rel.startswith(BUKAN_RUNTIME)]
    assert not kurang, f"tidak ikut dalam wheel: {kurang}"
    assert "sinovda/_resources/modul/kursus.yaml" in isi
    assert "sinovda/_resources/notebooks/laporan_peserta.ipynb" in isi
    assert "sinovda/share/jupyter/voila/templates/sinovda/index.html.j2" in isi
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in isi)
    # test runs' leftovers and the container build files never ship
    assert not [n for n in isi if "__pycache__" in n or "profile_default" in n or
                "/deploy/k8s/" in n]


def test_declared_license_matches_the_license_file():
    proyek = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert proyek["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_base_install_needs_no_extras():
    proyek = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dasar = " ".join(proyek["dependencies"])
    for nama in ("jupyterhub", "distributed", "dask", "psycopg"):
        assert nama not in dasar
    assert {"hub", "dask", "pg"} <= set(proyek["optional-dependencies"])


def _impor_posix(path: Path) -> list[str]:
    salah = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        nama = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        salah += [f"baris {node.lineno}: {n}" for n in nama if n.split(".")[0] in POSIX_SAJA]
    return salah


def test_only_the_hub_imports_posix_only_modules():
    salah = {}
    for path in PAKET.rglob("*.py"):
        rel = path.relative_to(PAKET)
        if rel.as_posix() in BOLEH_POSIX:
            continue
        if found := _impor_posix(path):
            salah[str(rel)] = found
    assert not salah, f"modul khusus POSIX di luar {sorted(BOLEH_POSIX)}: {salah}"


def test_the_base_path_loads_no_hub_system_module_and_no_extra():
    kode = (f"import importlib, sys\nfor m in {JALUR_DASAR!r}: importlib.import_module(m)\n"
            "import sinovda.cli.main as m\nm.build_parser()\n"
            f"print(sorted(n for n in sys.modules if n.startswith({TERLARANG_DASAR!r})))")
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True,
                       timeout=120, check=True)
    assert r.stdout.strip() == "[]", r.stdout


def test_the_wheel_in_a_fresh_venv_runs_the_course_from_another_folder(venv_bersih, tmp_path):
    kerja = tmp_path / "kerja"
    kerja.mkdir()
    env = _env(venv_bersih, kerja)
    py = str(venv_bersih / "bin" / "python")
    sinovda = str(venv_bersih / "bin" / "sinovda")

    # sinovda comes from the wheel, its course files from inside the installed package
    r = _jalankan([py, "-c", "import sinovda, sinovda.paths as p; print(sinovda.__file__); "
                   "print(p.ROOT); print(p.MODUL_DIR)"], kerja, env)
    berkas, akar, modul = r.stdout.split()
    assert Path(berkas).is_relative_to(venv_bersih), berkas
    assert Path(akar) == Path(berkas).parent / "_resources"
    assert Path(modul) == Path(akar) / "modul"
    # the extras really are absent, and reports' kernels run this venv's Python
    r = _jalankan([py, "-c", "import importlib.util as u; print([u.find_spec(m) is None "
                   "for m in ('jupyterhub', 'distributed')]); "
                   "from jupyter_client.kernelspec import KernelSpecManager as K; "
                   "print(K().get_kernel_spec('python3').argv[0])"], kerja, env)
    tidak_ada, kernel = r.stdout.split("\n")[:2]
    assert tidak_ada == "[True, True]"
    assert Path(kernel) == Path(py) or Path(kernel).name == "python", kernel

    _jalankan([sinovda, "demo", "--tanpa-laporan"], kerja, env)
    kelas = kerja / "kelas-demo"
    assert (kelas / "sinovda.db").is_file()
    nip = sorted(p.stem for p in
                 (Path(akar) / "datasets" / "demo" / "workbooks").glob("*.json"))[0]
    _jalankan([sinovda, "laporan", "--kelas", "kelas-demo", "--nip", nip, "--jobs", "1",
               "--diam", "--keluaran", "keluaran"], kerja, env)
    keluaran = sorted(p.name for p in (kerja / "keluaran").rglob("*") if p.is_file())
    for akhiran in (".pdf", ".html", ".ipynb"):
        assert any(n.endswith(akhiran) for n in keluaran), keluaran
    pdf = next((kerja / "keluaran").rglob("*.pdf"))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    _jalankan([sinovda, "rekap", "--kelas", "kelas-demo"], kerja, env)
    assert (kelas / "rekap" / "rekap.xlsx").is_file()

    # a command needing an extra names the extra to install (exit 2, no traceback)
    for perintah, ekstra in ((["laporan", "--kelas", "kelas-demo", "--diam",
                               "--scheduler", "tcp://127.0.0.1:1"], "dask"),
                             (["hub", "--kelas", "kelas-demo", "--port", "1"], "hub")):
        r = subprocess.run([sinovda, *perintah], cwd=kerja, env=env, capture_output=True,
                           text=True, timeout=120)
        assert r.returncode == 2, r.stderr
        assert f'pip install "sinovda[{ekstra}]"' in r.stderr and "Traceback" not in r.stderr

    # the course app serves the course map from the installed notebooks
    port = port_bebas()
    with open(tmp_path / "app.log", "wb") as log:
        app = subprocess.Popen([sinovda, "app", "--kelas", "kelas-demo", "--port", str(port),
                                "--no-browser"], cwd=kerja, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        akhir = time.monotonic() + 90
        while True:
            assert app.poll() is None, (tmp_path / "app.log").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    halaman = r.read().decode("utf-8")
                    break
            except OSError:
                assert time.monotonic() < akhir, (tmp_path / "app.log").read_text()
                time.sleep(0.3)
        assert "Pengantar" in halaman
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
