"""``msc check`` and every render judge the logo by one rule, links not followed.

Whatever sits at the logo's path (a link, a pipe, a linked folder, a file that is
no image), check reports it and a render says the same: an error (MSC009,
MSC014) stops the render with check's own message; a warning (MSC303) lets it
go on without the logo, with check's message as the note.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import AS_OF, MakeP
from msctool.errors import UserError
from msctool.load.loader import load_partnership
from msctool.render.identity import identity_of
from msctool.render.setup import prepare
from msctool.rules.check import run_check

SVG = "<svg xmlns='http://www.w3.org/2000/svg'/>"


def _svg(root: Path, rel: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(SVG, encoding="utf-8")


def _link(root: Path, rel: str, target: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).symlink_to(target)


def _fifo(root: Path, rel: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / rel)


Setup = Callable[[Path], None]
CASES: dict[str, tuple[str, Setup, str, str]] = {
    "link-to-a-data-file": (
        "assets/logo.svg",
        lambda root: _link(root, "assets/logo.svg", "../partners.yaml"),
        "MSC014",
        "logo `assets/logo.svg` is a symbolic link (to ../partners.yaml)",
    ),
    "link-to-an-image-inside": (
        "assets/logo.svg",
        lambda root: (
            _svg(root, "art/real.svg"),
            _link(root, "assets/logo.svg", "../art/real.svg"),
        ),
        "MSC014",
        "logo `assets/logo.svg` is a symbolic link (to ../art/real.svg)",
    ),
    "link-leaving-the-folder": (
        "assets/logo.svg",
        lambda root: (
            _svg(root.parent, "outside.svg"),
            _link(root, "assets/logo.svg", "../../outside.svg"),
        ),
        "MSC014",
        "logo `assets/logo.svg` is a symbolic link (to ../../outside.svg)",
    ),
    "linked-folder": (
        "assets/logo.svg",
        lambda root: (_svg(root, "art/logo.svg"), _link(root, "assets", "art")),
        "MSC014",
        "logo `assets/logo.svg` (`assets`) is a symbolic link (to art)",
    ),
    "named-pipe": (
        "assets/logo.svg",
        lambda root: _fifo(root, "assets/logo.svg"),
        "MSC014",
        "logo `assets/logo.svg` is a named pipe (FIFO), not a regular file",
    ),
    "outside-by-name": (
        "../logo.svg",
        lambda root: _svg(root.parent, "logo.svg"),
        "MSC009",
        "logo `../logo.svg` is outside the partnership folder",
    ),
    "missing": (
        "assets/logo.svg",
        lambda root: None,
        "MSC303",
        "logo `assets/logo.svg` does not exist",
    ),
    "a-folder": (
        "assets/logo.svg",
        lambda root: (root / "assets" / "logo.svg").mkdir(parents=True),
        "MSC303",
        "logo `assets/logo.svg` is a folder, not a file",
    ),
    "not-an-image": (
        "assets/logo.txt",
        lambda root: _svg(root, "assets/logo.txt"),
        "MSC303",
        "logo `assets/logo.txt` is not an SVG, PNG or JPEG image",
    ),
    "too-large": (
        "assets/logo.svg",
        lambda root: (
            (root / "assets").mkdir() or (root / "assets/logo.svg").write_bytes(b" " * 600_000)
        ),
        "MSC303",
        "logo `assets/logo.svg` is larger than 512 KiB",
    ),
}


def _partnership(make_partnership: MakeP, logo: str, setup: Setup) -> Path:
    def edit(files: dict[str, object]) -> None:
        files["partnership.yaml"]["logo"] = logo  # type: ignore[index]

    root = make_partnership(edit)
    setup(root)
    return root


@pytest.mark.parametrize(("logo", "setup", "code", "message"), CASES.values(), ids=CASES.keys())
def test_check_and_renders_say_the_same_about_the_logo(
    make_partnership: MakeP, logo: str, setup: Setup, code: str, message: str
) -> None:
    root = _partnership(make_partnership, logo, setup)
    report = run_check(root, as_of=AS_OF)
    logo_findings = [f for f in report.findings if "logo" in f.message]
    assert [(f.code, f.message, f.file) for f in logo_findings] == [
        (code, message, "partnership.yaml")
    ]
    assert logo_findings[0].line > 0  # points at `logo:`
    note = f"{message}; rendered without it (fix `logo:` in partnership.yaml)"
    loaded = load_partnership(root).partnership
    assert loaded is not None
    identity, notes = identity_of(loaded)  # the library, asked without a check first
    assert identity.logo_data_uri is None and notes == [note]
    if code == "MSC303":  # a warning: the render goes on without the logo, saying why
        assert prepare(root, as_of=AS_OF).notes == [note]
    else:  # an error: the render refuses with check's words
        with pytest.raises(UserError, match=re.escape(f"{code} {message}")):
            prepare(root, as_of=AS_OF)


def test_a_logo_in_a_folder_check_walks_is_reported_once(make_partnership: MakeP) -> None:
    root = _partnership(
        make_partnership,
        "templates/logo.svg",
        lambda root: _link(root, "templates/logo.svg", "../partners.yaml"),
    )
    found = [f for f in run_check(root, as_of=AS_OF).findings if f.code == "MSC014"]
    assert [f.file for f in found] == ["templates/logo.svg"]


def test_a_regular_logo_inside_is_embedded(make_partnership: MakeP) -> None:
    root = _partnership(
        make_partnership, "assets/logo.svg", lambda root: _svg(root, "assets/logo.svg")
    )
    assert not [f for f in run_check(root, as_of=AS_OF).findings if "logo" in f.message]
    setup = prepare(root, as_of=AS_OF)
    assert setup.notes == []
    assert setup.identity.logo_data_uri is not None
    assert setup.identity.logo_data_uri.startswith("data:image/svg+xml;base64,")
