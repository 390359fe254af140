"""Page helpers shared by the module notebooks: open the active workspace, header, display.

``buka(buat)``: find the active store and participant (``sinovda.forms.konteks``); with none
chosen, show (in Indonesian) that module 00 must be opened first and return None; otherwise
display ``buat(store, nip).widget`` and return the form object.
``kepala(store, nip)``: an HTML line naming the participant. ``bagian(judul, *isi)``: a titled
section box.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.forms import konteks
from sinovda.forms.panel import esc, kotak


def kepala(store: Any, nip: str) -> w.HTML:
    """A line naming the active participant and the workspace."""
    p = store.get_peserta(nip)
    nama = p.nama if p else nip
    opd = f" · {p.opd}" if p and p.opd else ""
    tempat = "kelas" if konteks.mode_kelas() else "belajar mandiri"
    return w.HTML(kotak(f"Peserta: <b>{esc(nama)}</b> (NIP {esc(nip)}){esc(opd)} "
                        f"· ruang kerja: {tempat}", "info"))


def bagian(judul: str, *isi: w.Widget, keterangan: str = "") -> w.VBox:
    """A titled section of a module page (``keterangan`` is our own safe HTML)."""
    kepala_ = [w.HTML(f"<h3 style='margin-bottom:0.2em'>{esc(judul)}</h3>")]
    if keterangan:
        kepala_.append(w.HTML(f"<div style='color:#444'>{keterangan}</div>"))
    return w.VBox([*kepala_, *isi], layout=w.Layout(margin="0 0 1.5em 0"))


def pesan_belum_memilih() -> w.HTML:
    """The notice shown by modules 01-06 when no participant is chosen."""
    return w.HTML(kotak(esc(konteks.PESAN_BELUM_MEMILIH), "peringatan"))


def aktif() -> tuple[Any, str | None]:
    """The active store and the active participant's NIP (None if not chosen or not listed)."""
    store = konteks.store_aktif()
    nip = konteks.peserta_aktif(store)
    if nip is not None and store.get_peserta(nip) is None:
        nip = None
    return store, nip


def buka(buat: Callable[[Any, str], Any]) -> Any:
    """Display the form built by ``buat(store, nip)`` for the active participant."""
    from IPython.display import display

    try:
        store, nip = aktif()
        if nip is None:
            display(pesan_belum_memilih())
            return None
        form = buat(store, nip)
    except SinovdaError as e:
        display(pesan_galat(e))
        return None
    display(form.widget)
    return form


def pesan_galat(e: Exception) -> w.HTML:
    """A workspace that cannot be opened, said in Indonesian (no traceback for participants)."""
    return w.HTML(kotak(f"Ruang kerja belum bisa dibuka: {esc(e)}", "galat"))
