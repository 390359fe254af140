"""Where sinovda finds its course data, datasets, notebooks and workspaces.

The course files keep their top-level folders in the repository (``modul/``, ``notebooks/``,
``datasets/``, ``deploy/``). Run from a checkout (the editable install of ``make``), ``ROOT`` is
the checkout. Installed from the wheel, the build has put the same folders inside the package as
``sinovda/_resources/`` and ``ROOT`` is that folder, found with :mod:`importlib.resources`.
``$SINOVDA_MODUL`` points the course data (``modul/``) somewhere else in both cases.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

DB_NAME = "sinovda.db"
SUMBER = "_resources"  # the folder inside the installed package holding the course files
PENANDA = ("modul", "notebooks", "datasets")  # folders that make a folder a sinovda source tree


def _lengkap(folder: Path) -> bool:
    return all((folder / nama).is_dir() for nama in PENANDA)


def akar_sumber() -> Path:
    """The folder holding ``modul/``, ``notebooks/``, ``datasets/`` and ``deploy/``: the checkout
    this package runs from, else the copy shipped inside the installed package."""
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file() and _lengkap(checkout):
        return checkout
    dipasang = Path(str(resources.files("sinovda").joinpath(SUMBER)))
    if _lengkap(dipasang):
        return dipasang
    return checkout  # neither: messages then name the checkout's folders as missing


ROOT = akar_sumber()
MODUL_DIR = Path(os.environ.get("SINOVDA_MODUL") or ROOT / "modul")
DATASETS_DIR = ROOT / "datasets"
NOTEBOOKS_DIR = ROOT / "notebooks"
DEPLOY_DIR = ROOT / "deploy"


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
