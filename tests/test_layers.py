"""The layer rules of docs/arsitektur.md, checked on the source with ``ast``."""

import ast
from pathlib import Path

import pytest

PAKET = Path(__file__).resolve().parents[1] / "sinovda"
LARANGAN_DOMAIN = {"ipywidgets", "sqlite3", "yaml", "pandas", "matplotlib", "openpyxl",
                   "requests", "urllib", "socket", "subprocess", "shutil", "pathlib", "io",
                   "tempfile", "glob"}
ATAS_DOMAIN = {"store", "forms", "charts", "report", "cli", "hub", "data", "paths", "view"}
ATAS_DATA_STORE = {"forms", "charts", "report", "cli", "hub", "view"}
# The view layer is pure and widget-free: domain and data only, no widgets, plots or database.
LARANGAN_VIEW = {"ipywidgets", "matplotlib", "sqlite3", "IPython", "requests", "socket",
                 "subprocess"}
ATAS_VIEW = {"store", "forms", "charts", "report", "cli", "hub"}
PANGGILAN_IO = {"open", "input", "print", "exec", "eval", "__import__"}


def _modul(folder: str) -> list[Path]:
    return sorted((PAKET / folder).rglob("*.py"))


def _impor(tree: ast.AST) -> list[str]:
    nama = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            nama += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import inside sinovda
                dasar = "sinovda." + (node.module or "")
                nama.append(dasar)
            elif node.module:
                nama.append(node.module)
                if node.module == "sinovda":
                    nama += [f"sinovda.{a.name}" for a in node.names]
    return nama


def _pelanggaran(path: Path, terlarang: set[str], atas: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    salah = []
    for n in _impor(tree):
        akar = n.split(".")[0]
        if akar in terlarang:
            salah.append(f"impor {n}")
        if akar == "sinovda" and len(n.split(".")) > 1 and n.split(".")[1] in atas:
            salah.append(f"impor ke atas {n}")
    return salah


def test_ada_modul_yang_diperiksa():
    assert len(_modul("domain")) >= 10
    assert _modul("data") and _modul("store")


def _panggilan_io(tree: ast.AST) -> list[str]:
    salah = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            nama = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) \
                else ""
            if nama in PANGGILAN_IO or nama in {"read_text", "write_text", "read_bytes",
                                                "write_bytes", "system", "popen"}:
                salah.append(f"baris {node.lineno}: panggilan {nama}()")
    return salah


@pytest.mark.parametrize("path", _modul("domain"), ids=lambda p: p.name)
def test_domain_murni(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    salah = _pelanggaran(path, LARANGAN_DOMAIN, ATAS_DOMAIN) + _panggilan_io(tree)
    assert salah == [], f"{path.relative_to(PAKET.parent)}: {salah}"


@pytest.mark.parametrize("path", _modul("data") + _modul("store"),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_dan_store_tidak_mengimpor_lapisan_atas(path: Path):
    salah = _pelanggaran(path, set(), ATAS_DATA_STORE)
    assert salah == [], f"{path.relative_to(PAKET.parent)}: {salah}"


def test_lapisan_view_ada():
    assert (PAKET / "view" / "__init__.py").is_file()


@pytest.mark.parametrize("path", _modul("view"), ids=lambda p: p.name)
def test_view_murni(path: Path):
    salah = _pelanggaran(path, LARANGAN_VIEW, ATAS_VIEW)
    assert salah == [], f"{path.relative_to(PAKET.parent)}: {salah}"


def test_pemeriksa_menangkap_pelanggaran(tmp_path: Path):
    contoh = tmp_path / "buruk.py"
    contoh.write_text("import sqlite3\nfrom sinovda.store import Store\nfrom ..forms import x\n"
                      "from sinovda import charts\nopen('a')\n", encoding="utf-8")
    salah = _pelanggaran(contoh, LARANGAN_DOMAIN, ATAS_DOMAIN)
    assert salah == ["impor sqlite3", "impor ke atas sinovda.store", "impor ke atas sinovda.forms",
                     "impor ke atas sinovda.charts"]
    assert _panggilan_io(ast.parse(contoh.read_text(encoding="utf-8"))) == [
        "baris 5: panggilan open()"]
