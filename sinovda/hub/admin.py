"""Class administration operations, decided on the server, and the client the pages use.

``OperasiAdmin(kelas_dir, oleh)`` does each facilitator action on the class DB and records it
(``DataAdmin`` log: who, when, what): roster upload (same validation as ``sinovda peserta
impor``: one message listing every bad row, nothing imported on error), add/remove a
facilitator, reset a passcode, lift a login lock, lock/reopen a module, release results, class
settings, building reports and certificates. ``hasil(nip)`` is what "Hasil saya" shows (nothing
but ``dirilis: False`` before the trainer releases); ``berkas(nip, jenis)`` the participant's
report or certificate PDF, only after release.

Finished files live where every process serving the class finds them (``report.arsip``): a
SQLite class folder in ``<kelas>/laporan`` (and the recap in ``<kelas>/rekap``); a PostgreSQL
class in its own database (``store.berkas``: report PDF, certificate PDF, the recap workbook),
so any store-service replica, or one restarted on another machine, serves what another built.
The state of a run started here is kept in memory for this process and written to the admin
log when it ends, so another replica still says how the last run ended; a PostgreSQL class is
built by one process at a time (``store.berkas.satu_pembuatan``: two replicas never both build).

Under the hub these run in the store service (``sinovda.hub.layanan_admin``), which checks the
caller first (facilitators only for admin actions; a participant only their own results);
inside a Jupyter server the pages reach them with ``KlienAdmin`` (HTTP, the user's token). On one
machine (``sinovda app``/``lab``) ``layanan_aktif()`` returns the operations directly.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sinovda import paths
from sinovda.domain.errors import AksesDitolak, InputTidakValid, SinovdaError
from sinovda.hub.akun import FASILITATOR, DaftarAkun, cek_nama_fasilitator
from sinovda.store.admin import DataAdmin
from sinovda.store.kelas_lain import terdaftar_di_kelas_lain

JENIS_BERKAS = {"laporan": "laporan.pdf", "sertifikat": "sertifikat.pdf"}
REKAP_XLSX = "rekap.xlsx"
AKSI_MULAI, AKSI_SELESAI = "buat laporan dan sertifikat", "laporan selesai"
AKHIRAN_ROSTER = (".csv", ".xlsx")
UKURAN_ROSTER_MAKS = 5 * 1024 * 1024


def folder_laporan(kelas_dir: Path | str) -> Path:
    """Where ``sinovda laporan`` writes reports by default: ``<kelas>/laporan`` (what the hub
    serves a class folder from); for a PostgreSQL class ``./laporan-<key>`` (``report.batch``;
    the hub serves a PostgreSQL class from its database: ``report.arsip.arsip_kelas``)."""
    from sinovda.store import pg

    if pg.dipilih(kelas_dir):
        from sinovda.report.batch import lokasi_kelas

        return lokasi_kelas(kelas_dir)[1]
    return Path(kelas_dir) / "laporan"


class OperasiAdmin:
    """The admin actions on one class, done as ``oleh`` (e.g. ``fasilitator:budi``)."""

    def __init__(self, kelas_dir: str | Path, oleh: str = "fasilitator") -> None:
        self.kelas = Path(kelas_dir)
        self.oleh = oleh
        self.data = DataAdmin(self.kelas)
        self.akun = DaftarAkun(self.kelas)
        self._arsip: Any = None

    @property
    def di_basis_data(self) -> bool:
        """True for a PostgreSQL class (its files are kept in its database)."""
        from sinovda.store import pg

        return pg.dipilih(self.kelas)

    @property
    def arsip(self) -> Any:
        """Where this class's finished reports and certificates are kept (``report.arsip``)."""
        if self._arsip is None:
            from sinovda.report.arsip import arsip_kelas

            self._arsip = arsip_kelas(self.kelas)
        return self._arsip

    def _store(self):  # type: ignore[no-untyped-def]
        from sinovda.store import Store

        return Store.open(self.kelas)

    # ----- overview ------------------------------------------------------------------------
    def ringkas(self) -> dict[str, Any]:
        """Everything the admin page lists: roster with account state, facilitators, locks,
        locked modules, releases, class settings and the recent admin log."""
        st = self._store()
        akun = {a.nama: a for a in self.akun.daftar()}
        # locks are database-wide on PostgreSQL: this class's accounts and client addresses
        terkunci = {k.kunci: k.sampai_teks() for k in self.akun.daftar_terkunci()
                    if k.jenis != "nama" or k.kunci in akun}
        peserta = [
            {"nip": p.nip, "nama": p.nama, "opd": p.opd,
             "punya_kode": bool(akun.get(p.nip) and akun[p.nip].punya_kode),
             "terkunci_sampai": terkunci.get(p.nip, "")}
            for p in st.daftar_peserta()
        ]
        fasilitator = [{"nama": a.nama, "label": a.label, "terkunci_sampai":
                        terkunci.get(a.nama, "")} for a in akun.values()
                       if a.peran == FASILITATOR]
        log = self.data.log(30)
        return {
            "kelas": st.kelas_info(),
            "peserta": peserta,
            "fasilitator": fasilitator,
            "terkunci": terkunci,
            "modul_terkunci": sorted(self.data.modul_terkunci()),
            "rilis": sorted(self.data.daftar_rilis()),
            "setelan": self.data.setelan(),
            "log": [c.__dict__ for c in log],
            "laporan": status_laporan(self.kelas, log),
        }

    # ----- roster and accounts ---------------------------------------------------------------
    @property
    def pelaku(self) -> str:
        """The hub facilitator doing this (``oleh`` ``fasilitator:<name>``); '' when it is the
        machine's own operator (``sinovda app``/``lab``, the CLI)."""
        return self.oleh.partition(":")[2] if self.oleh.startswith("fasilitator:") else ""

    def _cek_kelas_lain(self, nama: str, rows: list[Any], sudah: set[str],
                        kelas_lain: bool) -> None:
        """On a PostgreSQL database, the rule of ``sinovda peserta impor``: a roster NIP not yet
        in this class but on another class's roster (or a member of another class) of the
        database is refused, the whole roster, naming the NIP and the class (a mistyped NIP
        would silently move that participant on the hub to the newest class and let this
        class's trainer see their new answers). ``kelas_lain`` (a participant repeating the
        course) lets them in only where the caller also teaches each of those classes; else
        only that class's trainer or the server's operator can (``AksesDitolak``)."""
        if not self.di_basis_data:
            return
        baru = {p.nip: p.nama for p in rows if p.nip not in sudah}
        temuan = terdaftar_di_kelas_lain(self.kelas, baru)
        if not temuan:
            return
        rincian = "; ".join(f"NIP {nip} ({baru[nip]}) di kelas {', '.join(k)}"
                            for nip, k in temuan.items())
        if not kelas_lain:
            raise InputTidakValid(
                f"{nama}: {len(temuan)} peserta sudah terdaftar di kelas lain di basis data ini; "
                f"tidak ada peserta yang diimpor: {rincian}. Satu NIP di beberapa kelas bekerja "
                "di hub pada kelas yang paling baru dibuat (jawabannya di kelas lain tidak ikut "
                "pindah). Bila NIP salah tulis, perbaiki rosternya; bila peserta memang "
                "mengulang, centang 'Peserta mengulang dari kelas lain' lalu impor lagi.")
        if not self.pelaku:
            return
        from sinovda.store import pg

        diampu = set(DaftarAkun(pg.urai(self.kelas)[0]).kelas_anggota(self.pelaku))
        asing = {nip: [k for k in kelas if k not in diampu] for nip, kelas in temuan.items()}
        asing = {nip: k for nip, k in asing.items() if k}
        if asing:
            daftar = "; ".join(f"NIP {nip} di kelas {', '.join(k)}" for nip, k in asing.items())
            raise AksesDitolak(
                f"{nama}: tidak ada peserta yang diimpor: {daftar}, kelas yang tidak Anda ampu. "
                "Peserta kelas lain hanya dapat ditambahkan oleh fasilitator yang juga mengampu "
                "kelas itu, atau oleh pengelola server: sinovda peserta impor ROSTER --kelas "
                f"{pg.urai(self.kelas)[1]} --kelas-lain")

    def impor_roster(self, nama_berkas: str, isi: bytes,
                     kelas_lain: bool = False) -> dict[str, int]:
        """Import an uploaded roster (CSV/XLSX) and give new participants a hub account
        (without passcode); every bad row is named in one message and nothing is imported.
        On a PostgreSQL database a NIP of another class is refused unless ``kelas_lain`` (see
        ``_cek_kelas_lain``); the account's name is never changed by this class's roster
        while the account belongs to another class (``store.akun``)."""
        from sinovda.data.roster import baca_roster

        nama = Path(str(nama_berkas)).name or "roster.csv"
        if Path(nama).suffix.lower() not in AKHIRAN_ROSTER:
            raise InputTidakValid(f"{nama}: unggah berkas .csv atau .xlsx")
        if len(isi) > UKURAN_ROSTER_MAKS:
            raise InputTidakValid(f"{nama}: berkas roster terlalu besar (maks 5 MB)")
        with tempfile.TemporaryDirectory(prefix="sinovda-roster-") as tmp:
            path = Path(tmp) / nama
            path.write_bytes(isi)
            try:
                rows = baca_roster(path)
            except SinovdaError as e:
                raise type(e)(str(e).replace(str(path), nama)) from None
        st = self._store()
        sudah = {p.nip for p in st.daftar_peserta()}
        self._cek_kelas_lain(nama, rows, sudah, kelas_lain)
        baru, diperbarui = st.upsert_peserta(rows)
        self.akun.sinkron_peserta([(p.nip, p.nama) for p in rows])
        self.data.catat(self.oleh, "impor roster",
                        f"{nama}: {len(rows)} dibaca, {baru} baru, {diperbarui} diperbarui"
                        + (" (peserta mengulang dari kelas lain diterima)" if kelas_lain else ""))
        return {"dibaca": len(rows), "baru": baru, "diperbarui": diperbarui}

    def tambah_fasilitator(self, nama: str, label: str = "") -> dict[str, str]:
        """Add a facilitator to this class and their display name to the class; return the
        new passcode (shown once). On a PostgreSQL database a facilitator who already has an
        account (in another class) joins this class with the passcode they have (``kode``
        empty, ``gabung`` "ya"); nothing changes in their other classes."""
        n = cek_nama_fasilitator(nama)
        label = str(label or "").strip()
        if self.akun.get(n) is not None:
            raise InputTidakValid(f"akun '{n}' sudah ada di kelas ini; kode akses baru: pilih "
                                  "akunnya di tab Peserta, bagian Akun masuk")
        if self.akun.repo.ada(n) and self.di_basis_data:
            return self._gabung_fasilitator(n, label)
        label = label or n
        kode = self.akun.tambah_fasilitator(n, label)
        self._label_kelas(label)
        self.data.catat(self.oleh, "tambah fasilitator", f"{n} ({label})")
        return {"nama": n, "label": label, "kode": kode, "gabung": ""}

    def _gabung_fasilitator(self, n: str, label: str) -> dict[str, str]:
        """An existing account of the database joins this class (membership only, its
        passcode unchanged); only a facilitator account, and only into this class."""
        from sinovda.store import pg

        kunci = pg.urai(self.kelas)[1]
        if self.akun.repo.gabung(n, [kunci]) == 0 or self.akun.get(n) is None:
            raise InputTidakValid(f"akun '{n}' tidak dapat ditambahkan ke kelas ini")
        akun = self.akun.get(n)
        if akun is None or akun.peran != FASILITATOR:  # pragma: no cover - names are not NIPs
            raise InputTidakValid(f"akun '{n}' bukan akun fasilitator")
        label = label or akun.label or n
        self._label_kelas(label)
        self.data.catat(self.oleh, "tambah fasilitator (akun yang ada)",
                        f"{n} ({label}) bergabung ke kelas {kunci}; kode akses tidak berubah")
        return {"nama": n, "label": label, "kode": "", "gabung": "ya"}

    def _label_kelas(self, label: str) -> None:
        st = self._store()
        nama_kelas = list(st.kelas_info().get("fasilitator") or [])
        if label not in nama_kelas:
            st.atur_fasilitator([*nama_kelas, label])

    def hapus_fasilitator(self, nama: str) -> None:
        """Remove a facilitator from this class (not oneself, not the last one): a class
        folder's account goes; on a PostgreSQL database only the membership of this class (the
        account and its other classes stay, unless this was its last class)."""
        n = str(nama).strip().lower()
        akun = self.akun.get(n)
        if akun is None or akun.peran != FASILITATOR:
            raise InputTidakValid(f"'{nama}' bukan akun fasilitator kelas ini")
        if self.oleh == f"{FASILITATOR}:{n}":
            raise InputTidakValid("akun Anda sendiri tidak dapat dihapus dari halaman ini")
        sisa = [a for a in self.akun.daftar() if a.peran == FASILITATOR and a.nama != n]
        if not sisa:
            raise InputTidakValid("fasilitator terakhir tidak dapat dihapus")
        self.akun.hapus_fasilitator(n)
        st = self._store()
        nama_kelas = [x for x in st.kelas_info().get("fasilitator") or [] if x != akun.label]
        st.atur_fasilitator(nama_kelas)
        self.data.catat(self.oleh, "hapus fasilitator",
                        f"{n} (keluar dari kelas ini)" if self.di_basis_data else n)

    def _kelas_lain(self, nama: str) -> bool:
        """True when, on a PostgreSQL database (accounts shared by its classes), account
        ``nama`` belongs to a class the hub facilitator doing this (``oleh``
        ``fasilitator:<name>``) does not teach. Giving such an account a passcode would let
        this trainer log in as a co-trainer or a participant of that other class and open it."""
        pelaku = self.oleh.partition(":")[2] if self.oleh.startswith("fasilitator:") else ""
        if not pelaku or not self.di_basis_data:
            return False
        from sinovda.store import pg

        semua = DaftarAkun(pg.urai(self.kelas)[0])  # every class of the database
        return not set(semua.kelas_anggota(nama)) <= set(semua.kelas_anggota(pelaku))

    def _boleh_kode(self, nama: str) -> None:
        if self._kelas_lain(nama):
            raise AksesDitolak(
                f"akun '{nama}' juga anggota kelas lain yang tidak Anda ampu; kode akses barunya "
                "dibuat oleh fasilitator yang mengampu semua kelasnya, atau oleh pengelola "
                f"server: sinovda kode-akses --buat --ulang {nama}")

    def reset_kode(self, nama: str) -> dict[str, str]:
        """A new passcode for one account (its lock lifted); returned once, for its slip.
        Refused (``AksesDitolak``) for an account of a class the caller does not teach."""
        akun = self.akun.get(nama)
        if akun is None:
            raise InputTidakValid(f"akun '{nama}' tidak ada di kelas ini")
        self._boleh_kode(akun.nama)
        kode = self.akun.reset_kode(akun.nama)
        self.data.catat(self.oleh, "kode akses baru", akun.nama)
        return {"nama": akun.nama, "label": akun.label, "kode": kode}

    def kode_semua(self) -> list[dict[str, str]]:
        """A passcode for every participant who has none yet (e.g. after a roster upload);
        returned once, for the sheet of slips. Accounts with a passcode keep theirs, and so
        do accounts of a class the caller does not teach (see ``reset_kode``)."""
        hasil = []
        for a in self.akun.daftar():
            if a.peran != FASILITATOR and not a.punya_kode and not self._kelas_lain(a.nama):
                hasil.append({"nama": a.nama, "label": a.label,
                              "kode": self.akun.set_kode(a.nama)})
        self.data.catat(self.oleh, "kode akses untuk yang belum punya", f"{len(hasil)} akun")
        return hasil

    def buka_kunci(self, nama: str) -> dict[str, bool]:
        """Lift the login lock of an account of this class (or a client address)."""
        import ipaddress

        try:
            ipaddress.ip_address(str(nama).strip())
        except ValueError:
            if self.akun.get(nama) is None:
                raise InputTidakValid(f"akun '{str(nama)[:40]}' tidak ada di kelas ini") from None
        dibuka = self.akun.buka_kunci(nama)
        self.data.catat(self.oleh, "buka kunci masuk", str(nama).strip())
        return {"dibuka": dibuka}

    def slip_pdf(self, nama: str, label: str, kode: str, kelas: str) -> bytes:
        """The slip of a passcode just made, to print for that person."""
        return slip_pdf(nama, label, kode, kelas)

    def lembar_pdf(self, slip: list[dict[str, str]], kelas: str) -> bytes:
        """The sheet of slips of passcodes just made."""
        return lembar_pdf(slip, kelas)

    # ----- modules, release, settings -------------------------------------------------------
    def kunci_modul(self, modul: str, kunci: bool) -> list[str]:
        """Lock (``kunci``) or reopen a course module for the whole class."""
        from sinovda.data.content import load_kursus

        ids = [m.id for m in load_kursus().modul]
        if modul not in ids:
            raise InputTidakValid(f"modul '{modul}' tidak dikenal (pilihan: {', '.join(ids)})")
        (self.data.kunci if kunci else self.data.buka)(modul, self.oleh)
        return sorted(self.data.modul_terkunci())

    def rilis(self, nips: list[str] | None, rilis: bool = True) -> list[str]:
        """Release (or withdraw) results for the class (``nips`` None) or chosen NIPs."""
        if nips is not None:
            st = self._store()
            tidak_ada = [n for n in nips if st.get_peserta(n) is None]
            if tidak_ada:
                raise InputTidakValid("NIP tidak ada di kelas ini: " + ", ".join(tidak_ada))
        (self.data.rilis if rilis else self.data.tarik)(nips, self.oleh)
        return sorted(self.data.daftar_rilis())

    def atur_setelan(self, nilai: dict[str, Any]) -> dict[str, Any]:
        """Save class settings (dates, place, JP, trainer) printed on certificates."""
        return self.data.atur_setelan(nilai, self.oleh)

    def buat_laporan(self) -> dict[str, Any]:
        """Start building every report and certificate in the background (one run at a time)."""
        mulai_laporan(self.kelas, self.oleh)
        return status_laporan(self.kelas)

    def unduh_kelas(self, jenis: str) -> bytes:
        """For the facilitator: every certificate as one ZIP (``sertifikat``) to print, or the
        class recap workbook (``rekap``)."""
        import io
        import zipfile

        if jenis == "rekap":
            rekap = baca_rekap(self.kelas)
            if rekap is None:
                raise InputTidakValid("rekap belum dibuat; tekan 'Buat laporan & sertifikat'")
            self.data.catat(self.oleh, "unduh rekap")
            return rekap
        if jenis != "sertifikat":
            raise InputTidakValid(f"unduhan '{jenis}' tidak dikenal")
        nama = {p.nip: p.nama for p in self._store().daftar_peserta()}
        pdf = self.arsip.semua(JENIS_BERKAS["sertifikat"], nama)
        if not pdf:
            raise InputTidakValid("belum ada sertifikat; tekan 'Buat laporan & sertifikat' "
                                  "(sertifikat hanya untuk peserta yang memenuhi syarat)")
        isi = io.BytesIO()
        with zipfile.ZipFile(isi, "w", zipfile.ZIP_DEFLATED) as z:
            for nama_berkas, data in pdf:
                z.writestr(nama_berkas, data)
        self.data.catat(self.oleh, "unduh sertifikat", f"{len(pdf)} berkas")
        return isi.getvalue()

    # ----- a participant's results ----------------------------------------------------------
    def hasil(self, nip: str) -> dict[str, Any]:
        """What "Hasil saya" shows: ``{"dirilis": False}`` before release; after it the scores,
        rubric and comments, the certificate rule, and which PDFs can be downloaded."""
        from sinovda.view.hasil import ringkasan_hasil

        st = self._store()
        p = st.get_peserta(nip)
        if p is None:
            raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas ini")
        if not self.data.dirilis(nip):
            return {"dirilis": False, "nip": nip, "nama": p.nama}
        r = ringkasan_hasil(st.load_all(nip))
        s = self.data.sertifikat(nip)
        return {
            "dirilis": True, "nip": nip, "nama": p.nama, **r,
            "berkas": {j: self.arsip.ada(nip, p.nama, n) for j, n in JENIS_BERKAS.items()},
            "kode_sertifikat": s.kode if s else "",
        }

    def berkas(self, nip: str, jenis: str) -> bytes:
        """A participant's own report or certificate PDF, only once results are released."""
        if jenis not in JENIS_BERKAS:
            raise InputTidakValid(f"berkas '{jenis}' tidak dikenal")
        p = self._store().get_peserta(nip)
        if p is None:
            raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas ini")
        if not self.data.dirilis(nip):
            raise AksesDitolak("hasil belum dirilis oleh pelatih")
        isi = self.arsip.baca(nip, p.nama, JENIS_BERKAS[jenis])
        if isi is None:
            raise InputTidakValid(f"{JENIS_BERKAS[jenis]} belum dibuat; minta fasilitator "
                                  "membuat laporan")
        return isi


def slip_pdf(nama: str, label: str, kode: str, kelas: str) -> bytes:
    """One account's passcode slip as an A4 PDF (the passcode sheet's layout)."""
    return lembar_pdf([{"nama": nama, "label": label, "kode": kode}], kelas)


def lembar_pdf(slip: list[dict[str, str]], kelas: str) -> bytes:
    """Passcode slips (``{"nama", "label", "kode"}``) as the A4 sheet of ``sinovda kode-akses``."""
    from sinovda.hub.lembar import Slip, pdf_lembar

    return pdf_lembar([Slip(s["nama"], s["label"], s["kode"]) for s in slip], kelas)


# ----- reports built from the admin page (one background run per class) ---------------------
_LAPORAN: dict[str, dict[str, Any]] = {}
_KUNCI_LAPORAN = threading.Lock()


def _kunci_kelas(kelas: Path | str) -> str:
    from sinovda.store import pg

    if pg.dipilih(kelas):
        url, kunci = pg.urai(kelas)
        return pg.lokasi_kelas(url, kunci)
    return str(Path(kelas).resolve())


def status_laporan(kelas: Path | str, log: list[Any] | None = None) -> dict[str, Any]:
    """``{"berjalan": bool, "teks": str}`` of the last report run started from the admin page:
    this process's run, else (another replica's run, or a restarted service) what the admin
    log ``log`` (newest first) says of the last run."""
    with _KUNCI_LAPORAN:
        ini = _LAPORAN.get(_kunci_kelas(kelas))
    if ini is not None:
        return dict(ini)
    for c in log or []:
        if c.aksi == AKSI_SELESAI:
            return {"berjalan": False, "teks": c.rincian}
        if c.aksi == AKSI_MULAI:
            return {"berjalan": False, "teks": f"Pembuatan laporan dimulai {c.waktu[:16]} UTC "
                    f"oleh {c.oleh}; belum tercatat selesai (tekan Muat ulang nanti)."}
    return {"berjalan": False, "teks": ""}


def baca_rekap(kelas: Path | str) -> bytes | None:
    """The class recap workbook the admin page built: ``<kelas>/rekap/rekap.xlsx``, or for a
    PostgreSQL class the copy in its database; None when not built yet."""
    from sinovda.store import pg

    if pg.dipilih(kelas):
        from sinovda.store.berkas import KELAS, BerkasKelas

        return BerkasKelas(kelas).baca(KELAS, REKAP_XLSX)
    path = Path(kelas) / "rekap" / REKAP_XLSX
    return path.read_bytes() if path.is_file() else None


def _buat_rekap(kelas: Path | str) -> None:
    """Write the class recap: ``<kelas>/rekap`` of a folder; a PostgreSQL class's into its
    database (made in a private temporary folder, nothing left on this machine)."""
    from sinovda.report.rekap import tulis_rekap
    from sinovda.store import pg

    if not pg.dipilih(kelas):
        tulis_rekap(kelas, Path(kelas) / "rekap")
        return
    from sinovda.store.berkas import KELAS, BerkasKelas

    with tempfile.TemporaryDirectory(prefix="sinovda-rekap-") as tmp:
        tulis_rekap(kelas, Path(tmp))
        isi = (Path(tmp) / REKAP_XLSX).read_bytes()
    import hashlib

    BerkasKelas(kelas).simpan(KELAS, {REKAP_XLSX: isi}, hashlib.sha256(isi).hexdigest())


def mulai_laporan(kelas: Path | str, oleh: str) -> None:
    """Run ``sinovda laporan`` for the class in a background thread (reports, certificates and
    the recap), kept where the hub serves them (``report.arsip.arsip_kelas``)."""
    kunci = _kunci_kelas(kelas)
    with _KUNCI_LAPORAN:
        if _LAPORAN.get(kunci, {}).get("berjalan"):
            return
        _LAPORAN[kunci] = {"berjalan": True, "teks": "Laporan dan sertifikat sedang dibuat..."}
    DataAdmin(kelas).catat(oleh, AKSI_MULAI)

    def kerja() -> None:
        from sinovda.report.arsip import arsip_kelas
        from sinovda.report.batch import run_laporan
        from sinovda.store.berkas import satu_pembuatan

        catat = True
        try:
            with satu_pembuatan(kelas) as boleh:  # one run per class across replicas too
                if not boleh:
                    catat = False
                    teks = ("Laporan kelas ini sedang dibuat oleh proses layanan lain; tekan "
                            "Muat ulang nanti.")
                else:
                    arsip = arsip_kelas(kelas)
                    teks = run_laporan(kelas, folder_laporan(kelas), progress=False,
                                       arsip=arsip).teks()
                    _buat_rekap(kelas)
                    teks += "\nRekap kelas diperbarui (rekap.xlsx)."
        except (SinovdaError, OSError) as e:
            teks = f"Gagal membuat laporan: {e}"
        if catat:
            try:  # every replica of the service reads how the run ended from the admin log
                DataAdmin(kelas).catat(oleh, AKSI_SELESAI, teks)
            except SinovdaError:
                pass
        with _KUNCI_LAPORAN:
            _LAPORAN[kunci] = {"berjalan": False, "teks": teks}

    threading.Thread(target=kerja, name="sinovda-laporan", daemon=True).start()


# ----- the client used by the pages under the hub -------------------------------------------
class KlienAdmin:
    """The admin and results routes of the store service, with the user's hub token."""

    def __init__(self, url: str, token: str, timeout: float = 120,
                 kelas: str | None = None) -> None:
        self.url = url.rstrip("/") + "/api"
        self.token = token
        self.timeout = timeout
        self.kelas = kelas  # a hub serving several classes: the chosen class

    def _minta(self, metode: str, jalur: str, isi: Any = None, mentah: bool = False) -> Any:
        data = None if isi is None else json.dumps(isi, ensure_ascii=False).encode()
        from sinovda.store.remote import dengan_kelas

        req = urllib.request.Request(self.url + dengan_kelas(jalur, self.kelas), data=data,
                                     method=metode, headers={
            "Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                badan = resp.read()
        except urllib.error.HTTPError as e:
            try:
                pesan = json.loads(e.read()).get("pesan") or e.reason
            except (ValueError, AttributeError):
                pesan = e.reason
            if e.code in (401, 403):
                raise AksesDitolak(f"akses ditolak: {pesan}") from None
            raise InputTidakValid(str(pesan)) from None
        except (urllib.error.URLError, OSError) as e:
            raise SinovdaError(f"layanan kelas tidak dapat dihubungi ({self.url}): {e}; "
                               "minta fasilitator memeriksa hub") from None
        return badan if mentah else json.loads(badan or b"null")

    @staticmethod
    def _k(*bagian: str) -> str:
        return "".join("/" + quote(str(b), safe="") for b in bagian)

    def ringkas(self) -> dict[str, Any]:
        return self._minta("GET", "/admin/ringkas")

    def impor_roster(self, nama_berkas: str, isi: bytes,
                     kelas_lain: bool = False) -> dict[str, int]:
        return self._minta("POST", "/admin/roster", {
            "nama_berkas": nama_berkas, "isi": base64.b64encode(isi).decode(),
            "kelas_lain": bool(kelas_lain)})

    def tambah_fasilitator(self, nama: str, label: str = "") -> dict[str, str]:
        return self._minta("POST", "/admin/fasilitator", {"nama": nama, "label": label})

    def hapus_fasilitator(self, nama: str) -> None:
        self._minta("DELETE", "/admin/fasilitator" + self._k(nama))

    def reset_kode(self, nama: str) -> dict[str, str]:
        return self._minta("POST", "/admin/kode" + self._k(nama), {})

    def buka_kunci(self, nama: str) -> dict[str, bool]:
        return self._minta("POST", "/admin/buka-kunci" + self._k(nama), {})

    def kunci_modul(self, modul: str, kunci: bool) -> list[str]:
        return self._minta("POST", "/admin/modul" + self._k(modul), {"kunci": bool(kunci)})

    def rilis(self, nips: list[str] | None, rilis: bool = True) -> list[str]:
        return self._minta("POST", "/admin/rilis", {"nips": nips, "rilis": bool(rilis)})

    def atur_setelan(self, nilai: dict[str, Any]) -> dict[str, Any]:
        return self._minta("POST", "/admin/setelan", nilai)

    def buat_laporan(self) -> dict[str, Any]:
        return self._minta("POST", "/admin/laporan", {})

    def slip_pdf(self, nama: str, label: str, kode: str, kelas: str) -> bytes:
        return slip_pdf(nama, label, kode, kelas)  # made here: the passcode never travels again

    def lembar_pdf(self, slip: list[dict[str, str]], kelas: str) -> bytes:
        return lembar_pdf(slip, kelas)

    def kode_semua(self) -> list[dict[str, str]]:
        return self._minta("POST", "/admin/kode-baru", {})

    def unduh_kelas(self, jenis: str) -> bytes:
        return self._minta("GET", "/admin/unduh" + self._k(jenis), mentah=True)

    def hasil(self, nip: str) -> dict[str, Any]:
        return self._minta("GET", "/hasil" + self._k(nip))

    def berkas(self, nip: str, jenis: str) -> bytes:
        return self._minta("GET", "/hasil" + self._k(nip, jenis + ".pdf"), mentah=True)


def layanan_aktif() -> Any:
    """The admin/results operations for this page: the store service under the hub (as the
    logged-in user), else the class folder on this machine (``$SINOVDA_KELAS``)."""
    url = os.environ.get("SINOVDA_STORE_URL", "").strip()
    if url:
        token = os.environ.get("JUPYTERHUB_API_TOKEN", "").strip()
        if not token:
            raise SinovdaError("JUPYTERHUB_API_TOKEN kosong: buka halaman ini dari hub kelas")
        from sinovda.store.remote import kelas_aktif

        return KlienAdmin(url, token, kelas=kelas_aktif())
    if not os.environ.get("SINOVDA_KELAS"):
        raise SinovdaError("halaman ini untuk kelas: jalankan 'sinovda app --kelas DIR' "
                           "atau buka dari hub kelas")
    return OperasiAdmin(paths.kelas_dir(None), oleh=f"{FASILITATOR}:lokal")


class HasilMandiri:
    """Self-study (no class, no trainer): results straight from the personal workspace when
    ``hasil.mandiri_langsung`` is true in the settings; there is no report to download."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def hasil(self, nip: str) -> dict[str, Any]:
        from sinovda.data.settings import load_sertifikat
        from sinovda.view.hasil import ringkasan_hasil

        p = self.store.get_peserta(nip)
        nama = p.nama if p else nip
        if not load_sertifikat()[1].mandiri_langsung:
            return {"dirilis": False, "nip": nip, "nama": nama}
        return {"dirilis": True, "nip": nip, "nama": nama, **ringkasan_hasil(
            self.store.load_all(nip)), "berkas": {j: False for j in JENIS_BERKAS},
                "kode_sertifikat": ""}

    def berkas(self, nip: str, jenis: str) -> bytes:
        raise InputTidakValid("laporan PDF dibuat fasilitator untuk kelas; belajar mandiri "
                              "tidak memiliki laporan")


def layanan_hasil(store: Any = None) -> Any:
    """The results service for "Hasil saya": the hub's store service, the class folder, or the
    self-study workspace."""
    if os.environ.get("SINOVDA_STORE_URL") or os.environ.get("SINOVDA_KELAS"):
        return layanan_aktif()
    if store is None:
        from sinovda.store import Store

        folder = paths.pribadi_dir()
        folder.mkdir(parents=True, exist_ok=True)
        store = Store.open(folder, create=True)
    return HasilMandiri(store)
