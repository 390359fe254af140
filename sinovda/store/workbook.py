"""Workbook JSON format: one participant's identity and answers as one JSON document.

Format (``versi`` 1)::

    {"format": "sinovda-workbook", "versi": 1, "kelas": "...", "diekspor": "<UTC ISO>",
     "peserta": {"nip", "nama", "jabatan", "opd", "instansi", "email"},
     "jawaban": [{"modul", "field", "value", "saved_at"}, ...]}

``kelas`` and ``diekspor`` are informative and optional on import. This module only knows the
format (check, build, read and write files); the merge into a class (which answer wins, history,
access policy, limits) is the store's: ``Store.import_workbook`` / ``Store.export_workbook``.
The store imports this module, never the other way round.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.domain.peserta import Peserta, alasan_nip_tidak_valid
from sinovda.store import galat
from sinovda.store.kodek import ke_json, sekarang, waktu_utc

FORMAT = "sinovda-workbook"
VERSI = 1
_IDENTITAS = ("nip", "nama", "jabatan", "opd", "instansi", "email")

__all__ = ["FORMAT", "VERSI", "baca_berkas", "ekspor", "ekspor_berkas", "impor",
           "impor_berkas", "susun", "tulis_berkas", "validasi", "waktu_utc"]


class _PunyaBukuKerja(Protocol):
    def export_workbook(self, nip: str) -> dict[str, Any]: ...

    def import_workbook(self, data: Any, overwrite: bool = False, *,
                        peserta_baru: bool = False, peran: str = "peserta") -> Any: ...


def susun(kelas: str, p: Peserta, rows: Iterable[tuple[str, str, str, str]]) -> dict[str, Any]:
    """The workbook of participant ``p`` from rows ``(modul, field, value JSON, saved_at)``."""
    return {
        "format": FORMAT,
        "versi": VERSI,
        "kelas": kelas,
        "diekspor": sekarang(),
        "peserta": {k: getattr(p, k) for k in _IDENTITAS},
        "jawaban": [{"modul": m, "field": f, "value": json.loads(v), "saved_at": s}
                    for m, f, v, s in rows],
    }


def ekspor(store: _PunyaBukuKerja, nip: str) -> dict[str, Any]:
    """The workbook of participant ``nip`` (current answers with their saved_at)."""
    return store.export_workbook(nip)


def _teks_wajib(d: dict, kunci: str, tempat: str) -> str:
    if kunci not in d:
        raise BerkasTidakValid(f"{tempat}: kunci '{kunci}' tidak ada")
    nilai = d[kunci]
    if not isinstance(nilai, str) or not nilai.strip():
        raise BerkasTidakValid(f"{tempat}.{kunci}: harus teks yang tidak kosong, bukan {nilai!r}")
    return nilai


def validasi(data: Any) -> tuple[Peserta, list[tuple[str, str, str, str]]]:
    """Check a workbook dict; return (peserta, [(modul, field, value JSON, saved_at UTC)])."""
    if not isinstance(data, dict):
        raise BerkasTidakValid("bukan buku kerja sinovda: isinya harus objek JSON {...}")
    if data.get("format") != FORMAT:
        raise BerkasTidakValid(
            f"bukan buku kerja sinovda: kunci 'format' harus '{FORMAT}', "
            f"bukan {data.get('format')!r}"
        )
    versi = data.get("versi")
    if not isinstance(versi, int) or isinstance(versi, bool) or versi < 1:
        raise BerkasTidakValid(f"kunci 'versi' harus bilangan bulat 1, bukan {versi!r}")
    if versi > VERSI:
        raise BerkasTidakValid(
            f"buku kerja versi {versi} dibuat oleh sinovda yang lebih baru; perbarui sinovda"
        )
    identitas = data.get("peserta")
    if not isinstance(identitas, dict):
        raise BerkasTidakValid("kunci 'peserta' tidak ada atau bukan objek {nip, nama, ...}")
    nip = _teks_wajib(identitas, "nip", "peserta").strip()
    alasan = alasan_nip_tidak_valid(nip)
    if alasan:
        raise BerkasTidakValid(f"peserta.nip: NIP tidak sah: {alasan}")
    nama = _teks_wajib(identitas, "nama", "peserta").strip()
    lain = {}
    for k in _IDENTITAS[2:]:
        v = identitas.get(k) or ""
        if not isinstance(v, str):
            raise BerkasTidakValid(f"peserta.{k}: harus teks, bukan {v!r}")
        lain[k] = v.strip()
    jawaban = data.get("jawaban")
    if not isinstance(jawaban, list):
        raise BerkasTidakValid("kunci 'jawaban' tidak ada atau bukan daftar [...]")
    hasil, dilihat = [], set()
    for i, j in enumerate(jawaban):
        tempat = f"jawaban[{i}]"
        if not isinstance(j, dict):
            raise BerkasTidakValid(f"{tempat}: harus objek {{modul, field, value, saved_at}}")
        modul = _teks_wajib(j, "modul", tempat)
        field = _teks_wajib(j, "field", tempat)
        if "value" not in j:
            raise BerkasTidakValid(f"{tempat} ({modul}.{field}): kunci 'value' tidak ada")
        if "saved_at" not in j:
            raise BerkasTidakValid(f"{tempat} ({modul}.{field}): kunci 'saved_at' tidak ada")
        if (modul, field) in dilihat:
            raise BerkasTidakValid(f"{tempat}: jawaban {modul}.{field} tercantum dua kali")
        dilihat.add((modul, field))
        try:
            teks = ke_json(j["value"], f"{modul}.{field}")
        except InputTidakValid as e:
            raise BerkasTidakValid(f"{tempat}: {e}") from None
        hasil.append((modul, field, teks, waktu_utc(j["saved_at"], f"{tempat}.saved_at")))
    return Peserta(nip=nip, nama=nama, **lain), hasil


def impor(store: _PunyaBukuKerja, data: Any, overwrite: bool = False, *,
          peserta_baru: bool = False, peran: str = "peserta") -> Any:
    """Import a workbook dict into ``store`` (see ``Store.import_workbook``); return its summary."""
    return store.import_workbook(data, overwrite, peserta_baru=peserta_baru, peran=peran)


# ----- files ---------------------------------------------------------------------------------
def baca_berkas(path: str | Path) -> dict[str, Any]:
    """Read and check a workbook file; BerkasTidakValid names the file and what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise BerkasTidakValid(f"{path}: berkas tidak ditemukan") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise BerkasTidakValid(f"{path}: bukan berkas teks JSON buku kerja sinovda") from None
    except json.JSONDecodeError as e:
        raise BerkasTidakValid(  # the position only: json's own reason is English
            f"{path}: bukan JSON yang sah (rusak di baris {e.lineno}, kolom {e.colno}; "
            "berkas terpotong atau diubah tangan? ekspor ulang dari sinovda)") from None
    except OSError as e:
        raise BerkasTidakValid(f"{path}: tidak dapat dibaca ({galat.sebab(e)})") from None
    try:
        validasi(data)
    except BerkasTidakValid as e:
        raise BerkasTidakValid(f"{path}: {e}") from None
    return data


def periksa_tujuan(path: Path) -> Path:
    """The real path a file may be written to: only a regular file (new or existing) in an
    existing folder; a folder, device, FIFO or socket (or a symlink to one) is refused."""
    try:
        tujuan = path.resolve() if path.is_symlink() else path
        st = os.stat(tujuan)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputTidakValid(f"'{path}': tidak dapat diperiksa ({galat.sebab(e)})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputTidakValid(f"'{path}' adalah folder; tulis nama berkas, mis. buku.json")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputTidakValid(
            f"'{path}' bukan berkas biasa (perangkat, FIFO atau soket); tulis nama berkas "
            "biasa, mis. buku.json"
        )
    if not tujuan.parent.is_dir():
        raise InputTidakValid(f"'{path}': folder {tujuan.parent} tidak ada")
    return tujuan


def tulis_teks_atomik(teks: str, path: str | Path) -> Path:
    """Write ``teks`` (UTF-8) to the regular file ``path`` atomically: a temporary file in the same
    folder, fsync, then ``os.replace``; on any failure the temporary file is removed and the old
    file (if any) is unchanged. OS errors become GagalPenyimpanan (Indonesian)."""
    path = Path(path)
    tujuan = periksa_tujuan(path)
    try:
        mode = stat.S_IMODE(os.stat(tujuan).st_mode) if tujuan.exists() else 0o600
        fd, sementara = tempfile.mkstemp(dir=tujuan.parent, prefix=f".{tujuan.name}.",
                                         suffix=".sementara")
    except OSError as e:
        raise galat.terjemahkan(e, tujuan.parent) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(teks)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(sementara, mode)
        periksa_tujuan(path)  # still a regular file (or absent) just before the rename
        os.replace(sementara, tujuan)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(sementara)
        if isinstance(e, OSError):
            raise galat.terjemahkan(e, tujuan) from None
        raise
    return path


def tulis_berkas(data: dict[str, Any], path: str | Path) -> Path:
    """Write a workbook as UTF-8 JSON to a regular file, atomically (see ``tulis_teks_atomik``)."""
    return tulis_teks_atomik(json.dumps(data, ensure_ascii=False, indent=1), path)


def ekspor_berkas(store: _PunyaBukuKerja, nip: str, path: str | Path) -> Path:
    """Export participant ``nip`` to the JSON file ``path``."""
    return tulis_berkas(ekspor(store, nip), path)


def impor_berkas(store: _PunyaBukuKerja, path: str | Path, overwrite: bool = False, *,
                 peserta_baru: bool = False, peran: str = "peserta") -> Any:
    """Import the workbook file ``path``; errors name the file."""
    path = Path(path)
    data = baca_berkas(path)
    try:
        return impor(store, data, overwrite, peserta_baru=peserta_baru, peran=peran)
    except BerkasTidakValid as e:
        raise BerkasTidakValid(f"{path}: {e}") from None
