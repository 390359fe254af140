"""environment.yml mirrors pyproject.toml: the one dependency list, for conda/mamba users."""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement

from sinovda.paths import ROOT

# conda-only entries with no PyPI counterpart in pyproject (the hub's proxy is an npm package).
CONDA_ONLY = {"python", "pip", "configurable-http-proxy"}


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    out = {}
    for line in reqs:
        r = Requirement(line)
        if r.name == "sinovda":  # the test extra names the other extras: sinovda[hub,dask,pg]
            continue
        out[r.name.lower()] = str(r.specifier)
    return out


def _environment() -> dict[str, str]:
    data = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in data["dependencies"]:
        if isinstance(dep, dict) and set(dep) == {"pip"}:
            continue  # sinovda itself (test_environment_installs_sinovda_itself)
        assert isinstance(dep, str), f"environment.yml: entri tidak dikenal {dep!r}"
        r = Requirement(dep)
        out[r.name.lower()] = str(r.specifier)
    return out


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    env = _environment()
    py = _pyproject()
    missing = sorted(set(py) - set(env))
    extra = sorted(set(env) - set(py) - CONDA_ONLY)
    assert not missing, f"tidak ada di environment.yml: {missing}"
    assert not extra, f"tidak ada di pyproject.toml: {extra}"


def test_environment_yml_uses_the_same_version_bounds():
    env = _environment()
    for name, spec in _pyproject().items():
        assert env[name] == spec, f"{name}: pyproject {spec!r}, environment.yml {env[name]!r}"


def test_environment_requires_python_311():
    env = _environment()
    assert env["python"] == ">=3.11"


def test_environment_installs_sinovda_itself():
    data = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = [d["pip"] for d in data["dependencies"] if isinstance(d, dict)]
    assert pip == [["-e ."]], "environment.yml harus memasang sinovda sendiri (pip: -e .)"
    assert data["dependencies"][-1] == {"pip": ["-e ."]}, "sinovda dipasang paling akhir"


def test_test_extra_pulls_in_every_other_extra():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["optional-dependencies"]
    diri = [Requirement(x) for x in extras["test"] if Requirement(x).name == "sinovda"]
    assert len(diri) == 1 and diri[0].extras == set(extras) - {"test"}
