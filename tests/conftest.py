"""Fixtures the tests share: partnership folders, isolated git, the committed
partnership the command-line tests run in. Plain helpers are in helpers.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from helpers import DEMO, PHONE, Edit, MakeP, base_files, repository, require, write_tree

# bench/mutation.py runs the tests through mutmut's trampolines, several times slower:
# no deadline there, and the same examples for every mutant.
settings.register_profile("mutation", deadline=None, derandomize=True, database=None)
settings.load_profile(os.environ.get("MSC_HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def make_partnership(tmp_path: Path) -> MakeP:
    """Build a partnership from base_files() changed by ``edit(files)``; return its folder."""

    def make(edit: Edit | None = None, **replace: Any) -> Path:
        files = base_files()
        for rel, content in replace.items():
            files[rel.replace("__", "/").replace("_yaml", ".yaml")] = content
        if edit is not None:
            edit(files)
        root = tmp_path / "p"
        return write_tree(root, files)

    return make


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A copy of the demo partnership (tmp_path/demo), for the tests that write to it."""
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


@pytest.fixture
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME and git config in tmp, with a test identity; no system config, no signing,
    no repository found above tmp_path, none of the caller's GIT_* settings."""
    home = tmp_path / "home"
    home.mkdir()
    config = home / ".gitconfig"
    config.write_text(
        "[user]\n\tname = Test User\n\temail = test@example.org\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    yield home


@pytest.fixture
def committed_partnership(
    tmp_path: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A committed partnership (the current folder), and beside it a link loop, a CSV
    of rows and a commit message file for the commands that read them."""
    root = repository(write_tree(tmp_path / "p", base_files()))
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "rows.csv").write_text("metric,date,value\nplacements,2026-11-01,3\n")
    (tmp_path / "message.txt").write_text("Add a partner\n\nDecision: 1\n")
    monkeypatch.chdir(root)
    return root


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never one it downloads), one per test
    module; skipped when it is missing, a failure when MSC_REQUIRE_BROWSER=1."""
    executable = shutil.which("chromium")
    require(executable is not None, "Debian's chromium", env="MSC_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page of ``browser`` on a phone's screen (390 by 844 CSS pixels)."""
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()
