"""One report worker: a warm Jupyter kernel that runs the papermill template for many participants.

``Pekerja.susun`` is the one renderer: it returns a participant's finished HTML, PDF and notebook
as bytes (``Hasil.berkas``). Local worker processes write them at once (``Pekerja.buat``); a Dask
worker returns them and only the client writes (``simpan``: temporary name, ``os.replace``, the
fingerprint last), so a worker needs neither the class folder nor the output folder.

Kernel start-up dominates a small report, so a worker starts one kernel and reuses it. Before each
participant the kernel's namespace is reset and every figure closed, so nothing of one participant
reaches the next one's report (imported modules stay loaded: that is the speed-up).
A kernel that died or timed out is restarted before the next participant.
"""
# ruff: noqa: E402 (rfc3987_syntax is kept out before nbformat is imported)

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# jsonschema (via nbformat) imports rfc3987_syntax when installed, which builds a grammar at
# import time (~0.9 s per worker); it only checks the "iri" formats no notebook schema uses.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat
import papermill
from jupyter_client.manager import KernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError

from sinovda.report import dokumen
from sinovda.report.aman import tulis_atomik

NAMA_HTML, NAMA_PDF, NAMA_NB, NAMA_SIDIK = "laporan.html", "laporan.pdf", "laporan.ipynb", ".sidik"
BATAS_WAKTU_SEL = 180  # seconds one cell may run before the participant is reported as failed

_BERSIHKAN = (
    "get_ipython().reset(new_session=False)\n"
    "import sys as _s\n"
    "if 'matplotlib.pyplot' in _s.modules: _s.modules['matplotlib.pyplot'].close('all')\n"
    "del _s\n"
)


# imported once per kernel, before the first participant (the modules the template uses)
_PEMANASAN = (
    "import sinovda.report.isi, sinovda.report.hitung\n"
    "import sinovda.charts.masalah, sinovda.charts.kinerja  # matplotlib (charts load lazily)\n"
    "sinovda.report.hitung.pemanasan()"
)


@dataclass
class Tugas:
    """One participant's report to make."""

    nip: str
    nama: str
    folder: str  # output folder (already made safe)
    sidik: str  # fingerprint of the inputs, written beside the outputs when all succeeded
    sub: str = ""  # subtitle shown under the name (jabatan, OPD, instansi)


@dataclass
class Hasil:
    """What happened to one participant's report."""

    nip: str
    nama: str
    ok: bool
    folder: str = ""
    sel: str = ""  # which cell failed (number and first line)
    alasan: str = ""  # why, in the words of the error
    detik: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)
    berkas: dict[str, bytes] | None = None  # finished files (name -> bytes) until written


class _EngineKernelHangat(NBClientEngine):
    """papermill engine that reuses an already-connected kernel client (``kc=``)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):  # type: ignore[no-untyped-def]
        kc = kwargs.pop("kc")
        km = kwargs.pop("km")
        kwargs.pop("input_path", None)
        client = PapermillNotebookClient(
            nb_man,
            km=km,
            kernel_name=kernel_name,
            timeout=kwargs.pop("execution_timeout", None),
            startup_timeout=kwargs.pop("start_timeout", 60),
            log_output=False,
        )
        client.kc = kc
        return client.execute()


papermill_engines.register("sinovda-hangat", _EngineKernelHangat)


class Pekerja:
    """A warm kernel plus the steps that turn one participant into laporan.html/.pdf/.ipynb.

    ``templat``: the template notebook, a path or its content (bytes: what travels to a Dask
    worker). ``kelas``: a class folder, or a PostgreSQL class locator; the locator's database
    URL (which may hold a password) goes to the kernel as ``$SINOVDA_DB`` and only the class
    key into the notebook's parameters, so no saved ``laporan.ipynb`` carries it.
    """

    def __init__(self, templat: Path | bytes, kelas: str | Path,
                 batas_waktu: int = BATAS_WAKTU_SEL) -> None:
        from sinovda.store import pg

        self.batas_waktu = batas_waktu
        self.nb_templat = (nbformat.reads(templat.decode("utf-8"), as_version=4)
                           if isinstance(templat, bytes) else nbformat.read(templat, as_version=4))
        self.env = {k: v for k, v in os.environ.items() if k != pg.ENV_DB}
        if pg.adalah_url(kelas):
            url, kunci = pg.urai(kelas)
            self.kelas, self.env[pg.ENV_DB], self.cwd = kunci, url, tempfile.gettempdir()
        else:
            self.kelas = str(kelas)
            self.cwd = self.kelas if Path(self.kelas).is_dir() else tempfile.gettempdir()
        self.km: KernelManager | None = None
        self.kc: Any = None

    def __enter__(self) -> Pekerja:
        self._mulai_kernel()
        return self

    def __exit__(self, *exc: object) -> None:
        self.tutup()

    def _mulai_kernel(self) -> None:
        """Start the kernel; while it imports the report code, warm up WeasyPrint here."""
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # no history file and no output cache: nothing of a participant is kept, and the
            # reset between participants needs no full garbage collection
            extra_arguments=["--HistoryManager.enabled=False", "--InteractiveShell.cache_size=0"],
        )
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.kc.allow_stdin = False
        msg_id = self.kc.execute(_PEMANASAN, store_history=False)
        dokumen.pdf_dari_html(dokumen.susun_html([], "pemanasan"))
        while True:  # the import must be finished before the first participant
            reply = self.kc.get_shell_msg(timeout=120)
            if reply["parent_header"].get("msg_id") == msg_id:
                break

    def tutup(self) -> None:
        """Stop the kernel and its channels."""
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None and self.km.has_kernel:
            self.km.shutdown_kernel(now=True)
        self.km = None

    def _mulai_ulang(self) -> None:
        self.tutup()
        self._mulai_kernel()

    def _bersihkan(self) -> None:
        reply = self.kc.execute_interactive(_BERSIHKAN, timeout=30, store_history=False)
        if reply["content"]["status"] != "ok":
            raise RuntimeError("kernel tidak dapat dibersihkan")

    def jalankan(self, nip: str) -> Any:
        """Execute the template for one participant; return the executed notebook."""
        self._bersihkan()
        return papermill.execute_notebook(
            self.nb_templat,
            None,
            parameters={"kelas": self.kelas, "nip": nip},
            engine_name="sinovda-hangat",
            kernel_name="python3",
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=self.batas_waktu,
            km=self.km,
            kc=self.kc,
        )

    def susun(self, tugas: Tugas) -> Hasil:
        """Make one participant's report as bytes (``Hasil.berkas``: HTML, PDF, notebook) and
        write nothing; never raises for a participant's data problem (``ok`` False, cell and
        reason)."""
        t0 = time.perf_counter()
        folder = str(tugas.folder)
        try:
            nb = self.jalankan(tugas.nip)
        except PapermillExecutionError as e:
            return Hasil(tugas.nip, tugas.nama, False, folder, _nama_sel(e), _alasan(e),
                         time.perf_counter() - t0)
        except Exception as e:  # timeout or dead kernel: fresh kernel for the next participant
            self._mulai_ulang()
            return Hasil(tugas.nip, tugas.nama, False, folder, "(kernel)",
                         f"{type(e).__name__}: {e}", time.perf_counter() - t0)
        try:
            berkas = susun_berkas(nb, tugas)
        except Exception as e:  # e.g. the PDF could not be rendered: report it, go on
            return Hasil(tugas.nip, tugas.nama, False, folder, "(penulisan HTML/PDF)",
                         f"{type(e).__name__}: {e}", time.perf_counter() - t0)
        return Hasil(tugas.nip, tugas.nama, True, folder, detik=time.perf_counter() - t0,
                     berkas=berkas)

    def buat(self, tugas: Tugas) -> Hasil:
        """Make one participant's report and write it into ``tugas.folder``."""
        return simpan(self.susun(tugas), tugas)


def susun_berkas(nb: Any, tugas: Tugas) -> dict[str, bytes]:
    """The report files of an executed template: HTML, PDF and notebook, as bytes."""
    teks_html = dokumen.susun_html(dokumen.blok_keluaran(nb), tugas.nama, tugas.sub)
    return {
        NAMA_HTML: teks_html.encode("utf-8"),
        NAMA_PDF: dokumen.pdf_dari_html(teks_html),
        NAMA_NB: nbformat.writes(nb).encode("utf-8"),
    }


def simpan(hasil: Hasil, tugas: Tugas) -> Hasil:
    """Write a finished report's bytes into ``tugas.folder`` (``tulis_berkas``) and drop them
    from ``hasil``; a write that fails makes the participant's result a failure, named."""
    berkas, hasil.berkas = hasil.berkas, None
    if not hasil.ok or berkas is None:
        return hasil
    try:
        tulis_berkas(Path(tugas.folder), berkas, tugas)
    except Exception as e:  # disk full, permission: this participant fails, the batch goes on
        hasil.ok, hasil.sel, hasil.alasan = False, "(penulisan berkas)", f"{type(e).__name__}: {e}"
    return hasil


def tulis_berkas(folder: Path, berkas: dict[str, bytes], tugas: Tugas) -> None:
    """Write the files atomically (temporary name, ``os.replace``); the fingerprint last (it
    marks completion, so an interrupted write is redone on the next run)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NAMA_SIDIK).unlink(missing_ok=True)
    for sisa in folder.glob(".*.sementara"):  # left by a run that was killed mid-write
        sisa.unlink(missing_ok=True)
    for nama in (NAMA_HTML, NAMA_PDF, NAMA_NB):
        tulis_atomik(folder / nama, berkas[nama])
    tulis_atomik(folder / NAMA_SIDIK, json.dumps({"sidik": tugas.sidik, "nip": tugas.nip}))


def _nama_sel(e: PapermillExecutionError) -> str:
    baris = [b for b in (e.source or "").splitlines() if b.strip()]
    awal = baris[0].strip() if baris else ""
    nomor = e.cell_index + 1
    return f"sel {nomor} ({awal[:60]})" if awal else f"sel {nomor}"


def _alasan(e: PapermillExecutionError) -> str:
    return f"{e.ename}: {e.evalue}" if e.evalue else str(e.ename)
