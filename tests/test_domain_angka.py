"""The one number parser and formatter: Indonesian convention, ranges, stored values."""

from __future__ import annotations

import pytest

from sinovda.domain.angka import (
    angka_tampil,
    baca_angka,
    baca_rentang,
    baca_target,
    format_angka,
    ke_angka,
    ke_target,
    tulis_angka,
    tulis_target,
)
from sinovda.domain.errors import InputTidakValid


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("85", 85), ("2,5", 2.5), ("1.250", 1250), ("1.250.000", 1250000), ("1.250,5", 1250.5),
     ("85%", 85), (" 12 ", 12), ("85.5", 85.5), ("0.250", 0.25), ("-3", -3), ("-1.500", -1500),
     (85, 85), (2.5, 2.5), ("", None), (None, None)],
)
def test_angka_cara_indonesia(teks, nilai):
    assert baca_angka(teks) == nilai
    assert ke_angka(teks) == nilai


@pytest.mark.parametrize("teks", ["abc", "8x", "1,2,3", "nan", "inf", "--1", "1.2.3,4",
                                  True, float("nan")])
def test_bukan_angka(teks):
    with pytest.raises(InputTidakValid, match="harus angka"):
        baca_angka(teks)
    assert ke_angka(teks) is None


def test_rentang_dan_target():
    assert baca_rentang("80-85") == (80, 85)
    assert baca_rentang("88 s/d 90") == (88, 90)
    assert baca_rentang("1.000 sampai 1.250") == (1000, 1250)
    assert baca_rentang("-3 - -1") == (-3, -1)
    assert baca_rentang("85") is None
    assert baca_target("88-90") == [88, 90]
    assert baca_target([88, 90]) == [88, 90]  # a stored value reads back the same
    assert baca_target("1.250") == 1250
    with pytest.raises(InputTidakValid, match="batas bawah"):
        baca_target("90-80")
    with pytest.raises(InputTidakValid, match="rentang seperti 80-85"):
        baca_target("tinggi")
    assert ke_target([88, 90]) == (88.0, 90.0)
    assert ke_target("88-90") == (88.0, 90.0)
    assert ke_target(85) == 85.0
    assert ke_target("tinggi") is None and ke_target(None) is None


@pytest.mark.parametrize("nilai", [85, 88.5, [80, 85], [88.5, 90], [-3, -1], 1250000, None])
def test_satu_penulis_target_dibaca_kembali_sama(nilai):
    assert baca_target(tulis_target(nilai)) == nilai


def test_tampilan_angka():
    assert tulis_angka(2.5) == "2,5" and tulis_angka(80.0) == "80" and tulis_angka(None) == ""
    assert tulis_target([88.5, 90]) == "88,5-90"
    assert format_angka(94.1176) == "94,12" and format_angka(120.0) == "120"
    assert angka_tampil(1250) == "1.250" and angka_tampil(94.1176) == "94,12"
    assert angka_tampil(None) == "-"
