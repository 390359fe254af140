"""Module 00's link to the course content (kursus, teks, test questions without keys) and to
the views it shows (``view.progres``, ``view.tes``): no answer is interpreted here; the test is
scored by ``sinovda.store.tes``."""

from __future__ import annotations

from typing import Any

from sinovda.data import content
from sinovda.domain.angka import format_angka
from sinovda.forms.panel import Mentah, esc


def teks(modul_id: str) -> str:
    """The module's learning text (Markdown)."""
    return content.load_teks(modul_id)


def soal_urut(nip: str, tes: str) -> list[Any]:
    """The test's questions (without keys) in this participant's reproducible order
    (``view.tes.soal_urut``)."""
    from sinovda.view.tes import soal_urut as urut

    return urut(nip, tes)


def pilihan_soal(soal: Any) -> list[tuple[str, str]]:
    """(huruf, teks) of each option, a-d."""
    return list(soal.pilihan)


def angka(x: float | None) -> str:
    """A score with a decimal comma ("-" when missing)."""
    return "-" if x is None else format_angka(x)


def _kursus() -> Any:
    return content.load_kursus()


def peta_kursus(jawaban: dict[str, dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows (nomor, judul, status, link) of the course map, from the view (``view.progres``:
    the statuses the report, the recap and the dashboard show). The link says "Buka modul" and
    opens in the same tab, as the course map and each module's footer do: a participant sees
    module titles, never notebook file names."""
    from sinovda.view.progres import lihat_progres

    baris = []
    for m in lihat_progres(jawaban, _kursus()).modul:
        link = Mentah(f"<a href='{esc(m.notebook)}' target='_self' "
                      f"title='{esc(m.nomor)} · {esc(m.judul)}'>Buka modul</a>")
        baris.append((m.nomor, m.judul, m.label_status, link))
    return baris


def persen_kursus(jawaban: dict[str, dict[str, Any]]) -> float:
    """Overall progress in percent (``view.progres``)."""
    from sinovda.view.progres import lihat_progres

    return lihat_progres(jawaban, _kursus()).persen


def tahapan_kursus() -> list[tuple[str, str, str, str]]:
    """Rows (tahap, kegiatan utama, hasil, modul) of the five stages and their modules."""
    k = _kursus()
    nomor = {m.id: f"{m.nomor} {m.judul}" for m in k.modul}
    return [(t.nama, t.kegiatan, t.hasil, ", ".join(nomor.get(m, m) for m in t.modul))
            for t in k.tahapan]


def ringkasan_kursus() -> tuple[str, str]:
    """(judul, hasil akhir) of the course."""
    k = _kursus()
    return k.judul, k.hasil_akhir
