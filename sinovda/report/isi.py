"""The sections of one participant's report, as display objects (``Bagian``: escaped HTML).

``Laporan(kelas, nip)`` reads the class store once; each method returns one section. The
notebook ``notebooks/laporan_peserta.ipynb`` calls one method per cell; ``Laporan.semua()``
gives every section in order (used without a kernel by the benchmark floor and the tests).
No state is kept between participants: each ``Laporan`` holds only its own participant.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.report import hitung
from sinovda.report.tampil import (
    Bagian,
    Mentah,
    angka,
    daftar_isian,
    esc,
    gambar,
    kosong,
    lencana,
    paragraf,
    tabel,
)

URUTAN = ("identitas", "masalah", "inovasi", "rencana_aksi", "indikator", "capaian",
          "kesiapan", "tes", "rubrik", "evaluasi", "pengesahan")


class Laporan:
    """One participant's report data (identity, answers, class) and its sections."""

    def __init__(self, kelas: str | Path, nip: str) -> None:
        from sinovda.store import Store

        self.folder: Path | None = Path(kelas)
        st = Store.open(Path(kelas))
        try:
            peserta = st.get_peserta(str(nip))
            if peserta is None:
                raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas {kelas}")
            self.peserta: Peserta = peserta
            self.jawaban: dict[str, dict[str, Any]] = st.load_all(peserta.nip)
            self.kelas: dict[str, Any] = st.kelas_info()
        finally:
            st.close()

    @classmethod
    def dari_data(cls, peserta: Peserta, jawaban: Mapping[str, Mapping[str, Any]],
                  kelas: Mapping[str, Any] | None = None) -> Laporan:
        """A report from data already in memory (no store)."""
        obj = cls.__new__(cls)
        obj.peserta = peserta
        obj.jawaban = {m: dict(v) for m, v in jawaban.items()}
        obj.kelas = dict(kelas or {})
        obj.folder = None
        return obj

    def semua(self) -> list[Bagian]:
        """Every section in report order."""
        return [getattr(self, nama)() for nama in URUTAN]

    def _j(self, modul: str, field: str, bawaan: Any = None) -> Any:
        from sinovda.view.jawaban import ambil  # the view's safe reader of stored answers

        return ambil(self.jawaban, modul, field, bawaan)

    # -- sections ---------------------------------------------------------------------------

    def identitas(self) -> Bagian:
        p = self.peserta
        isi = daftar_isian([
            ("Nama", p.nama), ("NIP", p.nip), ("Jabatan", p.jabatan or "-"),
            ("Perangkat Daerah (OPD)", p.opd or "-"), ("Instansi", p.instansi or "-"),
            ("Kelas", self.kelas.get("nama", "-")),
        ])
        prog = hitung.progres(self.jawaban)
        baris = [(m["judul"], lencana(m["status"], _WARNA_STATUS.get(m["status"], "")))
                 for m in prog["modul"]]
        isi += "<h3>Kemajuan belajar</h3>" + tabel(("Modul", "Status"), baris, lebar=(70, 30))
        isi += paragraf(f"Kemajuan keseluruhan: {angka(prog['persen'], 0)}%")
        return Bagian("Identitas peserta", isi, "identitas")

    def masalah(self) -> Bagian:
        v = hitung.lihat_masalah(self.jawaban)
        if v.galat:  # unreadable data: no report to sign; the batch names the reason
            raise InputTidakValid("; ".join(v.galat))
        if not v.isu:
            return Bagian("Identifikasi masalah", kosong("Belum ada isu yang diisi."), "masalah")
        inti = v.isu_inti or "-"
        if v.isu_inti and not v.isu_inti_dipilih:
            inti += " (bawaan: peringkat USG teratas)"
        isi = daftar_isian([("Isu inti yang dipilih", inti),
                            ("Akar masalah", v.akar_masalah or "-")])
        if v.peringkat:
            isi += "<h3>Peringkat isu yang lolos APKL (USG)</h3>" + tabel(
                ("No", "Isu", "U", "S", "G", "Total", "Keterangan"),
                [(r.peringkat, r.judul, r.u, r.s, r.g, r.total, r.alasan) for r in v.peringkat],
                lebar=(6, 26, 6, 6, 6, 8, 42))
            isi += paragraf(hitung.aturan_seri(), "catatan")
            isi += gambar(hitung.grafik_usg(v.peringkat), "Grafik peringkat USG")
        else:
            isi += kosong("Belum ada isu yang lolos saringan APKL.")
        if v.gugur:
            isi += ("<h3>Isu yang tidak dilanjutkan (tidak lolos APKL)</h3><ul>"
                    + "".join(f"<li>{esc(t)}</li>" for t in v.rincian_gugur) + "</ul>")
        if v.sebab_terisi:
            isi += "<h3>Sebab masalah (fishbone)</h3>" + tabel(
                ("Kategori", "Sebab"), [(k, "; ".join(x)) for k, x in v.sebab_terisi.items()],
                lebar=(25, 75))
        if v.pemangku:
            isi += "<h3>Pemangku kepentingan</h3>" + tabel(
                ("Pemangku", "Pengaruh", "Kepentingan", "Kuadran", "Saran"),
                [(x.nama, x.pengaruh, x.kepentingan, x.kuadran, x.saran) for x in v.pemangku],
                lebar=(20, 11, 15, 25, 29))
        return Bagian("Identifikasi masalah", isi, "masalah")

    def inovasi(self) -> Bagian:
        from sinovda.view.inovasi import lihat_inovasi

        v = lihat_inovasi(self.jawaban)
        if not v.ada:
            return Bagian("Rancangan inovasi", kosong("Inovasi belum dirancang."), "inovasi")
        isi = daftar_isian([("Nama inovasi" if k == "Nama" else k, x) for k, x in v.rincian()])
        if v.kriteria is not None:
            isi += "<h3>Kriteria inovasi daerah (PP 38/2017)</h3>" + tabel(
                ("Kriteria", "Terpenuhi"), [(k.label, _ya(k.terpenuhi)) for k in v.kriteria],
                lebar=(80, 20))
            if v.kriteria_kurang:
                isi += '<ul class="catatan">' + "".join(
                    f"<li>{esc(k)}</li>" for k in v.kriteria_kurang) + "</ul>"
            else:
                isi += paragraf("Kelima kriteria terpenuhi.", "ok")
        return Bagian("Rancangan inovasi", isi, "inovasi")

    def rencana_aksi(self) -> Bagian:
        from sinovda.view.inovasi import rencana_aksi

        rows = rencana_aksi(self.jawaban)  # numbered as module 02, 06 and the grading page
        if not rows:
            return Bagian("Rencana aksi", kosong("Rencana aksi belum diisi."), "rencana-aksi")
        isi = tabel(
            ("No", "Permasalahan", "Inovasi yang direncanakan", "OPD penanggung jawab",
             "Target waktu", "Indikator keberhasilan"),
            [(i, r.permasalahan, r.inovasi, r.opd, r.target_waktu, r.indikator_keberhasilan)
             for i, r in enumerate(rows, 1)],
            lebar=(5, 20, 22, 18, 13, 22),
        )
        isi += "<h3>Tonggak capaian</h3>" + tabel(
            ("No", "Jangka pendek", "Jangka menengah", "Jangka panjang"),
            [(i, r.jangka_pendek, r.jangka_menengah, r.jangka_panjang)
             for i, r in enumerate(rows, 1)],
            lebar=(5, 31, 32, 32),
        )
        for pesan in hitung.cek_tautan(self.jawaban):
            isi += paragraf(pesan, "catatan")
        return Bagian("Rencana aksi", isi, "rencana-aksi")

    def indikator(self) -> Bagian:
        from sinovda.view.indikator import lihat_indikator

        daftar = lihat_indikator(self.jawaban)
        if not daftar:
            return Bagian("Indikator kinerja", kosong("Indikator belum diisi."), "indikator")
        isi = tabel(
            ("Kode", "Indikator", "Level", "Satuan", "Baseline", "Target", "Sumber data",
             "Penanggung jawab", "SMART"),
            [(d.kode, d.nama, d.level, d.satuan, d.baseline, d.target, d.sumber_data,
              d.penanggung_jawab, f"{d.lolos}/{d.jumlah}") for d in daftar],
            lebar=(7, 20, 9, 9, 9, 11, 13, 14, 8),
        )
        for d in daftar:
            if d.gagal:
                isi += f"<h3>{esc(d.kode)} {esc(d.nama)}: perlu diperbaiki</h3>"
                isi += "<ul>" + "".join(f"<li>{esc(c.pesan)}</li>" for c in d.gagal) + "</ul>"
            else:
                isi += paragraf(f"{d.kode} {d.nama}: semua pemeriksaan SMART terpenuhi.", "ok")
        return Bagian("Indikator kinerja dan hasil pemeriksaan SMART", isi, "indikator")

    def capaian(self) -> Bagian:
        v = hitung.lihat_kinerja(self.jawaban)
        rows = v.dilaporkan
        if not rows:
            return Bagian("Capaian kinerja", kosong("Realisasi belum diisi."), "capaian")
        isi = tabel(
            ("Indikator", "Tahun", "Target", "Realisasi", "Capaian (%)", "Predikat"),
            [(r.label, r.tahun or "-", r.target_teks, r.realisasi, angka(r.capaian),
              lencana(r.predikat_teks, r.warna or "")) for r in rows],
            lebar=(34, 8, 12, 12, 12, 22),
        )
        for r in rows:
            if r.sementara:
                isi += paragraf(f"{r.label}: {r.keterangan_sementara}.", "catatan")
        isi += gambar(hitung.grafik_capaian(v.data_grafik()), "Grafik capaian per indikator")
        analisis = self._j("monev", "analisis", [])
        if isinstance(analisis, list) and analisis:
            isi += "<h3>Analisis kesenjangan dan tindakan</h3>" + tabel(
                ("Indikator", "Kesenjangan", "Tindakan perbaikan"),
                [(a.get("indikator"), a.get("kesenjangan"), a.get("tindakan"))
                 for a in analisis if isinstance(a, Mapping)], lebar=(20, 40, 40))
        return Bagian("Capaian kinerja", isi, "capaian")

    def kesiapan(self) -> Bagian:
        hasil = hitung.kesiapan(self.jawaban)
        if hasil is None:
            isi = kosong("Penilaian kesiapan (IID) belum diisi.")
        else:
            isi = daftar_isian([
                ("Skor kesiapan", Mentah(f'<span class="angka-besar">{esc(angka(hasil["skor"]))}'
                                         "</span> dari 100")),
                ("Kategori", lencana(hasil["kategori"])),
                ("Ambang yang dipakai", hasil["keterangan"]),
            ])
            isi += paragraf(hasil["ringkasan"])
            terisi = [r for r in hasil["rincian"] if r[2]]
            if terisi:
                isi += "<h3>Indikator yang sudah memenuhi level 1-3</h3>" + tabel(
                    ("Indikator", "Bobot", "Level (0-3)", "Skor"), terisi,
                    lebar=(55, 15, 15, 15))
            isi += paragraf(f"Indikator IID: {hasil['catatan']}", "catatan")
        keb = self._j("replikasi", "keberlanjutan", {})
        if isinstance(keb, Mapping) and any(keb.values()):
            isi += "<h3>Strategi keberlanjutan</h3>" + daftar_isian(
                [(label, keb.get(k) or "-") for k, label in (
                    ("regulasi", "Regulasi"), ("anggaran", "Anggaran"), ("sdm", "SDM"),
                    ("dokumentasi", "Dokumentasi"))])
        rep = self._j("replikasi", "replikasi", {})
        if isinstance(rep, Mapping) and any(rep.values()):
            isi += "<h3>Rencana replikasi</h3>" + daftar_isian([
                ("Daerah sasaran", rep.get("daerah_sasaran") or "-"),
                ("Langkah", rep.get("langkah") or "-"), ("Jadwal", rep.get("jadwal") or "-")])
        return Bagian("Kesiapan, keberlanjutan, dan replikasi", isi, "kesiapan")

    def tes(self) -> Bagian:
        t = hitung.tes(self.jawaban)
        isi = daftar_isian([
            ("Nilai pre-test", _nilai(t["pre"])),
            ("Nilai post-test", _nilai(t["post"])),
            ("N-gain", angka(t["n_gain"]) if t["n_gain"] is not None else "-"),
            ("Kategori N-gain", t["kategori"] or "-"),
        ])
        return Bagian("Pre-test, post-test, dan N-gain", isi, "tes")

    def rubrik(self) -> Bagian:
        r = hitung.rubrik(self.jawaban)
        isi = tabel(
            ("Kriteria", "Bobot", "Skor", "Dinilai oleh", "Penjelasan"),
            [(k["nama"], angka(k["bobot"], 0), k["skor_teks"], k["sumber"], k["umpan_balik"])
             for k in r["kriteria"]],
            lebar=(22, 8, 12, 10, 48),
        )
        if r["total"] is None:
            isi += paragraf("Nilai rubrik: " + r["total_teks"])
        else:
            isi += paragraf(f"Nilai rubrik: {angka(r['total'])} dari 100", "angka-besar")
        isi += paragraf(r["rumus"], "catatan")
        if r["catatan"]:
            isi += "<h3>Catatan pelatih</h3>" + paragraf(r["catatan"])
        return Bagian("Penilaian rencana aksi (rubrik)", isi, "rubrik")

    def evaluasi(self) -> Bagian:
        ev = hitung.evaluasi(self.jawaban)
        if ev is None:
            return Bagian("Evaluasi pelatihan", kosong("Evaluasi pelatihan belum diisi."),
                          "evaluasi")
        isi = ""
        if ev["penyelenggara"]:
            isi += "<h3>Penyelenggaraan</h3>" + tabel(
                ("Aspek", "Nilai (1-5)"), [(a["label"], a["nilai"]) for a in ev["penyelenggara"]],
                lebar=(75, 25))
        if ev["fasilitator"]:
            isi += "<h3>Fasilitator</h3>" + tabel(
                ("Fasilitator", "Nilai (1-5)"), list(ev["fasilitator"].items()), lebar=(75, 25))
        isi += paragraf(f"Rata-rata penyelenggaraan: {angka(ev['rata_penyelenggara'])}; "
                        f"rata-rata fasilitator: {angka(ev['rata_fasilitator'])}")
        if ev["komentar"]:
            isi += "<h3>Komentar</h3>" + paragraf(ev["komentar"])
        return Bagian("Evaluasi pelatihan", isi, "evaluasi")


    def pengesahan(self) -> Bagian:
        """Class, place, print date and signature spaces (``sinovda.report.pengesahan``)."""
        from sinovda.report.pengesahan import blok_pengesahan, setelan_kelas

        return blok_pengesahan({**setelan_kelas(self.folder), **self.kelas}, self.peserta)


_WARNA_STATUS = {"selesai": "#1b7a2e", "sedang": "#a66b00", "belum": "#6b7280"}


def _ya(nilai: bool) -> Mentah:
    return Mentah('<span class="ok">ya</span>' if nilai else '<span class="gagal">belum</span>')


def _nilai(n: float | None) -> str:
    return "belum dikerjakan" if n is None else angka(n)
