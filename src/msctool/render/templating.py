"""The one place Jinja environments are built.

Built-in templates live in the top-level ``templates/render/`` (shipped in the
wheel); a partnership's own ``templates/`` folder overrides them by name. Every
template runs in Jinja's immutable sandbox with ``StrictUndefined``; HTML and
SVG templates autoescape. Markdown templates escape too: every ``{{ value }}`` in a
``.md.j2`` template is shown literally (:func:`msctool.escaping.markdown_text`), so
no data can become a link, an image, HTML or a heading, and no template author can
forget it; macros, ``t(...)`` and ``|safe`` give Markdown the template wrote. A
template error names the template file and line.

A partnership's templates are written by any partner, so they get data, never
objects: every context is turned into plain data on its way in
(:mod:`msctool.render.templatedata`), the sandbox reads attributes of plain data
only, and template files are read without following links
(:mod:`msctool.render.templatefiles`).
"""

from __future__ import annotations

import traceback
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from msctool.errors import UsageError, UserError
from msctool.escaping import markdown_text
from msctool.render.templatedata import (
    SCALARS,
    PlainData,
    Record,
    TemplateDataError,
    is_template_function,
    kind_of,
    template_function,
)
from msctool.render.templatefiles import (
    OVERRIDE_DIR,
    TemplateFileError,
    builtin_templates_dir,
    create_own,
    find_own,
    name_parts,
    own_folder,
    own_names,
    read_own,
    unchanged,
)
from msctool.render.templatelimits import (
    GROWING_OPERATORS,
    TemplateLimitError,
    binop,
    bounded,
    bounded_filter,
    bounded_output,
    check_arguments,
    check_written,
    checked,
    counted,
)

RENDER_DIR = "render"
_ESCAPED = (".html.j2", ".svg.j2", ".xml.j2")
MARKDOWN = ".md.j2"


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
    check_written(value)
    if not is_markdown(context.name) or hasattr(value, "__html__"):
        return value
    return Markup(markdown_text(value))


def markdown_safe(func: Callable[..., str]) -> Callable[..., str]:
    """``func`` (a message lookup such as ``t``) for templates: in a Markdown template it
    works as :func:`markdown_message`; elsewhere as it is."""
    markdown = markdown_message(func)

    @template_function
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


class TemplateLoader(jinja2.BaseLoader):
    """The partnership's own templates first (read safely), then msc's built-in ones."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.builtin = builtin_templates_dir() / RENDER_DIR

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        parts = name_parts(template)
        own = own_folder(self.root) if self.root is not None else None  # checked each time
        if own is not None:
            path = find_own(own, parts)
            if path is not None:
                return read_own(own, path), str(path), unchanged(path)
        path = self.builtin.joinpath(*parts)
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        return path.read_text(encoding="utf-8"), str(path), unchanged(path)


class DataTemplate(jinja2.Template):
    """A template whose context becomes plain data before it runs, however it is
    rendered, and whose output is bounded (:mod:`msctool.render.templatelimits`)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = self.new_context(dict(*args, **kwargs))
        try:
            return self.environment.concat(bounded_output(self.root_render_func(context)))
        except Exception:
            self.environment.handle_exception()

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.runtime.Context:
        environment = self.environment
        if vars and not shared and isinstance(environment, DataSandbox):
            vars = environment.plain.context(vars, f"{self.name}: ")
        return super().new_context(vars, shared, locals)


class _BoundedGenerator(CodeGenerator):
    """Jinja's code generator, with each part of a ``~`` checked before it is made
    text, the result after, and a recursive loop's rounds counted
    (:mod:`msctool.render.templatelimits`)."""

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: Frame) -> None:  # noqa: N802
        join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        self.write(f"environment.checked({join}((")
        for part in node.nodes:
            self.write("environment.check_written(")
            self.visit(part, frame)
            self.write("), ")
        self.write(")))")

    def write(self, x: str) -> None:
        """A recursive loop's items (``reciter``, at each depth) go through counted."""
        super().write("environment.counted(reciter)" if x == "reciter" else x)


_COUNTED = "msc_counted"


class DataSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox that also reads attributes of, and calls, plain data
    only, and bounds the work a render does (:mod:`msctool.render.templatelimits`)."""

    template_class = DataTemplate
    code_generator_class = _BoundedGenerator
    intercepted_binops = GROWING_OPERATORS
    checked = staticmethod(checked)
    check_written = staticmethod(check_written)
    counted = staticmethod(counted)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.plain = PlainData()
        self.globals.pop("lipsum", None)  # makes any amount of text; no template needs it
        for name, func in FILTERS.items():
            self.filters[name] = bounded_filter(name, func)
        self.filters[_COUNTED] = counted

    def _generate(
        self,
        source: jinja2.nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        """Jinja's hook: every ``{% for %}`` goes through its items counted."""
        for loop in source.find_all(jinja2.nodes.For):
            if loop.recursive:
                continue  # counted at each depth (_BoundedGenerator.write)
            loop.iter = jinja2.nodes.Filter(
                loop.iter, _COUNTED, [], [], None, None, lineno=loop.iter.lineno
            )
        return super()._generate(source, name, filename, defer_init)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        return binop(operator, left, right)

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        check_arguments(obj, args, kwargs)
        return super().call(context, obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Record):
            fields = obj.__dict__
            if attribute in fields and not attribute.startswith("_"):
                # a field of plain data (PlainData made it): nothing more to check; the
                # site reads some 100,000 fields, and the sandbox's checks were a fifth of it
                return fields[attribute]
            if attribute not in fields:
                return self.undefined(f"{kind_of(obj)} has no field `{attribute}`", obj, attribute)
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return (
            super().is_safe_attribute(obj, attr, value)
            and _readable(obj)
            and (_readable(value) or _callable(value))
        )

    def is_safe_callable(self, obj: Any) -> bool:
        return super().is_safe_callable(obj) and _callable(obj)


_CONTAINERS = (str, list, tuple, dict, frozenset, range, Record)
_JINJA_GLOBALS = frozenset(id(value) for value in DEFAULT_NAMESPACE.values())


def _readable(obj: object) -> bool:
    """Plain data, or Jinja's own runtime objects (loops, macros, namespaces)."""
    kind = type(obj)
    return kind in SCALARS or isinstance(obj, _CONTAINERS) or _is_jinja(kind)


def _callable(obj: object) -> bool:
    """Marked functions, Jinja's own helpers, and methods of plain data (``str.split``)."""
    if is_template_function(obj) or id(obj) in _JINJA_GLOBALS or _is_jinja(type(obj)):
        return True
    if isinstance(obj, types.FunctionType):  # Jinja's own, such as the sandbox's range
        return _is_jinja_module(obj.__module__)
    if isinstance(obj, (types.BuiltinMethodType, types.MethodType)):
        owner = obj.__self__
        return not isinstance(owner, (type, types.ModuleType)) and _readable(owner)
    return False


_JINJA_MACHINERY = (jinja2.Environment, jinja2.Template, jinja2.runtime.Context)
"""Jinja objects no template needs to read: they lead to the loader and the globals."""


def _is_jinja(kind: type) -> bool:
    return _is_jinja_module(kind.__module__) and not issubclass(kind, _JINJA_MACHINERY)


def _is_jinja_module(module: str | None) -> bool:
    """Whether ``module`` is Jinja's or MarkupSafe's (None: a function made at run time)."""
    return (module or "").split(".")[0] in ("jinja2", "markupsafe")


def plain_context(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> dict[str, Any]:
    """``context`` as the data template ``name`` gets (see :mod:`msctool.render.templatedata`);
    rendering converts it anyway, this shows it beforehand."""
    plain = env.plain if isinstance(env, DataSandbox) else PlainData()
    return plain.context(context, f"{name}: ")


def environment(root: Path | None, globals_: Mapping[str, Any] | None = None) -> jinja2.Environment:
    """The sandboxed environment for renders of the partnership at ``root``."""
    env = DataSandbox(
        loader=TemplateLoader(root),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(env.plain.context(globals_ or {}, "globals: "))
    return env


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name``; any template problem becomes a clear :class:`UserError`."""
    try:
        with bounded():
            return env.get_template(name).render(context)
    except TemplateFileError as exc:
        raise _located(exc) from None
    except TemplateDataError:  # msc's own bug, not the template's
        raise
    except jinja2.TemplateNotFound as exc:
        raise UserError(
            f"template `{exc.name}` not found", hint="`msc templates list` shows the names"
        ) from None
    except TemplateLimitError as exc:
        raise _over_limit(exc, env.get_template(name).filename or name) from None
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


def _over_limit(exc: TemplateLimitError, path: str) -> UserError:
    frame = _template_frame(exc)
    # the whole output being too long: no one line made it
    where = f"{_display(frame[0])}:{frame[1]}" if frame is not None else _display(path)
    return UserError(
        f"{where}: template {exc}",
        hint="a template lays out the partnership's data; make it do less "
        "(msc's limits keep a shared folder's template from exhausting a computer)",
    )


def _located(exc: TemplateFileError) -> TemplateFileError:
    """``exc`` with the template line that asked for the refused file, if any."""
    frame = _template_frame(exc)
    if frame is None:
        return exc
    return TemplateFileError(f"{_display(frame[0])}:{frame[1]}: {exc.message}", hint=exc.hint)


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
    builtin = set(_builtin_names())
    own = set(own_names(root))
    infos = [
        TemplateInfo(name, "overridden" if name in own else "built-in") for name in sorted(builtin)
    ]
    infos += [TemplateInfo(name, "partnership") for name in sorted(own - builtin)]
    return infos


def _builtin_names() -> list[str]:
    folder = builtin_templates_dir() / RENDER_DIR
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]


def eject(root: Path, name: str) -> Path:
    """Copy built-in template ``name`` into the partnership's templates/ for editing;
    never through a link, never over an existing file."""
    names = _builtin_names()
    if name not in names:
        from msctool.suggest import did_you_mean

        raise UsageError(
            f"no built-in template `{name}`",
            hint=did_you_mean(name, names) or "`msc templates list` shows the names",
        )
    from msctool.fs.confine import confined

    parts = name_parts(name)
    confined(root / OVERRIDE_DIR / Path(*parts), root)  # no link, inside, a portable name
    data = (builtin_templates_dir() / RENDER_DIR / name).read_bytes()
    return create_own(root, parts, data)
