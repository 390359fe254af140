"""Where sinovda finds its course data, datasets, notebooks and workspaces."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODUL_DIR = Path(os.environ.get("SINOVDA_MODUL", ROOT / "modul"))
DATASETS_DIR = ROOT / "datasets"
NOTEBOOKS_DIR = ROOT / "notebooks"
DB_NAME = "sinovda.db"


def kelas_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """The class workspace: the argument, else ``$SINOVDA_KELAS``, else ``./kelas``."""
    if arg:
        return Path(arg).expanduser()
    env = os.environ.get("SINOVDA_KELAS")
    return Path(env).expanduser() if env else Path("kelas")


def pribadi_dir() -> Path:
    """The self-study workspace in the user's home folder (``$SINOVDA_PRIBADI`` overrides)."""
    env = os.environ.get("SINOVDA_PRIBADI")
    return Path(env).expanduser() if env else Path.home() / ".sinovda" / "pribadi"
