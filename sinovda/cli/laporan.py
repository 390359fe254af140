"""Report subcommands: ``laporan`` (one report per participant) and ``rekap`` (class recap)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sinovda import paths
from sinovda.cli.args import arg_kelas, subperintah


def _parser(sub: argparse._SubParsersAction, nama: str, bantuan: str) -> argparse.ArgumentParser:
    p = subperintah(sub, nama, bantuan)
    arg_kelas(p)
    return p


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``laporan`` and ``rekap``."""
    lap = _parser(sub, "laporan", "buat laporan (HTML, PDF, notebook) untuk setiap peserta")
    lap.add_argument("--keluaran", metavar="DIR",
                     help="folder laporan (bawaan: <kelas>/laporan; kelas PostgreSQL: "
                          "./laporan-<kunci>)")
    lap.add_argument(
        "--nip", nargs="+", metavar="NIP", help="hanya peserta dengan NIP ini (boleh beberapa)"
    )
    lap.add_argument(
        "--jobs", type=int, metavar="N", help="jumlah proses pembuat laporan (bawaan: jumlah inti)"
    )
    lap.add_argument(
        "--scheduler",
        metavar="ALAMAT",
        help="alamat scheduler Dask (mis. tcp://127.0.0.1:8786): kerjakan di klaster itu",
    )
    lap.add_argument("--diam", action="store_true", help="tanpa bilah kemajuan")
    lap.set_defaults(func=cmd_laporan)

    rek = _parser(sub, "rekap", "buat rekap kelas: Excel dan HTML dengan grafik")
    rek.add_argument("--keluaran", metavar="DIR", help="folder rekap (bawaan: <kelas>/rekap)")
    rek.add_argument(
        "--gabung", nargs="+", metavar="KELAS",
        help="satu rekap untuk beberapa kelas, dengan rincian per kelas (folder kelas, alamat "
             "postgresql://...?kelas=KUNCI, atau kunci kelas bila SINOVDA_DB diatur)",
    )
    rek.add_argument("--semua", action="store_true",
                     help="satu rekap untuk semua kelas di basis data PostgreSQL (SINOVDA_DB "
                          "atau --db)")
    rek.add_argument("--db", metavar="URL", help="alamat basis data PostgreSQL (postgresql://...)")
    rek.set_defaults(func=cmd_rekap)


def cmd_laporan(args: argparse.Namespace) -> int:
    from sinovda.report.batch import run_laporan

    kelas = paths.kelas_dir(args.kelas)
    ringkasan = run_laporan(
        kelas,
        Path(args.keluaran) if args.keluaran else None,
        jobs=args.jobs,
        nips=[n.strip() for n in args.nip] if args.nip else None,
        scheduler=args.scheduler,
        progress=not args.diam,
    )
    print(ringkasan.teks())
    return 1 if ringkasan.gagal else 0


def cmd_rekap(args: argparse.Namespace) -> int:
    from sinovda.report.rekap import tulis_rekap

    if args.gabung or args.semua:
        return _rekap_gabungan(args)
    from sinovda.store import Store, pg

    kelas = paths.kelas_dir(args.kelas)
    st = Store.open(kelas)  # no class there (or a bad locator): the store's message, exit 2
    st.close()
    # a folder: <kelas>/rekap; a PostgreSQL class: ./rekap-<key> (as laporan: ./laporan-<key>)
    bawaan = Path(f"rekap-{st.kunci}") if isinstance(st, pg.StorePG) else kelas / "rekap"
    keluaran = Path(args.keluaran) if args.keluaran else bawaan
    for p in tulis_rekap(kelas, keluaran):
        print(f"Rekap kelas: {p}")
    return 0


def _identitas_kelas(k: str) -> str:
    """One spelling per class, to find a class named twice: a PostgreSQL class as server, port,
    database and key (a key, its full locator, and ``--semua``'s locator are one class), a
    folder as its resolved path."""
    from urllib.parse import urlsplit

    from sinovda.store import pg

    if pg.dipilih(k):
        url, kunci = pg.urai(k)
        try:
            b = urlsplit(pg._POLA_URL.sub("postgresql://", url, count=1))
            server = f"{(b.hostname or '').lower()}:{b.port or 5432}{b.path}"
        except ValueError:  # a malformed address: Store.open says so later
            server = url
        return f"pg:{server}?kelas={kunci}"
    return str(Path(k).resolve()) if Path(k).exists() else k


def _rekap_gabungan(args: argparse.Namespace) -> int:
    """``rekap --gabung KELAS...`` / ``--semua``: one recap across classes (per-class breakdown)."""
    import os
    from urllib.parse import urlsplit

    from sinovda.domain.errors import InputTidakValid
    from sinovda.report.rekap_gabungan import kelas_database, tulis_rekap_gabungan

    if args.db:
        os.environ["SINOVDA_DB"] = args.db  # class keys in --gabung are keys of this database
    kelas: list[str] = list(args.gabung or [])
    if args.semua:
        url = args.db or os.environ.get("SINOVDA_DB", "")
        if not url:
            raise InputTidakValid("--semua memerlukan alamat basis data: --db postgresql://... "
                                  "atau SINOVDA_DB")
        try:
            urlsplit(url)
        except ValueError:  # e.g. "Invalid IPv6 URL" for postgresql://[x
            raise InputTidakValid(
                "--db/SINOVDA_DB: alamat basis data PostgreSQL tidak sah: periksa penulisannya, "
                "mis. postgresql://pengguna@server:5432/nama_db"
            ) from None
        kelas += kelas_database(url)
        if not kelas:
            raise InputTidakValid(f"belum ada kelas di basis data {url.split('@')[-1]}")
    dilihat: dict[str, str] = {}
    for k in kelas:  # the same class twice would count its participants twice
        sama = _identitas_kelas(k)
        if sama in dilihat:
            raise InputTidakValid(f"--gabung: kelas '{k}' disebut dua kali (juga sebagai "
                                  f"'{dilihat[sama]}'); sebut setiap kelas sekali saja")
        dilihat[sama] = k
    keluaran = Path(args.keluaran) if args.keluaran else Path("rekap-gabungan")
    for p in tulis_rekap_gabungan(kelas, keluaran):
        print(f"Rekap {len(kelas)} kelas: {p}")
    return 0
