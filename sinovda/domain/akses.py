"""The access policy of the class store (pure rules, no I/O): who may write which answer.

The store (``sinovda.store.Store.save``/``restore``) and the store service apply these rules on
the server side, so a participant's browser or kernel cannot bypass them.

Roles (``peran``) of a write:

- ``peserta``: the participant, only their own answers (ownership is checked by the service);
- ``fasilitator``: a trainer; may also write the trainer-only modules (``MODUL_PELATIH``);
- ``sistem``: the server's own code paths (test submission and scoring, ``sinovda/store/tes.py``).

Rules:

1. Trainer-only modules (``penilaian``, the class-level ``hasil`` release module) are written only
   by ``fasilitator`` or ``sistem``.
2. A test's answers (``pengantar.pretest``, ``penutup.posttest``) are refused for everyone but
   ``sistem`` once the test is submitted (its ``<tes>_selesai`` is true).
3. A module the trainer locked for the class (Admin Kelas, ``sinovda.store.admin``) is not
   written by participants.
4. Fields derived from a test (``<tes>_selesai``, ``<tes>_skor`` and any ``<tes>_...`` of the
   test's module) are written only by ``sistem`` (the scoring path).

Who saved a revision (``oleh``): ``peserta``, ``fasilitator:<nama>``, ``sistem``, ``impor``, or
``pulihkan:<who>`` (a restore by one of those); ``label_oleh`` says it in Indonesian.
"""

from __future__ import annotations

from dataclasses import dataclass

from sinovda.domain.errors import AksesDitolak, BatasTerlampaui

PESERTA = "peserta"
FASILITATOR = "fasilitator"
SISTEM = "sistem"
PERAN = frozenset({PESERTA, FASILITATOR, SISTEM})

OLEH_IMPOR = "impor"
OLEH_PULIHKAN = "pulihkan"

MODUL_PELATIH = frozenset({"penilaian", "hasil"})
# Trainer-only modules a participant may not even read before the trainer releases their
# results (the store service hides them; self-study has no trainer and no such module).
MODUL_TUNGGU_RILIS = frozenset({"penilaian"})
"""Modules only a trainer (or the system) writes: rubric scores, comments, result release."""


@dataclass(frozen=True)
class Tes:
    """A submitted-once test: its answers live in ``modul.field``; ``selesai`` marks submission."""

    modul: str
    field: str

    @property
    def selesai(self) -> str:
        """The field that is true once the test is submitted, e.g. ``pretest_selesai``."""
        return f"{self.field}_selesai"

    def turunan(self, modul: str, field: str) -> bool:
        """Whether ``modul.field`` is derived from this test (``<tes>_selesai``, ``<tes>_skor``)."""
        return modul == self.modul and field.startswith(self.field + "_")


TES = (Tes("pengantar", "pretest"), Tes("penutup", "posttest"))


@dataclass(frozen=True)
class Batas:
    """Size limits of the store (``batas:`` in ``modul/pengaturan.yaml``)."""

    nilai_maks_kb: int = 256
    total_peserta_maks_kb: int = 4096
    riwayat_maks: int = 200
    riwayat_peserta_maks_kb: int = 16384

    @property
    def nilai_maks(self) -> int:
        """One value's cap in bytes (of its JSON text, UTF-8)."""
        return self.nilai_maks_kb * 1024

    @property
    def total_peserta_maks(self) -> int:
        """A participant's cap in bytes over their current answers."""
        return self.total_peserta_maks_kb * 1024

    @property
    def riwayat_peserta_maks(self) -> int:
        """A participant's cap in bytes over all kept revisions (oldest pruned beyond it)."""
        return self.riwayat_peserta_maks_kb * 1024


def kb(n: int) -> str:
    """A byte count in KB for messages (e.g. '1024 KB')."""
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n / 1024:.1f} KB"


def periksa_ukuran(batas: Batas, modul: str, field: str, ukuran: int) -> int:
    """``ukuran`` (bytes of the value's JSON text); BatasTerlampaui above the per-value cap."""
    if ukuran > batas.nilai_maks:
        raise BatasTerlampaui(
            f"jawaban '{modul}.{field}' terlalu besar: {kb(ukuran)}, batas "
            f"{batas.nilai_maks_kb} KB per jawaban; persingkat isinya"
        )
    return ukuran


def tes_jawaban(modul: str, field: str) -> Tes | None:
    """The test whose answers are ``modul.field``, or None."""
    return next((t for t in TES if (t.modul, t.field) == (modul, field)), None)


def khusus_sistem(modul: str, field: str) -> bool:
    """Whether ``modul.field`` is written only by the scoring path (``*_selesai``, test scores)."""
    return field.endswith("_selesai") or any(t.turunan(modul, field) for t in TES)


def periksa_peran(peran: str) -> str:
    """``peran`` when it is a known role; AksesDitolak otherwise."""
    if peran not in PERAN:
        raise AksesDitolak(f"peran '{peran}' tidak dikenal (harus salah satu dari: "
                           f"{', '.join(sorted(PERAN))})")
    return peran


def periksa_tulis(peran: str, modul: str, field: str, *, tes_terkirim: bool = False,
                  modul_terkunci: bool = False) -> None:
    """Raise AksesDitolak unless ``peran`` may write ``modul.field`` now.

    ``tes_terkirim``: whether the test whose answers are ``modul.field`` was already submitted
    (the store reads it inside the write transaction; ignored for other fields).
    ``modul_terkunci``: whether the trainer locked ``modul`` for the class (Admin Kelas):
    participants may not save there; trainers and the system still may.
    """
    periksa_peran(peran)
    if peran == SISTEM:
        return
    if modul_terkunci and peran == PESERTA:
        raise AksesDitolak(f"modul '{modul}' sedang dikunci fasilitator; jawaban tidak dapat "
                           "diubah sampai modul dibuka kembali")
    if modul in MODUL_PELATIH and peran != FASILITATOR:
        raise AksesDitolak(
            f"'{modul}.{field}' hanya boleh diisi oleh fasilitator/pelatih, bukan peserta"
        )
    if khusus_sistem(modul, field):
        raise AksesDitolak(
            f"'{modul}.{field}' diisi oleh sistem saat tes dikirim dan dinilai; "
            "tidak dapat diubah langsung"
        )
    if tes_terkirim and tes_jawaban(modul, field) is not None:
        raise AksesDitolak(
            f"tes '{modul}.{field}' sudah dikirim; jawabannya terkunci dan tidak dapat diubah lagi"
        )


def boleh_diimpor(modul: str, field: str) -> bool:
    """Whether a participant's workbook may bring ``modul.field`` in (participant-writable only:
    not trainer-only modules, not fields the scoring path writes)."""
    return modul not in MODUL_PELATIH and not khusus_sistem(modul, field)


def periksa_pemilik(peran: str | None, pengguna: str, nip: str | None) -> None:
    """Raise AksesDitolak unless account ``pengguna`` with hub role ``peran`` may open ``nip``'s
    data (``nip`` None: the whole class). Participants open only their own NIP."""
    if peran == FASILITATOR:
        return
    if peran != PESERTA:
        raise AksesDitolak(f"akun '{pengguna}' tidak terdaftar di kelas ini")
    if nip is None:
        raise AksesDitolak("hanya fasilitator yang boleh membaca data seluruh kelas")
    if nip != pengguna:
        raise AksesDitolak(f"akun '{pengguna}' tidak boleh membuka data peserta lain ({nip})")


def oleh_bawaan(peran: str) -> str:
    """Who saved, when the caller did not say: the role itself."""
    return periksa_peran(peran)


def oleh_pulihkan(oleh: str) -> str:
    """``oleh`` of a restore done by ``oleh`` (``pulihkan:<oleh>``)."""
    return f"{OLEH_PULIHKAN}:{oleh}"


def label_oleh(oleh: str) -> str:
    """``oleh`` in Indonesian for history lists, e.g. 'fasilitator Budi'."""
    if oleh.startswith(OLEH_PULIHKAN + ":"):
        return "dipulihkan oleh " + label_oleh(oleh[len(OLEH_PULIHKAN) + 1:])
    if oleh == OLEH_PULIHKAN:
        return "dipulihkan"
    if oleh.startswith(FASILITATOR + ":"):
        return f"fasilitator {oleh[len(FASILITATOR) + 1:]}"
    return {OLEH_IMPOR: "impor buku kerja", SISTEM: "sistem (penilaian otomatis)",
            "": "tidak diketahui"}.get(oleh, oleh)
