"""The models themselves: strict, immutable, typed, with private fields marked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from helpers import base_files
from msctool.model import (
    Activity,
    Partner,
    PartnersFile,
    PartnershipFile,
    Raci,
)
from msctool.model.common import PRIVATE


def partner(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "city",
        "name": "City",
        "sector": "public",
        "joined": "2025-01-01",
    }
    return {**data, **changes}


def test_unknown_keys_are_rejected_everywhere() -> None:
    with pytest.raises(ValidationError) as caught:
        Partner.model_validate(partner(sectr="public"))
    assert caught.value.errors()[0]["type"] == "extra_forbidden"
    with pytest.raises(ValidationError):
        Raci.model_validate({"accountable": "city", "acountable": "x"})


def test_models_are_frozen() -> None:
    loaded = Partner.model_validate(partner())
    with pytest.raises(ValidationError):
        loaded.name = "Other"  # type: ignore[misc]


@pytest.mark.parametrize("bad", ["City", "city hall", "-city", "a/b", "../x", ""])
def test_ids_are_slugs_that_cannot_become_paths(bad: str) -> None:
    with pytest.raises(ValidationError):
        Partner.model_validate(partner(id=bad))


def test_dates_are_parsed_and_ordered() -> None:
    assert Partner.model_validate(partner()).joined == date(2025, 1, 1)
    with pytest.raises(ValidationError, match="`left` \\(2024-01-01\\) is before `joined`"):
        Partner.model_validate(partner(left="2024-01-01"))


def test_fractions_stay_between_zero_and_one() -> None:
    files = base_files()
    outcome = files["roi.yaml"]["outcomes"][0]
    from msctool.model import Outcome

    Outcome.model_validate(outcome)
    with pytest.raises(ValidationError):
        Outcome.model_validate({**outcome, "deadweight": 1.2})
    with pytest.raises(ValidationError):
        Outcome.model_validate({**outcome, "quantity": float("nan")})


def test_raci_accountables_as_a_list() -> None:
    assert Raci.model_validate({"accountable": "city"}).accountables() == ["city"]
    assert Raci.model_validate({"accountable": ["a", "b"]}).accountables() == ["a", "b"]
    assert Raci.model_validate({}).accountables() == []


def test_activity_work_is_on_or_in() -> None:
    activity = base_files()["activities.yaml"]["activities"][0]
    assert Activity.model_validate(activity).work == "on"
    with pytest.raises(ValidationError):
        Activity.model_validate({**activity, "work": "around"})


def test_private_fields_are_marked() -> None:
    from msctool.model import Representative

    private = {
        name
        for model in (Representative, Partner)
        for name, field in model.model_fields.items()
        if field.json_schema_extra == PRIVATE
    }
    assert private == {"email", "phone", "notes"}


def test_every_file_model_carries_format_version() -> None:
    from msctool.model.schema import file_models

    for name, model in file_models().items():
        assert model.model_fields["format_version"].is_required(), name


def test_partnership_file_defaults() -> None:
    data = base_files()["partnership.yaml"]
    loaded = PartnershipFile.model_validate(data)
    assert loaded.cadence.newsletter == "monthly"
    assert loaded.checks.thresholds.scorecard_cap == 7
    assert PartnersFile.model_validate(base_files()["partners.yaml"]).partners[1].sector == "civil"
