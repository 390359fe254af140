"""A throw-away PostgreSQL server for the benchmarks: Debian's ``postgresql`` binaries, a fresh
cluster in a temporary folder on a free 127.0.0.1 port (as the ``postgres`` account when run as
root: initdb refuses root), stopped and removed afterwards. Same recipe as the ``pg_url`` test
fixture (tests/conftest.py). ``fsync`` stays ON here: the latencies are a real server's."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin() -> Path:
    akar = Path("/usr/lib/postgresql")
    for d in sorted(akar.glob("*/bin"), key=lambda p: p.parent.name, reverse=True):
        if (d / "initdb").exists():
            return d
    raise SystemExit("PostgreSQL tidak terpasang: jalankan scripts/pasang-sistem.sh")


@contextmanager
def server_pg() -> Iterator[str]:
    """Yield ``postgresql://sinovda@127.0.0.1:PORT/sinovda`` of a temporary server."""
    bin_ = _bin()
    folder = Path(tempfile.mkdtemp(prefix="sinovda-pg-bench-"))
    data = folder / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def jalan(*args: str) -> None:
        perintah = list(args)
        if os.geteuid() == 0:
            perintah = ["runuser", "-u", "postgres", "--", *perintah]
        subprocess.run(perintah, check=True, capture_output=True, timeout=120)

    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres")
    try:
        jalan(str(bin_ / "initdb"), "-D", str(data), "-U", "sinovda", "--auth=trust",
              "-E", "UTF8", "--locale=C.UTF-8")
        jalan(str(bin_ / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
              "-o", f"-h 127.0.0.1 -p {port} -k {folder} -c max_connections=300", "start")
        jalan(str(bin_ / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "sinovda",
              "sinovda")
        yield f"postgresql://sinovda@127.0.0.1:{port}/sinovda"
    finally:
        if (data / "postmaster.pid").exists():
            jalan(str(bin_ / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
