"""Every command of ``msc``, once: where it lives, what ``msc --help`` says of it, in
which order, and whether it is imported with the app or only when it runs.

:class:`~msctool.cli.group.MscGroup` builds the command line from this table:
``msc --help`` lists the commands from their summaries here, so it imports no
command module; a command's module is imported when that command runs (or, for
an eager one, with the app). A test keeps each summary equal to the first
paragraph of its command's own help, and every command of the app in this table
exactly once.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    path: str
    """The command's words after ``msc``: ``check``, ``render newsletter``."""
    target: str | None
    """``module:name`` in ``msctool.cli``: a command function, or a ``typer.Typer``
    that brings its own subcommands; None for a group made of the entries below it."""
    summary: str
    """The first paragraph of the command's help, which ``msc --help`` shortens."""
    eager: bool = False
    """Imported with the app, instead of when the command runs. No command needs it
    today: importing them all with the app made ``msc --version`` and ``msc check``
    about 14 ms slower (of 65 and 240 ms)."""

    @property
    def parent(self) -> str:
        """The path of the group it belongs to (``""``: ``msc`` itself)."""
        return self.path.rpartition(" ")[0]

    @property
    def name(self) -> str:
        return self.path.rpartition(" ")[2]


COMMANDS: tuple[Entry, ...] = (
    # checking
    Entry(
        "check",
        "check_cmd:check",
        "Validate the partnership: errors in the data and health warnings, all at once.",
    ),
    Entry(
        "rules",
        "rules_cmd:rules",
        "List every rule by principle, or explain why one matters and how to fix it.",
    ),
    Entry(
        "init",
        "init_cmd:init",
        "Create a small, complete partnership: YAML files, git repository, CI workflow, "
        "pre-commit.",
    ),
    Entry(
        "schema",
        "schema_cmd:schema",
        "Write JSON Schemas (draft 2020-12) for every partnership file.",
    ),
    # rendering
    Entry(
        "render",
        None,
        "Render documents partners read: newsletter, ROI story, scorecard, dashboard site.",
    ),
    Entry(
        "render newsletter",
        "newsletter_cmd:newsletter",
        "Write the newsletter: what changed since the last issue, biggest news first.",
    ),
    Entry(
        "render roi",
        "roi_cmd:roi_render",
        "Write the ROI story: the SROI ratio, a short story per partner, and the numbers.",
    ),
    Entry(
        "render scorecard",
        "scorecard_cmd:scorecard_render",
        "Write the balanced scorecard: each metric's latest value, change, forecast and target.",
    ),
    Entry(
        "render site",
        "site_cmd:site_render",
        "Build the partnership's dashboard: a static site of plain HTML files.",
    ),
    Entry(
        "scorecard",
        "scorecard_cmd:scorecard_show",
        "Show the balanced scorecard in the terminal, with sparklines and trend arrows.",
    ),
    Entry(
        "retro",
        "retro_cmd:retro_app",
        "Plan retrospectives: agendas with the facts since the last one in them; follow up "
        "their action items.",
    ),
    Entry(
        "templates",
        "templates_cmd:templates_app",
        "List the templates renders use, or copy one into templates/ to edit it.",
    ),
    # history
    Entry(
        "decide",
        "decide_cmd:decide_app",
        "Record a decision in decisions/NNNN-title.md and commit it; accept, reject or "
        "withdraw one later.",
    ),
    Entry(
        "log",
        "log_cmd:log",
        "Show the decision log read back from git: every decision with its date, body, rule,\n"
        "status, who committed it and the commit.",
    ),
    Entry(
        "changes",
        "changes_cmd:changes",
        "Show what changed in the partnership between two points of its git history.",
    ),
    Entry(
        "trailers",
        "decide_cmd:trailers",
        "Check the decision trailers of a commit message (the msc-trailers commit-msg hook).",
    ),
    # editing
    Entry(
        "partner",
        "partner_cmd:partner_app",
        "Add, edit or rename a partner, change its representatives, record that it left.",
    ),
    Entry(
        "activity",
        "activity_cmd:activity_app",
        "Add an activity to the RACI in activities.yaml, change who does what, its status "
        "or its fields.",
    ),
    Entry(
        "metric",
        "metric_cmd:metric_app",
        "Add and change metrics, move their targets, and record what they measure.",
    ),
    Entry(
        "roi",
        "roi_edit_cmd:roi_app",
        "Add and change the inputs and outcomes of the social return on investment in roi.yaml.",
    ),
    Entry(
        "engage",
        "engage_cmd:engage_app",
        "Record what the people you serve told you, and what changed, in engagement.yaml.",
    ),
    Entry(
        "body",
        "body_cmd:body_app",
        "Add a governance body, change its members, or change how it decides.",
    ),
    Entry(
        "goal",
        "goal_cmd:goal_app",
        "Add a goal to partnership.yaml, or change its title or description.",
    ),
    Entry(
        "segment",
        "segment_cmd:segment_app",
        "Add a segment of the target population to partnership.yaml.",
    ),
    Entry(
        "purpose",
        "purpose_cmd:purpose_app",
        "Record that a body reaffirmed the purpose, or reword it.",
    ),
    Entry(
        "get",
        "getset_cmd:get",
        "Print one value of the partnership by its path, as its file holds it.",
    ),
    Entry(
        "set",
        "getset_cmd:set_command",
        "Change one value of the partnership by its path; the result must pass msc check.",
    ),
    Entry(
        "collect",
        "collect_cmd:collect_app",
        "Ask metric owners for their figures (a workbook and an e-mail each), and see who is late.",
    ),
    # serving
    Entry(
        "serve",
        "serve_cmd:serve",
        "Build the dashboard site and serve it on 127.0.0.1, rebuilding when a file changes.",
    ),
)
"""Within each group, ``msc --help`` lists the commands in this order:
checking, rendering, history, editing."""


def entries_under(parent: str) -> dict[str, Entry]:
    """The entries of group ``parent`` (``""``: ``msc``), by name, in help order."""
    return {entry.name: entry for entry in COMMANDS if entry.parent == parent}
