"""Run the participant report template for a whole class: worker processes or a Dask cluster.

Public entry: ``run_laporan(kelas_dir, keluaran=None, jobs=None, nips=None, scheduler=None,
progress=True) -> Ringkasan``.

On Dask (``scheduler``) nothing travels as a path of the client: the template goes as notebook
content; a PostgreSQL class as its locator (the worker opens the database); a SQLite class as the
data its reports need (``report.bahan.BahanKelas``, read here through the store), which the
worker puts in a private temporary class. Workers return each report's bytes; only this
process writes files. So workers need only ``pip install sinovda[dask]``, no shared disk.

Where finished reports go is an archive (``report.arsip``): a folder (``<kelas>/laporan`` or
``--keluaran``), and for a PostgreSQL class also the class's database, which is what the hub
serves (``arsip=`` chooses; the Admin Kelas page of a PostgreSQL class writes the database only).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sinovda import paths
from sinovda.domain.errors import InputTidakValid
from sinovda.report import sidik
from sinovda.report.aman import folder_peserta
from sinovda.report.arsip import Arsip, ArsipFolder, arsip_bawaan, simpan
from sinovda.report.bahan import BahanKelas
from sinovda.report.pekerja import Hasil, Tugas

TEMPLAT = paths.NOTEBOOKS_DIR / "laporan_peserta.ipynb"
UKURAN_BAGIAN = 20  # participants per Dask task at most (one warm kernel each): bounds the
# report bytes one task holds and returns, and keeps the progress bar moving


@dataclass
class Ringkasan:
    """The outcome of a batch: who succeeded, who failed (which cell, why), who was skipped."""

    keluaran: Path
    berhasil: list[Hasil] = field(default_factory=list)
    gagal: list[Hasil] = field(default_factory=list)
    dilewati: list[Tugas] = field(default_factory=list)
    detik: float = 0.0
    sertifikat: Any = None  # sinovda.report.sertifikat.HasilSertifikat of this run
    tempat: str = ""  # where the reports were kept, in words (default: the folder)

    def teks(self) -> str:
        """The summary in Bahasa Indonesia, as printed at the end of ``sinovda laporan``."""
        baris = [
            f"Laporan di {self.tempat or self.keluaran}: berhasil {len(self.berhasil)}, "
            f"gagal {len(self.gagal)}, dilewati {len(self.dilewati)} (masukan tidak berubah) "
            f"dalam {self.detik:.1f} detik."
        ]
        for h in self.gagal:
            baris.append(f"  GAGAL {h.nip} {h.nama}: {h.sel}: {h.alasan}")
        if self.sertifikat is not None:
            baris.append(self.sertifikat.teks())
        return "\n".join(baris)


def jumlah_jobs(jobs: int | None) -> int:
    """Worker count: the given number, else the number of cores."""
    if jobs is None:
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                   else os.cpu_count() or 1)
    if jobs < 1:
        raise InputTidakValid(f"--jobs harus 1 atau lebih, bukan {jobs}")
    return jobs


def lokasi_kelas(kelas_dir: str | os.PathLike[str]) -> tuple[str | Path, Path]:
    """(the class as workers open it, the default output folder). A folder: resolved, output
    ``<kelas>/laporan``. A PostgreSQL class (a locator, or a key while ``$SINOVDA_DB`` is set):
    its full locator, output ``./laporan-<key>``."""
    from sinovda.store import pg

    if not pg.dipilih(kelas_dir):
        kelas = Path(kelas_dir).resolve()
        return kelas, kelas / "laporan"
    url, kunci = pg.urai(kelas_dir)
    return pg.lokasi_kelas(url, kunci), Path(f"laporan-{kunci}").resolve()


def siapkan_tugas(
    kelas_dir: str | Path, keluaran: Path, nips: Sequence[str] | None, templat: Path,
    arsip: Arsip | None = None,
) -> tuple[list[Tugas], list[Tugas]]:
    """(to do, skipped): every participant (or those named) with their folder and fingerprint;
    skipped: the report ``arsip`` (default: the folder ``keluaran``) holds with the same
    fingerprint."""
    from sinovda.store import Store

    st = Store.open(kelas_dir)
    try:
        return _tugas(st, keluaran, nips, templat, arsip or ArsipFolder(keluaran))
    finally:
        st.close()


def bahan_kelas(kelas: Path, nips: Sequence[str]) -> BahanKelas:
    """The data the reports of ``nips`` need from a SQLite class, read through its store."""
    from sinovda.report import bahan
    from sinovda.store import Store

    st = Store.open(kelas)
    try:
        return bahan.kumpulkan(st, kelas, nips)
    finally:
        st.close()


def _tugas(st: Any, keluaran: Path, nips: Sequence[str] | None, templat: Path, arsip: Arsip
           ) -> tuple[list[Tugas], list[Tugas]]:
    semua = {p.nip: p for p in st.daftar_peserta()}
    if nips:
        tidak_ada = [n for n in nips if n not in semua]
        if tidak_ada:
            raise InputTidakValid(
                "--nip: peserta dengan NIP " + ", ".join(tidak_ada) + " tidak ada di kelas ini"
            )
        dipilih = [semua[n] for n in dict.fromkeys(nips)]
    else:
        dipilih = list(semua.values())
    dasar = sidik.sidik_dasar(templat)
    info = st.kelas_info()
    jawaban = st.load_all_peserta()
    semua_tugas: list[Tugas] = []
    for p in dipilih:
        folder = folder_peserta(keluaran, p.nip, p.nama)
        s = sidik.sidik_peserta(dasar, p, jawaban.get(p.nip, {}), info)
        sub = " · ".join(x for x in (p.jabatan, p.opd, p.instansi) if x)
        semua_tugas.append(Tugas(p.nip, p.nama, str(folder), s,
                                 f"NIP {p.nip}" + (f" · {sub}" if sub else "")))
    tersimpan = arsip.sidik_laporan(semua_tugas)
    kerja = [t for t in semua_tugas if tersimpan.get(t.nip) != t.sidik]
    lewat = [t for t in semua_tugas if tersimpan.get(t.nip) == t.sidik]
    return kerja, lewat


def run_laporan(
    kelas_dir: str | os.PathLike[str],
    keluaran: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    nips: Sequence[str] | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    templat: Path = TEMPLAT,
    arsip: Arsip | None = None,
) -> Ringkasan:
    """Write ``<keluaran>/<nip>-<nama>/laporan.{html,pdf,ipynb}`` for the class's participants.

    ``keluaran`` defaults to ``<kelas>/laporan``; ``jobs`` to the number of cores; ``nips``
    limits the run to those participants; ``scheduler`` (a Dask address) sends the work to a
    ``distributed`` cluster instead of local worker processes. Reports whose inputs did not
    change since the last run are skipped. A participant whose data breaks a cell is listed in
    ``Ringkasan.gagal`` (cell and reason) and the batch goes on. Worker processes are
    started with ``spawn``: a script calling this needs the ``if __name__ == "__main__"`` guard.

    ``arsip`` is where finished reports and certificates are kept (``report.arsip``); default
    the folder ``keluaran``, plus the class's database for a PostgreSQL class.
    """
    t0 = time.perf_counter()
    kelas, bawaan = lokasi_kelas(kelas_dir)
    keluar = Path(keluaran).resolve() if keluaran else bawaan
    n_jobs = jumlah_jobs(jobs)
    tujuan = arsip if arsip is not None else arsip_bawaan(kelas, keluar)
    kerja, lewat = siapkan_tugas(kelas, keluar, nips, Path(templat), tujuan)
    tujuan.siapkan()
    ringkasan = Ringkasan(keluar, dilewati=lewat, tempat=tujuan.teks())
    per_nip = {t.nip: t for t in kerja}
    if kerja:
        from tqdm import tqdm

        with tqdm(total=len(kerja), desc="Laporan", unit="peserta", file=sys.stderr,
                  disable=not progress) as bar:
            if scheduler:
                hasil_iter = _lewat_dask(kerja, Path(templat), kelas, scheduler)
            elif n_jobs == 1 or len(kerja) == 1:
                hasil_iter = _di_proses_ini(kerja, Path(templat), kelas)
            else:  # worker processes write a folder themselves; anything else comes back here
                hasil_iter = _lewat_proses(kerja, Path(templat), kelas, min(n_jobs, len(kerja)),
                                           tulis=isinstance(tujuan, ArsipFolder))
            for h in hasil_iter:
                if h.berkas is not None:  # only this process keeps finished files
                    h = simpan(h, per_nip[h.nip], tujuan)
                (ringkasan.berhasil if h.ok else ringkasan.gagal).append(h)
                bar.update(1)
    from sinovda.report.sertifikat import tulis_sertifikat_kelas

    # sertifikat.pdf beside the report of everyone meeting the rule (modul/pengaturan.yaml)
    ringkasan.sertifikat = tulis_sertifikat_kelas(kelas, keluar,  # type: ignore[arg-type]
                                                  list(nips) if nips else None, arsip=tujuan)
    ringkasan.detik = time.perf_counter() - t0
    return ringkasan


def _di_proses_ini(kerja: list[Tugas], templat: Path, kelas: str | Path) -> Iterator[Hasil]:
    from sinovda.report.pekerja import Pekerja

    with Pekerja(templat, kelas) as p:
        for t in kerja:
            yield p.susun(t)  # the bytes: ``run_laporan`` keeps them in its archive


def _tanpa_paket_pg() -> str:
    """Why this (worker) process cannot open a PostgreSQL class, or "" when it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        import socket

        return (f"pekerja Dask di mesin {socket.gethostname()} belum memasang paket PostgreSQL; "
                "pasang di setiap mesin pekerja: pip install \"sinovda[dask,pg]\"")
    return ""


def kerjakan_bagian(templat: bytes, kelas: str | BahanKelas, kerja: list[Tugas]) -> list[Hasil]:
    """A Dask task (importable by workers): a chunk of reports with one warm kernel, returned
    as bytes (``Hasil.berkas``); nothing is written outside the worker's own temp dir.

    ``kelas``: a PostgreSQL locator the worker opens, or a SQLite class's data, put in a private
    temporary class for the chunk (one participant at a time; a participant whose data cannot
    be put there fails alone)."""
    from sinovda.domain.errors import SinovdaError
    from sinovda.report import bahan
    from sinovda.report.pekerja import Pekerja

    if isinstance(kelas, str):
        tanpa_pg = _tanpa_paket_pg()
        if tanpa_pg:  # said where: the client that sent the work has the package already
            return [Hasil(t.nip, t.nama, False, t.folder, "(pekerja Dask)", tanpa_pg)
                    for t in kerja]
        with Pekerja(templat, kelas) as p:
            return [p.susun(t) for t in kerja]
    hasil: list[Hasil] = []
    with bahan.kelas_sementara(kelas) as folder, Pekerja(templat, folder) as p:
        for t in kerja:
            try:
                bahan.isi_peserta(folder, kelas, t.nip)
            except SinovdaError as e:
                hasil.append(Hasil(t.nip, t.nama, False, t.folder, "(data peserta)", str(e)))
                continue
            hasil.append(p.susun(t))
    return hasil


def bagi(kerja: list[Tugas], n_thread: int, ukuran: int = UKURAN_BAGIAN) -> list[list[Tugas]]:
    """Chunks for the cluster: at least one per thread, at most ``ukuran`` participants each."""
    n = max(1, n_thread, -(-len(kerja) // ukuran))
    return [b for b in (kerja[i::n] for i in range(n)) if b]


def _lewat_dask(kerja: list[Tugas], templat: Path, kelas: str | Path, alamat: str
                ) -> Iterator[Hasil]:
    from distributed import Client, as_completed

    try:
        client = Client(alamat, timeout=10)
    except OSError:
        raise InputTidakValid(
            f"--scheduler: tidak dapat terhubung ke '{alamat[:80]}': scheduler Dask tidak menjawab "
            "dalam 10 detik; periksa alamatnya dan apakah scheduler sedang berjalan"
        ) from None
    except (ValueError, TypeError):
        raise InputTidakValid(
            f"--scheduler: '{alamat[:80]}' bukan alamat scheduler Dask; "
            "tulis mis. tcp://127.0.0.1:8786"
        ) from None
    with client:
        isi_templat = Path(templat).read_bytes()  # the template travels as content
        # a PostgreSQL class travels as its locator (str), a SQLite folder as its data
        semua = (bahan_kelas(kelas, [t.nip for t in kerja]) if isinstance(kelas, Path)
                 else BahanKelas(""))
        bagian = bagi(kerja, sum(client.nthreads().values()))
        futures = []
        for b in bagian:
            data = kelas if isinstance(kelas, str) else semua.untuk(t.nip for t in b)
            fut = client.submit(kerjakan_bagian, isi_templat, data, b, pure=False)
            fut.bagian = b  # type: ignore[attr-defined]
            futures.append(fut)
        try:
            for fut in as_completed(futures):
                try:
                    hasil = fut.result()
                except Exception as e:  # a worker lost: its participants are reported, not lost
                    for t in fut.bagian:  # type: ignore[attr-defined]
                        yield Hasil(t.nip, t.nama, False, t.folder, "(pekerja Dask)",
                                    f"{type(e).__name__}: {e}")
                    continue
                fut.release()  # the bytes now live here only
                yield from hasil  # only the client writes them (``run_laporan``: its archive)
        finally:  # done, failed or Ctrl-C: nothing of this run stays queued on the cluster
            client.cancel([f for f in futures if not f.done()])


def _loop_pekerja(templat: str, kelas: str, masuk: mp.Queue, keluar: mp.Queue,
                  berhenti: Any, tulis: bool = True) -> None:
    """Worker process: one warm kernel, participants from ``masuk`` until a None arrives or
    ``berhenti`` is set. SIGTERM and Ctrl-C end it cleanly: its kernel is always shut down.
    ``tulis``: write each report into its folder here; else send its bytes back."""
    from sinovda.report.pekerja import Pekerja

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with Pekerja(Path(templat), kelas) as p:
            while not berhenti.is_set() and (t := masuk.get()) is not None:
                keluar.put(("mulai", t.nip, os.getpid()))
                keluar.put(("hasil", p.buat(t) if tulis else p.susun(t), os.getpid()))
    except KeyboardInterrupt:
        pass


def _lewat_proses(kerja: list[Tugas], templat: Path, kelas: str | Path, n: int,
                  tulis: bool = True) -> Iterator[Hasil]:
    ctx = mp.get_context("spawn")
    masuk: mp.Queue = ctx.Queue()
    keluar: mp.Queue = ctx.Queue()
    berhenti = ctx.Event()
    for t in kerja:
        masuk.put(t)
    for _ in range(n):
        masuk.put(None)
    proses = [
        ctx.Process(target=_loop_pekerja,
                    args=(str(templat), str(kelas), masuk, keluar, berhenti, tulis),
                    daemon=False)
        for _ in range(n)
    ]
    for p in proses:
        p.start()
    per_nip = {t.nip: t for t in kerja}
    sedang: dict[int, str] = {}  # pid -> nip in progress
    selesai: set[str] = set()
    try:
        while len(selesai) < len(kerja):
            try:
                jenis, isi, pid = keluar.get(timeout=1.0)
            except queue.Empty:
                for p in proses:  # a dead worker's participant is reported as failed
                    if not p.is_alive() and p.pid in sedang:
                        t = per_nip[sedang.pop(p.pid)]
                        selesai.add(t.nip)
                        yield Hasil(t.nip, t.nama, False, t.folder, "(proses pekerja)",
                                    f"proses pekerja berhenti (kode {p.exitcode})")
                if all(not p.is_alive() for p in proses):
                    break
                continue
            if jenis == "mulai":
                sedang[pid] = isi
            else:
                sedang.pop(pid, None)
                selesai.add(isi.nip)
                yield isi
        for t in kerja:
            if t.nip not in selesai:
                yield Hasil(t.nip, t.nama, False, t.folder, "(proses pekerja)",
                            "tidak dikerjakan: semua proses pekerja berhenti")
    finally:
        _hentikan(proses, berhenti, masuk, keluar)


def _hentikan(proses: list[Any], berhenti: Any, masuk: mp.Queue, keluar: mp.Queue) -> None:
    """Let every worker finish its current report and shut its kernel down (interrupted or
    done), draining their results so none blocks on exit; SIGTERM the ones that do not stop."""
    berhenti.set()
    masuk.cancel_join_thread()
    batas = time.monotonic() + 60
    while any(p.is_alive() for p in proses) and time.monotonic() < batas:
        try:
            keluar.get(timeout=0.2)
        except queue.Empty:
            pass
    for p in proses:
        if p.is_alive():
            p.terminate()
            p.join(timeout=10)
