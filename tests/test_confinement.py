"""No write leaves the partnership folder: every command that writes by itself refuses a
symbolic link at its target or on the way, and a path that resolves outside, before it
writes anything; a path named with -o is the user's. msc check reports the same links
and special files (MSC014). Names msc makes files from are portable."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import AS_OF, is_lock_file, msc_process, require
from msctool.edits.decide import slugify
from msctool.errors import UserError
from msctool.fs.atomic import write_files_atomic
from msctool.fs.confine import confined
from msctool.fs.names import is_portable, portable_name
from msctool.render.outputs import write_output
from msctool.render.retro.plan import retro_path
from msctool.rules.check import run_check


def snapshot(*folders: Path) -> dict[str, bytes | str]:
    """Every entry under ``folders``: file bytes, link targets, kinds of the rest; not
    the lock every writing command takes first outside git (``.msc/lock``, git-ignored)."""
    seen: dict[str, bytes | str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if is_lock_file(path):
                continue
            if path.is_symlink():
                seen[str(path)] = f"-> {path.readlink()}"
            elif path.is_file():
                seen[str(path)] = path.read_bytes()
            else:
                seen[str(path)] = "folder"
    return seen


# Each command that writes by itself, and the file it writes there (relative path).
WRITERS: dict[str, tuple[tuple[str, ...], str]] = {
    "newsletter": (("render", "newsletter", "--as-of", "2026-11-27"), "newsletters/2026-11.md"),
    "roi": (("render", "roi", "--as-of", "2026-11-27"), "roi/roi-2026-11-27.md"),
    "scorecard": (
        ("render", "scorecard", "--as-of", "2026-11-27"),
        "scorecards/scorecard-2026-11-27.md",
    ),
    "retro": (("retro", "new", "--date", "2026-12-01"), "retros/2026-12-01-after-action.md"),
    "metric": (
        ("metric", "record", "housing-wait", "30", "--date", "2026-11-27"),
        "data/housing.csv",
    ),
    "partner": (("partner", "leave", "werkpunt", "--date", "2026-11-27"), "partners.yaml"),
    "templates": (("templates", "eject", "newsletter.md.j2"), "templates/newsletter.md.j2"),
    "site": (("render", "site", "--no-progress", "--as-of", "2026-11-27"), "_site"),
}


def _link_the_target(root: Path, outside: Path, rel: str) -> None:
    """``rel`` becomes a link to a file (or, for the site, a folder) outside."""
    path = root / rel
    target = outside / "target"
    if path.exists():
        shutil.move(path, target)
    elif rel == "_site":
        target.mkdir()
    else:
        target.write_text("someone else's file\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def _link_the_folder(root: Path, outside: Path, rel: str) -> None:
    """The folder that holds ``rel`` becomes a link to a folder outside."""
    folder = root / rel.split("/")[0]
    target = outside / "folder"
    if folder.exists():
        shutil.move(folder, target)
    else:
        target.mkdir()
    folder.symlink_to(target)


def _link_inside(root: Path, outside: Path, rel: str) -> None:
    """``rel`` becomes a link to a file inside the partnership: still refused."""
    del outside
    path = root / rel
    shared = root / "shared" / "copy"
    shared.parent.mkdir()
    if path.exists():
        shutil.move(path, shared)
    elif rel == "_site":
        shared.mkdir()
    else:
        shared.write_text("x\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(Path("..") / "shared" / "copy" if "/" in rel else Path("shared") / "copy")


LINKERS: dict[str, Callable[[Path, Path, str], None]] = {
    "target-links-out": _link_the_target,
    "folder-links-out": _link_the_folder,
    "target-links-inside": _link_inside,
}


def _applies(command: str, how: str) -> bool:
    """A folder link needs a file below the top; msc cannot read a figure file that
    links out (see test_a_figure_whose_file_links_out_...)."""
    rel = WRITERS[command][1]
    return not (how == "folder-links-out" and "/" not in rel) and (command, how) != (
        "metric",
        "target-links-out",
    )


@pytest.mark.parametrize(
    ("command", "how"),
    [(command, how) for how in LINKERS for command in WRITERS if _applies(command, how)],
)
def test_every_writing_command_refuses_a_link_and_writes_nothing(
    demo_copy: Path, tmp_path: Path, command: str, how: str
) -> None:
    args, rel = WRITERS[command]
    outside = tmp_path / "outside"
    outside.mkdir()
    LINKERS[how](demo_copy, outside, rel)
    before = snapshot(demo_copy, outside)
    done = msc_process(*args, "-C", str(demo_copy))
    assert done.returncode == 1, done.stderr
    assert "symbolic link" in done.stderr or "links to a place outside" in done.stderr
    assert "internal error" not in done.stderr
    assert snapshot(demo_copy, outside) == before


def test_a_figure_whose_file_links_out_goes_to_a_new_file_inside(
    demo_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    _link_the_target(demo_copy, outside, "data/housing.csv")
    before = snapshot(outside)
    args, _ = WRITERS["metric"]
    done = msc_process(*args, "-C", str(demo_copy))
    assert done.returncode == 0, done.stderr
    assert snapshot(outside) == before
    check = msc_process("check", str(demo_copy), "--as-of", "2026-11-27", "--format", "json")
    assert '"code": "MSC014"' in check.stdout and "data/housing.csv" in check.stdout
    written = demo_copy / "data" / "housing-wait.csv"
    assert not written.is_symlink() and written.read_text().endswith("housing-wait,2026-11-27,30\n")


def test_init_force_refuses_a_linked_folder_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new"
    outside = tmp_path / "outside"
    outside.mkdir()
    target.mkdir()
    (target / "data").symlink_to(outside)
    done = msc_process("init", str(target), "--force", "--no-git")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"msc: error: data is a symbolic link (to {outside})")
    assert list(outside.iterdir()) == []
    assert [p.name for p in target.iterdir()] == ["data"]


def test_decide_refuses_a_linked_record_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "p"
    assert msc_process("init", str(root), "--no-git").returncode == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "decisions" / "0002-budget.md").symlink_to(outside / "secret.md")
    with pytest.raises(UserError, match=r"0002-budget\.md is a symbolic link"):
        confined(root / "decisions" / "0002-budget.md", root)
    done = msc_process(
        "decide", "Budget", "--body", "steering-group", "--no-commit", "-C", str(root)
    )
    assert done.returncode == 1
    assert "the partnership has 1 error, so no decision is recorded" in done.stderr
    assert list(outside.iterdir()) == []


def test_an_explicit_output_outside_the_folder_is_the_users(
    demo_copy: Path, tmp_path: Path
) -> None:
    """A default place that links out is refused; a place outside named with -o is
    written, through a link if it is one."""
    _link_the_target(demo_copy, tmp_path, "scorecards/scorecard-2026-11-27.md")
    args = ("render", "scorecard", "-C", str(demo_copy), "--as-of", "2026-11-27", "--force")
    assert msc_process(*args).returncode == 1
    assert (tmp_path / "target").read_text(encoding="utf-8") == "someone else's file\n"
    (demo_copy / "scorecards" / "scorecard-2026-11-27.md").unlink()
    out = tmp_path / "elsewhere" / "letter.md"
    done = msc_process("render", "newsletter", "-C", str(demo_copy), "--as-of", "2026-11-27",
                       "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")
    link = tmp_path / "link.md"
    link.symlink_to(out)
    done = msc_process("render", "roi", "-C", str(demo_copy), "--as-of", "2026-11-27",
                       "-o", str(link), "--force")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and "ROI" in out.read_text(encoding="utf-8").upper()
    site = tmp_path / "site"
    done = msc_process("render", "site", "-C", str(demo_copy), "-o", str(site), "-q")
    assert done.returncode == 0 and (site / "index.html").is_file()


@pytest.mark.parametrize(
    "rel",
    ["../outside.md", "data/../../outside.md", "newsletters/../../../etc/x.md", "/etc/x.md"],
)
def test_a_path_that_escapes_is_refused_before_writing(tmp_path: Path, rel: str) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "data").mkdir()
    with pytest.raises(UserError, match="is outside the partnership folder"):
        write_files_atomic({root / rel: b"x", root / "data" / "ok.csv": b"x"}, root=root)
    with pytest.raises(UserError, match="is outside the partnership folder"):
        write_output("x", output=None, default=root / rel, force=True, root=root)
    assert snapshot(tmp_path) == {str(root / "data"): "folder"} | {str(root): "folder"}


def test_a_link_then_dotdot_is_judged_where_the_kernel_goes(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "data").mkdir(parents=True)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (root / "data" / "hop").symlink_to(deep)
    with pytest.raises(UserError, match="outside the partnership folder"):
        confined(root / "data" / "hop" / ".." / "x.csv", root)
    assert not (tmp_path / "a" / "x.csv").exists()


def test_a_special_file_in_the_targets_place_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "newsletters").mkdir(parents=True)
    os.mkfifo(root / "newsletters" / "2026-11.md")
    with pytest.raises(UserError, match="is a named pipe"):
        write_output("x", output=None, default=root / "newsletters" / "2026-11.md",
                     force=True, root=root)  # fmt: skip
    (root / "data" / "x.csv").mkdir(parents=True)
    with pytest.raises(UserError, match="is a folder, not a regular file"):
        write_files_atomic({root / "data" / "x.csv": b"x"}, root=root)


# -- msc check: MSC014 ---------------------------------------------------------------


def _fifo(path: Path, outside: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path, outside: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()


def _folder(path: Path, outside: Path) -> None:
    path.mkdir()


def _link_out(path: Path, outside: Path) -> None:
    path.symlink_to(outside / "secret.txt")


def _link_in(path: Path, outside: Path) -> None:
    path.symlink_to("../partnership.yaml" if "/" in path.name else "partnership.yaml")


def _device(path: Path, outside: Path) -> None:
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        require(False, "the right to make a device (root)")


KINDS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "fifo": (_fifo, "not a regular file: a named pipe (FIFO)"),
    "socket": (_socket, "not a regular file: a socket"),
    "device": (_device, "not a regular file: a device"),
    "folder": (_folder, "not a regular file: a folder named like a file"),
    "link-out": (_link_out, "file links to a place outside the partnership folder"),
}
PLACES = [
    "data/extra.csv",
    "decisions/0009-x.md",
    "retros/2026-11-01-after-action.md",
    "newsletters/2026-09.md",
    "templates/newsletter.md.j2",
    "templates/site/page.html.j2",
    ".msc/schema/x.schema.json",
    "roi/roi-2026-01-01.md",
    "scorecards/scorecard-2026-01-01.md",
]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", KINDS)
def test_check_reports_each_kind_of_special_file_where_msc_reads_or_writes(
    make_partnership: Callable[..., Path], tmp_path: Path, kind: str, place: str
) -> None:
    root = make_partnership()
    (tmp_path / "secret.txt").write_text("secret\n")
    path = root / place
    path.parent.mkdir(parents=True, exist_ok=True)
    make, message = KINDS[kind]
    make(path, tmp_path)
    found = [(f.code, f.file, f.message) for f in run_check(root, as_of=AS_OF).findings]
    assert ("MSC014", place, message) in found
    assert len([f for f in found if f[1] == place]) == 1
    assert all(f[0] == "MSC014" for f in found), found


@pytest.mark.parametrize("name", ["partners.yaml", "roi.yaml", "data", "templates", "_site"])
def test_check_reports_a_link_at_the_top_inside_or_out(
    make_partnership: Callable[..., Path], tmp_path: Path, name: str
) -> None:
    root = make_partnership()
    path = root / name
    shared = root / "shared"
    if path.exists():
        shutil.move(path, shared)
    else:
        shared.mkdir()
    path.symlink_to("shared")
    report = run_check(root, as_of=AS_OF)
    mine = [f for f in report.findings if f.file == name]
    assert [(f.code, f.severity) for f in mine] == [("MSC014", "error")]
    assert mine[0].message == "a symbolic link (to shared); msc never writes through a link"


def test_check_is_quiet_on_regular_files_and_folders(make_partnership: Callable[..., Path]) -> None:
    """Folders in templates/ and data/, and links where msc never looks, are fine;
    the same link in templates/ is not."""
    root = make_partnership()
    (root / "templates").mkdir()
    (root / "templates" / "link").symlink_to("../partners.yaml")
    assert [f.code for f in run_check(root, as_of=AS_OF).findings] == ["MSC014"]
    (root / "templates" / "link").unlink()
    (root / "templates" / "site").mkdir()
    (root / "templates" / "site" / "x.html.j2").write_text("x")
    (root / "data" / "archive").mkdir(parents=True)
    (root / "_site").mkdir()
    (root / "notes").mkdir()
    (root / "notes" / "link").symlink_to("../partners.yaml")  # not a place msc uses
    assert [f.code for f in run_check(root, as_of=AS_OF).findings] == []


# -- portable names ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["con", "CON.csv", "CONIN$", "nul.tar.gz", "Aux.md", "com1.csv", "LPT9", "prn ", "com¹.txt",
     "x.", "x ", "a\x01b.md", "a\x7fb", "a:b", "a|b", "line\u2028sep", "", ".", ".."],
)  # fmt: skip
def test_unportable_names_are_recognised_and_made_portable(name: str) -> None:
    assert not is_portable(name)
    assert is_portable(portable_name(name))


@pytest.mark.parametrize("name", ["console.csv", "con-1.csv", "nul_.md", "2026-11.md", "com10"])
def test_portable_names_stay_as_they_are(name: str) -> None:
    assert is_portable(name)
    assert portable_name(name) == name


@given(st.text())
def test_every_name_is_made_portable(name: str) -> None:
    assert is_portable(portable_name(name))


@given(st.text(), st.integers(min_value=1, max_value=9999))
def test_decision_file_names_are_portable_whatever_the_title(title: str, number: int) -> None:
    from msctool.edits.decide import DECISIONS

    rel = f"{DECISIONS}/{portable_name(f'{number:04d}-{slugify(title)}.md')}"
    name = rel.split("/")[-1]
    assert is_portable(name) and name.startswith(f"{number:04d}-")


def test_a_metric_named_like_a_device_gets_a_portable_data_file(tmp_path: Path) -> None:
    from msctool.edits.recording import _Recorded as Recorded

    assert Recorded(metrics={"con"}).file_for("con") == "data/con_.csv"
    assert Recorded(metrics={"aux-1"}).file_for("aux-1") == "data/aux-1.csv"


def test_retro_and_default_render_names_are_portable(tmp_path: Path) -> None:
    from datetime import date

    for kind in ("after-action", "premortem", "appreciative"):
        assert is_portable(retro_path(tmp_path, date(2026, 12, 1), kind).name)  # type: ignore[arg-type]


def test_a_new_file_with_a_device_name_is_refused(demo_copy: Path) -> None:
    args, _ = WRITERS["metric"]
    before = snapshot(demo_copy)
    done = msc_process(*args, "--file", "con", "-C", str(demo_copy))
    assert done.returncode == 1
    assert done.stderr.startswith("msc: error: data/con.csv is not a portable file name")
    assert snapshot(demo_copy) == before
    with pytest.raises(UserError, match=r"^data/a\\x1bb\.csv is not a portable"):
        confined(demo_copy / "data" / "a\x1bb.csv", demo_copy)


def test_a_links_target_is_shown_escaped(demo_copy: Path) -> None:
    (demo_copy / "templates").symlink_to("\x1b]0;title\x07")
    done = msc_process("templates", "eject", "roi.md.j2", "-C", str(demo_copy))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "(to \\u001b]0;title\\u0007)" in done.stderr
