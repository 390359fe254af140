"""Module 00's link to the course content (kursus, teks, soal) and the domain rules for the
quiz and progress (no rule is made here)."""

from __future__ import annotations

from typing import Any

from sinovda.data import content
from sinovda.domain import penilaian, progres
from sinovda.forms.panel import Mentah, esc, kotak


def teks(modul_id: str) -> str:
    """The module's learning text (Markdown)."""
    return content.load_teks(modul_id)


def soal_urut(nip: str, tes: str) -> list[Any]:
    """The test's questions in this participant's reproducible order."""
    semua = {s.id: s for s in content.load_soal_tes_berkunci()}
    ids = list(content.soal_tes())
    return [semua[i] for i in penilaian.urutan_soal(ids, nip, tes)]


def pilihan_soal(soal: Any) -> list[tuple[str, str]]:
    """(huruf, teks) of each option, a-d."""
    return list(soal.pilihan)


def skor(soal: list[Any], jawaban: dict[str, Any]) -> Any:
    """Quiz score (benar, total, nilai) of these answers."""
    return penilaian.skor_kuis(jawaban, {s.id: s.kunci for s in soal})


def umpan_soal(soal: Any, pilih: str) -> str:
    """Right/wrong with the explanation (pembahasan), as safe HTML."""
    kunci = soal.kunci
    pilihan = soal.opsi
    if pilih == kunci:
        kepala = "<b>Benar.</b> "
        jenis = "ok"
    else:
        kepala = f"<b>Belum tepat.</b> Jawaban yang benar: {esc(kunci)}. {esc(pilihan[kunci])}. "
        jenis = "peringatan"
    return kotak(kepala + esc(soal.pembahasan), jenis)


def _kursus() -> Any:
    return content.load_kursus()


def peta_kursus(jawaban: dict[str, dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows (nomor, judul, status, link) of the course map for these answers."""
    k = _kursus()
    status = progres.status_modul(k, jawaban)
    baris = []
    for m in k.modul:
        link = Mentah(f"<a href='{esc(m.notebook)}' target='_blank'>{esc(m.notebook)}</a>")
        baris.append((m.nomor, m.judul, progres.STATUS.get(status[m.id], status[m.id]), link))
    return baris


def persen_kursus(jawaban: dict[str, dict[str, Any]]) -> float:
    """Overall progress in percent."""
    return float(progres.persen(_kursus(), jawaban))


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
