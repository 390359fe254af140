"""Practice checklists of issue 11 (seed concepts practised in modules 02 and 05), as pure views.

The lists are the course's wording of the seed articles (``../shared/seeds``):

- ``KOMPONEN``: the five components of regional innovation (seed 001), written per component
  in module 02 (``inovasi.komponen``: ``{kode: str}``);
- ``INTEGRASI``: the success indicators of integrating an innovation into OPD planning and
  performance (seed 000), self-checked in module 05 (``replikasi.integrasi``: ``{kode: status}``);
- ``KEBERHASILAN``: the success indicators of a regional innovation (seed 001), self-checked in
  module 05 (``replikasi.keberhasilan``: ``{kode: status}``);
- ``HAMBATAN``: barriers (seed 004) and integration challenges (seed 000), ticked in module 05
  (``replikasi.hambatan``: ``{kode: bool}``);
- ``STRATEGI``: the five development strategies (seed 004) and the acceleration strategies with
  incentives (seed 002), ticked in module 05 with concrete steps
  (``replikasi.strategi``: ``{kode: bool, "langkah": str}``).

A status is ``"sudah"``, ``"sebagian"`` or ``"belum"``; anything else counts as not answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Butir:
    """One item of a checklist: stored code, label, and what it means (shown as help)."""

    kode: str
    label: str
    arti: str


KOMPONEN: tuple[Butir, ...] = (
    Butir("kepemimpinan", "Kepemimpinan visioner",
          "Siapa pimpinan yang menggerakkan dan bagaimana Anda memperoleh komitmennya"),
    Butir("budaya", "Budaya organisasi inovatif",
          "Bagaimana tim didorong berani mencoba hal baru"),
    Butir("kolaborasi", "Kolaborasi multipihak",
          "Mitra dari pemerintah, akademisi, dunia usaha, dan masyarakat"),
    Butir("teknologi", "Teknologi digital",
          "Teknologi yang dipakai untuk mempercepat layanan (tulis 'tidak ada' bila non-digital)"),
    Butir("evaluasi", "Sistem evaluasi dan replikasi",
          "Bagaimana hasilnya dinilai dan disebarkan bila berhasil"),
)

INTEGRASI: tuple[Butir, ...] = (
    Butir("keterpaduan", "Keterpaduan perencanaan",
          "Inovasi masuk dokumen OPD (Renstra, Renja, IKU)"),
    Butir("dampak_kinerja", "Dampak kinerja", "Inovasi ikut membuat target OPD tercapai"),
    Butir("efisiensi", "Efisiensi", "Penggunaan anggaran optimal"),
    Butir("keberlanjutan", "Keberlanjutan", "Inovasi terus dikembangkan"),
)

KEBERHASILAN: tuple[Butir, ...] = (
    Butir("relevansi", "Relevansi", "Sesuai dengan permasalahan daerah"),
    Butir("efisiensi", "Efisiensi", "Menghemat waktu, biaya, dan sumber daya"),
    Butir("dampak", "Dampak", "Kesejahteraan masyarakat meningkat"),
    Butir("keberlanjutan", "Keberlanjutan", "Mampu bertahan dan berkembang"),
    Butir("replikasi", "Replikasi", "Dapat diterapkan oleh daerah lain"),
)

STATUS: tuple[tuple[str, str], ...] = (("Sudah", "sudah"), ("Sebagian", "sebagian"),
                                       ("Belum", "belum"))

HAMBATAN: tuple[Butir, ...] = (
    Butir("resistensi", "Penolakan terhadap perubahan", "Aparatur enggan meninggalkan cara lama"),
    Butir("anggaran", "Keterbatasan anggaran dan infrastruktur teknologi",
          "Dana, perangkat, atau jaringan belum memadai"),
    Butir("kolaborasi", "Kolaborasi lintas sektor lemah",
          "OPD lain, akademisi, atau dunia usaha belum terlibat"),
    Butir("penghargaan", "Belum ada sistem penghargaan bagi inovator",
          "Inovator tidak mendapat apresiasi atau insentif"),
    Butir("regulasi", "Dukungan regulasi atau kebijakan daerah kurang",
          "Belum ada SK, Perkada, atau kebijakan yang menaungi"),
    Butir("individual", "Inovasi masih milik perorangan", "Berhenti bila inovatornya pindah"),
    Butir("pemahaman", "Pemahaman perencanaan berbasis kinerja belum merata",
          "Inovasi belum dikaitkan dengan sasaran dan indikator OPD"),
    Butir("data", "Data pendukung terbatas", "Baseline dan data capaian sulit diperoleh"),
)

STRATEGI: tuple[Butir, ...] = (
    Butir("ekosistem", "Membangun ekosistem inovasi",
          "Perkada pengelolaan inovasi, tim inovasi, kerja sama dengan universitas dan komunitas"),
    Butir("kapasitas", "Menguatkan kapasitas aparatur", "Pelatihan dan coaching clinic bagi ASN"),
    Butir("teknologi", "Memanfaatkan teknologi digital dan data", "Layanan daring, data, chatbot"),
    Butir("partisipasi", "Kolaborasi dan partisipasi publik",
          "Warga terlibat sejak perencanaan, kanal umpan balik, co-creation"),
    Butir("evaluasi", "Evaluasi dan replikasi", "Uji lapangan, survei kepuasan, replikasi"),
    Butir("pimpinan", "Komitmen pimpinan OPD", "Dukungan kebijakan dan sumber daya"),
    Butir("budaya", "Budaya kerja inovatif", "Berani mencoba dan tidak takut gagal"),
    Butir("perencanaan", "Integrasi dengan perencanaan dan anggaran", "Masuk Renja, RKPD, IKU"),
    Butir("insentif", "Penghargaan dan insentif", "Apresiasi bagi OPD dan pegawai yang berinovasi"),
)


@dataclass(frozen=True)
class HasilCek:
    """A self-check summarised: labels per status, and the items not answered yet."""

    sudah: tuple[str, ...]
    sebagian: tuple[str, ...]
    belum: tuple[str, ...]
    kosong: tuple[str, ...]

    @property
    def lengkap(self) -> bool:
        """Every item has a status."""
        return not self.kosong


def ringkas_cek(nilai: Mapping[str, Any] | None, butir: tuple[Butir, ...]) -> HasilCek:
    """Group the checklist ``butir`` by the stored status of each code."""
    nilai = nilai if isinstance(nilai, Mapping) else {}
    kelompok: dict[str, list[str]] = {"sudah": [], "sebagian": [], "belum": [], "kosong": []}
    for b in butir:
        status = nilai.get(b.kode)
        kelompok[status if status in ("sudah", "sebagian", "belum") else "kosong"].append(b.label)
    return HasilCek(*(tuple(kelompok[k]) for k in ("sudah", "sebagian", "belum", "kosong")))


def komponen_kosong(nilai: Mapping[str, Any] | None) -> list[str]:
    """Labels of the five components not yet written about."""
    nilai = nilai if isinstance(nilai, Mapping) else {}
    return [b.label for b in KOMPONEN if not str(nilai.get(b.kode) or "").strip()]


def _dicentang(nilai: Mapping[str, Any] | None, butir: tuple[Butir, ...]) -> list[str]:
    nilai = nilai if isinstance(nilai, Mapping) else {}
    return [b.label for b in butir if nilai.get(b.kode) is True]


@dataclass(frozen=True)
class HasilHambatan:
    """Barriers and strategies ticked, and what is still missing, in words."""

    hambatan: tuple[str, ...]
    strategi: tuple[str, ...]
    catatan: tuple[str, ...]

    @property
    def beres(self) -> bool:
        """Something was ticked and nothing is missing."""
        return bool(self.hambatan) and not self.catatan


def cek_hambatan(hambatan: Mapping[str, Any] | None,
                 strategi: Mapping[str, Any] | None) -> HasilHambatan:
    """Each ticked barrier needs at least one strategy, and chosen strategies need steps."""
    h = _dicentang(hambatan, HAMBATAN)
    s = _dicentang(strategi, STRATEGI)
    langkah = str((strategi or {}).get("langkah") or "").strip() if isinstance(
        strategi, Mapping) else ""
    catatan = []
    if not h:
        catatan.append("Centang sedikitnya satu hambatan yang mungkin dihadapi inovasi Anda.")
    if h and not s:
        catatan.append("Pilih strategi untuk mengatasi hambatan yang Anda centang.")
    if s and not langkah:
        catatan.append("Tuliskan langkah konkret: apa yang dilakukan, oleh siapa, kapan.")
    return HasilHambatan(tuple(h), tuple(s), tuple(catatan))


KOLOM_KEBERLANJUTAN = (("regulasi", "Regulasi"), ("anggaran", "Anggaran (Renja/RKPD)"),
                       ("sdm", "Sumber daya manusia"), ("dokumentasi", "Dokumentasi"))


def _teks_cek(nilai: Any, butir: tuple[Butir, ...]) -> str:
    h = ringkas_cek(nilai if isinstance(nilai, Mapping) else None, butir)
    if len(h.kosong) == len(butir):
        return ""
    teks = f"{len(h.sudah)} dari {len(butir)} sudah terpenuhi"
    kurang = [*h.sebagian, *h.belum, *h.kosong]
    return teks + (f"; belum penuh: {', '.join(kurang)}" if kurang else "")


def ringkasan_keberlanjutan(jawaban: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Module 05 in (label, text) rows for the plan summary of module 06; ``""`` = not filled.

    Rows: the four sustainability pillars, the two success self-checks, the barriers and
    strategies with their steps, and the replication plan."""
    m = jawaban.get("replikasi", {}) if isinstance(jawaban.get("replikasi"), Mapping) else {}

    def _rekaman(field: str) -> Mapping[str, Any]:
        nilai = m.get(field)
        return nilai if isinstance(nilai, Mapping) else {}

    def _str(x: Any) -> str:
        return str(x or "").strip()

    keb = _rekaman("keberlanjutan")
    baris = [(label, _str(keb.get(k))) for k, label in KOLOM_KEBERLANJUTAN]
    baris.append(("Keberhasilan integrasi", _teks_cek(m.get("integrasi"), INTEGRASI)))
    baris.append(("Keberhasilan inovasi", _teks_cek(m.get("keberhasilan"), KEBERHASILAN)))
    baris.append(("Hambatan", ", ".join(_dicentang(_rekaman("hambatan"), HAMBATAN))))
    strategi = _rekaman("strategi")
    baris.append(("Strategi", ", ".join(_dicentang(strategi, STRATEGI))))
    baris.append(("Langkah mengatasi hambatan", _str(strategi.get("langkah"))))
    rep = _rekaman("replikasi")
    bagian = [f"{label}: {_str(rep.get(k))}" for k, label in
              (("daerah_sasaran", "sasaran"), ("langkah", "langkah"), ("jadwal", "jadwal"))
              if _str(rep.get(k))]
    baris.append(("Rencana replikasi", "; ".join(bagian)))
    return baris
