"""The closing block of a participant's report: class, place, print date and signatures.

A report is filed and signed: the block names the class, the place (the class settings'
``tempat`` set on the admin page, else a dotted line to write it by hand) and the print date
in Indonesian, and gives one signature space per class facilitator (class info
``fasilitator``), with the participant's own signature beside them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sinovda.domain.peserta import NAMA_BULAN
from sinovda.report.tampil import Bagian, esc

GARIS = "...................................."


def setelan_kelas(kelas_dir: str | Path | None) -> dict[str, Any]:
    """The class settings of the admin page (``admin_setelan``: tempat, tanggal, ...), read-only;
    ``{}`` when there is no class or no settings yet (``store.admin.baca_setelan``)."""
    if kelas_dir is None:
        return {}
    from sinovda.store.admin import baca_setelan  # a class folder or a PostgreSQL class

    return baca_setelan(kelas_dir)


def tanggal_indonesia(hari: dt.date) -> str:
    """E.g. "9 Maret 2026"."""
    return f"{hari.day} {NAMA_BULAN[hari.month - 1]} {hari.year}"


def _kolom_ttd(peran: str, nama: str, nip: str = "") -> str:
    baris_nip = f"<br>NIP {esc(nip)}" if nip else ""
    return (f'<td class="ttd"><div>{esc(peran)}</div><div class="ruang-ttd"></div>'
            f'<div class="nama-ttd">{esc(nama) or GARIS}</div>{baris_nip}</td>')


def blok_pengesahan(kelas: Mapping[str, Any], peserta: Any,
                    dicetak: dt.date | None = None) -> Bagian:
    """The signature block (HTML section) for one participant's report."""
    hari = dicetak or dt.date.today()
    tempat = str(kelas.get("tempat") or "").strip()
    fasilitator: Sequence[str] = [str(f) for f in kelas.get("fasilitator") or [] if str(f)]
    isi = ('<table class="isian"><tbody>'
           f"<tr><th>Kelas</th><td>{esc(kelas.get('nama') or '-')}</td></tr>"
           f"<tr><th>Tempat</th><td>{esc(tempat) if tempat else GARIS}</td></tr>"
           f"<tr><th>Tanggal cetak</th><td>{esc(tanggal_indonesia(hari))}</td></tr>"
           "</tbody></table>")
    kolom = [_kolom_ttd("Peserta", getattr(peserta, "nama", ""), getattr(peserta, "nip", ""))]
    kolom += [_kolom_ttd("Pelatih / fasilitator", f) for f in fasilitator] or [
        _kolom_ttd("Pelatih / fasilitator", "")]
    baris = [kolom[i:i + 3] for i in range(0, len(kolom), 3)]
    isi += (f'<p>{esc(tempat) if tempat else GARIS}, {esc(tanggal_indonesia(hari))}</p>'
            '<table class="pengesahan"><tbody>'
            + "".join(f"<tr>{''.join(b)}</tr>" for b in baris)
            + "</tbody></table>")
    return Bagian("Pengesahan", isi, "pengesahan")
