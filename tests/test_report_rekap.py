"""The class recap: Excel read back with openpyxl, HTML with charts, hostile text neutralised."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import NIP_JAHAT, NIP_LENGKAP, NIP_RUSAK, NIP_TANPA_INOVASI, SKRIP_JAHAT

from sinovda.charts.rekap import batang_hitungan, distribusi_nilai, kemajuan_modul, pre_post
from sinovda.report.rekap import tulis_rekap


def _baris(path: Path) -> dict[str, dict[str, object]]:
    ws = openpyxl.load_workbook(path)["Rekap"]
    rows = list(ws.iter_rows(values_only=True))
    kepala = list(rows[0])
    return {str(r[0]): dict(zip(kepala, r, strict=True)) for r in rows[1:]}


def test_recap_has_a_row_per_participant_with_scores(kelas_laporan: Path, tmp_path: Path):
    paths = tulis_rekap(kelas_laporan, tmp_path / "rekap")
    assert [p.name for p in paths] == ["rekap.xlsx", "rekap.html"]
    rows = _baris(paths[0])
    assert set(rows) == {NIP_LENGKAP, NIP_TANPA_INOVASI, NIP_RUSAK, NIP_JAHAT}
    lengkap = rows[NIP_LENGKAP]
    assert lengkap["Nama"] == "Ni Luh Putu Ayu Wédari"
    assert lengkap["Inovasi"] == "SIANTRI Antrean Daring Puskesmas"
    assert lengkap["Isu inti"] == "antrean panjang"
    assert lengkap["Evaluasi penyelenggaraan (rata-rata)"] == 4.5
    assert lengkap["Evaluasi fasilitator (rata-rata)"] == 5
    assert isinstance(lengkap["Nilai rubrik"], (int, float))
    assert isinstance(lengkap["Pre-test"], (int, float))
    assert any(str(v).startswith(("selesai", "sedang", "belum")) for v in lengkap.values())
    # the broken participant still has a row, and the reason is written down
    assert "layanan lambat" in str(rows[NIP_RUSAK]["Catatan"])


def test_formula_like_cells_are_neutralised_in_excel(kelas_laporan: Path, tmp_path: Path):
    (xlsx, _) = tulis_rekap(kelas_laporan, tmp_path)
    jahat = _baris(xlsx)[NIP_JAHAT]
    assert jahat["Jabatan"] == "'=HYPERLINK(\"http://x\")"
    assert jahat["OPD"] == "'@SUM(A1)"
    assert jahat["Instansi"] == "'+62 jahat"
    assert str(jahat["Inovasi"]).startswith("'=cmd")
    ws = openpyxl.load_workbook(xlsx)["Rekap"]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)


def test_recap_html_escapes_and_has_the_class_charts(kelas_laporan: Path):
    (_, html_path) = tulis_rekap(kelas_laporan)
    assert html_path.parent == kelas_laporan / "rekap"
    html = html_path.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and SKRIP_JAHAT not in html
    assert html.count("data:image/png;base64,") == 10
    assert "Kelas Uji Laporan" in html


def test_class_charts_draw_data_and_empty_states():
    assert distribusi_nilai([40, 55], [70, 90]).axes
    assert pre_post([(40, 70), (50, 90)]).axes
    fig = batang_hitungan({"Dinas Kesehatan": 2, "<b>$x$</b>": 1}, "Inovasi per OPD")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "Dinas Kesehatan"
    assert distribusi_nilai([], []).axes[0].texts  # message instead of an empty plot
    assert pre_post([]).axes[0].texts
    fig = kemajuan_modul({"01 Masalah": {"selesai": 3, "sedang": 1},
                          "02 Inovasi": {"selesai": 1, "belum": 3}})
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["01 Masalah", "02 Inovasi"]
    lebar = sorted(round(p.get_width()) for p in ax.patches)
    assert lebar == [0, 0, 1, 1, 3, 3]  # selesai 3,1 · sedang 1,0 · belum 0,3
    assert kemajuan_modul({}).axes[0].texts
    # every count 0 (no one graded yet): the message, not an empty plot with a -0.04..0.04 axis
    nol = batang_hitungan({"rentang 85-100": 0, "rentang 0-54,99": 0}, "Sebaran nilai rubrik")
    assert [t.get_text() for t in nol.axes[0].texts] == ["Belum ada data."]


def _angka_html(teks: str) -> float | int | None:
    if teks == "-":
        return None
    x = float(teks.replace(".", "").replace(",", "."))
    return int(x) if x.is_integer() and "," not in teks else x


def test_ringkasan_kelas_sama_di_xlsx_dan_html(kelas_laporan: Path, tmp_path: Path):
    """Issue 11: averages and distributions, the same numbers in the workbook and the page."""
    import re

    xlsx, html_path = tulis_rekap(kelas_laporan, tmp_path)
    ws = openpyxl.load_workbook(xlsx)["Ringkasan"]
    dari_xlsx = [tuple(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    html = html_path.read_text(encoding="utf-8")
    tabel = re.search(r'<table class="ringkasan">(.*?)</table>', html, re.S).group(1)
    dari_html = [tuple(re.findall(r"<td>(.*?)</td>", tr))
                 for tr in re.findall(r"<tr>(.*?)</tr>", tabel) if "<td>" in tr]
    assert len(dari_xlsx) == len(dari_html) > 20
    for (bx, ux, nx), (bh, uh, nh) in zip(dari_xlsx, dari_html, strict=True):
        assert (bx, ux) == (bh, uh)
        assert (None if nx in (None, "") else nx) == pytest.approx(_angka_html(nh)), (bx, ux)
    ringkas = {(b, u): n for b, u, n in dari_xlsx}
    assert ringkas[("Kelas", "jumlah peserta")] == 4
    # one participant (the complete workbook) has pre, post, N-gain and a full rubric
    assert ringkas[("Pre-test", "jumlah peserta dengan nilai")] == 1
    assert ringkas[("Nilai rubrik", "jumlah peserta dengan nilai")] == 1
    assert ringkas[("Nilai rubrik", "belum dinilai lengkap")] == 3
    assert sum(n for (b, u), n in ringkas.items()
               if b == "Nilai rubrik" and u.startswith("rentang")) == 1
    assert sum(n for (b, u), n in ringkas.items()
               if b == "N-gain" and u.startswith("kategori")) == 1
    assert ringkas[("Rubrik: Kebaruan dan kemanfaatan inovasi", "jumlah peserta dengan skor")] == 1
    assert ringkas[("Rubrik: Kualitas indikator (SMART)", "rata-rata skor")] is not None
    moduls = [b for b, u in ringkas if b.startswith("Modul: ") and u == "selesai"]
    assert len(moduls) == 7
    for m in moduls:  # every participant counted once per module
        assert sum(ringkas[(m, u)] for u in ("selesai", "sedang dikerjakan", "belum mulai")) == 4


def test_catatan_berisi_catatan_pelatih(kelas_laporan: Path, tmp_path: Path):
    xlsx, html_path = tulis_rekap(kelas_laporan, tmp_path)
    assert _baris(xlsx)[NIP_LENGKAP]["Catatan"] == "Lanjutkan uji coba."
    assert "Lanjutkan uji coba." in html_path.read_text(encoding="utf-8")


def test_item_statistics_are_the_same_in_the_xlsx_sheet_and_the_html(tmp_path: Path):
    from sinovda.data import content
    from sinovda.domain.peserta import Peserta
    from sinovda.store import Store
    from sinovda.store.tes import kirim_tes

    ids = content.soal_tes()
    kunci = {k: v.kunci for k, v in content.load_kunci_tes().items()}
    st = Store.create(tmp_path / "kelas", nama="Kelas Butir")
    nips = ["198503152010011001", "199002202015032002", "199103032016041003"]
    st.upsert_peserta([Peserta(n, f"Peserta {i}") for i, n in enumerate(nips)])
    for nip, benar in zip(nips, (20, 10, 0), strict=True):  # 100, 50 and 0
        kirim_tes(st, nip, "pretest", {s: kunci[s] if i < benar else
                                       next(h for h in "abcd" if h != kunci[s])
                                       for i, s in enumerate(ids)})
    st.close()
    xlsx, html_path = tulis_rekap(tmp_path / "kelas", tmp_path / "rekap")
    rows = list(openpyxl.load_workbook(xlsx)["Butir soal"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Tes", "No", "Soal", "Modul")
    assert len(rows) == 1 + len(ids)  # the post-test has no submissions yet
    # groups of one (27% of 3): the strongest and the weakest participant
    pertama, kesebelas = rows[1], rows[11]
    assert pertama[:3] == ("Pre-test", 1, ids[0]) and pertama[5:11] == \
        (3, 2, "0,67", "sedang", "1,00", "sangat baik")
    assert kesebelas[5:11] == (3, 1, "0,33", "sedang", "1,00", "sangat baik")
    html = html_path.read_text(encoding="utf-8")
    assert "Butir soal tes" in html
    for r in rows[1:]:
        assert f"<td>{r[2]}</td>" in html and f"<td>{r[7]}</td>" in html
