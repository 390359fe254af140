"""What a report worker without the class's disk needs, and the private class it makes from it.

A Dask worker on another machine cannot open a SQLite class file. The client reads, through the
store, everything the report template reads (``report.isi.Laporan``: the participant's identity
and answers, the class name and facilitators; ``report.pengesahan``: the admin page's class
settings) into a ``BahanKelas``; the worker puts it in a private temporary SQLite class in its
own temp dir (``kelas_sementara`` + ``isi_peserta``) and runs the same template against it, then
deletes it. A PostgreSQL class needs none of this: the worker opens it by its locator.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sinovda.domain.akses import Batas
from sinovda.domain.errors import InputTidakValid
from sinovda.store import Store
from sinovda.store.kodek import sekarang


@dataclass(frozen=True)
class BahanKelas:
    """A SQLite class's data as a report needs it, small enough to travel with a Dask task."""

    nama: str
    fasilitator: tuple[str, ...] = ()
    setelan: dict[str, Any] = field(default_factory=dict)  # admin page settings (tempat, ...)
    buku: dict[str, dict[str, Any]] = field(default_factory=dict)  # nip -> workbook JSON
    batas: Batas | None = None  # the class's size limits (the worker's own may be smaller)

    def untuk(self, nips: Iterable[str]) -> BahanKelas:
        """The same class data with only these participants' workbooks (one task's share)."""
        return replace(self, buku={n: self.buku[n] for n in nips if n in self.buku})


def kumpulkan(st: Any, kelas_dir: str | Path, nips: Iterable[str]) -> BahanKelas:
    """Read (client side, through the store) what the reports of ``nips`` need."""
    from sinovda.report.pengesahan import setelan_kelas

    info = st.kelas_info()
    return BahanKelas(
        nama=str(info.get("nama") or ""),
        fasilitator=tuple(str(f) for f in info.get("fasilitator") or ()),
        setelan=dict(setelan_kelas(kelas_dir)),
        buku={n: st.export_workbook(n) for n in nips},
        batas=st.batas,
    )


class _KelasSementara(Store):
    """Always a SQLite file (``Store.create`` sends a folder to PostgreSQL when ``$SINOVDA_DB``
    is set on the worker; a private temporary class must stay on the worker's own disk)."""


@contextmanager
def kelas_sementara(bahan: BahanKelas) -> Iterator[Path]:
    """A private temporary class folder (0700, in the worker's temp dir) holding the class name,
    facilitators and settings of ``bahan``, no participant yet; removed afterwards."""
    from sinovda.store.admin import SETELAN, DataAdmin

    akar = Path(tempfile.mkdtemp(prefix="sinovda-laporan-"))
    try:
        folder = akar / "kelas"
        st = _KelasSementara.create(folder, nama=bahan.nama.strip() or "Kelas")
        try:
            if bahan.fasilitator:
                st.atur_fasilitator(list(bahan.fasilitator))
        finally:
            st.close()
        setelan = {k: v for k, v in bahan.setelan.items() if k in SETELAN}
        if setelan:
            # given as the SQLite store: DataAdmin(folder) follows $SINOVDA_DB like Store.open
            DataAdmin(_KelasSementara(folder)).atur_setelan(setelan, oleh="sistem")
        yield folder
    finally:
        shutil.rmtree(akar, ignore_errors=True)


def isi_peserta(folder: Path, bahan: BahanKelas, nip: str) -> None:
    """Put participant ``nip``'s identity and answers (from ``bahan``) into the temporary class,
    exactly as stored in the class (trusted data: ``peran="sistem"``, trainer scores included).
    ``InputTidakValid`` if the workbook is not in ``bahan``; a bad workbook raises the store's
    own error (``BerkasTidakValid``, ``BatasTerlampaui``) for this participant only."""
    buku = bahan.buku.get(nip)
    if buku is None:
        raise InputTidakValid(f"data peserta NIP {nip} tidak dikirim bersama tugas laporan")
    st = _KelasSementara(folder, batas=bahan.batas)
    try:
        st.import_workbook(_jam_pekerja(buku), overwrite=True, peserta_baru=True, peran="sistem")
    finally:
        st.close()


def _jam_pekerja(buku: dict[str, Any]) -> dict[str, Any]:
    """The workbook with no ``saved_at`` ahead of this machine's clock: a worker whose clock lags
    the server's would otherwise refuse recent answers as "from the future". Only the private
    copy changes, and a report shows no save times."""
    kini = sekarang()
    jawaban = buku.get("jawaban")
    if not isinstance(jawaban, list):
        return buku  # the store names what is wrong with it
    return {**buku, "jawaban": [
        {**j, "saved_at": min(j["saved_at"], kini)}
        if isinstance(j, dict) and isinstance(j.get("saved_at"), str) else j
        for j in jawaban]}
