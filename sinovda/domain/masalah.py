"""Problem identification: APKL filter, USG ranking, fishbone grouping, stakeholder quadrants."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sinovda.domain.angka import ke_angka
from sinovda.domain.errors import InputTidakValid
from sinovda.domain.pengaturan import AturanPemangku, LabelKuadran, SkalaSkor

APKL = {
    "aktual": "Aktual",
    "problematik": "Problematik",
    "kekhalayakan": "Kekhalayakan",
    "kelayakan": "Kelayakan",
}
# Indonesian first, the English term of the USG method as a gloss (issue 11 item 5)
USG = {"u": "Kemendesakan (U, Urgency)", "s": "Keseriusan (S, Seriousness)",
       "g": "Perkembangan (G, Growth)"}
SKALA_USG_BAKU = SkalaSkor(1, 5)

ATURAN_SERI = (
    "Isu diurutkan menurut total skor USG (U + S + G) dari yang tertinggi. Bila totalnya sama, "
    "isu dengan nilai kemendesakan (U, Urgency) lebih tinggi didahulukan; bila masih sama, "
    "keseriusan (S, Seriousness); lalu perkembangan (G, Growth); bila semuanya sama, isu yang "
    "lebih dulu Anda tulis didahulukan."
)


@dataclass(frozen=True)
class Isu:
    """One issue with its APKL flags and USG scores (1-5 each)."""

    judul: str
    aktual: bool = False
    problematik: bool = False
    kekhalayakan: bool = False
    kelayakan: bool = False
    u: int = 0
    s: int = 0
    g: int = 0

    @property
    def total(self) -> int:
        return self.u + self.s + self.g

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], nomor: int | None = None) -> Isu:
        """From the stored row ``{"judul", "apkl": {...}, "usg": {"u", "s", "g"}}``.

        USG values must be whole numbers (text such as "4" is accepted); the message names the
        issue and the criterion.
        """
        judul = str(d.get("judul") or "").strip()
        nama = f"'{judul}'" if judul else f"ke-{nomor}" if nomor else "(tanpa judul)"
        apkl = d.get("apkl") or {}
        usg = d.get("usg") or {}
        skor: dict[str, int] = {}
        for k, label in USG.items():
            x = ke_angka(usg.get(k))
            if x is None or not x.is_integer():
                raise InputTidakValid(
                    f"Isu {nama}: nilai {label} '{usg.get(k, '')}' harus bilangan bulat 1-5"
                )
            skor[k] = int(x)
        f_a, f_p, f_k, f_l = (bool(apkl.get(x)) for x in APKL)
        return cls(judul, f_a, f_p, f_k, f_l, skor["u"], skor["s"], skor["g"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "judul": self.judul,
            "apkl": {k: getattr(self, k) for k in APKL},
            "usg": {"u": self.u, "s": self.s, "g": self.g},
        }


def lolos_apkl(isu: Isu) -> bool:
    """True when the issue meets all four APKL criteria."""
    return all(getattr(isu, k) for k in APKL)


def apkl_kurang(isu: Isu) -> list[str]:
    """Labels of the APKL criteria the issue does not meet, e.g. ['Kelayakan']."""
    return [label for k, label in APKL.items() if not getattr(isu, k)]


def saring_apkl(isu_list: Iterable[Isu]) -> tuple[list[Isu], list[Isu]]:
    """Split into (lolos, gugur), keeping the order of entry."""
    lolos: list[Isu] = []
    gugur: list[Isu] = []
    for isu in isu_list:
        (lolos if lolos_apkl(isu) else gugur).append(isu)
    return lolos, gugur


def cek_usg(isu: Isu, skala: SkalaSkor = SKALA_USG_BAKU) -> None:
    """Raise InputTidakValid naming the issue and criterion when a score is outside the scale."""
    for k, label in USG.items():
        nilai = getattr(isu, k)
        if isinstance(nilai, bool) or not isinstance(nilai, int) or not (
            skala.minimum <= nilai <= skala.maksimum
        ):
            raise InputTidakValid(
                f"Isu '{isu.judul}': nilai {label} '{nilai}' harus bilangan bulat "
                f"{skala.minimum}-{skala.maksimum}"
            )


@dataclass(frozen=True)
class HasilUSG:
    """One ranked issue: rank (1 = core issue), total, and why it is above the next one."""

    peringkat: int
    isu: Isu
    total: int
    alasan: str
    urutan_masuk: int  # 1-based position in the participant's list

    @property
    def judul(self) -> str:
        return self.isu.judul

    @property
    def u(self) -> int:
        return self.isu.u

    @property
    def s(self) -> int:
        return self.isu.s

    @property
    def g(self) -> int:
        return self.isu.g


def ranking_usg(isu_list: Sequence[Isu], skala: SkalaSkor | Any = None) -> list[HasilUSG]:
    """Rank issues by the rule in ``ATURAN_SERI`` (stable: same input, same order, always).

    ``skala``: the USG scale, or the whole ``Pengaturan`` (its ``usg``); default 1-5.
    Filter with ``saring_apkl`` first if only APKL-passing issues should be ranked.
    """
    skala = getattr(skala, "usg", skala) or SKALA_USG_BAKU
    for isu in isu_list:
        cek_usg(isu, skala)
    urut = sorted(
        enumerate(isu_list, start=1),
        key=lambda p: (-p[1].total, -p[1].u, -p[1].s, -p[1].g, p[0]),
    )
    hasil = []
    for i, (masuk, isu) in enumerate(urut):
        lanjut = urut[i + 1] if i + 1 < len(urut) else None
        alasan = _alasan(isu, masuk, *lanjut) if lanjut else "Peringkat terakhir."
        hasil.append(HasilUSG(i + 1, isu, isu.total, alasan, masuk))
    return hasil


def _alasan(a: Isu, masuk_a: int, masuk_b: int, b: Isu) -> str:
    depan = f"Di atas '{b.judul}' karena "
    if a.total != b.total:
        return depan + f"total USG lebih tinggi ({a.total} > {b.total})."
    for k, label in USG.items():
        va, vb = getattr(a, k), getattr(b, k)
        if va != vb:
            return depan + f"total sama ({a.total}) dan nilai {label} lebih tinggi ({va} > {vb})."
    return depan + (
        f"total, U, S, dan G sama; isu ini ditulis lebih dulu (urutan ke-{masuk_a}, "
        f"'{b.judul}' ke-{masuk_b})."
    )


def kelompok_fishbone(
    rows: Iterable[Mapping[str, Any]], kategori: Sequence[str] | Any
) -> dict[str, list[str]]:
    """Causes ``[{"kategori", "sebab"}]`` grouped by category, in the settings' order.

    ``kategori``: the category list, or the whole ``Pengaturan`` (its ``fishbone_kategori``).
    Rows with an empty cause are skipped; an unknown category raises InputTidakValid.
    Categories without causes are kept (empty list) so that every bone can be drawn.
    """
    daftar = list(getattr(kategori, "fishbone_kategori", kategori))
    kunci = {k.casefold(): k for k in daftar}
    hasil: dict[str, list[str]] = {k: [] for k in daftar}
    for nomor, row in enumerate(rows, start=1):
        sebab = str(row.get("sebab") or "").strip()
        if not sebab:
            continue
        kat = str(row.get("kategori") or "").strip()
        if kat.casefold() not in kunci:
            raise InputTidakValid(
                f"Sebab ke-{nomor} ('{sebab}'): kategori '{kat}' tidak dikenal; "
                f"pilih salah satu: {', '.join(daftar)}"
            )
        hasil[kunci[kat.casefold()]].append(sebab)
    return hasil


def _skor_pemangku(nilai: Any, apa: str, nama: str, skala: SkalaSkor) -> float:
    x = ke_angka(nilai)
    if x is None or not skala.minimum <= x <= skala.maksimum:
        siapa = f"Pemangku '{nama}'" if nama else "Pemangku kepentingan"
        raise InputTidakValid(
            f"{siapa}: nilai {apa} '{nilai}' harus {skala.minimum}-{skala.maksimum}"
        )
    return x


def kuadran(
    pengaruh: Any, kepentingan: Any, pengaturan: AturanPemangku | Any, nama: str = ""
) -> LabelKuadran:
    """The quadrant of a stakeholder; a score >= ``batas_tinggi`` counts as high.

    High pengaruh and kepentingan: promoters (kelola dengan dekat); high pengaruh only:
    latents (jaga kepuasan); high kepentingan only: defenders (beri informasi); neither:
    apathetics (pantau). ``pengaturan``: ``AturanPemangku`` or the whole ``Pengaturan``.
    """
    aturan: AturanPemangku = getattr(pengaturan, "pemangku", pengaturan)
    p = _skor_pemangku(pengaruh, "pengaruh", nama, aturan.skala) >= aturan.batas_tinggi
    k = _skor_pemangku(kepentingan, "kepentingan", nama, aturan.skala) >= aturan.batas_tinggi
    kode = {(True, True): "promoters", (True, False): "latents",
            (False, True): "defenders", (False, False): "apathetics"}[(p, k)]
    return aturan.label(kode)


@dataclass(frozen=True)
class PemangkuTerpetakan:
    nama: str
    pengaruh: float
    kepentingan: float
    kuadran: LabelKuadran


def petakan_pemangku(
    rows: Iterable[Mapping[str, Any]], pengaturan: AturanPemangku | Any
) -> list[PemangkuTerpetakan]:
    """Each stored stakeholder row ``{"nama", "pengaruh", "kepentingan"}`` with its quadrant.

    Rows without a name are skipped.
    """
    hasil = []
    for row in rows:
        nama = str(row.get("nama") or "").strip()
        if not nama:
            continue
        k = kuadran(row.get("pengaruh"), row.get("kepentingan"), pengaturan, nama)
        hasil.append(PemangkuTerpetakan(nama, float(ke_angka(row.get("pengaruh")) or 0),
                                        float(ke_angka(row.get("kepentingan")) or 0), k))
    return hasil
