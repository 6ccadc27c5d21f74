"""`msc render site` and `msc serve`: pages, privacy, the marker, errors, rebuilds."""

from __future__ import annotations

import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from helpers import (
    AS_OF,
    DEMO,
    build_site,
    git_process,
    msc,
    private_values,
    repository,
    start_serve,
    stop_serve,
    validate_html,
)
from msctool.rules.check import load_valid
from msctool.site import MARKER, render_site
from msctool.site.markdown import to_html
from msctool.site.pages import PAGES

PAGE_FILES = [page.file for page in PAGES]


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("demo"))


def text_of(folder: Path) -> str:
    """Every page the site holds (the public one has no Data page)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.html")))


# --- the pages ------------------------------------------------------------------------


def test_the_demo_site_has_every_page_the_marker_and_its_assets(demo_site: Path) -> None:
    names = {p.name for p in demo_site.iterdir()}
    assert names == {*PAGE_FILES, "site.css", "site.js", MARKER}
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in home
    assert "Koers Utrecht" in home
    assert 'src="data:image/svg+xml;base64,' in home  # the logo, embedded
    assert "--primary: #b3122a" in home  # the identity's colour


def test_every_page_links_every_other_page_relatively(demo_site: Path) -> None:
    for name in PAGE_FILES:
        html = (demo_site / name).read_text(encoding="utf-8")
        links = set(re.findall(r'<a href="([a-z-]+\.html)"', html))
        assert set(PAGE_FILES) <= links, name
        assert f'href="{name}" aria-current="page"' in html


def test_the_site_loads_nothing_from_elsewhere(demo_site: Path) -> None:
    for name in PAGE_FILES:
        html = (demo_site / name).read_text(encoding="utf-8")
        sources = re.findall(r'\ssrc="([^"]*)"', html) + re.findall(
            r'<link[^>]*href="([^"]*)"', html
        )
        assert all(s.startswith("data:") or "/" not in s for s in sources), (name, sources)
        assert "@import" not in html and "url(" not in html


def test_home_shows_purpose_goals_and_health_per_principle(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "Why we exist" in home
    assert "A stable place to live" in home  # a goal of the demo
    for number in range(7):
        assert f'href="health.html#principle-{number}"' in home
    assert "in good shape" in home


def test_the_scorecard_page_has_inline_svg_charts(demo_site: Path) -> None:
    html = (demo_site / "scorecard.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 5
    assert "Wait for a first home" in html


def test_the_raci_matrix_has_the_demo_letters(demo_site: Path) -> None:
    html = (demo_site / "partners.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-activity="newsletter">(.*?)</tr>', html, re.S)
    assert row is not None
    table = html[: row.start()].rsplit("<table", 1)[1]
    columns = re.findall(r'data-partner="([^"]+)"', table)
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    letters = {p: re.sub(r"<[^>]+>", "", c) for p, c in zip(columns, cells, strict=True)}
    assert letters["jongerenwerk"] == "A"
    assert letters["jongerenraad"] == "R"
    assert letters["gemeente-utrecht"] == "C"
    assert letters["roc-domstad"] == "I"
    assert '<th scope="col" data-partner="jongerenwerk">' in table


def test_decisions_carry_body_and_status_for_the_filter(demo_site: Path) -> None:
    html = (demo_site / "decisions.html").read_text(encoding="utf-8")
    items = re.findall(r'<li id="decision-(\d+)" data-body="([^"]+)" data-status="([^"]+)"', html)
    assert len(items) == 11
    assert ("7", "wg-school-work", "accepted") in items
    assert [int(n) for n, _, _ in items][:1] == [11]  # newest first
    assert '<form id="decision-filter" class="panel filter" hidden>' in html  # JS shows it
    assert '<script src="site.js"></script>' in html


def test_engagement_retros_and_newsletters_show_the_files(demo_site: Path) -> None:
    engagement = (demo_site / "engagement.html").read_text(encoding="utf-8")
    assert "So we changed" in engagement and "monthly intake" in engagement
    retros = (demo_site / "retrospectives.html").read_text(encoding="utf-8")
    assert "After-action review — Q3 2026" in retros
    letters = (demo_site / "newsletters.html").read_text(encoding="utf-8")
    assert "<strong>14 new apprentices started in September</strong>" in letters


def test_the_demo_site_is_valid_html(demo_site: Path) -> None:
    validate_html([demo_site / name for name in PAGE_FILES])


def test_dutch_site(tmp_path: Path) -> None:
    out = build_site(tmp_path, "--language", "nl")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in home
    assert ">Besluiten</a>" in home and "Waarom we er zijn" in home
    validate_html([out / name for name in PAGE_FILES])


# --- privacy --------------------------------------------------------------------------


def test_the_public_site_holds_no_private_value(tmp_path: Path, demo_site: Path) -> None:
    partnership = load_valid(DEMO, AS_OF)
    secrets = private_values([partnership.meta, *partnership.partners, *partnership.engagements])
    assert len(secrets) >= 20
    public = text_of(build_site(tmp_path, "--audience", "public"))
    assert not {value for value in secrets if value in public}
    assert {value for value in secrets if value in text_of(demo_site)}  # the check can fail
    assert "shared with partners only" in public
    validate_html(sorted((tmp_path / "site").glob("*.html")))


# --- Markdown -------------------------------------------------------------------------


def test_markdown_is_rendered_safely() -> None:
    html = to_html(
        "# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![p](https://e.org/p.png)"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and 'href="javascript' not in html
    assert "<h2>Title</h2>" in html


# --- the output folder ----------------------------------------------------------------


def test_a_folder_msc_did_not_make_is_never_touched(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = msc("render", "site", "-C", str(DEMO), "-o", str(out))
    assert result.exit_code == 1
    assert "was not made by msc (it has no .msc-site file)" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "file"
    out.write_text("x", encoding="utf-8")
    result = msc("render", "site", "-C", str(DEMO), "-o", str(out))
    assert result.exit_code == 1
    assert "exists and is not a folder" in result.output
    assert out.read_text(encoding="utf-8") == "x"


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = build_site(tmp_path, name="empty")
    assert (out / MARKER).is_file()


def test_msc_replaces_its_own_site_whole(tmp_path: Path) -> None:
    out = build_site(tmp_path)
    (out / "stale.html").write_text("old", encoding="utf-8")
    build_site(tmp_path)
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folders left


def test_a_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    out = build_site(tmp_path)
    before = (out / "index.html").read_text(encoding="utf-8")
    copy = tmp_path / "demo"
    subprocess.run(["cp", "-r", str(DEMO), str(copy)], check=True)
    (copy / "templates").mkdir()
    (copy / "templates" / "site-roi.html.j2").write_text("{% if %}", encoding="utf-8")
    result = msc("render", "site", "-C", str(copy), "-o", str(out))
    assert result.exit_code == 1
    assert "site-roi.html.j2:1: template syntax error" in result.output
    assert (out / "index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "site"]


def test_the_default_folder_is_site_in_the_partnership(make_partnership: Any) -> None:
    root = make_partnership()
    result = msc("render", "site", "-C", str(root), "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert (root / "_site" / "index.html").is_file()
    assert result.stdout.endswith("p/_site/ (10 pages)\n")


# --- bad data -------------------------------------------------------------------------


def test_errors_in_the_data_still_give_a_site_with_the_errors_shown(
    make_partnership: Any, tmp_path: Path
) -> None:
    def break_it(files: dict[str, Any]) -> None:
        files["activities.yaml"]["activities"][0]["raci"]["accountable"] = "nobody"

    root = make_partnership(break_it)
    out = tmp_path / "site"
    result = msc("render", "site", "-C", str(root), "-o", str(out), "--as-of", "2026-11-27")
    assert result.exit_code == 1
    assert (
        "the partnership has 1 error; every page was made from the valid entries" in result.output
    )
    assert {p.name for p in out.iterdir()} >= set(PAGE_FILES)
    health = (out / "health.html").read_text(encoding="utf-8")
    assert "MSC" in health and "nobody" in health
    assert "has errors" in (out / "index.html").read_text(encoding="utf-8")
    validate_html([out / "health.html", out / "index.html"])


def test_an_unusable_partnership_yaml_builds_nothing(make_partnership: Any, tmp_path: Path) -> None:
    root = make_partnership(partnership_yaml="name: [unclosed\n")
    result = msc("render", "site", "-C", str(root), "-o", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "partnership.yaml has errors, so there is no site to build" in result.output
    assert not (tmp_path / "site").exists()


def test_progress_is_reported_per_page(tmp_path: Path) -> None:
    seen: list[str] = []
    render_site(DEMO, tmp_path / "site", as_of=AS_OF, progress=seen.append)
    assert seen == ["checked", *PAGE_FILES]


# --- msc serve ------------------------------------------------------------------------


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def test_serve_serves_rebuilds_on_change_and_stops_cleanly(tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    subprocess.run(["cp", "-r", str(DEMO), str(copy)], check=True)
    process, url, folder = start_serve(str(copy))
    assert (folder / MARKER).is_file()
    try:
        assert "Koers Utrecht" in fetch(url + "index.html")
        root_file = copy / "partnership.yaml"
        text = root_file.read_text(encoding="utf-8")
        root_file.write_text(text.replace("Koers Utrecht", "Koers Zeist"), encoding="utf-8")
        for _ in range(100):
            if "Koers Zeist" in fetch(url):
                break
            time.sleep(0.2)
        assert "Koers Zeist" in fetch(url)
    finally:
        code, rest = stop_serve(process)
    assert code == 0, rest
    assert "Traceback" not in rest
    assert "rebuilt" in rest and "stopped" in rest
    assert not folder.parent.exists()  # the temporary folder is gone


def test_serve_refuses_a_busy_port(tmp_path: Path) -> None:
    process, url, _ = start_serve(str(DEMO), "--no-rebuild")
    try:
        port = url.rsplit(":", 1)[1].strip("/")
        result = msc("serve", str(DEMO), "--port", port, "--no-rebuild")
        assert result.exit_code == 2
        assert f"cannot listen on 127.0.0.1:{port}" in result.output
    finally:
        code, _ = stop_serve(process)
    assert code == 0


# --- the decision log -----------------------------------------------------------------


def test_decisions_come_from_git_history_when_there_is_one(
    make_partnership: Any, isolated_git: Path, tmp_path: Path
) -> None:
    def two_decisions(files: dict[str, Any]) -> None:
        files["decisions/0002-new-course.md"] = {
            "format_version": 1,
            "id": 2,
            "title": "A new course",
            "date": "2026-03-01",
            "status": "accepted",
            "body": "steering",
            "supersedes": [1],
        }

    root = make_partnership(two_decisions)
    repository(root, message="The partnership")
    out = tmp_path / "site"
    result = msc("render", "site", "-C", str(root), "-o", str(out), "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    html = (out / "decisions.html").read_text(encoding="utf-8")
    # decision 1 says `accepted` in its file; history knows decision 2 replaced it
    assert '<li id="decision-1" data-body="steering" data-status="superseded">' in html
    assert "Replaced by decision 2" in html
    assert "Recorded by Test User in commit" in html
    assert "history (git) records it: a status follows from later decisions" in html


def test_outside_git_the_records_on_disk_are_the_timeline(demo_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    subprocess.run(["cp", "-r", str(DEMO), str(copy)], check=True)
    out = build_site(tmp_path, source=copy)
    html = (out / "decisions.html").read_text(encoding="utf-8")
    assert "as its record in decisions/ states it" in html
    assert html.count('<li id="decision-') == 11


def test_a_page_that_cannot_be_made_says_so(
    make_partnership: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msctool.site import pages

    def broken(sources: Any) -> dict[str, Any]:
        raise KeyError("nope")

    def break_it(files: dict[str, Any]) -> None:
        files["activities.yaml"]["activities"][0]["raci"]["accountable"] = "nobody"

    monkeypatch.setitem(pages.BUILDERS, "roi", broken)
    root = make_partnership(break_it)
    result = render_site(root, tmp_path / "site", as_of=AS_OF)
    assert result.failed == ["roi.html"]
    assert "could not be made" in (tmp_path / "site" / "roi.html").read_text(encoding="utf-8")
    said = msc("render", "site", "-C", str(root), "-o", str(tmp_path / "site"))
    assert said.exit_code == 1
    assert "the partnership has 1 error; 1 page could not be made (roi.html)" in said.output


def test_without_errors_a_failing_page_is_a_bug_not_hidden(
    make_partnership: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msctool.site import pages

    def broken(sources: Any) -> dict[str, Any]:
        raise KeyError("nope")

    monkeypatch.setitem(pages.BUILDERS, "roi", broken)
    with pytest.raises(KeyError):
        render_site(make_partnership(), tmp_path / "site", as_of=AS_OF)
    assert not (tmp_path / "site").exists()


# --- found in review: the output folder, serve's watcher and server -------------------


def test_a_marked_folder_that_holds_the_partnership_is_never_replaced(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / MARKER).write_text("", encoding="utf-8")  # a stray marker, e.g. copied
    copy = outer / "demo"
    subprocess.run(["cp", "-r", str(DEMO), str(copy)], check=True)
    for target in (outer, copy):
        result = msc("render", "site", "-C", str(copy), "-o", str(target))
        assert result.exit_code == 1
        assert "holds the partnership itself; the site cannot go there" in result.output
    assert (copy / "partnership.yaml").is_file()
    assert sorted(p.name for p in outer.iterdir()) == [MARKER, "demo"]


def test_a_broken_partnership_yaml_is_named_with_line_and_column(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership(partnership_yaml="format_version: 1\nname: [unclosed\n")
    result = msc("render", "site", "-C", str(root), "-o", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert re.search(
        r"no site to build: partnership\.yaml:\d+:\d+: YAML syntax error", result.output
    )


def test_serve_ignores_its_own_output_and_the_folders_a_build_swaps() -> None:
    from msctool.site.serve import _relevant

    root = Path("/p")
    site = root / "_site"
    ignored = [
        site / "index.html",
        root / "._site-new-abc" / "index.html",
        root / "._site-old-abc" / "site" / "scorecard.html",
        root / ".git" / "index",
        root / "partners.yaml~",
    ]
    seen = [root / "partners.yaml", root / "data" / "neet.csv", root / "_sites" / "x.yaml"]
    assert not [p for p in ignored if _relevant(p, site)]
    assert all(_relevant(p, site) for p in seen)
    assert _relevant(root / "partners.yaml", Path("/tmp/msc-serve-x/site"))


def test_serve_lists_no_folder_and_caches_nothing(tmp_path: Path) -> None:
    import threading
    import urllib.error

    from msctool.site.serve import make_server, url_of

    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    server = make_server(tmp_path, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(url_of(server), timeout=10) as response:
            assert response.headers["Cache-Control"] == "no-cache"
        for path in ("sub/", "../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "..%2fetc/passwd"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url_of(server) + path, timeout=10)
            assert refused.value.code == 404, path
        assert fetch(url_of(server) + "%2e%2e/index.html") == "<p>hi</p>"  # stays inside
    finally:
        server.shutdown()
        server.server_close()


def test_serve_turns_garbage_collection_back_on(tmp_path: Path) -> None:
    import gc

    from msctool.site.serve import ServeOptions, serve

    said: list[str] = []

    def say(line: str) -> None:
        said.append(line)
        if line.startswith("serving"):
            raise KeyboardInterrupt  # as Ctrl-C would

    gc.disable()
    try:
        serve(DEMO, ServeOptions(as_of=AS_OF, rebuild=False), say)
        assert gc.isenabled()
    finally:
        gc.enable()
    assert said[-1] == "stopped"


def test_a_decision_not_committed_yet_is_on_the_timeline(
    make_partnership: Any, isolated_git: Path, tmp_path: Path
) -> None:
    root = make_partnership()
    repository(root, message="The partnership")
    record = next((root / "decisions").glob("*.md"))
    text = record.read_text(encoding="utf-8")
    (root / "decisions" / "0002-just-saved.md").write_text(
        re.sub(r"(?m)^title: .*$", "title: Just saved", text.replace("id: 1", "id: 2")),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = msc("render", "site", "-C", str(root), "-o", str(out), "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    html = (out / "decisions.html").read_text(encoding="utf-8")
    assert '<li id="decision-2"' in html and "Just saved" in html
    assert "Not committed yet" in html
    assert "is not committed, so the log does not show it" not in html


@pytest.mark.parametrize(
    "args", [["render", "site", "-C", str(DEMO)], ["serve", str(DEMO), "--no-rebuild"]]
)
def test_dash_is_not_a_site_folder(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = msc(*args, "-o", "-")
    assert result.exit_code == 2
    assert "-o -: a site is a folder of pages, it cannot go to standard output" in result.output
    assert not list(tmp_path.iterdir())


def test_colours_that_do_not_read_are_made_readable() -> None:
    from msctool.render.identity import Identity
    from msctool.site.palette import AA, INK, PAPER, WHITE, contrast, palette_of

    def identity(primary: str, secondary: str) -> Identity:
        return Identity("P", "P", None, primary, secondary, "#f2a900", None)

    red = palette_of(identity("#b3122a", "#fdf3e7"))  # the demo: kept as it is
    assert (red.primary, red.on_primary, red.link, red.secondary) == (
        "#b3122a",
        WHITE,
        "#b3122a",
        "#fdf3e7",
    )
    yellow = palette_of(identity("#fd0", "#222"))
    assert yellow.primary == "#ffdd00" and yellow.on_primary == INK
    assert contrast(yellow.link, WHITE) >= AA and yellow.link != "#ffdd00"
    assert yellow.secondary == PAPER  # dark grey behind dark text: replaced
    assert contrast(yellow.on_primary, yellow.primary) >= AA


def test_home_says_where_the_partnership_stands(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    standing = home.split('<h2 id="standing">', 1)[1].split("</section>", 1)[0]
    assert "<strong>SROI 2.8 : 1 — every euro put into Koers created €2.81" in standing
    assert "5 of 7 metrics moved the right way" in standing
    assert "Needs attention" in standing and "Wait for a first home" in standing
    assert '<a href="roi.html">' in standing and '<a href="scorecard.html">' in standing


def test_after_stop_a_rebuild_writes_nothing(tmp_path: Path) -> None:
    """Ctrl-C while a change is pending: the watcher's rebuild must not recreate the
    temporary folder that serve is deleting."""
    from msctool.site.serve import ServeOptions, Site

    (tmp_path / "scratch").mkdir()
    site = Site(DEMO, ServeOptions(as_of=AS_OF), tmp_path / "scratch" / "site")
    assert site.build() is not None
    site.stop()
    subprocess.run(["rm", "-r", str(tmp_path / "scratch")], check=True)
    assert site.build() is None
    assert not (tmp_path / "scratch").exists()


def test_an_unreadable_output_folder_is_an_io_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "locked"
    out.mkdir()

    def refuse(self: Path) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    result = msc("render", "site", "-C", str(DEMO), "-o", str(out))
    assert result.exit_code == 2
    assert f"cannot read the folder {out}: Permission denied" in result.output


# --- found in review: files read safely, serve's host and rebuilds, the swap ----------


def test_a_newsletter_or_retro_linked_out_of_the_folder_is_not_published(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    secret = tmp_path / "secret.md"
    secret.write_text("# Salaries\n\nroot:x:0:0 the secret line\n", encoding="utf-8")
    for folder, name in (("newsletters", "2026-11.md"), ("retros", "2026-11-01-review.md")):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / name).unlink(missing_ok=True)
        (root / folder / name).symlink_to(secret)
    (root / "newsletters" / "2026-10.md").write_text("# October\n\nAll well.\n", "utf-8")
    out = tmp_path / "site"
    result = msc("render", "site", "-C", str(root), "-o", str(out), "--as-of", "2026-11-27")
    assert result.exit_code == 1, result.output
    assert "Internal error" not in result.output and "internal error" not in result.output
    assert "the secret line" not in text_of(out)
    assert "All well." in (out / "newsletters.html").read_text(encoding="utf-8")
    health = (out / "health.html").read_text(encoding="utf-8")
    for rel in ("newsletters/2026-11.md", "retros/2026-11-01-review.md"):
        assert rel in health
    assert "file links to a place outside the partnership folder" in health


def test_a_folder_named_like_a_newsletter_is_left_out_not_a_crash(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    (root / "newsletters" / "2026-12.md").mkdir(parents=True)
    out = tmp_path / "site"
    result = msc("render", "site", "-C", str(root), "-o", str(out), "--as-of", "2026-11-27")
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "not a regular file" in (out / "health.html").read_text(encoding="utf-8")
    assert "doc-2026-12" not in (out / "newsletters.html").read_text(encoding="utf-8")


def test_a_rebuild_that_fails_on_a_bug_is_said_and_watching_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import watchfiles

    from msctool.site import serve as serve_module
    from msctool.site.serve import ServeOptions, Site, _watch

    real = serve_module.render_site
    calls: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise IsADirectoryError(21, "Is a directory")
        return real(*args, **kwargs)

    def two_changes(*args: Any, **kwargs: Any) -> Any:
        yield {(1, str(DEMO / "newsletters" / "2026-12.md"))}
        yield {(2, str(DEMO / "partners.yaml"))}

    monkeypatch.setattr(serve_module, "render_site", flaky)
    monkeypatch.setattr(watchfiles, "watch", two_changes)
    said: list[str] = []
    site = Site(DEMO, ServeOptions(as_of=AS_OF, debug=True), tmp_path / "site")
    _watch(site, threading.Event(), said.append)
    failed = [line for line in said if line.startswith("rebuild failed")]
    assert failed == [
        "rebuild failed: internal error: IsADirectoryError: [Errno 21] Is a directory; "
        "still serving the previous site"
    ]
    assert any(line.startswith("Traceback") for line in said)  # --debug
    assert said[-1] == "rebuilt"  # the next change was still built
    assert (tmp_path / "site" / "index.html").is_file()


def test_serve_answers_only_its_own_host_names(tmp_path: Path) -> None:
    import socket
    import threading

    from msctool.site.serve import make_server

    (tmp_path / "index.html").write_text("<p>partners only</p>", encoding="utf-8")
    server = make_server(tmp_path, 0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def status(host: str) -> tuple[int, bytes]:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(f"GET /index.html HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            conn.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := conn.recv(65536):
                reply += chunk
        return int(reply.split(b" ", 2)[1]), reply

    try:
        for bad in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}", ""):
            code, reply = status(bad)
            assert code == 421, bad
            assert b"partners only" not in reply
        for good in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            code, reply = status(good)
            assert code == 200 and b"partners only" in reply, good
    finally:
        server.shutdown()
        server.server_close()


def site_with(tmp_path: Path, text: str) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("", encoding="utf-8")
    (out / "index.html").write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError])
def test_a_swap_stopped_half_way_puts_the_old_site_back(
    stop: type[BaseException], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msctool.errors import MscIOError
    from msctool.site.marker import build_swapped

    out = site_with(tmp_path, "old")
    real = Path.replace

    def interrupted(self: Path, target: Any) -> Path:
        if self.name.startswith(".site-new-"):  # the new site going in: stopped there
            raise stop(5, "Input/output error") if stop is OSError else stop()
        return real(self, target)

    monkeypatch.setattr(Path, "replace", interrupted)

    def build(staging: Path) -> None:
        (staging / "index.html").write_text("new", encoding="utf-8")

    expected = MscIOError if stop is OSError else KeyboardInterrupt
    with pytest.raises(expected):
        build_swapped(out, build)
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no .site-old-/-new- folders


def test_the_starter_gitignore_ignores_half_built_sites(isolated_git: Path, tmp_path: Path) -> None:
    from datetime import date

    from msctool.edits.scaffold import init_partnership

    for language in ("en", "nl"):
        root = tmp_path / language
        init_partnership(root, language=language, name="P", today=date(2026, 1, 1))  # type: ignore[arg-type]
        (root / "._site-new-abc").mkdir()
        (root / "._site-new-abc" / "index.html").write_text("x", encoding="utf-8")
        ignored = git_process(root, "check-ignore", "._site-new-abc/index.html", "_site/index.html")
        assert ignored.stdout.split() == ["._site-new-abc/index.html", "_site/index.html"]


def test_a_rebuild_never_makes_the_folder_serve_deleted(tmp_path: Path) -> None:
    from msctool.errors import MscIOError
    from msctool.site.serve import ServeOptions, Site

    site = Site(DEMO, ServeOptions(as_of=AS_OF), tmp_path / "scratch" / "site")
    with pytest.raises(MscIOError, match="cannot create a folder in"):
        site.build()
    assert not (tmp_path / "scratch").exists()


def test_stop_gives_up_a_running_rebuild_at_its_next_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msctool.site import build as build_module
    from msctool.site.serve import ServeOptions, Site

    out = site_with(tmp_path, "old")
    site = Site(DEMO, ServeOptions(as_of=AS_OF), out)
    real = build_module._page_html

    def stopped_meanwhile(*args: Any) -> str:
        site.stopped.set()  # as stop() does, from the main thread, on Ctrl-C
        return real(*args)

    monkeypatch.setattr(build_module, "_page_html", stopped_meanwhile)
    assert site.build() is None
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_second_ctrl_c_while_stopping_still_removes_the_temporary_folder(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "demo"
    subprocess.run(["cp", "-r", str(DEMO), str(copy)], check=True)
    process, _, folder = start_serve(str(copy))
    try:
        (copy / "partners.yaml").write_text(
            (copy / "partners.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
        )
        time.sleep(1)  # let the watcher start a rebuild (no timing is asserted)
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert "Traceback" not in rest
    assert not folder.parent.exists()
