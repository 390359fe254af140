"""Form toolkit: inputs bound to one stored answer, saved on every change.

API (shared with forms-B; build forms from these, never call ``store.save`` from a widget):

``Kolom(key, label, jenis="teks", pilihan=(), minimum=None, maksimum=None, bawaan=None,
bantuan="")`` (``sinovda.forms.kolom``): one input. jenis: teks, teks_panjang, angka, bulat,
skala (slider), pilihan (dropdown of (label, value)), radio (radio buttons), ya_tidak,
target (number or ``80-85``), kombo (text with suggestions).

``Isian(store, nip, modul, field, kolom)``: one field = one stored value.
``FormDict(store, nip, modul, field, kolom_list, judul="", tanpa_kosong=False)``: one record =
one stored dict (``tanpa_kosong``: keys still None are left out, e.g. unanswered questions).
``DaftarBaris(store, nip, modul, field, kolom_list, judul="", label_tambah="Tambah baris",
label_baris="Baris", isi_baru=None)``: a list of rows = one stored list of dicts;
``.tambah(nilai=None)`` adds a row (pre-filled by ``nilai`` or ``isi_baru()``) and returns it,
``.hapus(i)`` deletes row i (``.batal_hapus()`` / ``.tombol_batal`` puts it back), ``.baris``
lists the rows, ``.tombol_tambah`` is the add button.

Every form (and every row of a ``DaftarBaris``) exposes ``.inputs[key]`` (the ipywidget: tests set
``.value``), ``.pesan[key]`` (HTML with the inline error, empty when fine) and ``.nilai`` (the last
good value). A dotted key nests: ``Kolom("usg.u", ...)`` stores ``{"usg": {"u": 4}}`` (a None
inside a nested dict is left out, e.g. an empty ``target.2028``); stored keys no input knows about
are kept. ``Isian.atur_opsi(opsi)`` replaces a dropdown's choices without saving;
``FormDict.kunci()`` locks a record (a submitted test): changes are reverted, never saved.

Every bound form exposes ``.status`` (HTML: "Tersimpan 10:42", "Belum tersimpan", or
the error), ``.widget`` (what to display), ``.on_change(fn)`` (``fn(nilai)`` after each accepted
change, for live feedback) and ``.simpan()``. Forms fill themselves from the store when built. An
invalid value shows its message, is not saved, and never replaces the good saved value. A value
changed in the store since this form loaded it (another tab, an import) is never overwritten: the
status asks to reload the page: every save is a compare-and-set on the revision the form loaded
(``store.load_dengan_revisi`` + ``store.save(..., harap_revisi=rev)``), decided by the store, so
two tabs cannot overwrite each other even when they save at the same moment. Every refusal of the
store (a size limit, access refused, a disk error) is shown in Indonesian in the status line.

Input kinds are registered in ``sinovda.forms.kolom.JENIS`` (empty value, parser, writer,
widget, layout). Forms outside the toolkit compose ``KumpulanInput`` (a set of inputs with their
good values) with ``Terikat`` (the binding to one stored answer); both are public.

Live feedback: ``sinovda.forms.panel`` (``PanelHTML(fungsi, *forms)``, ``PanelGrafik(fungsi,
*forms)``, ``esc``, ``kotak``, ``tabel``, ``markdown``). Pages: ``sinovda.forms.halaman``
(``buka(buat)`` shows ``buat(store, nip).widget`` for the active participant or the "open module
00 first" notice; ``kepala``, ``bagian``). Context: ``sinovda.forms.konteks``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from sinovda.domain.errors import BerubahDiTempatLain, InputTidakValid, SinovdaError
from sinovda.forms.kolom import Kolom, opsi_dropdown
from sinovda.forms.panel import esc, gaya, html, tata

Pendengar = Callable[[Any], None]
PESAN_BENTROK = ("jawaban ini sudah diubah di jendela atau tab lain. Muat ulang halaman ini "
                 "(tekan F5) agar jawaban terbaru tampil dan tidak tertimpa.")
PESAN_TAK_TERDUGA = ("terjadi kesalahan yang tidak terduga. Jawaban terakhir belum tersimpan; "
                     "coba lagi, atau hubungi fasilitator bila terus terjadi.")



def buat_input(kolom: Kolom) -> w.Widget:
    """The ipywidget for one Kolom (text inputs save on blur/Enter, not per keystroke)."""
    return kolom.buat_widget()


def _label(kolom: Kolom, bantuan: bool = False) -> w.Widget:
    """The input's label (and, when asked, its hint under it) in one HTML widget."""
    teks = f"<b>{esc(kolom.label)}</b>"
    if bantuan:
        teks += f"<div><small>{esc(kolom.bantuan)}</small></div>"
    return html(teks)


def _waktu() -> str:
    return dt.datetime.now().strftime("%H:%M")


_TIDAK_ADA = object()


def _ambil(data: Any, key: str) -> Any:
    """``data["a"]["b"]`` for key ``a.b``; _TIDAK_ADA when missing."""
    for bagian in key.split("."):
        if not isinstance(data, dict) or bagian not in data:
            return _TIDAK_ADA
        data = data[bagian]
    return data


def _taruh(data: dict[str, Any], key: str, nilai: Any) -> None:
    """Set ``data["a"]["b"]`` for key ``a.b`` (a None inside a nested dict is left out)."""
    *induk, akhir = key.split(".")
    for bagian in induk:
        if not isinstance(data.get(bagian), dict):
            data[bagian] = {}
        data = data[bagian]
    if induk and nilai is None:
        data.pop(akhir, None)
    else:
        data[akhir] = nilai


class _Pesan(dict):  # type: ignore[type-arg]
    """``.pesan``: the message widget of each input. Inputs whose kind cannot refuse a value
    (text, choices, sliders, checkboxes) get theirs only when asked (never shown empty)."""

    def __missing__(self, key: str) -> w.HTML:
        self[key] = pesan = html("")
        return pesan


class KumpulanInput:
    """A set of inputs whose good values are kept (``.nilai``: a dict; dotted keys nest).

    ``ubah()`` is called after every change (good or not); compose it with a ``Terikat`` to save.
    """

    def __init__(self, kolom_list: Sequence[Kolom], awal: Any, ubah: Callable[[], None]) -> None:
        self.kolom = {k.key: k for k in kolom_list}
        self.inputs: dict[str, w.Widget] = {}
        self.pesan: dict[str, w.HTML] = _Pesan()
        self._awal = copy.deepcopy(awal) if isinstance(awal, dict) else {}
        self._datar: dict[str, Any] = {}
        self._ubah = ubah
        self.terkunci = False
        self._memuat = True
        for k in kolom_list:
            inp = buat_input(k)
            self.inputs[k.key] = inp
            if k.spek.bisa_salah:
                self.pesan[k.key] = html("")
            nilai = _ambil(self._awal, k.key)
            nilai = k.kosong() if nilai is _TIDAK_ADA else nilai
            self._datar[k.key] = nilai
            try:
                k.spek.tampilkan(inp, k.tulis(nilai))
            except Exception:  # noqa: BLE001 - not offered (yet): the stored value is kept
                pass
            inp.observe(lambda ch, key=k.key: self._berubah(key, ch["new"]), names="value")
        self._memuat = False

    @property
    def nilai(self) -> dict[str, Any]:
        """The good values as a (nested) dict, keeping stored keys no input knows about."""
        out = copy.deepcopy(self._awal)
        for key, nilai in self._datar.items():
            _taruh(out, key, nilai)
        return out

    def atur_opsi(self, key: str, opsi: Sequence[tuple[str, Any]]) -> None:
        """Replace a dropdown's choices, keeping its value when still offered, without saving."""
        inp = self.inputs[key]
        k = self.kolom[key]
        self._memuat = True
        try:
            lama = k.baca(inp.value)
            lama = lama if lama is not None else self._datar.get(key)
            inp.options = opsi_dropdown(opsi)
            k.spek.tampilkan(inp, k.tulis(lama if lama in [v for _, v in opsi] else None))
        finally:
            self._memuat = False

    def _berubah(self, key: str, mentah: Any) -> None:
        if self._memuat:
            return
        if self.terkunci:
            self._kembalikan(key)
            return
        try:
            baru = self.kolom[key].baca(mentah)
        except InputTidakValid as e:
            self.pesan[key].value = (
                f"<span style='color:#b00020'>⚠ {esc(self.kolom[key].label)}: {esc(str(e))}. "
                "Nilai sebelumnya tetap tersimpan.</span>"
            )
            self._ubah()
            return
        self.pesan[key].value = ""
        self._datar[key] = baru
        self._ubah()

    def _kembalikan(self, key: str) -> None:
        self._memuat = True
        try:
            k = self.kolom[key]
            k.spek.tampilkan(self.inputs[key], k.tulis(self._datar[key]))
        except Exception:  # noqa: BLE001 - the widget cannot show it; nothing is saved anyway
            pass
        finally:
            self._memuat = False

    def kunci(self) -> None:
        """Lock: inputs disabled, any further change reverted and never saved."""
        self.terkunci = True
        for inp in self.inputs.values():
            inp.disabled = True

    def ada_galat(self) -> bool:
        """True while some input shows an invalid value."""
        return any(p.value for p in list(self.pesan.values()))

    def kotak(self, kolom_list: Sequence[Kolom]) -> list[w.Widget]:
        """Labelled input boxes, laid out to wrap."""
        out = []
        for k in kolom_list:
            spek = k.spek
            bantuan = bool(k.bantuan) and not spek.bantuan_di_widget
            if spek.label_di_widget:
                isi = [self.inputs[k.key]]
                if bantuan:
                    isi.append(html(f"<small>{esc(k.bantuan)}</small>"))
            else:
                isi = [_label(k, bantuan), self.inputs[k.key]]
            if spek.bisa_salah or k.key in self.pesan:
                isi.append(self.pesan[k.key])
            fleks = "1 1 100%" if spek.label_di_widget and k.bantuan else spek.fleks
            letak = {"flex": fleks, "min_width": "12em", "margin": "0 1em 0.4em 0"}
            if len(isi) == 1:  # a checkbox alone: no box around it
                isi[0].layout = tata(width="auto", **letak)
                out.append(isi[0])
            else:
                out.append(w.VBox(isi, layout=tata(**letak)))
        return out


_Isian = KumpulanInput  # the former private name, kept for modules not yet switched


class Terikat:
    """Binding to one stored answer: saves, shows the saved state, tells listeners.

    A subclass (or a form composing ``KumpulanInput``) provides ``nilai`` and ``_ada_galat``
    and calls ``_muat(bawaan)`` once, then ``_setelah_ubah()`` after each change.
    ``opsi_simpan``: extra keyword arguments of ``store.save`` (a trainer form sets
    ``{"peran": "fasilitator", "oleh": "fasilitator:<nama>"}``).
    """

    def __init__(self, store: Any, nip: str, modul: str, field: str) -> None:
        self.store, self.nip, self.modul, self.field = store, nip, modul, field
        self.status = html("")
        self._pendengar: list[Pendengar] = []
        self._tersimpan: Any = None
        self._revisi: int | None = None  # the revision loaded/saved last (None: store without CAS)
        self.opsi_simpan: dict[str, Any] = {}

    def _muat(self, bawaan: Any) -> Any:
        muat = getattr(self.store, "load_dengan_revisi", None)
        try:
            if muat is not None:
                nilai, self._revisi = muat(self.nip, self.modul, self.field, default=None)
            else:
                nilai = self.store.load(self.nip, self.modul, self.field, default=None)
        except SinovdaError as e:
            self._tersimpan = None
            self._tampil_status("Gagal memuat:", str(e))
            return bawaan
        self._tersimpan = nilai
        if nilai is None:
            self._tampil_status("Belum tersimpan")
            return bawaan
        self._tampil_status("Tersimpan", self._waktu_terakhir())
        return nilai

    def _waktu_terakhir(self) -> str:
        try:
            saved_at = self.store.history(self.nip, self.modul, self.field)[0].saved_at
            waktu = dt.datetime.fromisoformat(str(saved_at))
        except Exception:  # noqa: BLE001 - the time is a nicety, never a failure
            return ""
        if waktu.tzinfo is not None:
            waktu = waktu.astimezone()
        return waktu.strftime("%d-%m %H:%M")

    def _tampil_status(self, keadaan: str, rinci: str = "") -> None:
        warna = {"Tersimpan": "#1b5e20", "Belum tersimpan": "#666"}.get(keadaan, "#b00020")
        teks = keadaan + (f" {rinci}" if rinci else "")
        self.status.value = f"<small style='color:{warna}'>{esc(teks)}</small>"

    def on_change(self, fn: Pendengar) -> None:
        """Call ``fn(nilai)`` after every accepted change (for live feedback panes)."""
        self._pendengar.append(fn)

    def _kabari(self) -> None:
        for fn in list(self._pendengar):
            fn(self.nilai)

    @property
    def nilai(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _ada_galat(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def _simpan_ke_store(self, nilai: Any) -> None:
        """One save: compare-and-set on the loaded revision when the store offers it."""
        if self._revisi is None:  # a store without compare-and-set: check, then save
            if self.store.load(self.nip, self.modul, self.field) != self._tersimpan:
                raise BerubahDiTempatLain(PESAN_BENTROK)
            self.store.save(self.nip, self.modul, self.field, nilai, **self.opsi_simpan)
            return
        self._revisi = int(self.store.save(self.nip, self.modul, self.field, nilai,
                                           harap_revisi=self._revisi, **self.opsi_simpan))

    def simpan(self) -> bool:
        """Save the current good value (skipped when unchanged); True when it is in the store."""
        nilai = self.nilai
        if nilai != self._tersimpan:
            try:
                self._simpan_ke_store(nilai)
            except BerubahDiTempatLain:
                self._tampil_status("Tidak disimpan:", PESAN_BENTROK)
                return False
            except SinovdaError as e:
                self._tampil_status("Gagal menyimpan:", str(e))
                return False
            except Exception:  # noqa: BLE001 - shown in Indonesian, nothing saved is lost
                self._tampil_status("Gagal menyimpan:", PESAN_TAK_TERDUGA)
                return False
            self._tersimpan = nilai
        rinci = _waktu() + (" (ada isian yang belum valid)" if self._ada_galat() else "")
        self._tampil_status("Tersimpan", rinci)
        self._kabari()
        return True

    def _setelah_ubah(self) -> None:
        if self._ada_galat() and (self._tersimpan is None or self.nilai == self._tersimpan):
            self._tampil_status("Belum tersimpan:", "perbaiki isian yang ditandai")
            return
        self.simpan()


class Isian(Terikat):
    """One input bound to one stored value."""

    def __init__(self, store: Any, nip: str, modul: str, field: str, kolom: Kolom) -> None:
        super().__init__(store, nip, modul, field)
        self.kolom = kolom
        awal = self._muat(kolom.kosong())
        self._isi = KumpulanInput([kolom], {kolom.key: awal}, self._setelah_ubah)
        self.input = self._isi.inputs[kolom.key]
        self.inputs = self._isi.inputs
        self.pesan = self._isi.pesan
        self.widget = w.VBox([*self._isi.kotak([kolom]), self.status], layout=tata())

    @property
    def nilai(self) -> Any:
        return self._isi._datar[self.kolom.key]

    def atur_opsi(self, opsi: Sequence[tuple[str, Any]]) -> None:
        """Replace the dropdown's choices (the value stays when still offered; nothing saved)."""
        self._isi.atur_opsi(self.kolom.key, opsi)

    def _ada_galat(self) -> bool:
        return self._isi.ada_galat()


class FormDict(Terikat):
    """Several inputs bound to one stored dict (one record)."""

    def __init__(self, store: Any, nip: str, modul: str, field: str,
                 kolom_list: Sequence[Kolom], judul: str = "", tanpa_kosong: bool = False) -> None:
        super().__init__(store, nip, modul, field)
        self.tanpa_kosong = tanpa_kosong
        awal = self._muat({})
        self._isi = KumpulanInput(kolom_list, awal, self._setelah_ubah)
        self.inputs = self._isi.inputs
        self.pesan = self._isi.pesan
        kepala = [html(f"<h4>{esc(judul)}</h4>")] if judul else []
        self.widget = w.VBox([*kepala, w.Box(self._isi.kotak(kolom_list),
                                             layout=tata(flex_flow="row wrap")), self.status],
                             layout=tata())

    @property
    def nilai(self) -> dict[str, Any]:
        nilai = self._isi.nilai
        if self.tanpa_kosong:
            return {k: v for k, v in nilai.items() if v is not None}
        return nilai

    def kunci(self) -> None:
        """Lock the record (e.g. a submitted test): inputs disabled, changes never saved."""
        self._isi.kunci()

    def _ada_galat(self) -> bool:
        return self._isi.ada_galat()


class Baris(KumpulanInput):
    """One row of a DaftarBaris: ``.inputs``, ``.pesan``, ``.nilai``, ``.tombol_hapus``."""

    def __init__(self, kolom_list: Sequence[Kolom], awal: Any, ubah: Callable[[], None]) -> None:
        super().__init__(kolom_list, awal, ubah)
        self.judul = html("")
        self.tombol_hapus = w.Button(description="Hapus", icon="trash",
                                     layout=tata(width="auto"), style=gaya(w.Button))
        self.widget = w.VBox(
            [w.HBox([self.judul, self.tombol_hapus], layout=tata()),
             w.Box(self.kotak(kolom_list), layout=tata(flex_flow="row wrap"))],
            layout=tata(border="1px solid #ccc", padding="0.3em 0.6em", margin="0 0 0.5em 0"),
        )


class DaftarBaris(Terikat):
    """An editable list of rows bound to one stored list of dicts."""

    def __init__(self, store: Any, nip: str, modul: str, field: str,
                 kolom_list: Sequence[Kolom], judul: str = "",
                 label_tambah: str = "Tambah baris", label_baris: str = "Baris",
                 isi_baru: Callable[[], dict[str, Any]] | None = None) -> None:
        super().__init__(store, nip, modul, field)
        self.kolom_list = list(kolom_list)
        self.isi_baru = isi_baru
        self.label_baris = label_baris
        self.baris: list[Baris] = []
        self._kotak = w.VBox([], layout=tata())
        self.tombol_tambah = w.Button(description=label_tambah, icon="plus", button_style="info",
                                      layout=tata(width="auto"), style=gaya(w.Button))
        self.tombol_tambah.on_click(lambda _b: self.tambah())
        self.tombol_batal = w.Button(description="Batalkan hapus", icon="undo",
                                     layout=w.Layout(width="auto", display="none"),
                                     style=gaya(w.Button))  # its own layout: shown/hidden
        self.tombol_batal.on_click(lambda _b: self.batal_hapus())
        self._terhapus: tuple[int, Baris] | None = None
        awal = self._muat([])
        for row in awal if isinstance(awal, list) else []:
            self._buat_baris(row)
        self._tata()
        kepala = [html(f"<h4>{esc(judul)}</h4>")] if judul else []
        self.widget = w.VBox([*kepala, self._kotak,
                              w.HBox([self.tombol_tambah, self.tombol_batal, self.status],
                                     layout=tata())], layout=tata())

    @property
    def nilai(self) -> list[dict[str, Any]]:
        return [b.nilai for b in self.baris]

    def _ada_galat(self) -> bool:
        return any(b.ada_galat() for b in self.baris)

    def _buat_baris(self, awal: Any) -> Baris:
        b = Baris(self.kolom_list, awal, self._setelah_ubah)
        b.tombol_hapus.on_click(lambda _btn, b=b: self.hapus(self.baris.index(b)))
        self.baris.append(b)
        return b

    def _tata(self) -> None:
        for i, b in enumerate(self.baris, 1):
            b.judul.value = f"<b>{esc(self.label_baris)} {i}</b>"
        self._kotak.children = tuple(b.widget for b in self.baris)

    def tambah(self, nilai: dict[str, Any] | None = None) -> Baris:
        """Add a row (optionally pre-filled), save the list, return the row."""
        if nilai is None and self.isi_baru is not None:
            nilai = self.isi_baru()
        b = self._buat_baris(nilai or {})
        self._tata()
        self.simpan()
        return b

    def hapus(self, indeks: int) -> None:
        """Delete row ``indeks`` (0-based) and save the list (the old list stays in history)."""
        b = self.baris.pop(indeks)
        self._terhapus = (indeks, b)
        self.tombol_batal.description = f"Batalkan hapus {self.label_baris} {indeks + 1}"
        self.tombol_batal.layout.display = None
        self._tata()
        self.simpan()

    def batal_hapus(self) -> Baris | None:
        """Put the last deleted row back where it was and save the list."""
        if self._terhapus is None:
            return None
        indeks, b = self._terhapus
        self._terhapus = None
        self.baris.insert(min(indeks, len(self.baris)), b)
        self.tombol_batal.layout.display = "none"
        self._tata()
        self.simpan()
        return b


_Terikat = Terikat  # the former private name, kept for modules not yet switched
