""" "Did you mean" hints by edit distance."""

from __future__ import annotations

from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance: insertions, deletions and substitutions.

    With ``limit``, stops early and returns ``limit + 1`` once the distance
    is certain to exceed it (suggestions only care about near misses).
    """
    if len(a) < len(b):
        a, b = b, a
    if limit is not None and len(a) - len(b) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def closest(word: str, candidates: Iterable[str], limit: int | None = None) -> str | None:
    """The candidate nearest to ``word``, if it is near enough to be a likely typo."""
    cutoff = limit if limit is not None else max(1, min(3, len(word) // 3))
    options = list(candidates)
    lowered = word.lower()
    if len(word) >= 4:
        prefixed = [c for c in options if c.lower().startswith(lowered)]
        if len(prefixed) == 1:
            return prefixed[0]
    best: tuple[int, str] | None = None
    for candidate in options:
        distance = edit_distance(lowered, candidate.lower(), cutoff)
        if distance <= cutoff and (best is None or distance < best[0]):
            best = (distance, candidate)
            cutoff = distance
    return best[1] if best else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint sentence, or None when nothing is close."""
    match = closest(word, candidates)
    return f"did you mean `{match}`?" if match else None
