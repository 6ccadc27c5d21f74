"""Property: whatever `msc check` accepts, every command renders without an internal error.

Each example starts from the small valid partnership of the helpers, puts hostile
strings, huge and tiny figures and odd dates into a few fields, writes the
YAML in an unusual but valid style, and renders every output format of every
render (newsletter, ROI story, scorecard, the site, a retrospective with its
invite, the terminal scorecard, the decision log and the change report).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from helpers import AS_OF, base_files, msc, repository, write_tree
from msctool.rules.check import run_check

HOSTILE = [
    "line\u2028separator",
    "para\u2029graph",
    "next\u0085line",
    "\u202eevil\u202c right-to-left",
    "{{ 7 * 7 }} {% raw %}",
    "{# comment",
    "<script>alert(1)</script> & <b>",
    "[link](javascript:alert(1)) ![img](http://x/y.png)",
    "*bold* _it_ `code` | pipe | # heading",
    '=HYPERLINK("http://x")',
    "e\u0301\u0301\u0301 combining",
    "emoji 🤝🏽👩‍👩‍👧 flags 🇳🇱",
    "x" * 300,
    "'quotes' \"double\" \\back\\slash",
    "null",
    "- dash",
    "100%",
    "tab\there",
]
printable = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
strings = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(printable, min_size=1, max_size=40).filter(str.strip),
    st.text(min_size=1, max_size=40),
)
FIGURES = [0, 1e15, -1e15, 1e14 + 0.5, 1e-300, 5e-324, 0.1, 999_999_999_999_999, 2**53 + 1]
figures = st.one_of(
    st.sampled_from(FIGURES), st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False)
)
amounts = st.one_of(st.sampled_from([f for f in FIGURES if f >= 0]), st.floats(0, 1e15))
ODD_DATES = [date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), date(2000, 2, 29)]
dates = st.one_of(st.sampled_from(ODD_DATES), st.dates())

Edit = Callable[[dict[str, Any], Any], None]


def _set(rel: str, *path: str | int) -> Edit:
    def edit(files: dict[str, Any], value: Any) -> None:
        node = files[rel]
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return edit


def _csv_value(files: dict[str, Any], value: Any) -> None:
    files["data/placements.csv"] += f"placements,2026-11-21,{value!r},city\n"


def _csv_date(files: dict[str, Any], value: Any) -> None:
    files["data/placements.csv"] += f"placements,{value.isoformat()},7,city\n"


P, PS, A, M, E, R = (
    "partnership.yaml",
    "partners.yaml",
    "activities.yaml",
    "metrics.yaml",
    "engagement.yaml",
    "roi.yaml",
)
D = "decisions/0001-adopt-msc.md"
TEXT_FIELDS: list[Edit] = [
    _set(P, "name"),
    _set(P, "short_name"),
    _set(P, "tagline"),
    _set(P, "values", 0),
    _set(P, "purpose", "statement"),
    _set(P, "goals", 0, "title"),
    _set(P, "target_population", "segments", 0, "name"),
    _set(P, "bodies", 0, "name"),
    _set(PS, "partners", 0, "name"),
    _set(PS, "partners", 1, "representatives", 0, "name"),
    _set(PS, "partners", 0, "gives", 0, "description"),
    _set(PS, "partners", 0, "gets", 0, "description"),
    _set(A, "activities", 0, "name"),
    _set(M, "metrics", 0, "name"),
    _set(M, "metrics", 0, "unit"),
    _set(E, "engagements", 0, "title"),
    _set(E, "engagements", 0, "heard", 0),
    _set(E, "engagements", 0, "changed", 0),
    _set(R, "outcomes", 0, "name"),
    _set(R, "outcomes", 0, "financial_proxy", "source"),
    _set(D, "title"),
]
NUMBER_FIELDS: list[Edit] = [
    _set(M, "metrics", 0, "baseline", "value"),
    _set(M, "metrics", 0, "target", "value"),
    _csv_value,
]
AMOUNT_FIELDS: list[Edit] = [
    _set(PS, "partners", 0, "gives", 0, "amount"),
    _set(R, "hourly_rate"),
    _set(R, "inputs", 0, "amount"),
    _set(R, "outcomes", 0, "quantity"),
    _set(R, "outcomes", 0, "financial_proxy", "value"),
]
DATE_FIELDS: list[Edit] = [
    _set(P, "purpose", "reaffirmed"),
    _set(PS, "partners", 0, "joined"),
    _set(M, "metrics", 0, "baseline", "date"),
    _set(M, "metrics", 0, "target", "date"),
    _set(E, "engagements", 0, "date"),
    _set(R, "period", "start"),
    _set(R, "period", "end"),
    _set(D, "date"),
    _csv_date,
]
edits = st.one_of(
    st.tuples(st.sampled_from(TEXT_FIELDS), strings),
    st.tuples(st.sampled_from(NUMBER_FIELDS), figures),
    st.tuples(st.sampled_from(AMOUNT_FIELDS), amounts),
    st.tuples(st.sampled_from(DATE_FIELDS), dates),
)


def _flow(data: Any) -> str:
    return yaml.safe_dump(data, default_flow_style=True, allow_unicode=True, width=60)


def _explicit(data: Any) -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=False, explicit_start=True)
    return f"# a comment\n{body}...\n"


def _anchored(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=True, allow_unicode=True, default_style='"')


STYLES: dict[str, Callable[[Any], str]] = {
    "block": lambda data: yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
    "flow": _flow,
    "explicit document, escaped unicode": _explicit,
    "every scalar double-quoted": _anchored,
}
AS_OF_DAYS = [AS_OF, date(9999, 12, 31), date(1, 1, 1), date(2028, 2, 29)]


def _write(root: Path, files: dict[str, Any], style: str) -> None:
    dumper = STYLES[style]
    for rel, content in files.items():
        if rel.endswith(".yaml"):
            files[rel] = dumper(content)
    write_tree(root, files)


def _commands(root: Path, as_of: str) -> list[list[str]]:
    out = root.parent / "out"
    out.mkdir(exist_ok=True)
    common = ["-C", str(root), "--as-of", as_of]
    runs = [
        ["render", kind, *common, "--format", fmt, "-o", str(out / f"{kind}.{fmt}"), "--force"]
        for kind, formats in (
            ("newsletter", ("md", "html", "txt", "eml")),
            ("roi", ("md", "html", "json")),
            ("scorecard", ("md", "html", "csv")),
        )
        for fmt in formats
    ]
    runs.append(["render", "newsletter", *common, "--audience", "public", "-o", "-"])
    runs.append(["render", "roi", *common, "--partner", "city", "-o", "-"])
    runs.append(["render", "site", *common, "-o", str(out / "site"), "--no-progress"])
    runs.append(
        ["retro", "new", "-C", str(root), "--as-of", as_of, "--ics", "-o", str(out / "retro.md")]
    )
    runs.append(["scorecard", *common])
    runs.append(["log", "-C", str(root)])
    runs.append(["changes", "-C", str(root), "--since", "2000-01-01", "--until", "worktree"])
    return runs


def assert_no_internal_error(args: list[str]) -> int:
    """Run ``args``: a result or a clear message, never an internal error; the exit code."""
    result = msc(*args)
    output = result.output
    assert result.exit_code in (0, 1), f"{args}: exit {result.exit_code}\n{output}"
    assert "internal error" not in output and "Traceback" not in output, f"{args}\n{output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    if result.exit_code == 1:
        assert "msc: error:" in output, f"{args}: exit 1 without a message\n{output}"
    return result.exit_code


def render_everything(files: dict[str, Any], style: str, as_of: date) -> list[int]:
    """Every command's exit code on a partnership msc check accepts."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "p"
        _write(root, files, style)
        report = run_check(root, as_of=as_of)
        accepted = not report.errors
        event(f"msc check {'accepts' if accepted else 'refuses'}")
        assume(accepted)
        repository(root, message="partnership")
        return [assert_no_internal_error(args) for args in _commands(root, as_of.isoformat())]


EXAMPLES: dict[str, list[tuple[Edit, Any]]] = {
    "a text holding U+2028": [(_set(E, "engagements", 0, "heard", 0), "late\u2028open")],
    "a purpose holding U+0085 and U+2029": [(_set(P, "purpose", "statement"), "Y\u0085W\u2029")],
    "a proxy of 1e15 times a quantity of 1e15": [
        (_set(R, "outcomes", 0, "quantity"), 1e15),
        (_set(R, "outcomes", 0, "financial_proxy", "value"), 1e15),
        (_set(R, "inputs", 0, "amount"), 5e-324),
    ],
    "dates at both ends of the calendar": [
        (_set(M, "metrics", 0, "target", "date"), date(9999, 12, 31)),
        (_set(M, "metrics", 0, "baseline", "date"), date(1, 1, 1)),
        (_csv_date, date(9999, 12, 31)),
        (_set(D, "date"), date(9999, 12, 31)),
    ],
}


def test_the_issues_examples_pass_check() -> None:
    """The explicit examples of the property below are ones check accepts."""
    for name, changes in EXAMPLES.items():
        for as_of in (AS_OF, date(9999, 12, 31)):
            files = base_files()
            for edit, value in changes:
                edit(files, value)
            with tempfile.TemporaryDirectory() as folder:
                root = write_tree(Path(folder) / "p", files)
                assert not run_check(root, as_of=as_of).errors, (name, as_of)


def _with_examples(test: Callable[..., None]) -> Callable[..., None]:
    for changes in EXAMPLES.values():
        test = example(changes=changes, style="block", as_of=date(9999, 12, 31))(test)
    return example(changes=EXAMPLES["a text holding U+2028"], style="flow", as_of=AS_OF)(test)


@pytest.mark.usefixtures("isolated_git")
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@_with_examples
@given(
    changes=st.lists(edits, min_size=1, max_size=4),
    style=st.sampled_from(sorted(STYLES)),
    as_of=st.sampled_from(AS_OF_DAYS),
)
def test_whatever_check_accepts_every_command_renders(
    changes: list[tuple[Edit, Any]], style: str, as_of: date
) -> None:
    files = base_files()
    for edit, value in changes:
        edit(files, value)
    exits = render_everything(files, style, as_of)
    assert exits.count(0) >= len(exits) // 2, exits  # most outputs were made, not only refused
