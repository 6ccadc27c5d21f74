"""The wheel: console script, built-in templates inside the package, no test files."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile

import pytest

from helpers import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("msctool-*.whl")
    return zipfile.ZipFile(built)


def test_templates_ship_inside_the_package(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for language in ("en", "nl"):
        assert f"msctool/templates/init/{language}/partnership.yaml.j2" in names
    assert "msctool/templates/init/common/.github/workflows/msc.yml.j2" in names
    assert not any(name.startswith("tests/") for name in names)


def test_console_script_and_dependencies(wheel: zipfile.ZipFile) -> None:
    [entry_points] = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "msc = msctool.cli.main:main" in wheel.read(entry_points).decode()
    [metadata] = [n for n in wheel.namelist() if n.endswith("METADATA")]
    text = wheel.read(metadata).decode()
    for requirement in ("typer", "rich", "pydantic", "ruamel-yaml", "jinja2", "openpyxl"):
        assert f"Requires-Dist: {requirement}" in text
    assert "Requires-Python: >=3.11" in text


IMPORT_NAMES = {"pyyaml": "yaml", "ruamel.yaml": "ruamel", "markdown-it-py": "markdown_it"}


def test_every_dependency_is_imported_by_msc() -> None:
    """A runtime dependency nothing imports is weight every user installs for nothing."""
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    source = "\n".join(p.read_text() for p in (REPO / "src" / "msctool").rglob("*.py"))
    for requirement in declared:
        name = re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower()
        module = IMPORT_NAMES.get(name, name.replace("-", "_"))
        assert re.search(rf"^\s*(from|import) {re.escape(module)}\b", source, re.M), name


def test_demo_and_pre_commit_manifest_exist() -> None:
    assert (REPO / "examples" / "partnership-demo" / "partnership.yaml").is_file()
    assert (REPO / ".pre-commit-hooks.yaml").is_file()
