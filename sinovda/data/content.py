"""Course content from ``modul/``: the course map, learning texts, question bank, evaluation form.

The question bank is ``soal.yaml`` (participant-readable: quiz questions with keys, test questions
without) plus ``kunci_tes.yaml`` (the test's keys, read only by the server that scores a test).

Every loader reads the files at call time (the folder is ``sinovda.paths.MODUL_DIR`` unless given)
and raises ``BerkasTidakValid`` naming the file and the key when a file is malformed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinovda import paths
from sinovda.data.settings import baca_yaml, skala_jenjang
from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.domain.soal import AturanButir, KunciSoal, Soal

# The answer-field contract of docs/arsitektur.md: modul id -> the fields it may hold.
KONTRAK_FIELD: dict[str, tuple[str, ...]] = {
    "pengantar": ("pretest", "pretest_selesai", "pretest_skor", "kuis"),
    "masalah": ("isu", "isu_inti", "alasan_isu_inti", "fishbone", "akar_masalah", "pemangku",
                "kuis"),
    "inovasi": ("inovasi", "kriteria", "komponen", "rencana_aksi", "kuis"),
    "indikator": ("indikator", "kuis"),
    "monev": ("realisasi", "analisis", "kuis"),
    "replikasi": ("kesiapan", "integrasi", "keberhasilan", "keberlanjutan", "hambatan", "strategi",
                  "replikasi", "kuis"),
    "penutup": ("posttest", "posttest_selesai", "posttest_skor", "evaluasi", "kuis"),
    "penilaian": ("rubrik", "catatan"),
}
MODUL_PESERTA = ("pengantar", "masalah", "inovasi", "indikator", "monev", "replikasi", "penutup")
FIELD_KUIS = "kuis"  # each participant module's quiz answers {soal_id: huruf} (sinovda.forms.kuis)


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


BERKAS_SOAL = "soal.yaml"
BERKAS_KUNCI_TES = "kunci_tes.yaml"


def _soal(path: Path, i: int, s: Any, level: dict[str, str]) -> Soal:
    if not isinstance(s, dict):
        raise BerkasTidakValid(f"{path}: soal ke-{i} harus berupa pemetaan")
    sid = str(s.get("id") or f"ke-{i}")
    pilihan = s.get("pilihan")
    if not isinstance(pilihan, dict):
        raise BerkasTidakValid(f"{path}: soal '{sid}': 'pilihan' harus berupa pemetaan a-d")
    lv = str(s.get("level") or "").strip()
    if lv not in level:
        kenal = ", ".join(level)
        raise BerkasTidakValid(f"{path}: soal '{sid}': level '{lv}' tidak dikenal "
                               f"(yang dikenal: {kenal})")
    kunci = s.get("kunci")
    try:
        return Soal(
            id=str(s.get("id") or ""), modul=str(s.get("modul") or ""),
            pertanyaan=str(s.get("pertanyaan") or "").strip(),
            pilihan=tuple((str(h), str(t).strip()) for h, t in pilihan.items()),
            kunci=None if kunci is None else str(kunci).strip(),
            pembahasan=str(s.get("pembahasan") or "").strip(),
            level=lv,
        )
    except InputTidakValid as e:
        dimana = "" if s.get("id") else f"soal ke-{i}: "
        raise BerkasTidakValid(f"{path}: {dimana}{e}") from None


@dataclass(frozen=True)
class _Bank:
    path: Path
    level: dict[str, str]
    soal: list[Soal]
    tes: list[str]
    kisi_kisi: dict[str, dict[str, int]]


def _level(path: Path, data: dict[str, Any]) -> dict[str, str]:
    level = data.get("level")
    if not isinstance(level, dict) or not level:
        raise BerkasTidakValid(f"{path}: 'level' harus memetakan kode level (mis. C1) ke namanya")
    return {str(k): str(v) for k, v in level.items()}


def _kisi_kisi(path: Path, tes: dict[str, Any], level: dict[str, str]) -> dict[str, dict[str, int]]:
    kisi = tes.get("kisi_kisi")
    if not isinstance(kisi, dict) or not kisi:
        raise BerkasTidakValid(f"{path}: tes: 'kisi_kisi' harus memetakan modul ke "
                               "{level: banyak soal}")
    hasil: dict[str, dict[str, int]] = {}
    for modul, per_level in kisi.items():
        if modul not in MODUL_PESERTA:
            raise BerkasTidakValid(f"{path}: tes.kisi_kisi: modul '{modul}' tidak dikenal")
        if not isinstance(per_level, dict):
            raise BerkasTidakValid(f"{path}: tes.kisi_kisi.{modul} harus {{level: banyak soal}}")
        for lv, n in per_level.items():
            if str(lv) not in level:
                raise BerkasTidakValid(f"{path}: tes.kisi_kisi.{modul}: level '{lv}' tidak dikenal")
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise BerkasTidakValid(f"{path}: tes.kisi_kisi.{modul}.{lv}: '{n}' harus "
                                       "bilangan bulat 0 atau lebih")
        hasil[str(modul)] = {str(lv): int(n) for lv, n in per_level.items() if n}
    return hasil


def _bank(folder: Path | None) -> _Bank:
    path = _folder(folder) / BERKAS_SOAL
    data = _baca_yaml(path)
    level = _level(path, data)
    bank = [_soal(path, i, s, level)
            for i, s in enumerate(_daftar(path, data, "soal", "bank soal"), 1)]
    dilihat: set[str] = set()
    for s in bank:
        if s.id in dilihat:
            raise BerkasTidakValid(f"{path}: soal '{s.id}': id muncul lebih dari sekali")
        dilihat.add(s.id)
        if s.modul not in MODUL_PESERTA:
            raise BerkasTidakValid(f"{path}: soal '{s.id}': modul '{s.modul}' tidak dikenal")
    tes = data.get("tes")
    if not isinstance(tes, dict):
        raise BerkasTidakValid(f"{path}: 'tes' harus berisi daftar 'soal' untuk pre/post-test")
    ids = [str(x) for x in _daftar(path, tes, "soal", "tes")]
    per_id = {s.id: s for s in bank}
    for x in ids:
        if x not in per_id:
            raise BerkasTidakValid(f"{path}: tes: soal '{x}' tidak ada di bank soal")
    if len(set(ids)) != len(ids):
        raise BerkasTidakValid(f"{path}: tes: ada id soal yang disebut dua kali")
    for s in bank:
        if s.id in ids and s.berkunci:
            raise BerkasTidakValid(
                f"{path}: soal tes '{s.id}': kunci dan pembahasan soal tes harus ditulis di "
                f"{BERKAS_KUNCI_TES}, bukan di sini (berkas ini dapat dibaca peserta)")
        if s.id not in ids and not s.berkunci:
            raise BerkasTidakValid(f"{path}: soal kuis '{s.id}': 'kunci' dan 'pembahasan' "
                                   "wajib diisi")
    kisi = _kisi_kisi(path, tes, level)
    hitung: dict[str, dict[str, int]] = {}
    for x in ids:
        s = per_id[x]
        hitung.setdefault(s.modul, {}).setdefault(s.level, 0)
        hitung[s.modul][s.level] += 1
    for modul in sorted(set(kisi) | set(hitung)):
        for lv in sorted(set(kisi.get(modul, {})) | set(hitung.get(modul, {}))):
            mau, ada = kisi.get(modul, {}).get(lv, 0), hitung.get(modul, {}).get(lv, 0)
            if mau != ada:
                raise BerkasTidakValid(
                    f"{path}: tes: kisi-kisi meminta {mau} soal modul '{modul}' level {lv}, "
                    f"tes.soal berisi {ada}")
    return _Bank(path, level, bank, ids, kisi)


def load_soal(folder: Path | None = None) -> list[Soal]:
    """The whole question bank as participants may see it, in file order, every question
    checked: quiz questions with key and explanation, test questions WITHOUT (see
    ``load_soal_tes_berkunci``)."""
    return _bank(folder).soal


def load_level(folder: Path | None = None) -> dict[str, str]:
    """The cognitive levels of the bank: ``{kode: nama}`` (e.g. ``{"C1": "Mengingat", ...}``)."""
    return _bank(folder).level


def soal_tes(folder: Path | None = None) -> list[str]:
    """The ids of the questions used in both the pre-test and the post-test, in file order
    (checked against the blueprint ``tes.kisi_kisi``)."""
    return _bank(folder).tes


def kisi_kisi_tes(folder: Path | None = None) -> dict[str, dict[str, int]]:
    """The test blueprint: ``{modul: {level: banyak soal}}``."""
    return _bank(folder).kisi_kisi


def soal_kuis(modul_id: str | None = None, folder: Path | None = None) -> list[Soal]:
    """The quiz questions (every question not in the test), of one module or all, in file
    order; each carries its key and explanation."""
    b = _bank(folder)
    tes = set(b.tes)
    return [s for s in b.soal if s.id not in tes and (modul_id is None or s.modul == modul_id)]


def load_aturan_butir(folder: Path | None = None) -> AturanButir:
    """The item-statistics rules of ``soal.yaml`` (``statistik_butir``)."""
    path = _folder(folder) / BERKAS_SOAL
    b = baca_yaml(path)
    kelompok = b.angka("statistik_butir.kelompok")
    try:
        return AturanButir(
            kelompok=float(kelompok or 0),
            kesukaran=skala_jenjang(b, "statistik_butir.kesukaran", "tingkat kesukaran"),
            daya_beda=skala_jenjang(b, "statistik_butir.daya_beda", "daya beda"))
    except InputTidakValid as e:
        raise BerkasTidakValid(f"{path}: statistik_butir: {e}") from None


def path_kunci_tes(folder: Path | None = None) -> Path:
    """Where the test's answer key lives (read only by the server)."""
    return _folder(folder) / BERKAS_KUNCI_TES


def load_kunci_tes(folder: Path | None = None) -> dict[str, KunciSoal]:
    """The test's keys and explanations ``{soal_id: KunciSoal}`` (server side only): exactly
    the ids of ``tes.soal``, each key one of that question's choices."""
    b = _bank(folder)
    path = path_kunci_tes(folder)
    try:
        data = _baca_yaml(path)
    except PermissionError:
        raise BerkasTidakValid(f"{path}: kunci tes hanya dapat dibaca oleh server") from None
    kunci = data.get("kunci")
    if not isinstance(kunci, dict):
        raise BerkasTidakValid(f"{path}: 'kunci' harus memetakan id soal ke {{kunci, pembahasan}}")
    per_id = {s.id: s for s in b.soal}
    hasil: dict[str, KunciSoal] = {}
    for sid, isi in kunci.items():
        sid = str(sid)
        if sid not in b.tes:
            raise BerkasTidakValid(f"{path}: soal '{sid}' bukan soal tes (tes.soal di "
                                   f"{BERKAS_SOAL})")
        if not isinstance(isi, dict):
            raise BerkasTidakValid(f"{path}: soal '{sid}' harus berisi kunci dan pembahasan")
        k = KunciSoal(str(isi.get("kunci") or "").strip(),
                      str(isi.get("pembahasan") or "").strip())
        try:
            per_id[sid].dengan_kunci(k)
        except InputTidakValid as e:
            raise BerkasTidakValid(f"{path}: {e}") from None
        hasil[sid] = k
    kurang = [x for x in b.tes if x not in hasil]
    if kurang:
        raise BerkasTidakValid(f"{path}: soal tes '{kurang[0]}' belum punya kunci")
    return hasil


def load_soal_tes_berkunci(folder: Path | None = None) -> list[Soal]:
    """The test's questions WITH keys and explanations, in ``tes.soal`` order (server side:
    scoring in ``sinovda.store.tes``)."""
    b = _bank(folder)
    kunci = load_kunci_tes(folder)
    per_id = {s.id: s for s in b.soal}
    return [per_id[x].dengan_kunci(kunci[x]) for x in b.tes]


def _milik_saya(path: Path, mode: int) -> None:
    st = path.stat()
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        os.chown(path, os.geteuid(), os.getegid())
    path.chmod(mode)


def lindungi_kunci(folder: Path | None = None, demo: Path | None = None) -> Path:
    """Make the test key readable by this process's OS user only (mode 0600, owned by it):
    called by ``sinovda hub`` so participants' kernels (other OS users) cannot read it. The demo
    workbooks (``datasets/demo/workbooks``, or ``demo``) are closed too (0700): their simulated
    test answers, taken together, would reveal the key."""
    path = path_kunci_tes(folder)
    try:
        _milik_saya(path, 0o600)
        buku = Path(demo) if demo is not None else paths.DATASETS_DIR / "demo" / "workbooks"
        if buku.is_dir():
            _milik_saya(buku, 0o700)
    except OSError as e:
        raise BerkasTidakValid(f"{e.filename or path}: kunci tes tidak dapat dikunci: "
                               f"{e.strerror}") from None
    return path


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
    fas = data.get("fasilitator")
    fas = fas if isinstance(fas, dict) else {}
    kom = data.get("komentar")
    kom = kom if isinstance(kom, dict) else {}
    return FormEvaluasi(
        skala={int(k): str(v) for k, v in skala.items()},
        penyelenggara=tuple(aspek),
        pertanyaan_fasilitator=str(fas.get("pertanyaan", "")).strip(),
        pertanyaan_komentar=str(kom.get("pertanyaan", "")).strip(),
    )
