"""The class recap: one row per participant, as an Excel workbook and as HTML with charts.

Public entry: ``tulis_rekap(kelas_dir, keluaran) -> list[Path]`` (``rekap.xlsx``, ``rekap.html``).
A participant whose data breaks a computation still gets a row: the cell stays empty and the
reason is written in the row's ``Catatan`` column.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sinovda.report import hitung
from sinovda.report.aman import sel_excel_aman, tulis_atomik
from sinovda.report.tampil import angka, esc, gambar, tabel
from sinovda.view import kelas as vk
from sinovda.view.jawaban import rekaman, teks
from sinovda.view.rubrik import catatan_pelatih

NAMA_XLSX, NAMA_HTML = "rekap.xlsx", "rekap.html"
_CSS_REKAP = """
@page { size: A4 landscape; margin: 12mm; }
body { max-width: none; margin: 0 1em; }
td, th { font-size: 8.5pt; }
img.grafik { display: inline-block; max-width: 48%; vertical-align: top; margin: 2mm 0.5%; }
table.ringkasan { width: 60%; }
"""


@dataclass
class BarisRekap:
    """One participant's recap row."""

    nip: str
    nama: str
    jabatan: str
    opd: str
    instansi: str
    progres: dict[str, str] = field(default_factory=dict)  # modul judul -> status
    persen: float | None = None
    pre: float | None = None
    post: float | None = None
    n_gain: float | None = None
    kategori_n_gain: str | None = None
    rubrik: float | None = None
    skor_kriteria: dict[str, float | None] = field(default_factory=dict)  # nama -> skor
    kesiapan: float | None = None
    kategori_kesiapan: str | None = None
    eval_penyelenggara: float | None = None
    eval_fasilitator: float | None = None
    isu_inti: str = ""
    capaian: str = ""  # per indicator: "IK-1 94,12% Sangat Tinggi; IK-2 54% Rendah (sementara)"
    inovasi: str = ""
    bentuk: str = ""
    urusan: str = ""
    sebab_kategori: list[str] = field(default_factory=list)  # category per fishbone cause
    label_inovasi: dict[str, str] | None = None  # view.kelas.label_inovasi (None: no innovation)
    catatan_pelatih: str = ""  # the trainer's note (penilaian.catatan)
    catatan: list[str] = field(default_factory=list)  # data that could not be read
    kelas: str = ""  # the class name, in a recap across classes (report.rekap_gabungan)

    def teks_catatan(self) -> str:
        """The "Catatan" cell: the trainer's note, then any data problem."""
        bagian = [self.catatan_pelatih] if self.catatan_pelatih else []
        if self.catatan:
            bagian.append("Data bermasalah: " + "; ".join(self.catatan))
        return " | ".join(bagian)

    def kelas_peserta(self) -> vk.PesertaKelas:
        """What this row adds to the class figures (``view.kelas.agregat``, as the dashboard)."""
        return vk.PesertaKelas(self.progres, self.persen, tuple(self.sebab_kategori),
                               self.label_inovasi, self.isu_inti)


def agregat_kelas(rows: list[BarisRekap]) -> vk.AgregatKelas:
    """The class figures of these rows, counted by the view (the dashboard counts the same)."""
    return vk.agregat(b.kelas_peserta() for b in rows)


def angka_rekap(x: float) -> str:
    """A capaian in the recap's text cell: 94,12 (comma decimal, as the report shows it)."""
    from sinovda.domain.angka import format_angka

    return format_angka(x)


def _coba(baris: BarisRekap, apa: str, f: Callable[[], Any]) -> Any:
    try:
        return f()
    except Exception as e:  # one participant's bad data must not stop the recap
        baris.catatan.append(f"{apa}: {e}")
        return None


def baris_peserta(peserta: Any, jawaban: dict[str, dict[str, Any]]) -> BarisRekap:
    """Compute one participant's row from their answers (domain rules via ``hitung``)."""
    b = BarisRekap(peserta.nip, peserta.nama, peserta.jabatan, peserta.opd, peserta.instansi)
    prog = _coba(b, "kemajuan", lambda: hitung.progres(jawaban))
    if prog:
        b.progres = {m["judul"]: m["status"] for m in prog["modul"]}
        b.persen = prog["persen"]
    t = _coba(b, "tes", lambda: hitung.tes(jawaban)) or {}
    b.pre, b.post, b.n_gain, b.kategori_n_gain = (
        t.get("pre"), t.get("post"), t.get("n_gain"), t.get("kategori"))
    r = _coba(b, "rubrik", lambda: hitung.rubrik(jawaban))
    b.rubrik = r["total"] if r else None
    b.skor_kriteria = {k["nama"]: k["skor"] for k in r["kriteria"]} if r else {}
    k = _coba(b, "kesiapan", lambda: hitung.kesiapan(jawaban))
    if k:
        b.kesiapan, b.kategori_kesiapan = k["skor"], k["kategori"]
    ev = _coba(b, "evaluasi", lambda: hitung.evaluasi(jawaban))
    if ev:
        b.eval_penyelenggara, b.eval_fasilitator = ev["rata_penyelenggara"], ev["rata_fasilitator"]
    masalah = _coba(b, "isu", lambda: hitung.lihat_masalah(jawaban))
    if masalah is not None:  # the view of module 01: the same ranking and core issue
        b.isu_inti = masalah.isu_inti
        b.catatan.extend(f"isu: {g}" for g in masalah.galat)
    kinerja = _coba(b, "capaian", lambda: hitung.capaian_indikator(jawaban)) or []
    b.capaian = "; ".join(
        f"{k['kode']} {angka_rekap(k['capaian'])}% {k['predikat']}" if k["capaian"] is not None
        else f"{k['kode']} {k['predikat']}" for k in kinerja)
    inov = rekaman(jawaban, "inovasi", "inovasi")
    if teks(inov.get("nama")):
        b.inovasi = teks(inov["nama"])
        lab = _coba(b, "inovasi", lambda: hitung.label_inovasi(inov)) or {}
        b.bentuk, b.urusan = lab.get("bentuk", ""), lab.get("urusan", "")
        b.label_inovasi = vk.label_inovasi(b.inovasi, lab)
    b.sebab_kategori = list(vk.kategori_sebab(masalah)) if masalah is not None else []
    b.catatan_pelatih = catatan_pelatih(jawaban)
    return b


# ----- class summary (the same rows in the xlsx sheet "Ringkasan" and the HTML) ---------------

PITA_RUBRIK = ((85, "85-100"), (70, "70-84,99"), (55, "55-69,99"), (0, "0-54,99"))


_rata = vk.rata


def _statistik(bagian: str, nilai: list[float]) -> list[tuple[str, str, float | int | None]]:
    return [
        (bagian, "jumlah peserta dengan nilai", len(nilai)),
        (bagian, "rata-rata", _rata(nilai)),
        (bagian, "terendah", min(nilai) if nilai else None),
        (bagian, "tertinggi", max(nilai) if nilai else None),
    ]


def ringkasan_kelas(rows: list[BarisRekap]) -> list[tuple[str, str, float | int | None]]:
    """The class summary as (bagian, ukuran, nilai) rows: averages and distributions of the
    pre-test, post-test, N-gain (per category), rubric (per band) and completion per module.

    One list feeds both the xlsx sheet "Ringkasan" and the HTML table, so they cannot differ.
    """
    ag = agregat_kelas(rows)  # participants, modules, progress: the view, as the dashboard
    out: list[tuple[str, str, float | int | None]] = [
        ("Kelas", "jumlah peserta", ag.jumlah_peserta)]
    out += _statistik("Pre-test", [b.pre for b in rows if b.pre is not None])
    out += _statistik("Post-test", [b.post for b in rows if b.post is not None])
    gain = [b.n_gain for b in rows if b.n_gain is not None]
    out += [("N-gain", "jumlah peserta dengan N-gain", len(gain)),
            ("N-gain", "rata-rata", _rata(gain))]
    kategori = Counter(b.kategori_n_gain for b in rows if b.kategori_n_gain)
    for k in ("tinggi", "sedang", "rendah"):
        out.append(("N-gain", f"kategori {k}", kategori.pop(k, 0)))
    out += [("N-gain", f"kategori {k}", n) for k, n in sorted(kategori.items())]
    rubrik = [b.rubrik for b in rows if b.rubrik is not None]
    out += _statistik("Nilai rubrik", rubrik)
    out.append(("Nilai rubrik", "belum dinilai lengkap", len(rows) - len(rubrik)))
    kriteria = list(dict.fromkeys(k for b in rows for k in b.skor_kriteria))
    for nama in kriteria:
        skor = [x for b in rows if (x := b.skor_kriteria.get(nama)) is not None]
        out.append((f"Rubrik: {nama}", "rata-rata skor", _rata(skor)))
        out.append((f"Rubrik: {nama}", "jumlah peserta dengan skor", len(skor)))
    for batas, label in PITA_RUBRIK:
        atas = min((b for b, _ in PITA_RUBRIK if b > batas), default=None)
        n = sum(r >= batas and (atas is None or r < atas) for r in rubrik)
        out.append(("Nilai rubrik", f"rentang {label}", n))
    for m in ag.modul:
        out.append((f"Modul: {m.modul}", "selesai", m.selesai))
        out.append((f"Modul: {m.modul}", "sedang dikerjakan", m.sedang))
        out.append((f"Modul: {m.modul}", "belum mulai", m.belum))
    out.append(("Kemajuan", "rata-rata kemajuan (%)", ag.rata_persen))
    out.append(("Kemajuan", "menyelesaikan semua modul", ag.selesai_semua))
    return out


def data_rekap(kelas_dir: str | os.PathLike[str]) -> tuple[dict[str, Any], list[BarisRekap]]:
    """(class info, one row per participant in roster order) read from the class store."""
    from sinovda.store import Store

    st = Store.open(Path(kelas_dir))
    try:
        semua = st.load_all_peserta()
        rows = [baris_peserta(p, semua.get(p.nip, {})) for p in st.daftar_peserta()]
        info = dict(st.kelas_info())
        info[KUNCI_BUTIR] = butir_kelas(st)
        return info, rows
    finally:
        st.close()


KUNCI_BUTIR = "butir_soal"
"""Key of the class info (``data_rekap``) with the item statistics ``{tes: [StatistikButir]}``."""
JUDUL_TES = {"pretest": "Pre-test", "posttest": "Post-test"}


def butir_kelas(store: Any) -> dict[str, list[Any]]:
    """Item statistics of both tests (``view.tes.statistik_kelas``) from the server's
    right/wrong matrix (``store.tes.koreksi_kelas``)."""
    from sinovda.store.tes import koreksi_kelas
    from sinovda.view.tes import TES, statistik_kelas

    return statistik_kelas({tes: koreksi_kelas(store, tes) for tes in TES})


def baris_butir(info: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Rows (Tes, then ``view.tes.KOLOM_STATISTIK``) of the item statistics: the same rows in
    the xlsx sheet "Butir soal" and the HTML table."""
    from sinovda.view.tes import baris_statistik

    butir = info.get(KUNCI_BUTIR) or {}
    return [(JUDUL_TES.get(tes, tes), *baris) for tes, stat in butir.items()
            if stat and stat[0].n for baris in baris_statistik(stat)]


def _kolom_progres(m: str) -> Callable[[BarisRekap], Any]:
    return lambda b: b.progres.get(m, "")


def _kolom(rows: list[BarisRekap]) -> list[tuple[str, Callable[[BarisRekap], Any]]]:
    moduls = list(rows[0].progres) if rows else []
    kolom: list[tuple[str, Callable[[BarisRekap], Any]]] = [
        ("Kelas", lambda b: b.kelas)] if any(b.kelas for b in rows) else []
    kolom += [
        ("NIP", lambda b: b.nip), ("Nama", lambda b: b.nama), ("Jabatan", lambda b: b.jabatan),
        ("OPD", lambda b: b.opd), ("Instansi", lambda b: b.instansi),
    ]
    kolom += [(m, _kolom_progres(m)) for m in moduls]
    kolom += [
        ("Kemajuan (%)", lambda b: b.persen), ("Pre-test", lambda b: b.pre),
        ("Post-test", lambda b: b.post), ("N-gain", lambda b: b.n_gain),
        ("Kategori N-gain", lambda b: b.kategori_n_gain), ("Nilai rubrik", lambda b: b.rubrik),
        ("Skor kesiapan (IID)", lambda b: b.kesiapan),
        ("Kategori kesiapan", lambda b: b.kategori_kesiapan),
        ("Evaluasi penyelenggaraan (rata-rata)", lambda b: b.eval_penyelenggara),
        ("Evaluasi fasilitator (rata-rata)", lambda b: b.eval_fasilitator),
        ("Isu inti", lambda b: b.isu_inti), ("Inovasi", lambda b: b.inovasi),
        ("Bentuk inovasi", lambda b: b.bentuk), ("Urusan", lambda b: b.urusan),
        ("Capaian kinerja", lambda b: b.capaian),
        ("Catatan", lambda b: b.teks_catatan()),
    ]
    return kolom


def xlsx_rekap(info: dict[str, Any], rows: list[BarisRekap]) -> bytes:
    """The recap workbook; every text cell neutralised against formula injection."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from sinovda.view.tes import KOLOM_STATISTIK

    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap"
    kolom = _kolom(rows)
    ws.append([sel_excel_aman(k) for k, _ in kolom])
    for c in ws[1]:
        c.font = Font(bold=True)
    for b in rows:
        ws.append([sel_excel_aman(_excel(f(b))) for _, f in kolom])
    for i, (k, _) in enumerate(kolom, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(40, max(10, len(k) + 2))
    ws.freeze_panes = "C2"
    rs = wb.create_sheet("Ringkasan")
    rs.append(["Bagian", "Ukuran", "Nilai"])
    for c in rs[1]:
        c.font = Font(bold=True)
    for bagian, ukuran, nilai in ringkasan_kelas(rows):
        rs.append([sel_excel_aman(bagian), sel_excel_aman(ukuran), _excel(nilai)])
    rs.column_dimensions["A"].width = 44
    rs.column_dimensions["B"].width = 32
    rs.column_dimensions["C"].width = 12
    bs = wb.create_sheet("Butir soal")
    bs.append(["Tes", *KOLOM_STATISTIK])
    for c in bs[1]:
        c.font = Font(bold=True)
    for baris in baris_butir(info):
        bs.append([sel_excel_aman(x) if isinstance(x, str) else x for x in baris])
    ket = wb.create_sheet("Keterangan")
    ket.append(["Kelas", sel_excel_aman(str(info.get("nama", "")))])
    ket.append(["Jumlah peserta", len(rows)])
    ket.append(["Catatan", "Nilai tes 0-100; N-gain (Hake) dengan kategori dari modul/"
                "pengaturan.yaml; skor kesiapan IID ilustratif, cek pedoman BSKDN terbaru."])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _excel(nilai: Any) -> Any:
    return "" if nilai is None else nilai


def html_rekap(info: dict[str, Any], rows: list[BarisRekap]) -> str:
    """The recap page: the table and the class charts (participant text escaped)."""
    from sinovda.charts import rekap as cr
    from sinovda.report.dokumen import CSS

    ringkasan = ringkasan_kelas(rows)
    ag = agregat_kelas(rows)
    pre = [b.pre for b in rows if b.pre is not None]
    post = [b.post for b in rows if b.post is not None]
    pasangan = [(b.pre, b.post) for b in rows if b.pre is not None and b.post is not None]
    grafik = [
        gambar(cr.distribusi_nilai(pre, post), "Sebaran nilai pre-test dan post-test"),
        gambar(cr.pre_post(pasangan), "Pre-test terhadap post-test"),
        gambar(cr.batang_hitungan(Counter(b.kategori_n_gain for b in rows
                                          if b.kategori_n_gain),
                                  "Kategori N-gain", "Jumlah peserta"), "Kategori N-gain"),
        gambar(cr.batang_hitungan({f"rentang {u.removeprefix('rentang ')}": int(n or 0)
                                   for bag, u, n in ringkasan
                                   if bag == "Nilai rubrik" and u.startswith("rentang ")},
                                  "Sebaran nilai rubrik", "Jumlah peserta"),
               "Sebaran nilai rubrik"),
        gambar(cr.kemajuan_modul({m.modul: m.hitungan() for m in ag.modul}),
               "Penyelesaian per modul"),
        gambar(cr.batang_hitungan(Counter(b.opd or "(tanpa OPD)" for b in rows if b.isu_inti),
                                  "Isu inti yang dipilih, per OPD", "Jumlah isu inti"),
               "Isu inti per OPD"),
        gambar(cr.batang_hitungan(ag.sebab, "Sebab masalah per kategori fishbone",
                                  "Jumlah sebab"), "Sebab masalah per kategori"),
        gambar(cr.batang_hitungan(ag.inovasi["bentuk"], "Inovasi per bentuk", "Jumlah inovasi"),
               "Inovasi per bentuk"),
        gambar(cr.batang_hitungan(ag.inovasi["urusan"], "Inovasi per urusan", "Jumlah inovasi"),
               "Inovasi per urusan"),
        gambar(cr.batang_hitungan(Counter(b.opd or "(tanpa OPD)" for b in rows if b.inovasi),
                                  "Inovasi per OPD", "Jumlah inovasi"), "Inovasi per OPD"),
    ]
    kepala: tuple[str, ...] = ("NIP", "Nama", "OPD", "Kemajuan (%)", "Pre", "Post", "N-gain",
                               "Rubrik", "Kesiapan", "Evaluasi", "Inovasi", "Catatan")
    isi_baris: list[tuple[Any, ...]] = [
        (b.nip, b.nama, b.opd, angka(b.persen, 0), angka(b.pre), angka(b.post),
         angka(b.n_gain), angka(b.rubrik), angka(b.kesiapan), angka(b.eval_penyelenggara),
         b.inovasi, b.teks_catatan()) for b in rows]
    lebar: tuple[int, ...] = (12, 13, 9, 6, 5, 5, 5, 5, 6, 6, 11, 17)
    if any(b.kelas for b in rows):  # a recap across classes: whose class, as the workbook
        kepala = ("Kelas", *kepala)
        isi_baris = [(b.kelas, *r) for b, r in zip(rows, isi_baris, strict=True)]
        lebar = (9, 11, 12, 8, 5, 5, 5, 5, 5, 5, 5, 10, 15)
    isi = tabel(kepala, isi_baris, lebar=lebar)
    judul = f"Rekap kelas: {info.get('nama', '')}"
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{esc(judul)}</title><style>{CSS}\n{_CSS_REKAP}</style>"
        f"</head><body><h1>{esc(judul)}</h1><p class=\"sub\">{len(rows)} peserta</p>"
        f"<h2>Ringkasan kelas</h2>{html_ringkasan(rows)}"
        f"<h2>Ringkasan per peserta</h2>{isi}<h2>Grafik kelas</h2>{''.join(grafik)}"
        f"<h2>Butir soal tes</h2>{html_butir(info)}"
        "</body></html>"
    )


def html_butir(info: dict[str, Any]) -> str:
    """The item-statistics table (same rows as the xlsx sheet "Butir soal")."""
    from sinovda.view.tes import KOLOM_STATISTIK

    baris = baris_butir(info)
    if not baris:
        return "<p>Belum ada peserta yang mengirim pre-test atau post-test.</p>"
    return ("<p>p = bagian peserta yang menjawab benar; D = p kelompok 27% nilai tertinggi "
            "dikurangi p kelompok 27% terendah; r pbis = korelasi butir dengan nilai total. "
            "Soal bertanda <b>perlu ditinjau</b> sebaiknya diperiksa.</p>"
            + tabel(("Tes", *KOLOM_STATISTIK), baris))


def _sel_ringkasan(nilai: float | int | None) -> str:
    if isinstance(nilai, int):
        return str(nilai)
    return angka(nilai)


def html_ringkasan(rows: list[BarisRekap]) -> str:
    """The class summary table (same rows as the xlsx sheet "Ringkasan")."""
    return tabel(("Bagian", "Ukuran", "Nilai"),
                 [(b, u, _sel_ringkasan(n)) for b, u, n in ringkasan_kelas(rows)],
                 kelas="ringkasan", lebar=(45, 35, 20))


def tulis_rekap(kelas_dir: str | os.PathLike[str],
                keluaran: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write ``rekap.xlsx`` and ``rekap.html`` (atomically) to ``keluaran`` (default
    ``<kelas>/rekap``); return their paths."""
    kelas = Path(kelas_dir)
    folder = Path(keluaran) if keluaran else kelas / "rekap"
    info, rows = data_rekap(kelas)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        tulis_atomik(folder / NAMA_XLSX, xlsx_rekap(info, rows)),
        tulis_atomik(folder / NAMA_HTML, html_rekap(info, rows)),
    ]
