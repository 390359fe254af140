"""Workbook export/import: one participant's identity and answers as one JSON document.

Format (``versi`` 1)::

    {"format": "sinovda-workbook", "versi": 1, "kelas": "...", "diekspor": "<UTC ISO>",
     "peserta": {"nip", "nama", "jabatan", "opd", "instansi", "email"},
     "jawaban": [{"modul", "field", "value", "saved_at"}, ...]}

``kelas`` and ``diekspor`` are informative and optional on import. Importing keeps, for each
answer, the newer of the class copy and the incoming copy (``overwrite=True``: the incoming one);
an incoming value that is not kept still goes into the history, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.domain.peserta import Peserta, alasan_nip_tidak_valid
from sinovda.store.store import Store, ke_json, sekarang

FORMAT = "sinovda-workbook"
VERSI = 1
_IDENTITAS = ("nip", "nama", "jabatan", "opd", "instansi", "email")


def ekspor(store: Store, nip: str) -> dict[str, Any]:
    """The workbook of participant ``nip`` (current answers with their saved_at)."""
    p = store.get_peserta(nip)
    if p is None:
        raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas ini")
    rows = store._conn().execute(
        "SELECT modul, field, value, saved_at FROM jawaban WHERE nip = ? ORDER BY modul, field",
        (nip,),
    ).fetchall()
    return {
        "format": FORMAT,
        "versi": VERSI,
        "kelas": store.kelas_info()["nama"],
        "diekspor": sekarang(),
        "peserta": {k: getattr(p, k) for k in _IDENTITAS},
        "jawaban": [{"modul": m, "field": f, "value": json.loads(v), "saved_at": s}
                    for m, f, v, s in rows],
    }


def waktu_utc(teks: Any, kunci: str) -> str:
    """``saved_at`` as stored: UTC ISO with microseconds (a time without zone is taken as UTC)."""
    try:
        waktu = dt.datetime.fromisoformat(teks)
    except (TypeError, ValueError):
        raise BerkasTidakValid(
            f"{kunci}: '{teks}' bukan waktu ISO 8601 (mis. 2025-03-10T09:15:00+08:00)"
        ) from None
    if waktu.tzinfo is None:
        waktu = waktu.replace(tzinfo=dt.UTC)
    return waktu.astimezone(dt.UTC).isoformat(timespec="microseconds")


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


def impor(store: Store, data: Any, overwrite: bool = False) -> dict[str, int]:
    """Import a workbook dict in one transaction; return ``{"baru", "diperbarui", "dilewati",
    "sama"}`` (new answers, answers replaced, incoming answers older than the class copy kept only
    in history, answers already identical)."""
    peserta, jawaban = validasi(data)
    ringkasan = {"baru": 0, "diperbarui": 0, "dilewati": 0, "sama": 0}
    with store._tulis() as conn:
        if conn.execute("SELECT 1 FROM peserta WHERE nip = ?", (peserta.nip,)).fetchone() is None:
            conn.execute("INSERT INTO peserta VALUES (?, ?, ?, ?, ?, ?)",
                         tuple(getattr(peserta, k) for k in _IDENTITAS))
        for modul, field, teks, saved_at in jawaban:
            ringkasan[_satu(conn, peserta.nip, modul, field, teks, saved_at, overwrite)] += 1
    return ringkasan


def _satu(conn: sqlite3.Connection, nip: str, modul: str, field: str, teks: str,
          saved_at: str, overwrite: bool) -> str:
    kunci = (nip, modul, field)
    kini = conn.execute(
        "SELECT value, saved_at FROM jawaban WHERE nip = ? AND modul = ? AND field = ?", kunci
    ).fetchone()
    if kini is not None and kini == (teks, saved_at):
        return "sama"
    ada = conn.execute(
        "SELECT id FROM revisi WHERE nip = ? AND modul = ? AND field = ? AND value = ? "
        "AND saved_at = ? ORDER BY id DESC LIMIT 1", (*kunci, teks, saved_at),
    ).fetchone()
    dipakai = kini is None or overwrite or saved_at > kini[1]  # both are UTC ISO: text order
    if not dipakai:
        if ada is None:
            Store._tulis_revisi(conn, *kunci, teks, saved_at, jadikan_kini=False)
        return "dilewati"
    if ada is None:
        Store._tulis_revisi(conn, *kunci, teks, saved_at)
    else:
        Store._jadikan_kini(conn, *kunci, teks, saved_at, ada[0])
    return "baru" if kini is None else "diperbarui"


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
        raise BerkasTidakValid(f"{path}: bukan JSON yang sah (baris {e.lineno}: {e.msg})") from None
    try:
        validasi(data)
    except BerkasTidakValid as e:
        raise BerkasTidakValid(f"{path}: {e}") from None
    return data


def tulis_berkas(data: dict[str, Any], path: str | Path) -> Path:
    """Write a workbook as UTF-8 JSON, atomically (a temporary file renamed into place)."""
    path = Path(path)
    if path.is_dir():
        raise InputTidakValid(f"'{path}' adalah folder; tulis nama berkas, mis. buku.json")
    sementara = path.with_name(path.name + ".sementara")
    sementara.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    sementara.replace(path)
    return path


def ekspor_berkas(store: Store, nip: str, path: str | Path) -> Path:
    """Export participant ``nip`` to the JSON file ``path``."""
    return tulis_berkas(ekspor(store, nip), path)


def impor_berkas(store: Store, path: str | Path, overwrite: bool = False) -> dict[str, int]:
    """Import the workbook file ``path``; errors name the file."""
    path = Path(path)
    data = baca_berkas(path)
    try:
        return impor(store, data, overwrite=overwrite)
    except BerkasTidakValid as e:
        raise BerkasTidakValid(f"{path}: {e}") from None
