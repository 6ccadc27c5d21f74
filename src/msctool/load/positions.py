"""Lines and columns of values, computed only for files that have findings.

libyaml's composer (through PyYAML's C loader) builds a node tree with
positions about ten times faster than ruamel.yaml's; only the tree's shape
and marks are used, never its values, so YAML 1.1 typing plays no part.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import yaml

from msctool.findings import YamlPath
from msctool.load.files import Source
from msctool.load.yamlwindow import window

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class PositionIndex:
    """Answers "where is this value?" for one YAML text (1-based line and column).

    ``lengths`` gives the number of entries of top-level lists (``{"partners": 1000}``):
    a value inside one of their entries is then found in that entry's window
    (:mod:`msctool.load.yamlwindow`), not in the whole file's node tree.
    """

    def __init__(self, source: Source, lengths: Mapping[str, int] | None = None) -> None:
        self.source = source
        self.lengths = lengths or {}
        self._entries: dict[tuple[str, int], yaml.Node | None] = {}

    @cached_property
    def root(self) -> yaml.Node | None:
        try:
            return yaml.compose(self.source.text, Loader=_Loader)
        except yaml.YAMLError:
            return None

    def locate(self, path: YamlPath, at_key: bool = False) -> tuple[int, int]:
        """Position of the value at ``path``; of its key when ``at_key``.

        A path that leaves the document (a missing key) gives the position
        of the deepest mapping or list that exists.
        """
        entry = self._entry(path)
        node, first = (entry, 2) if entry is not None else (self.root, 0)
        if node is None:
            return (1 + self.source.line_offset, 1)
        for index, part in enumerate(path[first:], first):
            child = _key_and_value(node, part)
            if child is None:
                break
            key_node, value_node = child
            if at_key and index == len(path) - 1 and key_node is not None:
                return self._mark(key_node)
            node = value_node
        return self._mark(node)

    def _entry(self, path: YamlPath) -> yaml.Node | None:
        """The node of list entry ``path[:2]`` (``"partners", 5``) from its window; None
        when the path is not inside an entry of a known list, or the window fails."""
        if len(path) < 2 or not isinstance(path[0], str) or not isinstance(path[1], int):
            return None
        key, index = path[0], path[1]
        count = self.lengths.get(key)
        if count is None or not 0 <= index < count:
            return None
        if (key, index) not in self._entries:
            self._entries[key, index] = self._compose_entry(key, index, count)
        return self._entries[key, index]

    def _compose_entry(self, key: str, index: int, count: int) -> yaml.Node | None:
        text = window(self.source.text, key, index, count)
        if text is None:
            return None
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:  # an alias to an anchor outside the entry, say
            return None
        found = _key_and_value(root, key) if root is not None else None
        items = found[1] if found is not None else None
        if not isinstance(items, yaml.SequenceNode) or len(items.value) != 1:
            return None
        entry: yaml.Node = items.value[0]
        return entry

    def duplicate_keys(self) -> list[tuple[str, int, int]]:
        """Every repeated key (its second and later occurrences) with its position."""
        found: list[tuple[str, int, int]] = []
        stack = [self.root] if self.root is not None else []
        seen_nodes: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen_nodes:
                continue
            seen_nodes.add(id(node))
            if isinstance(node, yaml.MappingNode):
                keys: set[str] = set()
                for key_node, value_node in node.value:
                    name = str(key_node.value)
                    if name in keys:
                        found.append((name, *self._mark(key_node)))
                    keys.add(name)
                    stack.append(value_node)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return sorted(found, key=lambda item: (item[1], item[2]))

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return (mark.line + 1 + self.source.line_offset, mark.column + 1)


def _key_and_value(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node, value_node
        return None
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None
