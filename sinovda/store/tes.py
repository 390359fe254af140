"""Submitting and scoring a pre/post-test: ONE server-side operation, the only reader of the key.

``kirim_tes(store, nip, tes, jawaban)`` checks the answers, marks ``<tes>_selesai`` (claimed
first, compare-and-set, so a test is submitted once), saves the final answers and the score
``<tes>_skor`` = ``{"benar", "total", "nilai"}``, all with ``peran="sistem"``, and returns what
the participant may see (``HasilTes``). ``hasil_tes`` says it again later. ``koreksi_kelas``
gives the facilitator's item statistics their right/wrong matrix.

The key (``modul/kunci_tes.yaml``) is read here only. Per-question correctness, the key and the
explanations are returned only once the post-test is submitted (``HasilTes.terbuka``); before
that a participant sees the score of a submitted test and nothing per question, in every mode.

Each function takes any store: a local ``Store`` (self-study, CLI, the hub's store service) runs
the operation here; a ``RemoteStore`` (inside a hub user's server) has methods of the same name
that call the store service, which runs this very function with the class ``Store``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sinovda.data import content
from sinovda.domain import akses
from sinovda.domain import penilaian as dp
from sinovda.domain.errors import AksesDitolak, BerubahDiTempatLain, InputTidakValid

PRETEST = "pretest"
POSTTEST = "posttest"
SISTEM = akses.SISTEM
PESAN_SUDAH = "tes ini sudah dikirim; jawabannya terkunci dan tidak dapat dikirim ulang"


def tes_dari_nama(tes: str) -> akses.Tes:
    """The test named ``tes`` ("pretest" or "posttest"); InputTidakValid otherwise."""
    for t in akses.TES:
        if t.field == tes:
            return t
    kenal = ", ".join(t.field for t in akses.TES)
    raise InputTidakValid(f"tes '{tes}' tidak dikenal (yang dikenal: {kenal})")


def field_skor(t: akses.Tes) -> str:
    """The field holding a submitted test's score, e.g. ``pretest_skor``."""
    return f"{t.field}_skor"


@dataclass(frozen=True)
class HasilSoal:
    """One question of a submitted test, once the key is open."""

    id: str
    jawaban: str | None
    benar: bool
    kunci: str
    teks_kunci: str
    pembahasan: str


@dataclass(frozen=True)
class HasilTes:
    """What a participant may see of one test now.

    ``selesai``: submitted. ``benar``/``total``/``nilai`` (0-100): the stored score (None until
    submitted). ``terbuka``: the key is open (the post-test is submitted); only then ``soal``
    holds each question's correctness, key and explanation.
    """

    tes: str
    selesai: bool
    total: int
    benar: int | None = None
    nilai: float | None = None
    terbuka: bool = False
    soal: tuple[HasilSoal, ...] = field(default_factory=tuple)

    def per_soal(self) -> dict[str, HasilSoal]:
        """``{soal_id: HasilSoal}`` (empty while the key is closed)."""
        return {s.id: s for s in self.soal}

    def ke_dict(self) -> dict[str, Any]:
        """JSON-ready form (what the store service sends)."""
        return asdict(self)

    @classmethod
    def dari_dict(cls, d: Mapping[str, Any]) -> HasilTes:
        """Back from ``ke_dict`` (what ``RemoteStore`` receives)."""
        try:
            soal = tuple(HasilSoal(**s) for s in d.get("soal") or ())
            return cls(tes=str(d["tes"]), selesai=bool(d["selesai"]), total=int(d["total"]),
                       benar=d.get("benar"), nilai=d.get("nilai"),
                       terbuka=bool(d.get("terbuka")), soal=soal)
        except (KeyError, TypeError, ValueError):
            raise InputTidakValid("jawaban layanan penilaian tes tidak dapat dibaca") from None


def _selesai(store: Any, nip: str, t: akses.Tes) -> bool:
    return store.load(nip, t.modul, t.selesai, default=False) is True


def periksa_jawaban(jawaban: Any, soal: list[Any]) -> dict[str, str]:
    """The answers as ``{soal_id: huruf}``: only test questions, each letter one of that
    question's choices (InputTidakValid naming the question otherwise); blanks dropped."""
    if jawaban is None:
        return {}
    if not isinstance(jawaban, Mapping):
        raise InputTidakValid("jawaban tes harus berupa pasangan id soal dan huruf pilihan")
    per_id = {s.id: s for s in soal}
    hasil: dict[str, str] = {}
    for sid, huruf in jawaban.items():
        s = per_id.get(str(sid))
        if s is None:
            raise InputTidakValid(f"soal '{sid}' bukan soal tes ini")
        h = str(huruf or "").strip().lower()
        if not h:
            continue
        if h not in s.opsi:
            raise InputTidakValid(f"soal '{sid}': jawaban '{huruf}' bukan salah satu pilihan")
        hasil[s.id] = h
    return hasil


def _skor(soal: list[Any], jawaban: Mapping[str, str]) -> dict[str, Any]:
    h = dp.skor_kuis(jawaban, {s.id: s.kunci for s in soal})
    return {"benar": h.benar, "total": h.total, "nilai": h.nilai}


def kirim_tes(store: Any, nip: str, tes: str, jawaban: Any,
              folder: Path | None = None) -> HasilTes:
    """Submit ``tes`` for ``nip`` with ``jawaban`` ``{soal_id: huruf}``: one server operation.

    Refused (``AksesDitolak``, Indonesian message) when the test was already submitted; bad
    answers (``InputTidakValid``) save nothing. ``folder``: the ``modul/`` folder (tests).
    """
    jarak = getattr(store, "kirim_tes", None)
    if jarak is not None:  # RemoteStore: the store service runs this function
        return HasilTes.dari_dict(jarak(nip, tes, dict(jawaban or {})))
    t = tes_dari_nama(tes)
    soal = content.load_soal_tes_berkunci(folder)
    bersih = periksa_jawaban(jawaban, soal)
    if store.get_peserta(nip) is None:
        raise InputTidakValid(f"NIP {nip} tidak ada dalam daftar peserta kelas ini")
    nilai, revisi = store.load_dengan_revisi(nip, t.modul, t.selesai, default=False)
    if nilai is True:
        raise AksesDitolak(PESAN_SUDAH)
    try:  # claim the submission first: of two racing submissions exactly one goes on
        store.save(nip, t.modul, t.selesai, True, peran=SISTEM, oleh=SISTEM,
                   harap_revisi=revisi)
    except BerubahDiTempatLain:
        raise AksesDitolak(PESAN_SUDAH) from None
    store.save(nip, t.modul, t.field, bersih, peran=SISTEM, oleh=SISTEM)
    store.save(nip, t.modul, field_skor(t), _skor(soal, bersih), peran=SISTEM, oleh=SISTEM)
    return hasil_tes(store, nip, tes, folder)


def _skor_tersimpan(store: Any, nip: str, t: akses.Tes, soal: list[Any]) -> dict[str, Any]:
    skor = store.load(nip, t.modul, field_skor(t), default=None)
    if isinstance(skor, Mapping) and {"benar", "total", "nilai"} <= set(skor):
        return dict(skor)
    # submitted before scores were stored (or interrupted): score the stored answers
    jawaban = store.load(nip, t.modul, t.field, default={}) or {}
    return _skor(soal, jawaban if isinstance(jawaban, Mapping) else {})


def hasil_tes(store: Any, nip: str, tes: str, folder: Path | None = None) -> HasilTes:
    """What ``nip`` may see of ``tes`` now (see ``HasilTes``)."""
    jarak = getattr(store, "hasil_tes", None)
    if jarak is not None:
        return HasilTes.dari_dict(jarak(nip, tes))
    t = tes_dari_nama(tes)
    ids = content.soal_tes(folder)
    if not _selesai(store, nip, t):
        return HasilTes(tes=t.field, selesai=False, total=len(ids))
    soal = content.load_soal_tes_berkunci(folder)
    skor = _skor_tersimpan(store, nip, t, soal)
    terbuka = _selesai(store, nip, tes_dari_nama(POSTTEST))
    rinci: tuple[HasilSoal, ...] = ()
    if terbuka:
        jawab = store.load(nip, t.modul, t.field, default={}) or {}
        jawab = jawab if isinstance(jawab, Mapping) else {}
        rinci = tuple(HasilSoal(id=s.id, jawaban=jawab.get(s.id) or None,
                                benar=s.benar(jawab.get(s.id)), kunci=str(s.kunci),
                                teks_kunci=s.opsi[str(s.kunci)], pembahasan=s.pembahasan)
                      for s in soal)
    return HasilTes(tes=t.field, selesai=True, total=int(skor["total"]),
                    benar=int(skor["benar"]), nilai=float(skor["nilai"]), terbuka=terbuka,
                    soal=rinci)


def koreksi_kelas(store: Any, tes: str, folder: Path | None = None
                  ) -> dict[str, dict[str, bool]]:
    """Facilitators: ``{nip: {soal_id: right?}}`` of every participant who submitted ``tes``
    (an unanswered question counts as wrong) - the input of the item statistics."""
    jarak = getattr(store, "koreksi_kelas", None)
    if jarak is not None:
        return {str(n): {str(k): bool(v) for k, v in m.items()}
                for n, m in (jarak(tes) or {}).items()}
    return koreksi_jawaban(store.load_all_peserta(), tes,
                           content.load_soal_tes_berkunci(folder))


def koreksi_jawaban(semua: Mapping[str, Mapping[str, Any]], tes: str, soal: list[Any]
                    ) -> dict[str, dict[str, bool]]:
    """``koreksi_kelas`` of answers already read (``load_all_peserta``) against the keyed
    questions ``soal`` (``content.load_soal_tes_berkunci``): server side only (the key). The
    recap across many classes reads the key once for all of them."""
    t = tes_dari_nama(tes)
    hasil: dict[str, dict[str, bool]] = {}
    for nip, jawaban in semua.items():
        m = jawaban.get(t.modul, {})
        if m.get(t.selesai) is not True:
            continue
        jawab = m.get(t.field) if isinstance(m.get(t.field), Mapping) else {}
        hasil[nip] = {s.id: s.benar(jawab.get(s.id)) for s in soal}
    return hasil


def lengkapi_skor(store: Any, folder: Path | None = None) -> int:
    """Store the score of every submitted test that has none (a class imported from workbooks
    or seeded, or made before scores were stored); local store only. Returns how many."""
    soal = content.load_soal_tes_berkunci(folder)
    n = 0
    for nip, jawaban in store.load_all_peserta().items():
        for t in akses.TES:
            m = jawaban.get(t.modul, {})
            if m.get(t.selesai) is not True or isinstance(m.get(field_skor(t)), Mapping):
                continue
            jawab = m.get(t.field) if isinstance(m.get(t.field), Mapping) else {}
            store.save(nip, t.modul, field_skor(t), _skor(soal, jawab), peran=SISTEM,
                       oleh=SISTEM)
            n += 1
    return n
