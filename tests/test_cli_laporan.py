"""``sinovda laporan`` and ``sinovda rekap`` as a user types them (real subprocesses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import NIP_LENGKAP, NIP_RUSAK


def sinovda(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SINOVDA_KELAS"}
    return subprocess.run([sys.executable, "-m", "sinovda.cli.main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_laporan_for_named_participants_prints_a_summary(kelas_laporan: Path, tmp_path: Path):
    out = tmp_path / "keluar"
    r = sinovda("laporan", "--kelas", str(kelas_laporan), "--keluaran", str(out), "--nip",
                NIP_LENGKAP, NIP_RUSAK, "--jobs", "1", cwd=tmp_path)
    assert r.returncode == 1, r.stderr  # one participant failed: not a clean run
    assert "berhasil 1, gagal 1, dilewati 0" in r.stdout
    assert f"GAGAL {NIP_RUSAK} Budi Rusak" in r.stdout
    assert "Traceback" not in r.stderr
    assert "Laporan" in r.stderr  # the progress bar goes to stderr
    (folder,) = [p for p in out.iterdir() if p.name.startswith(NIP_LENGKAP)]
    assert (folder / "laporan.pdf").is_file()
    again = sinovda("laporan", "--kelas", str(kelas_laporan), "--keluaran", str(out), "--nip",
                    NIP_LENGKAP, "--diam", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "berhasil 0, gagal 0, dilewati 1" in again.stdout


def test_user_mistakes_exit_2_with_a_message(kelas_laporan: Path, tmp_path: Path):
    r = sinovda("laporan", "--kelas", str(kelas_laporan), "--nip", "199912312020121001",
                cwd=tmp_path)
    assert r.returncode == 2 and "199912312020121001" in r.stderr
    assert "Traceback" not in r.stderr
    r = sinovda("laporan", "--kelas", str(kelas_laporan), "--jobs", "0", cwd=tmp_path)
    assert r.returncode == 2 and "--jobs" in r.stderr
    r = sinovda("laporan", "--kelas", str(kelas_laporan), "--scheduler", "bukan-alamat",
                cwd=tmp_path)
    assert r.returncode == 2 and "--scheduler" in r.stderr and "Traceback" not in r.stderr
    assert "bukan alamat scheduler Dask" in r.stderr and "missing port" not in r.stderr
    r = sinovda("rekap", "--kelas", str(tmp_path / "tidak-ada"), cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_rekap_writes_excel_and_html(kelas_laporan: Path, tmp_path: Path):
    r = sinovda("rekap", "--kelas", str(kelas_laporan), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (kelas_laporan / "rekap" / "rekap.xlsx").is_file()
    assert (kelas_laporan / "rekap" / "rekap.html").is_file()
    assert "rekap.xlsx" in r.stdout


def test_ctrl_c_leaves_only_whole_files_and_no_kernel(kelas_laporan: Path, tmp_path: Path):
    import json
    import signal
    import time

    import psutil

    out = tmp_path / "keluar"
    env = {k: v for k, v in os.environ.items() if k != "SINOVDA_KELAS"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sinovda.cli.main", "laporan", "--kelas", str(kelas_laporan),
         "--keluaran", str(out), "--jobs", "2", "--diam"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    batas = time.monotonic() + 120
    while not list(out.glob("*/laporan.pdf")) and time.monotonic() < batas:
        time.sleep(0.05)
    keluarga = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "dihentikan" in err and "Traceback" not in err
    psutil.wait_procs(keluarga, timeout=30)
    assert not [p for p in keluarga if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not list(out.rglob("*.sementara"))
    for html in out.glob("*/laporan.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    for pdf in out.glob("*/laporan.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    for nb in out.glob("*/laporan.ipynb"):
        json.loads(nb.read_text(encoding="utf-8"))


def test_rekap_gabung_kelas_yang_sama_dua_kali_keluar_2(kelas_laporan: Path, tmp_path: Path):
    r = sinovda("rekap", "--gabung", str(kelas_laporan), str(kelas_laporan / "."), cwd=tmp_path)
    assert r.returncode == 2 and "disebut dua kali" in r.stderr and "--gabung" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "rekap-gabungan").exists()


def test_rekap_semua_db_rusak_keluar_2(tmp_path: Path):
    r = sinovda("rekap", "--semua", "--db", "postgresql://[bukan-alamat", cwd=tmp_path)
    assert r.returncode == 2 and "alamat basis data PostgreSQL tidak sah" in r.stderr
    assert "Traceback" not in r.stderr


def test_rekap_gabung_kelas_pg_yang_sama_lewat_kunci_alamat_atau_semua_keluar_2(pg_url: str,
                                                                                 tmp_path: Path):
    """A PostgreSQL class named by its key and by its locator, or by its key beside --semua
    (which names every class again), was recapped twice ('Rekap 5 kelas' for 4), every one of
    its participants counted twice in the per-class breakdown and the totals."""
    import uuid

    from sinovda.store import Store

    kunci = f"dua{uuid.uuid4().hex[:6]}"
    Store.create(f"{pg_url}?kelas={kunci}", nama="Dua Kali").close()
    for argumen in (["--gabung", kunci, "--semua"],
                    ["--gabung", kunci, f"{pg_url}?kelas={kunci}"],
                    ["--gabung", f"{pg_url}?kelas={kunci}",
                     f"{pg_url.replace('postgresql://', 'postgres://')}?kelas={kunci}"]):
        r = sinovda("rekap", "--db", pg_url, *argumen, cwd=tmp_path)
        assert r.returncode == 2, (argumen, r.stdout, r.stderr)
        assert "disebut dua kali" in r.stderr and "Traceback" not in r.stderr
        assert not (tmp_path / "rekap-gabungan").exists()
