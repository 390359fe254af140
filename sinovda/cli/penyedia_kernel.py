"""Kernels forked from a warm template: a jupyter_client kernel provisioner (issue 9).

Under ``sinovda hub`` every page starts a new kernel in the participant's own server (the
participant is known from the server itself, and the page's request has arrived before
``start_kernel`` is called). A cold start is ~0.5 CPU-s; a room opening a module at once paid
it 40 times. ``PenyediaTempa`` (entry point ``sinovda-tempa`` of
``jupyter_client.kernel_provisioners``, made the default of a participant's server by
``deploy/peserta/jupyter_server_config.py``) is jupyter_client's ``LocalProvisioner`` whose
launch asks the server's template process (``sinovda.cli.templat_kernel``, started once per
server process by ``TEMPLAT``) to fork the kernel instead: same command line
(``python -m ipykernel_launcher -f <connection file>``), environment, working folder and
connection file as a normal start, but the imports are already done and their pages are shared
copy-on-write with the template.

Everything else is the ``LocalProvisioner``'s: ports, connection file, shutdown request, then
``ProsesTempa`` (a ``Popen``-like view of a process that is not the server's child, through a
pidfd: poll, wait, signal, kill; interrupt and restart therefore work as for a normal kernel;
the process group is the kernel's own). A normal start is used when the command is not a
Python ipykernel of this interpreter, when the template is not ready (still importing) or when
it does not answer (it died: it is started again, at most every ``JEDA_ULANG_DETIK`` and
``MULAI_MAKS`` times per server), and where the system has no pidfd (Linux before 5.3).
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

log = logging.getLogger(__name__)

NAMA = "sinovda-tempa"
"""The provisioner's entry-point name (``KernelProvisionerFactory.default_provisioner_name``)."""

JEDA_ULANG_DETIK = 30.0
MULAI_MAKS = 4  # template starts per server process (a template that keeps dying: normal starts)
TUNGGU_JAWAB_DETIK = 60.0  # a fork answers in milliseconds; a starved machine may delay it
PESAN_MAKS = 1 << 16


class ProsesTempa:
    """A forked kernel seen through its pidfd, with the part of ``subprocess.Popen`` that
    jupyter_client's ``LocalProvisioner`` uses. The exit status belongs to the template (its
    parent): an ended kernel reports 0 unless it was signalled from here (``-signal``)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, pidfd: int) -> None:
        self.pid = pid
        self._pidfd: int | None = pidfd
        self._sinyal_akhir = 0
        self.returncode: int | None = None

    def _selesai(self, batas: float | None) -> bool:
        if self._pidfd is None:
            return True
        siap, _, _ = select.select([self._pidfd], [], [], batas)
        if not siap:
            return False
        os.close(self._pidfd)
        self._pidfd = None
        self.returncode = -self._sinyal_akhir if self._sinyal_akhir else 0
        return True

    def poll(self) -> int | None:
        return self.returncode if self._selesai(0) else None

    def wait(self, timeout: float | None = None) -> int:
        if not self._selesai(timeout):
            raise subprocess.TimeoutExpired(["ipykernel-tempa"], timeout or 0)
        return self.returncode or 0

    def send_signal(self, sig: int) -> None:
        if self._pidfd is None:
            return
        try:
            signal.pidfd_send_signal(self._pidfd, sig)
        except ProcessLookupError:
            return
        if sig in (signal.SIGKILL, signal.SIGTERM):
            self._sinyal_akhir = sig

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Templat:
    """The server's template process (one per server process) and the requests to it."""

    def __init__(self) -> None:
        self._kunci = threading.Lock()
        self._proses: subprocess.Popen[bytes] | None = None
        self._soket: socket.socket | None = None
        self._siap = threading.Event()
        self._mulai_pada = float("-inf")
        self._kali_mulai = 0

    @property
    def pid(self) -> int | None:
        """The template's pid while it is ready, else None."""
        return self._proses.pid if self._proses is not None and self._siap.is_set() else None

    def mulai(self) -> None:
        """Start the template (if not running); returns at once, ``siap()`` tells when ready."""
        with self._kunci:
            if self._proses is not None and self._proses.poll() is None:
                return
            if self._kali_mulai >= MULAI_MAKS or not pidfd_didukung():
                return
            self._kali_mulai += 1
            self._mulai_pada = time.monotonic()
            self._siap.clear()
            milik_server, milik_templat = socket.socketpair(socket.AF_UNIX,
                                                            socket.SOCK_SEQPACKET)
            with milik_templat:
                self._proses = subprocess.Popen(
                    [sys.executable, "-P", "-m", "sinovda.cli.templat_kernel",
                     str(milik_templat.fileno())],
                    pass_fds=[milik_templat.fileno()], stdin=subprocess.DEVNULL, cwd="/",
                )
            self._soket = milik_server
            threading.Thread(target=self._tunggu_siap, args=(milik_server,),
                             name="templat-siap", daemon=True).start()
            threading.Thread(target=self._awasi, args=(self._proses,),
                             name="templat-awasi", daemon=True).start()

    def _awasi(self, proses: subprocess.Popen[bytes]) -> None:
        """Reap the template when it ends; its kernels are then started normally."""
        kode = proses.wait()
        if self._proses is proses:
            self._siap.clear()
            if kode not in (0, None) and self._soket is not None:
                log.warning("Templat kernel berhenti (kode %s); kernel dimulai dengan cara "
                            "biasa", kode)

    def _tunggu_siap(self, soket: socket.socket) -> None:
        try:
            data = soket.recv(PESAN_MAKS)
            if data and "siap" in json.loads(data):
                self._siap.set()
                return
        except (OSError, ValueError):
            pass
        log.warning("Templat kernel tidak siap; kernel dimulai dengan cara biasa")

    def siap(self, batas: float | None = None) -> bool:
        """Wait up to ``batas`` seconds for the template's imports; True when ready."""
        return self._siap.wait(batas)

    def hentikan(self) -> None:
        """Stop the template (its kernels keep running; they end with the server); a deliberate
        stop, so the count of starts begins again."""
        with self._kunci:
            self._kali_mulai = 0
            if self._soket is not None:
                self._soket.close()
                self._soket = None
            self._siap.clear()
            if self._proses is not None:
                try:
                    self._proses.wait(5)
                except subprocess.TimeoutExpired:
                    self._proses.kill()
                    self._proses.wait(5)
                self._proses = None

    def tempa(self, argv: list[str], env: dict[str, str], cwd: str) -> ProsesTempa | None:
        """A kernel forked with ``argv`` (ipykernel's arguments), ``env`` and ``cwd``; None when
        the template cannot serve (the caller then starts the kernel normally)."""
        if not self._siap.is_set():
            if self._proses is None or (self._proses.poll() is not None and
                                        time.monotonic() - self._mulai_pada > JEDA_ULANG_DETIK):
                self.mulai()
            return None
        with self._kunci:
            soket = self._soket
            if soket is None:
                return None
            try:
                soket.settimeout(TUNGGU_JAWAB_DETIK)
                soket.send(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode())
                data, fds, _flags, _addr = socket.recv_fds(soket, PESAN_MAKS, 1)
                jawab = json.loads(data) if data else {}
            except (OSError, ValueError) as e:
                log.warning("Templat kernel tidak menjawab (%s); dimulai ulang", e)
                self._siap.clear()
                if self._proses is not None:
                    self._proses.kill()  # (reaped by ``_awasi``)
                return None
        if "pid" not in jawab or not fds:
            for fd in fds:
                os.close(fd)
            log.warning("Templat kernel gagal: %s", jawab.get("galat", jawab))
            return None
        return ProsesTempa(int(jawab["pid"]), fds[0])


def pidfd_didukung() -> bool:
    """True where process file descriptors exist (Linux >= 5.3): the template needs them."""
    if not hasattr(os, "pidfd_open"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False
    return True


TEMPLAT = Templat()
"""The template of this server process."""


def mulai_jika_dipakai(config: Any) -> bool:
    """Start ``TEMPLAT`` at once when a server's ``config`` names this provisioner as the
    default (a participant's server: ``deploy/peserta``), so it is ready before the first page;
    True if started."""
    try:
        nama = config.KernelProvisionerFactory.default_provisioner_name
    except AttributeError:
        return False
    if nama != NAMA:
        return False
    TEMPLAT.mulai()
    return True


def dapat_ditempa(cmd: list[str]) -> bool:
    """True for the command of a Python ipykernel run by this interpreter."""
    return (len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"]
            and os.path.realpath(cmd[0]) == os.path.realpath(sys.executable))


class PenyediaTempa(LocalProvisioner):  # type: ignore[misc]
    """``LocalProvisioner`` whose kernels are forked from ``TEMPLAT`` when it can."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        import asyncio

        proses = None
        if dapat_ditempa(cmd):
            env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
            cwd = str(kwargs.get("cwd") or os.getcwd())
            proses = await asyncio.to_thread(TEMPLAT.tempa, list(cmd[3:]), env, cwd)
        if proses is None:
            return await super().launch_kernel(cmd, **kwargs)
        self.process = proses  # type: ignore[assignment]  # Popen-like (pidfd)
        self.pid = proses.pid
        self.pgid = proses.pid  # the kernel is its own session and process group
        self.cwd = kwargs.get("cwd") or os.getcwd()
        return self.connection_info
