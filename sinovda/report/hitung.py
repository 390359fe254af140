"""What the report and the recap compute from one participant's answers.

Every rule comes from ``sinovda.domain`` with the settings of ``modul/`` (no rule is made here):
these functions turn the stored answers (the field contract) into the domain's inputs and the
domain's results into plain dicts that the sections and the recap show.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

Jawaban = Mapping[str, Mapping[str, Any]]


def _j(jawaban: Jawaban, modul: str, field: str, bawaan: Any = None) -> Any:
    nilai = (jawaban.get(modul) or {}).get(field)
    return bawaan if nilai is None else nilai


def _daftar(nilai: Any) -> list[dict[str, Any]]:
    return [dict(x) for x in nilai if isinstance(x, Mapping)] if isinstance(nilai, list) else []


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


# -- progress -------------------------------------------------------------------------------


def progres(jawaban: Jawaban) -> dict[str, Any]:
    """``{"modul": [{id, judul, status}], "persen": float}`` (domain ``progres``)."""
    from sinovda.domain import progres as dp

    k = _kursus()
    status = dp.status_modul(k, jawaban)
    return {
        "modul": [{"id": m.id, "judul": f"{m.nomor} {m.judul}", "status": status[m.id]}
                  for m in k.modul],
        "persen": float(dp.persen(k, jawaban)),
    }


# -- problem identification -----------------------------------------------------------------


def ranking_isu(jawaban: Jawaban) -> list[dict[str, Any]]:
    """Ranked issues: peringkat, judul, lolos_apkl, u, s, g, total, alasan."""
    from sinovda.domain import masalah as dm

    isu = [dm.Isu.from_dict(r, i) for i, r in enumerate(_daftar(_j(jawaban, "masalah", "isu")), 1)]
    out = []
    for h in dm.ranking_usg(isu, _pengaturan()):
        i = h.isu
        out.append({"peringkat": h.peringkat, "judul": i.judul, "lolos_apkl": dm.lolos_apkl(i),
                    "u": i.u, "s": i.s, "g": i.g, "total": h.total, "alasan": h.alasan})
    return out


def aturan_seri() -> str:
    """The stated USG tie-break rule."""
    from sinovda.domain import masalah as dm

    return str(dm.ATURAN_SERI)


def isu_inti(jawaban: Jawaban, ranking: list[dict[str, Any]]) -> str:
    """The chosen core issue; by default the top of the ranking."""
    pilih = str(_j(jawaban, "masalah", "isu_inti", "") or "").strip()
    return pilih or (ranking[0]["judul"] if ranking else "")


def grafik_usg(ranking: list[dict[str, Any]]) -> Any:
    from sinovda import charts

    return charts.usg_bar(ranking)


def sebab_per_kategori(jawaban: Jawaban) -> dict[str, list[str]]:
    """Fishbone causes grouped by the settings' categories."""
    from sinovda.domain import masalah as dm

    rows = _daftar(_j(jawaban, "masalah", "fishbone"))
    if not rows:
        return {}
    grup = dm.kelompok_fishbone(rows, list(_pengaturan().fishbone_kategori))
    return {k: list(v) for k, v in dict(grup).items() if v}


def pemangku(jawaban: Jawaban) -> list[dict[str, Any]]:
    """Stakeholders with their quadrant label and advice."""
    from sinovda.domain import masalah as dm

    out = []
    for r in _daftar(_j(jawaban, "masalah", "pemangku")):
        k = dm.kuadran(r.get("pengaruh"), r.get("kepentingan"), _pengaturan(),
                       str(r.get("nama") or ""))
        out.append({"nama": r.get("nama"), "pengaruh": r.get("pengaruh"),
                    "kepentingan": r.get("kepentingan"), "kuadran": k.label, "saran": k.saran})
    return out


# -- innovation ------------------------------------------------------------------------------


def label_inovasi(data: Mapping[str, Any]) -> dict[str, str]:
    """Labels of the innovation's coded attributes (unknown codes shown as given)."""
    from sinovda.domain import inovasi as di

    out = {}
    for nama in ("bentuk", "jenis", "inisiator", "urusan", "tahapan"):
        kode = data.get(nama)
        if kode:
            out[nama] = str(di.label(nama, str(kode)))
    return out


def kriteria_inovasi(jawaban: Jawaban) -> dict[str, Any] | None:
    """The PP 38/2017 checklist: each criterion met or not, and what is missing in words."""
    from sinovda.domain import inovasi as di

    centang = _j(jawaban, "inovasi", "kriteria")
    if not isinstance(centang, Mapping):
        return None
    daftar = [{"kode": k.kode, "label": k.label, "terpenuhi": bool(centang.get(k.kode))}
              for k in di.KRITERIA]
    kurang = list(di.cek_kriteria({k: bool(v) for k, v in centang.items()}))
    return {"daftar": daftar, "kurang": kurang}


def cek_tautan(jawaban: Jawaban) -> list[str]:
    """Broken links between rencana aksi rows, the issues, the innovation and the indicators."""
    from sinovda.domain import rencana_aksi as dr

    rows = _daftar(_j(jawaban, "inovasi", "rencana_aksi"))
    if not rows:
        return []
    return list(dr.cek_tautan(rows, dict(jawaban.get("masalah") or {}),
                              dict(_j(jawaban, "inovasi", "inovasi", {}) or {}),
                              _daftar(_j(jawaban, "indikator", "indikator"))))


# -- indicators and achievement ---------------------------------------------------------------


def _teks_target(target: Any) -> str:
    if isinstance(target, Mapping):
        return "; ".join(f"{th}: {_teks_target(v)}" for th, v in sorted(target.items()))
    if isinstance(target, (list, tuple)) and len(target) == 2:
        return f"{target[0]}-{target[1]}"
    return "-" if target is None else str(target)


def smart_indikator(jawaban: Jawaban) -> list[dict[str, Any]]:
    """Each indicator with its fields and the domain's SMART checks (ok, huruf, pesan)."""
    from sinovda.domain import indikator as di

    out = []
    for row in _daftar(_j(jawaban, "indikator", "indikator")):
        ind = di.Indikator.from_dict(row)
        cek = [{"ok": bool(c.lolos), "aspek": c.aspek, "pesan": c.pesan}
               for c in di.cek_smart(ind)]
        out.append({
            "kode": row.get("kode") or "", "nama": row.get("nama") or "",
            "level": di.LEVEL.get(str(row.get("level") or ""), row.get("level") or "-"),
            "satuan": row.get("satuan") or "-",
            "baseline": row.get("baseline") if row.get("baseline") is not None else "-",
            "target": _teks_target(row.get("target")),
            "sumber_data": row.get("sumber_data") or "-",
            "penanggung_jawab": row.get("penanggung_jawab") or "-",
            "cek": cek, "lolos": sum(c["ok"] for c in cek), "jumlah": len(cek),
        })
    return out


def capaian_indikator(jawaban: Jawaban) -> list[dict[str, Any]]:
    """Per indicator with realisasi: yearly figure, target, capaian %, predikat and colour."""
    from sinovda.domain import kinerja as dk

    realisasi = _j(jawaban, "monev", "realisasi", {})
    if not isinstance(realisasi, Mapping):
        return []
    peng = _pengaturan()
    out = []
    for row in _daftar(_j(jawaban, "indikator", "indikator")):
        r = realisasi.get(row.get("kode"))
        if not isinstance(r, Mapping):
            continue
        tahun = str(r.get("tahun") or "")
        tahunan = dk.realisasi_tahunan(list(r.get("tw") or []), row.get("agregasi") or "posisi")
        if tahunan is None:
            continue
        target = (row.get("target") or {}).get(tahun)
        polaritas = row.get("polaritas") or "positif"
        nilai = None if target is None else dk.capaian(target, tahunan, polaritas, peng)
        pred = dk.predikat(nilai, peng) if nilai is not None else None
        out.append({
            "kode": row.get("kode"), "label": f"{row.get('kode')} {row.get('nama')}".strip(),
            "tahun": tahun or "-", "target_teks": _teks_target(target), "realisasi": tahunan,
            "capaian": nilai,
            "predikat": getattr(pred, "label", pred) or "tidak dapat dihitung",
            "warna": getattr(pred, "warna", "") or "",
        })
    return out


def grafik_capaian(rows: list[dict[str, Any]]) -> Any:
    from sinovda import charts

    return charts.capaian_bar(rows, batas_atas=_pengaturan().capaian.batas_atas)


# -- readiness, tests, rubric, evaluation ------------------------------------------------------


def kesiapan(jawaban: Jawaban) -> dict[str, Any] | None:
    """IID readiness: skor 0-100, kategori, which year's thresholds, the levels per indicator."""
    from sinovda.data.settings import load_iid
    from sinovda.domain import kesiapan as dk

    level = _j(jawaban, "replikasi", "kesiapan")
    if not isinstance(level, Mapping) or not level:
        return None
    daftar = load_iid()
    h = dk.nilai_kesiapan(level, daftar, _pengaturan())
    return {
        "skor": h.skor, "kategori": h.kategori, "ringkasan": dk.ringkasan(h),
        "keterangan": f"ambang kategori tahun {h.tahun}"
                      + ("" if h.terverifikasi else " (belum terverifikasi)"),
        "catatan": daftar.catatan,
        "rincian": [(r.indikator.nama, r.indikator.bobot, r.level, r.skor) for r in h.rincian],
    }


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
    """The course evaluation with labels and averages (None if not filled in)."""
    ev = _j(jawaban, "penutup", "evaluasi")
    if not isinstance(ev, Mapping):
        return None
    form = _form_evaluasi()
    nilai = ev.get("penyelenggara") or {}
    peny = [{"label": a.label, "nilai": nilai[a.kode]} for a in form.penyelenggara
            if isinstance(nilai.get(a.kode), (int, float))]
    fas = {str(k): v for k, v in (ev.get("fasilitator") or {}).items()
           if isinstance(v, (int, float))}
    return {
        "penyelenggara": peny, "fasilitator": fas,
        "rata_penyelenggara": _rata([a["nilai"] for a in peny]),
        "rata_fasilitator": _rata(list(fas.values())),
        "komentar": str(ev.get("komentar") or "").strip(),
    }


def _rata(nilai: list[float]) -> float | None:
    return round(sum(nilai) / len(nilai), 2) if nilai else None
