"""A participant's results as released to them ("Hasil saya"): tests, rubric, certificate rule.

``ringkasan_hasil(jawaban, ...)`` returns plain JSON-ready data, computed where the answers are
(the store service under the hub, the class store on one machine) so the same numbers reach the
page whichever way it is served:

- ``tes``: pre-test and post-test scores (0-100; None when not submitted), N-gain and category;
- ``rubrik``: the rubric rows, total and formula as ``sinovda.view.rubrik`` shows them, and the
  trainer's overall note;
- ``sertifikat``: whether the completion certificate's rule (``sertifikat:`` in
  ``modul/pengaturan.yaml``) is met and, if not, what is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from sinovda.domain import penilaian as dp
from sinovda.domain import progres
from sinovda.domain import sertifikat as ds
from sinovda.domain.angka import format_angka, ke_angka
from sinovda.domain.errors import InputTidakValid
from sinovda.view import rubrik as vr

TES = (("pengantar", "pretest"), ("penutup", "posttest"))


def _modul(jawaban: Mapping[str, Any], modul: str) -> Mapping[str, Any]:
    m = jawaban.get(modul)
    return m if isinstance(m, Mapping) else {}


def skor_tes(jawaban: Mapping[str, Any], modul: str, tes: str) -> float | None:
    """The server-computed score of a submitted test (``<tes>_skor``, 0-100), else None."""
    isi = _modul(jawaban, modul)
    if not isi.get(f"{tes}_selesai"):
        return None
    skor = isi.get(f"{tes}_skor")
    if isinstance(skor, Mapping):
        skor = skor.get("nilai", skor.get("skor"))
    x = ke_angka(skor) if skor is not None else None
    return None if x is None else float(x)


def hasil_tes(jawaban: Mapping[str, Any], pengaturan: Any) -> dict[str, Any]:
    """Pre/post scores, N-gain (categorised by the settings) and the words shown."""
    pre = skor_tes(jawaban, *TES[0])
    post = skor_tes(jawaban, *TES[1])
    g = kategori = None
    if pre is not None and post is not None:
        try:
            h = dp.ngain(pre, post, pengaturan)
            g, kategori = h.g, h.kategori
        except InputTidakValid:
            kategori = "tidak dapat dihitung"
    return {
        "pre": pre, "post": post, "n_gain": g, "kategori": kategori,
        "pre_teks": "belum dikirim" if pre is None else format_angka(pre),
        "post_teks": "belum dikirim" if post is None else format_angka(post),
        "n_gain_teks": ("-" if kategori is None else
                        kategori if g is None else f"{format_angka(g)} ({kategori})"),
    }


def kelayakan_sertifikat(jawaban: Mapping[str, Any], kursus: Any, aturan: ds.AturanSertifikat,
                         total_rubrik: float | None) -> ds.Kelayakan:
    """The certificate rule applied to one participant's answers."""
    status = progres.status_modul(kursus, jawaban)
    judul = {s.id: s.judul for s in progres.rincian(kursus, jawaban)}
    terkirim = bool(_modul(jawaban, TES[1][0]).get(f"{TES[1][1]}_selesai"))
    return ds.kelayakan(aturan, status, judul, terkirim, total_rubrik)


def ringkasan_hasil(jawaban: Mapping[str, Any] | None, *, pengaturan: Any = None,
                    rubrik: dp.Rubrik | None = None, kursus: Any = None,
                    aturan: ds.AturanSertifikat | None = None) -> dict[str, Any]:
    """Everything "Hasil saya" shows, as JSON-ready data (settings loaded when not given)."""
    from sinovda.data import content, settings

    jawaban = jawaban or {}
    pengaturan = pengaturan if pengaturan is not None else settings.load_pengaturan()
    kursus = kursus if kursus is not None else content.load_kursus()
    aturan = aturan if aturan is not None else settings.load_sertifikat()[0]
    try:
        tampil = vr.tampilan_rubrik(jawaban, rubrik)
        rub: dict[str, Any] = {
            "nama": tampil.nama, "total": tampil.total, "total_teks": tampil.total_teks,
            "rumus": tampil.rumus, "catatan": tampil.catatan,
            "baris": [{k: v for k, v in asdict(b).items()
                       if k in ("kode", "nama", "skor_teks", "dinilai_oleh", "penjelasan",
                                "komentar")} for b in tampil.baris],
        }
        total = tampil.total
    except InputTidakValid as e:  # a stored score out of range: say so, do not crash the page
        rub = {"nama": "", "total": None, "total_teks": f"tidak dapat dihitung: {e}",
               "rumus": "", "catatan": vr.catatan_pelatih(jawaban), "baris": []}
        total = None
    layak = kelayakan_sertifikat(jawaban, kursus, aturan, total)
    return {
        "tes": hasil_tes(jawaban, pengaturan),
        "rubrik": rub,
        "sertifikat": {"layak": layak.layak, "kurang": list(layak.kurang)},
    }
