"""Module 01 charts: USG ranking order, fishbone categories and causes, stakeholder quadrants."""

from __future__ import annotations

import io

from matplotlib.colors import to_hex

from sinovda.charts import fishbone, pemangku, usg_bar


def _teks(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


RANKING = [  # ranah.md: the tie at 13 broken by Urgency
    {"judul": "antrean panjang", "u": 5, "s": 4, "g": 4, "total": 13, "peringkat": 1},
    {"judul": "aduan lambat", "u": 4, "s": 5, "g": 4, "total": 13, "peringkat": 2},
    {"judul": "data tidak sinkron", "u": 4, "s": 4, "g": 3, "total": 11, "peringkat": 3},
]


def test_usg_bar_shows_issues_in_ranking_order_top_down_with_totals():
    fig = usg_bar(RANKING)
    ax = fig.axes[0]
    labels = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in labels] == ["antrean panjang", "aduan lambat",
                                              "data tidak sinkron"]
    # each issue's stacked bar ends at its total
    ujung = {}
    for p in ax.patches:
        y = round(p.get_y() + p.get_height() / 2)
        ujung[y] = max(ujung.get(y, 0), p.get_x() + p.get_width())
    assert ujung == {2: 13, 1: 13, 0: 11}
    teks = _teks(fig)
    assert "13  (peringkat 1)" in teks and "11  (peringkat 3)" in teks


def test_usg_bar_reads_domain_objects_and_keeps_dollar_signs_literal():
    class Hasil:
        def __init__(self, judul, u, s, g):
            self.isu = type("Isu", (), {"judul": judul, "u": u, "s": s, "g": g})()
            self.total, self.peringkat = u + s + g, 1

    fig = usg_bar([Hasil("biaya $5 per $10 izin", 3, 3, 3)])
    assert _png(fig).startswith(b"\x89PNG")  # no mathtext error
    assert any("biaya" in t and "$5" in t for t in _teks(fig))


def test_usg_bar_without_issues_says_so():
    assert "Belum ada isu" in " ".join(_teks(usg_bar([])))


def test_fishbone_draws_every_category_with_its_causes_from_stored_rows():
    rows = [{"kategori": "Manusia", "sebab": "SDM kurang terlatih"},
            {"kategori": "Metode", "sebab": "SOP belum ada"},
            {"kategori": "Manusia", "sebab": "Rotasi pegawai"},
            {"kategori": "Lingkungan", "sebab": ""}]
    fig = fishbone(rows, "Waktu layanan izin lama")
    teks = " ".join(" ".join(_teks(fig)).split())
    for kata in ("Manusia", "Metode", "Lingkungan", "SDM kurang terlatih", "SOP belum ada",
                 "Rotasi pegawai", "Waktu layanan izin lama"):
        assert kata in teks
    assert _png(fig)


def test_fishbone_mentions_causes_beyond_five_per_category():
    fig = fishbone({"Metode": [f"sebab {i}" for i in range(8)]}, "Masalah")
    assert "+3 sebab lain" in _teks(fig)


def test_pemangku_labels_four_quadrants_and_places_points_by_interest_and_power():
    daftar = [{"nama": "Bupati", "pengaruh": 5, "kepentingan": 4},
              {"nama": "Media", "pengaruh": 1, "kepentingan": 2}]
    fig = pemangku(daftar, kuadran={"promoters": "Pemain kunci"})
    teks = _teks(fig)
    assert "Pemain kunci" in teks
    satu_baris = [" ".join(t.split()) for t in teks]  # long labels wrap onto two lines
    assert any(t.startswith("Pihak laten (Latents)") for t in satu_baris)
    assert any(t.startswith("Pendukung (Defenders)") for t in satu_baris)
    assert any(t.startswith("Pihak pasif (Apathetics)") for t in satu_baris)
    ax = fig.axes[0]
    titik = [tuple(c.get_offsets()[0]) for c in ax.collections]
    assert titik == [(4.0, 5.0), (2.0, 1.0)]


def test_pemangku_with_equal_scores_keeps_every_name_visible():
    daftar = [{"nama": n, "pengaruh": 2, "kepentingan": 5} for n in ("LSM", "Warga", "Pers")]
    fig = pemangku(daftar)
    titik = {tuple(c.get_offsets()[0]) for c in fig.axes[0].collections}
    assert len(titik) == 3
    assert {"LSM", "Warga", "Pers"} <= set(_teks(fig))


def test_pemangku_quadrant_colours_follow_the_threshold():
    fig = pemangku([], kuadran={}, batas=4)
    kotak = [p for p in fig.axes[0].patches if p.get_width() > 0]
    promoters = [p for p in kotak if to_hex(p.get_facecolor()) == "#e6f4ea"][0]
    assert promoters.get_x() == 3.5 and promoters.get_y() == 3.5


def test_pemangku_takes_labels_and_threshold_from_the_settings():
    from sinovda.data.settings import load_pengaturan

    pengaturan = load_pengaturan()
    fig = pemangku([{"nama": "Camat", "pengaruh": 3, "kepentingan": 3}])
    teks = _teks(fig)
    for k in pengaturan.pemangku.kuadran:
        assert any(t.startswith(k.label.split(" (")[0]) and k.saran.split(";")[0] in t
                   .replace("\n", " ") for t in teks), k.kode
    garis = [x.get_xdata()[0] for x in fig.axes[0].lines]
    assert pengaturan.pemangku.batas_tinggi - 0.5 in garis
