"""Run a server (Voila, JupyterLab) as a child process of the ``sinovda`` command.

A child process rather than ``os.execve``: Windows has no ``execve`` (Python's emulation starts a
new process and exits, leaving the console). The command waits for the server; Ctrl+C, or a
SIGTERM (or a closed terminal's SIGHUP) to ``sinovda`` itself, stops the server too, so no server
outlives the command.

On POSIX the server runs in its own session: a terminal's Ctrl+C reaches only ``sinovda``, which
stops the server with one SIGTERM. Otherwise the server got the SIGINT too, then the SIGTERM:
JupyterLab printed its English "Shut down this Jupyter server (y/[n])?" prompt, and a second
signal could cut a server's kernel shutdown short.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from types import FrameType

BATAS_BERHENTI = 10.0  # seconds a server gets to shut down cleanly before it is killed


def _berhenti(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def jalankan_anak(cmd: Sequence[str], env: Mapping[str, str]) -> int:
    """Run ``cmd`` with ``env`` (in its own session on POSIX) and return its exit code; on Ctrl+C,
    SIGTERM or SIGHUP stop it (terminate, then kill after ``BATAS_BERHENTI`` seconds) and raise
    ``KeyboardInterrupt``."""
    sinyal = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    lama = {s: signal.signal(s, _berhenti) for s in sinyal}
    try:
        proses = subprocess.Popen(list(cmd), env=dict(env), start_new_session=os.name == "posix")
        try:
            return proses.wait()
        except KeyboardInterrupt:
            for s in [signal.SIGINT, *sinyal]:  # a second Ctrl+C must not cut the stop short
                signal.signal(s, signal.SIG_IGN)
            hentikan(proses)
            raise
    finally:
        for s, h in lama.items():
            signal.signal(s, h)


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
