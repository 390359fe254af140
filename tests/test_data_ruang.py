"""The app server settings (``app:`` in modul/pengaturan.yaml): defaults, file values, errors."""

from __future__ import annotations

import pytest

from sinovda.data.ruang import AturanRuang, load_ruang
from sinovda.domain.errors import BerkasTidakValid


def test_shipped_settings_cull_a_closed_page_within_a_minute_and_wait_long_for_output():
    a = load_ruang()
    assert a.kernel_menganggur_detik == 60 and a.periksa_detik == 15
    assert a.tunggu_keluaran_detik >= 120  # a loaded server sends a whole page, late
    assert a.kernel_siaga_per_modul == 1


def test_missing_section_takes_the_defaults(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("lain: 1\n", encoding="utf-8")
    assert load_ruang(f) == AturanRuang()


@pytest.mark.parametrize("isi, pesan", [
    ("app:\n  kernel_menganggur_detik: nol\n", "app.kernel_menganggur_detik"),
    ("app:\n  periksa_detik: 0\n", "harus bilangan bulat 1-3600"),
    ("app:\n  tunggu_keluaran_detik: 2.5\n", "app.tunggu_keluaran_detik"),
])
def test_a_bad_value_names_the_file_and_key(tmp_path, isi, pesan):
    f = tmp_path / "pengaturan.yaml"
    f.write_text(isi, encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match=pesan) as e:
        load_ruang(f)
    assert "pengaturan.yaml" in str(e.value)


def test_preheated_kernels_per_module_may_be_zero_but_not_negative(tmp_path):
    f = tmp_path / "pengaturan.yaml"
    f.write_text("app:\n  kernel_siaga_per_modul: 0\n", encoding="utf-8")
    assert load_ruang(f).kernel_siaga_per_modul == 0
    f.write_text("app:\n  kernel_siaga_per_modul: -1\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match="app.kernel_siaga_per_modul"):
        load_ruang(f)


def test_room_pool_settings_ship_a_cap_and_a_presence_window(tmp_path):
    a = load_ruang()
    assert a.kernel_siaga_ruang_maks == 40 and a.peserta_aktif_detik == 600
    f = tmp_path / "pengaturan.yaml"
    f.write_text("app:\n  kernel_siaga_ruang_maks: 0\n  peserta_aktif_detik: 30\n",
                 encoding="utf-8")
    b = load_ruang(f)
    assert b.kernel_siaga_ruang_maks == 0 and b.peserta_aktif_detik == 30
    f.write_text("app:\n  peserta_aktif_detik: 0\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match="app.peserta_aktif_detik"):
        load_ruang(f)
    f.write_text("app:\n  kernel_siaga_ruang_maks: banyak\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match="app.kernel_siaga_ruang_maks"):
        load_ruang(f)
