"""``sinovda lab`` and ``sinovda app``: the course notebooks in JupyterLab or as a Voila app.

Both serve ``notebooks/`` on 127.0.0.1 with ``$SINOVDA_KELAS`` set to the class (kernels inherit
the server's environment, so every module form opens the same store). Without ``--kelas`` and
without ``$SINOVDA_KELAS`` they use the personal self-study workspace (``paths.pribadi_dir()``).
The server runs as a child process of the command (``sinovda.cli.proses``, portable to Windows,
which has no ``execve``); stopping the command (Ctrl+C) stops the server.

``sinovda app`` runs ``sinovda.cli.voila_app`` (Voila with the course map at ``/``, course modules
only, a participant per browser, kernels shut down when their tab closes) with the shared Voila
settings of ``sinovda.cli.voila_setelan`` (from ``app:`` in ``modul/pengaturan.yaml``). It is for
one person or a trusted desk; a room uses ``sinovda hub``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sinovda import paths
from sinovda.cli.args import arg_kelas, subperintah
from sinovda.cli.proses import jalankan_anak
from sinovda.cli.voila_setelan import ARGUMEN_APP, argumen_voila, lingkungan_voila
from sinovda.domain.errors import InputTidakValid

HOST = "127.0.0.1"


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``lab`` and ``app``."""
    for nama, bantuan, fungsi in (
        ("lab", "buka modul kursus di JupyterLab (untuk fasilitator dan peserta mahir)", cmd_lab),
        ("app", "buka modul kursus sebagai aplikasi web tanpa kode (Voila)", cmd_app),
    ):
        p = subperintah(sub, nama, bantuan)
        arg_kelas(p, "folder kelas (bawaan: $SINOVDA_KELAS; tanpa keduanya: belajar mandiri)")
        p.add_argument("--port", type=int, default=None, metavar="N",
                       help="nomor port (bawaan: 8888 untuk lab, 8866 untuk app)")
        p.add_argument("--no-browser", action="store_true", help="jangan buka peramban otomatis")
        p.set_defaults(func=fungsi)


def siapkan_ruang_kerja(kelas: str | None) -> tuple[Path, bool]:
    """The workspace folder and whether it is a class; a missing class is a user error."""
    from sinovda.store import Store

    if kelas or os.environ.get("SINOVDA_KELAS"):
        from sinovda.store.pg import adalah_url

        folder = paths.kelas_dir(kelas).expanduser()
        if not adalah_url(folder):  # a PostgreSQL locator stays as typed (no cwd prefix)
            folder = folder.resolve()
        Store.open(folder)  # raises a SinovdaError saying to run `sinovda kelas buat`
        return folder, True
    folder = paths.pribadi_dir().expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    Store.open(folder, create=True)
    return folder, False


def lingkungan(folder: Path, kelas: bool, dasar: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the server and its kernels (with our Voila template on
    ``$JUPYTER_PATH``)."""
    env = lingkungan_voila(dict(os.environ if dasar is None else dasar))
    if kelas:
        env["SINOVDA_KELAS"] = str(folder)
    else:
        env.pop("SINOVDA_KELAS", None)
        env["SINOVDA_PRIBADI"] = str(folder)
    return env


def _port(port: int | None) -> int | None:
    if port is not None and not 1 <= port <= 65535:
        raise InputTidakValid(f"--port {port} tidak valid: gunakan angka 1-65535")
    return port


def perintah_app(port: int | None = None, buka: bool = True,
                 notebooks: Path = paths.NOTEBOOKS_DIR) -> list[str]:
    """The app command: our Voila (course map, modules only) with the shared settings (code
    hidden, light theme, offline template, long output wait, kernel culling), loopback only."""
    from sinovda.data.ruang import load_ruang

    aturan = load_ruang()
    cmd = [sys.executable, "-m", "sinovda.cli.voila_app", str(notebooks), *argumen_voila(aturan),
           *ARGUMEN_APP, f"--SinovdaVoila.kernel_siaga={aturan.kernel_siaga_per_modul}",
           f"--Voila.ip={HOST}"]
    if port is not None:
        cmd.append(f"--port={port}")
    if not buka:
        cmd.append("--no-browser")
    return cmd


def perintah_lab(port: int | None = None, buka: bool = True,
                 notebooks: Path = paths.NOTEBOOKS_DIR) -> list[str]:
    """The JupyterLab command on the course notebooks, loopback only."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={notebooks}",
           f"--ServerApp.ip={HOST}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers often run as root; JupyterLab refuses otherwise
    if port is not None:
        cmd.append(f"--port={port}")
    if not buka:
        cmd.append("--no-browser")
    return cmd


def _jalankan(cmd: list[str], args: argparse.Namespace, nama: str) -> int:
    if not paths.NOTEBOOKS_DIR.is_dir():
        raise InputTidakValid(f"folder modul kursus tidak ditemukan: {paths.NOTEBOOKS_DIR}")
    folder, kelas = siapkan_ruang_kerja(args.kelas)
    env = lingkungan(folder, kelas)
    if kelas:
        from sinovda.store.pg import StorePG, adalah_url

        tempat = StorePG(folder).lokasi if adalah_url(folder) else folder  # password masked
        print(f"sinovda {nama}: kelas di {tempat}", file=sys.stderr)
    else:
        print(f"sinovda {nama}: belajar mandiri, ruang kerja pribadi di {folder}.\n"
              "Buka modul 00 Pengantar untuk mendaftarkan diri. Nanti buku kerja ini dapat "
              "dipindahkan ke kelas dengan 'sinovda ekspor' lalu 'sinovda impor'.",
              file=sys.stderr)
    print("Tekan Ctrl+C untuk berhenti.", file=sys.stderr, flush=True)
    sys.stdout.flush()
    return jalankan_anak(cmd, env)


def cmd_app(args: argparse.Namespace) -> int:
    """Serve the notebooks through Voila (no code shown)."""
    return _jalankan(perintah_app(_port(args.port), not args.no_browser), args, "app")


def cmd_lab(args: argparse.Namespace) -> int:
    """Serve the notebooks in JupyterLab."""
    return _jalankan(perintah_lab(_port(args.port), not args.no_browser), args, "lab")
