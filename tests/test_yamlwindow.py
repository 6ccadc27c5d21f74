"""The window of one list entry, and the positions found in it.

A window is the text with every line blanked but the list's key and the entry's
lines; positions found in it must be those of the whole file, and a layout the
quick scan misreads must give no window at all.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
import yaml_rs

from helpers import dump
from msctool.load.files import Source
from msctool.load.positions import PositionIndex
from msctool.load.yamlwindow import window


def _reference(text: str, key: str, index: int, count: int) -> str | None:
    """The window, worked out line by line (the first implementation, kept as the spec)."""
    lines = text.split("\n")
    at = next((n for n, line in enumerate(lines) if _key_line(line, key)), None)
    if at is None:
        return None
    starts: list[int] = []
    dash, end = None, len(lines)
    for number in range(at + 1, len(lines)):
        stripped = lines[number].lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        column = len(lines[number]) - len(stripped)
        is_dash = stripped == "-" or stripped.startswith("- ")
        if dash is None:
            if not is_dash:
                end = number
                break
            dash = column
        if column < dash or (column == dash and not is_dash):
            end = number
            break
        if column == dash:
            starts.append(number)
    if len(starts) != count or not 0 <= index < count:
        return None
    keep = range(starts[index], starts[index + 1] if index + 1 < count else end)
    return "\n".join(
        line if n == at or n in keep else " " * len(line) for n, line in enumerate(lines)
    )


def _key_line(line: str, key: str) -> bool:
    rest = line[len(key) + 1 :].strip()
    return line.startswith(f"{key}:") and (rest == "" or rest.startswith("#"))


PIECES = [
    "partners:", "partners: # the list", "partners:  ", "partners: []", "other:",
    "  - id: a", "    name: x", "  -", "  - ", "  -x", "  # a comment", "", "   ",
    "\t- id", "    - nested", "  - id: é", " - id: b", "- id: c", "    # deep",
    "  name: outside", "partners:\r", "  -\r", "x: |", "    - in a block", "-", " -",
    "   \t# tab", "partners:\x1c",
]  # fmt: skip


def test_the_window_is_the_one_the_line_by_line_scan_finds() -> None:
    rng = random.Random(3)
    for _ in range(4000):
        text = "\n".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10)))
        text += rng.choice(["", "\n"])
        for count in range(4):
            for index in range(-1, count + 1):
                assert window(text, "partners", index, count) == _reference(
                    text, "partners", index, count
                ), (text, index, count)


def test_a_window_blanks_everything_but_the_key_and_the_entry() -> None:
    lines = ["# top", "format_version: 1", "partners:", "  - id: a", "    name: Ä", "  # note"]
    lines += ["  - id: b", "end: 1", ""]
    text = "\n".join(lines)

    def kept(*numbers: int) -> str:
        return "\n".join(line if n in numbers else " " * len(line) for n, line in enumerate(lines))

    assert window(text, "partners", 0, 2) == kept(2, 3, 4, 5)
    assert window(text, "partners", 1, 2) == kept(2, 6)
    assert window(text, "partners", 0, 3) is None  # the data says three: not this layout
    assert window(text, "partners", 2, 2) is None
    assert window(text, "others", 0, 2) is None


def _partners(count: int) -> str:
    entries = [
        {
            "id": f"p{n}",
            "name": f"Partner {n}",
            "sector": "civil",
            "joined": date(2025, 1, 1),
            "representatives": [{"name": "Ann", "role": "lead"}, {"name": "Bo"}],
        }
        for n in range(count)
    ]
    return "# partners\nformat_version: 1\n\npartners:\n" + "".join(
        "  # next\n" + "  " + dump([entry]).replace("\n", "\n  ").rstrip(" ") for entry in entries
    )


@pytest.mark.parametrize("text", [_partners(6), _partners(6).replace("\n", "\n\n")])
def test_positions_in_a_window_are_those_of_the_whole_file(text: str) -> None:
    count = len(yaml_rs.loads(text)["partners"])
    whole = PositionIndex(Source("partners.yaml", text, 2))
    windowed = PositionIndex(Source("partners.yaml", text, 2), {"partners": count})
    paths = [
        ("partners", n, *rest)
        for n in (0, 3, 5, 6, -1)
        for rest in [(), ("name",), ("representatives", 1, "name"), ("website",), ("x", 9)]
    ]
    for path in [*paths, ("partners",), ("format_version",), ()]:
        for at_key in (False, True):
            assert windowed.locate(path, at_key) == whole.locate(path, at_key), path
    assert any(node is not None for node in windowed._entries.values())  # windows were used


def test_a_list_the_scan_counts_otherwise_is_found_in_the_whole_file() -> None:
    text = _partners(3)
    whole = PositionIndex(Source("partners.yaml", text))
    wrong = PositionIndex(Source("partners.yaml", text), {"partners": 4})
    assert wrong.locate(("partners", 2, "name")) == whole.locate(("partners", 2, "name"))
    assert wrong._entries == {("partners", 2): None}  # no window: the scan found three
