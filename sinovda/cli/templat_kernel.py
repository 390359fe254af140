"""The kernel template of a participant's server: one process that has paid a kernel's start-up
once, and forks every new kernel of that server (issue 9: pages under ``sinovda hub``).

A cold kernel start costs ~0.5 CPU-s (Python, ipykernel, ipywidgets and the course's form
modules imported) before the notebook runs; 40 participants opening a module at the same moment
pay it 40 times on 2 cores. This process imports all of it once (``MODUL_SIAP``; no thread, no
ZeroMQ context, no event loop before a fork), freezes the imported objects out of the cyclic
garbage collector (so the children do not copy the shared pages by touching them) and then, for
each request of its server, forks a child that becomes an ordinary ipykernel: the request's
environment (Voila's ``QUERY_STRING``, ``SCRIPT_NAME``, ... of the page that asked), working
folder and arguments (``-f <connection file>``) replace the template's, and
``ipykernel.kernelapp`` runs as ``python -m ipykernel_launcher`` would.

Started and spoken to only by ``sinovda.cli.penyedia_kernel`` (the server's kernel provisioner):
``python -P -m sinovda.cli.templat_kernel FD``, where ``FD`` is the template's end of a
``SOCK_SEQPACKET`` socket pair that only its server holds the other end of (no socket on disk).
Messages are JSON: the template sends ``{"siap": pid}`` once its imports are done; for each
``{"argv": [...], "env": {...}, "cwd": "..."}`` it answers ``{"pid": n}`` with a pidfd of the
child (``SCM_RIGHTS``: the server signals and polls the exact process, never a reused pid), or
``{"galat": "..."}``. The template exits when its server closes the socket (server gone).

A forked kernel: is its own session and process group (as ``jupyter_client`` starts kernels);
has the signal handlers and mask of a new Python process; reads nothing from the template's
stdin; is named ``ipykernel-tempa`` (``/proc/<pid>/comm``: the cmdline stays the template's);
ends when its server process ends (the role of ``JPY_PARENT_PID`` in a normal start, watched
through a pidfd of the server, so the template dying does not end the open pages' kernels).
The template reaps its children. It runs as the server's own user, with the server's
environment, which ``sinovda.hub.spawner.env_peserta`` has already filtered; ``-P`` keeps the
working folder out of ``sys.path`` and the imports come only from the installed packages.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import json
import os
import select
import signal
import socket
import sys
import threading
import traceback
from typing import Any, NoReturn

MODUL_SIAP = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.comm",
    "ipywidgets",
    "IPython.core.interactiveshell",
    # what the kernel's start-up imports next (debugger module, without debugpy: ``siapkan``;
    # inspection, storemagic, the usage reply's psutil, tornado's queues): measured in a forked
    # kernel's ``sys.modules``
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "psutil",
    "tornado.platform.asyncio",
    "tornado.queues",
    "sinovda.forms.halaman",
    "sinovda.forms.pengantar",
    "sinovda.forms.masalah",
    "sinovda.forms.inovasi",
    "sinovda.forms.indikator",
    "sinovda.forms.monev",
    "sinovda.forms.replikasi",
    "sinovda.forms.penutup",
    "sinovda.store.remote",
    # the learning text above every module's form (``halaman.bahan_belajar`` ->
    # ``panel.markdown``): mistune builds its renderer (``mistune.html``, with its plugins) at
    # import, ~20 modules a module-01..06 kernel otherwise imported on its own
    "mistune",
)
"""Imported once by the template: what every course page's kernel imports (not matplotlib:
its backend is chosen at import from ``MPLBACKEND``, which ipykernel sets in the kernel)."""


def _panaskan_data() -> None:
    """Read, once, the course settings every page reads (``modul/pengaturan.yaml``: the same
    for every participant; cached with the file's modification time, so a file edited later
    is read again by the kernel). A file that cannot be read is left for the page to report."""
    from sinovda.data.settings import load_pengaturan
    from sinovda.domain.errors import SinovdaError

    try:
        load_pengaturan()
    except SinovdaError:
        pass

NAMA_KERNEL = "ipykernel-tempa"
"""The forked kernel's process name (15 characters: the kernel's limit)."""

PESAN_MAKS = 1 << 20


def siapkan(modul: tuple[str, ...] = MODUL_SIAP) -> None:
    """Import ``modul`` and freeze what is allocated (forked children share it unchanged).

    The course's kernels are never debugged (a participant's server drops debug requests:
    ``sinovda.hub.pelindung.PESAN_KERNEL``): debugpy is marked absent (a ``None`` entry in
    ``sys.modules`` makes its import fail), so ipykernel runs without its debugger, the path it
    supports when debugpy is not installed (~8 MB less per template, nothing imported later)."""
    sys.modules.setdefault("debugpy", None)  # type: ignore[arg-type]
    for nama in modul:
        importlib.import_module(nama)
    _panaskan_data()
    gc.collect()
    gc.freeze()


LINGKUNGAN_IMPOR = ("SINOVDA_MODUL", "PYTHONPATH", "PYTHONHOME", "PYTHONNOUSERSITE",
                    "PYTHONSAFEPATH", "MPLBACKEND")
"""Variables read when Python starts or a module is imported: a request whose value differs
from the template's is refused (its server then starts the kernel normally)."""


def periksa(permintaan: dict[str, Any]) -> None:
    """Refuse a request a forked kernel could not honour (``ValueError``)."""
    env = permintaan.get("env")
    if not isinstance(env, dict) or not isinstance(permintaan.get("argv"), list):
        raise ValueError("permintaan tidak lengkap")
    beda = [k for k in LINGKUNGAN_IMPOR if env.get(k) != os.environ.get(k)]
    if beda:
        raise ValueError(f"lingkungan berbeda dari templat: {', '.join(beda)}")


def daftarkan_impor_kernel() -> None:
    """In the forked kernel, once it exists: what the template's imports would have done had
    they run in a kernel. ``import ipywidgets`` registers the widget comm targets
    (``jupyter.widget``, ``jupyter.widget.control``: the page asks the latter for the widgets'
    states) only when a kernel is running; in the kernel the notebook's import is a no-op."""
    import ipywidgets

    ipywidgets.register_comm_target()


def _panen(*_args: Any) -> None:
    """SIGCHLD: reap every child that ended (the server learns of it through its pidfd)."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _awasi_server(pidfd_server: int) -> None:
    """In a kernel: end at once when the server process ends (as a normal kernel does)."""
    def tunggu() -> None:
        select.select([pidfd_server], [], [])
        os._exit(1)

    threading.Thread(target=tunggu, name="awasi-server", daemon=True).start()


def jadi_kernel(permintaan: dict[str, Any], kendali: socket.socket,
                pidfd_server: int) -> NoReturn:
    """In the forked child: become the requested ipykernel; never returns."""
    kode = 1
    try:
        kendali.close()
        os.setsid()
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as Python sets it at start-up
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        try:
            with open(f"/proc/{os.getpid()}/comm", "w") as f:
                f.write(NAMA_KERNEL)
        except OSError:
            pass
        nul = os.open(os.devnull, os.O_RDONLY)
        os.dup2(nul, 0)
        os.close(nul)
        cwd = str(permintaan.get("cwd") or os.getcwd())
        os.chdir(cwd)
        env = {str(k): str(v) for k, v in dict(permintaan["env"]).items()}
        # ipykernel's parent poller would end the kernel when the template (its parent) ends:
        # the kernel watches its server itself (``_awasi_server``); parent_handle 1 below turns
        # the poller off (and the console banner of a kernel started by hand)
        env.pop("JPY_PARENT_PID", None)
        os.environ.clear()
        os.environ.update(env)
        _awasi_server(pidfd_server)
        argv = [str(a) for a in permintaan["argv"]]
        sys.argv = ["ipykernel_launcher", *argv]
        from ipykernel import kernelapp

        app = kernelapp.IPKernelApp.instance(parent_handle=1)  # as ``launch_instance`` does
        app.initialize(argv)
        daftarkan_impor_kernel()
        app.start()
        kode = 0
    except SystemExit as e:
        kode = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:  # noqa: BLE001 - the child must never return into the template
        # a kernel that failed to start (e.g. another process took one of its ports): end now,
        # so its server sees it died and starts another (``penyaji_aman``); its exit handlers
        # would wait forever for the socket that never bound (zmq's context term)
        traceback.print_exc()
        kode = 1
    finally:
        try:
            if kode == 0:
                _tutup_rapi()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(kode)


def _tutup_rapi(batas: float = 5.0) -> None:
    """A kernel that ended normally: its exit handlers (sockets, history, connection file), as
    at interpreter exit, for at most ``batas`` seconds."""
    benang = threading.Thread(target=atexit._run_exitfuncs, daemon=True)
    benang.start()
    benang.join(batas)


def tempa(permintaan: dict[str, Any], kendali: socket.socket,
          pidfd_server: int) -> tuple[int, int]:
    """Fork a kernel for ``permintaan``; its pid and a pidfd of it (opened before the child can
    be reaped)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    try:
        pid = os.fork()
        if pid == 0:
            jadi_kernel(permintaan, kendali, pidfd_server)
        return pid, os.pidfd_open(pid)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})


def layani(kendali: socket.socket) -> None:
    """Answer fork requests until the server closes the socket."""
    pidfd_server = os.pidfd_open(os.getppid())
    signal.signal(signal.SIGCHLD, _panen)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl+C is the server's to handle
    kendali.send(json.dumps({"siap": os.getpid()}).encode())
    while True:
        data = kendali.recv(PESAN_MAKS)
        if not data:
            return
        try:
            permintaan = json.loads(data)
            periksa(permintaan)
            pid, pidfd = tempa(permintaan, kendali, pidfd_server)
        except Exception as e:  # noqa: BLE001 - answered; the server then starts normally
            kendali.send(json.dumps({"galat": f"{type(e).__name__}: {e}"}).encode())
            continue
        try:
            socket.send_fds(kendali, [json.dumps({"pid": pid}).encode()], [pidfd])
        finally:
            os.close(pidfd)


def periksa_siap() -> None:
    """Refuse to serve (``SystemExit``: the server then starts kernels normally) when the
    imports left what a fork must not copy: another thread (lost in the child, its locks held),
    or a widget (its comm would belong to no kernel; a module creating widgets at import)."""
    if threading.active_count() != 1:
        raise SystemExit("templat kernel: ada thread setelah impor")
    from ipywidgets.widgets import widget

    if widget._instances:
        raise SystemExit("templat kernel: widget dibuat saat impor")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    kendali = socket.socket(fileno=int(args[0]))
    siapkan()
    periksa_siap()
    layani(kendali)


if __name__ == "__main__":
    main()
