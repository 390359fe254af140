"""The ``sinovda`` command: subcommands in Bahasa Indonesia; a user's mistake exits 2."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sinovda.domain.errors import SinovdaError

# Each module has ``register(subparsers)``, adding its subcommands with ``set_defaults(func=...)``.
SUBCOMMAND_MODULES = (
    "sinovda.cli.kelas",      # kelas buat, peserta impor/daftar, ekspor, impor, demo
    "sinovda.cli.app",        # lab, app
    "sinovda.cli.laporan",    # laporan, rekap
    "sinovda.cli.hub",        # hub, kode-akses
    "sinovda.cli.verifikasi", # verifikasi (kode sertifikat)
)


class _Formatter(argparse.HelpFormatter):
    """Help text with the usage line in Bahasa Indonesia."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "cara pakai: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its messages in Bahasa Indonesia and exit code 2 on a usage error."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self.set_defaults(func=None, _parser=self)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan: {_terjemah(message)}\n")


def _terjemah(message: str) -> str:
    for en, idn in (
        ("the following arguments are required", "argumen ini wajib diisi"),
        ("unrecognized arguments", "argumen tidak dikenal"),
        ("invalid choice", "pilihan tidak dikenal"),
        ("expected one argument", "butuh satu nilai"),
        ("invalid int value", "bukan bilangan bulat"),
        ("choose from", "pilih dari"),
        ("argument ", "argumen "),
    ):
        message = message.replace(en, idn)
    return message


# Packages of the optional extras (pyproject.toml): a command that needs one on a base install
# says which extra to install instead of a traceback.
PAKET_EKSTRA = {
    "jupyterhub": "hub",
    "jupyterhub_idle_culler": "hub",
    "distributed": "dask",
    "dask": "dask",
}

_ALASAN_OS = {
    FileExistsError: "sudah ada dan bukan folder kelas",
    NotADirectoryError: "bukan folder",
    IsADirectoryError: "adalah folder, bukan berkas",
    PermissionError: "tidak punya izin untuk membaca atau menulis di sini",
    FileNotFoundError: "tidak ditemukan",
}


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every subcommand."""
    parser = _Parser(
        prog="sinovda",
        description="sinovda: buku kerja bimtek inovasi daerah dan kinerja (SAKIP).",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    parser._optionals.title = "opsi"
    sub = parser.add_subparsers(title="perintah", metavar="PERINTAH", parser_class=_Parser)
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        getattr(args, "_parser", parser).print_help()
        return 2
    try:
        return int(func(args) or 0)
    except SinovdaError as e:
        print(f"sinovda: {e}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as e:
        ekstra = PAKET_EKSTRA.get((e.name or "").split(".")[0])
        if ekstra is None:
            raise
        print(f"sinovda: perintah ini butuh paket tambahan '{e.name}' yang belum terpasang; "
              f"pasang dengan: pip install \"sinovda[{ekstra}]\"", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        sys.stderr.close()
        return 0
    except OSError as e:  # a path that is a file, a folder without permission, a full disk...
        alasan = _ALASAN_OS.get(type(e), e.strerror or str(e))
        print(f"sinovda: {e.filename or 'berkas'}: {alasan}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sinovda: dihentikan.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
