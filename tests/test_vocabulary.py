"""Every word list is said once (msctool.model.vocabulary): the models, the command line's
choices and the edit checks accept exactly its words, so a word added in one place
alone fails here."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import typer
from pydantic import BaseModel

from helpers import msc
from msctool.cli.app import app
from msctool.errors import MscError
from msctool.model import vocabulary as v
from msctool.model.schema import file_models
from msctool.model.vocabulary import values

AS_OF = date(2026, 11, 27)
VOCABULARIES: dict[str, Any] = {
    name: value for name, value in vars(v).items() if get_origin(value) is Literal
}
BOGUS = "no-such-word"


def every_word() -> set[str]:
    return {word for vocabulary in VOCABULARIES.values() for word in values(vocabulary)}


def test_the_module_holds_the_vocabularies() -> None:
    assert len(VOCABULARIES) >= 25
    for name, vocabulary in VOCABULARIES.items():
        words = values(vocabulary)
        assert words and len(set(words)) == len(words), name
        assert all(isinstance(word, str) for word in words), name
    assert set(values(v.NewDecisionStatus)) <= set(values(v.DecisionStatus))
    assert v.spoken(v.Sector) == "public, private or civil"


# --------------------------------------------------------------------------- the models


def _literals(annotation: Any) -> Iterator[Any]:
    """The Literal types inside an annotation (``list[X] | None``, ``dict[str, X]``)."""
    if get_origin(annotation) is Literal:
        yield annotation
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return
    for argument in get_args(annotation):
        yield from _literals(argument)


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        for inner in _inner_models(field.annotation):
            yield from _models(inner, seen)


def _inner_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from _inner_models(argument)


def model_literals() -> dict[str, tuple[Any, ...]]:
    """``Model.field`` -> the words of each Literal its annotation holds."""
    seen: set[type[BaseModel]] = set()
    found: dict[str, tuple[Any, ...]] = {}
    for root in file_models().values():
        for model in _models(root, seen):
            for name, field in model.model_fields.items():
                for literal in _literals(field.annotation):
                    if get_args(literal) != (1,):  # format_version: a number, not a word list
                        found[f"{model.__name__}.{name}"] = get_args(literal)
    return found


MODEL_FIELDS = {
    "Partner.sector": v.Sector,
    "Gift.kind": v.GiftKind,
    "Gift.per": v.Per,
    "PartnershipFile.language": v.Language,
    "Body.kind": v.BodyKind,
    "Body.decision_rule": v.DecisionRule,
    "Body.meets": v.Cadence,
    "CadenceSettings.newsletter": v.Cadence,
    "CadenceSettings.retrospective": v.Cadence,
    "CheckSettings.severity": v.Severity,
    "Activity.work": v.Work,
    "Activity.status": v.ActivityStatus,
    "Metric.perspective": v.Perspective,
    "Metric.accountability": v.Accountability,
    "Metric.kind": v.MetricKind,
    "Metric.direction": v.Direction,
    "Metric.cadence": v.Cadence,
    "Input.kind": v.InputKind,
    "RoiFile.currency": v.Currency,
    "Engagement.method": v.Method,
    "DecisionMeta.status": v.DecisionStatus,
    "DecisionMeta.rule": v.DecisionRule,
}


def test_every_word_list_of_the_models_is_a_vocabulary() -> None:
    """A Literal written in a model (not taken from the vocabulary) with other words fails."""
    found = model_literals()
    assert set(found) == set(MODEL_FIELDS)
    for field, vocabulary in MODEL_FIELDS.items():
        assert found[field] == values(vocabulary), field


@pytest.mark.parametrize("field", sorted(MODEL_FIELDS))
def test_the_model_accepts_exactly_the_words(field: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    model_name, name = field.split(".")
    model = next(m for m in _all_models() if m.__name__ == model_name)
    annotation = model.model_fields[name].annotation
    inner = next(_literals(annotation))
    adapter = TypeAdapter(inner)
    accepted = set()
    for word in every_word() | {BOGUS}:
        try:
            adapter.validate_python(word)
        except ValidationError:
            continue
        accepted.add(word)
    assert accepted == set(values(MODEL_FIELDS[field]))


def _all_models() -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    for root in file_models().values():
        yield from _models(root, seen)


# --------------------------------------------------------------------------- the command line

CHOICES: dict[tuple[str, str], Any] = {
    ("check", "output_format"): v.CheckFormat,
    ("init", "language"): v.Language,
    ("render newsletter", "output_format"): v.NewsletterFormat,
    ("render newsletter", "language"): v.Language,
    ("render newsletter", "audience"): v.Audience,
    ("render roi", "output_format"): v.RoiFormat,
    ("render roi", "language"): v.Language,
    ("render roi", "audience"): v.Audience,
    ("render scorecard", "output_format"): v.ScorecardFormat,
    ("render scorecard", "language"): v.Language,
    ("render scorecard", "audience"): v.Audience,
    ("render site", "language"): v.Language,
    ("render site", "audience"): v.Audience,
    ("scorecard", "language"): v.Language,
    ("retro new", "kind"): v.RetroKind,
    ("retro new", "language"): v.Language,
    ("serve", "language"): v.Language,
    ("serve", "audience"): v.Audience,
    ("decide record", "status"): v.NewDecisionStatus,
    ("retro actions", "output_format"): v.ReportFormat,
    ("log", "status"): v.DecisionStatus,
    ("log", "output_format"): v.ReportFormat,
    ("changes", "output_format"): v.ReportFormat,
    ("collect requests", "output_format"): v.ReportFormat,
    ("collect requests", "language"): v.Language,
    ("collect status", "output_format"): v.ReportFormat,
    ("collect status", "language"): v.Language,
    ("partner add", "sector"): v.Sector,
    ("partner edit", "sector"): v.Sector,
    ("activity add", "work"): v.Work,
    ("activity add", "status"): v.ActivityStatus,
    ("engage add", "method"): v.Method,
    ("activity status", "status"): v.ActivityStatus,
    ("activity edit", "work"): v.Work,
    **{
        (f"metric {verb}", field): vocabulary
        for verb in ("add", "edit")
        for field, vocabulary in (
            ("perspective", v.Perspective),
            ("accountability", v.Accountability),
            ("kind", v.MetricKind),
            ("direction", v.Direction),
            ("cadence", v.Cadence),
        )
    },
    ("roi input add", "kind"): v.InputKind,
    ("roi input edit", "kind"): v.InputKind,
    ("body add", "kind"): v.BodyKind,
    ("body add", "rule"): v.DecisionRule,
    ("body add", "meets"): v.Cadence,
    ("body edit", "kind"): v.BodyKind,
    ("body edit", "meets"): v.Cadence,
    ("body rule", "rule"): v.DecisionRule,
    ("get", "output_format"): v.ValueFormat,
}
CLI_ONLY: dict[tuple[str, str], set[str]] = {
    ("decide record", "output_format"): {"text", "json"},
}
"""Choices only the command line has: how it prints what it did."""


def edit_formats() -> dict[tuple[str, str], Any]:
    """``--format`` of every edit command (one that takes ``--dry-run`` and ``--commit``):
    EditFormat."""
    from test_cli_arguments import commands

    return {
        (" ".join(path), "output_format"): v.EditFormat
        for path, command in commands()
        if {"--dry-run", "--commit"} <= {o for p in command.params for o in getattr(p, "opts", [])}
    }


def cli_choices() -> dict[tuple[str, str], set[str]]:
    """Every option or argument of every command that takes one of a list of words,
    with the words (as shell completion offers them, a public API of click and typer)."""
    root = typer.main.get_command(app)
    context = root.make_context("msc", [], resilient_parsing=True)
    found: dict[tuple[str, str], set[str]] = {}

    def visit(command: Any, path: tuple[str, ...], here: Any = context) -> None:
        if hasattr(command, "list_commands"):
            for name in command.list_commands(here):
                sub = command.get_command(here, name)
                inner = sub.make_context(name, [], parent=here, resilient_parsing=True)
                visit(sub, (*path, name), inner)
            return
        for param in command.params:
            if param.name in ("help", "debug") or getattr(param, "is_flag", False):
                continue
            words = {item.value for item in param.shell_complete(context, "")}
            if words:
                found[(" ".join(path), str(param.name))] = words

    visit(root, ())
    return found


def test_every_choice_of_the_command_line_is_a_vocabulary() -> None:
    found = cli_choices()
    vocabularies = CHOICES | edit_formats()
    expected = {key: set(values(vocabulary)) for key, vocabulary in vocabularies.items()}
    assert found == expected | CLI_ONLY


def test_a_word_not_in_the_vocabulary_is_refused_on_the_command_line() -> None:
    result = msc("partner", "add", "co", "--name", "Co", "--sector", BOGUS)
    assert result.exit_code == 2
    assert "--sector" in result.output and "public" in result.output


# --------------------------------------------------------------------------- the edit checks


def _field_refused(action: Callable[[], object]) -> str | None:
    """The field of the error ``action`` raises, or None when it raises none or one
    about no field (a later step failing on the empty folder)."""
    try:
        action()
    except MscError as error:
        return error.field
    return None


def accepted_by(check: Callable[[str], object], field: str, candidates: set[str]) -> set[str]:
    return {word for word in candidates if _field_refused(lambda w=word: check(w)) != field}


def _partner(tmp: Path, sector: str = "civil", gives: tuple[str, ...] = ()) -> object:
    from msctool.edits.partners import NewPartner, add_partner

    return add_partner(tmp, NewPartner("co", "Co", sector, AS_OF, gives=gives))


def _engagement(tmp: Path, method: str) -> object:
    from msctool.edits.engagements import NewEngagement, add_engagement

    return add_engagement(tmp, NewEngagement("e", "E", AS_OF, method, ("s",), 1, ("heard",)))


def _activity(tmp: Path, **words: str) -> object:
    from msctool.edits.activities import NewActivity, add_activity

    return add_activity(tmp, NewActivity("a", "A", "board", "co", **words))


def _decision(**words: str) -> object:
    from msctool.edits.decide import DecisionRequest, _check_choices

    _check_choices(DecisionRequest("A decision", date(2026, 11, 27), **words))  # type: ignore[arg-type]
    return None


def _trailer_status(word: str) -> object:
    from msctool.history.trailers import STATUS, Trailer, _check_status

    if _check_status(Trailer(STATUS, word, 3)):
        raise MscError("not a status", field="status")
    return None


def _metric(tmp: Path, field: str, word: str) -> object:
    from msctool.edits.metrics import MetricFields, edit_metric

    return edit_metric(tmp, "m", MetricFields(**{field: word}))


def _activity_status(tmp: Path, word: str) -> object:
    from msctool.edits.activities import set_status

    return set_status(tmp, "a", word, AS_OF)


def _roi_input(tmp: Path, word: str) -> object:
    from msctool.edits.roi import InputFields, add_input

    return add_input(tmp, "co", InputFields(word, 1))


EDIT_CHECKS: dict[str, tuple[Any, str, Callable[[Path, str], object]]] = {
    "metric perspective": (v.Perspective, "perspective", lambda t, w: _metric(t, "perspective", w)),
    "metric accountability": (
        v.Accountability,
        "accountability",
        lambda t, w: _metric(t, "accountability", w),
    ),
    "metric kind": (v.MetricKind, "kind", lambda t, w: _metric(t, "kind", w)),
    "metric direction": (v.Direction, "direction", lambda t, w: _metric(t, "direction", w)),
    "metric cadence": (v.Cadence, "cadence", lambda t, w: _metric(t, "cadence", w)),
    "activity status change": (v.ActivityStatus, "status", _activity_status),
    "roi input kind": (v.InputKind, "kind", _roi_input),
    "partner sector": (v.Sector, "sector", lambda tmp, w: _partner(tmp, sector=w)),
    "partner gift": (v.GiftKind, "gives", lambda tmp, w: _partner(tmp, gives=(f"{w}: Help",))),
    "engagement method": (v.Method, "method", _engagement),
    "activity work": (v.Work, "work", lambda tmp, w: _activity(tmp, work=w)),
    "activity status": (v.ActivityStatus, "status", lambda tmp, w: _activity(tmp, status=w)),
    "decision status": (v.NewDecisionStatus, "status", lambda _, w: _decision(status=w)),
    "decision rule": (v.DecisionRule, "rule", lambda _, w: _decision(rule=w)),
    "trailer status": (v.DecisionStatus, "status", lambda _, w: _trailer_status(w)),
}


@pytest.mark.parametrize("name", sorted(EDIT_CHECKS))
def test_the_edit_check_accepts_exactly_the_words(name: str, tmp_path: Path) -> None:
    vocabulary, field, check = EDIT_CHECKS[name]
    accepted = accepted_by(lambda word: check(tmp_path, word), field, every_word() | {BOGUS})
    assert accepted == set(values(vocabulary))


def test_the_library_lists_are_the_vocabularies() -> None:
    """Lists the library keeps for its own use are the vocabulary's, word for word."""
    from msctool.edits import activities, decide, engagements, partners, scaffold
    from msctool.history import logformat, trailers
    from msctool.load.numbers import DECIMAL_OF
    from msctool.render import i18n, scorecard
    from msctool.render.retro import agenda as retro
    from msctool.render.roi import sroi
    from msctool.rules.context import PERIOD_DAYS
    from msctool.rules.report import FORMATS as CHECK_FORMATS

    lists: list[tuple[Any, Any]] = [
        (partners.SECTORS, v.Sector),
        (partners.GIFT_KINDS, v.GiftKind),
        (engagements.METHODS, v.Method),
        (activities.WORK, v.Work),
        (activities.STATUSES, v.ActivityStatus),
        (decide.NEW_STATUSES, v.NewDecisionStatus),
        (decide.RULES, v.DecisionRule),
        (trailers.STATUSES, v.DecisionStatus),
        (i18n.LANGUAGES, v.Language),
        (scaffold.LANGUAGES, v.Language),
        (tuple(DECIMAL_OF), v.Language),
        (tuple(i18n.LOCALES), v.Language),
        (retro.KINDS, v.RetroKind),
        (tuple(retro.BLOCKS), v.RetroKind),
        (scorecard.FORMATS, v.ScorecardFormat),
        (scorecard.PERSPECTIVES, v.Perspective),
        (sroi.ASSUMPTIONS, v.Assumption),
        (tuple(sroi.SCALES), v.Assumption),
        (tuple(sroi.HARMFUL), v.Assumption),
        (logformat.FORMATS, v.ReportFormat),
        (tuple(PERIOD_DAYS), v.Cadence),
        (("text", *CHECK_FORMATS), v.CheckFormat),
    ]
    for words, vocabulary in lists:
        assert tuple(words) == values(vocabulary), vocabulary


def test_the_newsletter_and_roi_words_are_the_vocabulary() -> None:
    from msctool.render.newsletter import window as newsletter
    from msctool.render.roi import story as roistory

    assert values(v.NewsletterFormat) == newsletter.FORMATS
    assert get_args(newsletter.Format) == values(v.NewsletterFormat)
    assert tuple(newsletter.CADENCE_MONTHS) == values(v.Cadence)
    assert values(v.RoiFormat) == roistory.FORMATS
    assert get_args(roistory.Format) == values(v.RoiFormat)


def test_the_audiences_are_the_vocabulary() -> None:
    from msctool.render.audience import SEEN_BY

    for audiences in SEEN_BY.values():
        assert set(audiences) <= set(values(v.Audience))


# --------------------------------------------------------------------------- cheap to import


def test_the_vocabulary_loads_no_model() -> None:
    """The command line builds its options from the vocabulary, and the commit-msg hook
    checks statuses with it: neither may pay for pydantic and the models."""
    code = (
        "import sys\n"
        "import msctool.model.vocabulary\n"
        "heavy = [m for m in ('pydantic', 'msctool.model.common', 'msctool.model.folder') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from msctool.model import Partnership, Partner\n"
        "assert Partnership.__name__ == 'Partnership' and 'pydantic' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_model_package_names_every_model_it_offers() -> None:
    import msctool.model as model

    assert model.__all__ == sorted(model._HOME_OF)
    for name in model.__all__:
        assert isinstance(getattr(model, name), type), name
    with pytest.raises(AttributeError):
        model.NoSuchModel  # noqa: B018
