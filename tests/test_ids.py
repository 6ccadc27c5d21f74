"""One way from a name to an id: transliterated, short, never a path."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msctool.edits.common import check_slug
from msctool.edits.decide import slugify as record_slug
from msctool.errors import UsageError
from msctool.model.ids import is_id, slugify


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Çağdaş & Zoë", "cagdas-zoe"),
        ("GGD regio Utrecht", "ggd-regio-utrecht"),
        ("Straße der Jugend", "strasse-der-jugend"),
        ("Stichting Ĳsselstein B.V.", "stichting-ijsselstein-b-v"),
        ("  --  ", ""),
        ("日本", ""),
    ],
)
def test_a_name_becomes_an_id_with_its_accents_transliterated(name: str, expected: str) -> None:
    assert slugify(name) == expected


def test_a_long_name_is_cut_at_a_dash_within_the_limit() -> None:
    assert slugify("alpha beta gamma delta", limit=12) == "alpha-beta"
    assert slugify("onewordthatislong", limit=5) == "onewo"


@given(st.text(max_size=200), st.integers(min_value=1, max_value=80))
def test_a_slug_is_an_id_or_nothing(text: str, limit: int) -> None:
    slug = slugify(text, limit)
    assert len(slug) <= limit
    assert slug == "" or is_id(slug)


def test_decision_records_and_ids_use_the_same_slug() -> None:
    assert record_slug("Çağdaş & Zoë join") == slugify("Çağdaş & Zoë join") == "cagdas-zoe-join"
    assert record_slug("???") == "decision"


def test_a_bad_id_is_refused_with_the_id_its_text_would_make() -> None:
    with pytest.raises(UsageError) as refused:
        check_slug("Zoë & Co", "partner id")
    assert "try `zoe-co`" in (refused.value.hint or "")
    assert check_slug("zoe-co", "partner id") == "zoe-co"
