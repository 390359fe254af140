"""Benchmark: a room of participants opening module pages at once, on ``sinovda app`` and
``sinovda hub``.

For each server setting, in one run:

- ``sinovda``: the shipped ``sinovda app`` (``sinovda.cli.app.perintah_app``: our Voila with the
  shared settings of ``sinovda.cli.voila_setelan`` and the room's warm kernels), each simulated
  browser with its own ``sinovda_sesi`` cookie and its own participant; ``peserta_aktif_detik``
  shortened (``--aktif-detik``, 120 s; shipped 600 s) so the pools shrink back within the run;
- ``naive``: plain Voila as ``sinovda app`` ran it before (``voila notebooks --template=lab``,
  default IOPub timeout, no culling), every browser on one participant (``$SINOVDA_PESERTA``;
  naive Voila has no per-browser identity); a fresh server per scenario (it never frees a
  kernel);
- ``hub`` / ``hub-naive`` (as root; ``--sasaran hub``): ``sinovda hub`` with one server per
  participant (each its own system user), the shipped ``app:`` settings, or Voila's defaults
  (output wait 4 s, no culling; the cell time limit is then 4 s too). All participants log in
  and their servers start before anything is timed (a room logs in before the module starts).
  Runs under the shared hub lock ``/tmp/sinovda-hub.lock``.

A simulated participant does what the browser does: GET the module page (Voila runs the
notebook and sends the page), open the kernel's websocket and ask for the widget states (the
page is usable when they arrive), then close the page (Voila's shutdown call, then the
websocket). A page is *whole* when it holds the form's widget outputs and no timeout/error.

Scenarios:

- ``1 peserta (hangat)``: one page on a warm, idle server;
- ``N sekaligus`` (N = 10, 20, 40; hub 10, 40): the room is present first: each participant
  opens the course map and module 00 at a random moment within ``--hadir`` seconds (20) and
  reads it (the page stays open) until the server's kernel count has been steady for 5 s; then
  all N open module 01 at the same moment, their module 00 pages closing as they go;
- ``N dalam 1 menit`` (``--minute``, 40): each opens module 01 once at a random moment within
  60 s, nobody present before.

Printed per scenario: p50/p95/max seconds to a usable page, pages whole, kernels alive at the
peak, at rest before and after the pages closed (the server's culling and pool shrinking
awaited), memory per participant, CPU seconds
per page (server + kernels, from the moment the pages are requested until they are usable) and,
for the present room, how long the server took to prepare and the CPU it spent meanwhile; then
the ratios naive vs shipped and the issue's targets.

Memory per participant ("MB/peserta", and the target) is the **PSS** (proportional set size,
``psutil.Process.memory_full_info().pss``, from ``/proc/<pid>/smaps_rollup``) summed over every
process of the setting at the peak of the scenario, divided by N: for ``sinovda app`` the server
and all its children (kernels, waiting kernels); for the hub the hub process and everything it
started (configurable-http-proxy, the store service, the idle culler, the participants' servers)
and every process of the participants' system users (servers, kernel templates, kernels, forked
or not). PSS charges each page to the processes mapping it, split evenly, so the sum is the
memory the machine actually spends on the room. The USS (pages no other process maps) is
printed beside it, ``(USS n)``, for comparison with runs before 5b, which printed only USS: USS
leaves out every shared page (libraries, and the pages a forked kernel still shares with its
template), so it under-counts a room of forked kernels. The hub's rows divide the processes of
all the hub's participants (the largest ``--n-hub``) by N: the 10-at-once row of a 40-participant
hub is not a per-participant figure.

Usage: ``python benchmarks/ruang.py [--sasaran app hub] [--n 10 20 40] [--n-hub 10 40]
[--minute 40] [--hadir 20] [--aktif-detik 120] [--modul 01_masalah.ipynb] [--tunggu-tutup 300]
[--hanya sinovda|naive] [--hub-lama]``; ``--hub-lama`` adds the hub row ``hub-lama``: shipped
settings, but each participant's server started by JupyterHub's own entry point
(``SINOVDA_HUB_SERVER_PESERTA=jupyterhub``, as before run 5b) instead of
``sinovda.hub.server_peserta``. Loopback only; servers (and the hub's system users) always removed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NIP_NAIVE = "197506171999042901"
FASILITATOR = "fasruang"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def siapkan_kelas(folder: Path) -> list[str]:
    """A class with the demo roster and the demo workbooks (filled answers, so charts draw)."""
    from sinovda.data.roster import baca_roster
    from sinovda.store import Store
    from sinovda.store.workbook import baca_berkas

    st = Store.create(folder / "kelas", nama="Kelas Benchmark Ruang")
    st.upsert_peserta(baca_roster(ROOT / "datasets" / "peserta_contoh.csv"))
    for f in sorted((ROOT / "datasets" / "demo" / "workbooks").glob("*.json")):
        st.import_workbook(baca_berkas(f), overwrite=True)
    nips = [p.nip for p in st.daftar_peserta()]
    st.close()
    return nips


@dataclass
class Server:
    nama: str
    proc: subprocess.Popen
    url: str
    sesi: list[str] = field(default_factory=list)  # cookie per simulated browser (sinovda)

    def alamat(self, i: int) -> str:
        """The base address of participant ``i``'s server."""
        return self.url

    def headers(self, i: int) -> dict[str, str]:
        """The headers of simulated browser ``i`` (its ``sinovda_sesi`` cookie)."""
        return {"Cookie": f"sinovda_sesi={self.sesi[i % len(self.sesi)]}"} if self.sesi else {}

    def semua(self) -> list:
        import psutil

        try:
            akar = psutil.Process(self.proc.pid)
            return [akar, *akar.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kernel(self) -> list:
        hasil = []
        for p in self.semua()[1:]:
            try:
                # a kernel forked from a hub server's template (sinovda.cli.templat_kernel)
                # keeps the template's command line; its process name says it is a kernel
                if "ipykernel" in " ".join(p.cmdline()) or p.name() == "ipykernel-tempa":
                    hasil.append(p)
            except Exception:  # noqa: BLE001 - process gone
                pass
        return hasil

    def cpu(self) -> float:
        """CPU seconds of the server, its live children and its reaped children."""
        total = 0.0
        for i, p in enumerate(self.semua()):
            try:
                t = p.cpu_times()
                total += t.user + t.system
                if i == 0:
                    total += t.children_user + t.children_system
            except Exception:  # noqa: BLE001
                pass
        return total

    def memori_mb(self) -> tuple[float, float]:
        """(PSS, USS) in MB summed over ``semua()``. PSS counts each page once, split among the
        processes that map it (libraries, pages a forked kernel shares with its template):
        their sum is what the machine spends. USS counts only pages no other process maps, so
        it leaves shared pages out altogether (kept for comparison with runs before 5b)."""
        pss = uss = 0
        for p in self.semua():
            try:
                m = p.memory_full_info()
            except Exception:  # noqa: BLE001 - process gone
                continue
            pss, uss = pss + m.pss, uss + m.uss
        return pss / 2**20, uss / 2**20

    def berhenti(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=30)


def salin_modul(kerja: Path, nama: str, ganti: dict[str, int]) -> Path:
    """A copy of ``modul/`` whose ``app:`` settings have the values ``ganti``."""
    import re
    import shutil

    from sinovda import paths

    folder = kerja / f"modul-{nama}"
    shutil.copytree(paths.MODUL_DIR, folder, dirs_exist_ok=True)  # again for a fresh server
    f = folder / "pengaturan.yaml"
    teks = f.read_text(encoding="utf-8")
    for kunci, nilai in ganti.items():
        teks, n = re.subn(rf"(?m)^  {kunci}: \d+$", f"  {kunci}: {nilai}", teks)
        assert n == 1, kunci
    f.write_text(teks, encoding="utf-8")
    return folder


def mulai_server(nama: str, kelas: Path, kerja: Path, nips: list[str], n_sesi: int,
                 aktif_detik: int) -> Server:
    from sinovda.cli.app import lingkungan, perintah_app

    port = port_bebas()
    env = lingkungan(kelas, True, dict(os.environ))
    # The room's presence window shortened so that the pools shrink back within the run.
    env["SINOVDA_MODUL"] = str(salin_modul(kerja, nama, {"peserta_aktif_detik": aktif_detik}))
    env["HOME"] = str(kerja / f"rumah-{nama}")
    env["SINOVDA_AKTIF"] = str(kerja / f"aktif-{nama}.json")
    env.pop("SINOVDA_PESERTA", None)
    if nama == "naive":
        env["SINOVDA_PESERTA"] = NIP_NAIVE
        cmd = [sys.executable, "-m", "voila", str(ROOT / "notebooks"), "--strip_sources=True",
               "--theme=light", "--template=lab", "--show_tracebacks=False",
               "--Voila.ip=127.0.0.1", f"--port={port}", "--no-browser"]
    else:
        cmd = perintah_app(port=port, buka=False)
    sesi = []
    if nama == "sinovda":
        # Each simulated browser has its own cookie, and its participant chosen (as module 00
        # would do it) for that cookie.
        os.environ["SINOVDA_AKTIF"] = env["SINOVDA_AKTIF"]
        os.environ["SINOVDA_KELAS"] = str(kelas)
        from sinovda.forms import konteks
        from sinovda.store import Store

        st = Store.open(kelas)
        for i in range(n_sesi):
            token = f"bench{i:03d}{uuid.uuid4().hex[:8]}"
            konteks.pilih_peserta(nips[i % len(nips)], st, sesi=token)
            sesi.append(token)
        st.close()
    (kerja / f"rumah-{nama}").mkdir(exist_ok=True)
    log = open(kerja / f"server-{nama}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True, cwd=kerja)
    url = f"http://127.0.0.1:{port}"
    import urllib.request

    akhir = time.monotonic() + 90
    while time.monotonic() < akhir:
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                break
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.3)
    else:
        raise SystemExit(f"server {nama} tidak siap; lihat {kerja}/server-{nama}.log")
    server = Server(nama, proc, url, sesi)
    # Preheated kernels (sinovda app's pools) are started before the room arrives: wait until
    # the count of kernels has stayed the same for 5 s (bounded).
    akhir, sama_sejak, lalu = time.monotonic() + 180, time.monotonic(), -1
    while time.monotonic() < akhir and time.monotonic() - sama_sejak < 5:
        n = len(server.kernel())
        if n != lalu:
            lalu, sama_sejak = n, time.monotonic()
        time.sleep(0.5)
    return server


@dataclass
class Hasil:
    detik: float | None  # seconds to a usable page (None: never usable)
    utuh: bool
    alasan: str = ""


V1 = "v1.kernel.websocket.jupyter.org"


def _pesan(msg_type: str, content: dict, sesi: str, metadata: dict | None = None) -> bytes:
    """A shell message in the v1 websocket protocol (what JupyterLab's and Voila's page use)."""
    from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

    header = {"msg_id": uuid.uuid4().hex, "username": "bench", "session": sesi,
              "msg_type": msg_type, "version": "5.3",
              "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    bagian = [json.dumps(x).encode() for x in (header, {}, metadata or {}, content)]
    return serialize_msg_to_ws_v1(bagian, "shell")


def _baca_pesan(pesan: str | bytes) -> dict:
    """A kernel message from the websocket (v1 protocol): header and content."""
    from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

    if isinstance(pesan, str):
        return json.loads(pesan)
    _kanal, bagian = deserialize_msg_from_ws_v1(pesan)
    return {"header": json.loads(bagian[0]), "content": json.loads(bagian[3]),
            "msg_type": json.loads(bagian[0]).get("msg_type")}


async def satu_halaman(server: Server, modul: str, i: int, batas: float,
                       buka_terus: list) -> Hasil:
    """Open one page as a browser would; returns when its widgets are usable (or failed)."""
    import re

    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = server.headers(i)
    dasar = server.alamat(i)
    t0 = time.perf_counter()
    klien = AsyncHTTPClient()
    try:
        r = await klien.fetch(HTTPRequest(f"{dasar}/voila/render/{modul}", headers=headers,
                                          request_timeout=batas, connect_timeout=batas),
                              raise_error=False)
    except Exception as e:  # noqa: BLE001
        return Hasil(None, False, f"http: {e}")
    teks = r.body.decode("utf-8", "replace") if r.body else ""
    if r.code != 200:
        return Hasil(None, False, f"http {r.code}")
    m = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', teks)
    if not m:
        return Hasil(None, False, "tanpa kernel")
    kid = m.group(1)
    keluaran = teks.count("application/vnd.jupyter.widget-view+json")
    gagal = ("Timeout waiting" in teks or "CellTimeoutError" in teks
             or "DeadKernel" in teks or keluaran < 2)
    sesi = uuid.uuid4().hex
    ws_url = dasar.replace("http", "ws", 1) + f"/api/kernels/{kid}/channels?session_id={sesi}"
    try:
        ws = await websocket_connect(HTTPRequest(ws_url, headers=headers,
                                                 request_timeout=batas, connect_timeout=batas),
                                     subprotocols=[V1])
    except Exception as e:  # noqa: BLE001
        return Hasil(None, False, f"websocket: {e}")
    comm = uuid.uuid4().hex
    await ws.write_message(_pesan("comm_open", {"comm_id": comm, "target_name":
                                                "jupyter.widget.control", "data": {}}, sesi,
                                  {"version": "1.0.0"}), binary=True)
    minta = _pesan("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, sesi)
    await ws.write_message(minta, binary=True)
    jumlah = 0
    akhir = time.monotonic() + batas
    ulang, kali = time.monotonic() + 10, 0
    while time.monotonic() < akhir:
        try:
            pesan = await asyncio.wait_for(ws.read_message(), timeout=1)
        except TimeoutError:
            # The request may have overtaken the comm_open on a busy kernel: ask again.
            if time.monotonic() > ulang and kali < 3:
                await ws.write_message(minta, binary=True)
                ulang, kali = time.monotonic() + 10, kali + 1
            continue
        if pesan is None:
            break
        d = _baca_pesan(pesan)
        if d.get("msg_type") == "comm_msg" and \
                d.get("content", {}).get("data", {}).get("method") == "update_states":
            jumlah = len(d["content"]["data"].get("states", {}))
            break
    detik = time.perf_counter() - t0
    buka_terus.append((dasar, kid, ws, headers))
    if not jumlah:
        return Hasil(None, False, "status widget tidak datang")
    return Hasil(detik, not gagal and jumlah > 5, "" if not gagal else "halaman tanpa formulir")


async def tutup(halaman: list) -> None:
    """Close pages as the browser does: Voila's shutdown call, then the websocket."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    klien = AsyncHTTPClient()

    async def satu(dasar: str, kid: str, ws, headers: dict) -> None:
        try:
            await klien.fetch(HTTPRequest(f"{dasar}/voila/api/shutdown/{kid}",
                                          method="POST", body=b"", headers=headers,
                                          request_timeout=60), raise_error=False)
        except Exception:  # noqa: BLE001
            pass
        ws.close()

    daftar = list(halaman)
    halaman.clear()
    await asyncio.gather(*(satu(*h) for h in daftar))


async def buka_peta(server: Server, i: int) -> None:
    """Browser ``i`` opens the course map (its participant is then present in the room)."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    await AsyncHTTPClient().fetch(HTTPRequest(server.alamat(i) + "/", headers=server.headers(i),
                                              request_timeout=120), raise_error=False)


async def tunggu_tenang(server: Server, detik: float, batas: float) -> tuple[int, float]:
    """Wait until the count of kernels has stayed the same for ``detik`` (at most ``batas``);
    returns the count and when (seconds from the call) it last changed."""
    t0 = time.monotonic()
    berubah, n = 0.0, -1
    while time.monotonic() - t0 < batas and time.monotonic() - t0 - berubah < detik:
        m = len(server.kernel())
        if m != n:
            n, berubah = m, time.monotonic() - t0
        await asyncio.sleep(0.5)
    return n, berubah


def _catat_memori(puncak: dict, server: Server) -> None:
    """The peak of the memory sums (PSS and USS, each its own peak)."""
    pss, uss = server.memori_mb()
    puncak["pss"], puncak["uss"] = max(puncak["pss"], pss), max(puncak["uss"], uss)


def _persen(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


MODUL_HADIR = "00_pengantar.ipynb"


async def skenario(server: Server, modul: str, n: int, sebar: float, batas: float,
                   tunggu_tutup: float, hadir: float = 0.0) -> dict:
    """``n`` participants open ``modul``: at the same moment (``sebar`` 0) or spread over
    ``sebar`` seconds. With ``hadir`` > 0 the room is present first: each participant opens the
    course map and module 00 at a random moment within ``hadir`` seconds and reads it (the page
    stays open) until the server's kernel count has been steady for 5 s (the server prepared
    what it prepares for the room); then all open ``modul`` at once, their module 00 pages
    closing as they go (the same tab). Afterwards every page is closed and the kernel count is
    awaited back at the idle server's count (``tunggu_tutup`` at most)."""
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=max(10, n * 3))
    awal_kernel, _ = await tunggu_tenang(server, 3, 120)  # the idle server at rest
    buka: list = []
    puncak = {"kernel": 0, "pss": 0.0, "uss": 0.0}
    selesai = asyncio.Event()

    async def amati() -> None:
        while not selesai.is_set():
            puncak["kernel"] = max(puncak["kernel"], len(server.kernel()))
            _catat_memori(puncak, server)
            await asyncio.sleep(0.5)

    tugas_amati = asyncio.create_task(amati())
    siap_detik, cpu_hadir, halaman_hadir = 0.0, 0.0, []
    if hadir:
        cpu_a = server.cpu()

        async def datang(i: int) -> None:
            await asyncio.sleep(random.Random(1000 + i).uniform(0, hadir))
            await buka_peta(server, i)
            await satu_halaman(server, MODUL_HADIR, i, batas, halaman_hadir)

        t0 = time.monotonic()
        await asyncio.gather(*(datang(i) for i in range(n)))
        datang_detik = time.monotonic() - t0
        _, berubah = await tunggu_tenang(server, 5, 600)
        siap_detik = datang_detik + berubah  # from the room's first arrival to a steady pool
        cpu_hadir = server.cpu() - cpu_a
    cpu0 = server.cpu()

    async def peserta(i: int) -> Hasil:
        if sebar:
            await asyncio.sleep(random.Random(i).uniform(0, sebar))
        return await satu_halaman(server, modul, i, batas, buka)

    hasil, _ = await asyncio.gather(asyncio.gather(*(peserta(i) for i in range(n))),
                                    tutup(halaman_hadir))
    cpu = server.cpu() - cpu0
    puncak["kernel"] = max(puncak["kernel"], len(server.kernel()))
    _catat_memori(puncak, server)
    await tutup(buka)
    # Back at rest: the count equals the idle server's and stays so for 10 s (a pool the room
    # still calls for may grow first, then shrink when the room is quiet).
    akhir = time.monotonic() + tunggu_tutup
    sisa, sama_sejak = len(server.kernel()), time.monotonic()
    while time.monotonic() < akhir and \
            (sisa != awal_kernel or time.monotonic() - sama_sejak < 10):
        await asyncio.sleep(1)
        jumlah = len(server.kernel())
        if jumlah != sisa:
            sisa, sama_sejak = jumlah, time.monotonic()
    selesai.set()
    await tugas_amati
    detik = [h.detik for h in hasil if h.detik is not None]
    alasan = sorted({h.alasan for h in hasil if h.alasan})
    return {
        "n": n, "utuh": sum(h.utuh for h in hasil),
        "p50": statistics.median(detik) if detik else float("nan"),
        "p95": _persen(detik, 0.95) if detik else float("nan"),
        "maks": max(detik) if detik else float("nan"),
        "kernel_puncak": puncak["kernel"], "kernel_awal": awal_kernel, "kernel_sisa": sisa,
        "mb_per_peserta": puncak["pss"] / n, "uss_per_peserta": puncak["uss"] / n,
        "cpu_per_halaman": cpu / n, "alasan": alasan,
        "siap_detik": siap_detik, "cpu_hadir": cpu_hadir / n if hadir else 0.0,
    }


def cetak(nama: str, judul: str, h: dict) -> None:
    hadir = (f"  ruang siap {h['siap_detik']:.0f}s (CPU hadir {h['cpu_hadir']:.2f} s/peserta)"
             if h.get("siap_detik") else "")
    print(f"  {nama:8s} {judul:22s} utuh {h['utuh']:>2}/{h['n']:<2} "
          f"p50 {h['p50']:5.1f}s  p95 {h['p95']:5.1f}s  maks {h['maks']:5.1f}s  "
          f"kernel puncak {h['kernel_puncak']:>2} sisa {h['kernel_sisa']:>2} "
          f"(awal {h['kernel_awal']})  {h['mb_per_peserta']:5.0f} MB/peserta "
          f"(USS {h.get('uss_per_peserta', 0.0):3.0f})  "
          f"CPU {h['cpu_per_halaman']:4.2f} s/halaman{hadir}"
          + (f"  [{'; '.join(h['alasan'])}]" if h["alasan"] else ""), flush=True)


def rasio(semua: dict[str, dict[str, dict]], a: str, b: str) -> None:
    if a not in semua or b not in semua:
        return
    print(f"rasio ({b} / {a}; > 1 berarti {a} lebih baik):")
    for judul in semua[a]:
        s, v = semua[a][judul], semua[b].get(judul)
        if v is None:
            continue
        print(f"  {judul:22s} p95 {v['p95'] / s['p95']:5.1f}x   CPU/halaman "
              f"{v['cpu_per_halaman'] / max(s['cpu_per_halaman'], 1e-9):4.1f}x   MB/peserta "
              f"{v['mb_per_peserta'] / s['mb_per_peserta']:4.1f}x")


def target(nama: str, s: dict[str, dict], n_maks: int) -> None:
    print(f"target ({nama}):")
    cek = []
    judul = f"{n_maks} sekaligus"
    if judul in s:
        h = s[judul]
        cek.append((f"{judul}: semua utuh", h["utuh"] == h["n"]))
        cek.append((f"{judul}: p95 <= 10 s ({h['p95']:.1f})", h["p95"] <= 10))
    if "40 dalam 1 menit" in s:
        h = s["40 dalam 1 menit"]
        cek.append((f"40 dalam 1 menit: p95 <= 2 s ({h['p95']:.1f})", h["p95"] <= 2))
    mb = max((h["mb_per_peserta"] for h in s.values() if h["n"] >= 10), default=0.0)
    cek.append((f"<= 150 MB per peserta, PSS ({mb:.0f})", mb <= 150))
    cek.append(("kernel kembali ke awal setelah halaman ditutup",
                all(h["kernel_sisa"] == h["kernel_awal"] for h in s.values())))
    if "1 peserta (hangat)" in s:
        h1 = s["1 peserta (hangat)"]
        cek.append((f"1 peserta hangat: <= 1 s ({h1['p50']:.1f})", h1["p50"] <= 1))
    for teks, ok in cek:
        print(f"  [{'OK' if ok else 'BELUM'}] {teks}", flush=True)


def jalankan_app(args: argparse.Namespace, kerja: Path, kelas: Path, nips: list[str],
                 semua: dict[str, dict[str, dict]]) -> None:
    """The ``sinovda app`` rows: the shipped app and naive Voila, one server each."""
    print(f"sinovda app: peserta_aktif_detik {args.aktif_detik} (bawaan 600: dipendekkan agar "
          "kolam kembali ke awal dalam run ini); 'N sekaligus': tiap peserta membuka peta kursus "
          f"dan modul 00 pada saat acak dalam {args.hadir:.0f} s lalu membaca (halaman tetap "
          "terbuka) sampai jumlah kernel tetap 5 s, lalu semua membuka "
          f"{args.modul} bersamaan (halaman modul 00 ditutup saat itu juga, tab yang sama); "
          "'1 menit': tiap peserta membuka modul sekali pada saat acak dalam 60 s, tanpa hadir "
          "lebih dulu", flush=True)
    skenario_app = ([("1 peserta (hangat)", 1, 0.0, 0.0)]
                    + [(f"{n} sekaligus", n, 0.0, args.hadir) for n in args.n]
                    + ([(f"{args.minute} dalam 1 menit", args.minute, 60.0, 0.0)]
                       if args.minute else []))
    n_sesi = max([*args.n, args.minute])
    for nama in [n for n in ("sinovda", "naive") if args.hanya in (None, n)]:
        hasil: dict[str, dict] = {}
        server = None
        try:
            for judul, n, sebar, hadir in skenario_app:
                # naive Voila never frees a kernel: a fresh server for each scenario (else a
                # run ends with ~180 kernels, ~15 GB); its leftovers show as "sisa".
                if server is None or nama == "naive":
                    if server is not None:
                        server.berhenti()
                    server = mulai_server(nama, kelas, kerja, nips, n_sesi, args.aktif_detik)
                    asyncio.run(skenario(server, args.modul, 1, 0, args.batas, 5))  # warm-up
                tunggu = args.tunggu_tutup if nama == "sinovda" else 15
                h = asyncio.run(skenario(server, args.modul, n, sebar, args.batas, tunggu,
                                         hadir))
                hasil[judul] = h
                cetak(nama, judul, h)
            semua[nama] = hasil
        finally:
            if server is not None:
                server.berhenti()
    rasio(semua, "sinovda", "naive")
    if "sinovda" in semua:
        target("sinovda app", semua["sinovda"], 40)


class HubServer(Server):
    """A running ``sinovda hub``: participant ``i`` is ``nips[i]`` with its own server, reached
    through the hub's proxy with its own cookies."""

    def __init__(self, proc: subprocess.Popen, url: str, nips: list[str]) -> None:
        super().__init__("hub", proc, url)
        from sinovda.hub import sistem

        self.nips = nips
        self.cookie: dict[int, str] = {}
        self.akun = {sistem.akun_os(nip, "peserta") for nip in nips}

    def alamat(self, i: int) -> str:
        return f"{self.url}/user/{self.nips[i]}"

    def headers(self, i: int) -> dict[str, str]:
        return {"Cookie": self.cookie[i]}

    def semua(self) -> list:
        """The hub with its proxy and services, and every process of the participants' system
        users (their servers and kernels)."""
        import psutil

        hasil = super().semua()
        kenal = {p.pid for p in hasil}
        for p in psutil.process_iter(["username"]):
            if p.info["username"] in self.akun and p.pid not in kenal:
                hasil.append(p)
        return hasil

    def cpu(self) -> float:
        """CPU seconds of the hub and of the participants' servers, with their reaped kernels."""
        total = 0.0
        for p in self.semua():
            try:
                t = p.cpu_times()
                total += t.user + t.system
                perintah = " ".join(p.cmdline())
                # reaped kernels count in their parent: the server, or its kernel template
                if p.pid == self.proc.pid or "singleuser" in perintah or \
                        "templat_kernel" in perintah:
                    total += t.children_user + t.children_system
            except Exception:  # noqa: BLE001
                pass
        return total


def _kunci_hub():
    """The shared lock of every real-hub run on this machine (fixed system accounts)."""
    import fcntl

    f = open("/tmp/sinovda-hub.lock", "w")  # noqa: SIM115 - held until the run ends
    print("menunggu kunci hub /tmp/sinovda-hub.lock ...", flush=True)
    fcntl.flock(f, fcntl.LOCK_EX)
    return f


def mulai_hub(nama: str, kerja: Path, nips: list[str], modul: Path,
              env: dict[str, str] | None = None) -> HubServer:
    """A class of ``nips`` with passcodes, ``sinovda hub`` on a free port; every participant
    logged in and its server started (a room logs in before the module starts)."""
    import urllib.request

    from sinovda.hub.akun import DaftarAkun

    folder = kerja / f"hub-{nama}"
    folder.mkdir()
    kelas = folder / "kelas"
    import shutil

    shutil.copytree(kerja / "kelas", kelas)
    nama_peserta = {}
    from sinovda.store import Store

    st = Store.open(kelas)
    for p in st.daftar_peserta():
        nama_peserta[p.nip] = p.nama
    st.close()
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(nip, nama_peserta[nip]) for nip in nips])
    kode = {nip: akun.set_kode(nip) for nip in nips}
    akun.tambah_fasilitator(FASILITATOR)  # the hub wants one (never logs in here)
    rumah = Path(tempfile.mkdtemp(prefix="sinovda-ruang-rumah-", dir="/tmp"))
    os.chmod(rumah, 0o755)
    port = port_bebas()
    log = open(folder / "hub.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "sinovda.cli.main", "hub", "--kelas", str(kelas), "--port",
         str(port), "--rumah", str(rumah)], stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True, env={**os.environ, "SINOVDA_MODUL": str(modul), **(env or {})})
    url = f"http://127.0.0.1:{port}"
    server = HubServer(proc, url, nips)
    server.rumah = rumah  # type: ignore[attr-defined]
    akhir = time.monotonic() + 120
    while True:
        if proc.poll() is not None or time.monotonic() > akhir:
            hentikan_hub(server)
            raise SystemExit(f"hub {nama} tidak siap; lihat {folder}/hub.log")
        try:
            with urllib.request.urlopen(url + "/hub/api", timeout=2):
                break
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)

    server.kode = kode  # type: ignore[attr-defined]
    return server


def masuk_semua(server: HubServer, nama: str) -> None:
    """Every participant logs in, starts its server and opens the course map (its cookies)."""
    import re
    from concurrent.futures import ThreadPoolExecutor

    import requests

    url, nips, kode = server.url, server.nips, server.kode  # type: ignore[attr-defined]

    def masuk(i: int) -> str:
        nip = nips[i]
        s = requests.Session()
        r = s.get(url + "/hub/login", timeout=60)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', r.text).group(1)
        r = s.post(url + "/hub/login", data={"username": nip, "password": kode[nip],
                                             "_xsrf": xsrf}, allow_redirects=False, timeout=120)
        assert r.status_code in (302, 303), (nip, r.status_code)
        s.headers["X-XSRFToken"] = s.cookies.get("_xsrf", path="/hub/") or ""
        r = s.post(f"{url}/hub/api/users/{nip}/server", timeout=300)
        assert r.status_code in (201, 202, 400), (nip, r.status_code, r.text)
        batas = time.monotonic() + 300
        while not s.get(f"{url}/hub/api/users/{nip}", timeout=60).json()["servers"].get(
                "", {}).get("ready"):
            assert time.monotonic() < batas, f"server {nip} tidak siap"
            time.sleep(1)
        r = s.get(f"{url}/user/{nip}/", timeout=300)  # the hub's OAuth: the server's cookie
        assert r.status_code == 200 and "Peta kursus" in r.text, (nip, r.status_code, r.url)
        jalur = f"/user/{nip}"
        return "; ".join(f"{c.name}={c.value}" for c in s.cookies
                         if c.path in ("/", "") or c.path.rstrip("/") == jalur)

    t0 = time.monotonic()
    with ThreadPoolExecutor(4) as ex:
        for i, c in enumerate(ex.map(masuk, range(len(nips)))):
            server.cookie[i] = c
    print(f"  hub {nama}: {len(nips)} peserta masuk, {len(nips)} server berjalan "
          f"({time.monotonic() - t0:.0f} s, di luar pengukuran)", flush=True)


def hentikan_hub(server: HubServer) -> None:
    import shutil

    from sinovda.hub import sistem

    try:
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=30)
    import psutil

    for p in psutil.process_iter(["username"]):  # servers left behind by the hub
        if p.info["username"] in server.akun:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
    time.sleep(1)
    for akun in [*server.akun, sistem.akun_os(FASILITATOR, "fasilitator")]:
        sistem.hapus_akun_os(akun)
    shutil.rmtree(server.rumah, ignore_errors=True)  # type: ignore[attr-defined]


def jalankan_hub(args: argparse.Namespace, kerja: Path, nips: list[str],
                 semua: dict[str, dict[str, dict]]) -> None:
    """The ``sinovda hub`` rows: one server per participant, shipped and naive settings."""
    if os.geteuid() != 0:
        print("hub: dilewati (akun sistem per peserta hanya dapat dibuat sebagai root)")
        return
    os.chmod(kerja, 0o755)  # the participants' system users read the settings copied here
    n_maks = max(args.n_hub)
    print(f"sinovda hub: {n_maks} peserta masuk dan servernya dinyalakan lebih dulu (di luar "
          "pengukuran); 'N sekaligus' seperti pada app (modul 00 dibuka dalam "
          f"{args.hadir:.0f} s, lalu {args.modul} bersamaan). 'naive': pengaturan Voila bawaan "
          "(tunggu keluaran 4 s, juga batas waktu sel 4 s; kernel tanpa culling); memori: PSS hub "
          "(dengan proxy, layanan, pembersih) + server + kernel peserta / N", flush=True)
    kunci = _kunci_hub()
    try:
        # (name, app: settings changed, hub environment, group of --hanya)
        varian: list[tuple[str, dict[str, int], dict[str, str], str]] = [
            ("hub", {}, {}, "sinovda"),
            ("hub-naive", {"tunggu_keluaran_detik": 4, "kernel_menganggur_detik": 86_400}, {},
             "naive"),
        ]
        if args.hub_lama:  # JupyterHub's own single-user entry point (servers before run 5b)
            varian.insert(1, ("hub-lama", {}, {"SINOVDA_HUB_SERVER_PESERTA": "jupyterhub"},
                              "sinovda"))
        for nama, ganti, env_hub, kelompok in varian:
            if args.hanya not in (None, kelompok):
                continue
            modul = salin_modul(kerja, nama, ganti)
            server = mulai_hub(nama, kerja, nips[:n_maks], modul, env_hub)
            try:
                masuk_semua(server, nama)
                hasil: dict[str, dict] = {}
                asyncio.run(tunggu_tenang(server, 5, 120))
                tunggu = args.tunggu_tutup_hub if nama == "hub" else 15
                # (title, participants, spread over seconds, presence before): as for the app,
                # one page on a warm idle server, the room at once, and a minute's arrivals
                skenario_hub = ([("1 peserta (hangat)", 1, 0.0, 0.0)]
                                + [(f"{n} sekaligus", n, 0.0, args.hadir) for n in args.n_hub]
                                + ([(f"{args.minute} dalam 1 menit", args.minute, 60.0, 0.0)]
                                   if 0 < args.minute <= n_maks else []))
                for judul, n, sebar, hadir in skenario_hub:
                    h = asyncio.run(skenario(server, args.modul, n, sebar, args.batas, tunggu,
                                             hadir))
                    hasil[judul] = h
                    cetak(nama, judul, h)
                semua[nama] = hasil
            finally:
                hentikan_hub(server)
    finally:
        kunci.close()
    rasio(semua, "hub", "hub-naive")
    rasio(semua, "hub", "hub-lama")
    if "hub" in semua:
        target("sinovda hub", semua["hub"], n_maks)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sasaran", nargs="+", choices=["app", "hub"], default=["app", "hub"])
    ap.add_argument("--n", type=int, nargs="+", default=[10, 20, 40])
    ap.add_argument("--n-hub", type=int, nargs="+", default=[10, 40])
    ap.add_argument("--minute", type=int, default=40, help="peserta dalam skenario satu menit "
                    "(0: lewati)")
    ap.add_argument("--modul", default="01_masalah.ipynb")
    ap.add_argument("--batas", type=float, default=300.0)
    ap.add_argument("--hadir", type=float, default=20.0,
                    help="detik kedatangan ruang (peta + modul 00) sebelum 'N sekaligus'")
    ap.add_argument("--aktif-detik", type=int, default=120,
                    help="peserta_aktif_detik server sinovda app dalam benchmark")
    ap.add_argument("--tunggu-tutup", type=float, default=300.0,
                    help="detik menunggu kernel kembali ke awal setelah halaman ditutup")
    ap.add_argument("--tunggu-tutup-hub", type=float, default=120.0,
                    help="detik menunggu kernel hub kembali ke awal setelah halaman ditutup")
    ap.add_argument("--hanya", choices=["sinovda", "naive"], default=None)
    ap.add_argument("--hub-lama", action="store_true",
                    help="juga hub dengan server peserta jupyterhub-singleuser biasa "
                    "(SINOVDA_HUB_SERVER_PESERTA=jupyterhub), sebagai pembanding")
    args = ap.parse_args(argv)

    kerja = Path(tempfile.mkdtemp(prefix="sinovda-ruang-"))
    nips = siapkan_kelas(kerja)
    kelas = kerja / "kelas"
    print(f"{os.cpu_count()} CPU; kelas {len(nips)} peserta; modul {args.modul}; {kerja}",
          flush=True)
    semua: dict[str, dict[str, dict]] = {}
    if "app" in args.sasaran:
        jalankan_app(args, kerja, kelas, nips, semua)
    if "hub" in args.sasaran:
        jalankan_hub(args, kerja, nips, semua)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
