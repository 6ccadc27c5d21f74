""" "Did you mean" hints by edit distance."""

from __future__ import annotations

from collections.abc import Iterable


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def closest(word: str, candidates: Iterable[str], limit: int | None = None) -> str | None:
    """The candidate nearest to ``word``, if it is near enough to be a likely typo."""
    cutoff = limit if limit is not None else max(1, min(3, len(word) // 3))
    best: tuple[int, str] | None = None
    options = list(candidates)
    if len(word) >= 4:
        prefixed = [c for c in options if c.lower().startswith(word.lower())]
        if len(prefixed) == 1:
            return prefixed[0]
    for candidate in options:
        distance = edit_distance(word.lower(), candidate.lower())
        if distance <= cutoff and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint sentence, or None when nothing is close."""
    match = closest(word, candidates)
    return f"did you mean `{match}`?" if match else None
