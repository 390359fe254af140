"""Course content from ``modul/``: the course map, learning texts, question bank, evaluation form.

Every loader reads the files at call time (the folder is ``sinovda.paths.MODUL_DIR`` unless given)
and raises ``BerkasTidakValid`` naming the file and the key when a file is malformed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinovda import paths
from sinovda.data.settings import baca_yaml
from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.domain.soal import Soal

# The answer-field contract of docs/arsitektur.md: modul id -> the fields it may hold.
KONTRAK_FIELD: dict[str, tuple[str, ...]] = {
    "pengantar": ("pretest", "pretest_selesai"),
    "masalah": ("isu", "isu_inti", "fishbone", "akar_masalah", "pemangku"),
    "inovasi": ("inovasi", "kriteria", "rencana_aksi"),
    "indikator": ("indikator",),
    "monev": ("realisasi", "analisis"),
    "replikasi": ("kesiapan", "keberlanjutan", "replikasi"),
    "penutup": ("posttest", "posttest_selesai", "evaluasi"),
    "penilaian": ("rubrik", "catatan"),
}
MODUL_PESERTA = ("pengantar", "masalah", "inovasi", "indikator", "monev", "replikasi", "penutup")


@dataclass(frozen=True)
class ModulKursus:
    """One module of the course map."""

    id: str
    nomor: str
    judul: str
    notebook: str
    ringkasan: str
    wajib: tuple[str, ...]  # fields that must hold an answer for the module to be done


@dataclass(frozen=True)
class Tahapan:
    """One of the five stages of developing an innovation, and the modules that train it."""

    id: str
    nama: str
    kegiatan: str
    hasil: str
    modul: tuple[str, ...]


@dataclass(frozen=True)
class Kursus:
    """The course map of ``modul/kursus.yaml``."""

    judul: str
    subjudul: str
    hasil_akhir: str
    modul: tuple[ModulKursus, ...]
    tahapan: tuple[Tahapan, ...]

    def cari(self, modul_id: str) -> ModulKursus:
        """The module with this id; InputTidakValid naming the known ids otherwise."""
        for m in self.modul:
            if m.id == modul_id:
                return m
        daftar = ", ".join(m.id for m in self.modul)
        raise InputTidakValid(f"modul '{modul_id}' tidak ada di peta kursus (yang ada: {daftar})")


def _folder(folder: Path | None) -> Path:
    return Path(folder) if folder is not None else paths.MODUL_DIR


def _baca_yaml(path: Path) -> dict[str, Any]:
    return baca_yaml(path).data


def _teks(path: Path, d: dict[str, Any], kunci: str, dimana: str) -> str:
    nilai = d.get(kunci)
    if nilai is None or not str(nilai).strip():
        raise BerkasTidakValid(f"{path}: {dimana}: '{kunci}' kosong atau tidak ada")
    return str(nilai).strip()


def _daftar(path: Path, d: dict[str, Any], kunci: str, dimana: str) -> list[Any]:
    nilai = d.get(kunci)
    if not isinstance(nilai, list) or not nilai:
        raise BerkasTidakValid(f"{path}: {dimana}: '{kunci}' harus berupa daftar yang tidak kosong")
    return nilai


def load_kursus(folder: Path | None = None) -> Kursus:
    """Read and check ``kursus.yaml``: module ids and required fields follow the contract."""
    path = _folder(folder) / "kursus.yaml"
    data = _baca_yaml(path)
    modul: list[ModulKursus] = []
    for i, m in enumerate(_daftar(path, data, "modul", "peta kursus"), start=1):
        if not isinstance(m, dict):
            raise BerkasTidakValid(f"{path}: modul ke-{i} harus berupa pemetaan")
        mid = _teks(path, m, "id", f"modul ke-{i}")
        dimana = f"modul '{mid}'"
        if mid not in MODUL_PESERTA:
            kenal = ", ".join(MODUL_PESERTA)
            raise BerkasTidakValid(f"{path}: {dimana}: id tidak dikenal (yang dikenal: {kenal})")
        if any(x.id == mid for x in modul):
            raise BerkasTidakValid(f"{path}: {dimana}: id muncul lebih dari sekali")
        wajib = _daftar(path, m, "wajib", dimana)
        for f in wajib:
            if f not in KONTRAK_FIELD[mid]:
                raise BerkasTidakValid(f"{path}: {dimana}: isian wajib '{f}' bukan isian modul ini")
        modul.append(ModulKursus(
            id=mid,
            nomor=str(m.get("nomor", f"{i - 1:02d}")),
            judul=_teks(path, m, "judul", dimana),
            notebook=_teks(path, m, "notebook", dimana),
            ringkasan=_teks(path, m, "ringkasan", dimana),
            wajib=tuple(wajib),
        ))
    ids = {m.id for m in modul}
    tahapan: list[Tahapan] = []
    for i, t in enumerate(data.get("tahapan") or [], start=1):
        if not isinstance(t, dict):
            raise BerkasTidakValid(f"{path}: tahapan ke-{i} harus berupa pemetaan")
        dimana = f"tahapan ke-{i}"
        ke = tuple(_daftar(path, t, "modul", dimana))
        asing = [x for x in ke if x not in ids]
        if asing:
            raise BerkasTidakValid(f"{path}: {dimana}: modul '{asing[0]}' tidak ada di peta kursus")
        tahapan.append(Tahapan(
            id=_teks(path, t, "id", dimana), nama=_teks(path, t, "nama", dimana),
            kegiatan=_teks(path, t, "kegiatan", dimana), hasil=_teks(path, t, "hasil", dimana),
            modul=ke,
        ))
    return Kursus(
        judul=_teks(path, data, "judul", "peta kursus"),
        subjudul=str(data.get("subjudul") or ""),
        hasil_akhir=str(data.get("hasil_akhir") or ""),
        modul=tuple(modul),
        tahapan=tuple(tahapan),
    )


def load_teks(modul_id: str, folder: Path | None = None) -> str:
    """The learning text (markdown) of a module: ``teks/<notebook stem>.md``."""
    base = _folder(folder)
    m = load_kursus(base).cari(modul_id)
    path = base / "teks" / (Path(m.notebook).stem + ".md")
    try:
        teks = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BerkasTidakValid(f"{path}: teks modul '{modul_id}' tidak ditemukan") from None
    except UnicodeDecodeError:
        raise BerkasTidakValid(f"{path}: bukan teks UTF-8") from None
    if not teks.strip():
        raise BerkasTidakValid(f"{path}: teks modul '{modul_id}' kosong")
    return teks


def _soal(path: Path, i: int, s: Any) -> Soal:
    if not isinstance(s, dict):
        raise BerkasTidakValid(f"{path}: soal ke-{i} harus berupa pemetaan")
    sid = str(s.get("id") or f"ke-{i}")
    pilihan = s.get("pilihan")
    if not isinstance(pilihan, dict):
        raise BerkasTidakValid(f"{path}: soal '{sid}': 'pilihan' harus berupa pemetaan a-d")
    try:
        return Soal(
            id=str(s.get("id") or ""), modul=str(s.get("modul") or ""),
            pertanyaan=str(s.get("pertanyaan") or "").strip(),
            pilihan=tuple((str(h), str(t).strip()) for h, t in pilihan.items()),
            kunci=str(s.get("kunci") or "").strip(),
            pembahasan=str(s.get("pembahasan") or "").strip(),
        )
    except InputTidakValid as e:
        dimana = "" if s.get("id") else f"soal ke-{i}: "
        raise BerkasTidakValid(f"{path}: {dimana}{e}") from None


def _bank(folder: Path | None) -> tuple[Path, dict[str, Any], list[Soal]]:
    path = _folder(folder) / "soal.yaml"
    data = _baca_yaml(path)
    bank = [_soal(path, i, s) for i, s in enumerate(_daftar(path, data, "soal", "bank soal"), 1)]
    dilihat: set[str] = set()
    for s in bank:
        if s.id in dilihat:
            raise BerkasTidakValid(f"{path}: soal '{s.id}': id muncul lebih dari sekali")
        dilihat.add(s.id)
        if s.modul not in MODUL_PESERTA:
            raise BerkasTidakValid(f"{path}: soal '{s.id}': modul '{s.modul}' tidak dikenal")
    return path, data, bank


def load_soal(folder: Path | None = None) -> list[Soal]:
    """The whole question bank, in file order, every question checked."""
    return _bank(folder)[2]


def soal_tes(folder: Path | None = None) -> list[str]:
    """The ids of the questions used in both the pre-test and the post-test, in file order."""
    path, data, bank = _bank(folder)
    tes = data.get("tes")
    if not isinstance(tes, dict):
        raise BerkasTidakValid(f"{path}: 'tes' harus berisi daftar 'soal' untuk pre/post-test")
    ids = [str(x) for x in _daftar(path, tes, "soal", "tes")]
    ada = {s.id for s in bank}
    for x in ids:
        if x not in ada:
            raise BerkasTidakValid(f"{path}: tes: soal '{x}' tidak ada di bank soal")
    if len(set(ids)) != len(ids):
        raise BerkasTidakValid(f"{path}: tes: ada id soal yang disebut dua kali")
    return ids


@dataclass(frozen=True)
class AspekEvaluasi:
    """One Likert aspect on the organisers."""

    kode: str
    label: str
    pertanyaan: str


@dataclass(frozen=True)
class FormEvaluasi:
    """The course evaluation form of ``evaluasi.yaml`` (facilitator names come from the class)."""

    skala: dict[int, str]
    penyelenggara: tuple[AspekEvaluasi, ...]
    pertanyaan_fasilitator: str
    pertanyaan_komentar: str


def load_evaluasi(folder: Path | None = None) -> FormEvaluasi:
    """Read ``evaluasi.yaml``: a 1-5 scale with labels and the aspects on the organisers."""
    path = _folder(folder) / "evaluasi.yaml"
    data = _baca_yaml(path)
    skala = data.get("skala")
    if not isinstance(skala, dict) or sorted(skala) != [1, 2, 3, 4, 5]:
        raise BerkasTidakValid(f"{path}: 'skala' harus memberi label untuk nilai 1, 2, 3, 4, dan 5")
    aspek: list[AspekEvaluasi] = []
    for i, a in enumerate(_daftar(path, data, "penyelenggara", "evaluasi"), start=1):
        if not isinstance(a, dict):
            raise BerkasTidakValid(f"{path}: aspek penyelenggara ke-{i} harus berupa pemetaan")
        dimana = f"aspek penyelenggara ke-{i}"
        kode = _teks(path, a, "kode", dimana)
        if any(x.kode == kode for x in aspek):
            raise BerkasTidakValid(f"{path}: aspek '{kode}': kode muncul lebih dari sekali")
        aspek.append(AspekEvaluasi(kode, _teks(path, a, "label", dimana),
                                   _teks(path, a, "pertanyaan", dimana)))
    fas = data.get("fasilitator") if isinstance(data.get("fasilitator"), dict) else {}
    kom = data.get("komentar") if isinstance(data.get("komentar"), dict) else {}
    return FormEvaluasi(
        skala={int(k): str(v) for k, v in skala.items()},
        penyelenggara=tuple(aspek),
        pertanyaan_fasilitator=str(fas.get("pertanyaan", "")).strip(),
        pertanyaan_komentar=str(kom.get("pertanyaan", "")).strip(),
    )
