"""Run a server (Voila, JupyterLab) as a child process of the ``sinovda`` command.

A child process rather than ``os.execve``: Windows has no ``execve`` (Python's emulation starts a
new process and exits, leaving the console). The command waits for the server; Ctrl+C, or a
SIGTERM to ``sinovda`` itself, stops the server too, so no server outlives the command.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Mapping, Sequence
from types import FrameType

BATAS_BERHENTI = 15.0  # seconds a server gets to shut down cleanly before it is killed


def _berhenti(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def jalankan_anak(cmd: Sequence[str], env: Mapping[str, str]) -> int:
    """Run ``cmd`` with ``env`` and return its exit code; on Ctrl+C or SIGTERM stop it (terminate,
    then kill after ``BATAS_BERHENTI`` seconds) and raise ``KeyboardInterrupt``."""
    proses = subprocess.Popen(list(cmd), env=dict(env))
    lama = signal.signal(signal.SIGTERM, _berhenti)
    try:
        return proses.wait()
    except KeyboardInterrupt:
        hentikan(proses)
        raise
    finally:
        signal.signal(signal.SIGTERM, lama)


def hentikan(proses: subprocess.Popen[bytes]) -> None:
    """Stop ``proses``: terminate (SIGTERM; TerminateProcess on Windows), kill if it lingers."""
    if proses.poll() is not None:
        return
    proses.terminate()
    try:
        proses.wait(timeout=BATAS_BERHENTI)
    except subprocess.TimeoutExpired:
        proses.kill()
        proses.wait()
