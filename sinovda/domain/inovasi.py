"""Innovation attributes (PP 38/2017, Permendagri 104/2018) as code -> label, and the criteria."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

BENTUK = {
    "tata_kelola": "Inovasi tata kelola pemerintahan daerah",
    "pelayanan_publik": "Inovasi pelayanan publik",
    "lainnya": "Inovasi daerah lainnya sesuai urusan pemerintahan",
}
JENIS = {"digital": "Digital", "non_digital": "Non-digital"}
INISIATOR = {
    "kepala_daerah": "Kepala Daerah",
    "dprd": "Anggota DPRD",
    "opd": "Perangkat Daerah (OPD)",
    "asn": "ASN",
    "masyarakat": "Masyarakat",
}
TAHAPAN = {"inisiatif": "Inisiatif", "uji_coba": "Uji coba", "penerapan": "Penerapan"}

# Urusan pemerintahan konkuren (UU 23/2014): wajib pelayanan dasar, wajib non-pelayanan dasar,
# pilihan; ditambah fungsi penunjang untuk inovasi tata kelola.
_KELOMPOK_URUSAN: dict[str, dict[str, str]] = {
    "Urusan wajib pelayanan dasar": {
        "pendidikan": "Pendidikan",
        "kesehatan": "Kesehatan",
        "pekerjaan_umum": "Pekerjaan umum dan penataan ruang",
        "perumahan": "Perumahan rakyat dan kawasan permukiman",
        "trantibum": "Ketenteraman, ketertiban umum, dan pelindungan masyarakat",
        "sosial": "Sosial",
    },
    "Urusan wajib non-pelayanan dasar": {
        "tenaga_kerja": "Tenaga kerja",
        "pppa": "Pemberdayaan perempuan dan pelindungan anak",
        "pangan": "Pangan",
        "pertanahan": "Pertanahan",
        "lingkungan_hidup": "Lingkungan hidup",
        "adminduk": "Administrasi kependudukan dan pencatatan sipil",
        "pmd": "Pemberdayaan masyarakat dan desa",
        "dalduk_kb": "Pengendalian penduduk dan keluarga berencana",
        "perhubungan": "Perhubungan",
        "kominfo": "Komunikasi dan informatika",
        "koperasi_ukm": "Koperasi, usaha kecil, dan menengah",
        "penanaman_modal": "Penanaman modal",
        "pemuda_olahraga": "Kepemudaan dan olahraga",
        "statistik": "Statistik",
        "persandian": "Persandian",
        "kebudayaan": "Kebudayaan",
        "perpustakaan": "Perpustakaan",
        "kearsipan": "Kearsipan",
    },
    "Urusan pilihan": {
        "kelautan_perikanan": "Kelautan dan perikanan",
        "pariwisata": "Pariwisata",
        "pertanian": "Pertanian",
        "kehutanan": "Kehutanan",
        "esdm": "Energi dan sumber daya mineral",
        "perdagangan": "Perdagangan",
        "perindustrian": "Perindustrian",
        "transmigrasi": "Transmigrasi",
    },
    "Fungsi penunjang urusan": {
        "perencanaan": "Perencanaan pembangunan",
        "keuangan": "Keuangan",
        "kepegawaian": "Kepegawaian serta pendidikan dan pelatihan",
        "litbang": "Penelitian dan pengembangan",
        "pengawasan": "Pengawasan (inspektorat)",
        "kesekretariatan": "Kesekretariatan dan tata pemerintahan",
    },
}
URUSAN = {k: v for grup in _KELOMPOK_URUSAN.values() for k, v in grup.items()}
KELOMPOK_URUSAN = {k: g for g, grup in _KELOMPOK_URUSAN.items() for k in grup}

ENUM = {"bentuk": BENTUK, "jenis": JENIS, "inisiator": INISIATOR, "tahapan": TAHAPAN,
        "urusan": URUSAN}
ISIAN = {
    "nama": "Nama inovasi",
    "bentuk": "Bentuk inovasi",
    "jenis": "Jenis inovasi",
    "inisiator": "Inisiator",
    "urusan": "Urusan pemerintahan",
    "tahapan": "Tahapan",
    "cara_kerja": "Cara kerja",
    "penerima_manfaat": "Penerima manfaat",
}


@dataclass(frozen=True)
class Kriteria:
    kode: str
    label: str
    penjelasan: str


KRITERIA = (
    Kriteria("pembaharuan", "Mengandung pembaharuan",
             "Seluruh atau sebagian unsurnya baru, atau memperbaiki cara yang sudah ada."),
    Kriteria("bermanfaat", "Memberi manfaat",
             "Membawa manfaat nyata bagi daerah dan/atau masyarakat."),
    Kriteria("tidak_membebani", "Tidak membebani atau membatasi masyarakat",
             "Tidak menambah pungutan atau membatasi hak masyarakat, dan tidak bertentangan "
             "dengan peraturan."),
    Kriteria("kewenangan_daerah", "Menjadi urusan pemerintahan yang menjadi kewenangan daerah",
             "Berada dalam urusan pemerintahan yang memang dikerjakan pemerintah daerah."),
    Kriteria("replikasi", "Dapat direplikasi",
             "Dapat ditiru dan diterapkan oleh unit atau daerah lain."),
)


def cek_kriteria(centang: Mapping[str, Any]) -> list[str]:
    """The PP 38/2017 criteria not yet ticked, in words; empty when all five are met."""
    return [f"Belum memenuhi kriteria '{k.label}': {k.penjelasan}"
            for k in KRITERIA if not centang.get(k.kode)]


def kriteria_terpenuhi(centang: Mapping[str, Any]) -> bool:
    return not cek_kriteria(centang)


def label(enum: str, kode: str) -> str:
    """The label of a code (``label("jenis", "digital")`` -> "Digital"); unknown -> the code."""
    return ENUM.get(enum, {}).get(kode, kode)


def cek_inovasi(data: Mapping[str, Any] | None) -> list[str]:
    """What is missing or unknown in the stored ``inovasi`` dict, in words (empty = complete)."""
    data = data or {}
    pesan = []
    for kunci, nama in ISIAN.items():
        nilai = str(data.get(kunci) or "").strip()
        if not nilai:
            pesan.append(f"{nama} belum diisi")
        elif kunci in ENUM and nilai not in ENUM[kunci]:
            pesan.append(f"{nama} '{nilai}' tidak dikenal")
    return pesan
