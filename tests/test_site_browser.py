"""The demo's site in a real browser: Debian's Chromium driven by Playwright.

Skipped when Chromium is missing, unless MSC_REQUIRE_BROWSER=1 (CI) makes that
a failure. Every request a page makes is recorded; anything that is not a
file of the site or the local server is blocked and fails the test.
Screenshots go to $MSC_ARTIFACTS (default: test-artifacts/ in the repository).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from helpers import DEMO, PHONE, REPO, build_site, nonempty, require, start_serve, stop_serve
from msctool.site.pages import PAGES

PAGE_FILES = [page.file for page in PAGES]
SERIOUS = ("serious", "critical")


def artifacts() -> Path:
    folder = Path(os.environ.get("MSC_ARTIFACTS", str(REPO / "test-artifacts"))) / "site"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def axe_script() -> Path:
    node_modules = Path(
        os.environ.get("MSC_NODE_MODULES", str(REPO / ".ci" / "node" / "node_modules"))
    )
    script = node_modules / "axe-core" / "axe.min.js"
    require(script.is_file(), f"the npm package axe-core in {node_modules}")
    return script


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    copy = tmp_path_factory.mktemp("served") / "demo"
    subprocess.run(["cp", "-r", str(DEMO), str(copy)], check=True)
    process, url, _ = start_serve(str(copy), "--no-rebuild")
    yield url
    code, rest = stop_serve(process)
    assert code == 0, rest


@dataclass
class Watched:
    """A browser page with everything it asked for and every console error."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _local(url: str) -> bool:
    return url.startswith(("file://", "data:", "http://127.0.0.1:"))


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = Watched(page)

    def route(route: Any) -> None:
        url = route.request.url
        seen.requests.append(url)
        if _local(url):
            route.continue_()
        else:
            seen.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    yield seen
    context.close()


def load_all(seen: Watched, base: str) -> None:
    for name in PAGE_FILES:
        response = seen.page.goto(base + name)
        assert response is None or response.ok, name
        assert seen.page.locator("h1").count() == 1, name
    assert not seen.errors
    assert not seen.blocked
    assert len(seen.requests) >= len(PAGE_FILES)


def test_every_page_loads_from_the_file_system(site: Path, watched: Watched) -> None:
    load_all(watched, site.as_uri() + "/")
    assert all(url.startswith(("file://", "data:")) for url in nonempty(watched.requests))


def test_every_page_loads_from_msc_serve(served: str, watched: Watched) -> None:
    load_all(watched, served)
    assert all(url.startswith((served, "data:")) for url in nonempty(watched.requests))


def test_the_nav_links_reach_every_page(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto(site.as_uri() + "/index.html")
    for name in [*PAGE_FILES[1:], PAGE_FILES[0]]:
        page.locator(f'nav.site-nav a[href="{name}"]').click()
        page.wait_for_url(f"**/{name}")
        current = page.locator('nav.site-nav a[aria-current="page"]')
        assert current.get_attribute("href") == name
    assert not watched.errors and not watched.blocked


def test_the_raci_matrix_shows_the_accountable_partner(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto(site.as_uri() + "/partners.html")
    table = page.locator("table.raci", has=page.locator('tr[data-activity="newsletter"]'))
    headers = table.locator("thead th").all_inner_texts()
    row = table.locator('tr[data-activity="newsletter"] > *').all_inner_texts()
    by_partner = dict(zip(headers, row, strict=True))
    assert by_partner["Stichting Jongerenwerk Utrecht (JWU)"] == "A"
    assert row[0] == "Koers Kompas — the monthly newsletter"


def test_the_decision_filter_shows_one_body(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto(site.as_uri() + "/decisions.html")
    items = page.locator("#decision-list > li")
    assert page.locator("#decision-filter").is_visible()  # JS revealed it
    total = items.count()
    page.select_option("#filter-body", "wg-school-work")
    visible = [i for i in range(total) if items.nth(i).is_visible()]
    assert 0 < len(visible) < total
    assert {items.nth(i).get_attribute("data-body") for i in visible} == {"wg-school-work"}
    assert (
        page.locator("#decision-count").inner_text() == f"{len(visible)} of {total} decisions shown"
    )
    page.select_option("#filter-body", "")
    page.select_option("#filter-status", "rejected")
    rejected = [i for i in range(total) if items.nth(i).is_visible()]
    assert rejected and {items.nth(i).get_attribute("data-status") for i in rejected} == {
        "rejected"
    }
    assert not watched.errors


def test_without_javascript_every_decision_is_readable(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.as_uri() + "/decisions.html")
    assert page.locator("#decision-list > li").count() == 11
    assert all(page.locator("#decision-list > li").nth(i).is_visible() for i in range(11))
    assert not page.locator("#decision-filter").is_visible()
    context.close()


def test_screenshots_of_home_and_scorecard(site: Path, watched: Watched) -> None:
    folder = artifacts()
    for name in ("index", "scorecard"):
        watched.page.goto(f"{site.as_uri()}/{name}.html")
        path = folder / f"{name}.png"
        watched.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


@pytest.mark.parametrize("name", PAGE_FILES)
def test_axe_finds_no_serious_violation(site: Path, watched: Watched, name: str) -> None:
    script = axe_script()
    watched.page.goto(f"{site.as_uri()}/{name}")
    watched.page.add_script_tag(path=str(script))
    violations = watched.page.evaluate(
        "async () => (await axe.run()).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, serious


@pytest.fixture(scope="module")
def dutch_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("dutch"), "--language", "nl", "--audience", "public")


def test_the_dutch_public_site_filters_in_dutch(dutch_site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto(dutch_site.as_uri() + "/decisions.html")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.select_option("#filter-status", "rejected")
    assert page.locator("#decision-count").inner_text() == "1 van 11 besluiten getoond"
    assert not watched.errors and not watched.blocked


@pytest.mark.parametrize("name", ["index.html", "decisions.html", "partners.html", "health.html"])
def test_axe_on_the_dutch_public_site(dutch_site: Path, watched: Watched, name: str) -> None:
    script = axe_script()
    watched.page.goto(f"{dutch_site.as_uri()}/{name}")
    watched.page.add_script_tag(path=str(script))
    violations = watched.page.evaluate("async () => (await axe.run()).violations")
    assert not [v["id"] for v in violations if v["impact"] in SERIOUS]


# --- on a phone -----------------------------------------------------------------------


def test_no_page_is_wider_than_a_phone(site: Path, phone: Any) -> None:
    """Wide content (the RACI matrix, tables in retrospectives) scrolls in its own box
    or changes layout; the page itself never scrolls sideways."""
    wide = {}
    for name in PAGE_FILES:
        phone.goto(f"{site.as_uri()}/{name}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
    assert not wide


def test_on_a_phone_the_raci_is_a_card_per_activity(site: Path, phone: Any) -> None:
    phone.goto(site.as_uri() + "/partners.html")
    assert not phone.locator("table.raci").first.is_visible()
    card = phone.locator('.raci-cards li[data-activity="newsletter"]')
    assert card.is_visible()
    roles = dict(
        zip(
            [t.split(" ", 1)[1] for t in card.locator("dt").all_inner_texts()],
            card.locator("dd").all_inner_texts(),
            strict=True,
        )
    )
    assert roles["Accountable"] == "Stichting Jongerenwerk Utrecht (JWU)"
    assert "Gemeente Utrecht — Maatschappelijke Ontwikkeling" in roles["Consulted"]


@pytest.mark.parametrize("name", ["index.html", "partners.html", "decisions.html"])
def test_axe_on_a_phone(site: Path, phone: Any, name: str) -> None:
    script = axe_script()
    phone.goto(f"{site.as_uri()}/{name}")
    phone.add_script_tag(path=str(script))
    violations = phone.evaluate("async () => (await axe.run()).violations")
    assert not [(v["id"], v["impact"]) for v in violations if v["impact"] in SERIOUS]


def test_phone_screenshots(site: Path, phone: Any) -> None:
    folder = artifacts()
    for name in ("index", "partners"):
        phone.goto(f"{site.as_uri()}/{name}.html")
        path = folder / f"{name}-phone.png"
        phone.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


@pytest.fixture(scope="module")
def pale_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a light yellow primary colour and a dark grey background."""
    folder = tmp_path_factory.mktemp("pale")
    copy = folder / "demo"
    subprocess.run(["cp", "-r", str(DEMO), str(copy)], check=True)
    yaml = copy / "partnership.yaml"
    text = yaml.read_text(encoding="utf-8").replace('"#b3122a"', '"#ffdd00"')
    yaml.write_text(text.replace('"#fdf3e7"', '"#222222"'), encoding="utf-8")
    return build_site(folder, source=copy)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_any_identity_colours_keep_the_text_readable(
    browser: Any, pale_site: Path, viewport: dict[str, int]
) -> None:
    script = axe_script()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for name in ("index.html", "partners.html"):
        page.goto(f"{pale_site.as_uri()}/{name}")
        page.add_script_tag(path=str(script))
        violations = page.evaluate(
            "async () => (await axe.run({runOnly: ['color-contrast']})).violations"
            ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
        )
        assert not violations, (name, violations)
    context.close()
