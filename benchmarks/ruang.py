"""Benchmark: a room of participants opening module pages at once on ``sinovda app``.

For each server setting, in one run:

- ``sinovda``: the shipped ``sinovda app`` (``sinovda.cli.app.perintah_app``: our Voila with the
  shared settings of ``sinovda.cli.voila_setelan``), each simulated browser with its own
  ``sinovda_sesi`` cookie and its own participant;
- ``naive``: plain Voila as ``sinovda app`` ran it before (``voila notebooks --template=lab``,
  default IOPub timeout, no culling), every browser on one participant (``$SINOVDA_PESERTA``;
  naive Voila has no per-browser identity).

A simulated participant does what the browser does: GET the module page (Voila runs the
notebook and sends the page), open the kernel's websocket and ask for the widget states (the
page is usable when they arrive), then close the page (Voila's shutdown call, then the
websocket). A page is *whole* when it holds the form's widget outputs and no timeout/error.

Scenarios: ``N`` participants at the same moment (N = 10, 20, 40 by default), and ``N`` each
opening one page within one minute (``--minute``). Printed per scenario: p50/p95/max seconds to
a usable page, pages whole, kernels alive at the peak and after the pages closed (with the
server's culling), memory per participant (kernels' + server's USS at the peak / N), CPU seconds
per page (server + kernels), and the ratios sinovda vs naive.

Usage: ``python benchmarks/ruang.py [--n 10 20 40] [--minute 40] [--modul 01_masalah.ipynb]
[--tunggu-tutup 90] [--hanya sinovda|naive]``. Loopback only; servers are always stopped.
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
                if "ipykernel" in " ".join(p.cmdline()):
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

    def uss_mb(self) -> float:
        total = 0
        for p in self.semua():
            try:
                total += p.memory_full_info().uss
            except Exception:  # noqa: BLE001
                pass
        return total / 2**20

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


def mulai_server(nama: str, kelas: Path, kerja: Path, nips: list[str], n_sesi: int) -> Server:
    from sinovda.cli.app import lingkungan, perintah_app

    port = port_bebas()
    env = lingkungan(kelas, True, dict(os.environ))
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

    headers = {}
    if server.sesi:
        headers["Cookie"] = f"sinovda_sesi={server.sesi[i % len(server.sesi)]}"
    t0 = time.perf_counter()
    klien = AsyncHTTPClient()
    try:
        r = await klien.fetch(HTTPRequest(f"{server.url}/voila/render/{modul}", headers=headers,
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
    ws_url = server.url.replace("http", "ws", 1) + f"/api/kernels/{kid}/channels?session_id={sesi}"
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
    buka_terus.append((kid, ws, headers))
    if not jumlah:
        return Hasil(None, False, "status widget tidak datang")
    return Hasil(detik, not gagal and jumlah > 5, "" if not gagal else "halaman tanpa formulir")


async def tutup(server: Server, halaman: list) -> None:
    """Close pages as the browser does: Voila's shutdown call, then the websocket."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    klien = AsyncHTTPClient()
    for kid, ws, headers in halaman:
        try:
            await klien.fetch(HTTPRequest(f"{server.url}/voila/api/shutdown/{kid}",
                                          method="POST", body=b"", headers=headers,
                                          request_timeout=30), raise_error=False)
        except Exception:  # noqa: BLE001
            pass
        ws.close()
    halaman.clear()


def _persen(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


async def skenario(server: Server, modul: str, n: int, sebar: float, batas: float,
                   tunggu_tutup: float) -> dict:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=max(10, n * 2))
    # The baseline is the idle server: a preheated kernel taken by the previous scenario is
    # being replaced; wait until the count of kernels has stayed the same for 3 s (bounded).
    akhir, sama_sejak, awal_kernel = time.monotonic() + 60, time.monotonic(), -1
    while time.monotonic() < akhir and time.monotonic() - sama_sejak < 3:
        if len(server.kernel()) != awal_kernel:
            awal_kernel, sama_sejak = len(server.kernel()), time.monotonic()
        await asyncio.sleep(0.5)
    cpu0 = server.cpu()
    buka: list = []
    puncak = {"kernel": 0, "uss": 0.0}
    selesai = asyncio.Event()

    async def amati() -> None:
        while not selesai.is_set():
            puncak["kernel"] = max(puncak["kernel"], len(server.kernel()))
            puncak["uss"] = max(puncak["uss"], server.uss_mb())
            await asyncio.sleep(0.5)

    async def peserta(i: int) -> Hasil:
        if sebar:
            await asyncio.sleep(random.Random(i).uniform(0, sebar))
        return await satu_halaman(server, modul, i, batas, buka)

    pengamat = asyncio.get_running_loop().run_in_executor(None, lambda: None)
    tugas_amati = asyncio.create_task(amati())
    hasil = await asyncio.gather(*(peserta(i) for i in range(n)))
    puncak["kernel"] = max(puncak["kernel"], len(server.kernel()))
    puncak["uss"] = max(puncak["uss"], server.uss_mb())
    await tutup(server, buka)
    cpu = server.cpu() - cpu0
    akhir = time.monotonic() + tunggu_tutup
    sisa = len(server.kernel())
    while sisa > awal_kernel and time.monotonic() < akhir:
        await asyncio.sleep(1)
        sisa = len(server.kernel())
    selesai.set()
    await tugas_amati
    await pengamat
    detik = [h.detik for h in hasil if h.detik is not None]
    alasan = sorted({h.alasan for h in hasil if h.alasan})
    return {
        "n": n, "utuh": sum(h.utuh for h in hasil),
        "p50": statistics.median(detik) if detik else float("nan"),
        "p95": _persen(detik, 0.95) if detik else float("nan"),
        "maks": max(detik) if detik else float("nan"),
        "kernel_puncak": puncak["kernel"], "kernel_awal": awal_kernel, "kernel_sisa": sisa,
        "mb_per_peserta": puncak["uss"] / n, "cpu_per_halaman": cpu / n, "alasan": alasan,
    }


def cetak(nama: str, judul: str, h: dict) -> None:
    print(f"  {nama:8s} {judul:22s} utuh {h['utuh']:>2}/{h['n']:<2} "
          f"p50 {h['p50']:5.1f}s  p95 {h['p95']:5.1f}s  maks {h['maks']:5.1f}s  "
          f"kernel puncak {h['kernel_puncak']:>2} sisa {h['kernel_sisa']:>2} "
          f"(awal {h['kernel_awal']})  {h['mb_per_peserta']:5.0f} MB/peserta  "
          f"CPU {h['cpu_per_halaman']:4.2f} s/halaman"
          + (f"  [{'; '.join(h['alasan'])}]" if h["alasan"] else ""), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[10, 20, 40])
    ap.add_argument("--minute", type=int, default=40, help="peserta dalam skenario satu menit "
                    "(0: lewati)")
    ap.add_argument("--modul", default="01_masalah.ipynb")
    ap.add_argument("--batas", type=float, default=300.0)
    ap.add_argument("--tunggu-tutup", type=float, default=90.0,
                    help="detik menunggu kernel kembali ke awal setelah halaman ditutup")
    ap.add_argument("--hanya", choices=["sinovda", "naive"], default=None)
    args = ap.parse_args(argv)

    kerja = Path(tempfile.mkdtemp(prefix="sinovda-ruang-"))
    nips = siapkan_kelas(kerja)
    kelas = kerja / "kelas"
    print(f"{os.cpu_count()} CPU; kelas {len(nips)} peserta; modul {args.modul}; {kerja}",
          flush=True)
    nama_server = [args.hanya] if args.hanya else ["sinovda", "naive"]
    semua: dict[str, dict[str, dict]] = {}
    for nama in nama_server:
        server = mulai_server(nama, kelas, kerja, nips, max([*args.n, args.minute]))
        try:
            hasil: dict[str, dict] = {}
            # One page first (a warm server, one participant): the single-user figure.
            for judul, n, sebar in ([("1 peserta (hangat)", 1, 0.0)]
                                    + [(f"{n} sekaligus", n, 0.0) for n in args.n]
                                    + ([(f"{args.minute} dalam 1 menit", args.minute, 60.0)]
                                       if args.minute else [])):
                if judul.startswith("1 "):
                    asyncio.run(skenario(server, args.modul, 1, 0, args.batas, 5))  # warm-up
                h = asyncio.run(skenario(server, args.modul, n, sebar, args.batas,
                                         args.tunggu_tutup))
                hasil[judul] = h
                cetak(nama, judul, h)
            semua[nama] = hasil
        finally:
            server.berhenti()
    if len(semua) == 2:
        print("rasio (naive / sinovda; > 1 berarti sinovda lebih baik):")
        for judul in semua["sinovda"]:
            s, v = semua["sinovda"][judul], semua["naive"][judul]
            print(f"  {judul:22s} p95 {v['p95'] / s['p95']:5.1f}x   CPU/halaman "
                  f"{v['cpu_per_halaman'] / s['cpu_per_halaman']:4.1f}x   MB/peserta "
                  f"{v['mb_per_peserta'] / s['mb_per_peserta']:4.1f}x")
    s = semua.get("sinovda")
    if s:
        print("target (sinovda):")
        cek = []
        if f"{40} sekaligus" in s:
            h = s["40 sekaligus"]
            cek.append(("40 sekaligus: semua utuh", h["utuh"] == h["n"]))
            cek.append((f"40 sekaligus: p95 <= 10 s ({h['p95']:.1f})", h["p95"] <= 10))
        if "40 dalam 1 menit" in s:
            h = s["40 dalam 1 menit"]
            cek.append((f"40 dalam 1 menit: p95 <= 2 s ({h['p95']:.1f})", h["p95"] <= 2))
        mb = max((h["mb_per_peserta"] for h in s.values() if h["n"] >= 10), default=0.0)
        cek.append((f"<= 150 MB per peserta ({mb:.0f})", mb <= 150))
        cek.append(("kernel kembali ke awal setelah halaman ditutup",
                    all(h["kernel_sisa"] <= h["kernel_awal"] for h in s.values())))
        h1 = s["1 peserta (hangat)"]
        cek.append((f"1 peserta hangat: <= 1 s ({h1['p50']:.1f})", h1["p50"] <= 1))
        for teks, ok in cek:
            print(f"  [{'OK' if ok else 'BELUM'}] {teks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
