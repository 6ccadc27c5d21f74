"""A partnership's own templates get data, never objects, and no file outside templates/.

Every real render of the demo is run with a spy on Jinja's contexts, and
everything a template could reach from them (attributes and properties,
mapping keys and values, sequence items) is walked: nothing may touch the file
system or the process. Hostile templates in a partnership then try to read,
write and chmod files, reach them through links or ``..``, and must end in a
clear error (exit 1, no traceback) with nothing written.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import socket
import subprocess
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

import jinja2
import jinja2.sandbox
import pytest
from click.testing import Result

from helpers import AS_OF, DEMO, MakeP, is_lock_file, msc
from msctool.render.setup import prepare

LEAVES = (str, int, float, bool, type(None), Decimal, dt.date, dt.time, dt.timedelta)
"""Plain values: a template may call their own methods (``str.split``), nothing more."""
FORBIDDEN = (PurePath, io.IOBase, types.ModuleType, type, os.DirEntry, subprocess.Popen)
SYSTEM_MODULES = {"os", "io", "_io", "pathlib", "subprocess", "shutil", "socket", "tempfile"}
ALLOWED_FUNCTIONS = {"markdown_safe.<locals>.call", "inline", "PartnerNames.join"}
"""Functions msc hands to templates on purpose: they format values and do no I/O."""


def _problem(value: object) -> str | None:
    """Why a template must not hold ``value``; None if it may."""
    kind = type(value)
    if isinstance(value, FORBIDDEN) or kind.__module__.split(".")[0] in SYSTEM_MODULES:
        return f"{kind.__module__}.{kind.__qualname__}"
    if isinstance(value, socket.socket):
        return "a socket"
    if callable(value) and getattr(value, "__qualname__", None) not in ALLOWED_FUNCTIONS:
        return f"the callable {value!r}"
    return None


def _children(value: object) -> Iterator[tuple[str, object]]:
    """What a template reaches from ``value`` in one step."""
    if isinstance(value, LEAVES) or callable(value):
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield f"[{key!r}] (key)", key
            yield f"[{key!r}]", item
    elif isinstance(value, (list, tuple, set, frozenset)):
        for index, item in enumerate(value):
            yield f"[{index}]", item
    else:
        for name in dir(value):
            if not name.startswith("_"):
                try:
                    yield f".{name}", getattr(value, name)
                except Exception:  # a property that does not apply: nothing reached
                    continue


def walk(context: Mapping[str, object]) -> tuple[int, list[str]]:
    """Visit everything reachable from ``context``: (objects visited, problems by path)."""
    seen: set[int] = set()
    keep: list[object] = []  # keeps visited values alive, so ids stay unique
    problems: list[str] = []
    stack: list[tuple[str, object]] = list(context.items())
    while stack:
        path, value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        keep.append(value)
        problem = _problem(value)
        if problem is not None:
            problems.append(f"{path}: {problem}")
            continue
        stack.extend((f"{path}{step}", child) for step, child in _children(value))
    return len(seen), problems


_JINJA_GLOBALS = jinja2.sandbox.ImmutableSandboxedEnvironment().globals


def _jinja_own(name: str, value: object) -> bool:
    """Jinja's own globals (range, dict, cycler ...), the same in every sandbox."""
    return name in _JINJA_GLOBALS and _JINJA_GLOBALS[name] is value


@dataclass
class Spy:
    """Every context a template started with: (template name, its variables)."""

    contexts: list[tuple[str, dict[str, Any]]]


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    found = Spy([])
    original = jinja2.Template.new_context

    def new_context(
        self: jinja2.Template,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.runtime.Context:
        context = original(self, vars, shared, locals)
        if not shared:
            everything = context.get_all()
            found.contexts.append(
                (self.name or "?", {k: v for k, v in everything.items() if not _jinja_own(k, v)})
            )
        return context

    monkeypatch.setattr(jinja2.Template, "new_context", new_context)
    return found


def _demo_renders() -> list[list[str]]:
    renders = [["render", "newsletter", "--format", f] for f in ("md", "html", "txt", "eml")]
    renders += [
        ["render", what, "--format", f] for what in ("roi", "scorecard") for f in ("md", "html")
    ]
    renders += [
        ["render", "newsletter", "--format", "html", "--audience", "public", "--language", "nl"],
        ["render", "roi", "--format", "md", "--partner", "gemeente-utrecht", "--language", "nl"],
        ["render", "scorecard", "--format", "html", "--audience", "public"],
    ]
    renders = [[*r, "-o", "-"] for r in renders]
    kinds = ("after-action", "premortem", "appreciative")
    renders += [["retro", "new", "--kind", k, "--ics", "--topic", "The desk"] for k in kinds]
    return [
        *renders,
        ["render", "site", "-q"],
        ["render", "site", "-q", "--language", "nl", "--audience", "public"],
    ]


def _walk_all(spy: Spy, least: int) -> None:
    """Walk every context the spy saw; each reaches at least ``least`` objects."""
    assert spy.contexts, "no template was rendered"
    for name, context in spy.contexts:
        visited, problems = walk(context)
        assert problems == [], name
        assert visited >= least, f"{name}: only {visited} objects reached"


@pytest.mark.parametrize("args", _demo_renders(), ids=" ".join)
def test_everything_a_demo_template_reaches_is_plain_data(
    args: list[str], spy: Spy, tmp_path: Path
) -> None:
    demo = shutil.copytree(DEMO, tmp_path / "demo")
    result = msc(*args, "-C", str(demo), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    _walk_all(spy, 1000)


HISTORY_RENDERS = [
    ["render", "newsletter", "--format", "md", "-o", "-"],
    ["retro", "new", "--kind", "premortem", "-o", "-"],
    ["render", "site", "-q", "-o", "site"],
]


@pytest.mark.usefixtures("isolated_git")
@pytest.mark.parametrize("args", HISTORY_RENDERS, ids=" ".join)
def test_what_git_history_adds_to_a_context_is_plain_data(
    args: list[str], spy: Spy, make_partnership: MakeP, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers import repository, story, with_clinic

    root = repository(make_partnership(with_clinic), "2026-09-15")
    story(root)
    monkeypatch.chdir(root.parent)
    result = msc(*args, "-C", str(root), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    _walk_all(spy, 200)


# --------------------------------------------------------------------------- hostile templates


def _tree(folder: Path) -> dict[str, tuple[int, int, bytes | str]]:
    """Every entry under ``folder``: mode, size and content (or link target)."""
    entries: dict[str, tuple[int, int, bytes | str]] = {}
    found = [Path(top) / name for top, dirs, files in os.walk(folder) for name in dirs + files]
    for path in sorted(p for p in found if not is_lock_file(p)):
        info = path.lstat()
        if path.is_symlink():
            entries[str(path)] = (info.st_mode, 0, str(path.readlink()))
        elif path.is_file():
            entries[str(path)] = (info.st_mode, info.st_size, path.read_bytes())
        else:
            entries[str(path)] = (info.st_mode, 0, "")
    return entries


def _refused(result: Result) -> str:
    """The one-line error of a refused command: exit 1, no traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.stderr


def _newsletter(root: Path) -> Result:
    args = ["render", "newsletter", "-C", str(root), "--format", "md", "-o", "-"]
    return msc(*args, "--as-of", AS_OF.isoformat())


@pytest.fixture
def hostile(make_partnership: MakeP, tmp_path: Path) -> Path:
    """A partnership next to a secret file that no template may read."""
    (tmp_path / "secret.json").write_text('{"token": "SECRET-TOKEN"}\n', encoding="utf-8")
    return make_partnership()


ATTEMPTS = {
    "read-through-root": "{{ p.root.joinpath('partners.yaml').read_text() }}",
    "read-through-a-model": "{{ p.partners[0].parse_file(p.root.parent / 'secret.json') }}",
    "read-secret-by-model": "{{ p.meta.parse_file('../secret.json') }}",
    "write-through-root": "{{ p.root.joinpath('pwned.txt').write_text('x') }}",
    "mkdir-through-root": "{{ p.root.joinpath('pwned').mkdir() }}",
    "chmod-through-root": "{{ p.root.joinpath('partners.yaml').chmod(0o777) }}",
    "list-the-folder": "{{ p.root.iterdir()|list }}",
    "path-shown": "{{ p.root }}",
}


@pytest.mark.parametrize("template", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_a_template_cannot_reach_files_through_its_data(
    hostile: Path, tmp_path: Path, template: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile)
    own = hostile / "templates" / "newsletter.md.j2"
    own.parent.mkdir()
    own.write_text(template + "\n", encoding="utf-8")
    before = _tree(tmp_path)
    error = _refused(_newsletter(hostile))
    assert error.startswith("msc: error: templates/newsletter.md.j2:1: template error:")
    assert "SECRET-TOKEN" not in error and str(hostile) not in error
    assert _tree(tmp_path) == before


def _link_template(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.md.j2").symlink_to(tmp_path / "secret.json")


def _link_folder(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "newsletter.md.j2").write_text("FROM-ELSEWHERE {{ p.meta.name }}\n")
    (root / "templates").symlink_to(elsewhere)


def _link_subfolder(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "parts").symlink_to(tmp_path)
    (root / "templates" / "newsletter.md.j2").write_text("{% include 'parts/secret.json' %}\n")


def _include_link(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.md.j2").write_text("ok\n{% include 'x.md.j2' %}\n")
    (root / "templates" / "x.md.j2").symlink_to(tmp_path / "secret.json")


def _extend_link(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.md.j2").write_text("{% extends 'base.md.j2' %}\n")
    (root / "templates" / "base.md.j2").symlink_to(tmp_path / "secret.json")


def _import_link(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.md.j2").write_text("{% import 'm.md.j2' as m %}\n")
    (root / "templates" / "m.md.j2").symlink_to(tmp_path / "secret.json")


def _include_parent(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.md.j2").write_text("{% include '../../secret.json' %}\n")


def _include_absolute(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    text = f"{{% include '{tmp_path.as_posix()}/secret.json' %}}\n"
    (root / "templates" / "newsletter.md.j2").write_text(text)


def _folder_for_file(root: Path, tmp_path: Path) -> None:
    (root / "templates" / "newsletter.md.j2").mkdir(parents=True)


def _huge(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.md.j2").write_text("x" * (1024 * 1024 + 1))


def _not_utf8(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.md.j2").write_bytes(b"Caf\xe9 {{ p.meta.name }}\n")


LINKS: dict[str, tuple[Callable[[Path, Path], None], str, str]] = {
    # how the folder is made: the file `msc render` names, and what msc's template
    # loader says itself (with the template line that asked) where `msc check` is
    # not run first
    "linked-template": (
        _link_template,
        "templates/newsletter.md.j2",
        "templates/newsletter.md.j2 is a symbolic link",
    ),
    "linked-templates-folder": (_link_folder, "templates", "templates/ is a symbolic link"),
    "linked-subfolder": (
        _link_subfolder,
        "templates/parts",
        "newsletter.md.j2:1: templates/parts is a symbolic link",
    ),
    "include-of-a-link": (
        _include_link,
        "templates/x.md.j2",
        "newsletter.md.j2:2: templates/x.md.j2 is a symbolic link",
    ),
    "extends-a-link": (
        _extend_link,
        "templates/base.md.j2",
        "newsletter.md.j2:1: templates/base.md.j2 is a symbolic link",
    ),
    "imports-a-link": (
        _import_link,
        "templates/m.md.j2",
        "newsletter.md.j2:1: templates/m.md.j2 is a symbolic link",
    ),
    "include-of-parent": (
        _include_parent,
        "templates/newsletter.md.j2:1: template name `../../secret.json`",
        "newsletter.md.j2:1: template name `../../secret.json` is not a path inside templates/",
    ),
    "include-absolute": (
        _include_absolute,
        "templates/newsletter.md.j2:1: template name",
        "is not a path inside templates/",
    ),
    "larger-than-1-MiB": (
        _huge,
        "templates/newsletter.md.j2 is larger than 1 MiB",
        "templates/newsletter.md.j2 is larger than 1 MiB",
    ),
    "not-utf-8": (
        _not_utf8,
        "templates/newsletter.md.j2: not UTF-8 text (byte 4)",
        "templates/newsletter.md.j2: not UTF-8 text (byte 4)",
    ),
    "folder-named-as-template": (
        _folder_for_file,
        "templates/newsletter.md.j2",
        "templates/newsletter.md.j2 is not a regular file",
    ),
}


@pytest.mark.parametrize(("make", "named", "said"), LINKS.values(), ids=LINKS.keys())
def test_template_files_that_are_links_or_leave_the_folder_are_refused(
    hostile: Path,
    tmp_path: Path,
    make: Callable[[Path, Path], None],
    named: str,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(hostile)
    make(hostile, tmp_path)
    before = _tree(tmp_path)
    result = _newsletter(hostile)
    error = _refused(result)
    assert named in error
    assert "hint:" in error
    assert "SECRET-TOKEN" not in result.output and "FROM-ELSEWHERE" not in result.output
    assert _tree(tmp_path) == before


@pytest.mark.parametrize(("make", "named", "said"), LINKS.values(), ids=LINKS.keys())
def test_the_template_loader_refuses_them_itself(
    hostile: Path,
    tmp_path: Path,
    make: Callable[[Path, Path], None],
    named: str,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same folders through the library, where nothing checked the partnership first."""
    from msctool.errors import UserError
    from msctool.render import templating

    monkeypatch.chdir(hostile)
    make(hostile, tmp_path)
    env = templating.environment(hostile)
    with pytest.raises(UserError) as caught:
        templating.render(env, "newsletter.md.j2", {"p": {"meta": {"name": "x"}}})
    assert said in caught.value.message
    assert caught.value.hint


def test_templates_list_refuses_a_linked_templates_folder(hostile: Path, tmp_path: Path) -> None:
    _link_folder(hostile, tmp_path)
    result = msc("templates", "list", "-C", str(hostile))
    assert "templates/ is a symbolic link" in _refused(result)


def test_templates_list_refuses_a_linked_template(hostile: Path, tmp_path: Path) -> None:
    _link_template(hostile, tmp_path)
    result = msc("templates", "list", "-C", str(hostile))
    assert "templates/newsletter.md.j2 is a symbolic link" in _refused(result)


def test_eject_never_writes_through_a_link(hostile: Path, tmp_path: Path) -> None:
    (hostile / "templates").mkdir()
    (hostile / "templates" / "base.html.j2").symlink_to(tmp_path / "planted.html")
    before = _tree(tmp_path)
    result = msc("templates", "eject", "base.html.j2", "-C", str(hostile))
    assert "templates/base.html.j2 is a symbolic link" in _refused(result)
    assert not (tmp_path / "planted.html").exists()
    assert _tree(tmp_path) == before


def test_eject_refuses_a_linked_templates_folder(hostile: Path, tmp_path: Path) -> None:
    _link_folder(hostile, tmp_path)
    before = _tree(tmp_path)
    result = msc("templates", "eject", "base.html.j2", "-C", str(hostile))
    assert "templates is a symbolic link" in _refused(result)
    assert _tree(tmp_path) == before


# --------------------------------------------------------------------------- the guard itself


@dataclass(frozen=True)
class _Holder:
    name: str
    where: Path


def test_a_context_holding_an_object_is_refused_naming_its_key(make_partnership: MakeP) -> None:
    from msctool.render.templatedata import TemplateDataError

    root = make_partnership()
    (root / "templates").mkdir()
    (root / "templates" / "x.md.j2").write_text("{{ items }}\n")
    setup = prepare(root, as_of=AS_OF)
    with pytest.raises(TemplateDataError, match=r"x\.md\.j2: items\[1\]\.where`"):
        setup.render("x.md.j2", items=["a", _Holder("b", root)])
    with pytest.raises(TemplateDataError, match=r"at `x\.md\.j2: run`"):
        setup.env.get_template("x.md.j2").render(run=subprocess.run)


def test_an_object_put_in_the_globals_offers_no_methods(make_partnership: MakeP) -> None:
    """The sandbox reads attributes of plain data only, even if an object slips past."""
    root = make_partnership()
    (root / "secret.txt").write_text("SECRET-TOKEN")
    env = prepare(root, as_of=AS_OF).env
    env.globals["folder"] = root
    template = env.from_string("{{ folder.joinpath('secret.txt').read_text() }}")
    with pytest.raises(jinja2.exceptions.SecurityError):
        template.render()
