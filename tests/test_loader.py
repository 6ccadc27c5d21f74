"""The loader: positions, every kind of bad input, YAML 1.2 semantics, the typed result."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, DEMO, MakeP, base_files, write_tree
from msctool.errors import NotAPartnershipError
from msctool.load.files import MAX_YAML_BYTES
from msctool.load.loader import find_root, load_partnership
from msctool.model import Partnership
from msctool.rules.check import run_check

MINIMAL_ROOT = """\
format_version: 1
name: Youth Works
short_name: YW
purpose:
  statement: Help young people into work.
  reaffirmed: 2026-06-01
goals:
  - id: work
    title: Into work
target_population:
  description: Young people
"""


def only(root: Path, code: str) -> list[tuple[str, int, int, str]]:
    report = run_check(root, as_of=AS_OF)
    return [(f.file, f.line, f.column, f.message) for f in report.findings if f.code == code]


def partners_text(root: Path, text: str | bytes) -> Path:
    files = base_files()
    files["partners.yaml"] = text
    return write_tree(root, files)


def test_loaded_partnership_is_one_typed_object(make_partnership: MakeP) -> None:
    loaded = load_partnership(make_partnership())
    p = loaded.partnership
    assert isinstance(p, Partnership)
    assert loaded.findings == []
    assert p.meta.name == "Youth Works"
    assert [x.id for x in p.partners] == ["city", "school"]
    assert p.activity_by_id["jobs-fair"].raci.accountables() == ["school"]
    assert [o.value for o in p.observations_by_metric["placements"]] == [20.0, 22.0]
    assert p.roi is not None and p.roi.outcomes[0].financial_proxy.value == 5000
    assert p.decisions[0].meta.id == 1 and "We do it." in p.decisions[0].text
    assert [r.date for r in p.retros] == [date(2026, 10, 1)]
    assert [n.date for n in p.newsletters] == [date(2026, 11, 1)]


def test_demo_loads_without_errors() -> None:
    report = run_check(DEMO, as_of=AS_OF)
    assert report.errors == []


def test_unknown_key_points_at_the_key_with_a_suggestion(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"partnership.yaml": MINIMAL_ROOT + "langauge: en\n"})
    report = run_check(root, as_of=AS_OF)
    [finding] = [f for f in report.findings if f.code == "MSC004"]
    assert (finding.file, finding.line, finding.column) == ("partnership.yaml", 12, 1)
    assert finding.message == "unknown key `langauge`"
    assert finding.hint == "did you mean `language`?"


def test_unknown_nested_key_lists_allowed_keys_when_nothing_is_close(tmp_path: Path) -> None:
    text = MINIMAL_ROOT.replace("    title: Into work\n", "    title: Into work\n    zzz: 1\n")
    report = run_check(write_tree(tmp_path, {"partnership.yaml": text}), as_of=AS_OF)
    [finding] = [f for f in report.findings if f.code == "MSC004"]
    assert (finding.line, finding.column) == (10, 5)
    assert finding.hint == "allowed keys here: description, id, title"


def test_missing_key_points_at_the_parent_mapping(tmp_path: Path) -> None:
    text = MINIMAL_ROOT.replace("  reaffirmed: 2026-06-01\n", "")
    report = run_check(write_tree(tmp_path, {"partnership.yaml": text}), as_of=AS_OF)
    [finding] = report.findings
    assert (finding.code, finding.line, finding.column) == ("MSC005", 5, 3)
    assert finding.message == "missing required key `reaffirmed` in `purpose`"


def test_wrong_type_points_at_the_value(tmp_path: Path) -> None:
    text = MINIMAL_ROOT.replace("reaffirmed: 2026-06-01", "reaffirmed: last spring")
    report = run_check(write_tree(tmp_path, {"partnership.yaml": text}), as_of=AS_OF)
    [finding] = report.findings
    assert (finding.code, finding.line, finding.column) == ("MSC006", 6, 15)
    assert finding.message == "reaffirmed: `last spring` is not a date"
    assert finding.hint is not None and "YYYY-MM-DD" in finding.hint


def test_wrong_literal_suggests_the_closest_value(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partners.yaml"]["partners"][1]["sector"] = "pubic"

    report = run_check(make_partnership(edit), as_of=AS_OF)
    [finding] = report.findings
    assert finding.message == "sector: `pubic` is not one of: public, private, civil"
    assert finding.hint == "did you mean `public`?"


def test_unsupported_format_version(tmp_path: Path) -> None:
    text = MINIMAL_ROOT.replace("format_version: 1", "format_version: 2")
    [finding] = run_check(write_tree(tmp_path, {"partnership.yaml": text}), as_of=AS_OF).findings
    assert (finding.code, finding.line, finding.column) == ("MSC007", 1, 17)


def test_duplicate_key_is_an_error_at_the_second_key(tmp_path: Path) -> None:
    root = partners_text(tmp_path, "format_version: 1\npartners: []\npartners: []\n")
    assert only(root, "MSC003") == [
        (
            "partners.yaml",
            3,
            1,
            "duplicate key `partners`: the later value would silently replace the first",
        )
    ]


def test_duplicate_ids_are_errors(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partners.yaml"]["partners"][1]["id"] = "city"

    findings = only(make_partnership(edit), "MSC008")
    assert len(findings) == 1
    assert findings[0][0] == "partners.yaml"
    assert "duplicate partner id `city`" in findings[0][3]


def test_tabs_are_a_clear_syntax_error(tmp_path: Path) -> None:
    root = partners_text(tmp_path, "format_version: 1\npartners:\n\t- id: x\n")
    assert only(root, "MSC002") == [
        ("partners.yaml", 3, 1, "YAML syntax error: a tab character is used for indentation")
    ]


def test_broken_syntax_reports_line_and_column(tmp_path: Path) -> None:
    root = partners_text(tmp_path, "format_version: 1\npartners: [\n  - id: x\n")
    [(rel, line, _column, message)] = only(root, "MSC002")
    assert rel == "partners.yaml" and line >= 2
    assert message.startswith("YAML syntax error:")


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    root = partners_text(tmp_path, b"format_version: 1\npartners:\n  - name: caf\xe9\n")
    assert only(root, "MSC001") == [
        ("partners.yaml", 3, 14, "file is not UTF-8: byte 0xE9 cannot be decoded")
    ]


def test_utf8_byte_order_mark_is_accepted(make_partnership: MakeP) -> None:
    root = make_partnership()
    path = root / "partners.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_check(root, as_of=AS_OF).findings == ()


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    root = partners_text(tmp_path, text)
    assert only(root, "MSC001") == [("partners.yaml", 1, 1, "file is empty")]


def test_list_where_a_mapping_is_expected(tmp_path: Path) -> None:
    root = partners_text(tmp_path, "- id: city\n  name: City\n")
    [(rel, line, column, message)] = only(root, "MSC006")
    assert (rel, line, column) == ("partners.yaml", 1, 1)
    assert message.endswith("found a list")


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["format_version: 1", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        prev, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    root = partners_text(tmp_path, "\n".join(lines) + "\n")
    [(_rel, _line, _col, message)] = only(root, "MSC002")
    assert "aliases expand too far" in message


def test_small_aliases_are_fine(make_partnership: MakeP) -> None:
    root = make_partnership()
    text = (root / "partners.yaml").read_text()
    text = text.replace(
        "  gets:\n  - description: a network\n", "  gets: &g\n  - description: a network\n", 1
    )
    text = text.rstrip("\n") + "\n"
    (root / "partners.yaml").write_text(text)
    assert run_check(root, as_of=AS_OF).errors == []


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    root = partners_text(tmp_path, "# " + "x" * MAX_YAML_BYTES + "\n")
    [(_rel, _line, _col, message)] = only(root, "MSC001")
    assert message.startswith("file is too large")


@pytest.mark.parametrize(
    "text",
    [
        "format_version: 1\npartners:\n  - id: x\n    name: !!python/object/apply:os.system ['touch pwned']\n",
        "format_version: 1\npartners: !!python/name:os.system\n",
    ],
)
def test_tags_never_execute(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = partners_text(tmp_path / "p", text)
    report = run_check(root, as_of=AS_OF)
    assert report.errors
    assert not (tmp_path / "pwned").exists()


def test_yaml_1_2_keeps_no_as_a_string(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partners.yaml"] = files["partners.yaml"]  # keep
        files["activities.yaml"]["activities"][0]["name"] = "NO"

    root = make_partnership(edit)
    text = (root / "activities.yaml").read_text().replace("name: 'NO'", "name: NO")
    (root / "activities.yaml").write_text(text)
    p = load_partnership(root).partnership
    assert p is not None
    assert p.activity_by_id["newsletter"].name == "NO"


def test_one_broken_file_does_not_hide_the_others(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["metrics.yaml"] = "format_version: 1\nmetrics: [\n"
        files["partners.yaml"]["partners"][0]["sector"] = "pubic"

    report = run_check(make_partnership(edit), as_of=AS_OF)
    assert {f.file for f in report.errors} == {"metrics.yaml", "partners.yaml"}


def test_decision_without_front_matter(make_partnership: MakeP) -> None:
    root = make_partnership(**{"decisions__0001-adopt-msc.md": "# Just text\n"})
    assert only(root, "MSC012") == [
        ("decisions/0001-adopt-msc.md", 1, 1, "decision record has no front matter")
    ]


def test_decision_front_matter_positions_are_offset(make_partnership: MakeP) -> None:
    text = "---\nformat_version: 1\nid: 1\ntitle: T\ndate: 2025-01-10\nstatus: done\nbody: steering\n---\n"
    root = make_partnership(**{"decisions__0001-adopt-msc.md": text})
    [(rel, line, column, message)] = only(root, "MSC006")
    assert (rel, line, column) == ("decisions/0001-adopt-msc.md", 6, 9)
    assert message.startswith("status: `done` is not one of")


def test_find_root_walks_up_like_git(make_partnership: MakeP) -> None:
    root = make_partnership()
    assert find_root(root / "decisions") == root.resolve()
    assert run_check(root / "data", as_of=AS_OF).root == root.resolve()


def test_no_partnership_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotAPartnershipError) as caught:
        load_partnership(tmp_path)
    assert "no partnership.yaml" in caught.value.message
    assert caught.value.hint is not None and "msc init" in caught.value.hint


def test_only_partnership_yaml_is_required(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"partnership.yaml": MINIMAL_ROOT})
    report = run_check(root, as_of=AS_OF)
    assert report.errors == []
    loaded = load_partnership(root)
    assert loaded.partnership is not None and loaded.partnership.partners == ()


def test_every_value_can_be_located(make_partnership: MakeP) -> None:
    loaded = load_partnership(make_partnership())
    rel, line, column = loaded.locate("partner", "school", "sector")
    assert rel == "partners.yaml"
    text = (loaded.root / rel).read_text().splitlines()[line - 1]
    assert text[column - 1 :] == "civil"
    rel, line, _column = loaded.locate("goal", "work")
    assert rel == "partnership.yaml"
    assert "id: work" in (loaded.root / rel).read_text().splitlines()[line - 1]
