"""The passcode sheet: a text list for the facilitator and an A4 PDF of slips to cut and hand out.

Both are written only by the owner (mode 0600, through a temporary file in the same folder that
is renamed into place), never through a shell redirection that would leave them readable by
every account on the machine.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

from sinovda.domain.errors import InputTidakValid

PERINGATAN_KODE = (
    "Kode akses hanya ditampilkan SEKALI (yang tersimpan hanya sidik/hash-nya). "
    "Cetak lembar ini, potong per peserta, dan simpan di tempat aman."
)


@dataclass(frozen=True)
class Slip:
    """One account's slip: login name (NIP or facilitator name), full name, passcode."""

    nama: str
    label: str
    kode: str


def teks_lembar(slip: list[Slip]) -> str:
    """The sheet as plain text, one account per line."""
    lebar = max(len(s.nama) for s in slip)
    garis = "-" * (lebar + 50)
    baris = [
        "LEMBAR KODE AKSES  (login: NIP atau nama akun fasilitator + kode akses)",
        PERINGATAN_KODE,
        garis,
        *(f"{s.nama:<{lebar}}  {s.kode}  {s.label}" for s in slip),
        garis,
    ]
    return "\n".join(baris) + "\n"


CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #111; margin: 0; }
h1 { font-size: 12pt; margin: 0 0 2mm 0; }
p.catatan { font-size: 8pt; margin: 0 0 4mm 0; }
.slip { display: inline-block; box-sizing: border-box; width: 49%; height: 44mm;
        vertical-align: top; border: 1px dashed #555; padding: 4mm 5mm; margin: 0 0 2mm 0;
        page-break-inside: avoid; }
.kelas { font-size: 8pt; color: #444; }
.label { font-weight: bold; font-size: 11pt; margin-top: 1mm; overflow: hidden;
         white-space: nowrap; text-overflow: ellipsis; }
.isian { margin-top: 2mm; }
.kode { font-family: 'DejaVu Sans Mono', monospace; font-size: 16pt; font-weight: bold;
        letter-spacing: 1pt; }
.nip { font-family: 'DejaVu Sans Mono', monospace; font-size: 11pt; }
.petunjuk { font-size: 7pt; color: #444; margin-top: 2mm; }
"""


def html_lembar(slip: list[Slip], kelas: str) -> str:
    """The slips as an HTML page (two per row, dashed cut lines)."""
    e = html.escape
    kartu = "".join(
        f'<div class="slip"><div class="kelas">{e(kelas)}</div>'
        f'<div class="label">{e(s.label or s.nama)}</div>'
        f'<div class="isian">Login (NIP/nama akun): <span class="nip">{e(s.nama)}</span></div>'
        f'<div class="isian">Kode akses: <span class="kode">{e(s.kode)}</span></div>'
        '<div class="petunjuk">Simpan kode ini untuk Anda sendiri; jangan berikan kepada orang '
        "lain. Kode hilang? Minta kode baru kepada fasilitator.</div></div>"
        for s in slip
    )
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>Lembar kode akses</title><style>{CSS}</style></head><body>"
        f"<h1>Lembar kode akses: {e(kelas)}</h1>"
        f'<p class="catatan">{e(PERINGATAN_KODE)} Gunting di garis putus-putus.</p>'
        f"{kartu}</body></html>"
    )


def pdf_lembar(slip: list[Slip], kelas: str) -> bytes:
    """The slips as an A4 PDF."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    # no network and no file access while rendering: the page is self-contained
    pengambil = URLFetcher(allowed_protocols={"data"})
    dok = weasyprint.HTML(string=html_lembar(slip, kelas), url_fetcher=pengambil)
    return dok.write_pdf()


def cek_tujuan(path: Path, opsi: str) -> Path:
    """Refuse a target that is not a regular file path in an existing folder."""
    if path.exists() and not path.is_file():
        raise InputTidakValid(f"{opsi}: '{path}' bukan berkas biasa; tulis nama berkas baru")
    if not path.parent.is_dir():
        raise InputTidakValid(f"{opsi}: folder '{path.parent}' tidak ada")
    return path


def tulis_pribadi(path: Path, isi: bytes) -> None:
    """Write ``isi`` to ``path`` readable only by its owner (0600), replacing it whole."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.sementara")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
