"""The partnership model: one pydantic model per file, and the loaded whole.

Every file model forbids unknown keys and carries ``format_version``.
:class:`Partnership` is what later code (checks, renders, logs, edits) uses.

The names below are imported when first asked for, so that importing
:mod:`msctool.model.vocabulary` (the command line's choices, the commit-msg hook)
does not load pydantic and every model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from msctool.model.activities import ActivitiesFile, Activity, Raci
    from msctool.model.decisions import Decision, DecisionMeta
    from msctool.model.engagement import Engagement, EngagementFile
    from msctool.model.folder import Dated, Partnership
    from msctool.model.metrics import Metric, MetricsFile, Observation, Point
    from msctool.model.partners import Gift, Partner, PartnersFile, Representative
    from msctool.model.partnership import Body, Goal, PartnershipFile, Segment
    from msctool.model.roi import Input, Outcome, RoiFile
    from msctool.model.settings import CheckSettings, Thresholds

_HOMES = {
    "activities": ("ActivitiesFile", "Activity", "Raci"),
    "decisions": ("Decision", "DecisionMeta"),
    "engagement": ("Engagement", "EngagementFile"),
    "folder": ("Dated", "Partnership"),
    "metrics": ("Metric", "MetricsFile", "Observation", "Point"),
    "partners": ("Gift", "Partner", "PartnersFile", "Representative"),
    "partnership": ("Body", "Goal", "PartnershipFile", "Segment"),
    "roi": ("Input", "Outcome", "RoiFile"),
    "settings": ("CheckSettings", "Thresholds"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "ActivitiesFile",
    "Activity",
    "Body",
    "CheckSettings",
    "Dated",
    "Decision",
    "DecisionMeta",
    "Engagement",
    "EngagementFile",
    "Gift",
    "Goal",
    "Input",
    "Metric",
    "MetricsFile",
    "Observation",
    "Outcome",
    "Partner",
    "PartnersFile",
    "Partnership",
    "PartnershipFile",
    "Point",
    "Raci",
    "Representative",
    "RoiFile",
    "Segment",
    "Thresholds",
]


def __getattr__(name: str) -> Any:
    home = _HOME_OF.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # asked once
    return value
