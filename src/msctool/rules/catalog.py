"""Every rule msc checks: its code, the principle it serves, why it matters, how to fix it.

Codes are grouped by the six principles of the brief, like ruff's prefixes:
MSC0xx the data is wrong; MSC1xx purpose and drumbeat; MSC2xx people and
money; MSC3xx identity, working on and in; MSC4xx roles and decisions;
MSC5xx the target population; MSC6xx metrics and learning.
"""

from __future__ import annotations

from dataclasses import dataclass

from msctool.findings import Severity

PRINCIPLES = {
    0: "Valid data",
    1: "Clarity of purpose, a constant drumbeat",
    2: "Sustainability: people and money, an ROI story",
    3: "Strong identity, straight talk, working on vs in",
    4: "Connected and aligned people and activities",
    5: "Engage the target population",
    6: "Few, critical metrics tied to learning",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str
    threshold: str | None = None

    @property
    def principle(self) -> int:
        return int(self.code[3])

    @property
    def is_data_error(self) -> bool:
        """Data errors (MSC0xx errors) cannot be ignored or demoted: the files are wrong.

        A warning in the MSC0xx group (MSC013) is about valid data and can be
        configured like a health rule.
        """
        return self.principle == 0 and self.severity == "error"


def _rule(code: str, name: str, severity: Severity, summary: str, why: str, fix: str,
          threshold: str | None = None) -> Rule:  # fmt: skip
    return Rule(code, name, severity, summary, why, fix, threshold)


_E: Severity = "error"
_W: Severity = "warning"

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        _rule(
            "MSC001",
            "unreadable-file",
            _E,
            "A file cannot be read: too large, empty, or not UTF-8.",
            "msc can only check and render what it can read; a half-read partnership gives wrong outputs.",
            "Save the file as UTF-8, keep it under the size limit, and give it content.",
        ),
        _rule(
            "MSC002",
            "yaml-syntax",
            _E,
            "The YAML is malformed (indentation, tabs, brackets, tags, alias bombs).",
            "A syntax error stops every tool that reads the file, not only msc.",
            "Fix the line shown; indent with spaces; remove `!tags`; do not chain aliases.",
        ),
        _rule(
            "MSC003",
            "duplicate-key",
            _E,
            "A key appears twice in the same mapping.",
            "Most YAML readers silently keep the last value, so a partner's edit can vanish unnoticed.",
            "Keep one of the two keys.",
        ),
        _rule(
            "MSC004",
            "unknown-key",
            _E,
            "A key that the format does not know (often a typo).",
            "A misspelt key is silently ignored by lenient tools; here it is caught with a suggestion.",
            "Use the suggested key, or see docs/format.md for the keys of this file.",
        ),
        _rule(
            "MSC005",
            "missing-key",
            _E,
            "A required key is missing.",
            "Required fields are what renders and checks rely on.",
            "Add the key; docs/format.md has an example of every field.",
        ),
        _rule(
            "MSC006",
            "wrong-value",
            _E,
            "A value has the wrong type or is not one of the allowed values, or a number reads two ways (`12.500` in a Dutch partnership).",
            "A date that is not a date or a rule that does not exist makes every later output wrong.",
            "Write the value in the form the hint shows.",
        ),
        _rule(
            "MSC007",
            "format-version",
            _E,
            "The file's format_version is missing or not supported.",
            "The version lets later versions of msc migrate old folders safely.",
            "Write `format_version: 1`, or upgrade msc.",
        ),
        _rule(
            "MSC008",
            "duplicate-id",
            _E,
            "Two entries share one id.",
            "Ids are how activities, decisions and metrics point at each other; a shared id is ambiguous.",
            "Give one of them a new id and update references to it.",
        ),
        _rule(
            "MSC009",
            "broken-reference",
            _E,
            "An id points at nothing (partner, goal, body, segment, metric, decision, file).",
            "Broken references silently drop people and work from the RACI, the scorecard and the ROI story.",
            "Use an existing id (the hint suggests the closest) or add the missing entry.",
        ),
        _rule(
            "MSC010",
            "one-accountable",
            _E,
            "An activity does not have exactly one accountable partner.",
            "With two accountables nobody is; with none the work is an orphan (principle 4).",
            "Name exactly one partner under `raci.accountable`; others can be responsible.",
        ),
        _rule(
            "MSC011",
            "bad-observation",
            _E,
            "A CSV row has an unknown metric, a bad date or a value that is not a number.",
            "One bad row can bend a trend line and mislead a scorecard.",
            "Fix or remove the row; dates are YYYY-MM-DD, values plain numbers.",
        ),
        _rule(
            "MSC012",
            "bad-decision-record",
            _E,
            "A decision record has no front matter, a name that does not match its id, or supersedes a decision that does not exist.",
            "Decisions must survive staff turnover; a record that cannot be read or linked is lost (principle 4).",
            "Name the file decisions/NNNN-slug.md with NNNN = id, and supersede existing ids only.",
        ),
        _rule(
            "MSC013",
            "unknown-file",
            _W,
            "A YAML file in the folder looks like a misspelt partnership file.",
            "msc would silently ignore `partner.yaml`, so its content would be missing everywhere.",
            "Rename the file to the name msc reads.",
        ),
        _rule(
            "MSC014",
            "link-or-special-file",
            _E,
            "A symbolic link, named pipe, device, socket or folder named like a file where msc reads or writes.",
            "A link in a shared folder can make msc read or write a file outside it; msc refuses to write through one, so check says so first.",
            "Replace the link with the file or folder itself; move special files out of the partnership folder.",
        ),
        _rule(
            "MSC015",
            "supersession-cycle",
            _E,
            "Decisions supersede each other in a cycle (0002 supersedes 0006, which supersedes 0002), or a decision supersedes itself.",
            "In a cycle no decision is in force and none is the newer one, so the log cannot say what was decided (principle 4).",
            "A decision supersedes only earlier decisions: remove the number that closes the cycle from `supersedes:`.",
        ),
        _rule(
            "MSC016",
            "yaml-tag",
            _E,
            "A value carries a YAML tag outside the core schema (`!!binary`, `!!set`, `!!timestamp`, `!local`, ...).",
            "Other tools read such tags as bytes, sets or objects; msc would read the same file differently from them.",
            "Remove the tag and write the value plainly; quote it to keep it text.",
        ),
        _rule(
            "MSC017",
            "control-character",
            _E,
            "A value holds a control character (NUL, escape, backspace, ...), typed or written as an escape.",
            "A control character cuts values short in some readers and can rewrite a reader's terminal.",
            "Remove the character; values hold printable text, line breaks and tabs only.",
        ),
        _rule(
            "MSC018",
            "bad-action-item",
            _E,
            "An open action item of a retrospective names an owner who is no partner, body or representative, or a due day that is not a date.",
            "An action nobody recognises as theirs, or without a real day, is not done; the next retrospective cannot hold anyone to it (principle 6).",
            "Write `Who:` as a partner or body id or a representative's name, and `When:` as YYYY-MM-DD (or `15 December 2026`).",
        ),
        _rule(
            "MSC101",
            "purpose-not-reaffirmed",
            _W,
            "The purpose has not been reaffirmed for too long.",
            "Purposes drift; partners need a constant, explicit reconnection with why they are here (principle 1).",
            "Put the purpose on the next steering agenda and update `purpose.reaffirmed`.",
            "purpose_max_age_days",
        ),
        _rule(
            "MSC102",
            "no-newsletter",
            _W,
            "No newsletter within the newsletter cadence.",
            "The drumbeat: partners who hear nothing assume nothing happens (principle 1).",
            "Render and send one: `msc render newsletter` (files in newsletters/YYYY-MM.*).",
        ),
        _rule(
            "MSC103",
            "goal-without-activity",
            _W,
            "A goal has no active or planned activity working on it.",
            "A goal nobody works on is a wish; it blurs the purpose (principle 1).",
            "Link an activity to the goal with `goal:`, or drop the goal.",
        ),
        _rule(
            "MSC104",
            "work-without-goal",
            _W,
            "An open activity in the partnership's mission names no goal.",
            "Work that serves no stated goal pulls the partnership away from its purpose (principle 1).",
            "Set `goal:` on the activity, or tag it `work: on` if it tends the partnership itself.",
        ),
        _rule(
            "MSC201",
            "gives-nothing",
            _W,
            "An active partner gives nothing (no money, hours, in-kind or expertise recorded).",
            "Partners offer time, talent and treasure; one that gives nothing is drifting away (principle 2).",
            "Record what they give under `gives:`, or talk with them about their role.",
        ),
        _rule(
            "MSC202",
            "gets-nothing",
            _W,
            "An active partner gets nothing recorded back.",
            "Altruism brings partners together but rarely keeps them; each needs a reason to stay (principle 2).",
            "Record what the partner gets under `gets:` — and check it with them.",
        ),
        _rule(
            "MSC203",
            "no-roi-story",
            _W,
            "There is no roi.yaml, or it has no inputs or no outcomes.",
            "Without an ROI story partners cannot defend their contribution at home (principle 2).",
            "Add roi.yaml with inputs and outcomes; see docs/format.md.",
        ),
        _rule(
            "MSC204",
            "no-representative",
            _W,
            "An active partner has too few named representatives.",
            "Relationships are between people; a partner without a named person is invisible (principle 2).",
            "Add a representative (contact fields stay private).",
            "representative_min",
        ),
        _rule(
            "MSC301",
            "no-work-on",
            _W,
            "No active activity is work *on* the partnership.",
            "If nobody tends the collaboration itself, it frays; the backbone works ON it (principle 3).",
            "Add or tag an activity with `work: on` (convening, communication, data, learning).",
        ),
        _rule(
            "MSC302",
            "weak-identity",
            _W,
            "The identity is incomplete: no tagline, no colours or no values.",
            "A strong identity makes the partnership recognisable and its messages retellable (principle 3).",
            "Add `tagline`, `colours.primary` and a few `values` to partnership.yaml.",
        ),
        _rule(
            "MSC303",
            "logo-missing",
            _W,
            "The logo named in partnership.yaml is not there, or cannot be used: a folder, not an SVG, PNG or JPEG image, or larger than 512 KiB.",
            "Outputs without the logo look less like the partnership's own (principle 3); renders go on without it.",
            "Add the image (SVG, PNG or JPEG) at that path, or fix `logo:` in partnership.yaml.",
        ),
        _rule(
            "MSC401",
            "no-decision-rule",
            _W,
            "A governance body has no explicit decision rule.",
            "Defaulting to 'always consensus' stalls partnerships; say how the body decides (principle 4).",
            "Set `decision_rule:` (consent, majority, lead-decides, advice ...).",
        ),
        _rule(
            "MSC402",
            "partner-without-role",
            _W,
            "An active partner has no role in any activity.",
            "A partner with no part in the work loses its connection to the whole (principle 4).",
            "Make the partner responsible, consulted or informed on an activity.",
        ),
        _rule(
            "MSC403",
            "too-accountable",
            _W,
            "A partner is accountable for too many active activities.",
            "Concentrated accountability overloads one partner and hides the others (principle 4).",
            "Hand accountability for some activities to other partners.",
            "max_accountable",
        ),
        _rule(
            "MSC404",
            "over-consulted",
            _W,
            "A partner is consulted on more than the allowed share of activities.",
            "Consulting everyone on everything is over-coordination; it slows every decision (principle 4).",
            "Consult the partner only where their view changes the outcome; inform elsewhere.",
            "max_consulted_share",
        ),
        _rule(
            "MSC405",
            "lead-without-lead",
            _W,
            "A body decides by `lead-decides` but names no lead, or its lead is not a member.",
            "A lead-decides rule without a named lead is no rule (principle 4).",
            "Set `lead:` to a member partner.",
        ),
        _rule(
            "MSC406",
            "seat-without-membership",
            _W,
            "A representative sits in a body their organisation is not a member of.",
            "When seats and memberships disagree, nobody knows who may decide (principle 4).",
            "Add the partner to the body's `members`, or remove the seat.",
        ),
        _rule(
            "MSC407",
            "departed-partner-seated",
            _W,
            "A partner that left is still a member or the lead of a body, or its representatives still hold seats.",
            "A body that counts a departed partner has no clear quorum, and its decisions name people who are gone (principle 4).",
            "Run `msc partner leave` for the partner (it gives up memberships and seats), or take it out of the body's `members` and its people's `body_seats`.",
        ),
        _rule(
            "MSC501",
            "no-recent-engagement",
            _W,
            "No engagement with the target population recently.",
            "Partnerships that stop listening to the people they serve drift from them (principle 5).",
            "Hold a focus group, survey or co-design session and log it in engagement.yaml.",
            "engagement_max_gap_days",
        ),
        _rule(
            "MSC502",
            "nothing-changed",
            _W,
            "An engagement records nothing that changed because of it.",
            "'You told us X, so we changed Y' is what makes people take part again (principle 5).",
            "Fill `changed:` — or say explicitly what was decided not to change.",
        ),
        _rule(
            "MSC503",
            "segment-never-engaged",
            _W,
            "A segment of the target population was never engaged.",
            "The group you never hear from is the one you serve worst (principle 5).",
            "Plan an engagement with that segment.",
        ),
        _rule(
            "MSC601",
            "too-many-metrics",
            _W,
            "More scorecard metrics than the cap.",
            "A few critical metrics get used; a long list gets ignored (principle 6).",
            "Keep the critical few on the scorecard; set `scorecard: false` on the rest.",
            "scorecard_cap",
        ),
        _rule(
            "MSC602",
            "no-retrospective",
            _W,
            "No retrospective in the last quarter.",
            "Metrics only matter when the partnership learns from them together (principle 6).",
            "Run one: `msc retro new --kind after-action`.",
            "retrospective_max_gap_days",
        ),
        _rule(
            "MSC603",
            "stale-metric",
            _W,
            "A metric has no observation for two or more of its periods.",
            "A metric without fresh data cannot steer; the scorecard quietly lies (principle 6).",
            "Add observations to data/*.csv, or lower the metric's cadence.",
            "missed_periods",
        ),
        _rule(
            "MSC604",
            "no-baseline-or-target",
            _W,
            "A metric has no baseline or no target.",
            "Without a baseline and a target nobody can tell whether the numbers are good (principle 6).",
            "Add `baseline:` and `target:` with a value and a date.",
        ),
        _rule(
            "MSC605",
            "overdue-action-item",
            _W,
            "An open action item of a retrospective is past its due day.",
            "The learning loop closes only when what a retrospective agreed gets done (principle 6).",
            "Do it and tick it (`msc retro done ITEM`), or agree a new day at the next retrospective.",
        ),
        _rule(
            "MSC606",
            "figures-overdue",
            _W,
            "A partner's figures are overdue past the grace period.",
            "Shared measurement breaks when one partner's figures stop coming; ask early, by name (principle 6).",
            "Send a reminder: `msc collect requests --overdue-only`; see who is late with `msc collect status`.",
            "collect_grace_days",
        ),
    )
}


def matches(code: str, selectors: list[str]) -> bool:
    """True when ``code`` is named by one of ``selectors`` (codes, prefixes or ``ALL``)."""
    return any(sel == "ALL" or code.startswith(sel.upper()) for sel in selectors)
