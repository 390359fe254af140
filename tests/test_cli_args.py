"""Every subcommand's help is in Bahasa Indonesia and every class command takes --kelas."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from sinovda.cli.main import build_parser

PERINTAH_KELAS = [
    ["kelas", "info"], ["peserta", "impor"], ["peserta", "daftar"], ["ekspor"], ["impor"],
    ["laporan"], ["rekap"], ["hub"], ["kode-akses"], ["lab"], ["app"],
]


def _subparsers(parser: argparse.ArgumentParser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _subparsers(sub, (*prefix, name))


def _help(argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as e:
        build_parser().parse_args([*argv, "--help"])
    assert e.value.code == 0
    return out.getvalue()


def test_every_help_page_is_in_bahasa_indonesia():
    pages = [list(path) for path, _ in _subparsers(build_parser())]
    assert len(pages) >= 15
    for argv in [[], *pages]:
        text = _help(argv)
        assert "cara pakai:" in text, argv
        for english in ("usage:", "options:", "show this help", "positional arguments"):
            assert english not in text, (argv, english)


@pytest.mark.parametrize("argv", PERINTAH_KELAS, ids=" ".join)
def test_class_commands_take_kelas(argv):
    assert "--kelas DIR" in _help(argv)


@pytest.mark.parametrize("argv", [["kelas", "buat"], ["kelas", "info"], ["peserta", "impor"],
                                  ["impor"], ["laporan"], ["verifikasi"]])
def test_class_help_says_a_postgresql_class_is_a_key(argv: list[str]):
    """A trainer with SINOVDA_DB reads in --help that --kelas / DIR is then a class key in the
    database, not only a folder."""
    text = " ".join(_help(argv).split())
    assert "SINOVDA_DB" in text and "kunci kelas" in text, argv
