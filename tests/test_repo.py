"""Promises the repository keeps: clean notebooks, the two-command set-up, CI calling it."""

from __future__ import annotations

import json
import re

from sinovda.paths import NOTEBOOKS_DIR, ROOT


def test_every_notebook_is_committed_with_outputs_cleared():
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert notebooks
    for nb_path in notebooks:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs"), f"{nb_path.name}: keluaran sel belum dibersihkan"
                assert cell.get("execution_count") is None, f"{nb_path.name}: execution_count"


def test_notebooks_are_thin():
    """Logic lives in the package: a code cell is a few lines that call sinovda."""
    for nb_path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            lines = [ln for ln in src.splitlines() if ln.strip() and ln.lstrip()[0] != "#"]
            assert len(lines) <= 12, f"{nb_path.name}: sel kode terlalu panjang:\n{src}"
            assert not re.search(r"^\s*(def|class) ", src, re.M), f"{nb_path.name}: {src}"


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    commands = [ln.split("#")[0].strip() for ln in first_block.splitlines()[1:] if ln.strip()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_make_test():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
