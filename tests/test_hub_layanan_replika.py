"""The store service keeps no state of its own: two service processes (replicas) serve one
PostgreSQL class at once, participants' saves go to either, and none is lost - compare-and-set
holds across the replicas.

Each replica is a real process running ``sinovda.hub.layanan.buat_app`` on a free loopback port
against the class locator, or against the database serving two classes (every request names
its class, as under ``sinovda hub --db`` and in deploy/k8s/layanan.yaml); only the hub's token
lookup (JupyterHub's part) is a table token -> account name, as in tests/test_hub_layanan.py.
Participants are threads using ``RemoteStore`` (what a participant's server uses) over HTTP.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import port_bebas

from sinovda.domain.errors import BerubahDiTempatLain
from sinovda.domain.peserta import Peserta
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.remote import RemoteStore

N_PESERTA = 20
N_SIMPAN = 10
N_TAB = 8
N_TAMBAH = 10

REPLIKA = """
import asyncio, json, sys
from pathlib import Path
from sinovda.hub.layanan import buat_app, jalankan_server

TOKEN = json.loads(sys.argv[3])
KELAS = json.loads(sys.argv[4])  # several classes of the database, or None: one class locator

async def identitas(token):
    return {"name": TOKEN[token]} if token in TOKEN else None

async def main():
    lokasi = sys.argv[1] if KELAS else Path(sys.argv[1])
    app = buat_app(lokasi, identitas, "/services/sinovda-store/", kelas=KELAS)
    jalankan_server(app, int(sys.argv[2]))
    print("siap", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


def nip_ke(i: int) -> str:
    """A valid made-up PNS NIP with serial ``i + 1``."""
    return f"1985031520100110{i + 1:02d}"


TOKEN = {f"tok-{i}": nip_ke(i) for i in range(N_PESERTA)}


@pytest.fixture(params=["satu-kelas", "banyak-kelas"])
def replika(pg_url: str, request: pytest.FixtureRequest
            ) -> Iterator[tuple[str, list[str], str | None]]:
    """(class locator, [URL of replica 1, URL of replica 2], the class key requests name).
    ``satu-kelas``: each replica serves one class locator; ``banyak-kelas``: each serves two
    classes of the database (as ``sinovda hub --db`` and deploy/k8s/layanan.yaml run it) and
    every request names its class."""
    banyak = request.param == "banyak-kelas"
    kunci = "replika-b" if banyak else "replika"
    lokasi = f"{pg_url}?kelas={kunci}"
    if banyak:
        Store.create(f"{pg_url}?kelas=replika-lain", nama="Kelas Lain")
    st = Store.create(lokasi, nama="Dua Replika")
    peserta = [Peserta(nip_ke(i), f"Peserta {i}") for i in range(N_PESERTA)]
    st.upsert_peserta(peserta)
    DaftarAkun(lokasi).sinkron_peserta([(p.nip, p.nama) for p in peserta])
    st.close()
    procs, urls = [], []
    try:
        for _ in range(2):
            port = port_bebas()
            argumen = [pg_url, str(port), json.dumps(TOKEN),
                       json.dumps([kunci, "replika-lain"])] if banyak else [
                lokasi, str(port), json.dumps(TOKEN), "null"]
            p = subprocess.Popen([sys.executable, "-c", REPLIKA, *argumen],
                                 stdout=subprocess.PIPE, text=True)
            procs.append(p)
            assert p.stdout is not None and p.stdout.readline().strip() == "siap"
            urls.append(f"http://127.0.0.1:{port}/services/sinovda-store/")
        yield lokasi, urls, (kunci if banyak else None)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=30)


def test_two_replicas_lose_no_save_and_compare_and_set_holds_across_them(replika):
    lokasi, urls, kelas = replika
    galat: list[str] = []
    acked: dict[str, list[int]] = {}

    def peserta(i: int) -> None:  # one participant, alternating replicas
        nip = nip_ke(i)
        remote = [RemoteStore(u, f"tok-{i}", timeout=60, kelas=kelas) for u in urls]
        try:
            for j in range(N_SIMPAN):
                remote[j % 2].save(nip, "masalah", f"f{j}", {"peserta": i, "ke": j})
                acked.setdefault(nip, []).append(j)
        except Exception as e:  # noqa: BLE001 - reported below
            galat.append(repr(e))

    def tab(k: int, hitung: list[int]) -> None:  # one of N_TAB tabs of participant 0
        nip = nip_ke(0)
        remote = [RemoteStore(u, "tok-0", timeout=60, kelas=kelas) for u in urls]
        try:
            for n in range(N_TAMBAH):
                while True:  # load, add one, save only over what was loaded; retry if changed
                    r = remote[(k + n) % 2]
                    nilai, rev = r.load_dengan_revisi(nip, "monev", "penghitung", 0)
                    try:
                        r.save(nip, "monev", "penghitung", nilai + 1, harap_revisi=rev)
                        hitung[k] += 1
                        break
                    except BerubahDiTempatLain:
                        hitung[N_TAB] += 1  # a refused save: the other replica won the race
                        time.sleep(0.001)
        except Exception as e:  # noqa: BLE001
            galat.append(repr(e))

    hitung = [0] * (N_TAB + 1)
    threads = [threading.Thread(target=peserta, args=(i,)) for i in range(N_PESERTA)]
    threads += [threading.Thread(target=tab, args=(k, hitung)) for k in range(N_TAB)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert galat == []
    st = Store.open(lokasi)  # a third reader, straight from the database
    semua = st.load_all_peserta()
    for i in range(N_PESERTA):
        assert acked[nip_ke(i)] == list(range(N_SIMPAN))
        for j in range(N_SIMPAN):
            assert semua[nip_ke(i)]["masalah"][f"f{j}"] == {"peserta": i, "ke": j}
    # every increment that was acknowledged is in the value: no update lost between replicas
    assert sum(hitung[:N_TAB]) == N_TAB * N_TAMBAH
    assert st.load(nip_ke(0), "monev", "penghitung") == N_TAB * N_TAMBAH
    assert hitung[N_TAB] > 0  # the tabs did race (some saves were refused and retried)
