"""The one way a refusing command names the first errors and counts the rest."""

from __future__ import annotations

import pytest

from msctool.findings import Finding, and_more, first_errors


def _finding(n: int) -> Finding:
    return Finding(f"MSC00{n}", f"problem {n}", "partners.yaml", line=n, column=2)


@pytest.mark.parametrize(
    ("total", "said"),
    [
        (1, "partners.yaml:1:2: MSC001 problem 1"),
        (
            3,
            "partners.yaml:1:2: MSC001 problem 1; partners.yaml:2:2: MSC002 problem 2; "
            "partners.yaml:3:2: MSC003 problem 3",
        ),
        (
            5,
            "partners.yaml:1:2: MSC001 problem 1; partners.yaml:2:2: MSC002 problem 2; "
            "partners.yaml:3:2: MSC003 problem 3 (and 2 more)",
        ),
    ],
)
def test_the_first_three_are_named_and_the_rest_counted(total: int, said: str) -> None:
    assert first_errors([_finding(n) for n in range(1, total + 1)]) == said


@pytest.mark.parametrize(
    ("total", "shown", "said"),
    [(0, 1, ""), (1, 1, ""), (2, 1, " (and 1 more)"), (9, 3, " (and 6 more)")],
)
def test_and_more_counts_only_what_was_not_named(total: int, shown: int, said: str) -> None:
    assert and_more(total, shown) == said
