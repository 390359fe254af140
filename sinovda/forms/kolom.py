"""Field specs for the forms: what kind of input, how typed text becomes a stored value.

Numbers are typed the Indonesian way (``sinovda.domain.angka``, the one parser): ``2,5`` is two
and a half, ``1.000`` is one thousand, ``85%`` is 85. A target can be a range: ``80-85``,
``80 s/d 85`` or ``80 sampai 85``.

Input kinds live in one registry, ``JENIS``: each ``JenisInput`` says the empty value of a
fresh input, how the widget's value is read into the stored value (``baca``), how a stored value
is written back into the widget (``tulis``), which ipywidget shows it and how its box grows.
A new kind is one ``daftarkan(JenisInput(...))``; nothing else branches on the kind's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from sinovda.domain.angka import baca_angka, baca_target, rapikan, tulis_angka, tulis_target
from sinovda.domain.errors import InputTidakValid
from sinovda.forms.panel import gaya, tata

__all__ = ["JENIS", "JenisInput", "Kolom", "baca_angka", "baca_target", "daftarkan", "rapikan",
           "tulis_angka", "tulis_target"]

PILIH = "— pilih —"  # the placeholder of every dropdown: nothing chosen yet
TANPA_PILIHAN = ""  # the placeholder's widget value (stored as None)
KELAS_TEKS = "snv-teks"  # CSS class of text inputs: UI font, whole border (see halaman.gaya)


@dataclass(frozen=True)
class JenisInput:
    """One kind of input: empty value, parser, writer, widget and layout, in one place."""

    nama: str
    kosong: Callable[[Kolom], Any]
    baca: Callable[[Kolom, Any], Any]
    tulis: Callable[[Kolom, Any], Any]
    widget: Callable[[Kolom], w.Widget]
    fleks: str = "0 1 auto"  # CSS flex of the labelled box in a wrapping row
    label_di_widget: bool = False  # the widget shows the label itself (a checkbox)
    bantuan_di_widget: bool = False  # the hint is the widget's placeholder
    atur: Callable[[w.Widget, Any], None] | None = None  # puts a widget value (default: .value)
    bisa_salah: bool = False  # typed text can be refused (a number): room for its message

    def tampilkan(self, widget: w.Widget, nilai: Any) -> None:
        """Show ``nilai`` (a widget value from ``tulis``) in ``widget``."""
        if self.atur is not None:
            self.atur(widget, nilai)
        else:
            widget.value = nilai


JENIS: dict[str, JenisInput] = {}


def daftarkan(jenis: JenisInput) -> JenisInput:
    """Register an input kind (a later registration of the same name replaces it)."""
    JENIS[jenis.nama] = jenis
    return jenis


# --- readers and writers shared by several kinds -------------------------------------------


def _teks_baca(_k: Kolom, mentah: Any) -> str:
    return str(mentah or "").strip()


def _teks_tulis(_k: Kolom, nilai: Any) -> str:
    return "" if nilai is None else str(nilai)


def _cek_batas(k: Kolom, nilai: float) -> None:
    if k.minimum is not None and nilai < k.minimum:
        raise InputTidakValid(f"paling kecil {tulis_angka(k.minimum)}")
    if k.maksimum is not None and nilai > k.maksimum:
        raise InputTidakValid(f"paling besar {tulis_angka(k.maksimum)}")


def _angka_baca(k: Kolom, mentah: Any, bulat: bool = False) -> int | float | None:
    nilai = baca_angka(mentah)
    if nilai is None:
        return None
    if bulat and not float(nilai).is_integer():
        raise InputTidakValid("harus bilangan bulat")
    _cek_batas(k, nilai)
    return rapikan(nilai)


def _skala_kosong(k: Kolom) -> int:
    return int(k.minimum if k.minimum is not None else 1)


def _skala_tulis(k: Kolom, nilai: Any) -> int:
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return _skala_kosong(k)


def _sama(_k: Kolom, nilai: Any) -> Any:
    return nilai


def _kotak_teks(k: Kolom) -> w.Widget:
    t = w.Text(continuous_update=False, placeholder=k.bantuan, layout=tata(width="100%"),
               style=gaya(w.Text))
    t.add_class(KELAS_TEKS)
    return t


def _kotak_panjang(k: Kolom) -> w.Widget:
    t = w.Textarea(continuous_update=False, placeholder=k.bantuan,
                   layout=tata(width="100%", height="5em"), style=gaya(w.Textarea))
    t.add_class(KELAS_TEKS)
    return t


def _slider(k: Kolom) -> w.Widget:
    lo = _skala_kosong(k)
    hi = int(k.maksimum if k.maksimum is not None else 5)
    return w.IntSlider(value=lo, min=lo, max=hi, step=1, continuous_update=False,
                       layout=tata(width="15em"), style=gaya(w.IntSlider))


def opsi_dropdown(opsi: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """A dropdown's options with the "— pilih —" placeholder first (its widget value is
    ``TANPA_PILIHAN``: ipywidgets shows a blank box, not the placeholder, for a None value)."""
    return [(PILIH, TANPA_PILIHAN), *opsi]


def _dropdown(k: Kolom) -> w.Widget:
    return w.Dropdown(options=opsi_dropdown(k.opsi()), value=TANPA_PILIHAN, layout=tata(),
                      style=gaya(w.Dropdown))


def _pilihan_baca(_k: Kolom, mentah: Any) -> Any:
    return None if mentah == TANPA_PILIHAN else mentah


def _pilihan_tulis(_k: Kolom, nilai: Any) -> Any:
    return TANPA_PILIHAN if nilai is None else nilai


def _kombo(k: Kolom) -> w.Widget:
    c = w.Combobox(options=[str(v) for _, v in k.opsi()], ensure_option=False,
                   continuous_update=False, placeholder=k.bantuan, layout=tata(width="100%"),
                   style=gaya(w.Combobox))
    c.add_class(KELAS_TEKS)
    return c


_KOSONG_TEKS: Callable[[Kolom], Any] = lambda _k: ""  # noqa: E731
_KOSONG_NONE: Callable[[Kolom], Any] = lambda _k: None  # noqa: E731

daftarkan(JenisInput("teks", _KOSONG_TEKS, _teks_baca, _teks_tulis, _kotak_teks,
                     fleks="1 1 20em", bantuan_di_widget=True))
daftarkan(JenisInput("teks_panjang", _KOSONG_TEKS, _teks_baca, _teks_tulis, _kotak_panjang,
                     fleks="1 1 100%", bantuan_di_widget=True))
daftarkan(JenisInput("kombo", _KOSONG_TEKS, _teks_baca, _teks_tulis, _kombo,
                     fleks="1 1 20em", bantuan_di_widget=True))
daftarkan(JenisInput("angka", _KOSONG_NONE, lambda k, m: _angka_baca(k, m),
                     lambda _k, v: tulis_angka(v), _kotak_teks, fleks="0 1 12em",
                     bantuan_di_widget=True, bisa_salah=True))
daftarkan(JenisInput("bulat", _KOSONG_NONE, lambda k, m: _angka_baca(k, m, bulat=True),
                     lambda _k, v: tulis_angka(v), _kotak_teks, fleks="0 1 12em",
                     bisa_salah=True))
daftarkan(JenisInput("target", _KOSONG_NONE, lambda _k, m: baca_target(m),
                     lambda _k, v: tulis_target(v), _kotak_teks, fleks="0 1 12em",
                     bantuan_di_widget=True, bisa_salah=True))
daftarkan(JenisInput("skala", _skala_kosong,
                     lambda k, m: _angka_baca(k, float(m), bulat=True), _skala_tulis, _slider,
                     fleks="0 0 17em"))
daftarkan(JenisInput("pilihan", _KOSONG_NONE, _pilihan_baca, _pilihan_tulis, _dropdown))
daftarkan(JenisInput("radio", _KOSONG_NONE, _sama, _sama,
                     lambda k: w.RadioButtons(options=k.opsi(), value=None,
                                              layout=tata(width="auto"),
                                              style=gaya(w.RadioButtons)),
                     fleks="1 1 100%"))
daftarkan(JenisInput("ya_tidak", lambda _k: False, lambda _k, m: bool(m),
                     lambda _k, v: bool(v),
                     lambda k: w.Checkbox(value=False, description=k.label, indent=False,
                                          style=gaya(w.Checkbox, description_width="initial"),
                                          layout=tata(width="auto")),
                     fleks="1 1 22em", label_di_widget=True))


@dataclass(frozen=True)
class Kolom:
    """One input of a form: its key in the stored dict, its label and kind (a name in ``JENIS``).

    Kinds: teks, teks_panjang, angka (float or None), bulat (int or None), skala (int slider
    ``minimum..maksimum``), pilihan (dropdown of ``pilihan`` = [(label, value)] with a
    "— pilih —" placeholder), radio (the same as radio buttons, nothing chosen at first),
    ya_tidak (bool), target (number or [low, high]), kombo (text with suggestions ``pilihan``).
    """

    key: str
    label: str
    jenis: str = "teks"
    pilihan: Sequence[tuple[str, Any]] | Sequence[str] = ()
    minimum: float | None = None
    maksimum: float | None = None
    bawaan: Any = None
    bantuan: str = ""

    def __post_init__(self) -> None:
        if self.jenis not in JENIS:
            raise ValueError(f"jenis kolom tidak dikenal: {self.jenis}")

    @property
    def spek(self) -> JenisInput:
        """The registered kind of this input."""
        return JENIS[self.jenis]

    def kosong(self) -> Any:
        """The value of a fresh, untouched input."""
        return self.bawaan if self.bawaan is not None else self.spek.kosong(self)

    def baca(self, mentah: Any) -> Any:
        """Turn the widget's value into the stored value; raise InputTidakValid with why not."""
        return self.spek.baca(self, mentah)

    def tulis(self, nilai: Any) -> Any:
        """The widget value that shows a stored value."""
        return self.spek.tulis(self, nilai)

    def buat_widget(self) -> w.Widget:
        """A fresh ipywidget for this input."""
        return self.spek.widget(self)

    def opsi(self) -> list[tuple[str, Any]]:
        """Choices as (label, value) pairs."""
        return [p if isinstance(p, tuple) else (str(p), p) for p in self.pilihan]
