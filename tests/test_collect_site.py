"""The site's Data page: who owes which figures, for partners only."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from helpers import MakeP, msc, validate_html
from msctool.site.pages import PAGES, pages_for

DAY = "2027-01-10"


def site(root: Path, out: Path, *extra: str) -> Path:
    result = msc("render", "site", "-C", str(root), "-o", str(out), "--as-of", DAY, *extra)
    assert result.exit_code == 0, result.output
    return out


def late(files: dict[str, Any]) -> None:
    """`school` owns a second metric, due; `city`'s placements are overdue on DAY."""
    metric = {**files["metrics.yaml"]["metrics"][0], "id": "attendance", "owner": "school"}
    files["metrics.yaml"]["metrics"].append(metric)
    files["data/attendance.csv"] = "metric,date,value\nattendance,2026-12-01,91\n"


def test_partners_see_the_data_page_with_every_owner_s_state(
    make_partnership: MakeP, tmp_path: Path
) -> None:
    out = site(make_partnership(late), tmp_path / "site")
    html = (out / "data.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>.*?state-(\w+)\">(.*?)</span>", html)
    assert rows == [
        ("city", "placements", "error", "overdue, 21 days"),
        ("school", "attendance", "warning", "due, 9 days"),
    ]
    assert "0 received, 1 due, 1 overdue (more than 14 days late)" in html
    assert 'href="data.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert "MSC606" in (out / "health.html").read_text(encoding="utf-8")
    validate_html([out / "data.html"])


def test_the_public_site_shows_nothing_of_who_is_late(
    make_partnership: MakeP, tmp_path: Path
) -> None:
    out = site(make_partnership(late), tmp_path / "public", "--audience", "public")
    assert not (out / "data.html").exists()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html")))
    assert "data.html" not in text
    assert "MSC606" not in text and "figures-overdue" not in text
    assert "overdue" not in text.lower()


def test_the_public_gets_every_page_but_the_data_page() -> None:
    assert [p.slug for p in pages_for("public")] == [p.slug for p in PAGES if p.slug != "data"]
    assert pages_for("partners") == PAGES


def test_a_dutch_data_page(make_partnership: MakeP, tmp_path: Path) -> None:
    out = site(make_partnership(late), tmp_path / "nl", "--language", "nl")
    html = (out / "data.html").read_text(encoding="utf-8")
    assert ">Data</a>" in html and "te laat, 21 dagen" in html and "Volgende termijn" in html
