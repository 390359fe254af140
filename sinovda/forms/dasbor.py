"""The facilitator's dashboard: live progress, problems, innovations, indicators, pre-test.

Everything is read in one go through the store's bulk reads (``daftar_peserta``,
``load_all_peserta``, ``last_activity``), so it works the same on the class DB and, under the hub,
through the store service with the facilitator's token. ``ringkas_kelas(store)`` computes the
figures (tested directly); ``Dasbor(store)`` shows them with a refresh button.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w

from sinovda.forms.panel import Mentah, esc, kotak, tabel
from sinovda.view import kelas as vk

BATAS_MACET_MENIT = 20
LABEL_STATUS = {"selesai": "✔ selesai", "sedang": "… sedang", "belum": "–"}


@dataclass(frozen=True)
class BarisProgres:
    """One participant's row of the progress table."""

    nip: str
    nama: str
    opd: str
    status: dict[str, str]  # modul id -> belum/sedang/selesai
    persen: float
    terakhir: str | None  # ISO time of the last save
    menit_diam: float | None  # minutes since the last save
    macet: bool  # not done and no save for BATAS_MACET_MENIT minutes


BarisMasalah = vk.BarisIsuInti  # a participant's core issue with its USG scores (the view)
CekKelas = vk.CekKelas  # share of the class's indicators passing one SMART check (the view)


@dataclass(frozen=True)
class SoalKelas:
    """Pre-test results for one question across the class."""

    id: str
    pertanyaan: str
    menjawab: int
    benar: int

    @property
    def persen(self) -> float:
        return 100 * self.benar / self.menjawab if self.menjawab else 0.0


@dataclass
class RingkasanKelas:
    """All the dashboard's figures for one moment."""

    nama_kelas: str
    waktu: str
    modul: list[tuple[str, str]]  # (id, nomor + judul)
    progres: list[BarisProgres] = field(default_factory=list)
    masalah: list[BarisMasalah] = field(default_factory=list)
    kategori_sebab: Counter = field(default_factory=Counter)
    inovasi: dict[str, Counter] = field(default_factory=dict)  # bentuk/jenis/urusan -> counts
    smart: list[CekKelas] = field(default_factory=list)
    jumlah_indikator: int = 0
    pretest: list[SoalKelas] = field(default_factory=list)
    peserta_pretest: int = 0
    butir: dict[str, list[Any]] = field(default_factory=dict)  # tes -> view.tes.StatistikButir
    galat: list[str] = field(default_factory=list)  # participants whose data could not be read
    agregat: vk.AgregatKelas | None = None  # the class figures the recap shows too (view.kelas)


def _waktu(iso: str | None) -> dt.datetime | None:
    if not iso:
        return None
    t = dt.datetime.fromisoformat(iso)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def _progres(peserta, progres, aktivitas, sekarang, batas_menit) -> list[BarisProgres]:
    """Each participant's row: statuses and percentage from the class view (as module 00, the
    report and the recap), idle time from the store's last activity."""
    hasil = []
    for p in peserta:
        v = progres[p.nip]
        status = v.status
        t = _waktu(aktivitas.get(p.nip))
        diam = (sekarang - t).total_seconds() / 60 if t else None
        selesai = all(x == "selesai" for x in status.values())
        macet = not selesai and diam is not None and diam >= batas_menit
        hasil.append(BarisProgres(p.nip, p.nama, p.opd, status, v.persen,
                                  aktivitas.get(p.nip), diam, macet))
    return hasil


def _butir(store: Any) -> dict[str, list[Any]]:
    """Item statistics of both tests for the class: the right/wrong matrix comes from the
    server (``sinovda.store.tes.koreksi_kelas``: the key never reaches this kernel)."""
    from sinovda.store.tes import koreksi_kelas
    from sinovda.view.tes import TES, statistik_kelas

    return statistik_kelas({tes: koreksi_kelas(store, tes) for tes in TES})


def ringkas_kelas(
    store: Any,
    sekarang: dt.datetime | None = None,
    batas_macet_menit: float = BATAS_MACET_MENIT,
    kursus: Any = None,
) -> RingkasanKelas:
    """Read the whole class once and compute every figure of the dashboard."""
    from sinovda.data import content

    sekarang = sekarang or dt.datetime.now(dt.UTC)
    kursus = kursus or content.load_kursus()
    peserta = store.daftar_peserta()
    semua = store.load_all_peserta()
    aktivitas = store.last_activity()
    r = RingkasanKelas(
        nama_kelas=str(store.kelas_info().get("nama", "")),
        waktu=sekarang.astimezone().strftime("%d-%m-%Y %H:%M"),
        modul=[(m.id, f"{m.nomor} {m.judul}") for m in kursus.modul],
    )
    v = vk.lihat_kelas(peserta, semua, kursus)  # the class view: the recap counts the same
    r.progres = _progres(peserta, v.progres, aktivitas, sekarang, batas_macet_menit)
    r.masalah, r.galat = v.masalah, v.galat
    r.agregat = v.agregat
    r.kategori_sebab, r.inovasi = v.agregat.sebab, v.agregat.inovasi
    r.smart, r.jumlah_indikator = v.smart, v.jumlah_indikator
    r.butir = _butir(store)
    pre = r.butir["pretest"]
    r.peserta_pretest = pre[0].n if pre else 0
    r.pretest = [SoalKelas(b.id, b.pertanyaan, b.n, b.benar) for b in pre] \
        if r.peserta_pretest else []
    return r


# ----- HTML ----------------------------------------------------------------------------------
def _menit(m: float | None, terakhir: str | None = None) -> str:
    """How long ago, in words: minutes, hours, days; past a week the date itself."""
    from sinovda.domain.peserta import NAMA_BULAN

    if m is None:
        return "belum pernah menyimpan"
    if m < 1:
        return "baru saja"
    if m < 60:
        return f"{int(m)} menit lalu"
    if m < 24 * 60:
        return f"{int(m // 60)} jam lalu"
    if m < 7 * 24 * 60 or not terakhir:
        return f"{int(m // (24 * 60))} hari lalu"
    t = _waktu(terakhir)
    assert t is not None
    t = t.astimezone()
    return f"{t.day} {NAMA_BULAN[t.month - 1]} {t.year}"


def html_progres(r: RingkasanKelas) -> str:
    """The progress table, stuck participants first and highlighted."""
    if not r.progres:
        return kotak("Belum ada peserta di kelas ini.", "peringatan")
    macet = [b for b in r.progres if b.macet]
    urut = sorted(r.progres, key=lambda b: (not b.macet, b.persen, b.nama))
    kepala = ["Peserta", "OPD", *[j for _, j in r.modul], "Kemajuan", "Simpan terakhir"]
    baris = []
    for b in urut:
        tanda = Mentah("<b style='color:#b00020'>⚠ macet</b> ") if b.macet else ""
        nama = Mentah(f"{tanda}{esc(b.nama)}<br><small>{esc(b.nip)}</small>")
        baris.append([nama, b.opd, *[LABEL_STATUS[b.status.get(m, "belum")] for m, _ in r.modul],
                      f"{b.persen:.0f}%", _menit(b.menit_diam, b.terakhir)])
    selesai = r.agregat.selesai_semua if r.agregat else sum(b.persen >= 100 for b in r.progres)
    ringkas = (f"{len(r.progres)} peserta · {selesai} menyelesaikan semua modul · "
               f"{len(macet)} tampak macet (belum selesai dan tidak menyimpan apa pun "
               f"selama {BATAS_MACET_MENIT} menit atau lebih)")
    jenis = "peringatan" if macet else "info"
    return kotak(esc(ringkas), jenis) + tabel(kepala, baris)


def html_masalah(r: RingkasanKelas) -> str:
    """Core issues ranked by USG, and fishbone causes by category."""
    if not r.masalah:
        isi = kotak("Belum ada peserta yang menilai isu dengan USG.", "info")
    else:
        isi = tabel(["#", "Isu inti", "Peserta", "U", "S", "G", "Total"],
                    [[i, b.judul, b.nama, *(_skor(x) for x in (b.u, b.s, b.g, b.total))]
                     for i, b in enumerate(r.masalah, 1)])
    kat = tabel(["Kategori sebab (fishbone)", "Jumlah sebab"], vk.urut_hitungan(r.kategori_sebab))
    kat = kat if r.kategori_sebab else "<i>belum ada</i>"
    return isi + "<h4>Sebab menurut kategori</h4>" + kat


def _skor(x: int | None) -> str:
    return "-" if x is None else str(x)


def html_inovasi(r: RingkasanKelas) -> str:
    """Innovations counted by bentuk, jenis and urusan."""
    bagian = []
    for k, judul in (("bentuk", "Bentuk"), ("jenis", "Jenis"), ("urusan", "Urusan")):
        c = r.inovasi.get(k) or Counter()
        isi = tabel([judul, "Jumlah inovasi"], vk.urut_hitungan(c)) if c else "<i>belum ada</i>"
        bagian.append(f"<div style='margin-right:2em'><h4>Menurut {judul.lower()}</h4>{isi}</div>")
    return "<div style='display:flex;flex-wrap:wrap'>" + "".join(bagian) + "</div>"


def html_smart(r: RingkasanKelas) -> str:
    """Share of the class's indicators passing each SMART check."""
    if not r.jumlah_indikator:
        return kotak("Belum ada indikator yang ditulis peserta.", "info")
    baris = [[c.aspek, c.kode.replace("_", " "), f"{c.lolos}/{c.jumlah}",
              Mentah(_batang(c.persen))] for c in sorted(r.smart, key=lambda c: c.persen)]
    return (f"<p>{r.jumlah_indikator} indikator dari seluruh peserta; yang paling sering "
            "belum terpenuhi di atas.</p>" + tabel(["Aspek", "Pemeriksaan", "Lolos", "%"], baris))


def html_pretest(r: RingkasanKelas) -> str:
    """Pre-test: share of correct answers per question, hardest first."""
    if not r.peserta_pretest:
        return kotak("Belum ada peserta yang mengumpulkan pre-test.", "info")
    baris = [[s.id, s.pertanyaan, f"{s.benar}/{s.menjawab}", Mentah(_batang(s.persen))]
             for s in sorted(r.pretest, key=lambda s: s.persen)]
    return (f"<p>{r.peserta_pretest} peserta sudah mengumpulkan pre-test. Soal yang paling "
            "banyak dijawab salah di atas: bahas saat sesi.</p>"
            + tabel(["Soal", "Pertanyaan", "Benar", "%"], baris))


def html_butir(r: RingkasanKelas) -> str:
    """Item statistics of the pre-test and the post-test (difficulty, discrimination), weak
    questions marked, so the bank can be improved."""
    from sinovda.view.tes import KOLOM_STATISTIK, baris_statistik

    bagian = ["<p>p = bagian peserta yang menjawab benar (tingkat kesukaran). D = p kelompok "
              "27% nilai tertinggi dikurangi p kelompok 27% terendah (daya beda). r pbis = "
              "korelasi butir dengan nilai total. Soal bertanda <b>perlu ditinjau</b> (D rendah "
              "atau negatif) sebaiknya diperiksa kunci dan rumusannya.</p>"]
    for tes, judul in (("pretest", "Pre-test"), ("posttest", "Post-test")):
        stat = r.butir.get(tes) or []
        n = stat[0].n if stat else 0
        bagian.append(f"<h4>{judul} · {n} peserta</h4>")
        if not n:
            bagian.append(kotak(f"Belum ada peserta yang mengirim {judul.lower()}.", "info"))
            continue
        bagian.append(tabel(list(KOLOM_STATISTIK), baris_statistik(stat)))
    return "".join(bagian)


def _batang(persen: float) -> str:
    warna = "#1b5e20" if persen >= 75 else "#8a4b00" if persen >= 50 else "#b00020"
    return (f"<div style='width:120px;background:#eee;display:inline-block'>"
            f"<div style='width:{persen * 1.2:.0f}px;background:{warna};height:0.8em'></div>"
            f"</div> {persen:.0f}%")


BAGIAN = (
    ("Kemajuan", html_progres),
    ("Masalah", html_masalah),
    ("Inovasi", html_inovasi),
    ("Mutu indikator", html_smart),
    ("Pre-test", html_pretest),
    ("Butir soal", html_butir),
)


class Dasbor:
    """The dashboard widget: a header, a refresh button and one tab per section."""

    def __init__(self, store: Any, batas_macet_menit: float = BATAS_MACET_MENIT) -> None:
        self.store = store
        self.batas_macet_menit = batas_macet_menit
        self.kepala = w.HTML()
        self.tombol = w.Button(description="Muat ulang", icon="refresh", button_style="primary")
        self.tombol.on_click(lambda _: self.perbarui())
        self.isi = [w.HTML() for _ in BAGIAN]
        self.tab = w.Tab(children=self.isi, titles=[j for j, _ in BAGIAN])
        self.widget = w.VBox([w.HBox([self.tombol, self.kepala]), self.tab])
        self.ringkasan: RingkasanKelas | None = None
        self.perbarui()

    def perbarui(self) -> None:
        """Read the class again and redraw every section."""
        try:
            r = ringkas_kelas(self.store, batas_macet_menit=self.batas_macet_menit)
        except Exception as e:  # noqa: BLE001 - show the reason instead of a traceback
            self.kepala.value = kotak(f"Data kelas tidak dapat dibaca: {esc(e)}", "galat")
            return
        self.ringkasan = r
        galat = "".join(kotak(f"Data tidak terbaca: {esc(g)}", "peringatan") for g in r.galat)
        self.kepala.value = (f"<b>{esc(r.nama_kelas)}</b> · diperbarui {esc(r.waktu)}" + galat)
        for wid, (_, fungsi) in zip(self.isi, BAGIAN, strict=True):
            wid.value = fungsi(r)


def tampilkan(store: Any = None) -> Dasbor:
    """Show the dashboard for the active class (under the hub: through the store service)."""
    import os

    from IPython.display import display

    from sinovda.forms import konteks

    if "/voila/render/" in os.environ.get("SCRIPT_NAME", ""):  # a Voila page: its neighbours
        display(w.HTML("<div style='margin-bottom:0.5em'>Halaman fasilitator: "
                       "<a href='admin_kelas.ipynb' target='_self'>Admin Kelas</a> (roster, kode "
                       "akses, riwayat, kunci modul, rilis hasil, sertifikat) · "
                       "<a href='penilaian.ipynb' target='_self'>Penilaian rencana aksi</a></div>"))
    from sinovda.forms import pilih_kelas

    st = store if store is not None else konteks.store_aktif()
    pilih = pilih_kelas.siapkan(st)  # a hub serving several classes: the trainer's classes
    if pilih is not None:
        display(pilih.widget)
    d = Dasbor(st)
    if pilih is not None:
        pilih.saat_ganti.append(lambda _: d.perbarui())
    display(d.widget)
    return d
