"""Where a class's finished reports and certificates are kept, and read back from.

One seam for the report batch (``report.batch.run_laporan``), the certificates
(``report.sertifikat``) and the admin/results operations (``hub.admin.OperasiAdmin``):

- ``ArsipFolder(keluaran)``: files in ``<keluaran>/<nip>-<nama>/`` (``laporan.html``,
  ``laporan.pdf``, ``laporan.ipynb``, the fingerprint ``.sidik``; ``sertifikat.pdf`` and
  ``.sidik-sertifikat``), exactly as ``sinovda laporan`` always wrote them: a SQLite class's
  ``<kelas>/laporan``, or any folder given with ``--keluaran``.
- ``ArsipBasisData(lokasi)``: the class's own store (``store.berkas.BerkasKelas``; a PostgreSQL
  class: the table ``berkas_kelas`` in its schema): the report PDF and the certificate PDF with
  their fingerprints, one transaction per participant. Every store-service replica and every
  restarted pod reads the same files; no volume is needed.
- ``ArsipGanda([...])``: several at once (``sinovda laporan`` on a PostgreSQL class writes the
  folder to print from and the database the hub serves from); a report counts as done only
  when every archive holds it with the same fingerprint.

``arsip_kelas(kelas)`` is the archive the hub serves a class from (database for PostgreSQL,
``<kelas>/laporan`` for a folder); ``arsip_bawaan(kelas, keluaran)`` what ``run_laporan``
writes by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sinovda.report.aman import folder_peserta, tulis_atomik

if TYPE_CHECKING:
    from sinovda.report.pekerja import Hasil, Tugas

LAPORAN_PDF = "laporan.pdf"
SERTIFIKAT_PDF = "sertifikat.pdf"
SIDIK_SERTIFIKAT = ".sidik-sertifikat"


class Arsip(Protocol):
    """What the batch and the hub need from where the finished files live."""

    def teks(self) -> str:
        """Where, in Indonesian, for the run's summary (``Laporan di ...``)."""
        ...

    def siapkan(self) -> None:
        """Make the place ready before the first write (a folder: created)."""
        ...

    def sidik_laporan(self, tugas: Sequence[Tugas]) -> dict[str, str]:
        """``{nip: fingerprint}`` of the complete reports held of ``tugas``."""
        ...

    def tulis_laporan(self, tugas: Tugas, berkas: dict[str, bytes]) -> None:
        """Keep one participant's finished report (``{name: bytes}``), replacing the old."""
        ...

    def sidik_sertifikat(self, nip: str, nama: str) -> str | None:
        """The fingerprint of the certificate held for ``nip``, or None."""
        ...

    def tulis_sertifikat(self, nip: str, nama: str, pdf: bytes, sidik: str) -> Path:
        """Keep ``nip``'s certificate PDF; return ``jalur_sertifikat``."""
        ...

    def jalur_sertifikat(self, nip: str, nama: str) -> Path:
        """The certificate's path (a folder) or name (``<nip>-<nama>/sertifikat.pdf``)."""
        ...

    def baca(self, nip: str, nama: str, jenis: str) -> bytes | None:
        """``laporan.pdf`` or ``sertifikat.pdf`` of ``nip``, or None when not made."""
        ...

    def ada(self, nip: str, nama: str, jenis: str) -> bool:
        """Whether ``jenis`` of ``nip`` is held (without reading it)."""
        ...

    def semua(self, jenis: str, peserta: dict[str, str]) -> list[tuple[str, bytes]]:
        """``[(name for a ZIP, bytes)]`` of every ``jenis`` held (``peserta``: NIP -> name)."""
        ...


def _folder_nama(nip: str, nama: str) -> str:
    return folder_peserta(Path("."), nip, nama).name


class ArsipFolder:
    """Files in a folder, one sub-folder per participant (the layout of ``sinovda laporan``)."""

    def __init__(self, keluaran: Path | str) -> None:
        self.keluaran = Path(keluaran)

    def teks(self) -> str:
        return str(self.keluaran)

    def siapkan(self) -> None:
        self.keluaran.mkdir(parents=True, exist_ok=True)

    def sidik_laporan(self, tugas: Sequence[Tugas]) -> dict[str, str]:
        from sinovda.report import sidik
        from sinovda.report.pekerja import NAMA_HTML, NAMA_NB, NAMA_PDF

        hasil: dict[str, str] = {}
        for t in tugas:
            folder = Path(t.folder)
            if all((folder / n).is_file() for n in (NAMA_HTML, NAMA_PDF, NAMA_NB)):
                s = sidik.sidik_tersimpan(folder)
                if s is not None:
                    hasil[t.nip] = s
        return hasil

    def tulis_laporan(self, tugas: Tugas, berkas: dict[str, bytes]) -> None:
        from sinovda.report.pekerja import tulis_berkas

        tulis_berkas(Path(tugas.folder), berkas, tugas)

    def _folder(self, nip: str, nama: str) -> Path:
        return folder_peserta(self.keluaran, nip, nama)

    def sidik_sertifikat(self, nip: str, nama: str) -> str | None:
        folder = self._folder(nip, nama)
        pdf, berkas_sidik = folder / SERTIFIKAT_PDF, folder / SIDIK_SERTIFIKAT
        if pdf.is_file() and berkas_sidik.is_file():
            return berkas_sidik.read_text(encoding="utf-8").strip()
        return None

    def tulis_sertifikat(self, nip: str, nama: str, pdf: bytes, sidik: str) -> Path:
        folder = self._folder(nip, nama)
        folder.mkdir(parents=True, exist_ok=True)
        tulis_atomik(folder / SERTIFIKAT_PDF, pdf)
        tulis_atomik(folder / SIDIK_SERTIFIKAT, sidik)
        return folder / SERTIFIKAT_PDF

    def jalur_sertifikat(self, nip: str, nama: str) -> Path:
        return self._folder(nip, nama) / SERTIFIKAT_PDF

    def baca(self, nip: str, nama: str, jenis: str) -> bytes | None:
        path = self._folder(nip, nama) / jenis
        return path.read_bytes() if path.is_file() else None

    def ada(self, nip: str, nama: str, jenis: str) -> bool:
        return (self._folder(nip, nama) / jenis).is_file()

    def semua(self, jenis: str, peserta: dict[str, str]) -> list[tuple[str, bytes]]:
        if not self.keluaran.is_dir():
            return []
        return [(f"{p.parent.name}-{jenis}", p.read_bytes())
                for p in sorted(self.keluaran.glob(f"*/{jenis}"))]


class ArsipBasisData:
    """The class's store (``store.berkas.BerkasKelas``): the report PDF and the certificate PDF
    with their fingerprints; what the store service serves a PostgreSQL class from."""

    def __init__(self, lokasi: Any) -> None:
        from sinovda.store.berkas import BerkasKelas

        self.lokasi = lokasi
        self.berkas = BerkasKelas(lokasi)

    def teks(self) -> str:
        from sinovda.store import pg

        try:
            kunci = pg.urai(self.lokasi)[1]
        except Exception:  # an open store or an odd locator: say it generally
            return "basis data kelas"
        return f"basis data kelas {kunci}"

    def siapkan(self) -> None:
        return None

    def sidik_laporan(self, tugas: Sequence[Tugas]) -> dict[str, str]:
        return self.berkas.sidik(LAPORAN_PDF, [t.nip for t in tugas])

    def tulis_laporan(self, tugas: Tugas, berkas: dict[str, bytes]) -> None:
        self.berkas.simpan(tugas.nip, {LAPORAN_PDF: berkas[LAPORAN_PDF]}, tugas.sidik)

    def sidik_sertifikat(self, nip: str, nama: str) -> str | None:
        return self.berkas.sidik(SERTIFIKAT_PDF, [nip]).get(nip)

    def tulis_sertifikat(self, nip: str, nama: str, pdf: bytes, sidik: str) -> Path:
        self.berkas.simpan(nip, {SERTIFIKAT_PDF: pdf}, sidik)
        return self.jalur_sertifikat(nip, nama)

    def jalur_sertifikat(self, nip: str, nama: str) -> Path:
        return Path(_folder_nama(nip, nama)) / SERTIFIKAT_PDF

    def baca(self, nip: str, nama: str, jenis: str) -> bytes | None:
        return self.berkas.baca(nip, jenis)

    def ada(self, nip: str, nama: str, jenis: str) -> bool:
        return bool(self.berkas.sidik(jenis, [nip]))

    def semua(self, jenis: str, peserta: dict[str, str]) -> list[tuple[str, bytes]]:
        return [(f"{_folder_nama(nip, peserta.get(nip, nip))}-{jenis}", isi)
                for nip, isi in self.berkas.semua(jenis)]


class ArsipGanda:
    """Several archives written together; read from the first."""

    def __init__(self, arsip: Sequence[Arsip]) -> None:
        self.arsip = list(arsip)

    def teks(self) -> str:
        return " dan ".join(a.teks() for a in self.arsip)

    def siapkan(self) -> None:
        for a in self.arsip:
            a.siapkan()

    def sidik_laporan(self, tugas: Sequence[Tugas]) -> dict[str, str]:
        semua = [a.sidik_laporan(tugas) for a in self.arsip]
        return {n: s for n, s in semua[0].items() if all(x.get(n) == s for x in semua[1:])}

    def tulis_laporan(self, tugas: Tugas, berkas: dict[str, bytes]) -> None:
        for a in self.arsip:
            a.tulis_laporan(tugas, berkas)

    def sidik_sertifikat(self, nip: str, nama: str) -> str | None:
        semua = [a.sidik_sertifikat(nip, nama) for a in self.arsip]
        return semua[0] if all(s == semua[0] for s in semua) else None

    def tulis_sertifikat(self, nip: str, nama: str, pdf: bytes, sidik: str) -> Path:
        return [a.tulis_sertifikat(nip, nama, pdf, sidik) for a in self.arsip][0]

    def jalur_sertifikat(self, nip: str, nama: str) -> Path:
        return self.arsip[0].jalur_sertifikat(nip, nama)

    def baca(self, nip: str, nama: str, jenis: str) -> bytes | None:
        return self.arsip[0].baca(nip, nama, jenis)

    def ada(self, nip: str, nama: str, jenis: str) -> bool:
        return self.arsip[0].ada(nip, nama, jenis)

    def semua(self, jenis: str, peserta: dict[str, str]) -> list[tuple[str, bytes]]:
        return self.arsip[0].semua(jenis, peserta)


def simpan(hasil: Hasil, tugas: Tugas, arsip: Arsip) -> Hasil:
    """Keep a finished report's bytes in ``arsip`` and drop them from ``hasil``; a write that
    fails makes the participant's result a failure, named (the batch goes on)."""
    berkas, hasil.berkas = hasil.berkas, None
    if not hasil.ok or berkas is None:
        return hasil
    try:
        arsip.tulis_laporan(tugas, berkas)
    except Exception as e:  # disk full, database down: this participant fails, named
        hasil.ok, hasil.sel, hasil.alasan = False, "(penulisan berkas)", f"{type(e).__name__}: {e}"
    return hasil


def arsip_kelas(kelas: Any) -> Arsip:
    """Where the hub keeps and serves a class's reports: a PostgreSQL class's database, a
    SQLite class folder's ``<kelas>/laporan``."""
    from sinovda.store import pg

    if pg.dipilih(kelas):
        return ArsipBasisData(kelas)
    return ArsipFolder(Path(kelas) / "laporan")


def arsip_bawaan(kelas: Any, keluaran: Path) -> Arsip:
    """What ``run_laporan`` writes by default: the folder ``keluaran``; for a PostgreSQL class
    also its database (so the hub serves what ``sinovda laporan`` made)."""
    from sinovda.store import pg

    if pg.dipilih(kelas):
        return ArsipGanda([ArsipFolder(keluaran), ArsipBasisData(kelas)])
    return ArsipFolder(keluaran)

