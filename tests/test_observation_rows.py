"""Rows of data files read the common way are read exactly as every other row.

A data file's rows written the common way (metric, ISO date, a plain number) are
read without the full row reader, and made into observations without pydantic's
``model_construct``: the result must not tell the two ways apart.
"""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from msctool.load import observations
from msctool.load.numbers import NumberRule, plain_float, read_number, rule_for
from msctool.load.observations import CsvFile, parse_observations
from msctool.model import Observation

HEADER = "metric,date,value,source\n"
FILES = {
    "plain": HEADER + "a,2026-01-01,1.5,city\na,2026-01-02,2,\nb,2026-01-03,-0, x \n",
    "three columns": "metric,date,value\na,2026-01-01,7\nb,2026-01-02, 8 \n",
    "spaces": " Metric , DATE ,value\n a , 2026-01-01 , 007 \n",
    "decimal comma": HEADER + 'a,2026-01-01,"12,5",x\na,2026-01-02,3,x\na,2026-01-03,1.5,y\n',
    "grouped": HEADER + 'a,2026-01-01,"1,004.5",x\na,2026-01-02,1.004,x\na,2026-01-03,+12.50,\n',
    "long": HEADER + "a,2026-01-01,123456789012345,\na,2026-01-02,1234567890123456,\n"
    "a,2026-01-03,+99999999999999,\na,2026-01-04,0.12345678901234,\n",
    "too large": HEADER + "a,2026-01-01,9999999999999999,\na,2026-01-02,1000000000000000,\n",
    "not numbers": HEADER + "a,2026-01-01,1e3,\na,2026-01-02,12%,\na,2026-01-03,nan,\n"
    "a,2026-01-04,,\na,2026-01-05,1_000,\na,2026-01-06,\u0661\u0662,\n",
    "dates": HEADER + "a,20260101,1,\na,2026-W01,1,\na,2026-02-30,1,\na, 2026-03-01 ,1,\n",
    "metrics": HEADER + "unknown,2026-01-01,1,\n,2026-01-02,1,\n , , , \n,,,\n",
    "columns": HEADER + "a,2026-01-01\na,2026-01-02,1,x,y\n9,1\n",
    "doubled metric column": "metric,date,value,metric\na,2026-01-01,1,b\nb,2026-01-02,2,\n",
    "control": HEADER + 'a,2026-01-01,1,ci\x07ty\na,2026-01-02,2,"two\nlines"\n',
    "unclosed": HEADER + 'a,2026-01-01,1,x\na,2026-01-02,2,"open\n',
    "repeated": HEADER + "a,2026-01-01,1,\na,2026-01-01,1,\n",
}


def _every_row_the_long_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(observations, "_common_row", lambda *args: None)


def _same(one: CsvFile, other: CsvFile) -> None:
    assert one.findings == other.findings
    assert one.rows == other.rows
    assert [row.model_fields_set for row, _ in one.rows] == [
        row.model_fields_set for row, _ in other.rows
    ]
    assert [repr(row.value) for row, _ in one.rows] == [repr(row.value) for row, _ in other.rows]
    assert (one.texts, one.rule, one.complete) == (other.texts, other.rule, other.complete)


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("metrics", [None, {"a", "b"}])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_common_way_reads_every_file_as_the_long_way(
    monkeypatch: pytest.MonkeyPatch, name: str, metrics: set[str] | None, language: str
) -> None:
    quick = parse_observations(FILES[name], "data/x.csv", metrics, language)  # type: ignore[arg-type]
    _every_row_the_long_way(monkeypatch)
    _same(quick, parse_observations(FILES[name], "data/x.csv", metrics, language))  # type: ignore[arg-type]


def test_the_common_way_reads_rows_at_all() -> None:
    """The comparison above would pass if the common way never applied."""
    calls: list[object] = []
    original = observations._common_row

    def counted(*args: object) -> object:
        calls.append(args)
        return original(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(observations, "_common_row", counted)
        read = parse_observations(FILES["plain"], "data/x.csv", {"a", "b"})
    assert len(calls) == 3 and len(read.rows) == 3


def test_an_observation_of_a_file_is_a_whole_model() -> None:
    read = parse_observations(HEADER + "a,2026-01-01,1.5,city\n", "data/x.csv", None)
    row, line = read.rows[0]
    valid = Observation.model_validate(
        {"metric": "a", "date": date(2026, 1, 1), "value": 1.5, "source": "city"}
    )
    assert line == 2
    assert row == valid and hash(row) == hash(valid)
    assert row.model_dump() == valid.model_dump() and repr(row) == repr(valid)
    assert pickle.loads(pickle.dumps(row)) == valid
    assert row.model_copy(update={"value": 2.0}).value == 2.0
    with pytest.raises(ValidationError):
        row.value = 3.0  # type: ignore[misc]  # frozen, as every model


def test_every_row_names_its_metric_for_the_memo() -> None:
    read = parse_observations(FILES["doubled metric column"], "data/x.csv", None)
    assert read.named == {"a", "b"}
    assert parse_observations(FILES["metrics"], "data/x.csv", None).named == {"unknown"}


RULES = [NumberRule(), NumberRule("nl"), rule_for([("1.5", "line 2")], "en")]
RULES.append(rule_for([("1,5", "line 2")], "nl"))


@given(st.from_regex(r"[ +\-]?[0-9]{0,17}([.,][0-9]{0,17})?[ ]?", fullmatch=True))
@example("-0")
@example("-0.0")
def test_a_plain_figure_is_the_number_read_number_reads(text: str) -> None:
    for rule in RULES:
        quick = plain_float(text.strip(), rule)
        if quick is None:
            continue
        assert quick == float(read_number(text, rule))
        assert str(quick) == str(float(read_number(text, rule)))  # -0.0 too


@pytest.mark.parametrize("text", ["1e3", "1,5", "1.004", "", "+", "1 000", "١٢", "1" * 16])
def test_other_texts_are_left_to_read_number(text: str) -> None:
    assert plain_float(text, NumberRule()) is None
