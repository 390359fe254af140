"""Class subcommands: ``kelas buat``, ``peserta impor/daftar``, ``ekspor``, ``impor``, ``demo``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sinovda import paths
from sinovda.cli.args import arg_kelas, subperintah
from sinovda.domain.errors import BerkasTidakValid, InputTidakValid
from sinovda.domain.peserta import Peserta

DEMO_DIR = "kelas-demo"
DEMO_MARKER = ".kelas-demo"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the class, roster and workbook subcommands."""
    kelas = subperintah(sub, "kelas", "kelola kelas (ruang kerja satu angkatan)")
    ksub = kelas.add_subparsers(title="perintah", metavar="PERINTAH")
    buat = subperintah(ksub, "buat", "buat kelas baru di sebuah folder, atau di basis data "
                                     "PostgreSQL (SINOVDA_DB)")
    buat.add_argument("dir", metavar="DIR", help="folder kelas yang akan dibuat; dengan "
                      "SINOVDA_DB: kunci kelas baru, mis. angkatan-1")
    buat.add_argument("--nama", required=True, help="nama kelas, mis. 'Bimtek Inovasi Angkatan I'")
    buat.add_argument(
        "--fasilitator",
        action="append",
        default=[],
        metavar="NAMA",
        help="nama fasilitator untuk evaluasi kursus (boleh diulang)",
    )
    buat.set_defaults(func=cmd_kelas_buat)
    info = subperintah(ksub, "info", "tampilkan keterangan kelas")
    arg_kelas(info)
    info.set_defaults(func=cmd_kelas_info)

    peserta = subperintah(sub, "peserta", "kelola daftar peserta kelas")
    psub = peserta.add_subparsers(title="perintah", metavar="PERINTAH")
    impor = subperintah(psub, "impor", "impor daftar peserta dari berkas CSV atau XLSX")
    impor.add_argument("berkas", metavar="FILE", help="berkas roster (.csv atau .xlsx)")
    arg_kelas(impor)
    impor.add_argument(
        "--kelas-lain",
        action="store_true",
        help="basis data PostgreSQL: terima NIP yang sudah terdaftar di kelas lain (peserta "
             "mengulang; di hub ia bekerja di kelas yang paling baru dibuat). Bawaan: ditolak",
    )
    impor.set_defaults(func=cmd_peserta_impor)
    daftar = subperintah(psub, "daftar", "tampilkan peserta kelas")
    arg_kelas(daftar)
    daftar.set_defaults(func=cmd_peserta_daftar)

    ekspor = subperintah(sub, "ekspor", "ekspor buku kerja seorang peserta ke satu berkas JSON")
    ekspor.add_argument("nip", metavar="NIP", help="NIP peserta")
    ekspor.add_argument("--ke", required=True, metavar="FILE", help="berkas JSON tujuan")
    arg_kelas(ekspor)
    ekspor.set_defaults(func=cmd_ekspor)

    imp = subperintah(sub, "impor", "impor buku kerja (JSON) ke kelas, mis. dari belajar mandiri")
    imp.add_argument("berkas", metavar="FILE", help="berkas JSON hasil 'sinovda ekspor'")
    imp.add_argument(
        "--timpa",
        action="store_true",
        help="timpa jawaban yang lebih baru di kelas (bawaan: yang lebih baru dipertahankan)",
    )
    imp.add_argument(
        "--peserta-baru",
        action="store_true",
        help="tambahkan peserta berkas ke daftar peserta bila NIP-nya belum ada (bawaan: ditolak)",
    )
    arg_kelas(imp)
    imp.set_defaults(func=cmd_impor)

    demo = subperintah(sub, "demo", "bangun kelas demo dari datasets/ beserta laporannya")
    demo.add_argument(
        "--kelas", metavar="DIR", default=DEMO_DIR, help=f"folder kelas demo (bawaan: ./{DEMO_DIR})"
    )
    demo.add_argument(
        "--tanpa-laporan", action="store_true", help="hanya bangun kelas, tanpa laporan dan rekap"
    )
    demo.add_argument("--jobs", type=int, default=None, help="jumlah proses pembuat laporan")
    demo.set_defaults(func=cmd_demo)


def _store(args: argparse.Namespace):
    from sinovda.store import Store

    return Store.open(paths.kelas_dir(args.kelas))


def cmd_kelas_buat(args: argparse.Namespace) -> int:
    from sinovda.store import Store

    nama = args.nama.strip()
    if not nama:
        raise InputTidakValid("--nama: nama kelas tidak boleh kosong")
    target = Path(args.dir)
    st = Store.create(target, nama=nama)
    if args.fasilitator:
        st.atur_fasilitator(args.fasilitator)
    tempat = getattr(st, "lokasi", None) or target.resolve()  # PostgreSQL: db + class key
    print(f"Kelas '{nama}' dibuat di {tempat}")
    print(f"Langkah berikutnya: sinovda peserta impor ROSTER.csv --kelas {args.dir}")
    return 0


def cmd_kelas_info(args: argparse.Namespace) -> int:
    st = _store(args)
    info = st.kelas_info()
    for key, value in info.items():
        if isinstance(value, list):
            value = ", ".join(value) or "-"
        print(f"{key}: {value}")
    print(f"peserta: {len(st.daftar_peserta())}")
    return 0


def _terdaftar_di_kelas_lain(lokasi: object, rows: list[Peserta],
                             sudah: set[str]) -> list[str]:
    """``NIP (name) ... kelas KEY`` for every roster row whose NIP is not yet in this class but
    is in another class of the same PostgreSQL database (``store.kelas_lain``: the rule the
    Admin Kelas upload applies too). Empty for a class folder."""
    from sinovda.store.kelas_lain import terdaftar_di_kelas_lain

    baru = {p.nip: p.nama for p in rows if p.nip not in sudah}
    return [f"NIP {nip} ({baru[nip]}) sudah terdaftar di kelas {', '.join(kelas)}"
            for nip, kelas in terdaftar_di_kelas_lain(lokasi, baru).items()]


def cmd_peserta_impor(args: argparse.Namespace) -> int:
    from sinovda.data.roster import baca_roster

    st = _store(args)
    rows = baca_roster(Path(args.berkas))
    if not args.kelas_lain:
        sudah = {p.nip for p in st.daftar_peserta()}
        temuan = _terdaftar_di_kelas_lain(paths.kelas_dir(args.kelas), rows, sudah)
        if temuan:
            daftar = "\n".join(f"- {t}" for t in temuan)
            raise InputTidakValid(
                f"{args.berkas}: {len(temuan)} peserta sudah terdaftar di kelas lain di basis data "
                f"ini; tidak ada peserta yang diimpor:\n{daftar}\nSatu NIP di beberapa kelas "
                "bekerja di hub pada kelas yang paling baru dibuat (jawabannya di kelas lain "
                "tidak ikut pindah). Bila NIP salah tulis, perbaiki rosternya; bila peserta "
                "memang mengulang, impor lagi dengan --kelas-lain."
            )
    added, updated = st.upsert_peserta(rows)
    print(f"{len(rows)} peserta dibaca dari {args.berkas}: {added} baru, {updated} diperbarui.")
    return 0


def cmd_peserta_daftar(args: argparse.Namespace) -> int:
    st = _store(args)
    rows = st.daftar_peserta()
    if not rows:
        print("Belum ada peserta. Impor roster: sinovda peserta impor ROSTER.csv")
        return 0
    lebar = max(len(p.nama) for p in rows)
    for p in rows:
        print(f"{p.nip}  {p.nama:<{lebar}}  {p.opd}  {p.instansi}")
    print(f"({len(rows)} peserta)")
    return 0


def cmd_ekspor(args: argparse.Namespace) -> int:
    from sinovda.store.workbook import tulis_berkas

    st = _store(args)
    data = st.export_workbook(args.nip.strip())
    target = tulis_berkas(data, Path(args.ke))
    print(f"Buku kerja {args.nip} ({len(data['jawaban'])} jawaban) disimpan ke {target}")
    return 0


def cmd_impor(args: argparse.Namespace) -> int:
    from sinovda.store.workbook import baca_berkas

    path = Path(args.berkas)
    data = baca_berkas(path)
    st = _store(args)
    try:
        ringkasan = st.import_workbook(data, overwrite=args.timpa,
                                       peserta_baru=args.peserta_baru)
    except BerkasTidakValid as e:
        raise BerkasTidakValid(f"{path}: {e}") from None
    print(f"Buku kerja {ringkasan.nip} dari {path} diimpor: {ringkasan.teks()}")
    return 0


def bangun_demo(target: Path) -> int:
    """(Re)build the demo class in ``target`` from ``datasets/``; return the participant count."""
    from sinovda.data.roster import baca_roster
    from sinovda.store import Store
    from sinovda.store.pg import dipilih
    from sinovda.store.workbook import impor_berkas

    di_pg = dipilih(target)  # a PostgreSQL class: an existing key is refused by Store.create
    marker = target / DEMO_MARKER
    if not di_pg and (target / paths.DB_NAME).exists():
        if not marker.exists():
            raise InputTidakValid(
                f"{target} berisi kelas yang bukan kelas demo; pilih folder lain dengan --kelas"
            )
        for name in (paths.DB_NAME, paths.DB_NAME + "-wal", paths.DB_NAME + "-shm"):
            (target / name).unlink(missing_ok=True)
    from sinovda.data.settings import baca_yaml

    demo = baca_yaml(paths.DATASETS_DIR / "demo" / "kelas.yaml")
    st = Store.create(target, nama=demo.ambil("nama"))
    st.atur_fasilitator(demo.ambil("fasilitator", wajib=False) or [])
    from sinovda.store.admin import SETELAN, DataAdmin

    # the class settings the certificates and report signatures print (Admin Kelas page)
    DataAdmin(target).atur_setelan({k: demo.ambil(k, wajib=False) for k in SETELAN
                                    if demo.ambil(k, wajib=False) is not None})
    if not di_pg:
        marker.write_text("Kelas ini dibangun ulang oleh 'sinovda demo'.\n", encoding="utf-8")
    rows = baca_roster(paths.DATASETS_DIR / "peserta_contoh.csv")
    st.upsert_peserta(rows)
    for wb in sorted((paths.DATASETS_DIR / "demo" / "workbooks").glob("*.json")):
        # the demo's own seed data: trusted, so trainer scores and test results come in too
        impor_berkas(st, wb, overwrite=True, peran="sistem")
    from sinovda.store.tes import lengkapi_skor

    lengkapi_skor(st)  # the submitted tests of the seed data are scored by the server's rule
    return len(rows)


def cmd_demo(args: argparse.Namespace) -> int:
    from sinovda.store import Store
    from sinovda.store.pg import StorePG

    target = Path(args.kelas)
    n = bangun_demo(target)
    st = Store.open(target)
    st.close()
    di_pg, kunci = isinstance(st, StorePG), getattr(st, "kunci", "")
    tempat = st.lokasi if isinstance(st, StorePG) else target.resolve()
    print(f"Kelas demo dengan {n} peserta siap di {tempat}")
    if args.tanpa_laporan:
        return 0
    from sinovda.report.batch import run_laporan
    from sinovda.report.rekap import tulis_rekap

    # a folder: inside it; a PostgreSQL class: ./laporan-<key>, ./rekap-<key> (as the commands)
    keluaran = Path(f"laporan-{kunci}") if di_pg else target / "laporan"
    ringkasan = run_laporan(target, keluaran, jobs=args.jobs)
    rekap = tulis_rekap(target, Path(f"rekap-{kunci}") if di_pg else target / "rekap")
    print(ringkasan.teks())
    print(f"Laporan peserta (HTML, PDF, notebook): {keluaran.resolve()}")
    for p in rekap:
        print(f"Rekap kelas: {Path(p).resolve()}")
    print(f"Buka kelas ini: sinovda app --kelas {target}")
    return 1 if ringkasan.gagal else 0  # as `sinovda laporan`: 1 = some reports failed
