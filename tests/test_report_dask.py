"""Reports on Dask without a shared disk: workers that cannot see the class or the output folder.

How this proves it: the scheduler is a real ``distributed.LocalCluster(processes=True)`` and
its two workers (one thread each) are ``dask worker`` processes run as the system user
``nobody`` (``runuser``; this needs root, as CI runs, and is skipped with the reason
otherwise), with their own home as working directory and temp dir. The class folder and the
output folder live under pytest's temp folder, private to root (0700): the test first checks
that ``nobody`` can neither see the class DB nor create a file in the output folder. So a
report can only come out if the client read the class through the store and shipped it, the
workers rendered it from a private temporary class of their own, and the client wrote the
bytes they returned. The reports must equal the local batch's (same text in the PDFs, same key
numbers), a participant whose data breaks a cell fails alone, and every file in the output
folder belongs to root. The same cluster then makes the reports of a PostgreSQL class
(fixture ``pg_url``), which the workers open by its locator.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import uuid
from pathlib import Path

import psutil
import pytest
from conftest import NIP_JAHAT, NIP_LENGKAP, NIP_RUSAK, NIP_TANPA_INOVASI, buat_kelas_laporan

from sinovda import paths
from sinovda.report.batch import run_laporan

AKUN = "nobody"
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"
NIPS = [NIP_LENGKAP, NIP_TANPA_INOVASI, NIP_RUSAK, NIP_JAHAT]

pytestmark = [
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("runuser") is None,
        reason="pekerja Dask sebagai akun lain memerlukan root dan runuser (CI berjalan "
               "sebagai root)"),
    # the workers may run the system Python of the same minor version (see _python_akun_lain)
    pytest.mark.filterwarnings("ignore:Mismatched versions found"),
]


def _terbuka(path: Path) -> bool:
    path = Path(path).resolve()
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def _python_akun_lain() -> tuple[str, dict[str, str]]:
    """The interpreter another user can run: this venv's, or (pyenv under a closed /root) the
    system Python of the same version with this venv's packages on PYTHONPATH (as the hub)."""
    if _terbuka(Path(sys.executable)):
        return sys.executable, {}
    sistem = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
    if not (sistem.exists() and _terbuka(sistem)):
        pytest.skip(f"tidak ada Python {sistem.name} yang dapat dijalankan akun {AKUN}")
    site = sysconfig.get_paths()["purelib"]
    return str(sistem), {"PYTHONPATH": os.pathsep.join([str(paths.ROOT), site])}


def _sebagai_akun(*perintah: str) -> int:
    return subprocess.run([RUNUSER, "-u", AKUN, "--", *perintah], capture_output=True,
                          timeout=30).returncode


def _pdf_teks(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _laporan(keluaran: Path) -> dict[str, Path]:
    """{nip: folder} of the report folders written."""
    return {p.name.split("-")[0]: p for p in keluaran.iterdir() if p.is_dir()}


@pytest.fixture(scope="module")
def klaster(repo_terbuka):
    """A LocalCluster scheduler with two one-thread workers running as ``nobody``."""
    from distributed import Client, LocalCluster

    python, env_py = _python_akun_lain()
    info = pwd.getpwnam(AKUN)
    rumah = Path(tempfile.mkdtemp(prefix="sinovda-pekerja-"))
    os.chmod(rumah, 0o755)  # the parent of the workers' private homes
    pekerja: list[subprocess.Popen] = []
    # dashboard_address=None would still bind the fixed port 8787: a free loopback port instead
    cluster = LocalCluster(n_workers=0, processes=True, host="127.0.0.1", scheduler_port=0,
                           dashboard_address="127.0.0.1:0")
    try:
        for i in range(2):
            home = rumah / f"pekerja-{i}"
            home.mkdir(mode=0o700)
            os.chown(home, info.pw_uid, info.pw_gid)
            env = {"PATH": f"{Path(python).parent}:/usr/bin:/bin", "HOME": str(home),
                   "TMPDIR": str(home), "LANG": "C.UTF-8", **env_py}
            pekerja.append(subprocess.Popen(
                [RUNUSER, "-u", AKUN, "--", python, "-m", "distributed.cli.dask_worker",
                 cluster.scheduler_address, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--host", "127.0.0.1", "--local-directory", str(home)],
                cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        with Client(cluster.scheduler_address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
            # the workers really are the other account, in their own home
            assert set(client.run(os.getuid).values()) == {info.pw_uid}
            assert {str(Path(d).parent) for d in client.run(os.getcwd).values()} == {str(rumah)}
        yield cluster.scheduler_address, rumah
    finally:  # the workers, and any kernel they started, are gone afterwards
        keluarga = [c for p in pekerja for c in psutil.Process(p.pid).children(recursive=True)]
        for p in pekerja:
            p.terminate()
        for p in pekerja:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        _, hidup = psutil.wait_procs(keluarga, timeout=20)
        for c in hidup:
            c.kill()
        cluster.close()
        shutil.rmtree(rumah, ignore_errors=True)


def _tak_terjangkau(folder: Path) -> None:
    """The workers' account cannot see into ``folder`` nor write there."""
    os.chmod(folder, 0o700)
    assert _sebagai_akun("test", "-e", str(folder / ".")) != 0
    assert _sebagai_akun("touch", str(folder / "coba")) != 0
    assert not (folder / "coba").exists()


def _milik_root_saja(keluaran: Path) -> None:
    for p in keluaran.rglob("*"):
        assert p.lstat().st_uid == 0, p
        assert not p.name.endswith(".sementara"), p


def test_workers_without_the_class_folder_make_the_local_batchs_reports(klaster,
                                                                         tmp_path: Path):
    alamat, rumah = klaster
    kelas = buat_kelas_laporan(tmp_path / "kelas")
    keluaran = tmp_path / "laporan-dask"
    keluaran.mkdir()
    _tak_terjangkau(kelas)
    _tak_terjangkau(keluaran)
    assert _sebagai_akun("test", "-r", str(kelas / paths.DB_NAME)) != 0

    r = run_laporan(kelas, keluaran, nips=NIPS, scheduler=alamat, progress=False)
    assert sorted(h.nip for h in r.berhasil) == sorted([NIP_LENGKAP, NIP_TANPA_INOVASI,
                                                        NIP_JAHAT])
    (gagal,) = r.gagal  # the broken participant fails alone, with the cell and the reason
    assert gagal.nip == NIP_RUSAK and "sel" in gagal.sel and "sangat" in gagal.alasan
    assert all(h.berkas is None for h in r.berhasil)  # the bytes were written, not kept
    _milik_root_saja(keluaran)
    assert NIP_RUSAK not in _laporan(keluaran)

    lokal = run_laporan(kelas, tmp_path / "laporan-lokal", nips=NIPS, jobs=1, progress=False)
    assert sorted(h.nip for h in lokal.berhasil) == sorted(h.nip for h in r.berhasil)
    dask, sini = _laporan(keluaran), _laporan(tmp_path / "laporan-lokal")
    for nip in (NIP_LENGKAP, NIP_TANPA_INOVASI, NIP_JAHAT):
        teks = _pdf_teks(dask[nip] / "laporan.pdf")
        assert teks == _pdf_teks(sini[nip] / "laporan.pdf"), nip
        assert (dask[nip] / ".sidik").read_text() == (sini[nip] / ".sidik").read_text()
        for nama in ("laporan.html", "laporan.ipynb"):
            assert (dask[nip] / nama).stat().st_size > 1000
    teks = _pdf_teks(dask[NIP_LENGKAP] / "laporan.pdf")
    # key numbers of the complete participant (conftest.jawaban_lengkap), as the local batch
    for angka in ("Kelas Uji Laporan", "Ni Luh Putu Ayu Wédari", "Dinas Kesehatan"):
        assert angka in teks, angka
    assert "Budi Rusak" not in "".join(_pdf_teks(d / "laporan.pdf") for d in dask.values()
                                       if (d / "laporan.pdf").exists())

    # a second run skips every unchanged report (the client's fingerprints)
    lagi = run_laporan(kelas, keluaran, nips=NIPS, scheduler=alamat, progress=False)
    assert sorted(t.nip for t in lagi.dilewati) == sorted(h.nip for h in r.berhasil)
    # nothing of a participant stays in a worker's temp dir
    sisa = subprocess.run(["find", str(rumah), "-name", "sinovda.db"], capture_output=True,
                          text=True).stdout
    assert not sisa.strip()


def test_workers_open_a_postgresql_class_by_its_locator(klaster, pg_url: str, tmp_path: Path):
    alamat, _ = klaster
    lokasi = f"{pg_url}?kelas=dask-{uuid.uuid4().hex[:8]}"
    buat_kelas_laporan(lokasi)  # type: ignore[arg-type]
    keluaran = tmp_path / "laporan-pg"
    keluaran.mkdir()
    _tak_terjangkau(keluaran)
    r = run_laporan(lokasi, keluaran, nips=[NIP_LENGKAP, NIP_RUSAK], scheduler=alamat,
                    progress=False)
    assert [h.nip for h in r.berhasil] == [NIP_LENGKAP]
    assert [h.nip for h in r.gagal] == [NIP_RUSAK]
    folder = _laporan(keluaran)[NIP_LENGKAP]
    teks = _pdf_teks(folder / "laporan.pdf")
    assert "Kelas Uji Laporan" in teks and "Ni Luh Putu Ayu Wédari" in teks
    nb = (folder / "laporan.ipynb").read_text("utf-8")
    assert "postgresql://" not in nb  # the locator went to the kernel's env, not the notebook
    _milik_root_saja(keluaran)


def test_ctrl_c_cancels_the_cluster_work_and_leaves_only_whole_files(klaster, tmp_path: Path):
    """Ctrl-C while the workers are busy: the command stops at once (exit 130, no traceback),
    the cluster forgets the run's tasks, and the output folder holds only whole reports."""
    import json
    import signal
    import time

    from distributed import Client

    alamat, _ = klaster
    kelas = buat_kelas_laporan(tmp_path / "kelas")
    keluaran = tmp_path / "laporan"
    env = {k: v for k, v in os.environ.items() if k not in ("SINOVDA_KELAS", "SINOVDA_DB")}
    with Client(alamat, timeout=30) as client:
        def tugas() -> int:
            return client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))

        proc = subprocess.Popen(
            [sys.executable, "-m", "sinovda.cli.main", "laporan", "--kelas", str(kelas),
             "--keluaran", str(keluaran), "--scheduler", alamat, "--diam"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        batas = time.monotonic() + 60
        while tugas() == 0 and proc.poll() is None and time.monotonic() < batas:
            time.sleep(0.1)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "dihentikan" in err and "Traceback" not in err
        batas = time.monotonic() + 30
        while tugas() and time.monotonic() < batas:
            time.sleep(0.2)
        assert tugas() == 0
    assert not list(keluaran.rglob("*.sementara"))
    for folder in (p for p in keluaran.iterdir() if p.is_dir()) if keluaran.exists() else ():
        if (folder / "laporan.pdf").exists():  # whole: every file and the fingerprint
            assert (folder / ".sidik").is_file()
            assert (folder / "laporan.pdf").read_bytes().rstrip().endswith(b"%%EOF")
            json.loads((folder / "laporan.ipynb").read_text(encoding="utf-8"))
