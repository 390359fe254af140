"""The facilitator's class chooser on a hub serving several classes of one database.

A trainer who belongs to several classes logs in once; the store service's ``/saya`` lists the
served classes they belong to. ``siapkan(store, *lain)`` picks the active class (the last one
chosen on this server, if still theirs, else the newest), sets it on the store client and any
other client (``.kelas``: the admin client), and returns a ``PilihKelas`` dropdown; choosing
another class saves the choice (``store.remote.simpan_kelas_aktif``: the dashboard, Admin Kelas
and Penilaian pages of this server all follow it), sets ``.kelas`` again and calls every
``saat_ganti`` callback (the page reloads its data). On a one-class hub, a class folder or
self-study there is nothing to choose: ``siapkan`` returns None.

The chooser is a convenience only: the service checks on every request that the caller is a
member of the class named (403 otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from sinovda.forms.panel import esc, kotak


class PilihKelas:
    """A dropdown of the caller's classes; ``saat_ganti`` callbacks get the new key."""

    def __init__(self, kelas: list[dict[str, str]], aktif: str, klien: list[Any]) -> None:
        self.kelas = kelas
        self.klien = klien
        self.saat_ganti: list[Callable[[str], Any]] = []
        self.pilihan = w.Dropdown(
            options=[(f"{k.get('nama') or k['kunci']} ({k['kunci']})", k["kunci"])
                     for k in kelas],
            value=aktif, description="Kelas", disabled=len(kelas) < 2,
            layout=w.Layout(width="32em"))
        self.pesan = w.HTML()
        self.pilihan.observe(self._ganti, names="value")
        self.widget = w.HBox([self.pilihan, self.pesan])

    @property
    def aktif(self) -> str:
        return str(self.pilihan.value)

    def _ganti(self, perubahan: dict[str, Any]) -> None:
        from sinovda.store.remote import simpan_kelas_aktif

        kunci = str(perubahan["new"])
        try:
            simpan_kelas_aktif(kunci)
        except OSError as e:  # the choice still applies to this page
            self.pesan.value = kotak(f"Pilihan kelas tidak tersimpan: {esc(e)}", "peringatan")
        for k in self.klien:
            k.kelas = kunci
        for fungsi in self.saat_ganti:
            fungsi(kunci)


def siapkan(store: Any, *lain: Any) -> PilihKelas | None:
    """The chooser for ``store`` (a ``RemoteStore``) and the other clients ``lain`` on a hub
    serving several classes, with the active class already set on all of them; else None."""
    saya = getattr(store, "saya", None)
    if saya is None or not hasattr(store, "kelas"):
        return None
    from sinovda.store.remote import kelas_aktif

    tersimpan = store.kelas or kelas_aktif()
    store.kelas = None  # "/saya" needs no class (a stale choice must not be sent)
    try:
        info = saya() or {}
    finally:
        store.kelas = tersimpan
    kelas = [k for k in (info.get("kelas") or []) if isinstance(k, dict) and k.get("kunci")]
    if not kelas:
        return None
    kunci = [str(k["kunci"]) for k in kelas]
    aktif: str = tersimpan if isinstance(tersimpan, str) and tersimpan in kunci else kunci[0]
    klien = [store, *lain]
    for k in klien:
        k.kelas = aktif
    return PilihKelas(kelas, aktif, klien)
