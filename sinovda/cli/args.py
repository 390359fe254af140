"""Shared pieces of the subcommand parsers: help and headings in Bahasa Indonesia, ``--kelas``."""

from __future__ import annotations

import argparse

BANTUAN_KELAS = ("folder kelas (bawaan: $SINOVDA_KELAS, atau ./kelas); dengan SINOVDA_DB: "
                 "kunci kelas di basis data PostgreSQL, atau postgresql://...?kelas=KUNCI")


def subperintah(
    sub: argparse._SubParsersAction, nama: str, bantuan: str
) -> argparse.ArgumentParser:
    """A subcommand parser with ``-h/--help`` and its headings in Bahasa Indonesia."""
    p = sub.add_parser(nama, help=bantuan, description=bantuan, add_help=False)
    p.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    p._optionals.title = "opsi"
    p._positionals.title = "argumen"
    return p


def arg_kelas(p: argparse.ArgumentParser, bantuan: str = BANTUAN_KELAS) -> None:
    """The ``--kelas DIR`` option every command that works on a class takes."""
    p.add_argument("--kelas", metavar="DIR", help=bantuan)
