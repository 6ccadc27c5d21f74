"""A partner's ROI story tells only the outcomes its inputs contributed to, and credits
it only with their value: never another partner's result."""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import approx

from helpers import AS_OF, base_files, write_tree
from msctool.model import Partnership, RoiFile
from msctool.render.i18n import Formatter
from msctool.render.roi.calculation import calculation
from msctool.render.roi.sroi import Assumptions, Contribution, calculate
from msctool.render.roi.story import build_story, render_roi
from msctool.render.setup import setup_for
from msctool.rules.check import load_valid
from msctool.site.build import render_site

PARTNERS = ("city", "school", "clinic")
OUTCOMES = {
    "jobs": "Apprentices hired",
    "school": "Dropouts re-enrolled",
    "health": "Clinic visits avoided",
}
"""Outcome ids and names no other text of a story holds."""


def _metric(mid: str, owner: str, goal: str | None = None) -> dict[str, Any]:
    metric = {
        "id": mid,
        "name": mid.title(),
        "perspective": "stakeholders",
        "accountability": "performance",
        "kind": "better-off",
        "unit": "people",
        "direction": "up",
        "owner": owner,
        "cadence": "monthly",
    }
    return metric | ({"goal": goal} if goal else {})


def _outcome(oid: str, metric: str | None, quantity: float = 10) -> dict[str, Any]:
    outcome = {
        "id": oid,
        "name": OUTCOMES[oid],
        "quantity": quantity,
        "unit": "people",
        "financial_proxy": {"value": 1000, "source": "estimate"},
        "deadweight": 0.0,
        "attribution": 0.0,
        "duration": 1,
        "discount_rate": 0.0,
    }
    return outcome | ({"metric": metric} if metric else {})


def files() -> dict[str, Any]:
    """base_files() with a third partner and one metric and outcome per partner; no
    activity links a partner to another's outcome (no metric has a goal)."""
    data = base_files()
    clinic = copy.deepcopy(data["partners.yaml"]["partners"][1]) | {"id": "clinic"}
    data["partners.yaml"]["partners"].append(clinic | {"name": "Clinic"})
    data["metrics.yaml"]["metrics"] = [
        data["metrics.yaml"]["metrics"][0],
        _metric("enrolled", "school"),
        _metric("visits", "clinic"),
    ]
    data["roi.yaml"]["outcomes"] = [
        _outcome("jobs", "placements", 30),
        _outcome("school", "enrolled", 20),
        _outcome("health", "visits", 10),
    ]
    data["roi.yaml"]["inputs"] = [
        {"partner": "city", "kind": "money", "amount": 3000},
        {"partner": "school", "kind": "money", "amount": 1000},
        {"partner": "clinic", "kind": "money", "amount": 1000},
    ]
    return data


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    return load_valid(write_tree(tmp_path_factory.mktemp("p"), files()), AS_OF)


def with_roi(base: Partnership, change: dict[str, Any]) -> Partnership:
    roi = files()["roi.yaml"] | change
    return dataclasses.replace(base, roi=RoiFile.model_validate(roi))


def vignette_text(partnership: Partnership, partner: str) -> str:
    story = build_story(calculation(partnership), Formatter("en"), partner=partner)
    [vignette] = story.vignettes
    return vignette.text


def named(text: str) -> set[str]:
    return {oid for oid, name in OUTCOMES.items() if name.lower() in text.lower()}


# -- examples ---------------------------------------------------------------------------


def test_disjoint_outcomes_each_partner_hears_only_its_own(base: Partnership) -> None:
    assert named(vignette_text(base, "city")) == {"jobs"}
    assert named(vignette_text(base, "school")) == {"school"}
    assert named(vignette_text(base, "clinic")) == {"health"}
    calc = calculation(base)
    values = {s.partner: s.value for s in calc.result.partners}
    pv = {v.assumptions.outcome: v.present_value for v in calc.result.outcomes}
    assert values == approx({"city": pv["jobs"], "school": pv["school"], "clinic": pv["health"]})


def test_the_most_valuable_result_is_not_told_to_a_partner_who_did_not_contribute(
    base: Partnership,
) -> None:
    """Jobs is worth most; the clinic's story used to name it."""
    text = vignette_text(base, "clinic")
    assert OUTCOMES["jobs"].lower() not in text.lower()
    assert "more result" not in text


def test_overlapping_outcomes_share_the_value_by_inputs(base: Partnership) -> None:
    inputs = files()["roi.yaml"]["inputs"]
    inputs[1]["outcomes"] = ["jobs", "school"]  # the school also worked for jobs
    partnership = with_roi(base, {"inputs": inputs})
    assert named(vignette_text(partnership, "school")) == {"jobs"}  # the top one, named
    assert "and one more result" in vignette_text(partnership, "school")
    assert named(vignette_text(partnership, "city")) == {"jobs"}
    assert "more result" not in vignette_text(partnership, "city")
    assert named(vignette_text(partnership, "clinic")) == {"health"}
    calc = calculation(partnership)
    pv = {v.assumptions.outcome: v.present_value for v in calc.result.outcomes}
    values = {s.partner: s.value for s in calc.result.partners}
    assert values["city"] == approx(pv["jobs"] * 3000 / 4000)
    assert values["school"] == approx(pv["jobs"] * 1000 / 4000 + pv["school"])
    assert math.fsum(v or 0 for v in values.values()) == approx(calc.result.present_value)


def test_an_input_that_names_its_outcomes_overrides_what_its_metrics_say(
    base: Partnership,
) -> None:
    inputs = files()["roi.yaml"]["inputs"]
    inputs[2]["outcomes"] = ["school"]
    partnership = with_roi(base, {"inputs": inputs})
    assert named(vignette_text(partnership, "clinic")) == {"school"}
    shares = {s.partner: s for s in calculation(partnership).result.partners}
    assert shares["clinic"].outcomes == ("school",)


def test_a_partner_linked_to_no_outcome_is_told_so_and_credited_nothing(
    base: Partnership,
) -> None:
    outcomes = files()["roi.yaml"]["outcomes"][:2]  # nothing the clinic measures or works on
    partnership = with_roi(base, {"outcomes": outcomes})
    text = vignette_text(partnership, "clinic")
    assert named(text) == set()
    assert "No result in this story is linked to what Clinic gave yet." in text
    assert "social value" not in text
    [clinic] = [s for s in calculation(partnership).result.partners if s.partner == "clinic"]
    assert (clinic.value, clinic.outcomes) == (0, ())


def test_activities_link_a_partner_to_the_outcomes_of_their_goal(base: Partnership) -> None:
    """The school is accountable for the jobs fair (goal `work`); the placements metric
    serves that goal, so the school's inputs count towards the jobs outcome too."""
    metrics = dataclasses.replace(
        base,
        metrics=tuple(
            m.model_copy(update={"goal": "work"}) if m.id == "placements" else m
            for m in base.metrics
        ),
    )
    assert named(vignette_text(metrics, "school")) == {"jobs"}
    assert named(vignette_text(metrics, "clinic")) == {"health"}


def test_json_and_the_partner_table_agree_with_the_stories(base: Partnership) -> None:
    setup = setup_for(base, as_of=AS_OF)
    data = json.loads(render_roi(setup, "json"))
    assert {p["partner"]: p["outcomes"] for p in data["partners"]} == {
        "city": ["jobs"],
        "school": ["school"],
        "clinic": ["health"],
    }
    assert [i["outcomes"] for i in data["inputs"]] == [["jobs"], ["school"], ["health"]]
    markdown = render_roi(setup, "md")
    story = build_story(calculation(base), setup.fmt)
    clinic = next(v for v in story.vignettes if v.key == "clinic")
    assert clinic.lead.startswith("€10,000 of social value")
    assert "| Clinic | €1,000 | — | — | €1,000 | 20% | €10,000 |" in markdown


# -- properties -------------------------------------------------------------------------

links = st.lists(
    st.lists(st.sampled_from(sorted(OUTCOMES)), min_size=0, max_size=3, unique=True),
    min_size=3,
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(links, st.lists(st.integers(1, 5000), min_size=3, max_size=3))
def test_every_story_names_only_outcomes_its_partners_inputs_contributed_to(
    base: Partnership, linked: list[list[str]], amounts: list[int]
) -> None:
    inputs = [
        {"partner": partner, "kind": "money", "amount": amount, "outcomes": outcomes}
        for partner, amount, outcomes in zip(PARTNERS, amounts, linked, strict=True)
    ]
    partnership = with_roi(base, {"inputs": inputs})
    derived = {"city": ["jobs"], "school": ["school"], "clinic": ["health"]}
    for partner, outcomes in zip(PARTNERS, linked, strict=True):
        contributed = set(outcomes or derived[partner])
        told = named(vignette_text(partnership, partner))
        assert told <= contributed
        assert len(told) == 1  # one result named: the most valuable it contributed to


contributions = st.lists(
    st.tuples(
        st.sampled_from(PARTNERS),
        st.floats(0, 1e6),
        st.none() | st.lists(st.sampled_from(sorted(OUTCOMES)), max_size=3, unique=True),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(contributions, st.lists(st.floats(0, 1e4), min_size=3, max_size=3))
def test_a_partners_value_is_its_part_of_the_outcomes_it_contributed_to(
    given_inputs: list[tuple[str, float, list[str] | None]], quantities: list[float]
) -> None:
    inputs = tuple(
        Contribution(p, "money", v, v, None if o is None else tuple(o)) for p, v, o in given_inputs
    )
    outcomes = tuple(
        Assumptions(outcome=oid, quantity=q, proxy=100)
        for oid, q in zip(OUTCOMES, quantities, strict=True)
    )
    result = calculate(inputs, outcomes)
    present = {oid: q * 100 / 1.0 for oid, q in zip(OUTCOMES, quantities, strict=True)}
    for share in result.partners:
        expected = 0.0
        for oid, value in present.items():
            towards = [c for c in inputs if c.outcomes is None or oid in c.outcomes]
            pooled = sum(c.value for c in towards)
            mine = sum(c.value for c in towards if c.partner == share.partner)
            expected += value * mine / pooled if pooled > 0 else 0.0
        if share.value is None:
            assert sum(c.value for c in inputs) == 0
        else:
            assert share.value == approx(expected, rel=1e-9, abs=1e-6)
        mine_outcomes = {
            oid
            for c in inputs
            if c.partner == share.partner
            for oid in (OUTCOMES if c.outcomes is None else c.outcomes)
        }
        assert set(share.outcomes) == mine_outcomes


def test_the_sites_roi_page_tells_each_partner_only_its_own_results(tmp_path: Path) -> None:
    data = files()
    data["roi.yaml"]["outcomes"] = data["roi.yaml"]["outcomes"][:2]  # none for the clinic
    root = write_tree(tmp_path / "p", data)
    render_site(root, tmp_path / "site", as_of=AS_OF)
    page = (tmp_path / "site" / "roi.html").read_text(encoding="utf-8")
    stories = re.findall(r"<h3[^>]*>(.*?)</h3>(.*?)(?=<h3|<h2|$)", page, re.S)
    told = {title.strip(): named(body) for title, body in stories}
    assert {name: told[name] for name in ("City", "School", "Clinic")} == {
        "City": {"jobs"},
        "School": {"school"},
        "Clinic": set(),
    }
