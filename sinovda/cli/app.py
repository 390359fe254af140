"""Subcommands of `sinovda` (filled in by the work on this area)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands (none yet)."""
