"""The rule catalog and the rule implementations agree."""

from __future__ import annotations

from msctool.model import Thresholds
from msctool.rules.catalog import PRINCIPLES, RULES
from msctool.rules.health import HEALTH_RULES


def test_every_health_rule_is_in_the_catalog_as_a_warning() -> None:
    for code in HEALTH_RULES:
        assert code in RULES, code
        assert RULES[code].severity == "warning"
        assert RULES[code].principle in range(1, 7)


def test_every_warning_in_the_catalog_is_implemented() -> None:
    implemented = {*HEALTH_RULES, "MSC013"}
    assert {code for code, rule in RULES.items() if rule.severity == "warning"} == implemented


def test_at_least_twelve_health_rules_cover_all_six_principles() -> None:
    assert len(HEALTH_RULES) >= 12
    assert {RULES[code].principle for code in HEALTH_RULES} == set(range(1, 7))
    assert set(PRINCIPLES) == set(range(7))


def test_thresholds_named_by_rules_exist_and_name_their_rule() -> None:
    for rule in RULES.values():
        if rule.threshold:
            field = Thresholds.model_fields[rule.threshold]
            assert field.description == rule.code
