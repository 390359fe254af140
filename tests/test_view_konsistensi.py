"""One meaning for every answer: the same workbook shows the same USG ranking, core issue,
capaian, predikat and SMART verdict in the module forms, in the PDF report's sections, on the
trainer's grading page and in the recap, for every demo workbook and for the edge cases of
issue 10; and the facilitator's dashboard shows the same class figures as the recap's class
summary for the demo class.

The forms are built on a real class store and read back from their panes (what the participant
sees); the report's sections are rendered to HTML (what the PDF prints); the recap row is
computed as ``sinovda rekap`` does.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sinovda.domain.angka import format_angka, ke_angka
from sinovda.domain.peserta import Peserta
from sinovda.forms.indikator import FormIndikator
from sinovda.forms.masalah import FormMasalah
from sinovda.forms.monev import FormMonev
from sinovda.forms.penilaian import html_karya
from sinovda.forms.penutup import html_rencana_aksi
from sinovda.paths import DATASETS_DIR
from sinovda.report.isi import Laporan
from sinovda.report.rekap import baris_peserta
from sinovda.store import Store

WORKBOOKS = sorted((DATASETS_DIR / "demo" / "workbooks").glob("*.json"))
MODUL_DIBANDINGKAN = ("masalah", "inovasi", "indikator", "monev", "replikasi")
NIP_TEPI = "198503152010011001"

TEPI = {  # the cases of issue 10, worked by hand
    "masalah": {
        "isu": [
            {"judul": "Kekurangan dokter spesialis di RSUD",  # highest USG, fails Kelayakan
             "apkl": {"aktual": True, "problematik": True, "kekhalayakan": True,
                      "kelayakan": False}, "usg": {"u": 5, "s": 5, "g": 5}},
            {"judul": "Antrean panjang", "apkl": dict.fromkeys(
                ("aktual", "problematik", "kekhalayakan", "kelayakan"), True),
             "usg": {"u": 5, "s": 4, "g": 4}},
            {"judul": "Aduan lambat", "apkl": dict.fromkeys(
                ("aktual", "problematik", "kekhalayakan", "kelayakan"), True),
             "usg": {"u": 4, "s": 5, "g": 4}},
        ],
    },
    "indikator": {"indikator": [
        {"kode": "IK-1", "nama": "Indeks kepuasan", "level": "outcome", "satuan": "indeks",
         "polaritas": "positif", "baseline": 78, "target": {"2027": 100},
         "sumber_data": "Survei", "penanggung_jawab": "Bidang Layanan", "agregasi": "posisi"},
        {"kode": "IK-2", "nama": "Kepatuhan SOP", "level": "output", "satuan": "persen",
         "polaritas": "positif", "baseline": 80, "target": {"2027": [88, 90]},
         "sumber_data": "Audit", "penanggung_jawab": "Inspektorat", "agregasi": "posisi"},
        {"kode": "IK-3", "nama": "Pertumbuhan tunggakan", "level": "outcome",
         "satuan": "persen", "polaritas": "positif", "baseline": -1, "target": {"2027": -2},
         "sumber_data": "Laporan", "penanggung_jawab": "Bapenda", "agregasi": "posisi"},
        {"kode": "IK-4", "nama": "Jumlah layanan daring", "level": "output",
         "satuan": "layanan", "polaritas": "positif", "baseline": 300,
         "target": {"2027": 500}, "sumber_data": "Aplikasi", "penanggung_jawab": "Diskominfo",
         "agregasi": "kumulatif"},
        {"kode": "IK-5", "nama": "Waktu izin", "polaritas": "negatif", "target": {"2027": "-"}},
    ]},
    "inovasi": {"rencana_aksi": [  # an empty row and a non-record: skipped everywhere
        {"permasalahan": "", "opd": None}, "rusak",
        {"permasalahan": "Antrean panjang", "inovasi": "Loket daring", "opd": "DPMPTSP"},
    ]},
    "monev": {"realisasi": {
        "IK-1": {"tw": [None, None, None, 120]},  # saved without tahun
        "IK-2": {"tahun": "2027", "tw": [85, 87, 89, 89]},
        "IK-3": {"tahun": "2027", "tw": [None, None, None, -3]},  # worse than target -2
        "IK-4": {"tahun": "2027", "tw": [120, 150, None, None]},  # partial year
    }},
}


class _Tabel(HTMLParser):
    """Every table of an HTML fragment as rows of cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tabel: list[list[list[str]]] = []
        self._sel: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tabel.append([])
        elif tag == "tr" and self.tabel:
            self.tabel[-1].append([])
        elif tag in ("td", "th"):
            self._sel = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._sel is not None and self.tabel:
            self.tabel[-1][-1].append(" ".join("".join(self._sel).split()))
            self._sel = None

    def handle_data(self, data: str) -> None:
        if self._sel is not None:
            self._sel.append(data)


def _tabel_berkepala(html: str, *kepala: str) -> list[list[str]]:
    """The body rows of the first table whose header starts with ``kepala``."""
    for t in _Tabel(html).tabel:
        if t and tuple(t[0][:len(kepala)]) == kepala:
            return t[1:]
    return []


def _butir(html: str) -> list[str]:
    """The texts of every <li> (the form bolds the SMART letter: 'Measurable (terukur): ...')."""
    class _Li(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.butir: list[str] = []
            self._di = 0

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag == "li":
                self._di += 1
                self.butir.append("")

        def handle_endtag(self, tag: str) -> None:
            if tag == "li":
                self._di -= 1

        def handle_data(self, data: str) -> None:
            if self._di:
                self.butir[-1] += data

    p = _Li()
    p.feed(html)
    return [" ".join(b.split()) for b in p.butir]


def _kelas(tmp_path: Path, peserta: Peserta, jawaban: dict) -> Store:
    st = Store.create(tmp_path / "kelas", nama="Kelas Konsistensi")
    st.upsert_peserta([peserta])
    for modul in MODUL_DIBANDINGKAN:
        for field, value in (jawaban.get(modul) or {}).items():
            st.save(peserta.nip, modul, field, value)
    return st


def _dari_workbook(path: Path) -> tuple[Peserta, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    p = data["peserta"]
    jawaban: dict = {}
    for j in data["jawaban"]:
        jawaban.setdefault(j["modul"], {})[j["field"]] = j["value"]
    return Peserta(p["nip"], p["nama"], p.get("jabatan", ""), p.get("opd", "")), jawaban


def bandingkan(tmp_path: Path, peserta: Peserta, jawaban: dict) -> dict:
    """Build the forms and the report for one participant and assert they show the same;
    returns what was compared (for the edge-case test to check the values themselves)."""
    st = _kelas(tmp_path, peserta, jawaban)
    nip = peserta.nip
    lap = Laporan.dari_data(peserta, st.load_all(nip), st.kelas_info())
    rekap = baris_peserta(peserta, st.load_all(nip))

    # module 01: ranking and core issue
    fm = FormMasalah(st, nip)
    form_rank = [(r[0], r[1], r[5]) for r in _tabel_berkepala(
        fm.umpan_usg.value, "Peringkat", "Isu", "U", "S", "G", "Total")]
    html_masalah = lap.masalah().html
    lap_rank = [(r[0], r[1], r[5]) for r in _tabel_berkepala(
        html_masalah, "No", "Isu", "U", "S", "G", "Total")]
    assert form_rank == lap_rank
    inti_form = fm.isu_inti.input.value or ""
    inti_lap = next((r[1] for r in _Tabel(html_masalah).tabel[0]
                     if r and r[0] == "Isu inti yang dipilih"), "-")
    assert inti_lap.removesuffix(" (bawaan: peringkat USG teratas)") == (inti_form or "-")
    assert rekap.isu_inti == inti_form

    # module 03: SMART verdict and every failed check
    fi = FormIndikator(st, nip)
    html_ind = lap.indikator().html
    gagal_form = sorted(b.split(": ", 1)[1] for b in _butir(fi.umpan_smart.value))
    gagal_lap = sorted(_butir(html_ind))
    assert gagal_form == gagal_lap
    assert fi.umpan_smart.value.count("memenuhi semua pemeriksaan SMART") == \
        html_ind.count("semua pemeriksaan SMART terpenuhi")

    # module 04: capaian and predikat of every reported indicator
    fmon = FormMonev(st, nip)
    form_cap = {}
    for r in _tabel_berkepala(fmon.tabel_capaian.value, "Kode", "Indikator", "Tahun"):
        if r[4] != "-":
            angka = ke_angka(r[5].split("%")[0]) if r[5] != "-" else None
            form_cap[r[0]] = (r[2], r[3], angka, r[6].split("sementara:")[0].strip(),
                              "sementara" in r[6])
    lap_cap = {}
    for r in _tabel_berkepala(lap.capaian().html, "Indikator", "Tahun", "Target"):
        kode = r[0].split(" ")[0]
        predikat = r[5]
        lap_cap[kode] = (r[1], r[2], ke_angka(r[4]) if r[4] != "-" else None,
                         predikat.removesuffix(" (sementara)"), predikat.endswith("(sementara)"))
    assert form_cap == lap_cap
    for kode, (_, _, nilai, predikat, _) in form_cap.items():
        assert kode in rekap.capaian and predikat in rekap.capaian
        if nilai is not None:
            assert f"{kode} {format_angka(nilai)}%" in rekap.capaian

    # the trainer's grading page: the same core issue and, per indicator, the report's share
    # of SMART checks passed (the report prints lolos/jumlah, the grading page a percentage)
    karya = html_karya(st, nip)
    inti_karya = karya.split("<b>Isu inti:</b> ", 1)[1].split("<br>", 1)[0]
    assert inti_karya.removesuffix(" (bawaan: peringkat USG teratas)") == (inti_form or "-")
    smart_karya = {r[0]: r[4] for r in _tabel_berkepala(
        karya, "Kode", "Indikator", "Level", "Satuan", "SMART")}
    smart_lap = {}
    for r in _tabel_berkepala(html_ind, "Kode", "Indikator", "Level"):
        lolos, jumlah = (int(x) for x in r[8].split("/"))
        smart_lap[r[0]] = f"{100 * lolos / jumlah:.0f}%"
    assert smart_karya == smart_lap

    # the action plan: the same rows, numbered the same, on the grading page, in module 06's
    # one-page plan and in the report
    ra_lap = [r[:2] for r in _tabel_berkepala(lap.rencana_aksi().html, "No", "Permasalahan")]
    ra_06 = [r[:2] for r in _tabel_berkepala(html_rencana_aksi(st.load_all(nip)), "No",
                                             "Permasalahan")]
    assert ra_lap == ra_06
    assert karya.count('<div class="snv-ra"><b>Baris ') == len(ra_lap)
    for nomor, permasalahan in ra_lap:
        assert f"<b>Baris {nomor}</b>" in karya and (not permasalahan or permasalahan in karya)
    return {"rank": form_rank, "inti": inti_form, "capaian": form_cap, "gagal": gagal_form,
            "rekap": rekap, "smart": smart_karya, "rencana_aksi": ra_lap}


@pytest.fixture(autouse=True)
def _grafik_form_ditunda(monkeypatch):
    """The forms' charts are not compared: draw them on demand, as a Voila page does."""
    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/uji.ipynb")


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.stem)
def test_form_report_and_recap_agree_on_every_demo_workbook(tmp_path: Path, path: Path):
    peserta, jawaban = _dari_workbook(path)
    hasil = bandingkan(tmp_path, peserta, jawaban)
    assert len(hasil["smart"]) == len(jawaban.get("indikator", {}).get("indikator") or [])


def test_form_report_and_recap_agree_on_the_edge_cases(tmp_path: Path):
    hasil = bandingkan(tmp_path, Peserta(NIP_TEPI, "Budi Santoso", opd="Bappeda"), TEPI)
    # only APKL-passing issues are ranked; the top is the default core issue
    assert hasil["rank"] == [("1", "Antrean panjang", "13"), ("2", "Aduan lambat", "13")]
    assert hasil["inti"] == "Antrean panjang"
    cap = hasil["capaian"]
    assert cap["IK-1"] == ("2027", "100", 120, "Sangat Tinggi", False)  # no tahun: 2027
    assert cap["IK-2"] == ("2027", "88-90", 100, "Sangat Tinggi", False)  # range target
    assert cap["IK-3"][2] == 50 and cap["IK-3"][3] == "Sangat Rendah"  # -3 is worse than -2
    assert cap["IK-4"] == ("2027", "500", 54, "Rendah", True)  # TW I-II only: sementara
    assert "(sementara)" in hasil["rekap"].capaian
    assert not any("bukan angka" in g and "88" in g for g in hasil["gagal"])
    assert any("Target 2027 '-'" in g for g in hasil["gagal"])
    # IK-5 has no level, unit, baseline, source nor owner: a share below 100%
    assert len(hasil["smart"]) == 5 and hasil["smart"]["IK-5"] != "100%"
    assert hasil["rencana_aksi"] == [["1", "Antrean panjang"]]


# ----- the class: the facilitator's dashboard and the recap's class summary --------------------
@pytest.fixture(scope="module")
def kelas_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo class as ``sinovda demo`` builds it (roster, every demo workbook, scores)."""
    from sinovda.cli.kelas import bangun_demo

    folder = tmp_path_factory.mktemp("demo") / "kelas"
    bangun_demo(folder)
    return folder


def bandingkan_kelas(folder: Path) -> tuple:
    """Build the dashboard and the recap of the class in ``folder`` and assert they show the
    same class figures; returns (dashboard summary, recap rows, recap chart counts)."""
    from collections import Counter

    from sinovda.forms import dasbor
    from sinovda.report import rekap

    st = Store.open(folder)
    try:
        r = dasbor.ringkas_kelas(st)
    finally:
        st.close()
    info, rows = rekap.data_rekap(folder)
    ringkasan = {(b, u): n for b, u, n in rekap.ringkasan_kelas(rows)}
    grafik = rekap.agregat_kelas(rows)  # what the recap's class charts draw

    # participants, progress and completion: what the dashboard's progress tab says
    assert len(r.progres) == ringkasan[("Kelas", "jumlah peserta")] == len(rows) > 1
    assert _Tabel(dasbor.html_progres(r)).tabel  # the progress table is shown
    kepala = dasbor.html_progres(r).split("</div>", 1)[0]
    selesai = ringkasan[("Kemajuan", "menyelesaikan semua modul")]
    assert f"{len(rows)} peserta · {selesai} menyelesaikan semua modul" in kepala
    persen = [b.persen for b in r.progres]
    assert round(sum(persen) / len(persen), 2) == ringkasan[("Kemajuan", "rata-rata kemajuan (%)")]
    for modul_id, judul in r.modul:
        hitungan = Counter(b.status[modul_id] for b in r.progres)
        for status, ukuran in (("selesai", "selesai"), ("sedang", "sedang dikerjakan"),
                               ("belum", "belum mulai")):
            assert hitungan[status] == ringkasan[(f"Modul: {judul}", ukuran)], (judul, status)
    assert any(ringkasan[(f"Modul: {j}", "belum mulai")] < len(rows)
               for _, j in r.modul)  # someone started something

    # fishbone causes per category: the dashboard's table and the recap's chart
    kategori = {k: int(n) for k, n in _tabel_berkepala(
        dasbor.html_masalah(r), "Kategori sebab (fishbone)", "Jumlah sebab")}
    assert kategori == dict(grafik.sebab)

    # innovations per bentuk and urusan: the dashboard's tables and the recap's charts
    html_inovasi = dasbor.html_inovasi(r)
    for atribut, judul in (("bentuk", "Bentuk"), ("urusan", "Urusan")):
        tampil = {k: int(n) for k, n in _tabel_berkepala(html_inovasi, judul, "Jumlah inovasi")}
        assert tampil == dict(grafik.inovasi[atribut]), atribut
    assert sum(grafik.inovasi["bentuk"].values()) == sum(bool(b.inovasi) for b in rows)

    # core issues: every participant's, as the recap's Isu inti column
    inti_dasbor = {b.nip: b.judul for b in r.masalah}
    assert inti_dasbor == {b.nip: b.isu_inti for b in rows if b.isu_inti}
    assert len(r.masalah) == grafik.isu_inti

    # tests: participants who submitted the pre-test, and the item statistics
    assert r.peserta_pretest == ringkasan[("Pre-test", "jumlah peserta dengan nilai")]
    from sinovda.view.tes import baris_statistik

    for tes in ("pretest", "posttest"):
        assert baris_statistik(r.butir[tes]) == baris_statistik(info[rekap.KUNCI_BUTIR][tes])
    return r, rows, grafik


def test_dashboard_and_recap_show_the_same_class_figures(kelas_demo: Path):
    r, rows, grafik = bandingkan_kelas(kelas_demo)
    assert sum(grafik.sebab.values()) > 0 and grafik.isu_inti == len(rows)
    assert all(grafik.inovasi[k] for k in ("bentuk", "urusan")) and r.peserta_pretest > 0


def test_dashboard_and_recap_agree_where_they_used_to_differ(tmp_path: Path):
    """Issue-10 class edge cases: an innovation named without a bentuk (counted as '(belum
    dipilih)'), a bentuk without a name (not counted), a chosen core issue that fails APKL
    (named, with its own USG)."""
    st = Store.create(tmp_path / "kelas", nama="Kelas Tepi")
    a, b, c = "198503152010011001", "197506171999042901", "199110182020101902"
    st.upsert_peserta([Peserta(a, "Ani"), Peserta(b, "Budi"), Peserta(c, "Citra")])
    for modul, isi in TEPI.items():
        for field, value in isi.items():
            st.save(a, modul, field, value)
    st.save(a, "masalah", "isu_inti", "Kekurangan dokter spesialis di RSUD")  # fails APKL
    st.save(a, "inovasi", "inovasi", {"nama": "Loket daring"})  # no bentuk chosen
    st.save(b, "inovasi", "inovasi", {"bentuk": "pelayanan_publik"})  # no name
    st.save(b, "masalah", "fishbone", [{"kategori": "Manusia", "sebab": "SDM kurang"}])
    st.close()
    r, rows, grafik = bandingkan_kelas(tmp_path / "kelas")
    assert grafik.inovasi["bentuk"] == {"(belum dipilih)": 1}
    assert [(x.nama, x.judul, x.total) for x in r.masalah] == [
        ("Ani", "Kekurangan dokter spesialis di RSUD", 15)]
    assert grafik.sebab == {"Manusia": 1}
