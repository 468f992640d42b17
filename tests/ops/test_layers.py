"""The floors contract (pyproject.toml, import-linter's layers) holds, and would catch an
upward import, even one inside a function."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def copy_of_the_project(target: Path) -> Path:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for package in config["tool"]["importlinter"]["root_packages"]:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def lint(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=directory,
        env={"PYTHONPATH": str(directory), "PATH": ""},
        capture_output=True,
        text=True,
    )


def test_the_project_keeps_its_floors(tmp_path):
    result = lint(copy_of_the_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_from_a_higher_floor_inside_a_function_breaks_the_contract(tmp_path):
    project = copy_of_the_project(tmp_path)
    with (project / "core" / "text.py").open("a") as module:
        module.write(
            "\n\ndef upward():\n    from discovery import applies_in\n\n    return applies_in\n"
        )
    result = lint(project)
    assert result.returncode != 0
    assert "core.text -> discovery.applies_in" in result.stdout
