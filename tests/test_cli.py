"""The command line, in-process: exit codes, exact lines, conventions shared by commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers import DEMO, REPO, MakeP, msc, msc_process
from msctool import __version__


@pytest.fixture
def broken(make_partnership: MakeP, monkeypatch: pytest.MonkeyPatch) -> Path:
    def edit(files: dict[str, Any]) -> None:
        files["partners.yaml"]["partners"][1]["sector"] = "pubic"

    root = make_partnership(edit)
    monkeypatch.chdir(root.parent)
    return root


def test_version() -> None:
    result = msc("--version")
    assert result.exit_code == 0
    assert result.stdout == f"msc {__version__}\n"


def test_clean_partnership_exits_0(make_partnership: MakeP) -> None:
    root = make_partnership()
    result = msc("check", str(root), "--as-of", "2026-11-27")
    assert result.exit_code == 0
    assert result.stdout.endswith("p: all clear (as of 2026-11-27)\n")


def test_findings_exit_1_with_exact_lines(broken: Path) -> None:
    result = msc("check", "p", "--as-of", "2026-11-27")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "p/partners.yaml:18:11: MSC006 sector: `pubic` is not one of: public, private, civil",
        "  hint: did you mean `public`?",
        "p: 1 error, 0 warnings (as of 2026-11-27)",
    ]


def test_dir_option_and_running_from_a_subfolder(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_option = msc("check", "-C", "p", "--as-of", "2026-11-27", "-q")
    monkeypatch.chdir(broken / "decisions")
    from_inside = msc("check", "--as-of", "2026-11-27", "-q")
    assert by_option.exit_code == from_inside.exit_code == 1
    assert by_option.stdout.startswith("p/partners.yaml:18:11: MSC006")
    assert from_inside.stdout.startswith("../partners.yaml:18:11: MSC006")


def test_warnings_pass_unless_strict(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["purpose"]["reaffirmed"] = "2020-01-01"

    root = str(make_partnership(edit))
    assert msc("check", root, "--as-of", "2026-11-27").exit_code == 0
    assert msc("check", root, "--as-of", "2026-11-27", "--strict").exit_code == 1
    assert (
        msc("check", root, "--as-of", "2026-11-27", "--strict", "--ignore", "MSC101").exit_code == 0
    )


def test_as_of_changes_date_rules(make_partnership: MakeP) -> None:
    root = str(make_partnership())
    assert "MSC101" not in msc("check", root, "--as-of", "2026-11-27").stdout
    assert "MSC101" in msc("check", root, "--as-of", "2027-11-27").stdout


def test_bad_as_of_is_a_usage_error(make_partnership: MakeP) -> None:
    result = msc("check", str(make_partnership()), "--as-of", "27-11-2026")
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: error: --as-of: `27-11-2026` is not a date\n  hint: write the date as YYYY-MM-DD\n"
    )


def test_no_partnership_is_exit_2_without_traceback(tmp_path: Path) -> None:
    result = msc("check", str(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"msc: error: no partnership.yaml in {tmp_path.resolve()}")


def test_unknown_option_is_exit_2() -> None:
    result = msc("check", "--frobnicate")
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_json_format_to_a_file_needs_force_to_replace(broken: Path) -> None:
    out = broken.parent / "report.json"
    first = msc("check", "p", "--format", "json", "-o", str(out), "--as-of", "2026-11-27")
    assert first.exit_code == 1 and first.stdout == ""
    assert json.loads(out.read_text())["errors"] == 1
    again = msc("check", "p", "--format", "json", "-o", str(out))
    assert again.exit_code == 1
    assert again.stderr.startswith(f"msc: error: {out} exists")
    forced = msc("check", "p", "--format", "sarif", "-o", str(out), "--force")
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert forced.exit_code == 1


def test_github_format(broken: Path) -> None:
    result = msc("check", "p", "--format", "github", "--as-of", "2026-11-27")
    assert result.stdout.startswith(
        "::error file=p/partners.yaml,line=18,col=11,title=MSC006::sector: `pubic` is not one of"
    )


def test_rules_lists_every_principle_and_explains_one() -> None:
    listing = msc("rules")
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    for heading in ("0 Valid data (errors always on)", "1 Clarity of purpose, a constant drumbeat"):
        assert heading in lines
    assert "6 Few, critical metrics tied to learning" in lines
    explained = msc("rules", "msc403")
    assert explained.exit_code == 0
    assert explained.stdout.splitlines()[0] == (
        "MSC403 too-accountable (warning by default; principle 4: "
        "Connected and aligned people and activities)"
    )
    assert "checks.thresholds.max_accountable" in explained.stdout


def test_an_unknown_rule_code_is_a_usage_error() -> None:
    unknown = msc("rules", "MSC40")
    assert unknown.exit_code == 2
    assert unknown.stderr == "msc: error: no rule `MSC40`\n  hint: did you mean `MSC401`?\n"


def test_msc013_is_listed_and_explained_as_a_configurable_warning() -> None:
    listing = msc("rules").stdout.splitlines()
    assert listing[0] == "0 Valid data (errors always on)"
    assert listing[13] == (
        "  MSC013  warning  unknown-file (configurable): "
        "A YAML file in the folder looks like a misspelt partnership file."
    )
    explained = msc("rules", "MSC013").stdout.splitlines()
    assert explained[-2:] == [
        "Unlike the data errors of its group, this warning can be configured.",
        "Configure: checks.ignore: [MSC013] or checks.severity: {MSC013: error}",
    ]
    assert msc("rules", "MSC001").stdout.splitlines()[2] == (
        "A file cannot be read: too large, empty, or not UTF-8."
    )
    assert msc("rules", "MSC001").stdout.splitlines()[-1] == (
        "This is a data error: it cannot be ignored or turned into a warning."
    )


def test_schema_to_a_folder_and_to_stdout(tmp_path: Path) -> None:
    result = msc("schema", "-o", str(tmp_path), "-q")
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "partners.schema.json" in names and "decision.schema.json" in names
    one = json.loads(msc("schema", "--name", "partners").stdout)
    assert one["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert msc("schema", "--name", "nope").exit_code == 2


def test_schema_name_with_output_writes_only_that_schema(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = msc("schema", "-o", str(out), "--name", "partners")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"wrote {out / 'partners.schema.json'}"]
    assert [p.name for p in out.iterdir()] == ["partners.schema.json"]


def test_schema_into_a_file_or_an_impossible_folder_is_an_io_error(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("mine\n", encoding="utf-8")
    into_file = msc("schema", "-o", str(a_file))
    assert into_file.exit_code == 2
    assert into_file.stderr == (
        f"msc: error: {a_file} is a file, not a folder\n"
        "  hint: choose a folder for the schema files\n"
    )
    below_file = msc("schema", "-o", str(a_file / "x"))
    assert below_file.exit_code == 2
    assert below_file.stderr == (
        f"msc: error: cannot create the folder {a_file / 'x'}: Not a directory\n"
    )
    assert a_file.read_text(encoding="utf-8") == "mine\n"


def test_schema_replaces_a_different_file_only_with_force(tmp_path: Path) -> None:
    first = msc("schema", "-o", str(tmp_path), "-q")
    assert first.exit_code == 0 and first.stdout == ""
    target = tmp_path / "roi.schema.json"
    same = msc("schema", "-o", str(tmp_path), "--name", "roi")
    assert same.exit_code == 0
    assert same.stdout.splitlines() == [f"unchanged {target}"]
    target.write_text("{}\n", encoding="utf-8")
    refused = msc("schema", "-o", str(tmp_path))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"msc: error: {target} exists with different content\n  hint: use --force to replace it\n"
    )
    assert target.read_text(encoding="utf-8") == "{}\n"
    forced = msc("schema", "-o", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert forced.stdout.splitlines()[0] == f"wrote {target}"
    assert len(forced.stdout.splitlines()) == 7
    assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith("roi.schema.json")


def test_an_internal_error_exits_2_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import msctool.rules.explain

    def broken() -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(msctool.rules.explain, "list_rules", broken)
    result = msc("rules")
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: internal error: RuntimeError: boom\n"
        "  hint: run again with --debug and report the traceback\n"
    )


def test_check_help_says_warnings_fail_only_with_strict() -> None:
    text = " ".join(msc("check", "--help").stdout.split())
    assert "1 when there are errors (or warnings with --strict)" in text
    assert "1 when there are findings" not in text


def test_github_paths_are_relative_to_the_repository_root(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (broken.parent / ".git").mkdir()
    monkeypatch.chdir(broken / "decisions")
    result = msc("check", "--format", "github", "--as-of", "2026-11-27")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "::error file=p/partners.yaml,line=18,col=11,title=MSC006::sector: `pubic` is not one of"
    )


def test_github_paths_outside_a_repository_are_relative_to_the_current_folder(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken / "decisions")
    result = msc("check", "--format", "github", "--as-of", "2026-11-27")
    assert result.stdout.startswith("::error file=../partners.yaml,line=18,col=11,title=MSC006::")


def test_python_dash_m_runs_the_same_cli() -> None:
    result = msc_process("check", str(DEMO), "--as-of", "2026-11-27", "-q", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_check_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from msctool.cli.main import main; sys.argv=['msc','check','-q','--as-of','2026-11-27',"
        f"{str(DEMO)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('git','jinja2','ruamel.yaml','rich.console','msctool.history.git',\n"
        "         'msctool.cli.decide_cmd','msctool.cli.log_cmd','msctool.cli.partner_cmd',\n"
        "         'msctool.cli.serve_cmd','msctool.edits.saving','msctool.edits.yamledit')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_unknown_rule_code_on_the_command_line_is_a_usage_error(make_partnership: MakeP) -> None:
    result = msc("check", str(make_partnership()), "--ignore", "MCS403")
    assert result.exit_code == 2
    assert result.stderr == "msc: error: `MCS403` names no rule\n  hint: did you mean `MSC403`?\n"


def test_unknown_rule_code_in_partnership_yaml_is_a_finding(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["checks"] = {
            "ignore": ["MSC4", "MCS601"],
            "severity": {"MSX1": "error"},
        }

    result = msc("check", str(make_partnership(edit)), "--as-of", "2026-11-27", "-q")
    assert result.exit_code == 1
    lines = [line.split(": ", 1)[1] for line in result.stdout.splitlines()]
    assert lines == ["MSC006 `MCS601` names no rule", "MSC006 `MSX1` names no rule"]


def test_init_then_check_passes(tmp_path: Path, isolated_git: Path) -> None:
    target = tmp_path / "new-partnership"
    created = msc("init", str(target), "--name", "Samen Sterk", "--language", "nl")
    assert created.exit_code == 0, created.output
    assert created.stdout.startswith(f"Created a partnership in {target} (")
    checked = msc("check", str(target))
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.endswith("all clear (as of " + checked.stdout.rsplit("as of ", 1)[1])
    again = msc("init", str(target))
    assert again.exit_code == 1
    assert again.stderr.startswith(f"msc: error: {target} is not empty")


def test_init_prints_what_it_created(tmp_path: Path) -> None:
    target = tmp_path / "a"
    result = msc("init", str(target), "--no-git")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Created a partnership in {target} (19 files).",
        f"Next: cd {target} && msc check",
    ]


def test_init_force_summarises_what_it_added_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "a"
    assert msc("init", str(target), "--no-git").exit_code == 0
    (target / "roi.yaml").unlink()
    result = msc("init", str(target), "--force", "--no-git")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Added 1 missing file to {target}; kept 18 existing files.",
        "  added roi.yaml",
        f"Next: cd {target} && msc check",
    ]
    nothing = msc("init", str(target), "--force", "--no-git")
    assert nothing.stdout.splitlines()[0] == (
        f"Added no missing files to {target}; kept 19 existing files."
    )


def test_init_names_the_partnership_after_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "Samen Oost"
    assert msc("init", "-C", str(target), "--no-git", "-q").stdout == ""
    text = (target / "partnership.yaml").read_text(encoding="utf-8")
    assert 'name: "Samen Oost"' in text and "language: en" in text


def test_init_help_describes_init_own_options() -> None:
    lines = msc("init", "--help").stdout.splitlines()
    text = " ".join(" ".join(lines).split())
    assert "-C, --dir <path> Folder to create the partnership in." in text
    assert "add only the files that are missing; never overwrites." in text
    assert "--language <nl|en>" in text
    assert "Partnership folder (or any folder inside it)" not in text
    assert "Allow replacing" not in text


def test_init_rejects_an_unknown_language_as_usage(tmp_path: Path) -> None:
    result = msc("init", str(tmp_path / "a"), "--language", "fr", "--no-git")
    assert result.exit_code == 2
    assert "Invalid value for '--language'" in result.output
    assert not (tmp_path / "a").exists()


def test_init_force_keeps_the_partnership_language(tmp_path: Path, isolated_git: Path) -> None:
    target = tmp_path / "p"
    assert msc("init", str(target), "--language", "nl", "--no-git").exit_code == 0
    (target / "README.md").unlink()
    assert msc("init", str(target), "--force", "--no-git").exit_code == 0
    assert "partnerschap" in (target / "README.md").read_text(encoding="utf-8").lower()
