"""Faults of the system, not of the data: a full or closed standard output, a file-size
limit, a read-only folder, SIGTERM or SIGKILL during ``msc render site``. Each ends in
exit 2 (130 for SIGTERM) with one line naming the file and the system's reason, never
"internal error", and leaves nothing behind. Real processes throughout."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import DEMO, is_lock_file, msc_process
from msctool.cli.errors import handled

ONE_LINE = "cannot write to standard output: "
BODY = "steering-group"
PRINTING = [
    ("rules",),
    ("schema",),
    ("check", str(DEMO), "--as-of", "2026-11-27", "--format", "json"),
    ("render", "scorecard", "-C", str(DEMO), "--as-of", "2026-11-27", "-o", "-"),
]


def _ids(args: tuple[str, ...]) -> str:
    return "-".join(a for a in args[:3] if not a.startswith("/"))


def assert_one_line(stderr: str, start: str) -> None:
    assert stderr.startswith(f"msc: error: {start}"), stderr
    assert stderr.count("\n") == 1, stderr
    assert "internal error" not in stderr and "Exception ignored" not in stderr


@pytest.mark.parametrize("args", PRINTING, ids=_ids)
def test_a_full_standard_output_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = msc_process(*args, stdout=full)
    assert done.returncode == 2
    assert_one_line(done.stderr, f"{ONE_LINE}No space left on device")


@pytest.mark.parametrize("args", PRINTING[:2], ids=_ids)
def test_a_closed_standard_output_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" >&-', sys.executable, "-m", "msctool", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert_one_line(done.stderr, f"{ONE_LINE}it was closed when msc started")


@pytest.mark.parametrize("args", PRINTING, ids=_ids)
def test_a_pipe_closed_early_is_one_line_without_noise(args: tuple[str, ...]) -> None:
    """``msc schema | head -c 0``: the reader is gone before msc writes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "msctool", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2
    assert_one_line(stderr, f"{ONE_LINE}Broken pipe")


def _file_size_limit(size: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_file_size_limit_on_standard_output_is_one_line(tmp_path: Path) -> None:
    with (tmp_path / "out.json").open("wb") as out:
        done = msc_process("schema", stdout=out, preexec_fn=lambda: _file_size_limit(1024))
    assert done.returncode == 2
    assert_one_line(done.stderr, f"{ONE_LINE}File too large")


def test_a_file_size_limit_during_render_site_names_the_page(tmp_path: Path) -> None:
    out = tmp_path / "site"
    done = msc_process(
        "render", "site", "-C", str(DEMO), "-o", str(out), "--as-of", "2026-11-27",
        "--no-progress", preexec_fn=lambda: _file_size_limit(2048),
    )  # fmt: skip
    assert done.returncode == 2
    assert_one_line(done.stderr, f"cannot write {out}/")
    assert done.stderr.endswith(".html: File too large\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def _read_only(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    folder.chmod(0o555)


@pytest.mark.parametrize(
    ("folder", "args", "written"),
    [
        ("newsletters", ("render", "newsletter", "--as-of", "2026-11-27"), "newsletters/2026-11"),
        ("data", ("metric", "record", "housing-wait", "30", "--date", "2026-11-27"), "data/"),
        ("retros", ("retro", "new", "--date", "2026-12-01"), "retros/2026-12-01-"),
        ("decisions", ("decide", "Read only", "--body", BODY, "--no-commit"), "decisions/0012-"),
        (".", ("render", "site", "--no-progress", "--as-of", "2026-11-27"), "_site"),
    ],
)
def test_a_read_only_folder_is_one_line_even_for_root(
    demo_copy: Path, folder: str, args: tuple[str, ...], written: str
) -> None:
    before = sorted(p.relative_to(demo_copy) for p in demo_copy.rglob("*") if not is_lock_file(p))
    _read_only(demo_copy / folder)
    try:
        done = msc_process(*args, "-C", str(demo_copy), cwd=demo_copy)
    finally:
        (demo_copy / folder).chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert_one_line(done.stderr, f"cannot write {demo_copy}/{written}")
    assert "is read-only" in done.stderr
    assert (
        sorted(p.relative_to(demo_copy) for p in demo_copy.rglob("*") if not is_lock_file(p))
        == before
    )


def test_an_os_error_no_layer_named_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import typer

    with pytest.raises(typer.Exit) as stopped, handled():
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/srv/p/_site/index.html")
    assert stopped.value.exit_code == 2
    err = capsys.readouterr().err
    assert err == f"msc: error: cannot use /srv/p/_site/index.html: {os.strerror(errno.ENOSPC)}\n"


# -- SIGTERM and SIGKILL during render site ------------------------------------------


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(site.iterdir())}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("._site"))


def _start_build(root: Path) -> subprocess.Popen[bytes]:
    """``msc render site`` once its new site is being written (its folder exists)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "msctool", "render", "site", "-C", str(root), "--no-progress",
         "--as-of", "2026-11-28"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    while process.poll() is None and not _leftovers(root):
        time.sleep(0.002)
    return process


def _build_old_site(root: Path) -> dict[str, bytes]:
    site = root / "_site"
    shutil.rmtree(site, ignore_errors=True)
    done = msc_process("render", "site", "-C", str(root), "--as-of", "2026-11-27", "-q")
    assert done.returncode == 0, done.stderr
    return _site_files(site)


def test_sigterm_during_render_site_keeps_the_old_site_and_leaves_nothing(demo_copy: Path) -> None:
    landed = 0
    for _ in range(10):
        old = _build_old_site(demo_copy)
        process = _start_build(demo_copy)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
        assert _leftovers(demo_copy) == []
        if process.returncode == 0:
            continue  # the build was done before the signal came: try again
        assert process.returncode == 130, stderr
        assert stderr == b"msc: interrupted\n"
        site = _site_files(demo_copy / "_site")
        assert site == old or site.keys() == old.keys()  # whole: old, or new if swapped
        landed += site == old
        if landed:
            break
    assert landed, "SIGTERM never came while the site was being built"


def test_a_killed_build_leaves_folders_the_next_run_removes(demo_copy: Path) -> None:
    _build_old_site(demo_copy)
    process = _start_build(demo_copy)
    process.kill()
    process.wait(timeout=60)
    if not _leftovers(demo_copy):
        pytest.fail("the build finished before it could be killed")
    done = msc_process("render", "site", "-C", str(demo_copy), "-q", "--as-of", "2026-11-27")
    assert done.returncode == 0, done.stderr
    assert _leftovers(demo_copy) == []


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_an_old_site_a_killed_swap_left_aside_is_put_back(demo_copy: Path) -> None:
    from msctool.site.marker import remove_leftovers

    old = _build_old_site(demo_copy)
    pid = _dead_pid()
    aside = demo_copy / f"._site-old-{pid}-x1y2z3"
    aside.mkdir()
    (demo_copy / "_site").rename(aside / "site")
    staging = demo_copy / f"._site-new-{pid}-a1b2c3"
    staging.mkdir()
    running = demo_copy / f"._site-new-{os.getpid()}-keepme"  # a build that still runs
    running.mkdir()
    assert remove_leftovers(demo_copy / "_site") == [staging, aside]
    assert _site_files(demo_copy / "_site") == old
    assert _leftovers(demo_copy) == [running.name]
