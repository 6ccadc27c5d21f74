"""How much work one template render may do.

A partnership's templates are written by any partner, and a render runs on a
backbone employee's laptop and on CI, so a template must not be able to take
either down. Every render is bounded:

- operators that grow values (``*``, ``**``, ``+``, ``%``) and the text and list
  methods and filters that pad or repeat (``center``, ``ljust``, ``indent``,
  ``replace``, ``batch`` ...) refuse a result beyond :data:`MAX_TEXT` characters,
  :data:`MAX_ITEMS` items or an integer beyond :data:`MAX_INTEGER_BITS` bits,
  before the value is made;
- a value written out, and a render's whole output, are at most
  :data:`MAX_TEXT` and :data:`MAX_OUTPUT` characters;
- a render stops after :data:`MAX_STEPS` loop rounds, all loops together, and
  after :data:`RENDER_SECONDS` seconds, in whatever thread it runs (``msc serve``
  rebuilds in a background thread).

The built-in templates on a large partnership stay far inside these limits:
on ``bench/generate.py --scale 1`` (1,000 partners) the slowest render took
1.2 s and looped 31,971 times, the longest output was 4.1 million characters and
the largest value written 7,576 characters.
"""

from __future__ import annotations

import ctypes
import functools
import math
import operator
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

MAX_TEXT = 1_000_000
"""Characters in one value a template makes (a string, or a list written out)."""
MAX_ITEMS = 100_000
"""Items in one list or tuple a template makes."""
MAX_INTEGER_BITS = 333
"""About 10**100: far beyond any figure, small enough to compute at once."""
MAX_OUTPUT = 50_000_000
"""Characters one render writes (the largest built-in render of the benchmark
partnership, its site's partner page, writes about 4 million)."""
RENDER_SECONDS = 30.0
"""A render of the large benchmark partnership takes well under a second."""
MAX_STEPS = 1_000_000
"""Loop rounds in one render, all loops together: a loop round can add a
template's text to the output without making a value, so the rounds are counted."""


class TemplateLimitError(Exception):
    """A template asked for more than a render may do (a template's mistake)."""


class RenderTimeoutError(TemplateLimitError):
    """Raised inside the rendering thread when its time is up."""

    def __str__(self) -> str:
        return f"took longer than {RENDER_SECONDS:g} s"


def _too_large(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"makes a value larger than {what}")


_TEXT = f"{MAX_TEXT:,} characters"
_ITEMS = f"{MAX_ITEMS:,} items"


def size(value: object, limit: int = MAX_TEXT) -> int:
    """About how many characters ``value`` takes written out: text by its length,
    lists and mappings by their items, deeply; counting stops past ``limit``."""
    if isinstance(value, str):
        return len(value)
    items: Iterator[object]
    if isinstance(value, Mapping):
        items = (part for pair in value.items() for part in pair)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = iter(value)
    else:
        return 1
    total = 1
    for item in items:
        total += size(item, limit - total) + 1
        if total > limit:
            break
    return total


def check_value(value: object) -> None:
    """Refuse ``value`` if it is beyond the limits a template's values keep (its own
    length; :func:`check_written` looks deeper)."""
    if isinstance(value, (list, tuple)) and len(value) > MAX_ITEMS:
        raise _too_large(_ITEMS)
    if isinstance(value, int) and value.bit_length() > MAX_INTEGER_BITS:
        raise _too_large("10**100")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise _too_large(_TEXT)


def check_written(value: object) -> object:
    """``value``, about to be written out as text: refused if that text would be too
    long (a list holding itself many times over, say)."""
    if size(value) > MAX_TEXT:
        raise _too_large(_TEXT)
    return value


# -- operators ---------------------------------------------------------------------

GROWING_OPERATORS = frozenset({"*", "**", "+", "%"})
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "*": operator.mul,
    "**": operator.pow,
    "+": operator.add,
    "%": operator.mod,
}


def binop(name: str, left: Any, right: Any) -> Any:
    """``left <name> right`` for a template, refused before it makes a value too large."""
    {"*": _check_repeat, "**": _check_power, "+": _check_join, "%": _check_format}[name](
        left, right
    )
    result = _OPERATORS[name](left, right)
    check_value(result)
    return result


def checked(value: Any) -> Any:
    """``value`` (made by ``~``), refused if it is too large."""
    check_value(value)
    return value


def _check_repeat(left: Any, right: Any) -> None:
    """``"x" * n``, ``[..] * n``: the result's size is known beforehand."""
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and count > 1:
            if isinstance(seq, (list, tuple)) and len(seq) * count > MAX_ITEMS:
                raise _too_large(_ITEMS)
            if size(seq, MAX_TEXT // count + 1) * count > MAX_TEXT:
                raise _too_large(_TEXT)


def _check_power(base: Any, exponent: Any) -> None:
    grows = isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1
    if grows and exponent > 0 and exponent * math.log2(abs(base)) > MAX_INTEGER_BITS:
        raise _too_large("10**100")


def _check_join(left: Any, right: Any) -> None:
    if isinstance(left, str) and isinstance(right, str) and len(left) + len(right) > MAX_TEXT:
        raise _too_large(_TEXT)
    lists = isinstance(left, (list, tuple)) and isinstance(right, (list, tuple))
    if lists and len(left) + len(right) > MAX_ITEMS:
        raise _too_large(_ITEMS)


_WIDTH = re.compile(r"[*]|\d{7,}")
"""A width or precision in a format that could make a value too large."""


def _check_format(left: Any, right: Any) -> None:
    """``"%10d" % x``: a format whose widths could pass the limit is refused."""
    if isinstance(left, str) and _WIDTH.search(left):
        raise _too_large(_TEXT)
    if isinstance(left, str):
        check_written(right)


# -- methods and filters that pad or repeat ---------------------------------------


def check_arguments(obj: object, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Before a text or list method (``ljust``, ``zfill``, ``replace``, ``format`` ...)
    runs: no width or count beyond the limit, no replacement that grows too much."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, (str, list, tuple, dict)):
        return
    _check_widths((*args, *kwargs.values()))
    if isinstance(owner, str) and getattr(obj, "__name__", "") == "replace":
        _check_replace(owner, args)
    if isinstance(owner, str) and getattr(obj, "__name__", "") in ("format", "format_map"):
        _check_format_spec(owner)
        for value in (*args, *kwargs.values()):
            check_written(value)


def _check_widths(values: tuple[Any, ...]) -> None:
    if any(isinstance(v, int) and not isinstance(v, bool) and v > MAX_TEXT for v in values):
        raise _too_large(_TEXT)


def _check_replace(text: str, args: tuple[Any, ...]) -> None:
    if len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        old, new = args[0], args[1]
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * (len(new) - len(old)) > MAX_TEXT:
            raise _too_large(_TEXT)


def _check_format_spec(text: str) -> None:
    if re.search(r"\d{7,}", text):
        raise _too_large(_TEXT)


TEXT_FILTERS = frozenset(
    [
        "string",
        "tojson",
        "pprint",
        "join",
        "format",
        "escape",
        "e",
        "forceescape",
        "urlencode",
        "safe",
        "trim",
        "upper",
        "lower",
        "capitalize",
        "title",
        "striptags",
        "wordwrap",
        "truncate",
        "indent",
        "center",
        "replace",
        "wordcount",
    ]
)
"""Jinja's filters that write their value out as text first."""


def bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's filter ``func``, refusing a width or count beyond the limit, a ``replace``
    that grows text too much, and a result beyond the limits."""

    @functools.wraps(func)  # keeps Jinja's pass_context and pass_eval_context marks
    def call(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not _is_jinja_state(a)]
        _check_widths((*values[1:], *kwargs.values()))
        if name in TEXT_FILTERS and values:
            check_written(values[0])
        if name == "replace" and values and isinstance(values[0], str):
            _check_replace(values[0], tuple(str(v) for v in values[1:3]))
        if name == "format" and values and isinstance(values[0], str):
            _check_format(values[0], None)
        result = func(*args, **kwargs)
        check_value(result)
        return result

    return call


def _is_jinja_state(value: object) -> bool:
    return type(value).__module__.startswith("jinja2")


# -- output and time --------------------------------------------------------------


def bounded_output(chunks: Iterator[str]) -> Iterator[str]:
    """A render's output, stopped once it passes :data:`MAX_OUTPUT` characters."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise TemplateLimitError(f"writes more than {MAX_OUTPUT:,} characters")
        yield chunk


_state = threading.local()
_lock = threading.Lock()


def counted(items: Iterable[Any]) -> Iterator[Any]:
    """``items`` as a template loop goes through them, each round counted against
    the render's :data:`MAX_STEPS`."""
    for item in items:
        left = getattr(_state, "steps", None)
        if left is not None:
            if left <= 0:
                raise TemplateLimitError(f"loops more than {MAX_STEPS:,} times")
            _state.steps = left - 1
        yield item


@contextmanager
def bounded() -> Iterator[None]:
    """Count the loop rounds inside (:data:`MAX_STEPS`) and stop the code inside after
    :data:`RENDER_SECONDS` with :class:`RenderTimeoutError`, raised in this thread
    wherever it runs; nested uses share the outer limits."""
    if getattr(_state, "steps", None) is not None:
        yield
        return
    thread = threading.get_ident()
    running = [True]

    def stop() -> None:
        with _lock:
            if running[0]:
                _raise_in(thread, RenderTimeoutError)

    timer = threading.Timer(RENDER_SECONDS, stop)
    timer.daemon = True
    _state.steps = MAX_STEPS
    try:
        timer.start()
        yield
    finally:
        with _lock:
            running[0] = False
        timer.cancel()
        _state.steps = None


def _raise_in(thread: int, error: type[BaseException]) -> None:
    """Raise ``error`` in ``thread`` at its next Python instruction (CPython's
    documented ``PyThreadState_SetAsyncExc``)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(error))
