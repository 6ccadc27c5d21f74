"""Reading and parsing one YAML source: every refusal is one finding with its file, line,
column and hint, shifted by the front matter's offset inside a decision record."""

from __future__ import annotations

from pathlib import Path

import pytest

from msctool.load.files import Source, SourceError, decode, read_text
from msctool.load.yamlsource import parse

LAYOUT = "check the indentation and the `key: value` layout around this line"
TABS = "indent YAML with spaces only"
BOMB = "\n".join(
    [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        *(
            f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdef", "bcdefg", strict=True)
        ),
    ]
)


def findings(text: str, offset: int = 0) -> list[tuple[str, str, int, int, str | None]]:
    with pytest.raises(SourceError) as caught:
        parse(Source("roi.yaml", text, offset))
    assert str(caught.value) == caught.value.findings[0].message
    return [(f.code, f.message, f.line, f.column, f.hint) for f in caught.value.findings]


@pytest.mark.parametrize("offset", [0, 3])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\nb: 3\n", ("MSC002", "YAML syntax error: illegal placement of ':' indicator", 2, 2, LAYOUT)),
        ("x: 1\n  y: 2\n", ("MSC002", "YAML syntax error: mapping values are not allowed in this context", 2, 4, LAYOUT)),
        ("a:\n\tb: 1\n", ("MSC002", "YAML syntax error: a tab character is used for indentation", 2, 1, TABS)),
        ("a:\n  b: 1\n \t\tc: 2\n", ("MSC002", "YAML syntax error: a tab character is used for indentation", 3, 2, TABS)),
        ('a: "x\ty"\nb:\n  c: 1\n \t\td: 2\n', ("MSC002", "YAML syntax error: a tab character is used for indentation", 4, 2, TABS)),
        (BOMB, ("MSC002", "YAML aliases expand too far (an alias bomb or a very deep anchor chain)", 1, 1, "write the values out instead of repeating anchors (&name) and aliases (*name)")),
        ("# only a comment\n", ("MSC001", "file is empty", 1, 1, "start with `format_version: 1`, or delete the file if it is not needed")),
    ],
)  # fmt: skip
def test_a_refusal_names_its_place_and_a_hint(
    text: str, expected: tuple[str, str, int, int, str], offset: int
) -> None:
    code, message, line, column, hint = expected
    assert findings(text, offset) == [(code, message, line + offset, column, hint)]


@pytest.mark.parametrize("offset", [0, 3])
def test_every_duplicate_key_is_one_finding(offset: int) -> None:
    text = "a: 1\nb:\n  c: 1\n  c: 2\na: 2\n"
    hint = "keep one of the two; YAML mappings cannot repeat a key"
    assert findings(text, offset) == [
        ("MSC003", f"duplicate key `{key}`: the later value would silently replace the first", line + offset, column, hint)
        for key, line, column in (("c", 4, 3), ("a", 5, 1))
    ]  # fmt: skip


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roi.yaml"
    path.write_text("a: 12345\n", encoding="utf-8")
    assert read_text(path, "roi.yaml", tmp_path, max_bytes=9) == "a: 12345\n"
    with pytest.raises(SourceError) as caught:
        read_text(path, "roi.yaml", tmp_path, max_bytes=8)
    [finding] = caught.value.findings
    assert (finding.code, finding.file, finding.line, finding.column) == (
        "MSC001",
        "roi.yaml",
        1,
        1,
    )
    assert finding.message == "file is too large (more than 8 bytes)"
    assert finding.hint == "split the file or remove generated content; partnership files are small"


def test_a_byte_that_is_not_utf8_is_named_where_it_is() -> None:
    with pytest.raises(SourceError) as caught:
        decode(b"a: 1\nb: caf\xe9\n", "partners.yaml")
    [finding] = caught.value.findings
    assert (finding.code, finding.file, finding.line, finding.column) == (
        "MSC001",
        "partners.yaml",
        2,
        7,
    )
    assert finding.message == "file is not UTF-8: byte 0xE9 cannot be decoded"
    assert finding.hint is not None and finding.hint.startswith("save the file as UTF-8")


def test_a_bom_and_crlf_are_read_as_plain_text() -> None:
    assert decode(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "x.yaml") == "a: 1\nb: 2\n"
