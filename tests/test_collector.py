"""The cyclic garbage collector is paused while msc builds large data, and only then."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from msctool.load.collector import paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    if not was_on:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_inner_pause_leaves_the_outer_one_paused() -> None:
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_turns_the_collector_back_on() -> None:
    with pytest.raises(KeyError), paused():
        raise KeyError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_loading_and_checking_pause_the_collector(make_partnership: object) -> None:
    from msctool.load import loader
    from msctool.rules import check

    seen: list[bool] = []
    original = loader._Loader.load

    def load(self: loader._Loader) -> loader.LoadResult:
        seen.append(gc.isenabled())
        return original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader._Loader, "load", load)
        check.run_check(make_partnership())  # type: ignore[operator]
    assert seen == [False] and gc.isenabled()
