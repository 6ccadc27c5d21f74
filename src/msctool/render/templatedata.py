"""Plain data for templates: what a partnership's own templates may see.

A template in a partnership's ``templates/`` is written by any partner, so it
may read data and nothing else. :class:`PlainData` turns a render's context
into values from a short allow-list: strings (``Markup`` too), numbers,
Decimals, dates and times, lists, tuples, sets and mappings of those, and
:class:`Record` - a frozen value object holding the fields and properties of
one of msc's frozen dataclasses or pydantic models. The only callables are
functions msc marks with :func:`template_function` (message lookup, inline
Markdown), which do no I/O; an enum member becomes its value. Anything else - a ``Path``, a file, a module, a
class, an arbitrary function - is msc's own bug and raises
:class:`TemplateDataError` naming where in the context it sits.

This module imports only the standard library (and pydantic, which every
command loads), so a model may mark its methods without loading Jinja.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import weakref
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import pydantic

from msctool.model.common import TEMPLATE_KEY

SCALARS: frozenset[type] = frozenset(
    {str, int, float, bool, type(None), Decimal, dt.date, dt.datetime, dt.time, dt.timedelta}
)
"""Types a template gets as they are (exact types: a subclass may add methods)."""


_FUNCTIONS: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()
"""Marked functions; a closure made per render leaves with its render."""
F = TypeVar("F", bound=Callable[..., Any])


def template_function(function: F) -> F:
    """Mark ``function`` (or a method) as safe to hand to templates: it computes
    a value from its arguments and touches no file, process or network."""
    _FUNCTIONS.add(function)
    return function


def is_template_function(value: object) -> bool:
    """A function or bound method marked with :func:`template_function`."""
    if isinstance(value, types.MethodType):
        value = value.__func__
    return isinstance(value, types.FunctionType) and value in _FUNCTIONS


class TemplateDataError(TypeError):
    """A render's context holds something other than plain data: a bug in msc."""

    def __init__(self, found: str) -> None:
        super().__init__(found)
        self.found = found
        self.steps: list[str] = []
        """Where in the context: ``["p", ".root"]``, filled in on the way out."""

    def __str__(self) -> str:
        where = "".join(self.steps)
        return f"a template context holds {self.found} at `{where}`; templates get plain data only"


class Record:
    """A frozen value object: named fields a template reads as ``record.name`` (or
    ``record["name"]``), and the marked methods of the object it was made from.

    Each kind of record is a subclass named after the class it was made from
    (``Partner``), with no public names of its own, so every field reads as itself.
    """

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "__dict__", values)

    def __getitem__(self, name: str) -> Any:
        return self.__dict__[name]

    def __contains__(self, name: object) -> bool:
        return name in self.__dict__

    def __iter__(self) -> Iterator[str]:
        return iter(self.__dict__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self.__dict__.items())))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


def kind_of(record: Record) -> str:
    """The name of the class ``record`` was made from (``Partner``), for messages."""
    return type(record).__name__


class PlainData:
    """Converts contexts to plain data; frozen objects are converted once and shared,
    so the pages of one site cost one conversion of the partnership."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, Any]] = {}

    def context(self, values: Mapping[str, Any], where: str = "") -> dict[str, Any]:
        """Every value of ``values`` as plain data; ``where`` starts the key path of an error."""
        return {key: self._child(value, f"{where}{key}") for key, value in values.items()}

    def value(self, value: object) -> Any:
        """``value`` as plain data, or :class:`TemplateDataError`."""
        if type(value) in SCALARS:
            return value
        remembered = self._memo.get(id(value))
        if remembered is not None:
            return remembered[1]
        converted, frozen = self._convert(value)
        if frozen:
            self._memo[id(value)] = (value, converted)
        return converted

    def _child(self, value: object, step: str | int) -> Any:
        """``value`` (found at ``step``: ``.name``, ``["key"]`` or a list index)."""
        try:
            return self.value(value)
        except TemplateDataError as exc:
            exc.steps.insert(0, f"[{step}]" if isinstance(step, int) else step)
            raise

    def _convert(self, value: object) -> tuple[Any, bool]:
        plan = _plan(type(value))
        if plan is not None:
            return self._record(value, plan), True
        if isinstance(value, Record) or _is_markup(value) or is_template_function(value):
            return value, True
        if isinstance(value, enum.Enum):
            return self._child(value.value, ".value"), True
        if isinstance(value, (list, tuple)):
            items = [
                item if type(item) in SCALARS else self._child(item, index)
                for index, item in enumerate(value)
            ]
            return (tuple(items), True) if isinstance(value, tuple) else (items, False)
        if isinstance(value, Mapping):
            return {self._key(k): self._child(v, f"[{k!r}]") for k, v in value.items()}, False
        if isinstance(value, (set, frozenset)):
            members = frozenset(self._child(item, "[…]") for item in value)
            return members, isinstance(value, frozenset)
        raise TemplateDataError(f"{type(value).__module__}.{type(value).__qualname__}")

    def _key(self, key: object) -> Any:
        if type(key) in SCALARS or isinstance(key, enum.Enum):
            return self._child(key, f"[{key!r}] (a key)")
        if type(key) is tuple:  # a compound key, such as (partner, activity)
            return tuple(self._key(part) for part in key)
        raise TemplateDataError(f"a {type(key).__module__}.{type(key).__qualname__} key")

    def _record(self, value: object, plan: _Plan) -> Record:
        if plan.whole_dict:  # a pydantic model keeps exactly its fields in __dict__
            values = dict(value.__dict__)
        else:
            values = {name: getattr(value, name) for name in plan.fields}
        for name, field in values.items():
            if type(field) not in SCALARS:
                values[name] = self._child(field, f".{name}")
        for name in plan.derived:
            try:
                derived = getattr(value, name)
            except Exception:  # a property that does not apply to this value: leave it out
                continue
            values[name] = self._child(derived, f".{name}")
        return plan.record(values)


def _is_markup(value: object) -> bool:
    return type(value).__name__ == "Markup" and type(value).__module__ == "markupsafe"


@dataclasses.dataclass(frozen=True)
class _Plan:
    """How a frozen dataclass or pydantic model becomes a :class:`Record`."""

    record: type[Record]
    fields: tuple[str, ...]
    derived: tuple[str, ...]
    whole_dict: bool = False
    """Instances hold exactly ``fields`` in ``__dict__``, in that order."""


_PLANS: dict[type, _Plan | None] = {}


def _plan(kind: type) -> _Plan | None:
    """The plan for ``kind``; None unless it is a frozen dataclass or pydantic model."""
    try:
        return _PLANS[kind]
    except KeyError:
        plan = _PLANS[kind] = _make_plan(kind)
        return plan


def _make_plan(kind: type) -> _Plan | None:
    if dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        names = tuple(
            f.name for f in dataclasses.fields(kind) if f.metadata.get(TEMPLATE_KEY, True)
        )
    elif issubclass(kind, pydantic.BaseModel) and kind.model_config.get("frozen"):
        extra = kind.model_config.get("extra") == "forbid"
        return _Plan(_record_class(kind), tuple(kind.model_fields), _find_derived(kind), extra)
    else:
        return None
    return _Plan(_record_class(kind), names, _find_derived(kind))


def _record_class(kind: type) -> type[Record]:
    return type(kind.__name__, (Record,), {"__module__": __name__, "__qualname__": kind.__name__})


def _is_derived(member: object) -> bool:
    if isinstance(member, (property, functools.cached_property)):
        return True
    return isinstance(member, types.FunctionType) and member in _FUNCTIONS


def _find_derived(kind: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in reversed(kind.__mro__):
        if not klass.__module__.startswith("msctool."):
            continue
        for name, member in vars(klass).items():
            if name.startswith("_") or name in names:
                continue
            if _is_derived(member):
                names.append(name)
    return tuple(names)
