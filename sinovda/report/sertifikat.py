"""The completion certificate: an A4 landscape PDF per participant who met the rule.

``tulis_sertifikat_kelas(kelas_dir, keluaran, nips=None)`` checks every participant (or those
named) against ``sertifikat:`` in ``modul/pengaturan.yaml`` (``sinovda.view.hasil``), issues the
certificate in the class DB once (``DataAdmin.terbitkan``: the code is an HMAC keyed with the
class's secret) and writes ``<keluaran>/<nip>-<nama>/sertifikat.pdf`` beside the report. The
class name, dates, place, hours (JP) and the trainer's name come from the class settings
(Admin Kelas page), with the JP default from the settings file. A PDF whose content did not
change is not rewritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinovda.domain import sertifikat as ds
from sinovda.domain.peserta import Peserta
from sinovda.store.admin import DataAdmin, Sertifikat

NAMA_PDF = "sertifikat.pdf"
NAMA_SIDIK = ".sidik-sertifikat"

CSS = """
@page { size: A4 landscape; margin: 12mm; }
html { font-family: "DejaVu Serif", serif; color: #1a1a1a; }
.bingkai { border: 3pt double #0b4f6c; height: 180mm; padding: 10mm 18mm; text-align: center;
           box-sizing: border-box; position: relative; }
.penyelenggara { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; letter-spacing: 1pt;
                 color: #0b4f6c; text-transform: uppercase; }
h1 { font-size: 34pt; letter-spacing: 6pt; margin: 5mm 0 1mm; color: #0b4f6c;
     text-transform: uppercase; }
.kode { font-family: "DejaVu Sans Mono", monospace; font-size: 10pt; color: #333; }
.diberikan { margin-top: 7mm; font-size: 12pt; }
.nama { font-size: 24pt; font-weight: bold; margin: 2mm 0 0; }
.nip { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #333; }
.isi { font-size: 12.5pt; margin: 6mm 10mm 0; line-height: 1.45; }
.kelas { font-weight: bold; font-size: 14pt; }
.ttd { position: absolute; right: 22mm; bottom: 14mm; width: 85mm; text-align: center;
       font-size: 11pt; }
.ttd .ruang { height: 18mm; }
.ttd .nama-ttd { font-weight: bold; text-decoration: underline; }
.cek { position: absolute; left: 18mm; bottom: 14mm; width: 120mm; text-align: left;
       font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #444; }
"""


@dataclass(frozen=True)
class IsiSertifikat:
    """Everything printed on one certificate."""

    peserta: Peserta
    sertifikat: Sertifikat
    kelas: str
    tanggal: str  # "9-12 Maret 2026" ("" when the class has no dates)
    tempat: str
    jp: int
    pelatih: str
    jabatan_pelatih: str
    penyelenggara: str
    judul: str
    keterangan: str

    def sidik(self) -> str:
        """A fingerprint of the content (the PDF is rewritten only when it changes)."""
        data = json.dumps([self.peserta.__dict__, self.sertifikat.__dict__, self.kelas,
                           self.tanggal, self.tempat, self.jp, self.pelatih,
                           self.jabatan_pelatih, self.penyelenggara, self.judul,
                           self.keterangan, CSS], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()


def _e(teks: Any) -> str:
    return html.escape(str(teks or ""))


def html_sertifikat(isi: IsiSertifikat) -> str:
    """The certificate page as HTML (every value escaped)."""
    p, s = isi.peserta, isi.sertifikat
    sub = " · ".join(x for x in (p.jabatan, p.opd, p.instansi) if x)
    waktu = f" pada {_e(isi.tanggal)}" if isi.tanggal else ""
    tempat = f" di {_e(isi.tempat)}" if isi.tempat else ""
    terbit = ds.tanggal_indonesia(s.tanggal)
    kota = f"{_e(isi.tempat)}, " if isi.tempat else ""
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{_e(isi.judul)} {_e(p.nama)}</title></head><body><div class="bingkai">
<div class="penyelenggara">{_e(isi.penyelenggara)}</div>
<h1>{_e(isi.judul)}</h1>
<div class="kode">Kode verifikasi: {_e(s.kode)}</div>
<div class="diberikan">diberikan kepada</div>
<div class="nama">{_e(p.nama)}</div>
<div class="nip">NIP {_e(p.nip)}{(" · " + _e(sub)) if sub else ""}</div>
<div class="isi">{_e(isi.keterangan)}<br><span class="kelas">{_e(isi.kelas)}</span><br>
yang diselenggarakan{waktu}{tempat} selama {isi.jp} jam pelajaran (JP).</div>
<div class="cek">Keaslian sertifikat ini dapat diperiksa dengan kode verifikasi di atas:
perintah <b>sinovda verifikasi {_e(s.kode)}</b> atau halaman verifikasi sertifikat di hub
kelas. Kode dibuat dari data kelas dan kunci rahasia penyelenggara; tidak dapat ditebak.</div>
<div class="ttd">{kota}{_e(terbit)}<br>{_e(isi.jabatan_pelatih or "Pelatih")}
<div class="ruang"></div><div class="nama-ttd">{_e(isi.pelatih) or "&nbsp;" * 40}</div></div>
</div></body></html>"""


def pdf_sertifikat(isi: IsiSertifikat) -> bytes:
    """The certificate as PDF bytes (WeasyPrint; no network)."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    return weasyprint.HTML(string=html_sertifikat(isi), base_url=None,
                           url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf(
        stylesheets=[weasyprint.CSS(string=CSS)])


@dataclass
class HasilSertifikat:
    """Who got a certificate in a run, and who did not (with the reasons)."""

    ditulis: list[Path]
    tetap: list[Path]  # unchanged since the last run
    tidak_layak: dict[str, tuple[str, ...]]  # nip -> unmet conditions

    def teks(self) -> str:
        n = len(self.ditulis) + len(self.tetap)
        return (f"Sertifikat: {n} peserta memenuhi syarat ({len(self.ditulis)} ditulis, "
                f"{len(self.tetap)} tidak berubah); {len(self.tidak_layak)} belum memenuhi syarat.")


def tanggal_terbit(setelan: dict[str, Any]) -> str:
    """The issue date: the class's last day when set, else today."""
    return str(setelan.get("tanggal_selesai") or dt.date.today().isoformat())


def isi_untuk(admin: DataAdmin, info: dict[str, Any], peserta: Peserta,
              aturan: ds.AturanSertifikat) -> IsiSertifikat:
    """Issue (once) and fill the certificate of ``peserta``."""
    setelan = admin.setelan()
    s = admin.terbitkan(peserta.nip, peserta.nama, tanggal_terbit(setelan))
    fasilitator = list(info.get("fasilitator") or [])
    rentang = ds.rentang_tanggal(str(setelan.get("tanggal_mulai") or ""),
                                 str(setelan.get("tanggal_selesai") or ""))
    return IsiSertifikat(
        peserta=peserta, sertifikat=s, kelas=str(info.get("nama") or s.kelas),
        tanggal=rentang, tempat=str(setelan.get("tempat") or ""),
        jp=int(setelan.get("jp") or aturan.jp),
        pelatih=str(setelan.get("pelatih") or (fasilitator[0] if fasilitator else "")),
        jabatan_pelatih=str(setelan.get("jabatan_pelatih") or "Pelatih"),
        penyelenggara=str(setelan.get("penyelenggara") or ""),
        judul=aturan.judul, keterangan=aturan.keterangan,
    )


def tulis_sertifikat_kelas(kelas_dir: str | Path, keluaran: Path,
                           nips: list[str] | None = None, arsip: Any = None) -> HasilSertifikat:
    """Write ``sertifikat.pdf`` beside the report of every (named) participant who met the rule.
    ``kelas_dir``: a class folder or a PostgreSQL class locator (or key with ``$SINOVDA_DB``).
    ``arsip`` (``report.arsip``): where it is kept; default the folder ``keluaran``."""
    from sinovda.report.arsip import ArsipFolder
    from sinovda.store import Store

    st = Store.open(kelas_dir)
    try:  # the admin data through the class's store (on PostgreSQL: its one connection)
        return _tulis_sertifikat(st, DataAdmin(st), arsip or ArsipFolder(keluaran), nips)
    finally:
        st.close()


def _tulis_sertifikat(st: Any, admin: DataAdmin, arsip: Any, nips: list[str] | None
                      ) -> HasilSertifikat:
    from sinovda.data import content, settings
    from sinovda.view.hasil import ringkasan_hasil

    info = st.kelas_info()
    semua = st.daftar_peserta()
    jawaban = st.load_all_peserta()
    aturan = settings.load_sertifikat()[0]
    pengaturan, kursus = settings.load_pengaturan(), content.load_kursus()
    hasil = HasilSertifikat([], [], {})
    pilih = set(nips) if nips else None
    for p in semua:
        if pilih is not None and p.nip not in pilih:
            continue
        r = ringkasan_hasil(jawaban.get(p.nip, {}), pengaturan=pengaturan, kursus=kursus,
                            aturan=aturan)
        if not r["sertifikat"]["layak"]:
            hasil.tidak_layak[p.nip] = tuple(r["sertifikat"]["kurang"])
            continue
        isi = isi_untuk(admin, info, p, aturan)
        sidik = isi.sidik()
        if arsip.sidik_sertifikat(p.nip, p.nama) == sidik:  # unchanged: not rendered again
            hasil.tetap.append(arsip.jalur_sertifikat(p.nip, p.nama))
            continue
        hasil.ditulis.append(arsip.tulis_sertifikat(p.nip, p.nama, pdf_sertifikat(isi), sidik))
    return hasil
