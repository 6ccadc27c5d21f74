"""Docs cannot drift: commands, options, Quick start, CI and generated docs stay in step."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from typer.main import get_command

from helpers import REPO, msc, snapshot
from msctool.cli.app import app
from msctool.cli.commands import entries_under
from msctool.rules.explain import rules_markdown

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMAND = get_command(app)
CONTEXT = click.Context(COMMAND)  # type: ignore[arg-type]


def commands() -> list[str]:
    return sorted(COMMAND.list_commands(CONTEXT))  # type: ignore[attr-defined]


def command(name: str) -> click.Command:
    found = COMMAND.get_command(CONTEXT, name)  # type: ignore[attr-defined]
    assert found is not None, name
    return found  # type: ignore[no-any-return]


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    before_prose = section.split("Start your own partnership", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", before_prose, flags=re.S)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    found = command(name)
    assert found.help and len(found.help) > 20
    assert f"### `msc {name}" in README


@pytest.mark.parametrize("name", commands())
def test_every_option_is_in_the_readme(name: str) -> None:
    section = README.split(f"### `msc {name}", 1)[1].split("\n### ", 1)[0]
    for path, param in parameters(command(name), name):
        for flag in param.opts:
            if flag.startswith("-"):
                assert f"`{flag}" in section or f"{flag}`" in section, f"{path}: {flag}"


def parameters(command: click.Command, path: str) -> Iterator[tuple[str, click.Parameter]]:
    """Every parameter of a command and, for a group, of each of its subcommands."""
    for param in command.params:
        yield path, param
    for sub_name, sub in getattr(command, "commands", {}).items():
        yield from parameters(sub, f"{path} {sub_name}")


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    first, second = quick_start_commands()
    assert "examples/partnership-demo" in first and "msc check" in first
    assert "msc render newsletter" in first
    assert "[test]" in second and second.endswith("pytest")
    assert second in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_rules_doc_is_generated_from_the_catalog() -> None:
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["init", "--help"]])
def test_help_snapshot(args: list[str]) -> None:
    result = msc(*args, env={"COLUMNS": "88"})
    assert result.exit_code == 0
    snapshot(f"help-{'-'.join(a.strip('-') for a in args)}.txt", result.stdout)


FORMAT_DOC = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
MODELINE = re.compile(r"^# yaml-language-server: \$schema=\.msc/schema/(\w+)\.schema\.json$", re.M)


def format_examples() -> list[tuple[str, str]]:
    """Every ```yaml block of docs/format.md that names its schema in a modeline."""
    blocks = re.findall(r"```yaml\n(.*?)```", FORMAT_DOC, flags=re.S)
    return [(match.group(1), block) for block in blocks if (match := MODELINE.search(block))]


def test_format_doc_has_an_example_for_every_yaml_file() -> None:
    assert {name for name, _ in format_examples()} >= {
        "partnership",
        "partners",
        "activities",
        "metrics",
        "roi",
        "engagement",
    }


@pytest.mark.parametrize(("name", "block"), format_examples())
def test_format_doc_examples_validate(name: str, block: str) -> None:
    import yaml_rs

    from msctool.model.schema import file_models

    file_models()[name].model_validate(yaml_rs.loads(block))


def test_help_lists_every_command_in_order() -> None:
    listing = msc("--help").stdout.split("Commands:", 1)[1]
    listed = re.findall(r"^  (\S+) ", listing, re.M)
    assert listed == list(entries_under(""))
    assert sorted(listed) == commands()
