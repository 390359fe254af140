"""A class as the facilitator sees it: the figures over all participants that the dashboard
(``sinovda.forms.dasbor``) and the recap (``sinovda.report.rekap``) both show.

Each participant is reduced to a ``PesertaKelas`` (module statuses, progress, the category of
each fishbone cause, the innovation's labels, the core issue), read through the topic views
(``view.progres``, ``view.masalah``, ``view.inovasi``); ``agregat`` then counts the class from
those, one function for both pages, so they show the same numbers for the same class:

- participants, per module how many are done / in progress / not started, the average progress
  and how many finished every module;
- fishbone causes per category (every cause counted once);
- innovations per bentuk, jenis and urusan: an innovation counts once it has a name (as module
  02, the report and the recap say "Inovasi belum diisi" otherwise); an attribute not chosen
  counts as ``BELUM_DIPILIH``;
- participants with a core issue (chosen, else the top of the APKL-passing USG ranking).

``lihat_kelas(peserta, semua)`` gives the dashboard's whole picture: the above plus each
participant's progress, the core issues with their USG scores and the class's SMART checks;
one participant's unreadable data is named in ``galat`` and never hides the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sinovda.view.jawaban import Jawaban, pengaturan_atau_muat
from sinovda.view.masalah import ViewMasalah

BELUM_DIPILIH = "(belum dipilih)"
ATRIBUT_INOVASI = ("bentuk", "jenis", "urusan")
STATUS = ("selesai", "sedang", "belum")


# ----- one participant ------------------------------------------------------------------------
@dataclass(frozen=True)
class IsuInti:
    """A participant's core issue with its USG scores (None when the text names no issue with
    a USG score, e.g. typed by hand)."""

    judul: str
    dipilih: bool  # chosen by the participant (else the top of the ranking)
    u: int | None = None
    s: int | None = None
    g: int | None = None

    @property
    def total(self) -> int | None:
        if self.u is None or self.s is None or self.g is None:
            return None
        return self.u + self.s + self.g


def isu_inti(v: ViewMasalah) -> IsuInti | None:
    """The core issue module 01 shows (``ViewMasalah.isu_inti``), with the USG scores of the
    issue of that title; None when there is none."""
    if not v.isu_inti:
        return None
    isu = next((i for i in v.isu if i.judul == v.isu_inti), None)
    if isu is None:
        return IsuInti(v.isu_inti, v.isu_inti_dipilih)
    return IsuInti(v.isu_inti, v.isu_inti_dipilih, isu.u, isu.s, isu.g)


def kategori_sebab(v: ViewMasalah) -> tuple[str, ...]:
    """The settings category of each fishbone cause, one entry per cause, in category order."""
    return tuple(k for k, sebab in v.sebab_terisi.items() for _ in sebab)


def label_inovasi(nama: str, label: Mapping[str, str] | None) -> dict[str, str] | None:
    """The innovation's bentuk/jenis/urusan labels as counted for the class (``BELUM_DIPILIH``
    when not chosen); None when the innovation has no name yet (not counted)."""
    if not nama:
        return None
    label = label or {}
    return {k: label.get(k) or BELUM_DIPILIH for k in ATRIBUT_INOVASI}


@dataclass(frozen=True)
class PesertaKelas:
    """What one participant adds to the class figures."""

    status: Mapping[str, str] = field(default_factory=dict)  # module -> selesai/sedang/belum
    persen: float | None = None  # None: progress could not be read
    sebab: tuple[str, ...] = ()  # category per fishbone cause (``kategori_sebab``)
    inovasi: Mapping[str, str] | None = None  # ``label_inovasi``
    isu_inti: str = ""


# ----- the class ------------------------------------------------------------------------------
@dataclass(frozen=True)
class HitungModul:
    """How many participants are done, in progress, not started in one module."""

    modul: str  # the key the caller uses (module id on the dashboard, title in the recap)
    selesai: int
    sedang: int
    belum: int

    def hitungan(self) -> Counter[str]:
        return Counter({"selesai": self.selesai, "sedang": self.sedang, "belum": self.belum})


@dataclass(frozen=True)
class AgregatKelas:
    """The class figures the dashboard and the recap share."""

    jumlah_peserta: int
    modul: tuple[HitungModul, ...]
    rata_persen: float | None  # average progress (two decimals) of participants with one
    selesai_semua: int  # participants at 100%
    sebab: Counter[str]  # fishbone causes per category
    inovasi: dict[str, Counter[str]]  # bentuk/jenis/urusan -> innovations per label
    isu_inti: int  # participants with a core issue

    def hitung_modul(self, modul: str) -> HitungModul | None:
        return next((m for m in self.modul if m.modul == modul), None)


def urut_hitungan(hitungan: Mapping[Any, int]) -> list[tuple[str, int]]:
    """Counted categories in the one order every page lists them: largest first, ties by label
    (the dashboard's tables and the recap's charts list equal counts the same way)."""
    return sorted(((str(k), int(v)) for k, v in hitungan.items()), key=lambda x: (-x[1], x[0]))


def rata(nilai: Sequence[float]) -> float | None:
    """The average with two decimals (None for no values)."""
    return round(sum(nilai) / len(nilai), 2) if nilai else None


def agregat(peserta: Iterable[PesertaKelas], modul: Sequence[str] | None = None) -> AgregatKelas:
    """Count the class. ``modul``: the modules in order (default: every key of the statuses, in
    order of first appearance); a module missing from a participant's statuses counts as
    "belum"."""
    daftar = list(peserta)
    kunci = list(modul) if modul is not None else list(
        dict.fromkeys(m for p in daftar for m in p.status))
    hitung_modul = []
    for m in kunci:
        c = Counter(p.status.get(m, "belum") for p in daftar)
        hitung_modul.append(HitungModul(m, c["selesai"], c["sedang"], c["belum"]))
    persen = [p.persen for p in daftar if p.persen is not None]
    inovasi: dict[str, Counter[str]] = {k: Counter() for k in ATRIBUT_INOVASI}
    for p in daftar:
        if p.inovasi is None:
            continue
        for k, c in inovasi.items():
            c[p.inovasi.get(k) or BELUM_DIPILIH] += 1
    return AgregatKelas(
        jumlah_peserta=len(daftar), modul=tuple(hitung_modul), rata_persen=rata(persen),
        selesai_semua=sum(x >= 100 for x in persen),
        sebab=Counter(k for p in daftar for k in p.sebab), inovasi=inovasi,
        isu_inti=sum(bool(p.isu_inti) for p in daftar))


# ----- the dashboard's whole picture ----------------------------------------------------------
@dataclass(frozen=True)
class BarisIsuInti:
    """A participant's core issue with its USG scores, for the class table."""

    nip: str
    nama: str
    judul: str
    u: int | None
    s: int | None
    g: int | None
    total: int | None
    dipilih: bool = False


@dataclass(frozen=True)
class CekKelas:
    """Share of the class's indicators passing one SMART check."""

    kode: str
    aspek: str
    lolos: int
    jumlah: int

    @property
    def persen(self) -> float:
        return 100 * self.lolos / self.jumlah if self.jumlah else 0.0


@dataclass
class ViewKelas:
    """Everything the dashboard shows about the participants' answers."""

    progres: dict[str, Any] = field(default_factory=dict)  # nip -> view.progres.ViewProgres
    masalah: list[BarisIsuInti] = field(default_factory=list)  # highest USG total first
    smart: list[CekKelas] = field(default_factory=list)
    jumlah_indikator: int = 0
    agregat: AgregatKelas = field(default_factory=lambda: agregat([]))
    galat: list[str] = field(default_factory=list)  # "<nama> (<nip>), <bagian>: <reason>"


def _urut_isu(b: BarisIsuInti) -> tuple[Any, ...]:
    kosong = b.total is None
    return (kosong, -(b.total or 0), -(b.u or 0), -(b.s or 0), -(b.g or 0), b.nama)


def lihat_kelas(peserta: Sequence[Any], semua: Mapping[str, Jawaban], kursus: Any = None,
                pengaturan: Any = None) -> ViewKelas:
    """The class view of the roster ``peserta`` (objects with ``nip``, ``nama``) over their
    stored answers ``semua`` ``{nip: {modul: {field: value}}}``."""
    from sinovda.view.indikator import lihat_indikator
    from sinovda.view.inovasi import lihat_inovasi
    from sinovda.view.masalah import lihat_masalah
    from sinovda.view.progres import kursus_bawaan, lihat_progres

    k = kursus if kursus is not None else kursus_bawaan()
    p_set = pengaturan_atau_muat(pengaturan)
    v = ViewKelas()
    ringkas: list[PesertaKelas] = []
    lolos: Counter[str] = Counter()
    jumlah: Counter[str] = Counter()
    aspek: dict[str, str] = {}
    for p in peserta:
        jawaban = semua.get(p.nip) or {}
        siapa = f"{p.nama} ({p.nip})"
        prog = lihat_progres(jawaban, k)
        v.progres[p.nip] = prog
        sebab: tuple[str, ...] = ()
        inti: IsuInti | None = None
        try:  # module 01: only APKL-passing issues are ranked, as in the form and the report
            vm = lihat_masalah(jawaban, p_set)
        except Exception as e:  # noqa: BLE001 - one participant's bad data must not hide the rest
            v.galat.append(f"{siapa}, isu: {e}")
        else:
            v.galat.extend(f"{siapa}, isu: {g}" for g in vm.galat)
            sebab, inti = kategori_sebab(vm), isu_inti(vm)
        if inti is not None:
            v.masalah.append(BarisIsuInti(p.nip, p.nama, inti.judul, inti.u, inti.s, inti.g,
                                          inti.total, inti.dipilih))
        try:
            vi = lihat_inovasi(jawaban)
            inovasi = label_inovasi(vi.nama, vi.label)
        except Exception as e:  # noqa: BLE001
            v.galat.append(f"{siapa}, inovasi: {e}")
            inovasi = None
        try:  # module 03: the same checks as the form and the report
            daftar = lihat_indikator(jawaban)
        except Exception as e:  # noqa: BLE001
            v.galat.append(f"{siapa}, indikator: {e}")
            daftar = []
        for ind in daftar:
            v.jumlah_indikator += 1
            for c in ind.cek:
                jumlah[c.kode] += 1
                lolos[c.kode] += c.lolos
                aspek[c.kode] = c.aspek
        ringkas.append(PesertaKelas(prog.status, prog.persen, sebab, inovasi,
                                    inti.judul if inti else ""))
    v.masalah.sort(key=_urut_isu)
    v.smart = [CekKelas(kode, aspek[kode], lolos[kode], jumlah[kode]) for kode in jumlah]
    v.agregat = agregat(ringkas, [m.id for m in k.modul])
    return v
