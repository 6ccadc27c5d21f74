"""What every rule sees: the loaded partnership, the date to measure against, the limits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from msctool.findings import Finding
from msctool.load.loader import LoadResult, Location
from msctool.model import Partnership, Thresholds
from msctool.rules.catalog import RULES
from msctool.suggest import did_you_mean

PERIOD_DAYS = {
    "weekly": 7,
    "fortnightly": 14,
    "monthly": 30.44,
    "quarterly": 91.31,
    "half-yearly": 182.62,
    "yearly": 365.25,
}


@dataclass(frozen=True)
class Context:
    """``partnership`` holds every valid entry; when partnership.yaml itself is
    invalid, ``root_valid`` is False and its ``meta`` must not be read."""

    loaded: LoadResult
    partnership: Partnership
    as_of: date
    root_valid: bool = True
    _suggestions: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)
    memo: dict[str, object] = field(default_factory=dict, repr=False)
    """What more than one rule reads (the retrospectives' action items), read once."""

    def suggest(self, kind: str, value: str, candidates: Iterable[str]) -> str | None:
        """A "did you mean" hint for ``value`` among ids of ``kind``, computed once."""
        key = (kind, value)
        if key not in self._suggestions:
            self._suggestions[key] = did_you_mean(value, candidates)
        return self._suggestions[key]

    @property
    def thresholds(self) -> Thresholds:
        return self.partnership.meta.checks.thresholds

    def finding(self, code: str, message: str, where: Location, hint: str | None = None) -> Finding:
        """A finding of rule ``code`` at ``where``, with the rule's default severity."""
        rule = RULES[code]
        rel, path = where
        return Finding(code, message, rel, hint=hint or rule.fix, severity=rule.severity, path=path)

    def days_since(self, day: date) -> int:
        return (self.as_of - day).days

    def started(self) -> date:
        """When the partnership began, as far as the data tells: its first partner's join date."""
        joined = [partner.joined for partner in self.partnership.partners]
        return min(joined, default=self.partnership.meta.purpose.reaffirmed)

    def periods(self, cadence: str, count: float) -> timedelta:
        return timedelta(days=PERIOD_DAYS[cadence] * count)
