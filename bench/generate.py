"""Generate a large, valid partnership folder for the benchmark.

At ``scale=1.0`` the folder holds 1,000 partners, 5,000 activities, 100 metrics
with 50,000 observations, 2,000 decision records and 200 engagements; every
count scales linearly with ``scale``. The data is made to look like a real
partnership's: block-style YAML with a few comments, every cross-reference
valid, and realistic enough that msc's health rules stay mostly quiet at
``--as-of 2026-11-27`` (:data:`AS_OF`).

YAML is written as text with f-strings, not with a dumper, so generation stays
fast (about a second at scale 1.0) and the files look hand-written.

Usage::

    python bench/generate.py OUT_DIR [--scale 0.1] [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2026, 11, 27)
"""The date the generated partnership is "current" at; the bench checks with ``--as-of``."""

ACCOUNTABLE_PER_PARTNER = 5
"""Each partner is accountable for exactly this many activities (the MSC403 limit)."""

OBSERVATIONS_PER_METRIC = 500
SCORECARD_METRICS = 7
"""Metrics on the scorecard (the default cap); the rest are tracked with ``scorecard: false``."""

# --------------------------------------------------------------------------- vocabulary

PLACES = (
    "Northside", "Southbank", "Eastwick", "Westfield", "Old Harbour", "Riverside", "Hillcrest",
    "Millbrook", "Stonebridge", "Greenhill", "Brookvale", "Fairview", "Kingsmead", "Oakwood",
    "Elmstead", "Ashford", "Lakeside", "Marshgate", "Highgate", "Lowtown", "Canal Quarter",
    "Station Park", "Market Square", "Windmill Hill", "Dykeside", "Polder East", "Polder West",
    "New Docks", "Castle Green", "Orchard Lane", "Beacon Hill", "Sandpoint", "Foxley",
    "Willowbank", "Ferry Road", "Chapel End", "Mill Lane", "Heathfield", "Bridgewater", "Dunmore",
)  # fmt: skip

PARTNER_KINDS: tuple[tuple[str, str, str], ...] = (
    # (sector, name pattern, website word)
    ("public", "{p} Primary School", "school"),
    ("public", "{p} Public Health Team", "health"),
    ("public", "{p} Library", "library"),
    ("public", "{p} Youth Care Team", "youthcare"),
    ("public", "{p} Community Police", "police"),
    ("public", "{p} Social Services", "social"),
    ("public", "{p} Community College", "college"),
    ("public", "{p} District Office", "district"),
    ("private", "{p} Housing Corporation", "housing"),
    ("private", "{p} Savings Bank", "bank"),
    ("private", "{p} Builders", "builders"),
    ("private", "{p} Logistics", "logistics"),
    ("private", "{p} Pharmacy", "pharmacy"),
    ("private", "{p} Bakery", "bakery"),
    ("private", "{p} Tech Studio", "tech"),
    ("private", "{p} Supermarket", "market"),
    ("civil", "{p} Youth Foundation", "youth"),
    ("civil", "{p} Sports Club", "sports"),
    ("civil", "{p} Food Bank", "foodbank"),
    ("civil", "{p} Neighbourhood Association", "neighbours"),
    ("civil", "{p} Parents Network", "parents"),
    ("civil", "{p} Homework Club", "homework"),
    ("civil", "{p} Refugee Support", "welcome"),
    ("civil", "{p} Debt Help", "debthelp"),
    ("civil", "{p} Mosque Council", "mosque"),
)

FIRST_NAMES = (
    "Anna", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jesse",
    "Karim", "Lotte", "Mohammed", "Noor", "Olga", "Pieter", "Quinten", "Rosa", "Sanne", "Tom",
    "Umar", "Vera", "Wout", "Yara", "Zeynep", "Aisha", "Bas", "Carmen", "Dewi", "Emre",
)  # fmt: skip
LAST_NAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
    "Vos", "Peters", "Hendriks", "van Dijk", "Yilmaz", "El Amrani", "Kaya", "Dekker", "Brouwer",
    "Sedney", "Wijnaldum", "Nguyen", "Kowalski", "Hoekstra", "Postma", "Verbeek", "Kramer",
)  # fmt: skip
ROLES = (
    "Director", "Programme manager", "Team lead", "Policy adviser", "Community worker",
    "Coordinator", "Volunteer lead", "Head of partnerships", "Board member", "Data officer",
)  # fmt: skip

GIFTS: tuple[tuple[str, str, int, int, str], ...] = (
    # (kind, description, min amount, max amount, per)
    ("hours", "Staff hours for the homework clubs", 40, 600, "year"),
    ("hours", "Volunteers at neighbourhood events", 10, 80, "month"),
    ("money", "Yearly contribution to the backbone budget", 1_000, 40_000, "year"),
    ("money", "Grant for the summer programme", 5_000, 60_000, "once"),
    ("in-kind", "Meeting rooms and catering", 500, 6_000, "year"),
    ("in-kind", "Laptops for pupils", 2_000, 15_000, "once"),
    ("expertise", "Data analysis for the scorecard", 20, 200, "year"),
    ("expertise", "Legal advice on data sharing", 10, 60, "year"),
)
GETS = (
    "Earlier contact with families who need help",
    "Shared data on school absence in the district",
    "A seat at the table where the district plan is made",
    "Fewer duplicate visits to the same family",
    "Visibility with residents and the municipality",
    "Trained volunteers from the partner network",
    "Referrals from schools and health teams",
    "Joint funding bids with a stronger case",
    "Learning from peers in the working groups",
)

GOALS: tuple[tuple[str, str, str], ...] = (
    ("school-success", "Every child finishes school with a diploma", "school"),
    ("healthy-lives", "Children grow up healthy and active", "health"),
    ("safe-homes", "Every family has a safe and stable home", "housing"),
    ("work-and-income", "Young adults find work and a steady income", "work"),
    ("connected-neighbourhoods", "Neighbours know and help each other", "community"),
)

SEGMENTS: tuple[tuple[str, str, int], ...] = (
    ("young-children", "Children under 4 and their parents", 3_400),
    ("primary-pupils", "Pupils in primary school", 7_800),
    ("teenagers", "Teenagers aged 12 to 17", 6_100),
    ("young-adults", "Young adults aged 18 to 27", 9_300),
    ("parents", "Parents and carers", 14_000),
    ("newcomers", "Families new to the country", 1_900),
    ("seniors", "Seniors who live alone", 2_600),
)

ACTIVITY_TOPICS: dict[str, tuple[str, ...]] = {
    "school": ("Homework club", "Reading buddies", "Attendance follow-up", "Summer school",
               "Mentoring for first-years", "Transition to secondary school"),
    "health": ("After-school sports", "Healthy breakfast", "Swimming lessons",
               "Mental health drop-in", "Healthy weight coaching"),
    "housing": ("Eviction prevention", "Debt counselling", "Home repair days",
                "Energy poverty visits", "Housing first placements"),
    "work": ("Job coaching", "Apprenticeship matching", "CV workshops",
             "Employer breakfasts", "Language for work"),
    "community": ("Street parties", "Neighbourhood watch", "Repair cafe",
                  "Welcome buddies", "Community garden"),
}  # fmt: skip
ON_TOPICS = (
    "Partner onboarding",
    "Quarterly partner survey",
    "Newsletter editorial round",
    "Data sharing agreement review",
    "Budget review",
    "Governance evaluation",
    "Scorecard data collection",
    "Annual partner assembly",
    "Funding pipeline",
)

# (base id, name, perspective, accountability, kind, unit, direction, baseline, target, goal)
METRIC_BASES: tuple[tuple[str, str, str, str, str, str, str, float, float, str | None], ...] = (
    ("school-absence", "School absence", "stakeholders", "population", "better-off", "%",
     "down", 9.9, 7.5, "school-success"),
    ("early-leavers", "Early school leavers", "stakeholders", "population", "better-off", "%",
     "down", 6.2, 4.0, "school-success"),
    ("homework-attendance", "Homework club attendance", "processes", "performance", "how-much",
     "pupils", "up", 140, 260, "school-success"),
    ("healthy-weight", "Children with a healthy weight", "stakeholders", "population",
     "better-off", "%", "up", 78.0, 84.0, "healthy-lives"),
    ("sports-members", "Children in a sports club", "stakeholders", "population", "better-off",
     "%", "up", 54.0, 65.0, "healthy-lives"),
    ("evictions", "Evictions", "stakeholders", "population", "better-off", "households",
     "down", 42, 20, "safe-homes"),
    ("debt-waiting-days", "Waiting time for debt counselling", "processes", "performance",
     "how-well", "days", "down", 38, 14, "safe-homes"),
    ("youth-unemployment", "Youth unemployment", "stakeholders", "population", "better-off",
     "%", "down", 11.5, 8.0, "work-and-income"),
    ("apprenticeships", "Apprenticeships started", "processes", "performance", "how-much",
     "young adults", "up", 35, 80, "work-and-income"),
    ("neighbour-trust", "Residents who trust their neighbours", "stakeholders", "population",
     "better-off", "%", "up", 47.0, 60.0, "connected-neighbourhoods"),
    ("volunteer-hours", "Volunteer hours", "resources", "performance", "how-much", "hours",
     "up", 1_200, 2_000, "connected-neighbourhoods"),
    ("partner-satisfaction", "Partners satisfied with the partnership", "learning",
     "performance", "how-well", "%", "up", 68.0, 80.0, None),
    ("shared-funding", "Funding raised together", "resources", "performance", "how-much",
     "EUR", "up", 250_000, 400_000, None),
    ("referral-speed", "Days from referral to first contact", "processes", "performance",
     "how-well", "days", "down", 21, 7, None),
    ("families-reached", "Families reached", "stakeholders", "performance", "how-much",
     "families", "up", 900, 1_500, None),
    ("repeat-visits", "Families seen by more than two partners", "processes", "performance",
     "how-well", "%", "down", 31.0, 18.0, None),
    ("learning-sessions", "Learning sessions held", "learning", "performance", "how-much",
     "sessions", "up", 4, 10, None),
    ("data-on-time", "Partners delivering data on time", "learning", "performance", "how-well",
     "%", "up", 61.0, 90.0, None),
    ("reading-level", "Pupils reading at level", "stakeholders", "population", "better-off",
     "%", "up", 63.0, 72.0, "school-success"),
    ("energy-arrears", "Households behind on energy bills", "stakeholders", "population",
     "better-off", "%", "down", 8.4, 5.0, "safe-homes"),
)  # fmt: skip
DISTRICTS = ("north", "south", "east", "west", "centre")
CADENCES = ("monthly", "quarterly", "monthly", "half-yearly", "monthly", "weekly", "fortnightly")

ENGAGEMENT_METHODS = (
    "focus-group", "survey", "co-design", "interview", "community-meeting", "panel",
    "walk-along", "feedback-form",
)  # fmt: skip
HEARD = (
    "Parents did not know where to go with questions about debt",
    "Teenagers want a place to study that is open in the evening",
    "The referral form is too long and only in Dutch",
    "Families feel they tell their story again at every partner",
    "Seniors do not trust letters from the municipality",
    "Young adults find apprenticeships through friends, not through job centres",
    "Children would walk to school with a buddy if the crossing were safer",
    "Newcomers want language lessons that fit around work shifts",
)
CHANGED = (
    "We opened the library on Tuesday and Thursday evenings",
    "The referral form now fits on one page and comes in four languages",
    "One contact person per family, agreed by all partners in the district",
    "Debt help now has a walk-in hour at the primary schools",
    "Apprenticeship vacancies are shared through the sports clubs",
    "A crossing guard pilot started at two schools",
    "Evening language classes started at the community college",
)

DECISION_TOPICS = (
    "Adopt consent as the steering group's decision rule",
    "Share school absence data between schools and youth care",
    "Fund the summer programme for another year",
    "Open the homework clubs to secondary school pupils",
    "Admit new partners after one trial year",
    "Move the partner assembly to the spring",
    "Publish the scorecard on the website",
    "Stop the paper newsletter",
    "Start a working group on energy poverty",
    "Pay volunteers' travel costs",
    "Use one referral form across the district",
    "Drop the breakfast pilot at two schools",
    "Rotate the chair of the steering group yearly",
    "Set the hourly rate for volunteer time in the SROI",
    "Ask residents to co-design the youth centre",
)


LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">'
    "<title>GDYP</title>"
    '<circle cx="32" cy="32" r="30" fill="#0b5fff"/>'
    '<path d="M12 40 Q32 16 52 40" stroke="#ff8a00" stroke-width="6" fill="none"/></svg>'
)

# --------------------------------------------------------------------------- helpers

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()/&%+-]*[A-Za-z0-9.)%]")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def q(text: str) -> str:
    """A YAML scalar for ``text``: plain where a human would leave it plain, else quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def day(offset: int) -> date:
    """``AS_OF`` plus ``offset`` days."""
    return AS_OF + timedelta(days=offset)


def num(value: float) -> str:
    """A number as a human would write it: no trailing ``.0``."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def block_list(key: str, items: Iterable[str], indent: int) -> list[str]:
    """``key:`` followed by a block list of plain scalars; nothing when empty."""
    items = list(items)
    if not items:
        return []
    pad = " " * indent
    return [f"{pad}{key}:", *(f"{pad}  - {q(item)}" for item in items)]


@dataclass
class Stats:
    """What :func:`generate` wrote."""

    files: int = 0
    yaml_lines: int = 0
    markdown_lines: int = 0
    csv_rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Partner:
    id: str
    name: str
    sector: str
    site: str
    joined: date
    left: date | None = None
    seats: dict[int, list[str]] = field(default_factory=dict)
    """Representative index -> body ids."""


@dataclass
class _Body:
    id: str
    name: str
    kind: str
    rule: str
    meets: str
    mandate: str
    lead: str | None = None
    members: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, root: Path, stats: Stats) -> None:
        self.root = root
        self.stats = stats

    def lines(self, rel: str, lines: Sequence[str]) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.stats.files += 1
        if rel.endswith(".yaml"):
            self.stats.yaml_lines += len(lines)
        elif rel.endswith(".md"):
            self.stats.markdown_lines += len(lines)


# --------------------------------------------------------------------------- the model


def _scaled(base: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale))


def _make_partners(rng: random.Random, count: int) -> list[_Partner]:
    combos = [(kind, place) for kind in PARTNER_KINDS for place in PLACES]
    rng.shuffle(combos)
    partners: list[_Partner] = []
    seen: set[str] = set()
    for i in range(count):
        (sector, pattern, site), place = combos[i % len(combos)]
        name = pattern.format(p=place)
        if i >= len(combos):
            name = f"{name} {i // len(combos) + 1}"
        pid = slugify(name)
        while pid in seen:  # never at the built-in sizes; kept for odd scales
            pid = f"{pid}-x"
        seen.add(pid)
        joined = date(2014, 1, 1) + timedelta(days=rng.randrange(0, 12 * 365))
        left = None
        if rng.random() < 0.02 and joined < date(2019, 1, 1):
            left = joined + timedelta(days=rng.randrange(3 * 365, 6 * 365))
        partners.append(_Partner(pid, name, sector, f"{site}.{slugify(place)}", joined, left))
    return partners


def _make_bodies(rng: random.Random, active: list[_Partner]) -> list[_Body]:
    def pick(k: int) -> list[str]:
        return sorted(p.id for p in rng.sample(active, min(k, len(active))))

    bodies = [
        _Body(
            "steering-group",
            "Steering Group",
            "steering-group",
            "consent",
            "monthly",
            "Sets priorities, admits partners and reaffirms the purpose.",
        ),
        _Body(
            "board",
            "Partnership Board",
            "board",
            "majority",
            "quarterly",
            "Approves the budget and the yearly plan.",
        ),
        _Body(
            "partner-assembly",
            "Partner Assembly",
            "assembly",
            "supermajority",
            "yearly",
            "Changes to the purpose and the partnership agreement.",
        ),
        _Body(
            "backbone-team",
            "Backbone Team",
            "backbone-team",
            "lead-decides",
            "weekly",
            "Day-to-day coordination, communication and data.",
        ),
        _Body(
            "youth-council",
            "Youth Advisory Council",
            "advisory-council",
            "advice",
            "monthly",
            "Advises every body on what young residents need.",
        ),
    ]
    for goal_id, title, _ in GOALS:
        bodies.append(
            _Body(
                f"wg-{goal_id}",
                f"{goal_id.replace('-', ' ').title()} Working Group",
                "working-group",
                "lead-decides" if rng.random() < 0.5 else "consent",
                "fortnightly",
                f"Runs the activities for the goal: {title.lower()}.",
            )
        )
    sizes = {
        "steering-group": 12,
        "board": 7,
        "partner-assembly": 40,
        "backbone-team": 3,
        "youth-council": 8,
    }
    for body in bodies:
        body.members = pick(sizes.get(body.id, 15))
        if body.rule == "lead-decides" or body.kind in {"steering-group", "working-group"}:
            body.lead = body.members[0]
    return bodies


def _seat_representatives(
    rng: random.Random, partners: list[_Partner], bodies: list[_Body], reps: dict[str, int]
) -> None:
    """Every body member gets a representative who holds the seat."""
    by_id = {p.id: p for p in partners}
    for body in bodies:
        for member in body.members:
            partner = by_id[member]
            rep = rng.randrange(reps[member])
            partner.seats.setdefault(rep, []).append(body.id)


# --------------------------------------------------------------------------- files


def _partnership_yaml(bodies: list[_Body], scale: float) -> list[str]:
    out = [
        "# The partnership: who we are, why we exist and how we decide.",
        MARKER,
        "format_version: 1",
        "name: Greater Delta Youth Partnership",
        "short_name: GDYP",
        "tagline: Every young person in the delta gets a fair start",
        "language: en",
        "logo: assets/logo.svg",
        "colours:",
        '  primary: "#0b5fff"',
        '  secondary: "#f3f6ff"',
        '  accent: "#ff8a00"',
        "values:",
        "  - Residents first",
        "  - Straight talk",
        "  - Share what we learn",
        "",
        "purpose:",
        "  statement: >-",
        "    Schools, health and youth services, housing corporations, employers and",
        "    residents work as one so that every young person in the delta finishes",
        "    school, grows up healthy and finds their way to work.",
        f"  reaffirmed: {day(-168).isoformat()}",
        "  reaffirmed_by: steering-group",
        "",
        "goals:",
    ]
    for goal_id, title, _ in GOALS:
        out += [f"  - id: {goal_id}", f"    title: {q(title)}"]
    out += [
        "",
        "target_population:",
        "  description: Children, young people and their families in the delta districts.",
        "  segments:",
    ]
    for seg_id, name, size in SEGMENTS:
        out += [f"    - id: {seg_id}", f"      name: {q(name)}", f"      size: {size}"]
    out += ["", "# Governance: every body says how it decides.", "bodies:"]
    for body in bodies:
        out += [
            f"  - id: {body.id}",
            f"    name: {q(body.name)}",
            f"    kind: {body.kind}",
            f"    decision_rule: {body.rule}",
        ]
        if body.lead:
            out.append(f"    lead: {body.lead}")
        out += block_list("members", body.members, 4)
        out += [f"    meets: {body.meets}", f"    mandate: {q(body.mandate)}"]
    out += [
        "",
        "cadence:",
        "  newsletter: monthly",
        "  retrospective: quarterly",
        "",
        f"# Benchmark data at {scale:g}× size: everyone is accountable for exactly 5 activities.",
        "checks:",
        "  thresholds:",
        "    max_accountable: 5",
        "    engagement_max_gap_days: 90",
    ]
    return out


def _partners_yaml(rng: random.Random, partners: list[_Partner], reps: dict[str, int]) -> list[str]:
    out = ["# Partners: what each gives and what each gets back.", "format_version: 1", "partners:"]
    sector = ""
    for p in partners:
        if p.sector != sector:
            sector = p.sector
            out.append(f"  # --- {sector} sector")
        out += [
            f"  - id: {p.id}",
            f"    name: {q(p.name)}",
            f"    sector: {p.sector}",
            f"    joined: {p.joined.isoformat()}",
        ]
        if p.left:
            out.append(f"    left: {p.left.isoformat()}")
        out += [f"    website: https://www.{p.site}.example.org", "    representatives:"]
        for r in range(reps[p.id]):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            out += [f"      - name: {q(f'{first} {last}')}", f"        role: {rng.choice(ROLES)}"]
            out += block_list("body_seats", p.seats.get(r, []), 8)
            mail = f"{slugify(first)}.{slugify(last).replace('-', '')}@{p.site}.example.org"
            out.append(f"        email: {mail}")
            if rng.random() < 0.5:
                out.append(f'        phone: "+31 6 {rng.randrange(10_000_000, 99_999_999)}"')
        out.append("    gives:")
        for kind, desc, low, high, per in rng.sample(GIFTS, rng.randint(1, 3)):
            out += [
                f"      - kind: {kind}",
                f"        description: {q(desc)}",
                f"        amount: {rng.randrange(low, high + 1, 10 if high > 100 else 1)}",
                f"        per: {per}",
            ]
        out.append("    gets:")
        for desc in rng.sample(GETS, rng.randint(1, 3)):
            out.append(f"      - description: {q(desc)}")
        if rng.random() < 0.1:
            out.append("    notes: Prefers contact by phone; ask before sharing names.")
    return out


def _activity_dates(rng: random.Random, lo: date, hi: date | None) -> tuple[str, date, date | None]:
    """Status, start and end for an activity whose accountable partner is there lo..hi."""
    if hi is not None:  # the partner has left: the work is finished
        span = max(30, (hi - lo).days)
        start = lo + timedelta(days=rng.randrange(0, span - 29))
        end = min(hi, start + timedelta(days=rng.randrange(30, 720)))
        return ("done" if rng.random() < 0.85 else "dropped"), start, end
    roll = rng.random()
    earliest = max(lo, date(2018, 1, 1))
    span = max(1, (day(-60) - earliest).days)
    start = earliest + timedelta(days=rng.randrange(0, span))
    if roll < 0.25:
        end = min(day(-5), start + timedelta(days=rng.randrange(60, 900)))
        return "done", start, end
    if roll < 0.30:
        return "dropped", start, min(day(-5), start + timedelta(days=rng.randrange(30, 300)))
    if roll < 0.40:
        return "planned", day(rng.randrange(10, 200)), None
    if roll < 0.45:
        return "paused", start, None
    end = day(rng.randrange(30, 900)) if rng.random() < 0.5 else None
    return "active", start, end


def _activities_yaml(rng: random.Random, partners: list[_Partner]) -> tuple[list[str], list[str]]:
    active = [p for p in partners if p.left is None]
    on_bodies = ["steering-group", "backbone-team", "board"]
    accountables = [p for p in partners for _ in range(ACCOUNTABLE_PER_PARTNER)]
    rng.shuffle(accountables)
    out = [
        "# The RACI: one accountable partner per activity.",
        "# work: `in` = the mission, `on` = how we run the partnership.",
        "format_version: 1",
        "activities:",
    ]
    ids: list[str] = []
    for i, acc in enumerate(accountables, start=1):
        place = rng.choice(PLACES)
        if rng.random() < 0.2:
            work, goal, body = "on", None, rng.choice(on_bodies)
            topic = rng.choice(ON_TOPICS)
            name = f"{topic} {i}"
        else:
            goal_id, _, area = GOALS[i % len(GOALS)]
            work, goal, body = "in", goal_id, f"wg-{goal_id}"
            topic = rng.choice(ACTIVITY_TOPICS[area])
            name = f"{topic} in {place}"
        aid = f"{slugify(topic)}-{i:04d}"
        ids.append(aid)
        status, start, end = _activity_dates(rng, acc.joined, acc.left)
        others = [p.id for p in rng.sample(active, min(len(active), 16)) if p.id != acc.id]
        r_n, c_n, i_n = rng.randint(1, 3), rng.randint(1, 4), rng.randint(2, 6)
        responsible = others[:r_n]
        consulted = others[r_n : r_n + c_n]
        informed = others[r_n + c_n : r_n + c_n + i_n]
        out += [f"  - id: {aid}", f"    name: {q(name)}"]
        if rng.random() < 0.3:
            out.append(f"    description: {q(f'{topic} run with partners from {place}.')}")
        if goal:
            out.append(f"    goal: {goal}")
        out += [
            f"    body: {body}",
            f"    work: {work}",
            f"    status: {status}",
            f"    start: {start.isoformat()}",
        ]
        if end:
            out.append(f"    end: {end.isoformat()}")
        out += ["    raci:", f"      accountable: {acc.id}"]
        out += block_list("responsible", responsible, 6)
        out += block_list("consulted", consulted, 6)
        out += block_list("informed", informed, 6)
    return out, ids


@dataclass
class _Metric:
    id: str
    name: str
    goal: str | None
    cadence: str
    direction: str
    baseline: float
    target: float
    first: date


def _metrics(rng: random.Random, count: int) -> list[_Metric]:
    metrics = []
    for i in range(count):
        base = METRIC_BASES[i % len(METRIC_BASES)]
        district = DISTRICTS[(i // len(METRIC_BASES)) % len(DISTRICTS)]
        lap = i // (len(METRIC_BASES) * len(DISTRICTS))
        mid = f"{base[0]}-{district}" + (f"-{lap + 1}" if lap else "")
        step = (1, 2, 3, 7)[i % 4]
        first = day(-1 - i % 5 - step * (OBSERVATIONS_PER_METRIC - 1))
        jitter = 1 + (rng.random() - 0.5) / 5
        metrics.append(
            _Metric(
                mid,
                f"{base[1]} ({district})",
                base[9],
                CADENCES[i % len(CADENCES)],
                base[6],
                base[7] * jitter,
                base[8] * jitter,
                first,
            )
        )
    return metrics


def _metrics_yaml(metrics: list[_Metric], owners: list[str]) -> list[str]:
    out = [
        "# The scorecard: few, critical metrics. Data lives in data/*.csv.",
        f"# The first {SCORECARD_METRICS} are on the scorecard; the rest are tracked only.",
        "format_version: 1",
        "metrics:",
    ]
    for i, m in enumerate(metrics):
        base = METRIC_BASES[i % len(METRIC_BASES)]
        out += [
            f"  - id: {m.id}",
            f"    name: {q(m.name)}",
            f"    perspective: {base[2]}",
            f"    accountability: {base[3]}",
            f"    kind: {base[4]}",
            f"    unit: {q(base[5])}",
            f"    direction: {m.direction}",
            "    baseline:",
            f"      value: {num(round(m.baseline, 1))}",
            f"      date: {m.first.isoformat()}",
            "    target:",
            f"      value: {num(round(m.target, 1))}",
            "      date: 2028-12-31",
            f"    owner: {owners[i % len(owners)]}",
            f"    cadence: {m.cadence}",
        ]
        if m.goal:
            out.append(f"    goal: {m.goal}")
        if i >= SCORECARD_METRICS:
            out.append("    scorecard: false")
    return out


def _write_observations(
    rng: random.Random, root: Path, metrics: list[_Metric], sources: list[str], stats: Stats
) -> None:
    """One CSV per goal (plus one for the partnership's own metrics), oldest row first."""
    files: dict[str, list[tuple[str, str, str, str]]] = {}
    for i, m in enumerate(metrics):
        step = (1, 2, 3, 7)[i % 4]
        n = OBSERVATIONS_PER_METRIC
        rows = files.setdefault(m.goal or "partnership", [])
        source = sources[i % len(sources)]
        for k in range(n):
            progress = k / (n - 1)
            value = m.baseline + (m.target - m.baseline) * 0.8 * progress
            value *= 1 + (rng.random() - 0.5) * 0.06
            when = m.first + timedelta(days=k * step)
            rows.append((m.id, when.isoformat(), f"{value:.2f}", source))
    (root / "data").mkdir(exist_ok=True)
    for name, rows in files.items():
        rows.sort(key=lambda r: r[1])
        with (root / "data" / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(("metric", "date", "value", "source"))
            writer.writerows(rows)
        stats.files += 1
        stats.csv_rows += len(rows)


def _engagement_yaml(rng: random.Random, count: int, leaders: list[str]) -> list[str]:
    out = [
        "# What the people we serve told us, and what we changed because of it.",
        "format_version: 1",
        "engagements:",
    ]
    gap = max(3, 1000 // count)
    for n in range(count, 0, -1):  # oldest first, the newest 12 days before AS_OF
        when = day(-12 - (n - 1) * gap)
        method = ENGAGEMENT_METHODS[n % len(ENGAGEMENT_METHODS)]
        segments = {SEGMENTS[n % len(SEGMENTS)][0]}  # every segment is heard in turn
        if rng.random() < 0.4:
            segments.add(rng.choice(SEGMENTS)[0])
        segments = sorted(segments)
        title = f"{method.replace('-', ' ').capitalize()} with {segments[0].replace('-', ' ')}"
        out += [
            f"  - id: {method}-{when.isoformat()}-{n}",
            f"    title: {q(title)}",
            f"    date: {when.isoformat()}",
            f"    method: {method}",
            *block_list("segments", segments, 4),
            f"    participants: {rng.randint(*((6, 400) if method == 'survey' else (4, 30)))}",
            f"    led_by: {rng.choice(leaders)}",
            *block_list("heard", rng.sample(HEARD, rng.randint(1, 3)), 4),
            *block_list("changed", rng.sample(CHANGED, rng.randint(1, 2)), 4),
        ]
        if rng.random() < 0.2:
            out.append("    notes: Two participants asked not to be quoted by name.")
    return out


def _roi_yaml(rng: random.Random, partners: list[_Partner], metrics: list[_Metric]) -> list[str]:
    out = [
        "# Social return on investment for the last full year.",
        "format_version: 1",
        "currency: EUR",
        "period:",
        "  start: 2025-01-01",
        "  end: 2025-12-31",
        "hourly_rate: 35",
        "discount_rate: 0.035",
        "inputs:",
    ]
    kinds = {"money": "money", "hours": "hours", "in-kind": "in-kind", "expertise": "hours"}
    for p in partners:
        if p.left and p.left < date(2025, 1, 1):
            continue
        kind = kinds[rng.choice(GIFTS)[0]]
        amount = rng.randrange(40, 600) if kind == "hours" else rng.randrange(500, 40_000, 50)
        out += [f"  - partner: {p.id}", f"    kind: {kind}", f"    amount: {amount}"]
    out.append("outcomes:")
    for i, m in enumerate(metrics[: max(3, min(len(metrics), 20))]):
        seg = SEGMENTS[i % len(SEGMENTS)][0]
        out += [
            f"  - id: outcome-{m.id}",
            f"    name: {q(f'Better: {m.name.lower()}')}",
            f"    metric: {m.id}",
            f"    segment: {seg}",
            f"    quantity: {rng.randrange(20, 800)}",
            "    unit: people",
            "    financial_proxy:",
            f"      value: {rng.randrange(200, 9_000, 50)}",
            "      source: Social value bank 2024",
            f"    deadweight: {rng.choice((0.1, 0.2, 0.25, 0.3))}",
            f"    attribution: {rng.choice((0.2, 0.3, 0.4, 0.5))}",
            f"    displacement: {rng.choice((0, 0.05, 0.1))}",
            f"    drop_off: {rng.choice((0.1, 0.2, 0.33))}",
            f"    duration: {rng.randint(1, 5)}",
        ]
    return out


def _write_decisions(
    rng: random.Random,
    w: _Writer,
    count: int,
    bodies: list[_Body],
    partners: list[str],
    affects: list[str],
) -> None:
    """``decisions/NNNN-slug.md``: ids in date order, about one every few days."""
    first = date(2019, 1, 7)
    span = (day(-3) - first).days
    dates = sorted(first + timedelta(days=rng.randrange(span)) for _ in range(count))
    status = ["accepted"] * (count + 1)
    supersedes: dict[int, int] = {}
    for n in range(1, count + 1):
        roll = rng.random()
        if n > count - 5:
            status[n] = "proposed"
        elif roll < 0.04:
            status[n] = "rejected"
        elif roll < 0.06:
            status[n] = "withdrawn"
        elif roll < 0.11 and n > 20:
            old = rng.randrange(max(1, n - 400), n)
            if status[old] == "accepted" and old not in supersedes.values():
                supersedes[n] = old
    for new, old in supersedes.items():
        if status[new] == "accepted":
            status[old] = "superseded"
    for n in range(1, count + 1):
        title = DECISION_TOPICS[n % len(DECISION_TOPICS)]
        body = bodies[n % len(bodies)]
        meta = [
            "---",
            "format_version: 1",
            f"id: {n}",
            f"title: {q(title)}",
            f"date: {dates[n - 1].isoformat()}",
            f"status: {status[n]}",
            f"body: {body.id}",
        ]
        if rng.random() < 0.1:
            meta.append(f"rule: {body.rule}")
        if n in supersedes and status[n] == "accepted":
            meta += ["supersedes:", f"  - {supersedes[n]}"]
        meta += block_list("consulted", sorted(rng.sample(partners, 2)), 0)
        meta += block_list("informed", sorted(rng.sample(partners, 3)), 0)
        meta += block_list("affects", sorted(rng.sample(affects, 2)), 0)
        meta.append("---")
        text = [
            "",
            f"# {title}",
            "",
            "## Context",
            "",
            f"The {body.name.lower()} discussed this after partners raised it in the",
            "last round of working group meetings. Residents asked for it in the most",
            "recent focus groups.",
            "",
            "## Decision",
            "",
            f"{title}. Decided by {body.rule.replace('-', ' ')}.",
            "",
            "## Consequences",
            "",
            "- The backbone team updates the activities and the scorecard.",
            "- Partners hear about it in the next newsletter.",
        ]
        w.lines(f"decisions/{n:04d}-{slugify(title)[:48].rstrip('-')}.md", meta + text)


def _write_newsletters(w: _Writer) -> None:
    """Three monthly issues, the newest this month (MSC102 looks at ``newsletters/YYYY-MM.md``)."""
    for back in (2, 1, 0):
        year, month0 = divmod(AS_OF.year * 12 + AS_OF.month - 1 - back, 12)
        month = date(year, month0 + 1, 1)
        w.lines(
            f"newsletters/{month:%Y-%m}.md",
            [
                f"# GDYP news, {month:%B %Y}",
                "",
                "- School absence down 0.4 points since last month.",
                "- Three new partners joined the Safe Homes working group.",
                "- You told us the referral form was too long, so we cut it to one page.",
            ],
        )


def _write_retros(w: _Writer) -> None:
    for offset, kind in ((-135, "appreciative"), (-44, "after-action")):
        when = day(offset)
        w.lines(
            f"retros/{when.isoformat()}-{kind}.md",
            [
                f"# Retrospective ({kind.replace('-', ' ')}), {when.isoformat()}",
                "",
                "## What happened",
                "",
                "- School absence kept falling in three of five districts.",
                "",
                "## Actions",
                "",
                "- [ ] Share the referral form with the new partners.",
            ],
        )


MARKER = "# Generated by bench/generate.py for the msc benchmark."


def _clear(root: Path) -> None:
    """Empty ``root`` for a new partnership, but only if it is empty or was generated here."""
    if root.exists():
        if any(root.iterdir()):
            head = root / "partnership.yaml"
            if not head.is_file() or MARKER not in head.read_text(encoding="utf-8")[:500]:
                raise FileExistsError(f"{root} is not empty and was not made by bench/generate.py")
        shutil.rmtree(root)
    root.mkdir(parents=True)


def generate(root: Path, scale: float = 1.0, seed: int = 0) -> Stats:
    """Write a valid partnership of the given ``scale`` into ``root``.

    ``root`` must be missing, empty, or an earlier output of this function (it is replaced).
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = random.Random(seed)
    _clear(root)
    stats = Stats()
    w = _Writer(root, stats)

    partners = _make_partners(rng, _scaled(1000, scale, minimum=3))
    partners.sort(key=lambda p: ("public", "private", "civil").index(p.sector))
    active = [p for p in partners if p.left is None]
    reps = {p.id: rng.randint(1, 3) for p in partners}
    bodies = _make_bodies(rng, active)
    _seat_representatives(rng, partners, bodies, reps)
    metrics = _metrics(rng, _scaled(100, scale, minimum=3))
    active_ids = [p.id for p in active]

    w.lines("partnership.yaml", _partnership_yaml(bodies, scale))
    w.lines("partners.yaml", _partners_yaml(rng, partners, reps))
    activities, activity_ids = _activities_yaml(rng, partners)
    w.lines("activities.yaml", activities)
    w.lines("metrics.yaml", _metrics_yaml(metrics, active_ids))
    _write_observations(rng, root, metrics, [p.name for p in active], stats)
    w.lines(
        "engagement.yaml", _engagement_yaml(rng, _scaled(200, scale, len(SEGMENTS)), active_ids)
    )
    w.lines("roi.yaml", _roi_yaml(rng, partners, metrics))
    affects = activity_ids[:500] + [m.id for m in metrics] + active_ids[:200]
    _write_decisions(rng, w, _scaled(2000, scale), bodies, active_ids, affects)
    _write_retros(w)
    _write_newsletters(w)
    w.lines("assets/logo.svg", [LOGO])

    stats.counts = {
        "partners": len(partners),
        "activities": len(activity_ids),
        "metrics": len(metrics),
        "observations": stats.csv_rows,
        "decisions": _scaled(2000, scale),
        "engagements": _scaled(200, scale, len(SEGMENTS)),
        "bodies": len(bodies),
    }
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="folder to (re)create")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1,000 partners")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        stats = generate(args.out_dir, scale=args.scale, seed=args.seed)
    except (FileExistsError, ValueError) as error:
        parser.error(str(error))
    took = time.perf_counter() - started
    counts = ", ".join(f"{v:,} {k}" for k, v in stats.counts.items())
    print(f"{args.out_dir}: {counts}", file=sys.stderr)
    print(
        f"{stats.files:,} files, {stats.yaml_lines:,} lines of YAML, "
        f"{stats.markdown_lines:,} lines of Markdown, {stats.csv_rows:,} CSV rows "
        f"in {took:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
