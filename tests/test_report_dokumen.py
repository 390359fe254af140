"""The lean report document: no code in it, participant text escaped, a real PDF with text."""

from __future__ import annotations

import subprocess
from pathlib import Path

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from sinovda.report.dokumen import blok_keluaran, pdf_dari_html, susun_html


def _nb():
    sel = new_code_cell("L.identitas()  # kode rahasia")
    sel.outputs = [
        new_output("stream", name="stderr", text="peringatan internal"),
        new_output("display_data", data={"text/html": "<section><h2>Identitas</h2></section>",
                                         "text/plain": "<Bagian>"}),
    ]
    return new_notebook(cells=[new_markdown_cell("# catatan pengembang"), sel])


def test_only_rich_outputs_reach_the_document():
    blok = blok_keluaran(_nb())
    assert blok == ["<section><h2>Identitas</h2></section>"]
    html = susun_html(blok, "Budi <script>x</script>", "NIP 1")
    assert "L.identitas" not in html and "peringatan internal" not in html
    assert "catatan pengembang" not in html
    assert "Budi &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>" not in html


def test_pdf_is_a4_with_page_numbers_and_extractable_text(tmp_path: Path):
    blok = [f"<section><h2>Bagian {i}</h2><p>{'Inovasi layanan. ' * 300}</p></section>"
            for i in range(3)]
    pdf = pdf_dari_html(susun_html(blok, "Ni Luh Putu Ayu Wédari", "NIP 198503152010011001"))
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "l.pdf"
    path.write_bytes(pdf)
    teks = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Ni Luh Putu Ayu Wédari" in teks
    assert "Halaman 1 dari" in teks
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "595.28 x 841.89" in info or "A4" in info


def test_pdf_never_fetches_outside_resources(tmp_path: Path):
    from matplotlib.figure import Figure

    rahasia = tmp_path / "rahasia.png"
    Figure(figsize=(1, 1)).savefig(rahasia)
    html = susun_html([f'<img src="file://{rahasia}"><img src="{rahasia}">'], "A")
    path = tmp_path / "l.pdf"
    path.write_bytes(pdf_dari_html(html))
    daftar = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    assert len(daftar) == 2, daftar  # header lines only: no image was loaded


def test_stylesheet_parsed_once_gives_the_same_pdf_as_the_inline_style(tmp_path: Path):
    """The report page's <style> is applied from a per-process parsed copy: same pages, same
    text; the saved HTML still carries its own stylesheet (it opens alone in a browser)."""
    import weasyprint

    from sinovda.report.dokumen import CSS

    blok = ["<section class='bagian'><h2>Capaian</h2><table><thead><tr><th>Indikator</th>"
            "<th>Capaian</th></tr></thead><tbody>"
            + "<tr><td>Indeks kepuasan layanan</td><td>94,12</td></tr>" * 60
            + "</tbody></table></section>"]
    html = susun_html(blok, "Siti Aminah", "NIP 1")
    assert f"<style>{CSS}</style>" in html
    teks = []
    for nama, pdf in (("cepat", pdf_dari_html(html)),
                      ("biasa", weasyprint.HTML(string=html).write_pdf())):
        path = tmp_path / f"{nama}.pdf"
        path.write_bytes(pdf)
        teks.append(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout)
    assert "Halaman 2 dari 2" in teks[0]
    assert teks[0] == teks[1]


def _pdf_teks(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "laporan.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _laporan_lengkap_html(catatan: str = "") -> str:
    import datetime as dt

    from conftest import jawaban_lengkap

    from sinovda.domain.peserta import Peserta
    from sinovda.report.isi import Laporan

    j = jawaban_lengkap()
    j["penilaian"] = {"rubrik": {k: {"skor": 3} for k in ("masalah", "kebaruan",
                                                          "keberlanjutan")},
                      "catatan": catatan}
    p = Peserta("198503152010011001", "Ni Luh Putu Ayu Wédari", "Analis", "Dinas Kesehatan")
    lap = Laporan.dari_data(p, j, {"nama": "Bimtek Inovasi Angkatan I", "tempat": "Denpasar",
                                   "fasilitator": ["Dr. Ratna Wulandari, M.Si.",
                                                   "Bagus Prakoso, S.IP."]})
    return susun_html([b.html for b in lap.semua()], p.nama, f"NIP {p.nip}",
                      dicetak=dt.date(2026, 3, 12))


def test_judul_kolom_tabel_tidak_terpotong_di_tengah_kata(tmp_path: Path):
    """Issue 11: "Pengaru h", "Kepentinga n", "Kod e", "Satua n", "Baseli ne", "SMAR T"."""
    import re
    from collections import Counter

    html = _laporan_lengkap_html()
    kepala = [re.sub(r"<[^>]+>", "", th) for th in re.findall(r"<th>(.*?)</th>", html)]
    kata_kepala = {w for k in kepala for w in re.findall(r"[A-Za-z]{3,}", k)}
    assert {"Pengaruh", "Kepentingan", "Kode", "Satuan", "Baseline", "SMART", "Tahun",
            "Penanggung"} <= kata_kepala
    teks_html = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S))
    di_html = Counter(re.findall(r"[A-Za-z]+", teks_html))
    di_pdf = Counter(re.findall(r"[A-Za-z]+", _pdf_teks(pdf_dari_html(html), tmp_path)))
    terpotong = {w: (di_html[w], di_pdf[w]) for w in kata_kepala if di_pdf[w] < di_html[w]}
    assert not terpotong, f"kata judul kolom terpotong di PDF: {terpotong}"


def test_laporan_untuk_ditandatangani(tmp_path: Path):
    teks = " ".join(_pdf_teks(pdf_dari_html(_laporan_lengkap_html("Siap uji coba.")),
                              tmp_path).split())
    assert "Dicetak 12 Maret 2026" in teks
    assert "Kelas Bimtek Inovasi Angkatan I" in teks and "Tempat Denpasar" in teks
    import datetime as dt

    from sinovda.report.pengesahan import tanggal_indonesia

    assert f"Denpasar, {tanggal_indonesia(dt.date.today())}" in teks  # the place, the date
    for nama in ("Dr. Ratna Wulandari, M.Si.", "Bagus Prakoso, S.IP.", "Ni Luh Putu Ayu"):
        assert nama in teks
    assert "Pelatih / fasilitator" in teks and "Peserta" in teks
    i_nilai = teks.index("Nilai rubrik: ")
    assert teks.index("Nilai rubrik = jumlah (bobot x", i_nilai) > i_nilai
    assert "Catatan pelatih Siap uji coba." in teks
    assert "Sdm" not in teks and "SDM" in teks
