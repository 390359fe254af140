"""Load the regional settings (``modul/pengaturan.yaml``), the rubric and the IID indicators.

A malformed file raises ``BerkasTidakValid`` naming the file and the key, e.g.
"modul/pengaturan.yaml: kunci 'capaian.batas_atas' harus angka, bukan 'seratus'".
The default files are cached per modification time, so an edited file is read again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from sinovda import paths
from sinovda.domain.akses import Batas
from sinovda.domain.errors import BerkasTidakValid
from sinovda.domain.kesiapan import LEVEL_MAKS, DaftarIID, IndikatorIID
from sinovda.domain.pengaturan import (
    TARGET_NOL_ATURAN,
    AmbangIID,
    AturanCapaian,
    AturanIID,
    AturanNGain,
    AturanPemangku,
    AturanSakip,
    Jenjang,
    KomponenSakip,
    LabelKuadran,
    Pengaturan,
    SkalaJenjang,
    SkalaSkor,
)
from sinovda.domain.penilaian import OTOMATIS, KriteriaRubrik, PitaUmpanBalik, Rubrik
from sinovda.domain.sertifikat import AturanHasil, AturanSertifikat

T = TypeVar("T")
KUADRAN = ("promoters", "latents", "defenders", "apathetics")


class Pembaca:
    """Typed access to a parsed YAML tree; every error names the file and the dotted key."""

    def __init__(self, berkas: str, data: Any) -> None:
        self.berkas = berkas
        self.data = data

    def galat(self, kunci: str, pesan: str) -> BerkasTidakValid:
        return BerkasTidakValid(f"{self.berkas}: kunci '{kunci}' {pesan}")

    def ambil(self, kunci: str, wajib: bool = True) -> Any:
        node = self.data
        for bagian in kunci.split("."):
            if isinstance(node, list) and bagian.isdigit() and int(bagian) < len(node):
                node = node[int(bagian)]
            elif isinstance(node, dict) and bagian in node:
                node = node[bagian]
            else:
                if wajib:
                    raise self.galat(kunci, "tidak ada")
                return None
        return node

    def angka(self, kunci: str, wajib: bool = True, boleh_null: bool = False) -> float | None:
        """A number; ``boleh_null``: the key must be there but may be null (None)."""
        nilai = self.ambil(kunci, wajib=wajib)
        if nilai is None:
            if boleh_null or not wajib:
                return None
            raise self.galat(kunci, "harus angka, bukan kosong")
        if isinstance(nilai, bool) or not isinstance(nilai, int | float):
            raise self.galat(kunci, f"harus angka, bukan '{nilai}'")
        return float(nilai)

    def bulat(self, kunci: str) -> int:
        x = self.angka(kunci)
        if x is None or not x.is_integer():
            raise self.galat(kunci, f"harus bilangan bulat, bukan '{self.ambil(kunci)}'")
        return int(x)

    def teks(self, kunci: str, wajib: bool = True, bawaan: str = "") -> str:
        nilai = self.ambil(kunci, wajib=wajib)
        if nilai is None:
            if wajib:
                raise self.galat(kunci, "tidak boleh kosong")
            return bawaan
        if isinstance(nilai, dict | list):
            raise self.galat(kunci, f"harus teks, bukan '{nilai}'")
        teks = str(nilai).strip()
        if wajib and not teks:
            raise self.galat(kunci, "tidak boleh kosong")
        return teks

    def daftar(self, kunci: str) -> list[Any]:
        nilai = self.ambil(kunci)
        if not isinstance(nilai, list) or not nilai:
            raise self.galat(kunci, "harus daftar (list) yang berisi paling sedikit satu butir")
        return nilai

    def peta(self, kunci: str) -> dict[str, Any]:
        nilai = self.ambil(kunci)
        if not isinstance(nilai, dict):
            raise self.galat(kunci, "harus berisi pasangan kunci: nilai")
        return nilai

    def ya_tidak(self, kunci: str, bawaan: bool) -> bool:
        nilai = self.ambil(kunci, wajib=False)
        if nilai is None:
            return bawaan
        if not isinstance(nilai, bool):
            raise self.galat(kunci, f"harus true atau false, bukan '{nilai}'")
        return nilai


def nama_berkas(path: Path) -> str:
    """The file name shown in messages: relative to the repo when inside it."""
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


_PEMUAT = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster, same result


def baca_yaml(path: Path) -> Pembaca:
    """Parse a YAML file into a ``Pembaca``; a missing or unparsable file is BerkasTidakValid."""
    nama = nama_berkas(path)
    try:
        teks = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BerkasTidakValid(f"{nama}: berkas tidak ditemukan") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BerkasTidakValid(f"{nama}: berkas tidak dapat dibaca ({e})") from None
    try:
        data = yaml.load(teks, Loader=_PEMUAT)  # noqa: S506 - a safe loader (libyaml's if any)
    except yaml.YAMLError as e:
        tanda = getattr(e, "problem_mark", None)
        baris = f" (baris {tanda.line + 1})" if tanda is not None else ""
        masalah = getattr(e, "problem", None) or e
        raise BerkasTidakValid(
            f"{nama}: YAML tidak sah{baris}: periksa tanda ':' dan indentasi "
            f"(penulisan YAML tidak sah: {masalah})"
        ) from None
    if not isinstance(data, dict):
        raise BerkasTidakValid(f"{nama}: isi berkas harus berupa pasangan kunci: nilai")
    return Pembaca(nama, data)


def skala_jenjang(b: Pembaca, kunci: str, nama: str) -> SkalaJenjang:
    """A band scale: items with ``label`` and ``lebih_dari`` (>) or ``minimal`` (>=); the last
    item may have neither (everything below). Thresholds must go down."""
    jenjang = []
    for i, _ in enumerate(b.daftar(kunci)):
        k = f"{kunci}.{i}"
        lebih = b.angka(f"{k}.lebih_dari", wajib=False)
        minimal = b.angka(f"{k}.minimal", wajib=False)
        if lebih is not None and minimal is not None:
            raise b.galat(k, "hanya boleh memakai salah satu: 'lebih_dari' atau 'minimal'")
        batas = lebih if lebih is not None else minimal
        jenjang.append(Jenjang(b.teks(f"{k}.label"), batas, lebih is None,
                               b.teks(f"{k}.keterangan", wajib=False),
                               b.teks(f"{k}.warna", wajib=False)))
    for i, (a, c) in enumerate(zip(jenjang, jenjang[1:], strict=False)):
        if a.minimal is None:
            raise b.galat(f"{kunci}.{i}", "tanpa batas hanya boleh pada butir terakhir")
        if c.minimal is not None and c.minimal > a.minimal:
            raise b.galat(f"{kunci}.{i + 1}", "batasnya harus lebih kecil dari butir sebelumnya")
    return SkalaJenjang(nama, tuple(jenjang))


def _skala_skor(b: Pembaca, kunci: str) -> SkalaSkor:
    lo, hi = b.bulat(f"{kunci}.minimum"), b.bulat(f"{kunci}.maksimum")
    if lo >= hi:
        raise b.galat(f"{kunci}.maksimum", f"harus lebih besar dari minimum ({lo})")
    return SkalaSkor(lo, hi)


def _pemangku(b: Pembaca) -> AturanPemangku:
    skala = _skala_skor(b, "pemangku")
    batas = b.angka("pemangku.batas_tinggi")
    assert batas is not None
    if not skala.minimum < batas <= skala.maksimum:
        raise b.galat("pemangku.batas_tinggi",
                      f"harus di antara {skala.minimum} dan {skala.maksimum}")
    kuadran = tuple(
        LabelKuadran(k, b.teks(f"pemangku.kuadran.{k}.label"),
                     b.teks(f"pemangku.kuadran.{k}.saran"))
        for k in KUADRAN
    )
    return AturanPemangku(batas, skala, kuadran)


def _capaian(b: Pembaca) -> AturanCapaian:
    aturan = b.teks("capaian.target_nol.aturan")
    if aturan not in TARGET_NOL_ATURAN:
        raise b.galat("capaian.target_nol.aturan",
                      f"harus salah satu dari {', '.join(TARGET_NOL_ATURAN)}, bukan '{aturan}'")
    desimal = b.bulat("capaian.desimal")
    if not 0 <= desimal <= 6:
        raise b.galat("capaian.desimal", "harus 0-6")
    atas = b.angka("capaian.batas_atas", boleh_null=True)
    bawah = b.angka("capaian.batas_bawah", boleh_null=True)
    if atas is not None and atas < 100:
        raise b.galat("capaian.batas_atas", f"harus 100 atau lebih, bukan '{atas:g}'")
    if bawah is not None and atas is not None and bawah >= atas:
        raise b.galat("capaian.batas_bawah", "harus lebih kecil dari batas_atas")
    wajib = aturan == "nilai_tetap"
    nol = {k: b.angka(f"capaian.target_nol.{k}", wajib=wajib)
           for k in ("sama", "lebih_baik", "lebih_buruk")}
    return AturanCapaian(atas, bawah, desimal, aturan,
                         nol["sama"] if nol["sama"] is not None else 100.0,
                         nol["lebih_baik"] if nol["lebih_baik"] is not None else 100.0,
                         nol["lebih_buruk"] if nol["lebih_buruk"] is not None else 0.0)


def _iid(b: Pembaca) -> AturanIID:
    ambang = []
    for i, _ in enumerate(b.daftar("iid.ambang")):
        k = f"iid.ambang.{i}"
        ambang.append(AmbangIID(b.bulat(f"{k}.tahun"), b.ya_tidak(f"{k}.terverifikasi", False),
                                b.teks(f"{k}.sumber", wajib=False),
                                skala_jenjang(b, f"{k}.kategori", "kategori IID")))
    tahun = b.bulat("iid.tahun_berlaku")
    if tahun not in {a.tahun for a in ambang}:
        raise b.galat("iid.tahun_berlaku", f"{tahun} tidak ada di daftar 'iid.ambang'")
    return AturanIID(tahun, tuple(ambang))


def parse_pengaturan(b: Pembaca) -> Pengaturan:
    """Build the settings tree from a parsed ``pengaturan.yaml``."""
    kategori = b.daftar("fishbone.kategori")
    for i, k in enumerate(kategori):
        if not isinstance(k, str) or not k.strip():
            raise b.galat(f"fishbone.kategori.{i}", f"harus teks, bukan '{k}'")
    sakip = AturanSakip(
        tuple(KomponenSakip(b.teks(f"sakip.komponen.{i}.kode"), b.teks(f"sakip.komponen.{i}.label"),
                            b.angka(f"sakip.komponen.{i}.bobot") or 0.0)
              for i, _ in enumerate(b.daftar("sakip.komponen"))),
        skala_jenjang(b, "sakip.skala", "nilai SAKIP"),
    )
    ngain = AturanNGain(skala_jenjang(b, "ngain.kategori", "N-gain"),
                        b.teks("ngain.pre_maksimal"), b.bulat("ngain.desimal"))
    return Pengaturan(
        usg=_skala_skor(b, "usg"),
        fishbone_kategori=tuple(k.strip() for k in kategori),
        pemangku=_pemangku(b),
        capaian=_capaian(b),
        predikat=skala_jenjang(b, "predikat", "predikat capaian"),
        sakip=sakip,
        ngain=ngain,
        iid=_iid(b),
    )


_CACHE: dict[tuple[str, Path], tuple[int, Any]] = {}


def _muat(jenis: str, path: str | os.PathLike[str] | None, bawaan: str,
          parse: Callable[[Pembaca], T]) -> T:
    if path is not None:
        return parse(baca_yaml(Path(path)))
    p = Path(paths.MODUL_DIR) / bawaan
    try:
        mtime = p.stat().st_mtime_ns
    except OSError:
        mtime = -1
    simpan = _CACHE.get((jenis, p))
    if simpan and simpan[0] == mtime:
        return simpan[1]
    hasil = parse(baca_yaml(p))
    _CACHE[(jenis, p)] = (mtime, hasil)
    return hasil


def load_pengaturan(path: str | os.PathLike[str] | None = None) -> Pengaturan:
    """The settings tree from ``path`` or ``modul/pengaturan.yaml`` (cached)."""
    return _muat("pengaturan", path, "pengaturan.yaml", parse_pengaturan)


def parse_rubrik(b: Pembaca) -> Rubrik:
    """Build the rubric from a parsed ``rubrik.yaml`` (criteria may override the score range)."""
    lo_bawaan, hi_bawaan = b.angka("skor_min"), b.angka("skor_maks")
    kriteria = []
    for i, _ in enumerate(b.daftar("kriteria")):
        k = f"kriteria.{i}"
        lo = b.angka(f"{k}.skor_min", wajib=False)
        hi = b.angka(f"{k}.skor_maks", wajib=False)
        lo = lo_bawaan if lo is None else lo
        hi = hi_bawaan if hi is None else hi
        assert lo is not None and hi is not None
        if lo >= hi:
            raise b.galat(f"{k}.skor_maks", f"harus lebih besar dari skor_min ({lo:g})")
        bobot = b.angka(f"{k}.bobot")
        if bobot is None or bobot <= 0:
            raise b.galat(f"{k}.bobot", "harus angka lebih dari 0")
        otomatis = b.teks(f"{k}.otomatis", wajib=False) or None
        if otomatis is not None and otomatis not in OTOMATIS:
            raise b.galat(f"{k}.otomatis",
                          f"harus salah satu dari {', '.join(OTOMATIS)}, bukan '{otomatis}'")
        pita = tuple(
            PitaUmpanBalik(b.angka(f"{k}.umpan_balik.{j}.minimal") or 0.0,
                           b.teks(f"{k}.umpan_balik.{j}.teks"))
            for j, _ in enumerate(b.ambil(f"{k}.umpan_balik", wajib=False) or [])
        )
        kriteria.append(KriteriaRubrik(b.teks(f"{k}.kode"), b.teks(f"{k}.nama"), bobot, lo, hi,
                                       b.teks(f"{k}.deskripsi", wajib=False), otomatis, pita))
    kode = [k.kode for k in kriteria]
    for i, k in enumerate(kode):
        if k in kode[:i]:
            raise b.galat(f"kriteria.{i}.kode", f"'{k}' dipakai lebih dari sekali")
    return Rubrik(b.teks("nama"), b.teks("catatan", wajib=False), tuple(kriteria))


def load_rubrik(path: str | os.PathLike[str] | None = None) -> Rubrik:
    """The weighted rubric from ``path`` or ``modul/rubrik.yaml`` (cached)."""
    return _muat("rubrik", path, "rubrik.yaml", parse_rubrik)


def parse_iid(b: Pembaca) -> DaftarIID:
    """Build the IID indicator list from a parsed ``iid.yaml``."""
    hasil = []
    for i, _ in enumerate(b.daftar("indikator")):
        k = f"indikator.{i}"
        bobot = b.angka(f"{k}.bobot")
        if bobot is None or bobot <= 0:
            raise b.galat(f"{k}.bobot", "harus angka lebih dari 0")
        level = b.ambil(f"{k}.level")
        if not isinstance(level, list) or len(level) != LEVEL_MAKS:
            raise b.galat(f"{k}.level", f"harus daftar {LEVEL_MAKS} keterangan (level 1-3)")
        hasil.append(IndikatorIID(b.teks(f"{k}.kode"), b.teks(f"{k}.nama"), bobot,
                                  b.ya_tidak(f"{k}.wajib", False),
                                  (b.teks(f"{k}.level.0"), b.teks(f"{k}.level.1"),
                                   b.teks(f"{k}.level.2"))))
    kode = [x.kode for x in hasil]
    for i, k in enumerate(kode):
        if k in kode[:i]:
            raise b.galat(f"indikator.{i}.kode", f"'{k}' dipakai lebih dari sekali")
    return DaftarIID(b.teks("catatan"), tuple(hasil))


def load_iid(path: str | os.PathLike[str] | None = None) -> DaftarIID:
    """The IID readiness indicators from ``path`` or ``modul/iid.yaml`` (cached)."""
    return _muat("iid", path, "iid.yaml", parse_iid)


@dataclass(frozen=True)
class AturanMasuk:
    """Hub login limits (``masuk:``) and idle culling under the hub (``server_hub:``).

    ``gagal_maks`` wrong passcodes for one login name (or ``gagal_maks_alamat`` from one client
    address) within ``jendela_menit`` lock it for ``kunci_menit``; every failed answer waits
    ``jeda_detik``. Idle single-user servers stop after ``server_menganggur_menit`` (kernels
    whose page was closed are culled by the Voila settings of ``app:``, see ``data.ruang``).
    """

    gagal_maks: int = 10
    gagal_maks_alamat: int = 50
    jendela_menit: int = 15
    kunci_menit: int = 15
    jeda_detik: float = 1.0
    server_menganggur_menit: int = 60


def _bulat_positif(b: Pembaca, kunci: str, bawaan: int) -> int:
    if b.ambil(kunci, wajib=False) is None:
        return bawaan
    nilai = b.bulat(kunci)
    if nilai < 1:
        raise b.galat(kunci, f"harus bilangan bulat 1 atau lebih, bukan '{nilai}'")
    return nilai


def parse_masuk(b: Pembaca) -> AturanMasuk:
    """Build the hub login and culling settings; a missing section or key takes its default."""
    d = AturanMasuk()
    jeda = b.angka("masuk.jeda_detik", wajib=False)
    if jeda is not None and not 0 <= jeda <= 10:
        raise b.galat("masuk.jeda_detik", f"harus 0-10 detik, bukan '{jeda:g}'")
    return AturanMasuk(
        gagal_maks=_bulat_positif(b, "masuk.gagal_maks", d.gagal_maks),
        gagal_maks_alamat=_bulat_positif(b, "masuk.gagal_maks_alamat", d.gagal_maks_alamat),
        jendela_menit=_bulat_positif(b, "masuk.jendela_menit", d.jendela_menit),
        kunci_menit=_bulat_positif(b, "masuk.kunci_menit", d.kunci_menit),
        jeda_detik=d.jeda_detik if jeda is None else jeda,
        server_menganggur_menit=_bulat_positif(
            b, "server_hub.server_menganggur_menit", d.server_menganggur_menit),
    )


def load_masuk(path: str | os.PathLike[str] | None = None) -> AturanMasuk:
    """Hub login limits and culling from ``path`` or ``modul/pengaturan.yaml`` (cached)."""
    return _muat("masuk", path, "pengaturan.yaml", parse_masuk)


def parse_sertifikat(b: Pembaca) -> tuple[AturanSertifikat, AturanHasil]:
    """The certificate rule (``sertifikat:``) and result release (``hasil:``); a missing
    section or key takes its default (see ``sinovda.domain.sertifikat``)."""
    from sinovda.domain.errors import InputTidakValid
    from sinovda.domain.sertifikat import daftar_modul

    d = AturanSertifikat()
    try:
        modul = daftar_modul(b.ambil("sertifikat.syarat.modul_selesai", wajib=False))
    except InputTidakValid as e:
        raise b.galat("sertifikat.syarat.modul_selesai", str(e)) from None
    minimal = d.rubrik_minimal
    syarat = b.ambil("sertifikat.syarat", wajib=False)
    if isinstance(syarat, dict) and "rubrik_minimal" in syarat:  # null: no rubric condition
        minimal = b.angka("sertifikat.syarat.rubrik_minimal", boleh_null=True)
        if minimal is not None and not 0 <= minimal <= 100:
            raise b.galat("sertifikat.syarat.rubrik_minimal",
                          f"harus 0-100 atau null, bukan '{minimal:g}'")
    jp = d.jp if b.ambil("sertifikat.jp", wajib=False) is None else b.bulat("sertifikat.jp")
    if jp < 1:
        raise b.galat("sertifikat.jp", f"harus 1 atau lebih, bukan '{jp}'")
    aturan = AturanSertifikat(
        modul_wajib=modul,
        posttest_terkirim=b.ya_tidak("sertifikat.syarat.posttest_terkirim", d.posttest_terkirim),
        rubrik_minimal=minimal,
        jp=jp,
        judul=b.teks("sertifikat.judul", wajib=False, bawaan=d.judul) or d.judul,
        keterangan=b.teks("sertifikat.keterangan", wajib=False, bawaan=d.keterangan)
        or d.keterangan,
    )
    hasil = AturanHasil(b.ya_tidak("hasil.mandiri_langsung", AturanHasil().mandiri_langsung))
    return aturan, hasil


def load_sertifikat(path: str | os.PathLike[str] | None = None
                    ) -> tuple[AturanSertifikat, AturanHasil]:
    """Certificate rule and result release settings from ``path`` or ``modul/pengaturan.yaml``."""
    return _muat("sertifikat", path, "pengaturan.yaml", parse_sertifikat)


def parse_batas(b: Pembaca) -> Batas:
    """The store's size limits from the ``batas:`` section (missing keys: the defaults)."""
    bawaan = Batas()
    nilai = {}
    for kunci in ("nilai_maks_kb", "total_peserta_maks_kb", "riwayat_maks",
                  "riwayat_peserta_maks_kb"):
        if b.ambil(f"batas.{kunci}", wajib=False) is None:
            nilai[kunci] = getattr(bawaan, kunci)
            continue
        n = b.bulat(f"batas.{kunci}")
        if n < 1:
            raise b.galat(f"batas.{kunci}", f"harus bilangan bulat positif, bukan '{n}'")
        nilai[kunci] = n
    return Batas(**nilai)


def load_batas(path: str | os.PathLike[str] | None = None) -> Batas:
    """The store's size limits from ``path`` or ``modul/pengaturan.yaml`` (cached)."""
    return _muat("batas", path, "pengaturan.yaml", parse_batas)
