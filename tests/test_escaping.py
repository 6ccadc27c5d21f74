"""Outputs are safe where they land: spreadsheets, Markdown, terminals, mail and calendars.

Each test builds the demo partnership in a tmp folder with hostile text in every
free-text field (names, titles, units, heard/changed, sources, git authors and
messages), then reads every output of one kind the way its reader would: CSV
with a spreadsheet's eyes, Markdown through markdown-it, terminal text byte by
byte, e-mail with the stdlib parser, calendars line by line.
"""

from __future__ import annotations

import csv
import email
import email.parser
import email.policy
import io
import json
import re
import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import yaml_rs
from icalendar import Calendar
from markdown_it import MarkdownIt

from helpers import AS_OF, DEMO, dump, git, msc, repository
from msctool.escaping import csv_cell, markdown_plain, markdown_text, one_line, terminal_text

TEXT_KEYS = frozenset(
    {"name", "title", "tagline", "statement", "description", "unit", "heard", "changed", "topic"}
)
"""Free-text fields of a partnership's YAML files: where a partner can write anything."""
DAY = AS_OF.isoformat()


def hostile_demo(tmp_path: Path, payload: str, *, prefix: bool = True) -> Path:
    """The demo partnership in ``tmp_path`` with ``payload`` in every free-text field,
    every decision title and every observation's source."""
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    for path in root.glob("*.yaml"):
        data = yaml_rs.loads(path.read_text(encoding="utf-8"))
        path.write_text(dump(_spiked(data, payload, prefix)), encoding="utf-8")
    for path in (root / "decisions").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^title: (.*)$", lambda m: _title(m, payload), text, count=1))
    for path in (root / "data").glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(
            [rows[0], *([*row[:3], payload.replace("\r", "")] for row in rows[1:])]
        )
        path.write_text(out.getvalue(), encoding="utf-8")
    return root


def _title(match: re.Match[str], payload: str) -> str:
    return "title: " + json.dumps(f"{payload} {match.group(1)}")  # JSON is YAML


def _spiked(data: Any, payload: str, prefix: bool, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _spiked(v, payload, prefix, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_spiked(item, payload, prefix, key) for item in data]
    if isinstance(data, str) and key in TEXT_KEYS and key != "unit":
        return f"{payload} {data}" if prefix else f"{data} {payload}"
    if isinstance(data, str) and key == "unit" and data != "%":
        return f"{data} {payload.strip()}"  # a unit is one line of text
    return data


def ok(*args: str) -> str:
    result = msc(*args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- CSV ----------------------------------------------------------------------------------

FORMULAS = ("=1+2", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(1,1)", "\t=1", "\r=1", " =1")


def spreadsheet_runs(cell: str) -> bool:
    """Whether a spreadsheet would run ``cell`` as a formula (it is not a plain number)."""
    try:
        float(cell.replace(",", ""))
    except ValueError:
        return cell.lstrip(" \u00a0").startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    return False


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_csv_msc_writes_neutralises_formulas(tmp_path: Path, formula: str) -> None:
    root = hostile_demo(tmp_path, formula)
    outputs = {
        "scorecard": ok(
            "render", "scorecard", "-C", str(root), "--as-of", DAY, "--format", "csv", "-o", "-"
        )
    }
    data = root / "data" / "housing.csv"
    before = data.read_text(encoding="utf-8")
    ok(
        "metric",
        "record",
        "-C",
        str(root),
        "--date",
        DAY,
        "--source",
        formula,
        "--",
        "housing-wait",
        "-3.5",
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f'metric,date,value,source\nhousing-wait,2026-11-20,40,"{formula}"\n')
    ok("metric", "import", "-C", str(root), str(sheet))
    outputs["data"] = data.read_text(encoding="utf-8").removeprefix(before)  # msc's rows
    for name, text in outputs.items():
        cells = csv_cells(text)
        assert any(formula.strip() in cell for cell in cells), name  # the data is there
        assert not [cell for cell in cells if spreadsheet_runs(cell)], name
    assert "housing-wait,2026-11-27,-3.5," in outputs["data"]  # a number stays a number
    figures = [
        row[column]
        for row in csv.DictReader(io.StringIO(outputs["scorecard"]))
        for column in ("baseline", "target", "latest", "change", "forecast")
        if row[column]
    ]
    assert any(figure.startswith("-") for figure in figures)  # negative changes, unquoted
    assert not [figure for figure in figures if not re.fullmatch(r"-?\d+(\.\d+)?", figure)]


def test_numbers_stay_numbers_and_text_is_quoted() -> None:
    for number in ("-3.5", "+2", "-1,004.5", "-0.2", "1e-3", "-5%"):
        assert csv_cell(number) == number
    for text in FORMULAS:
        assert csv_cell(text) == "'" + text
    assert csv_cell("Home & Health") == "Home & Health"


# -- Markdown -----------------------------------------------------------------------------

ATTACK = (
    "# <b>bold</b> <img src=x onerror=alert(1)> [link](http://evil.example) "
    "![image](http://evil.example/i.png) <http://evil.example> `code` *em* _em_ "
    "~~gone~~ | cell &amp; \\[x](y)"
)
"""Every Markdown construct a name could try: heading, raw HTML, link, image,
autolink, code, emphasis, strikethrough, table cell, entity, escape of an escape."""
SHAPES = (
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "table_open",
    "td_open",
    "hr",
    "fence",
    "code_block",
    "html_block",
)
INLINE = ("link_open", "image", "html_inline", "code_inline", "em_open", "strong_open", "s_open")


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def shape(markdown: str) -> tuple[Counter[str], str]:
    """Counts of block and inline tokens, and the text a reader sees."""
    counts: Counter[str] = Counter()
    seen: list[str] = []
    for token in parser().parse(markdown):
        counts[token.type] += token.type in SHAPES
        for child in token.children or []:
            counts[child.type] += child.type in INLINE
            if child.type in ("text", "code_inline"):
                seen.append(child.content)
    return +counts, " ".join(seen)


def markdown_outputs(root: Path) -> dict[str, str]:
    base = ("-C", str(root), "--as-of", DAY, "-o", "-")
    outputs = {
        kind: ok("render", kind, *base, "--format", "md")
        for kind in ("newsletter", "roi", "scorecard")
    }
    for kind in ("after-action", "premortem", "appreciative"):
        outputs[kind] = ok(
            "retro",
            "new",
            "--kind",
            kind,
            "--topic",
            ATTACK,
            "--date",
            DAY,
            "-C",
            str(root),
            "-o",
            "-",
        )
    return outputs


@pytest.mark.parametrize("prefix", [True, False], ids=["before", "after"])
def test_no_data_becomes_markdown_in_any_markdown_output(tmp_path: Path, prefix: bool) -> None:
    benign = re.sub(r"[^\w\s]", "x", ATTACK)  # as long, as many words, no punctuation
    clean = markdown_outputs(hostile_demo(tmp_path / "clean", benign, prefix=prefix))
    hostile = markdown_outputs(hostile_demo(tmp_path / "hostile", ATTACK, prefix=prefix))
    for name, text in hostile.items():
        counts, seen = shape(text)
        assert not [kind for kind in ("link_open", "image", "html_inline") if counts[kind]], name
        assert counts == shape(clean[name])[0], name  # the same structure as plain names
        assert ATTACK.replace("  ", " ") in seen, name  # the text survives, as written


def history(tmp_path: Path, payload: str, files: tuple[str, ...]) -> Path:
    """The demo in git, then a commit by an author named ``payload`` (with ``payload`` as
    its message) that puts ``payload`` into ``files`` and amends decision 0001."""
    root = repository(hostile_demo(tmp_path, "plain"))
    hostile = hostile_demo(tmp_path / "next", payload)
    for rel in files:
        target = root / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
        (shutil.copytree if (hostile / rel).is_dir() else shutil.copy)(hostile / rel, target)
    with (root / "decisions" / "0001-adopt-purpose-and-goals.md").open("a") as record:
        record.write("\nAmended.\n")  # so the log shows the commit's author and subject
    git(root, "add", "-A")
    git(
        root, "-c", f"user.name=A {payload}", "commit", "-q", "-m", f"A {payload}", day="2026-11-01"
    )
    return root


@pytest.mark.usefixtures("isolated_git")
def test_log_and_changes_markdown_escape_history(tmp_path: Path) -> None:
    files = ("partners.yaml", "activities.yaml", "decisions")
    benign = history(tmp_path / "clean", re.sub(r"[^\w\s]", "x", ATTACK), files)
    hostile = history(tmp_path / "hostile", ATTACK, files)
    for args in (("log", "--format", "md"), ("changes", "--since", "HEAD~1", "--format", "md")):
        counts, seen = shape(ok(*args, "-C", str(hostile)))
        assert not [kind for kind in ("link_open", "image", "html_inline") if counts[kind]], args
        assert counts == shape(ok(*args, "-C", str(benign)))[0], args
        assert ATTACK.replace("  ", " ") in seen, args


@pytest.mark.usefixtures("isolated_git")
def test_log_warnings_in_markdown_escape_commit_subjects(tmp_path: Path) -> None:
    root = repository(hostile_demo(tmp_path, "plain"))
    record = root / "decisions" / "0012-broken.md"
    record.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    git(root, "add", "-A")
    author = "Eve [link](http://evil.example) ![i](http://evil.example/i.png) *em* &amp; Co"
    git(root, "-c", f"user.name={author}", "commit", "-q", "-m", "Broken", day="2026-11-01")
    counts, seen = shape(ok("log", "--format", "md", "-C", str(root)))
    assert not [kind for kind in ("link_open", "image", "em_open") if counts[kind]]
    assert author in seen  # the warning names the commit's author, as written


@pytest.mark.parametrize(
    "text",
    [
        "1. first",
        "- item",
        "+ item",
        "> quote",
        "=====",
        "---",
        "***",
        "___",
        "    code",
        "a\n\n    code",
        "a\u2028# b",
        "x\r\n- y",
        "<div>",
        "&copy;",
        "a_b_c",
        "www.evil.example",
        "https://evil.example",
        "me@evil.example",
        "\\",
        "*",
        "[a]: http://evil.example",
    ],
)
def test_markdown_text_is_literal_wherever_it_lands(text: str) -> None:
    for template in ("{}", "- {}", "1. {}", "| a | {} |\n|---|---|\n| {} | b |", "# {}"):
        escaped = markdown_text(text)
        counts, seen = shape(template.format(escaped, escaped))
        assert counts == shape(template.format("x", "x"))[0], (template, escaped)
        assert " ".join(text.split()) in seen or not text.strip(), (template, escaped)


def test_markdown_text_breaks_gfm_autolinks() -> None:
    assert markdown_text("https://evil.example") == "https\\://evil.example"
    assert markdown_text("see www.evil.example") == "see www\\.evil.example"
    assert markdown_text("me@evil.example") == "me\\@evil.example"
    assert markdown_text("Home & Health, a_b, 9.1 %") == "Home & Health, a_b, 9.1 %"


def test_retro_action_items_round_trip_through_escaping() -> None:
    what = "fix *the* [form] | a_b_ <now>"
    assert markdown_plain(markdown_text(what)) == what


# -- terminal -----------------------------------------------------------------------------

CONTROLS = "\x1b[2J\x1b]0;pwned\x07\x08\r\x9b31m\x7f\u202eevil\u2066[bold red]loud[/]"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def assert_shown_safely(result: Any, where: str, *, quoted: bool = True) -> None:
    """No raw control character on stdout or stderr; where the output quotes the hostile
    text, it shows it escaped."""
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream), (where, stream)
    if quoted:
        assert "\\u001b[2J" in result.stdout + result.stderr, (where, result.output)


@pytest.mark.usefixtures("isolated_git")
def test_terminal_output_never_carries_control_characters(tmp_path: Path) -> None:
    root = history(tmp_path, CONTROLS, ("engagement.yaml",))  # git author and message
    here = ("-C", str(root))
    runs: dict[str, tuple[str, ...]] = {
        "log": ("log", *here),
        "changes": ("changes", *here, "--since", "HEAD~1"),
        "decide": ("decide", *here, f"Do {CONTROLS}", "--body", "steering", "--dry-run"),
        "partner add": (
            "partner",
            "add",
            *here,
            "eve",
            "--name",
            f"Eve {CONTROLS}",
            "--sector",
            "civil",
            "--dry-run",
        ),
        "missing folder": ("check", "-C", str(tmp_path / f"nowhere {CONTROLS}")),
        "bad option": ("log", *here, "--since", CONTROLS),
    }
    for where, args in runs.items():
        result = msc(*args, catch_exceptions=False)
        assert result.exit_code in (0, 1, 2), (where, result.output)
        assert_shown_safely(result, where, quoted=where not in ("decide", "partner add"))


def test_rich_markup_in_data_prints_as_written(tmp_path: Path) -> None:
    root = hostile_demo(tmp_path, "[bold red]loud[/] [link=http://evil.example]x[/link]")
    for columns in ("120", "60"):
        result = msc("scorecard", "-C", str(root), "--as-of", DAY, env={"COLUMNS": columns})
        assert result.exit_code == 0, result.output
        assert "[bold red]loud[/]" in result.stdout.splitlines()[0], columns  # the title


def test_check_findings_escape_what_they_quote(tmp_path: Path) -> None:
    root = hostile_demo(tmp_path, "plain")
    (root / "partners.yaml").write_text(
        (root / "partners.yaml").read_text() + f"\nbogus_{CONTROLS!r}: 1\n".replace("'", ""),
        encoding="utf-8",
    )
    (root / "data" / f"odd{CONTROLS[:4]}.csv").write_text(f"metric,date,value\n{CONTROLS},x,y\n")
    result = msc("check", "-C", str(root), "--as-of", DAY, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert_shown_safely(result, "check")


@pytest.mark.usefixtures("isolated_git")
def test_coloured_output_escapes_data_before_colouring(tmp_path: Path) -> None:
    from msctool.history.decisionlog import decision_log
    from msctool.history.logformat import render_log
    from msctool.rules.check import run_check
    from msctool.rules.report import render_report

    root = history(tmp_path, CONTROLS, ("engagement.yaml",))
    (root / "data" / f"odd{CONTROLS[:4]}.csv").write_text(f"metric,date,value\n{CONTROLS},x,y\n")
    outputs = {
        "check": render_report(run_check(root, as_of=AS_OF), "text", colour=True),
        "log": render_log(decision_log(root, use_cache=False), "text", colour=True),
    }
    for name, text in outputs.items():
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text)  # msc's own colours
        assert plain != text, name  # it is coloured
        assert not RAW.search(plain), name
        assert "\\u001b[2J" in plain, name


def test_terminal_text_shows_each_control_character() -> None:
    assert terminal_text("a\x1b[31mb\r\nc\td\re\u202ef\x85") == (
        "a\\u001b[31mb\r\nc\td\\u000de\\u202ef\\u0085"
    )


# -- e-mail and calendar ------------------------------------------------------------------

SEPARATORS = (
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
)


@pytest.mark.parametrize("sep", SEPARATORS, ids=repr)
def test_check_refuses_every_line_separator_in_one_line_values(tmp_path: Path, sep: str) -> None:
    root = hostile_demo(tmp_path, f"Title{sep}Bcc: victim@example.org")
    result = msc("check", "-C", str(root), "--as-of", DAY, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "partnership.yaml" in result.stdout
    if sep in "\x0b\x0c\x1c\x1d\x1e":  # control characters: MSC017, one finding
        assert f"MSC017 a control character (U+{ord(sep):04X}) in a value" in result.stdout
    else:
        assert "MSC006 name: holds a line break or a control character" in result.stdout


@pytest.mark.parametrize("sep", SEPARATORS, ids=repr)
def test_a_hostile_subject_yields_exactly_the_headers_msc_meant(sep: str) -> None:
    from msctool.render.newsletter.email import newsletter_message

    def message(subject: str, name: str) -> EmailMessage:
        raw = newsletter_message(
            subject=subject,
            text="t",
            html="<p>h</p>",
            day=AS_OF,
            language="en",
            short_name=name,
            to=["ann@example.org"],
        )
        parsed = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
        assert isinstance(parsed, EmailMessage)
        return parsed

    meant = message("[Koers] November", "Koers")
    got = message(f"[Koers]{sep}Bcc: victim@example.org{sep}", f"Koers{sep}X-Evil: 1")
    assert got.keys() == meant.keys()
    assert str(got["Subject"]) == "[Koers] Bcc: victim@example.org"
    assert got["From"].addresses[0].display_name == "Koers X-Evil: 1"


@pytest.mark.parametrize("sep", SEPARATORS, ids=repr)
def test_an_address_holding_a_line_break_is_refused(tmp_path: Path, sep: str) -> None:
    root = hostile_demo(tmp_path, "plain")
    result = msc(
        "render",
        "newsletter",
        "-C",
        str(root),
        "--as-of",
        DAY,
        "--format",
        "eml",
        "-o",
        str(tmp_path / "x.eml"),
        "--to",
        f"Ann{sep}Bcc: x@y.org <ann@example.org>",
        catch_exceptions=False,
    )
    assert result.exit_code == 2, result.output
    assert "is not an e-mail address" in result.stderr


@pytest.mark.parametrize("sep", SEPARATORS, ids=repr)
def test_a_calendar_invite_holds_only_the_properties_msc_meant(sep: str) -> None:
    from msctool.render.invite import Invite, calendar_invite

    evil = f"Plan{sep}ATTENDEE:mailto:victim@example.org{sep}LOCATION:evil"
    invite = Invite(
        uid=f"retro{sep}X-EVIL:1",
        summary=evil,
        start=datetime(2026, 11, 27, 14, 0),
        duration=timedelta(minutes=90),
        description=f"Agenda{sep}{evil}",
    )
    raw = calendar_invite(invite, stamp=datetime(2026, 11, 1, tzinfo=UTC)).decode("utf-8")
    lines = raw.splitlines()  # as a client that breaks lines the Unicode way reads it
    names = [line.split(":")[0] for line in lines if not line.startswith(" ")]
    assert names == [
        "BEGIN",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "BEGIN",
        "SUMMARY",
        "DTSTART",
        "DURATION",
        "DTSTAMP",
        "UID",
        "DESCRIPTION",
        "END",
        "END",
    ]
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == " ".join(evil.splitlines())
    assert str(event["DESCRIPTION"]).splitlines() == f"Agenda{sep}{evil}".splitlines()


def test_one_line_folds_every_separator_splitlines_knows() -> None:
    for sep in SEPARATORS:
        assert one_line(f"a{sep}b") == "a b"
    assert one_line("a\u00a0b") == "a\u00a0b"
