"""Adding to a list and removing a key at any depth keep every other byte
(msctool.edits.yamledit.YamlDocument.append_to / remove_key)."""

from __future__ import annotations

from typing import Any

import pytest

from msctool.edits.yamledit import YamlDocument, parse
from msctool.errors import UserError

PARTNERS = """\
# partners, by hand
format_version: 1
partners:
- id: city          # the city
  name: City
  representatives:
    - name: Ann     # chair
      role: alderman
  gives: [{kind: hours, description: coordination}]
  tags: [a, b]
  notes: keep me    # a note
  # about the city's website
  website: https://city.example
- id: school
  name: School
  representatives: []
"""


def _edit(text: str, change: Any) -> tuple[str, Any]:
    doc = YamlDocument(text, "partners.yaml")
    change(doc)
    result = doc.result()
    return result, parse(result.replace("\r\n", "\n").removeprefix("\ufeff"))


def _unchanged_except(before: str, after: str, removed: set[str], added: set[str]) -> None:
    old, new = before.splitlines(), after.splitlines()
    assert set(old) - set(new) == removed
    assert set(new) - set(old) == added


def test_a_mapping_is_appended_below_the_last_item_of_a_nested_block_list() -> None:
    after, data = _edit(
        PARTNERS,
        lambda doc: doc.append_to(
            ("partners", 0, "representatives"), {"name": "Cem", "role": "clerk"}
        ),
    )
    assert data["partners"][0]["representatives"][1] == {"name": "Cem", "role": "clerk"}
    _unchanged_except(PARTNERS, after, set(), {"    - name: Cem", "      role: clerk"})


def test_an_empty_nested_list_becomes_a_list_holding_the_item() -> None:
    after, data = _edit(
        PARTNERS, lambda doc: doc.append_to(("partners", 1, "representatives"), {"name": "Bo"})
    )
    assert data["partners"][1]["representatives"] == [{"name": "Bo"}]
    assert after.startswith(PARTNERS.rsplit("  representatives: []", 1)[0])


def test_a_scalar_goes_inside_the_brackets_of_a_flow_list() -> None:
    after, data = _edit(PARTNERS, lambda doc: doc.append_to(("partners", 0, "tags"), "c"))
    assert data["partners"][0]["tags"] == ["a", "b", "c"]
    _unchanged_except(PARTNERS, after, {"  tags: [a, b]"}, {"  tags: [a, b, c]"})


def test_a_missing_list_is_made_after_the_named_key() -> None:
    after, data = _edit(
        PARTNERS,
        lambda doc: doc.append_to(("partners", 1, "gets"), {"description": "x"}, after=("name",)),
    )
    assert data["partners"][1]["gets"] == [{"description": "x"}]
    lines = after.splitlines()
    assert lines[lines.index("  name: School") + 1].startswith("  gets:")


def test_a_mapping_cannot_go_into_a_flow_list_and_the_refusal_says_how_to_write_it() -> None:
    with pytest.raises(UserError, match=r"cannot add to partners\.0\.gives"):
        _edit(PARTNERS, lambda doc: doc.append_to(("partners", 0, "gives"), {"kind": "money"}))


@pytest.mark.parametrize(
    ("key", "gone"),
    [
        ("notes", {"  notes: keep me    # a note"}),
        (
            "representatives",
            {"  representatives:", "    - name: Ann     # chair", "      role: alderman"},
        ),
        ("website", {"  website: https://city.example"}),
    ],
)
def test_a_key_is_removed_with_its_lines_and_nothing_else(key: str, gone: set[str]) -> None:
    after, data = _edit(PARTNERS, lambda doc: doc.remove_key(("partners", 0), key))
    assert key not in data["partners"][0]
    _unchanged_except(PARTNERS, after, gone, set())


def test_the_first_key_of_a_list_item_hands_its_dash_to_the_next_key() -> None:
    after, data = _edit(PARTNERS, lambda doc: doc.remove_key(("partners", 1), "id"))
    assert data["partners"][1] == {"name": "School", "representatives": []}
    assert "- name: School" in after.splitlines()


def test_crlf_and_a_byte_order_mark_survive_a_removal() -> None:
    raw = "\ufeff" + PARTNERS.replace("\n", "\r\n")
    after, data = _edit(raw, lambda doc: doc.remove_key(("partners", 0), "notes"))
    assert after.startswith("\ufeff") and "\r\n" in after and "\n" not in after.replace("\r\n", "")
    assert "notes" not in data["partners"][0]


def test_removing_a_key_that_is_not_there_is_refused() -> None:
    with pytest.raises(UserError, match=r"no `phone` line at partners\.0"):
        _edit(PARTNERS, lambda doc: doc.remove_key(("partners", 0), "phone"))
