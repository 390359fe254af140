"""Warm kernels in proportion to the room (``sinovda.cli.kolam_ruang.Ruang``): worked examples."""

from __future__ import annotations

from sinovda.cli.kolam_ruang import Ruang

KURSUS = ("00_pengantar.ipynb", "01_masalah.ipynb", "02_inovasi.ipynb", "03_indikator.ipynb")


def _ruang(**kw) -> Ruang:
    return Ruang(KURSUS, **{"dasar": 1, "maks": 40, "aktif_detik": 600.0, **kw})


def test_an_empty_room_keeps_one_kernel_per_module():
    assert _ruang().target(0.0) == dict.fromkeys(KURSUS, 1)
    assert _ruang(dasar=0).target(0.0) == dict.fromkeys(KURSUS, 0)


def test_a_lone_participant_keeps_the_small_footprint():
    r = _ruang()
    r.catat("laptop", None, 0.0)  # the course map, then module 00
    r.catat("laptop", "00_pengantar.ipynb", 5.0)
    assert r.target(10.0) == dict.fromkeys(KURSUS, 1)


def test_a_room_reading_module_00_gets_a_kernel_each_for_module_01():
    r = _ruang()
    for i in range(40):
        r.catat(f"b{i}", None, float(i))
        r.catat(f"b{i}", "00_pengantar.ipynb", float(i) + 30)
    t = r.target(100.0)
    assert t["01_masalah.ipynb"] == 40 and t["00_pengantar.ipynb"] == 1
    assert sum(t.values()) == 40 + 3
    assert r.hadir(100.0) == 40


def test_browsers_on_the_map_only_head_to_the_first_module():
    r = _ruang()
    for i in range(5):
        r.catat(f"b{i}", None, 0.0)
    assert r.target(1.0)["00_pengantar.ipynb"] == 5


def test_the_map_keeps_a_browsers_place_in_the_course():
    r = _ruang()
    r.catat("a", "02_inovasi.ipynb", 0.0)
    r.catat("a", None, 1.0)  # back to the map: still heading to 03
    r.catat("b", "02_inovasi.ipynb", 0.0)
    assert r.target(2.0)["03_indikator.ipynb"] == 2


def test_the_room_is_capped_busiest_module_first():
    r = _ruang(maks=10)
    for i in range(12):
        r.catat(f"a{i}", "00_pengantar.ipynb", 0.0)  # 12 heading to 01
    for i in range(4):
        r.catat(f"b{i}", "01_masalah.ipynb", 0.0)  # 4 heading to 02
    t = r.target(1.0)
    assert t["01_masalah.ipynb"] == 11 and t["02_inovasi.ipynb"] == 1  # 10 extra, all to 01
    assert sum(t.values()) - len(KURSUS) == 10
    assert _ruang(maks=0).target(0.0) == dict.fromkeys(KURSUS, 1)


def test_the_last_module_and_other_pages_call_for_nothing_more():
    r = _ruang()
    for i in range(3):
        r.catat(f"x{i}", "03_indikator.ipynb", 0.0)
        r.catat(f"y{i}", "hasil_saya.ipynb", 0.0)
    assert r.target(1.0) == dict.fromkeys(KURSUS, 1)


def test_a_quiet_room_falls_back_to_rest():
    r = _ruang(aktif_detik=60.0)
    for i in range(20):
        r.catat(f"b{i}", "00_pengantar.ipynb", 0.0)
    r.catat("telat", "00_pengantar.ipynb", 50.0)
    assert r.target(59.0)["01_masalah.ipynb"] == 21
    assert r.target(100.0)["01_masalah.ipynb"] == 1  # only "telat" is still present
    assert r.hadir(100.0) == 1
    assert r.target(200.0) == dict.fromkeys(KURSUS, 1) and r.hadir(200.0) == 0
