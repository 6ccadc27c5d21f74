"""``msc collect status`` as text (an aligned table) or Markdown, in the
partnership's language; the internal site's Data page shows the same rows."""

from __future__ import annotations

from msctool.collect.status import Status, StatusRow
from msctool.escaping import markdown_text
from msctool.render.i18n import Formatter

COLUMNS = ("owner", "metric", "last", "next_due", "state")


def header(fmt: Formatter) -> list[str]:
    return [fmt.t(f"collect_col_{name}") for name in COLUMNS]


def cells(row: StatusRow, fmt: Formatter) -> list[str]:
    """One row's cells as a reader sees them."""
    last = fmt.t("collect_none")
    if row.last_date is not None and row.last_value is not None:
        value = fmt.quantity(row.last_value, row.unit)
        last = fmt.t("collect_figure_on", value=value, day=fmt.short_date(row.last_date))
    return [row.owner, row.metric, last, fmt.short_date(row.next_due), state_text(row, fmt)]


def state_text(row: StatusRow, fmt: Formatter) -> str:
    """``received``; ``due, 3 days``; ``overdue, 40 days``."""
    state = fmt.t(f"collect_state_{row.state}")
    if row.state == "received":
        return state
    return fmt.t("collect_days_late", state=state, days=row.days_late)


def counts_line(status: Status, fmt: Formatter) -> str:
    return fmt.t("collect_status_counts", grace=status.grace, **status.counts())


def status_text(status: Status, fmt: Formatter) -> str:
    """A title, an aligned table and the counts."""
    lines = [fmt.t("collect_status_title", day=fmt.date(status.as_of)), ""]
    if not status.rows:
        return "\n".join([*lines, fmt.t("collect_status_empty")]) + "\n"
    table = [header(fmt), *(cells(row, fmt) for row in status.rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    for row in table:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    return "\n".join([*lines, "", counts_line(status, fmt)]) + "\n"


def status_markdown(status: Status, fmt: Formatter) -> str:
    """A heading, a Markdown table (every value escaped) and the counts."""
    lines = [f"# {markdown_text(fmt.t('collect_status_title', day=fmt.date(status.as_of)))}", ""]
    if not status.rows:
        return "\n".join([*lines, markdown_text(fmt.t("collect_status_empty"))]) + "\n"
    lines.append("| " + " | ".join(markdown_text(cell) for cell in header(fmt)) + " |")
    lines.append("|" + "---|" * len(COLUMNS))
    for row in status.rows:
        lines.append("| " + " | ".join(markdown_text(cell) for cell in cells(row, fmt)) + " |")
    return "\n".join([*lines, "", markdown_text(counts_line(status, fmt))]) + "\n"
