"""Benchmark: save latency through the store service, 40 participants at once, SQLite vs
PostgreSQL, in one run.

For each backend a class with 40 participants is made (a SQLite folder; a class key in a
temporary PostgreSQL server started here, ``pg_sementara``), the store service
(``sinovda.hub.layanan.buat_app``, its own process, the hub's token lookup replaced by a token
table) serves it on a free loopback port, and 40 participant threads, started together, each
save ``--n`` answers through ``RemoteStore`` (what a participant's server uses), one after the
other as a person would save edited fields. Every save is timed from request to acknowledgement.

Prints p50/p95/p99/max (ms) and saves per second for each backend and the PostgreSQL/SQLite
ratios. Usage: ``python benchmarks/simpan.py [--peserta 40] [--n 25] [--db postgresql://...]``
(``--db``: an existing server instead of a temporary one).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import nullcontext
from pathlib import Path

LAYANAN = """
import asyncio, json, sys
from pathlib import Path
from sinovda.hub.layanan import buat_app, jalankan_server

TOKEN = json.loads(sys.argv[3])

async def identitas(token):
    return {"name": TOKEN[token]} if token in TOKEN else None

async def main():
    app = buat_app(Path(sys.argv[1]), identitas, "/services/sinovda-store/")
    jalankan_server(app, int(sys.argv[2]))
    print("siap", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


def nip_ke(i: int) -> str:
    """A valid made-up PNS NIP with serial ``i + 1``."""
    return f"198503152010011{i + 1:03d}"


def siapkan(lokasi: str, n_peserta: int) -> dict[str, str]:
    """Create the class and its participants' accounts; return token -> NIP."""
    from sinovda.domain.peserta import Peserta
    from sinovda.hub.akun import DaftarAkun
    from sinovda.store import Store

    st = Store.create(lokasi, nama="Uji simpan")
    peserta = [Peserta(nip_ke(i), f"Peserta {i}") for i in range(n_peserta)]
    st.upsert_peserta(peserta)
    st.close()
    DaftarAkun(lokasi).sinkron_peserta([(p.nip, p.nama) for p in peserta])
    return {f"tok-{i}": nip_ke(i) for i in range(n_peserta)}


def ukur(lokasi: str, n_peserta: int, n: int) -> tuple[list[float], float]:
    """(latency of every save in seconds, wall time) through one store-service process."""
    from sinovda.store.remote import RemoteStore

    token = siapkan(lokasi, n_peserta)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", LAYANAN, lokasi, str(port), json.dumps(token)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "siap"
        url = f"http://127.0.0.1:{port}/services/sinovda-store/"
        waktu: list[float] = []
        galat: list[str] = []
        kunci = threading.Lock()
        mulai = threading.Barrier(n_peserta + 1)

        def peserta(i: int) -> None:
            remote = RemoteStore(url, f"tok-{i}", timeout=120)
            remote.load_all(nip_ke(i))  # warm the connection, as an open page has
            mulai.wait()
            milik = []
            for j in range(n):
                nilai = {"judul": f"isu {j}", "uraian": "Antrean loket layanan " * (1 + j % 8)}
                t0 = time.perf_counter()
                try:
                    remote.save(nip_ke(i), "masalah", f"f{j % 6}", nilai)
                except Exception as e:  # noqa: BLE001 - counted below
                    galat.append(repr(e))
                milik.append(time.perf_counter() - t0)
            with kunci:
                waktu.extend(milik)

        threads = [threading.Thread(target=peserta, args=(i,)) for i in range(n_peserta)]
        for t in threads:
            t.start()
        mulai.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join()
        dinding = time.perf_counter() - t0
        if galat:
            raise SystemExit(f"{len(galat)} penyimpanan gagal, mis. {galat[0]}")
        return waktu, dinding
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def persentil(x: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``x``."""
    urut = sorted(x)
    return urut[min(len(urut) - 1, max(0, round(p / 100 * len(urut)) - 1))]


def ringkas(nama: str, waktu: list[float], dinding: float) -> dict[str, float]:
    hasil = {"p50": persentil(waktu, 50) * 1000, "p95": persentil(waktu, 95) * 1000,
             "p99": persentil(waktu, 99) * 1000, "maks": max(waktu) * 1000,
             "rata": statistics.mean(waktu) * 1000, "per_detik": len(waktu) / dinding}
    print(f"{nama:<11} {len(waktu)} simpan: p50 {hasil['p50']:.1f} ms, p95 {hasil['p95']:.1f} ms, "
          f"p99 {hasil['p99']:.1f} ms, maks {hasil['maks']:.1f} ms; "
          f"{hasil['per_detik']:.0f} simpan/detik")
    return hasil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--peserta", type=int, default=40)
    ap.add_argument("--n", type=int, default=25, help="simpan per peserta")
    ap.add_argument("--db", help="server PostgreSQL yang ada (bawaan: server sementara)")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from pg_sementara import server_pg

    with tempfile.TemporaryDirectory() as tmp:
        sqlite = ringkas("SQLite", *ukur(str(Path(tmp) / "kelas"), args.peserta, args.n))
    with (nullcontext(args.db) if args.db else server_pg()) as url:
        pg = ringkas("PostgreSQL", *ukur(f"{url}?kelas=bench-{int(time.time())}",
                                         args.peserta, args.n))
    print("rasio PostgreSQL/SQLite: " + ", ".join(
        f"{k} {pg[k] / sqlite[k]:.2f}x" for k in ("p50", "p99", "per_detik")))


if __name__ == "__main__":
    main()
