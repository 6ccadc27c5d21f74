"""Cycles in "supersedes": decisions that replace each other in a ring.

A decision supersedes earlier decisions, so following ``supersedes`` from any
decision must end. When it comes back instead (0002 supersedes 0006, which
supersedes 0002; or a decision that supersedes itself), no decision of the ring
is in force and none can be read as the newer one. :func:`cycles` finds every
ring once, whatever its length, for ``msc check`` (MSC015, from the records on
disk) and ``msc log`` (LOG009, from history), which warns and goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Graph = Mapping[int, Iterable[int]]
"""Per decision number, the numbers it supersedes."""


def cycles(supersedes: Graph) -> list[tuple[int, ...]]:
    """One cycle per group of decisions that supersede each other in a ring, each as
    the numbers along it, starting at the group's lowest number and without repeating
    it at the end: ``(2, 6)`` for 0002 → 0006 → 0002, ``(4,)`` for 0004 → 0004.
    Groups in order of their lowest number; numbers that are not keys are leaves."""
    graph = {node: sorted(set(targets)) for node, targets in supersedes.items()}
    found = []
    for group in _strong_components(graph):
        start = min(group)
        if len(group) > 1 or start in graph.get(start, ()):
            found.append(_ring(graph, start, set(group)))
    return sorted(found)


def describe(cycle: tuple[int, ...]) -> str:
    """``0002 → 0006 → 0002``."""
    return " → ".join(f"{number:04d}" for number in (*cycle, cycle[0]))


def _ring(graph: dict[int, list[int]], start: int, group: set[int]) -> tuple[int, ...]:
    """A shortest path from ``start`` back to itself inside ``group`` (breadth first)."""
    came_from: dict[int, int] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in graph.get(node, ()):
                if target == start:
                    return _path(came_from, start, node)
                if target in group and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"no ring through {start} in its strongly connected group")


def _path(came_from: dict[int, int], start: int, last: int) -> tuple[int, ...]:
    path = [last]
    while path[-1] != start:
        path.append(came_from[path[-1]])
    return tuple(reversed(path))


def _strong_components(graph: dict[int, list[int]]) -> list[list[int]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    components: list[list[int]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        _visit(root, index, low, stack, on_stack)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    components.append(_pop_component(node, stack, on_stack))
            elif target not in index:
                _visit(target, index, low, stack, on_stack)
                work.append((target, iter(graph.get(target, ()))))
            elif target in on_stack:
                low[node] = min(low[node], index[target])
    return components


def _visit(
    node: int, index: dict[int, int], low: dict[int, int], stack: list[int], on_stack: set[int]
) -> None:
    index[node] = low[node] = len(index)
    stack.append(node)
    on_stack.add(node)


def _pop_component(node: int, stack: list[int], on_stack: set[int]) -> list[int]:
    component = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        component.append(member)
        if member == node:
            return component
