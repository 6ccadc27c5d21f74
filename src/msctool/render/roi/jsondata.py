"""The ROI numbers as JSON: every number of the calculation, with stable keys."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from msctool.render.roi.calculation import Calculation
from msctool.render.roi.sroi import PartnerShare, Result, Sensitivity


def roi_json(calc: Calculation, as_of: date, partner: str | None = None) -> str:
    """Every number of the calculation, with stable keys; amounts in the currency."""
    roi, result = calc.roi, calc.result
    data = {
        "format_version": 1,
        "as_of": as_of.isoformat(),
        "currency": roi.currency,
        "period": {"start": roi.period.start.isoformat(), "end": roi.period.end.isoformat()},
        "hourly_rate": _n(roi.hourly_rate),
        "discount_rate": _n(roi.discount_rate),
        "inputs": [_input_json(calc, n) for n in range(len(roi.inputs))],
        "outcomes": [_outcome_json(calc, n) for n in range(len(roi.outcomes))],
        "totals": _totals_json(result),
        "partners": [_partner_json(calc, s) for s in calc.givers if partner in (None, s.partner)],
        "sensitivity": [_sensitivity_json(s) for s in result.sensitivity],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _n(value: float | None) -> float | None:
    """Rounded to remove float noise (334151.99999999994 → 334152.0)."""
    return None if value is None else round(float(value), 6)


def _input_json(calc: Calculation, index: int) -> dict[str, Any]:
    item, value = calc.roi.inputs[index], calc.result.contributions[index]
    return {
        "partner": item.partner,
        "kind": item.kind,
        "amount": _n(item.amount),
        "value": _n(value.value),
        "description": item.description,
        "outcomes": list(value.outcomes or ()),
    }


def _outcome_json(calc: Calculation, index: int) -> dict[str, Any]:
    outcome, value = calc.roi.outcomes[index], calc.result.outcomes[index]
    a = value.assumptions
    return {
        "id": outcome.id,
        "name": outcome.name,
        "metric": outcome.metric,
        "segment": outcome.segment,
        "quantity": _n(a.quantity),
        "unit": outcome.unit,
        "financial_proxy": _n(a.proxy),
        "financial_proxy_source": outcome.financial_proxy.source,
        "deadweight": _n(a.deadweight),
        "attribution": _n(a.attribution),
        "displacement": _n(a.displacement),
        "drop_off": _n(a.drop_off),
        "duration": a.duration,
        "discount_rate": _n(a.discount_rate),
        "impact": _n(value.impact),
        "values": [_n(v) for v in value.values],
        "present_values": [_n(v) for v in value.present_values],
        "present_value": _n(value.present_value),
    }


def _totals_json(result: Result) -> dict[str, Any]:
    return {
        "money": _n(result.inputs_of("money")),
        "in_kind": _n(result.inputs_of("in-kind")),
        "hours": _n(result.hours),
        "hours_value": _n(result.inputs_of("hours")),
        "inputs": _n(result.total_inputs),
        "annual_impact": _n(result.annual_impact),
        "present_value": _n(result.present_value),
        "npv": _n(result.npv),
        "ratio": _n(result.ratio),
        "payback_months": _n(result.payback_months),
    }


def _partner_json(calc: Calculation, share: PartnerShare) -> dict[str, Any]:
    return {
        "partner": share.partner,
        "name": calc.name_of(share.partner),
        "money": _n(share.money),
        "in_kind": _n(share.in_kind),
        "hours": _n(share.hours),
        "hours_value": _n(share.hours_value),
        "inputs": _n(share.total),
        "share": _n(share.share),
        "value": _n(share.value),
        "outcomes": list(share.outcomes),
    }


def _sensitivity_json(s: Sensitivity) -> dict[str, Any]:
    return {
        "assumption": s.assumption,
        "scale": s.scale,
        "now": [_n(v) for v in s.now],
        "reachable": s.reachable,
        "change": _n(s.change),
        "at": [_n(v) for v in s.at],
        "ratio_at": _n(s.ratio_at),
    }
