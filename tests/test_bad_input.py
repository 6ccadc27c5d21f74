"""Bad input of every kind: a clear finding at the right place, no flood, no hang, no traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, MakeP, base_files, write_tree
from msctool.errors import UsageError
from msctool.rules.check import run_check


def findings(root: Path) -> list[tuple[str, str, int, int, str]]:
    report = run_check(root, as_of=AS_OF)
    return [(f.code, f.file, f.line, f.column, f.message) for f in report.findings]


def test_a_folder_that_does_not_exist_is_a_usage_error(make_partnership: MakeP) -> None:
    root = make_partnership()
    with pytest.raises(UsageError, match="does not exist"):
        run_check(root / "typo-dir", as_of=AS_OF)


def test_an_invalid_partnership_yaml_does_not_hide_errors_in_other_files(
    make_partnership: MakeP,
) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["tag_line"] = files["partnership.yaml"].pop("tagline")
        files["activities.yaml"]["activities"][0]["raci"]["accountable"] = ["city", "school"]
        files["activities.yaml"]["activities"][1]["raci"]["accountable"] = "nobody"

    codes = [code for code, *_ in findings(make_partnership(edit))]
    assert codes == ["MSC010", "MSC009", "MSC004"]


def test_every_missing_key_is_reported(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        del files["partners.yaml"]["partners"][0]["sector"]
        del files["partners.yaml"]["partners"][0]["joined"]

    messages = [message for *_, message in findings(make_partnership(edit))]
    assert messages == [
        "missing required key `sector` in `partners`",
        "missing required key `joined` in `partners`",
    ]


def test_a_misspelt_required_key_is_one_finding(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        purpose = files["partnership.yaml"]["purpose"]
        purpose["statment"] = purpose.pop("statement")

    report = run_check(make_partnership(edit), as_of=AS_OF)
    [finding] = report.findings
    assert (finding.code, finding.message) == ("MSC004", "unknown key `statment`")
    assert finding.hint == "did you mean `statement`? it is required"


@pytest.mark.parametrize(
    "text",
    ["format_version: 1\nactivities: [\n", "- a\n- b\n", "format_version: 1\nactivites: []\n"],
)
def test_a_broken_file_does_not_set_off_warnings_about_its_content(
    make_partnership: MakeP, text: str
) -> None:
    root = make_partnership(**{"activities_yaml": text})
    codes = {code for code, *_ in findings(root)}
    assert codes <= {"MSC002", "MSC004", "MSC005", "MSC006"}, codes


def test_a_misspelt_list_key_does_not_break_references_to_its_ids(
    make_partnership: MakeP,
) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["decisions/0001-adopt-msc.md"]["affects"] = ["jobs-fair"]
        activities = files["activities.yaml"]
        activities["activites"] = activities.pop("activities")

    codes = [code for code, *_ in findings(make_partnership(edit))]
    assert codes == ["MSC004"]


def test_all_duplicate_keys_of_a_file_are_reported(tmp_path: Path) -> None:
    files = base_files()
    files["roi.yaml"] = (
        "format_version: 1\nhourly_rate: 40\nhourly_rate: 45\ncurrency: EUR\ncurrency: EUR\n"
    )
    result = findings(write_tree(tmp_path, files))
    assert [(code, line, column) for code, _f, line, column, _m in result] == [
        ("MSC003", 3, 1),
        ("MSC003", 5, 1),
    ]


def test_a_tab_is_reported_where_it_is(tmp_path: Path) -> None:
    files = base_files()
    files["partners.yaml"] = (
        "format_version: 1\npartners:\n  - id: city\n    name: City\n\tsector: public\n"
    )
    [(code, rel, line, column, message)] = findings(write_tree(tmp_path, files))
    assert (code, rel, line, column) == ("MSC002", "partners.yaml", 5, 1)
    assert "tab" in message


def test_several_yaml_documents_in_one_file(tmp_path: Path) -> None:
    files = base_files()
    files["engagement.yaml"] = "format_version: 1\nengagements: []\n---\nformat_version: 1\n"
    [(_code, _rel, _line, _col, message)] = findings(write_tree(tmp_path, files))
    assert message.endswith("found several YAML documents")


def test_decision_records_with_windows_line_endings(make_partnership: MakeP) -> None:
    root = make_partnership()
    path = root / "decisions" / "0001-adopt-msc.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert findings(root) == []


def test_a_fifo_is_refused_not_waited_for(make_partnership: MakeP) -> None:
    root = make_partnership()
    (root / "engagement.yaml").unlink()
    os.mkfifo(root / "engagement.yaml")
    assert findings(root) == [
        ("MSC014", "engagement.yaml", 1, 1, "not a regular file: a named pipe (FIFO)")
    ]


def test_links_to_outside_the_folder_are_not_followed(
    make_partnership: MakeP, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("root:x:0:0:root\n")
    root = make_partnership()
    (root / "data" / "evil.csv").symlink_to(secret)
    result = findings(root)
    assert result == [
        (
            "MSC014",
            "data/evil.csv",
            1,
            1,
            "file links to a place outside the partnership folder",
        )
    ]
    assert "root:x" not in str(result)


def observations(root: Path, text: str) -> Path:
    (root / "data" / "placements.csv").write_text(text, encoding="utf-8")
    return root


HEADER = "metric,date,value,source\n"


def test_a_huge_csv_cell_is_a_finding(make_partnership: MakeP) -> None:
    root = observations(
        make_partnership(), HEADER + "placements,2026-11-01,1," + "x" * 200_000 + "\n"
    )
    [(code, rel, line, _column, message)] = findings(root)
    assert (code, rel, line) == ("MSC011", "data/placements.csv", 2)
    assert message.startswith("the file cannot be read from here on")


def test_an_unclosed_quote_is_a_finding_and_stale_metric_warnings_stay_quiet(
    make_partnership: MakeP,
) -> None:
    text = HEADER + 'placements,2026-10-31,20,"city\nplacements,2026-11-20,22,city\n'
    root = observations(make_partnership(), text)
    codes = [code for code, *_ in findings(root)]
    assert codes == ["MSC011"]


def test_semicolon_csv_gets_a_spreadsheet_hint(make_partnership: MakeP) -> None:
    root = observations(make_partnership(), "metric;date;value\nplacements;2026-11-01;9,1\n")
    report = run_check(root, as_of=AS_OF)
    [finding] = report.findings
    assert finding.hint is not None and "semicolons" in finding.hint


def test_decimal_comma_gets_a_hint(make_partnership: MakeP) -> None:
    root = observations(make_partnership(), HEADER + "placements,2026-11-20,9,1,city\n")
    [finding] = run_check(root, as_of=AS_OF).findings
    assert finding.message == "expected 3 or 4 columns, found 5"
    assert finding.hint == 'a decimal comma splits the value: write `9.1` or `"9,1"`'


def test_the_same_observation_twice_is_a_finding(make_partnership: MakeP) -> None:
    text = HEADER + "placements,2026-11-20,22,city\nplacements,2026-11-20,23,school\n"
    root = observations(make_partnership(), text)
    assert findings(root) == [
        (
            "MSC011",
            "data/placements.csv",
            3,
            1,
            "`placements` on 2026-11-20 is already recorded (data/placements.csv:2)",
        )
    ]


def test_an_empty_metric_cell(make_partnership: MakeP) -> None:
    root = observations(make_partnership(), HEADER + ",2026-11-20,22,city\n")
    [(_c, _r, _l, _col, message)] = findings(root)
    assert message == "the metric column is empty"


@pytest.mark.parametrize(
    "checks",
    [{"ignore": ["MSC009"]}, {"severity": {"MSC0": "warning"}}, {"ignore": ["MSC00"]}],
)
def test_trying_to_silence_data_errors_is_reported(
    make_partnership: MakeP, checks: dict[str, Any]
) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["checks"] = checks

    [finding] = run_check(make_partnership(edit), as_of=AS_OF).findings
    assert finding.code == "MSC006"
    assert "cannot be ignored or turned down" in finding.message


def test_an_unquoted_number_where_text_is_expected(make_partnership: MakeP) -> None:
    root = make_partnership()
    path = root / "partners.yaml"
    path.write_text(path.read_text().replace("name: City", "name: 0612345601", 1))
    [finding] = run_check(root, as_of=AS_OF).findings
    assert finding.hint == "put the value in quotes so it stays text (and keeps leading zeros)"


def test_output_to_a_device_writes_into_it_and_keeps_it(make_partnership: MakeP) -> None:
    from msctool.render.outputs import write_output

    null = Path("/dev/null")
    assert write_output("x", output=str(null), default=null, force=True) == null
    assert null.is_char_device()


def test_output_to_a_folder_is_refused(tmp_path: Path) -> None:
    from msctool.errors import UserError
    from msctool.render.outputs import write_output

    with pytest.raises(UserError, match="is a folder"):
        write_output("x", output=str(tmp_path), default=tmp_path, force=True)


def test_a_line_break_in_a_name_is_an_error(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["short_name"] = "Koers\nBcc: x@example.org"

    [finding] = run_check(make_partnership(edit), as_of=AS_OF).findings
    assert (finding.code, finding.message) == (
        "MSC006",
        "short_name: holds a line break or a control character",
    )
    assert finding.hint == "keep it on one line"
