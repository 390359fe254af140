"""A thin adapter from the view (``sinovda.view``) to the plain dicts the recap reads.

Nothing is interpreted here: every number, ranking and verdict comes from the view modules the
forms use (``view.masalah``, ``view.inovasi``, ``view.indikator``, ``view.kinerja``,
``view.kesiapan``, ``view.progres``, ``view.rubrik``), with the settings of ``modul/`` read once
per process (``pemanasan``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

Jawaban = Mapping[str, Mapping[str, Any]]


@functools.cache
def _pengaturan() -> Any:
    from sinovda.data.settings import load_pengaturan

    return load_pengaturan()


@functools.cache
def _kursus() -> Any:
    from sinovda.data import content

    return content.load_kursus()


@functools.cache
def _form_evaluasi() -> Any:
    from sinovda.data import content

    return content.load_evaluasi()


def pemanasan() -> None:
    """Read every ``modul/`` file the report needs once (settings, course, test key, rubric,
    IID list, evaluation form), so the first participant's report is not slower."""
    from sinovda.data.settings import load_iid, load_rubrik

    _pengaturan(), _kursus(), _form_evaluasi(), load_rubrik(), load_iid()


# -- progress, problem, innovation, indicators, achievement: read from the view -------------
# (``sinovda.view``; the same functions the forms use, so the report shows what the participant
# saw). These adapters keep the dict shapes of the recap.


def progres(jawaban: Jawaban) -> dict[str, Any]:
    """``{"modul": [{id, judul, status}], "persen": float}`` (``view.progres``)."""
    from sinovda.view.progres import lihat_progres

    v = lihat_progres(jawaban, _kursus())
    return {"modul": [{"id": m.id, "judul": m.judul_lengkap, "status": m.status}
                      for m in v.modul], "persen": v.persen}


def lihat_masalah(jawaban: Jawaban) -> Any:
    """Module 01's view (``view.masalah.ViewMasalah``)."""
    from sinovda.view.masalah import lihat_masalah as lihat

    return lihat(jawaban, _pengaturan())


def ranking_isu(jawaban: Jawaban) -> list[dict[str, Any]]:
    """The USG ranking of the APKL-passing issues (as module 01 ranks them): peringkat, judul,
    lolos_apkl, u, s, g, total, alasan."""
    return [{"peringkat": r.peringkat, "judul": r.judul, "lolos_apkl": True, "u": r.u,
             "s": r.s, "g": r.g, "total": r.total, "alasan": r.alasan}
            for r in lihat_masalah(jawaban).peringkat]


def aturan_seri() -> str:
    """The stated USG tie-break rule."""
    from sinovda.view.masalah import ATURAN_SERI

    return str(ATURAN_SERI)


def isu_inti(jawaban: Jawaban, ranking: list[dict[str, Any]] | None = None) -> str:
    """The chosen core issue; by default the top of the APKL-passing ranking."""
    return lihat_masalah(jawaban).isu_inti


def grafik_usg(ranking: Any) -> Any:
    from sinovda import charts

    return charts.usg_bar(ranking)


def sebab_per_kategori(jawaban: Jawaban) -> dict[str, list[str]]:
    """Fishbone causes grouped by the settings' categories (only categories with causes)."""
    return {k: list(v) for k, v in lihat_masalah(jawaban).sebab_terisi.items()}


def pemangku(jawaban: Jawaban) -> list[dict[str, Any]]:
    """Stakeholders with their quadrant label and advice."""
    return [{"nama": x.nama, "pengaruh": x.pengaruh, "kepentingan": x.kepentingan,
             "kuadran": x.kuadran, "saran": x.saran} for x in lihat_masalah(jawaban).pemangku]


def label_inovasi(data: Mapping[str, Any]) -> dict[str, str]:
    """Labels of the innovation's coded attributes (unknown codes shown as given)."""
    from sinovda.view.inovasi import label_kode

    return label_kode(data)


def kriteria_inovasi(jawaban: Jawaban) -> dict[str, Any] | None:
    """The PP 38/2017 checklist: each criterion met or not, and what is missing in words."""
    from sinovda.view.inovasi import lihat_inovasi

    v = lihat_inovasi(jawaban)
    if v.kriteria is None:
        return None
    return {"daftar": [{"kode": k.kode, "label": k.label, "terpenuhi": k.terpenuhi}
                       for k in v.kriteria], "kurang": list(v.kriteria_kurang)}


def cek_tautan(jawaban: Jawaban) -> list[str]:
    """Broken links between rencana aksi rows, the issues, the innovation and the indicators."""
    from sinovda.view.inovasi import lihat_inovasi

    return list(lihat_inovasi(jawaban).tautan_putus)


def smart_indikator(jawaban: Jawaban) -> list[dict[str, Any]]:
    """Each indicator with its fields and the SMART checks (ok, aspek, pesan)."""
    from sinovda.view.indikator import lihat_indikator

    return [{"kode": d.kode, "nama": d.nama, "level": d.level, "satuan": d.satuan,
             "baseline": d.baseline, "target": d.target, "sumber_data": d.sumber_data,
             "penanggung_jawab": d.penanggung_jawab,
             "cek": [{"ok": c.lolos, "aspek": c.aspek, "pesan": c.pesan} for c in d.cek],
             "lolos": d.lolos, "jumlah": d.jumlah} for d in lihat_indikator(jawaban)]


def lihat_kinerja(jawaban: Jawaban) -> Any:
    """Module 04's view (``view.kinerja.ViewKinerja``)."""
    from sinovda.view.kinerja import lihat_kinerja as lihat

    return lihat(jawaban, _pengaturan())


def capaian_indikator(jawaban: Jawaban) -> list[dict[str, Any]]:
    """Per indicator with realisasi: year, target, yearly figure, capaian %, predikat (with
    "(sementara)" for a partial year) and colour, exactly as module 04 shows them."""
    return [{"kode": b.kode, "label": b.label, "tahun": b.tahun or "-",
             "target_teks": b.target_teks, "realisasi": b.realisasi, "capaian": b.capaian,
             "predikat": b.predikat_teks, "warna": b.warna or "", "sementara": b.sementara,
             "keterangan_sementara": b.keterangan_sementara}
            for b in lihat_kinerja(jawaban).dilaporkan]


def grafik_capaian(rows: list[dict[str, Any]]) -> Any:
    from sinovda import charts

    return charts.capaian_bar(rows, batas_atas=_pengaturan().capaian.batas_atas)


# -- readiness, tests, rubric, evaluation ------------------------------------------------------


def kesiapan(jawaban: Jawaban) -> dict[str, Any] | None:
    """IID readiness (``view.kesiapan``): skor 0-100, kategori, which year's thresholds, the
    levels per indicator."""
    from sinovda.data.settings import load_iid
    from sinovda.view.kesiapan import lihat_kesiapan

    v = lihat_kesiapan(jawaban, load_iid(), _pengaturan())
    if v is None:
        return None
    return {"skor": v.skor, "kategori": v.kategori, "ringkasan": v.ringkasan,
            "keterangan": v.keterangan, "catatan": v.catatan,
            "rincian": [(r.nama, r.bobot, r.level, r.skor) for r in v.rincian]}


def tes(jawaban: Jawaban) -> dict[str, Any]:
    """Pre and post scores (0-100, None if not submitted), N-gain and its category: the scores
    the server stored when each test was submitted (``sinovda.view.tes.ringkasan_tes``); the
    report never reads the answer key."""
    from sinovda.view.tes import ringkasan_tes

    r = ringkasan_tes(jawaban, _pengaturan())
    return {"pre": r["pre"], "post": r["post"], "n_gain": r["n_gain"], "kategori": r["kategori"]}


def rubrik(jawaban: Jawaban) -> dict[str, Any]:
    """Rubric per criterion, read from the view (``sinovda.view.rubrik``): bobot, skor,
    who scored it, the participant-facing explanation, the total and its formula."""
    from sinovda.view.rubrik import tampilan_rubrik

    t = tampilan_rubrik(jawaban)
    kriteria = [{
        "kode": b.kode, "nama": b.nama, "bobot": b.bobot, "skor": b.skor,
        "skor_teks": b.skor_teks, "sumber": b.dinilai_oleh, "umpan_balik": b.penjelasan,
    } for b in t.baris]
    return {"total": t.total, "total_teks": t.total_teks, "kriteria": kriteria,
            "belum": list(t.belum), "rumus": t.rumus, "catatan": t.catatan}


def _angka(x: float) -> str:
    from sinovda.domain.angka import format_angka

    return format_angka(x)


def evaluasi(jawaban: Jawaban) -> dict[str, Any] | None:
    """The course evaluation with labels and averages (``view.evaluasi``; None if not filled)."""
    from sinovda.view.evaluasi import lihat_evaluasi

    ev = lihat_evaluasi(jawaban, _form_evaluasi())
    if ev is None:
        return None
    return {
        "penyelenggara": [{"label": k, "nilai": v} for k, v in ev.penyelenggara],
        "fasilitator": dict(ev.fasilitator),
        "rata_penyelenggara": ev.rata_penyelenggara, "rata_fasilitator": ev.rata_fasilitator,
        "komentar": ev.komentar,
    }
