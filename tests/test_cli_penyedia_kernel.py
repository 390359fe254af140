"""Kernels forked from a warm template (``sinovda.cli.penyedia_kernel``, issue 9).

Real kernels through jupyter_client's ``AsyncKernelManager`` with the provisioner named as the
default (as a participant's server under ``sinovda hub`` is configured by ``deploy/peserta``):
the page's environment and folder reach the kernel, the course's forms are already imported, the
kernel is the template's child (not a new interpreter), interrupt, restart and shutdown work as
for a normal kernel, and a template that died costs no page (a normal start). A real hub: a
participant's page kernel is forked from the template their server started before the request,
the page shows that participant, and the server is back to its warm state after the page.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from jupyter_client import AsyncKernelManager
from jupyter_client.provisioning import KernelProvisionerFactory

from sinovda.cli import penyedia_kernel as pk

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def tempa() -> Iterator[pk.Templat]:
    """This process's template, ready, with the provisioner as the default; then stopped."""
    pabrik = KernelProvisionerFactory.instance()
    lama = pabrik.default_provisioner_name
    pabrik.default_provisioner_name = pk.NAMA
    pk.TEMPLAT.mulai()
    assert pk.TEMPLAT.siap(90), "templat kernel tidak siap"
    try:
        yield pk.TEMPLAT
    finally:
        pabrik.default_provisioner_name = lama
        pk.TEMPLAT.hentikan()


async def _jalankan(km: AsyncKernelManager, kode: str) -> tuple[str, str]:
    """Run ``kode`` in the kernel; (stdout, error name or '')."""
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        keluar: list[str] = []
        galat: list[str] = []

        def simpan(pesan: dict) -> None:
            if pesan["msg_type"] == "stream":
                keluar.append(pesan["content"]["text"])
            elif pesan["msg_type"] == "error":
                galat.append(pesan["content"]["ename"])

        await kc.execute_interactive(kode, timeout=60, output_hook=simpan)
        return "".join(keluar), "".join(galat)
    finally:
        kc.stop_channels()


KODE_CEK = (
    "import os, sys\n"
    "print(os.environ.get('QUERY_STRING'), os.environ.get('HTTP_COOKIE'), os.getcwd(), "
    "os.getppid(), 'sinovda.forms.masalah' in sys.modules, 'ipywidgets' in sys.modules, "
    "sys.modules.get('debugpy', 'ada'))"
)


def test_kernel_ditempa_dengan_lingkungan_permintaannya(tempa, tmp_path):
    """The request's environment and folder are the kernel's; the forms were imported by the
    template before (the cell imports nothing); the kernel is the template's child, named
    ``ipykernel-tempa``; shutdown ends the process."""
    async def uji() -> None:
        km = AsyncKernelManager(kernel_name="python3")
        env = {**os.environ, "QUERY_STRING": "modul=01", "HTTP_COOKIE": "sinovda_sesi=abc"}
        await km.start_kernel(env=env, cwd=str(tmp_path))
        try:
            assert isinstance(km.provisioner, pk.PenyediaTempa)
            assert isinstance(km.provisioner.process, pk.ProsesTempa)
            keluar, galat = await _jalankan(km, KODE_CEK)
            assert not galat
            assert keluar.split() == ["modul=01", "sinovda_sesi=abc", str(tmp_path),
                                      str(tempa.pid), "True", "True", "None"]
            proses = psutil.Process(km.provisioner.pid)
            assert proses.ppid() == tempa.pid and proses.name() == "ipykernel-tempa"
            assert os.getpgid(proses.pid) == proses.pid  # its own process group, as normally
        finally:
            pid = km.provisioner.pid
            await km.shutdown_kernel()
        assert not await km.is_alive()
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == "zombie"

    asyncio.run(uji())


def test_halaman_mendapat_status_widget(tempa):
    """What the page does once its notebook ran: open the widget control comm and ask for the
    widgets' states (ipywidgets registers that comm target when imported in a kernel; in a
    forked kernel it was imported before the kernel existed). The states arrive."""
    async def uji() -> None:
        km = AsyncKernelManager(kernel_name="python3")
        await km.start_kernel(env=dict(os.environ))
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            await kc.execute_interactive(
                "import ipywidgets as w\nfrom IPython.display import display\n"
                "display(w.Text(value='Ani Lestari'))", timeout=60, output_hook=lambda m: None)
            comm = "c0ffee"
            kc.shell_channel.send(kc.session.msg("comm_open", {
                "comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
                metadata={"version": "1.0.0"}))
            kc.shell_channel.send(kc.session.msg("comm_msg", {
                "comm_id": comm, "data": {"method": "request_states"}}))
            batas = time.monotonic() + 30
            while True:
                pesan = await kc.get_iopub_msg(timeout=max(0.1, batas - time.monotonic()))
                data = pesan["content"].get("data", {})
                if pesan["msg_type"] == "comm_msg" and data.get("method") == "update_states":
                    break
            nilai = [st["state"].get("value") for st in data["states"].values()]
            assert "Ani Lestari" in nilai
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    asyncio.run(uji())


def test_halaman_modul_01_tidak_mengimpor_apa_pun_di_kernel(tempa, tmp_path):
    """A module-01 page (Voila address: charts lazy) built in a forked kernel for a participant
    imports nothing the template did not import already (the learning text's Markdown renderer
    included), so the page's kernel pays neither the CPU nor the private memory of those
    imports. The folder store's backend choice (``sinovda.store.*``) is left aside: under the
    hub the kernel's store is ``sinovda.store.remote``, imported by the template."""
    from sinovda.domain.peserta import Peserta
    from sinovda.store import Store

    nip = "198001012006041001"
    Store.open(tmp_path, create=True).upsert_peserta([Peserta(nip=nip, nama="Ani Lestari")])
    env = {**os.environ, "SINOVDA_KELAS": str(tmp_path), "SINOVDA_PESERTA": nip,
           "SCRIPT_NAME": "/user/snv1/voila/render/notebooks/01_masalah.ipynb"}

    async def uji() -> None:
        km = AsyncKernelManager(kernel_name="python3")
        await km.start_kernel(env=env, cwd=str(tmp_path))
        try:
            assert isinstance(km.provisioner.process, pk.ProsesTempa)
            keluar, galat = await _jalankan(km, (
                "import sys\n_awal = set(sys.modules)\n"
                "from sinovda.forms import masalah\nform = masalah.tampilkan()\n"
                "print('modul-baru', sorted(m for m in set(sys.modules) - _awal\n"
                "      if not m.startswith('sinovda.store.')))\n"
                "print('peserta', form is not None and 'Ani Lestari' in repr(\n"
                "      [getattr(x, 'value', '') for x in __import__('ipywidgets').widgets"
                ".widget.Widget.widgets.values()]))\n"))
        finally:
            await km.shutdown_kernel(now=True)
        assert not galat, keluar
        assert "modul-baru []" in keluar and "peserta True" in keluar, keluar

    asyncio.run(uji())


def test_interupsi_dan_mulai_ulang(tempa):
    """Interrupt stops a running cell (KeyboardInterrupt); restart gives a new forked kernel."""
    async def uji() -> None:
        km = AsyncKernelManager(kernel_name="python3")
        await km.start_kernel(env=dict(os.environ))
        try:
            kc = km.client()
            kc.start_channels()
            await kc.wait_for_ready(timeout=60)
            galat: list[str] = []
            tugas = asyncio.ensure_future(kc.execute_interactive(
                "import time\ntime.sleep(60)", timeout=90,
                output_hook=lambda m: galat.append(m["content"]["ename"])
                if m["msg_type"] == "error" else None))
            await asyncio.sleep(2)
            t0 = time.monotonic()
            await km.interrupt_kernel()
            await asyncio.wait_for(tugas, 30)
            kc.stop_channels()
            assert galat == ["KeyboardInterrupt"] and time.monotonic() - t0 < 20
            pid_lama = km.provisioner.pid
            await km.restart_kernel(now=True)
            assert km.provisioner.pid != pid_lama and await km.is_alive()
            assert psutil.Process(km.provisioner.pid).ppid() == tempa.pid
            keluar, _ = await _jalankan(km, "print(6 * 7)")
            assert keluar.strip() == "42"
        finally:
            await km.shutdown_kernel(now=True)

    asyncio.run(uji())


def test_templat_mati_kernel_biasa_dan_halaman_terbuka_tetap(tempa):
    """The template killed: a running kernel lives on, a new kernel starts the normal way (a
    child of this server process), and is whole."""
    async def uji() -> None:
        km1 = AsyncKernelManager(kernel_name="python3")
        await km1.start_kernel(env=dict(os.environ))
        km2 = AsyncKernelManager(kernel_name="python3")
        try:
            assert isinstance(km1.provisioner.process, pk.ProsesTempa)
            os.kill(tempa.pid, signal.SIGKILL)
            await asyncio.sleep(1)
            assert await km1.is_alive()
            keluar, _ = await _jalankan(km1, "print('masih')")
            assert keluar.strip() == "masih"
            await km2.start_kernel(env=dict(os.environ))
            assert not isinstance(km2.provisioner.process, pk.ProsesTempa)
            assert psutil.Process(km2.provisioner.pid).ppid() == os.getpid()
            keluar, _ = await _jalankan(km2, "print('biasa')")
            assert keluar.strip() == "biasa"
        finally:
            await km1.shutdown_kernel(now=True)
            await km2.shutdown_kernel(now=True)

    asyncio.run(uji())


def test_kernel_yang_gagal_bind_port_berhenti_segera(tempa, tmp_path):
    """A forked kernel whose port another process took (a room of servers on one machine) ends
    at once, so its server sees it died and starts another; it does not hang in its exit
    handlers (seen: a page waited 72 s until the culler ended such a kernel)."""
    import socket

    from jupyter_client.connect import write_connection_file

    for port_ke in ("shell_port", "iopub_port"):
        with socket.socket() as dipakai:
            dipakai.bind(("127.0.0.1", 0))
            dipakai.listen()
            berkas, _ = write_connection_file(
                str(tmp_path / f"{port_ke}.json"), ip="127.0.0.1",
                **{port_ke: dipakai.getsockname()[1]})
            proses = tempa.tempa(["-f", berkas], dict(os.environ), str(tmp_path))
            assert proses is not None
            t0 = time.monotonic()
            assert proses.wait(20) != -signal.SIGKILL, port_ke
            assert time.monotonic() - t0 < 15, port_ke


def test_hanya_ipykernel_interpreter_ini_yang_ditempa():
    assert pk.dapat_ditempa([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"])
    assert not pk.dapat_ditempa(["/usr/bin/python3.9", "-m", "ipykernel_launcher", "-f", "k"])
    assert not pk.dapat_ditempa([sys.executable, "-m", "bash_kernel", "-f", "k.json"])
    assert not pk.dapat_ditempa(["sleep", "417"])


def test_konfigurasi_peserta_memakai_penyedia_tempa():
    """The participant server's config names the provisioner, registered as an entry point."""
    from importlib.metadata import entry_points

    from traitlets.config import Config

    from sinovda import paths

    c = Config()
    kode = (paths.DEPLOY_DIR / "peserta" / "jupyter_server_config.py").read_text()
    exec(compile(kode, "jupyter_server_config.py", "exec"), {"c": c})  # noqa: S102
    assert c.KernelProvisionerFactory.default_provisioner_name == pk.NAMA
    (ep,) = entry_points(group="jupyter_client.kernel_provisioners", name=pk.NAMA)
    assert ep.load() is pk.PenyediaTempa
    assert not pk.mulai_jika_dipakai(Config())  # another server's config: no template


def test_proses_tempa_poll_wait_kill(tmp_path: Path):
    """``ProsesTempa`` on a process that is not our child's (a pidfd): poll, kill, wait."""
    import subprocess

    anak = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        p = pk.ProsesTempa(anak.pid, os.pidfd_open(anak.pid))
        assert p.poll() is None
        with pytest.raises(subprocess.TimeoutExpired):
            p.wait(0.2)
        p.kill()
        anak.wait(10)  # (reaped by its parent, as the template does)
        assert p.wait(10) == -signal.SIGKILL and p.poll() == -signal.SIGKILL
        p.send_signal(signal.SIGTERM)  # an ended process: nothing happens
    finally:
        anak.kill()
        anak.wait()


def test_tanpa_pidfd_tanpa_templat(monkeypatch):
    """Where the system has no pidfd (Linux before 5.3) no template is started: kernels start
    the normal way."""
    monkeypatch.setattr(pk, "pidfd_didukung", lambda: False)
    templat = pk.Templat()
    templat.mulai()
    assert templat.pid is None and not templat.siap(0.5)
    assert templat.tempa(["-f", "k.json"], dict(os.environ), "/") is None
