"""Assessment: quiz scoring, per-participant question order, N-gain, and the weighted rubric.

Rubric total = sum(bobot x (skor - skor_min) / (skor_maks - skor_min)) / sum(bobot) x 100.
Criteria marked ``otomatis`` are pre-filled from the participant's answers (a share 0..1 mapped
onto the score range); a trainer's score in ``penilaian.rubrik`` always wins.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain import indikator as di
from sinovda.domain import rencana_aksi as dr
from sinovda.domain.angka import format_angka, ke_angka
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.pengaturan import AturanNGain

# --- quiz --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilKuis:
    benar: int
    total: int
    nilai: float  # 0-100, 2 decimals
    salah: tuple[str, ...]  # question ids answered wrongly
    kosong: tuple[str, ...]  # question ids not answered


def skor_kuis(jawaban: Mapping[str, Any] | None, kunci: Mapping[str, str]) -> HasilKuis:
    """Score answers ``{soal_id: "a".."d"}`` against ``kunci`` (case and spaces ignored).

    Answers to ids not in ``kunci`` are ignored. An empty key raises InputTidakValid.
    """
    if not kunci:
        raise InputTidakValid("kunci jawaban kosong: bank soal belum berisi soal")
    jawaban = jawaban or {}
    benar, salah, kosong = 0, [], []
    for sid, k in kunci.items():
        j = str(jawaban.get(sid) or "").strip().lower()
        if not j:
            kosong.append(sid)
        elif j == str(k).strip().lower():
            benar += 1
        else:
            salah.append(sid)
    return HasilKuis(benar, len(kunci), round(benar / len(kunci) * 100, 2),
                     tuple(salah), tuple(kosong))


def _kunci_acak(*bagian: str) -> str:
    return hashlib.sha256("\x1f".join(bagian).encode("utf-8")).hexdigest()


def urutan_soal(ids: Sequence[str], nip: str, tes: str) -> list[str]:
    """The question ids in this participant's order for this test (e.g. "pretest").

    Seeded by NIP + test name with SHA-256, so it is the same on every computer and Python run,
    and differs between participants and between pre-test and post-test.
    """
    return sorted(ids, key=lambda i: (_kunci_acak(str(nip).strip(), tes, str(i)), str(i)))


def urutan_pilihan(huruf: Sequence[str], nip: str, tes: str, soal_id: str) -> list[str]:
    """The option letters of one question in this participant's order (same seeding)."""
    return sorted(huruf, key=lambda h: _kunci_acak(str(nip).strip(), tes, soal_id, str(h)))


# --- N-gain ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilNGain:
    g: float | None  # None when it cannot be computed (pre-test already at the maximum)
    kategori: str


def ngain(pre: Any, post: Any, pengaturan: AturanNGain | Any, maks: float = 100) -> HasilNGain:
    """Hake's normalised gain g = (post - pre) / (maks - pre) with the settings' categories.

    pre == maks: g is None and the category is the settings' ``label_pre_maksimal`` (e.g.
    "tidak dapat dihitung (pre-test sudah maksimal)"). A drop (post < pre) gives a negative g,
    categorised like any g below the lowest threshold. Scores outside 0..maks are refused.
    """
    aturan: AturanNGain = getattr(pengaturan, "ngain", pengaturan)
    nilai = {}
    for nama, x in (("pre-test", pre), ("post-test", post)):
        n = ke_angka(x)
        if n is None or not 0 <= n <= maks:
            raise InputTidakValid(f"nilai {nama} '{x}' harus angka 0-{format_angka(maks)}")
        nilai[nama] = n
    p, q = nilai["pre-test"], nilai["post-test"]
    if p == maks:
        return HasilNGain(None, aturan.label_pre_maksimal)
    g = round((q - p) / (maks - p), aturan.desimal)
    return HasilNGain(g, aturan.skala.cari(g).label)


# --- rubric ------------------------------------------------------------------------------

OTOMATIS = {
    "kelengkapan_rencana_aksi": "kelengkapan kolom rencana aksi",
    "smart": "bagian cek SMART indikator yang lolos",
    "keterkaitan": "tautan masalah - inovasi - indikator yang tersambung",
}


@dataclass(frozen=True)
class PitaUmpanBalik:
    minimal: float  # the band applies from this score upward
    teks: str


@dataclass(frozen=True)
class KriteriaRubrik:
    kode: str
    nama: str
    bobot: float
    skor_min: float
    skor_maks: float
    deskripsi: str = ""
    otomatis: str | None = None  # one of OTOMATIS, or None (trainer scores it)
    umpan_balik: tuple[PitaUmpanBalik, ...] = ()

    def umpan(self, skor: float) -> str:
        """The feedback of the highest band whose ``minimal`` the score reaches."""
        cocok = [p for p in self.umpan_balik if skor >= p.minimal]
        return max(cocok, key=lambda p: p.minimal).teks if cocok else ""


@dataclass(frozen=True)
class Rubrik:
    nama: str
    catatan: str
    kriteria: tuple[KriteriaRubrik, ...]


@dataclass(frozen=True)
class Otomatis:
    nilai: float  # 0..1
    dasar: str  # what it was computed from, in words


def _modul(jawaban: Mapping[str, Any], modul: str) -> Mapping[str, Any]:
    m = jawaban.get(modul) if jawaban else None
    return m if isinstance(m, Mapping) else {}


def ukur_otomatis(jawaban: Mapping[str, Any] | None) -> dict[str, Otomatis]:
    """The measures a program can judge from ``{modul: {field: value}}`` answers."""
    jawaban = jawaban or {}
    inovasi = _modul(jawaban, "inovasi")
    rows = inovasi.get("rencana_aksi") or []
    indikator_rows = _modul(jawaban, "indikator").get("indikator") or []
    lengkap = dr.kelengkapan(rows)
    jumlah_baris = len(dr.daftar_baris(rows))
    try:
        daftar = di.daftar_indikator(indikator_rows)
    except InputTidakValid:
        daftar = []
    cek = [c for ind in daftar for c in di.cek_smart(ind)]
    smart = sum(c.lolos for c in cek) / len(cek) if cek else 0.0
    tautan = dr.periksa_tautan(rows, _modul(jawaban, "masalah"), inovasi.get("inovasi"),
                               indikator_rows)
    return {
        "kelengkapan_rencana_aksi": Otomatis(
            lengkap, f"{format_angka(lengkap * 100, 0)}% sel terisi pada {jumlah_baris} baris "
                     "rencana aksi"),
        "smart": Otomatis(
            smart, f"{sum(c.lolos for c in cek)} dari {len(cek)} cek SMART lolos pada "
                   f"{len(daftar)} indikator"),
        "keterkaitan": Otomatis(
            tautan.skor, f"{tautan.jumlah_cek - len(tautan.putus)} dari {tautan.jumlah_cek} "
                         "tautan tersambung"),
    }


@dataclass(frozen=True)
class NilaiKriteria:
    kriteria: KriteriaRubrik
    skor: float | None
    sumber: str  # "pelatih", "otomatis" or "belum dinilai"
    umpan_balik: str
    komentar: str
    dasar: str  # basis of the automatic score (also kept when the trainer overrides)


@dataclass(frozen=True)
class HasilRubrik:
    kriteria: tuple[NilaiKriteria, ...]
    total: float | None  # 0-100 when every criterion has a score, else None
    belum_dinilai: tuple[str, ...]  # names of criteria without a score


def _skor_pelatih(k: KriteriaRubrik, isian: Any) -> tuple[float | None, str]:
    if isinstance(isian, Mapping):
        mentah, komentar = isian.get("skor"), str(isian.get("komentar") or "").strip()
    else:
        mentah, komentar = isian, ""
    if mentah is None or (isinstance(mentah, str) and not mentah.strip()):
        return None, komentar
    x = ke_angka(mentah)
    if x is None or not k.skor_min <= x <= k.skor_maks:
        raise InputTidakValid(
            f"skor kriteria '{k.nama}' '{mentah}' harus angka "
            f"{format_angka(k.skor_min)}-{format_angka(k.skor_maks)}"
        )
    return x, komentar


def nilai_rubrik(rubrik: Rubrik, jawaban: Mapping[str, Any] | None,
                 skor_pelatih: Mapping[str, Any] | None = None) -> HasilRubrik:
    """Score the rubric for one participant.

    ``skor_pelatih``: ``{kode: {"skor", "komentar"}}`` (default: ``penilaian.rubrik`` in the
    answers). Automatic criteria are pre-filled; the trainer's score overrides them.
    """
    jawaban = jawaban or {}
    if skor_pelatih is None:
        skor_pelatih = _modul(jawaban, "penilaian").get("rubrik") or {}
    ukur = ukur_otomatis(jawaban)
    hasil, belum = [], []
    for k in rubrik.kriteria:
        skor, komentar = _skor_pelatih(k, skor_pelatih.get(k.kode))
        otomatis = ukur.get(k.otomatis) if k.otomatis else None
        dasar = otomatis.dasar if otomatis else ""
        if skor is not None:
            sumber = "pelatih"
        elif otomatis is not None:
            skor = round(k.skor_min + otomatis.nilai * (k.skor_maks - k.skor_min), 2)
            sumber = "otomatis"
        else:
            sumber = "belum dinilai"
            belum.append(k.nama)
        umpan = k.umpan(skor) if skor is not None else ""
        hasil.append(NilaiKriteria(k, skor, sumber, umpan, komentar, dasar))
    total = None
    if not belum:
        bobot = sum(k.bobot for k in rubrik.kriteria)
        total = round(sum(n.kriteria.bobot * (n.skor - n.kriteria.skor_min)
                          / (n.kriteria.skor_maks - n.kriteria.skor_min)
                          for n in hasil if n.skor is not None) / bobot * 100, 2)
    return HasilRubrik(tuple(hasil), total, tuple(belum))
