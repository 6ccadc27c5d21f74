"""What the public may see is decided in one place, msctool.render.audience; the site asks
it and hands a template only what its audience may see."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import DEMO
from msctool.model.common import PRIVATE
from msctool.model.vocabulary import Audience, values
from msctool.render import audience as audience_module
from msctool.render.audience import SEEN_BY, Shown, shows
from msctool.site.build import render_site

AS_OF_DAY = "2026-11-27"
RETRO_LINE = "That stung, and it is fair."
"""A line of the demo's retrospective agenda."""
WARNING = "has the trailer `Decision: 0042`"
"""What the decision log says of a commit naming a decision that does not exist."""
UNCOMMITTED = "Not committed yet: shown as its file on disk states it."
RECORDED = "in commit "
FINDINGS = "All findings"
"""The caption of a principle's table of findings on the health page."""
PARTNERS_ONLY = {
    "retrospectives": RETRO_LINE,
    "history-warnings": WARNING,
    "commits": RECORDED,
    "findings": FINDINGS,
}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo in git, with everything only partners see: a retrospective, a commit
    whose trailer names no decision, a record not committed yet, and a health warning
    (the purpose was reaffirmed long ago)."""
    root = tmp_path_factory.mktemp("public") / "demo"
    shutil.copytree(DEMO, root)
    who = ["-c", "user.name=Ann", "-c", "user.email=ann@example.org"]
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, *who, "commit", "-q", "-m", "Start")
    record = root / "decisions" / "0001-adopt-purpose-and-goals.md"
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, *who, "commit", "-q", "-m", "Touch", "-m", "Decision: 0042")
    text = (root / "decisions" / "0011-youth-quota-social-housing.md").read_text(encoding="utf-8")
    new = text.replace("id: 11\n", "id: 12\n", 1)
    (root / "decisions" / "0012-not-committed.md").write_text(new, encoding="utf-8")
    meta = root / "partnership.yaml"
    old = meta.read_text(encoding="utf-8")
    aged = old.replace("reaffirmed: 2026", "reaffirmed: 2020", 1)
    assert aged != old
    meta.write_text(aged, encoding="utf-8")
    return root


def site_text(root: Path, out: Path, audience: Audience) -> str:
    from datetime import date

    render_site(root, out, audience=audience, as_of=date.fromisoformat(AS_OF_DAY))
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html")))


def test_partners_see_everything_and_the_public_nothing_partners_only() -> None:
    assert set(SEEN_BY) == set(values(Shown))
    for what in values(Shown):
        assert shows("partners", what)
        assert not shows("public", what)


def test_the_public_site_shows_nothing_only_partners_see(history: Path, tmp_path: Path) -> None:
    partners = site_text(history, tmp_path / "partners", "partners")
    public = site_text(history, tmp_path / "public", "public")
    for what, text in PARTNERS_ONLY.items():
        assert text in partners, what  # the check below can fail
        assert text not in public, what
    assert UNCOMMITTED in partners and UNCOMMITTED not in public


@pytest.mark.parametrize("what", sorted(PARTNERS_ONLY))
def test_the_site_follows_the_one_decision(
    what: Shown, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change who sees ``what`` in render.audience alone: the site follows, both ways."""
    monkeypatch.setitem(SEEN_BY, what, ("public",))
    assert PARTNERS_ONLY[what] in site_text(history, tmp_path / "public", "public")
    assert PARTNERS_ONLY[what] not in site_text(history, tmp_path / "partners", "partners")


def test_a_field_made_private_is_hidden_on_the_public_site_without_a_site_change(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A representative's role is public; mark it private in the model alone and the
    public site stops showing it (render.audience redacts what the models mark)."""
    from msctool.model.partners import Representative

    role = "Youth doctor (jeugdarts)"  # a representative's role in the demo
    partners_page = "partners.html"
    before = site_text(history, tmp_path / "before", "public")
    assert role in before
    monkeypatch.setattr(Representative.model_fields["role"], "json_schema_extra", PRIVATE)
    audience_module.holds_private.cache_clear()
    try:
        public = site_text(history, tmp_path / "public", "public")
        partners = site_text(history, tmp_path / "partners", "partners")
    finally:
        monkeypatch.undo()
        audience_module.holds_private.cache_clear()
    assert role not in public
    assert role in partners
    assert (tmp_path / "public" / partners_page).is_file()
