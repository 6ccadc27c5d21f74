"""JSON Schema: generated from the models; the demo validates against it with check-jsonschema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml_rs

from helpers import DEMO, nonempty
from msctool.model.schema import SCHEMA_FILES, all_schemas, write_schemas

YAML_FILES = {
    "partnership": ["partnership.yaml"],
    "partners": ["partners.yaml"],
    "activities": ["activities.yaml"],
    "metrics": ["metrics.yaml"],
    "roi": ["roi.yaml"],
    "engagement": ["engagement.yaml"],
}


def test_every_schema_is_valid_draft_2020_12() -> None:
    for name, schema in all_schemas().items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name


def test_private_fields_are_marked_in_the_schema() -> None:
    partners = json.dumps(all_schemas()["partners"])
    assert partners.count('"x-msc-private": true') >= 3  # email, phone, notes


def check_jsonschema() -> str:
    exe = Path(sys.executable).parent / "check-jsonschema"
    found = str(exe) if exe.exists() else shutil.which("check-jsonschema")
    if found is None:
        pytest.fail("check-jsonschema is not installed (it is in the test extra)")
    return found


@pytest.mark.parametrize("name", sorted(YAML_FILES))
def test_demo_validates_with_check_jsonschema(name: str, tmp_path: Path) -> None:
    write_schemas(tmp_path)
    files = [str(DEMO / rel) for rel in YAML_FILES[name]]
    result = subprocess.run(
        [check_jsonschema(), "--schemafile", str(tmp_path / f"{name}.schema.json"), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_what_msc_rejects(tmp_path: Path) -> None:
    write_schemas(tmp_path / "schema")
    bad = tmp_path / "partners.yaml"
    bad.write_text("format_version: 1\npartners:\n  - id: Bad Id\n    name: X\n")
    result = subprocess.run(
        [
            check_jsonschema(),
            "--schemafile",
            str(tmp_path / "schema" / "partners.schema.json"),
            str(bad),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


def test_decision_front_matter_validates_against_its_schema() -> None:
    schema = all_schemas()["decision"]
    validator = jsonschema.Draft202012Validator(schema)
    for path in nonempty(sorted((DEMO / "decisions").glob("*.md")), "decision records"):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        data = json.loads(json.dumps(yaml_rs.loads(front), default=str))
        assert list(validator.iter_errors(data)) == [], path.name


def test_schema_names_cover_every_file_kind() -> None:
    assert set(SCHEMA_FILES) == {*YAML_FILES, "decision"}


def test_demo_schemas_are_up_to_date() -> None:
    """The demo ships its schemas for editors; regenerate with `msc schema -o .msc/schema`."""
    for name, schema in all_schemas().items():
        shipped = json.loads((DEMO / ".msc" / "schema" / f"{name}.schema.json").read_text())
        assert shipped == schema, (
            f"run: msc schema -o examples/partnership-demo/.msc/schema ({name})"
        )


@pytest.mark.parametrize("name", sorted(YAML_FILES))
def test_demo_files_carry_a_modeline_to_the_shipped_schema(name: str) -> None:
    first = (DEMO / YAML_FILES[name][0]).read_text().splitlines()[0]
    assert first == f"# yaml-language-server: $schema=.msc/schema/{name}.schema.json"
