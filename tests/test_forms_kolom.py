"""Kolom: how typed text becomes a stored value (Indonesian number style, ranges, bounds)."""

from __future__ import annotations

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.forms.kolom import Kolom, baca_angka, baca_target, tulis_angka, tulis_target


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("85", 85), ("2,5", 2.5), ("1.000", 1000), ("1.250,5", 1250.5), ("85%", 85),
     (" 12 ", 12), ("0.5", 0.5), ("-3", -3), ("", None)],
)
def test_numbers_typed_the_indonesian_way(teks, nilai):
    assert baca_angka(teks) == nilai


@pytest.mark.parametrize("teks", ["abc", "8x", "1,2,3", "nan", "inf", "--1"])
def test_text_in_a_number_field_says_harus_angka(teks):
    with pytest.raises(InputTidakValid, match="harus angka"):
        baca_angka(teks)


def test_number_is_written_back_with_a_decimal_comma():
    assert tulis_angka(2.5) == "2,5"
    assert tulis_angka(80.0) == "80"
    assert tulis_angka(None) == ""
    assert baca_angka(tulis_angka(1234.5)) == 1234.5


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("85", 85), ("80-85", [80, 85]), ("80 s/d 85", [80, 85]), ("80 sampai 85,5", [80, 85.5]),
     ("", None)],
)
def test_target_is_a_number_or_a_range(teks, nilai):
    assert baca_target(teks) == nilai
    assert baca_target(tulis_target(nilai)) == nilai


def test_target_range_upside_down_or_text_is_refused():
    with pytest.raises(InputTidakValid, match="batas bawah"):
        baca_target("90-80")
    with pytest.raises(InputTidakValid, match="harus angka"):
        baca_target("tinggi")


def test_bulat_and_bounds():
    k = Kolom("u", "Urgensi", "bulat", minimum=1, maksimum=5)
    assert k.baca("4") == 4
    with pytest.raises(InputTidakValid, match="bilangan bulat"):
        k.baca("2,5")
    with pytest.raises(InputTidakValid, match="paling besar 5"):
        k.baca("6")
    with pytest.raises(InputTidakValid, match="paling kecil 1"):
        k.baca("0")


def test_empty_values_per_kind():
    assert Kolom("a", "A").kosong() == ""
    assert Kolom("a", "A", "ya_tidak").kosong() is False
    assert Kolom("a", "A", "skala", minimum=1, maksimum=5).kosong() == 1
    assert Kolom("a", "A", "angka").kosong() is None
    assert Kolom("a", "A", "teks", bawaan="x").kosong() == "x"


def test_text_is_stripped_and_unknown_kind_refused():
    assert Kolom("a", "A").baca("  Antrean panjang ") == "Antrean panjang"
    with pytest.raises(ValueError):
        Kolom("a", "A", "warna")


def test_every_kind_is_registered_in_one_place():
    from sinovda.forms.kolom import JENIS

    assert set(JENIS) == {"teks", "teks_panjang", "angka", "bulat", "skala", "pilihan", "radio",
                          "ya_tidak", "target", "kombo"}
    for nama, spek in JENIS.items():
        k = Kolom("a", "A", nama, pilihan=[("Satu", 1)], minimum=1, maksimum=5)
        kosong = k.kosong()
        assert k.baca(k.tulis(kosong)) == kosong, nama  # an untouched input stores its empty value
        assert k.buat_widget() is not None and spek.nama == nama


def test_a_new_kind_is_one_registration():
    from sinovda.forms.kolom import JENIS, JenisInput, daftarkan

    daftarkan(JenisInput("huruf_besar", lambda _k: "", lambda _k, m: str(m or "").upper(),
                         lambda _k, v: v or "", JENIS["teks"].widget))
    try:
        k = Kolom("a", "A", "huruf_besar")
        assert k.baca("rsud") == "RSUD" and k.tulis("RSUD") == "RSUD"
    finally:
        del JENIS["huruf_besar"]


def test_indonesian_thousands_in_a_number_field():
    assert Kolom("a", "A", "angka").baca("1.250.000") == 1250000
    assert Kolom("a", "A", "target").baca("1.250-1.500") == [1250, 1500]


def test_dropdown_has_a_placeholder_and_text_boxes_use_the_ui_font_class():
    from sinovda.forms.kolom import KELAS_TEKS, PILIH

    k = Kolom("a", "A", "pilihan", pilihan=[("Satu", 1)])
    dd = k.buat_widget()
    assert dd.label == PILIH and k.baca(dd.value) is None  # shown, not a blank box
    dd.value = k.tulis(1)
    assert k.baca(dd.value) == 1
    dd.value = k.tulis(None)
    assert dd.label == PILIH and k.baca(dd.value) is None
    assert PILIH == "— pilih —"
    for jenis in ("teks", "teks_panjang", "kombo", "angka"):
        assert KELAS_TEKS in Kolom("a", "A", jenis).buat_widget()._dom_classes
