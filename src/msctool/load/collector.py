"""Python's cyclic garbage collector, paused while msc builds large data at once.

Loading a large partnership makes about a million objects that all live on (models,
their dicts and lists); rendering its site makes as many again. The collector runs
every 700 new objects and walks the young ones, and every so often all of them: a
third of a load, a quarter of a site build, and it frees nothing, since the objects
are in use. Reference counting still frees everything that is not in a cycle; the
few cycles made meanwhile are collected once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (nested blocks are fine: only the
    outermost one turns the collector back on, and only if it was on)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            _age_without_collecting()
            gc.enable()


def _age_without_collecting() -> None:
    """Count the objects made inside as old ones, without a collection now.

    The collector counts every object made while it was off; turned on again, it
    would walk all of them and everything else at the next allocation (a fifth of a
    second after a large site). Freezing and unfreezing moves them to the oldest
    generation instead, where the next full collection, when its turn comes, sees
    them with the rest: cycles among them are still collected then."""
    gc.freeze()
    gc.unfreeze()
