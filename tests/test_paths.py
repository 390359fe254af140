"""Where sinovda finds its course files: the checkout here, ``$SINOVDA_MODUL`` for the course
data (the wheel's copy inside the package is exercised by tests/test_repo_wheel.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sinovda import paths

CHECKOUT = Path(__file__).resolve().parents[1]


def _paths(env: dict[str, str]) -> list[str]:
    r = subprocess.run([sys.executable, "-c", "from sinovda import paths as p; "
                        "print(p.ROOT); print(p.MODUL_DIR); print(p.NOTEBOOKS_DIR)"],
                       env=env, capture_output=True, text=True, check=True, cwd="/")
    return r.stdout.split("\n")[:3]


def test_a_checkout_uses_its_own_folders():
    assert paths.akar_sumber() == CHECKOUT == paths.ROOT
    for folder in (paths.MODUL_DIR, paths.NOTEBOOKS_DIR, paths.DATASETS_DIR, paths.DEPLOY_DIR):
        assert folder.is_dir() and folder.parent == CHECKOUT


def test_sinovda_modul_points_the_course_data_elsewhere(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SINOVDA_MODUL"}
    root, modul, buku = _paths({**env, "SINOVDA_MODUL": str(tmp_path)})
    assert (root, modul, buku) == (str(CHECKOUT), str(tmp_path), str(CHECKOUT / "notebooks"))
    _, modul, _ = _paths({**env, "SINOVDA_MODUL": ""})  # empty: the default
    assert modul == str(CHECKOUT / "modul")


def test_workspaces_follow_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SINOVDA_KELAS", str(tmp_path / "k"))
    monkeypatch.setenv("SINOVDA_PRIBADI", str(tmp_path / "p"))
    assert paths.kelas_dir() == tmp_path / "k"
    assert paths.kelas_dir("lain") == Path("lain")
    assert paths.pribadi_dir() == tmp_path / "p"
    monkeypatch.delenv("SINOVDA_KELAS")
    assert paths.kelas_dir() == Path("kelas")
