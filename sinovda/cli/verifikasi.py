"""``sinovda verifikasi KODE``: is a completion certificate genuine, and whose is it?

Exit 0 when the code belongs to a certificate issued by the class (prints name, NIP, class and
date); exit 2 when it is not genuine or cannot be a code at all (Indonesian message, no
traceback). The check needs the class's store (its secret never leaves the server): a class
folder, or a PostgreSQL class (``--kelas postgresql://...?kelas=KEY``, or a key with
``$SINOVDA_DB``). With ``$SINOVDA_DB`` and no class named (no ``--kelas``, no
``$SINOVDA_KELAS``), every class of the database is searched: whoever checks a certificate at a
BPSDM knows the code, not the key of the class that issued it (as the hub's check page does).
"""

from __future__ import annotations

import argparse
import os
import sys

from sinovda import paths
from sinovda.cli.args import arg_kelas, subperintah


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``verifikasi``."""
    p = subperintah(sub, "verifikasi", "periksa keaslian kode sertifikat penyelesaian")
    p.add_argument("kode", metavar="KODE", help="kode pada sertifikat, mis. SNV-K7PM-3XQA-...")
    arg_kelas(p)
    p.set_defaults(func=cmd_verifikasi)


def teks_asli(s) -> str:  # type: ignore[no-untyped-def]
    """The message for a genuine certificate."""
    from sinovda.domain.sertifikat import tanggal_indonesia

    return (f"ASLI: sertifikat {s.kode} diterbitkan untuk {s.nama} (NIP {s.nip}), "
            f"kelas '{s.kelas}', tanggal {tanggal_indonesia(s.tanggal)}.")


def cmd_verifikasi(args: argparse.Namespace) -> int:
    from sinovda.domain.sertifikat import normalisasi_kode
    from sinovda.store import Store
    from sinovda.store.admin import DataAdmin

    kode = normalisasi_kode(args.kode)  # InputTidakValid -> exit 2 with the message
    if not args.kelas and not os.environ.get("SINOVDA_KELAS"):
        from sinovda.store import pg

        url = pg._url_db()
        if url:
            return _cari_di_basis_data(url, kode)
    kelas = paths.kelas_dir(args.kelas)
    st = Store.open(kelas)  # no class there (folder or PostgreSQL key): the store's message
    s = DataAdmin(st).verifikasi(kode)
    tempat = getattr(st, "lokasi", kelas)  # PostgreSQL: the locator, password masked
    st.close()
    if s is None:
        print(f"TIDAK ASLI: kode {kode} tidak pernah diterbitkan oleh kelas ini "
              f"({tempat}); sertifikat tersebut tidak dapat dipercaya.", file=sys.stderr)
        return 2
    print(teks_asli(s))
    return 0


def _cari_di_basis_data(url: str, kode: str) -> int:
    """Check ``kode`` against every class of the PostgreSQL database ``url``."""
    from sinovda.store import Store, pg
    from sinovda.store.admin import DataAdmin

    daftar = pg.daftar_kelas(url)
    for kunci, _ in daftar:
        st = Store.open(pg.lokasi_kelas(url, kunci))
        try:
            s = DataAdmin(st).verifikasi(kode)
        finally:
            st.close()
        if s is not None:
            print(teks_asli(s) + f" (kunci kelas: {kunci})")
            return 0
    print(f"TIDAK ASLI: kode {kode} tidak pernah diterbitkan oleh kelas mana pun di basis data "
          f"{pg._tanpa_sandi(url)} ({len(daftar)} kelas diperiksa); sertifikat tersebut tidak "
          "dapat dipercaya.", file=sys.stderr)
    return 2
