"""An exclusive lock on a lock file, portable: ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows (the self-study laptop), so the base install imports nothing POSIX-only at import time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def kunci_eksklusif(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the ``with`` block; another
    process asking for it waits (on Windows ``msvcrt`` retries for about 10 s, then OSError)."""
    with open(path, "a", encoding="utf-8") as berkas:
        if sys.platform == "win32":
            import msvcrt

            berkas.seek(0)
            msvcrt.locking(berkas.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                berkas.seek(0)
                msvcrt.locking(berkas.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(berkas, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(berkas, fcntl.LOCK_UN)
