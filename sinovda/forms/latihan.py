"""Practice inputs of issue 11 used by modules 02 and 05: the five components, the two success
self-checks, barriers and strategies. Lists and rules: ``sinovda.view.latihan``.

``kolom_komponen()``, ``kolom_cek(butir)``, ``kolom_hambatan()``, ``kolom_strategi()`` give the
inputs of one ``FormDict`` each; ``html_komponen``, ``html_cek``, ``html_hambatan`` the feedback.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sinovda.forms.kolom import Kolom
from sinovda.forms.panel import daftar, esc, kotak
from sinovda.view import latihan as vl


def kolom_komponen() -> list[Kolom]:
    """One text per component of regional innovation."""
    return [Kolom(b.kode, b.label, "teks_panjang", bantuan=b.arti) for b in vl.KOMPONEN]


def kolom_cek(butir: tuple[vl.Butir, ...]) -> list[Kolom]:
    """One dropdown (sudah / sebagian / belum) per indicator of a self-check."""
    return [Kolom(b.kode, f"{b.label}: {b.arti}", "pilihan", pilihan=list(vl.STATUS))
            for b in butir]


def kolom_hambatan() -> list[Kolom]:
    """One checkbox per barrier."""
    return [Kolom(b.kode, b.label, "ya_tidak", bantuan=b.arti) for b in vl.HAMBATAN]


def kolom_strategi() -> list[Kolom]:
    """One checkbox per strategy, then the concrete steps."""
    return [*(Kolom(b.kode, b.label, "ya_tidak", bantuan=b.arti) for b in vl.STRATEGI),
            Kolom("langkah", "Langkah konkret", "teks_panjang",
                  bantuan="Apa yang dilakukan, oleh siapa, dan kapan, untuk setiap hambatan")]


def html_komponen(nilai: Mapping[str, Any]) -> str:
    """Which components still need a sentence."""
    kosong = vl.komponen_kosong(nilai)
    if not kosong:
        return kotak("Kelima komponen sudah Anda uraikan.", "ok")
    return kotak("Komponen yang belum diuraikan:" + daftar(kosong), "info")


def html_cek(nilai: Mapping[str, Any], butir: tuple[vl.Butir, ...], judul: str) -> str:
    """A self-check summarised: how many are met, which are not yet."""
    h = vl.ringkas_cek(nilai, butir)
    teks = (f"{esc(judul)}: <b>{len(h.sudah)} dari {len(butir)}</b> sudah terpenuhi, "
            f"{len(h.sebagian)} sebagian, {len(h.belum)} belum.")
    if h.kosong:
        return kotak(teks + " Belum dinilai:" + daftar(h.kosong), "info")
    kurang = [*h.belum, *h.sebagian]
    if kurang:
        return kotak(teks + " Jadikan bahan strategi di bagian hambatan dan strategi:"
                     + daftar(kurang), "peringatan")
    return kotak(teks, "ok")


def html_hambatan(hambatan: Mapping[str, Any], strategi: Mapping[str, Any]) -> str:
    """Barriers and strategies chosen, or what is still missing."""
    h = vl.cek_hambatan(hambatan, strategi)
    if h.beres:
        return kotak(f"{len(h.hambatan)} hambatan dengan {len(h.strategi)} strategi dan langkah "
                     "konkret.", "ok")
    return kotak("Masih perlu dilengkapi:" + daftar(h.catatan), "info")
