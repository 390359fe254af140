"""Module 04 charts: capaian bars coloured by predikat, quarterly trend against the target."""

from __future__ import annotations

from matplotlib.colors import to_hex

from sinovda.charts import capaian_bar, tren


def _teks(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]


def test_capaian_bar_widths_colours_and_labels_follow_the_rows():
    rows = [  # ranah.md worked examples
        {"label": "Indeks kepuasan masyarakat", "capaian": 94.12, "predikat": "Sangat Tinggi",
         "warna": "#1b5e20"},
        {"label": "Pengaduan tertunda", "capaian": 80.0, "predikat": "Tinggi", "warna": "#7cb342"},
    ]
    fig = capaian_bar(rows, batas_atas=120)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_height() > 0 and p.get_width() > 0]
    assert [round(b.get_width(), 2) for b in bars] == [94.12, 80.0]
    assert [to_hex(b.get_facecolor()) for b in bars] == ["#1b5e20", "#7cb342"]
    teks = _teks(fig)
    assert "94,12% Sangat Tinggi" in teks and "80% Tinggi" in teks
    assert "Batas atas capaian (120%)" in teks
    assert [round(x.get_xdata()[0]) for x in ax.lines] == [100, 120]


def test_capaian_bar_says_when_a_capaian_cannot_be_computed():
    fig = capaian_bar([{"kode": "IK-1", "nama": "Target nol", "capaian": None}])
    teks = _teks(fig)
    assert "tidak dapat dihitung" in teks and "IK-1 Target nol" in teks
    assert not [p for p in fig.axes[0].patches if p.get_width() > 0]


def test_tren_cumulative_draws_the_running_total_and_skips_missing_quarters():
    fig = tren([120, 150, None, 100], 600, agregasi="kumulatif", satuan="layanan")
    ax = fig.axes[0]
    kumulatif = [x for x in ax.lines if x.get_label() == "Realisasi kumulatif"][0]
    assert list(kumulatif.get_xdata()) == [0, 1, 3]
    assert list(kumulatif.get_ydata()) == [120, 270, 370]
    assert len([p for p in ax.patches if p.get_height() > 0]) == 3
    assert "Target tahunan 600" in _teks(fig)


def test_tren_position_with_a_range_target_draws_a_band():
    fig = tren([78, 80, 81, 83], [80, 85])
    ax = fig.axes[0]
    assert not [x for x in ax.lines if x.get_label() == "Realisasi kumulatif"]
    assert "Target 80-85" in _teks(fig)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["TW I", "TW II", "TW III", "TW IV"]


def test_tren_without_data_says_so():
    assert "Belum ada realisasi" in " ".join(_teks(tren([None] * 4)))
