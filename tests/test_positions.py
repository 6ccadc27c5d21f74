"""Where a value sits: the line and column every finding points at."""

from __future__ import annotations

import pytest

from msctool.load.files import Source
from msctool.load.positions import PositionIndex

TEXT = """\
partners:
  - id: city
    name: City
    gives:
      - kind: hours
  - id: school
    note: plain
"""


def index(text: str = TEXT, offset: int = 0) -> PositionIndex:
    return PositionIndex(Source("partners.yaml", text, offset))


@pytest.mark.parametrize(
    ("path", "at_key", "expected"),
    [
        (("partners", 0, "name"), False, (3, 11)),
        (("partners", 0, "name"), True, (3, 5)),
        (("partners", 0, "gives", 0, "kind"), False, (5, 15)),
        (("partners", 1), False, (6, 5)),
        (("partners", 1), True, (6, 5)),  # a list item has no key: the item itself
        (("partners", 2), False, (2, 3)),  # past the end: the list
        (("partners", 0, "phone"), False, (2, 5)),  # a missing key: the entry
        (("partners", 1, "note", 0), False, (7, 11)),  # an index into a scalar: the scalar
        (("partners", 1, "note", "x"), False, (7, 11)),  # a key of a scalar: the scalar
        (("partners", "0"), False, (2, 3)),  # a list is indexed by numbers only
    ],
)
def test_locate(path: tuple[str | int, ...], at_key: bool, expected: tuple[int, int]) -> None:
    assert index().locate(path, at_key=at_key) == expected


def test_locate_defaults_to_the_value() -> None:
    assert index().locate(("partners", 0, "name")) == (3, 11)


@pytest.mark.parametrize("offset", [0, 4])
def test_a_text_that_does_not_parse_points_at_its_first_line(offset: int) -> None:
    broken = index("partners: [\n  - id: city\n", offset)
    assert broken.locate(("partners", 0)) == (1 + offset, 1)
    assert broken.duplicate_keys() == []


def test_positions_in_front_matter_are_offset() -> None:
    assert index(TEXT, 1).locate(("partners", 0, "name"), at_key=True) == (4, 5)


def test_duplicate_keys_at_every_depth_in_file_order() -> None:
    text = """\
a:
  b: 1
  b: 2
list:
  - x: 1
    x: 2
c: 3
c: 4
"""
    assert index(text).duplicate_keys() == [("b", 3, 3), ("x", 6, 5), ("c", 8, 1)]


def test_a_node_reached_twice_through_an_alias_is_reported_once() -> None:
    text = """\
base: &base
  k: 1
  k: 2
one: *base
two: *base
late:
  z: 1
  z: 2
"""
    assert index(text).duplicate_keys() == [("k", 3, 3), ("z", 8, 3)]


def test_a_text_without_duplicates_has_none() -> None:
    assert index().duplicate_keys() == []
