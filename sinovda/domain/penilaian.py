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
    # categorised before rounding to the shown decimals: 69/99 = 0.697 is "sedang" (shown
    # 0.70); only float noise is removed (42/60 is exactly 0.7, "tinggi")
    g = round((q - p) / (maks - p), 9)
    return HasilNGain(round(g, aturan.desimal), aturan.skala.cari(g).label)


# --- rubric ------------------------------------------------------------------------------

OTOMATIS = {
    "kelengkapan_rencana_aksi": "kelengkapan kolom rencana aksi",
    "smart": "bagian cek SMART indikator yang lolos",
    "keterkaitan": "tautan masalah - inovasi - indikator yang tersambung",
}

RUMUS = ("Nilai rubrik = jumlah (bobot x (skor - skor terendah) / (skor tertinggi - skor "
         "terendah)) / jumlah bobot x 100")


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

    def pita(self, skor: float) -> PitaUmpanBalik | None:
        """The highest band whose ``minimal`` the score reaches (None below every band)."""
        cocok = [p for p in self.umpan_balik if skor >= p.minimal]
        return max(cocok, key=lambda p: p.minimal) if cocok else None

    def umpan(self, skor: float) -> str:
        """The feedback of the highest band whose ``minimal`` the score reaches."""
        p = self.pita(skor)
        return p.teks if p else ""

    @property
    def rentang(self) -> str:
        """The score range in words, e.g. "1 sampai 4"."""
        return f"{format_angka(self.skor_min)} sampai {format_angka(self.skor_maks)}"


@dataclass(frozen=True)
class Rubrik:
    nama: str
    catatan: str
    kriteria: tuple[KriteriaRubrik, ...]

    def rumus(self) -> str:
        """How the total is computed, with this rubric's weights, in words."""
        bobot = ", ".join(f"{k.nama} {format_angka(k.bobot)}" for k in self.kriteria)
        return f"{RUMUS}. Bobot: {bobot}."


@dataclass(frozen=True)
class Otomatis:
    """What the program measured for one automatic criterion.

    ``nilai``: share 0..1 mapped onto the score range; None = cannot be judged yet (the material
    is not there: no score is given, the trainer decides). ``dasar``: the measurement or the
    reason, in words, e.g. "7 dari 8 sel terisi (88%) pada 1 baris rencana aksi".
    """

    nilai: float | None
    dasar: str


def _modul(jawaban: Mapping[str, Any], modul: str) -> Mapping[str, Any]:
    m = jawaban.get(modul) if jawaban else None
    return m if isinstance(m, Mapping) else {}


def _baris(rows: Any) -> tuple[list[dr.BarisRencanaAksi], str]:
    try:
        return dr.daftar_baris(rows if isinstance(rows, list) else []), ""
    except InputTidakValid as e:
        return [], f"rencana aksi tidak dapat dibaca: {e}"


def _ukur_kelengkapan(baris: list[dr.BarisRencanaAksi], galat: str) -> Otomatis:
    if galat:
        return Otomatis(None, galat)
    if not baris:
        return Otomatis(None, "rencana aksi belum diisi (belum ada baris)")
    sel = len(dr.KOLOM) * len(baris)
    terisi = sum(len(dr.KOLOM) - len(b.kolom_kosong()) for b in baris)
    return Otomatis(terisi / sel, f"{terisi} dari {sel} sel terisi "
                                  f"({format_angka(terisi / sel * 100, 0)}%) pada "
                                  f"{len(baris)} baris rencana aksi")


def _ukur_smart(indikator_rows: Any) -> Otomatis:
    try:
        daftar = di.daftar_indikator(indikator_rows if isinstance(indikator_rows, list) else [])
    except InputTidakValid as e:
        return Otomatis(None, f"indikator tidak dapat dibaca: {e}")
    if not daftar:
        return Otomatis(None, "indikator belum diisi (belum ada indikator)")
    cek = [c for ind in daftar for c in di.cek_smart(ind)]
    lolos = sum(c.lolos for c in cek)
    return Otomatis(lolos / len(cek) if cek else 0.0,
                    f"{lolos} dari {len(cek)} cek SMART lolos pada {len(daftar)} indikator")


def _ukur_keterkaitan(jawaban: Mapping[str, Any], baris: list[dr.BarisRencanaAksi],
                      galat: str) -> Otomatis:
    if galat:
        return Otomatis(None, galat)
    if not baris:
        return Otomatis(None, "rencana aksi belum diisi: belum ada baris yang dapat dikaitkan "
                              "ke masalah, inovasi, dan indikator")
    inovasi = _modul(jawaban, "inovasi")
    ino = inovasi.get("inovasi")
    indikator_rows = _modul(jawaban, "indikator").get("indikator")
    indikator_rows = indikator_rows if isinstance(indikator_rows, list) else []
    kurang = []
    if not isinstance(ino, Mapping) or not str(ino.get("nama") or "").strip():
        kurang.append("inovasi belum dirancang")
    if not [r for r in indikator_rows if isinstance(r, Mapping)]:
        kurang.append("belum ada indikator")
    if kurang:  # a whole end of the chain is missing: lowest band, reason in words
        return Otomatis(0.0, f"{' dan '.join(kurang)}, jadi {len(baris)} baris rencana aksi "
                             "belum dapat tersambung")
    tautan = dr.periksa_tautan([b.to_dict() for b in baris], _modul(jawaban, "masalah"),
                               ino, indikator_rows)
    sambung = tautan.jumlah_cek - len(tautan.putus)
    return Otomatis(tautan.skor, f"{sambung} dari {tautan.jumlah_cek} tautan tersambung pada "
                                 f"{len(baris)} baris rencana aksi")


def ukur_otomatis(jawaban: Mapping[str, Any] | None) -> dict[str, Otomatis]:
    """The measures a program can judge from ``{modul: {field: value}}`` answers.

    Rules (each a worked example in tests/test_domain_penilaian.py):
    - no plan rows: completeness and links cannot be judged yet (``nilai`` None, "belum diisi");
    - no indicators: SMART cannot be judged yet;
    - plan rows but no innovation or no indicators: links get the lowest band, reason in words;
    - otherwise the share of filled cells / passed SMART checks / links that hold.
    """
    jawaban = jawaban or {}
    baris, galat = _baris(_modul(jawaban, "inovasi").get("rencana_aksi"))
    return {
        "kelengkapan_rencana_aksi": _ukur_kelengkapan(baris, galat),
        "smart": _ukur_smart(_modul(jawaban, "indikator").get("indikator")),
        "keterkaitan": _ukur_keterkaitan(jawaban, baris, galat),
    }


@dataclass(frozen=True)
class NilaiKriteria:
    kriteria: KriteriaRubrik
    skor: float | None
    sumber: str  # "pelatih", "otomatis" or "belum dinilai"
    umpan_balik: str  # band text, only when it agrees with what the program measured
    komentar: str  # the trainer's comment
    dasar: str  # what the program measured (also kept when the trainer overrides)
    skor_otomatis: float | None = None  # the automatic score (None: none or not judged)

    @property
    def penjelasan(self) -> str:
        """The text a participant reads: the trainer's comment first, then the band text (when
        it agrees with the measurement), then "program mengukur: ..."."""
        bagian = [self.komentar, self.umpan_balik]
        if self.dasar:
            bagian.append(f"Program mengukur: {self.dasar}.")
        return " ".join(_kalimat(b) for b in bagian if b)


def _kalimat(teks: str) -> str:
    teks = teks.strip()
    return teks if teks[-1:] in ".!?" else teks + "."


@dataclass(frozen=True)
class HasilRubrik:
    kriteria: tuple[NilaiKriteria, ...]
    total: float | None  # 0-100 when every criterion has a score, else None
    belum_dinilai: tuple[str, ...]  # names of criteria without a score


def periksa_skor(k: KriteriaRubrik, mentah: Any) -> float | None:
    """A trainer's typed score as a number in the criterion's range (None when empty).

    Indonesian decimals are accepted ("2,5"). Anything else raises InputTidakValid naming the
    criterion and its range, e.g. "Skor 'Kebaruan ...' harus angka 1 sampai 4; '7' ditolak."
    """
    if mentah is None or (isinstance(mentah, str) and not mentah.strip()):
        return None
    x = ke_angka(mentah) if not isinstance(mentah, bool) else None
    if x is None or not k.skor_min <= x <= k.skor_maks:
        raise InputTidakValid(
            f"Skor '{k.nama}' harus angka {k.rentang}; '{mentah}' ditolak."
        )
    return x


def _skor_pelatih(k: KriteriaRubrik, isian: Any) -> tuple[float | None, str]:
    if isinstance(isian, Mapping):
        mentah, komentar = isian.get("skor"), str(isian.get("komentar") or "").strip()
    else:
        mentah, komentar = isian, ""
    return periksa_skor(k, mentah), komentar


def skor_dari_bagian(k: KriteriaRubrik, nilai: float) -> float:
    """A share 0..1 mapped onto the criterion's score range (2 decimals)."""
    return round(k.skor_min + nilai * (k.skor_maks - k.skor_min), 2)


def nilai_rubrik(rubrik: Rubrik, jawaban: Mapping[str, Any] | None,
                 skor_pelatih: Mapping[str, Any] | None = None) -> HasilRubrik:
    """Score the rubric for one participant.

    ``skor_pelatih``: ``{kode: {"skor", "komentar"}}`` (default: ``penilaian.rubrik`` in the
    answers). Automatic criteria are pre-filled; the trainer's score overrides them. A criterion
    the program cannot judge yet and the trainer has not scored stays "belum dinilai" and the
    total is None. Band feedback of an automatic criterion is shown only when the score's band
    is the band of what the program measured (never canned text contradicting the plan).
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
        auto = (skor_dari_bagian(k, otomatis.nilai)
                if otomatis is not None and otomatis.nilai is not None else None)
        if skor is not None:
            sumber = "pelatih"
        elif auto is not None:
            skor, sumber = auto, "otomatis"
        else:
            sumber = "belum dinilai"
            belum.append(k.nama)
        umpan = ""
        if skor is not None and (otomatis is None or (auto is not None
                                                      and k.pita(skor) == k.pita(auto))):
            umpan = k.umpan(skor)
        hasil.append(NilaiKriteria(k, skor, sumber, umpan, komentar, dasar, auto))
    total = None
    if not belum:
        bobot = sum(k.bobot for k in rubrik.kriteria)
        total = round(sum(n.kriteria.bobot * (n.skor - n.kriteria.skor_min)
                          / (n.kriteria.skor_maks - n.kriteria.skor_min)
                          for n in hasil if n.skor is not None) / bobot * 100, 2)
    return HasilRubrik(tuple(hasil), total, tuple(belum))
