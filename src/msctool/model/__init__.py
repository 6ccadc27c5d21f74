"""The partnership model: one pydantic model per file, and the loaded whole.

Every file model forbids unknown keys and carries ``format_version``.
:class:`Partnership` is what later code (checks, renders, logs, edits) uses.
"""

from __future__ import annotations

from msctool.model.activities import ActivitiesFile, Activity, Raci
from msctool.model.decisions import Decision, DecisionMeta
from msctool.model.engagement import Engagement, EngagementFile
from msctool.model.metrics import Metric, MetricsFile, Observation, Point
from msctool.model.partners import Gift, Partner, PartnersFile, Representative
from msctool.model.partnership import Body, Goal, PartnershipFile, Segment
from msctool.model.roi import Input, Outcome, RoiFile
from msctool.model.settings import CheckSettings, Thresholds
from msctool.model.whole import Dated, Partnership

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
