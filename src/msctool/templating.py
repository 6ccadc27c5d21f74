"""The one place Jinja environments are built.

Built-in templates live in the top-level ``templates/render/`` (shipped in the
wheel); a partnership's own ``templates/`` folder overrides them by name. Every
template runs in Jinja's immutable sandbox with ``StrictUndefined``; HTML and
SVG templates autoescape. Markdown templates escape too: every ``{{ value }}`` in a
``.md.j2`` template is shown literally (:func:`msctool.escaping.markdown_text`), so
no data can become a link, an image, HTML or a heading, and no template author can
forget it; macros, ``t(...)`` and ``|safe`` give Markdown the template wrote. A
template error names the template file and line.
"""

from __future__ import annotations

import importlib.resources
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from msctool.errors import MscIOError, UsageError, UserError
from msctool.escaping import markdown_text

RENDER_DIR = "render"
OVERRIDE_DIR = "templates"
_ESCAPED = (".html.j2", ".svg.j2", ".xml.j2")
MARKDOWN = ".md.j2"


def builtin_templates_dir() -> Path:
    """msc's built-in templates: in the installed package, else the source checkout's."""
    packaged = Path(str(importlib.resources.files("msctool") / "templates"))
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / "templates"
    if source.is_dir():
        return source
    raise MscIOError("msc's built-in templates are missing", hint="reinstall msctool")


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((*_ESCAPED, MARKDOWN))


def is_markdown(name: str | None) -> bool:
    """Whether template ``name`` writes Markdown (and so escapes data for Markdown)."""
    return name is not None and name.endswith(MARKDOWN)


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    """Each ``{{ value }}``: data in a Markdown template becomes literal Markdown (marked
    safe, so the HTML escape that follows leaves it); HTML templates escape as before.
    Template-made Markdown (a macro's output, ``|safe``) is already marked and kept."""
    if not is_markdown(context.name) or hasattr(value, "__html__"):
        return value
    return Markup(markdown_text(value))


def markdown_safe(func: Callable[..., str]) -> Callable[..., str]:
    """``func`` (a message lookup such as ``t``) for templates: in a Markdown template it
    works as :func:`markdown_message`; elsewhere as it is."""
    markdown = markdown_message(func)

    @jinja2.pass_context
    def call(context: jinja2.runtime.Context, *args: Any, **values: Any) -> str:
        return (markdown if is_markdown(context.name) else func)(*args, **values)

    return call


def markdown_message(func: Callable[..., str]) -> Callable[..., str]:
    """``func`` (a message lookup) writing Markdown: its text values are escaped, and its
    result, msc's own words with the values filled in, is marked as Markdown to keep."""

    def call(*args: Any, **values: Any) -> str:
        escaped = {key: _markdown_value(value) for key, value in values.items()}
        return Markup(func(*args, **escaped))

    return call


def _markdown_value(value: Any) -> Any:
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(markdown_text(value))
    return value


def environment(root: Path | None, globals_: Mapping[str, Any] | None = None) -> jinja2.Environment:
    """The sandboxed environment for renders of the partnership at ``root``."""
    folders = [root / OVERRIDE_DIR] if root is not None else []
    folders.append(builtin_templates_dir() / RENDER_DIR)
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(globals_ or {})
    return env


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name``; any template problem becomes a clear :class:`UserError`."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise UserError(
            f"template `{exc.name}` not found", hint="`msc templates list` shows the names"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        shown = _display(exc.filename or name)
        raise UserError(
            f"{shown}:{exc.lineno}: template syntax error: {exc.message}", hint=_FIX_HINT
        ) from None
    except Exception as exc:  # a template may fail in any way; say where
        frame = _template_frame(exc)
        if frame is None:
            raise
        path, line = frame
        message = str(exc) or type(exc).__name__
        raise UserError(
            f"{_display(path)}:{line}: template error: {message}", hint=_FIX_HINT
        ) from None


_FIX_HINT = "fix the template, or delete your copy in templates/ to use the built-in one"


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """The innermost traceback frame that runs template code (Jinja maps it to the source)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return None
    frame = frames[-1]
    return frame.filename, frame.lineno or 0


def _display(path: str) -> str:
    builtin = str(builtin_templates_dir() / RENDER_DIR)
    if path.startswith(builtin):
        return f"built-in template {Path(path).relative_to(builtin)}"
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    origin: Literal["built-in", "partnership", "overridden"]


def list_templates(root: Path) -> list[TemplateInfo]:
    """Built-in templates, marked where the partnership overrides them, plus its own."""
    builtin = set(_names(builtin_templates_dir() / RENDER_DIR))
    own = set(_names(root / OVERRIDE_DIR))
    infos = [
        TemplateInfo(name, "overridden" if name in own else "built-in") for name in sorted(builtin)
    ]
    infos += [TemplateInfo(name, "partnership") for name in sorted(own - builtin)]
    return infos


def _names(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]


def eject(root: Path, name: str) -> Path:
    """Copy built-in template ``name`` into the partnership's templates/ for editing."""
    builtin = builtin_templates_dir() / RENDER_DIR
    if name not in _names(builtin):
        from msctool.suggest import did_you_mean

        raise UsageError(
            f"no built-in template `{name}`",
            hint=did_you_mean(name, _names(builtin)) or "`msc templates list` shows the names",
        )
    from msctool.atomic import write_bytes_atomic
    from msctool.confine import confined

    target = confined(root / OVERRIDE_DIR / name, root)
    if target.exists():
        raise UserError(
            f"{target.relative_to(root)} exists already",
            hint="edit it, or delete it to start again",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MscIOError(f"cannot create the folder {target.parent}: {exc.strerror}") from exc
    write_bytes_atomic(target, (builtin / name).read_bytes(), root=root)
    return target
