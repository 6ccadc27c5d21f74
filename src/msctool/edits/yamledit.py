"""Surgical YAML edits: change a few lines of a file and leave every other byte alone.

A round trip through ruamel.yaml keeps comments, but it takes 10 to 20
seconds for a 100,000-line file and writes the whole file back in one
indentation style. msc edits text instead:

1. libyaml (PyYAML's C composer) builds the node tree of the one list entry
   being edited, with every other line blanked to spaces so its marks (line,
   column, character index) are those of the real file; the whole file is
   composed only when its layout defeats the quick scan
   (:func:`msctool.load.yamlwindow.window`);
2. an edit is a list of :class:`Splice` objects on the original text (insert
   these lines after line N, replace this value's span), applied bottom-up;
3. new fragments (a list item, a value) are written by ruamel.yaml, which
   quotes only what YAML needs, in the indentation the file already uses;
4. the caller re-parses the result with yaml-rs and compares it with the data
   it expected (:func:`verify`), so a splice that went wrong is never written.

Line endings (LF or CRLF), a byte order mark and a missing final newline are
kept as the file had them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import yaml
import yaml_rs

from msctool.errors import UserError
from msctool.findings import YamlPath
from msctool.load.yamlwindow import window as entry_window

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

WIDTH = 4096
"""Never fold a long value over several lines: one value, one line."""


@dataclass(frozen=True)
class Splice:
    """Replace ``text[start:end]`` with ``new`` (an insertion when start == end)."""

    start: int
    end: int
    new: str


Focus = tuple[str, int, int]
"""A top-level list key, the index of one of its entries, and how many entries it has."""


@dataclass(frozen=True)
class Indent:
    """How a file indents: keys of a nested mapping, and the dash of a nested list,
    each relative to the key above them."""

    mapping: int = 2
    offset: int = 2
    sequence: int = 4
    """Where an item's content starts, relative to the key above the list."""


class YamlDocument:
    """The text of one YAML file with its node tree, ready for splices."""

    def __init__(self, raw: str, rel: str, focus: Focus | None = None) -> None:
        self.rel = rel
        self.bom = raw.startswith("\ufeff")
        body = raw.removeprefix("\ufeff")
        self.crlf = "\r\n" in body
        self.text = body.replace("\r\n", "\n")
        self.splices: list[Splice] = []
        self.focus: Focus | None = None
        self.root = self._compose(focus)
        self.indent = _guess_indent(self.root)

    def _compose(self, focus: Focus | None) -> yaml.Node | None:
        """The node tree: of the whole text, or (faster on big files) of the one list
        entry ``focus`` names, with every other line blanked out so marks stay true."""
        window = entry_window(self.text, *focus) if focus is not None else None
        if window is not None:
            try:
                root: yaml.Node | None = yaml.compose(window, Loader=_Loader)
            except yaml.YAMLError:
                root = None  # an alias to an anchor outside the entry, say: read it all
            if root is not None:
                self.focus = focus
                return root
        try:
            return yaml.compose(self.text, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise UserError(
                f"{self.rel} is not valid YAML: {str(exc).splitlines()[0]}",
                hint="run `msc check` and fix the file first",
            ) from None

    # -- finding nodes -------------------------------------------------------------

    def node(self, path: YamlPath) -> yaml.Node | None:
        """The node at ``path``, or None when a part of the path is missing."""
        node = self.root
        if self.focus is not None and path[:1] == self.focus[:1] and len(path) > 1:
            if path[1] != self.focus[1]:
                return None  # only the focused entry is composed
            path = (path[0], 0, *path[2:])
        for part in path:
            if node is None:
                return None
            node = self._child(node, part)
        return node

    def _child(self, node: yaml.Node, part: str | int) -> yaml.Node | None:
        """The value under ``part``; a :class:`UserError` when it is an alias (``*name``):
        its node is the anchored one written elsewhere, so an edit there would land on
        other lines, and change every entry that shares the value."""
        if isinstance(node, yaml.MappingNode):
            pair = _pair(node, str(part))
            if pair is not None:
                self._refuse_alias(*pair)
            return pair[1] if pair else None
        return _child(node, part)

    def _refuse_alias(self, key: yaml.Node, value: yaml.Node) -> None:
        if value.start_mark.index >= key.end_mark.index:
            return
        start = self.text.index(":", key.end_mark.index) + 1
        alias = self.text[start:].split(None, 1)[0] if self.text[start:].strip() else "*"
        line, column = _line_column(self.text, self.text.index(alias, start))
        raise UserError(
            f"{self.rel}:{line}:{column}: `{key.value}` is an alias (`{alias}`) of a value "
            "written elsewhere in the file; msc only edits values written out in place",
            hint=f"replace `{alias}` with the value itself, then run this again",
        )

    def find_item(self, list_key: str, item_id: str) -> int | None:
        """Index of the entry of top-level list ``list_key`` whose ``id`` is ``item_id``
        (in a focused document: the focused entry's index, if it is that entry)."""
        if self.focus is not None:
            found = self.node((list_key, self.focus[1], "id"))
            hit = isinstance(found, yaml.ScalarNode) and found.value == item_id
            return self.focus[1] if hit else None
        items = self.node((list_key,))
        if not isinstance(items, yaml.SequenceNode):
            return None
        for index, item in enumerate(items.value):
            found = _child(item, "id")
            if isinstance(found, yaml.ScalarNode) and found.value == item_id:
                return index
        return None

    # -- edits ---------------------------------------------------------------------

    def append_item(self, list_key: str, item: dict[str, Any]) -> None:
        """Add ``item`` at the end of the top-level list ``list_key`` (made if missing)."""
        items = self.node((list_key,))
        if isinstance(items, yaml.SequenceNode) and items.value and not items.flow_style:
            self._append_block_item(items, item)
        elif items is None or _is_empty(items):
            self._start_list(list_key, items, item)
        else:
            raise UserError(
                f"{self.rel}: `{list_key}` is not a block list (`- ` lines), so msc cannot add to it",
                hint=f"write `{list_key}:` with one `- ` entry per item, then run this again",
            )

    def set_value(self, mapping: YamlPath, key: str, value: Any, after: tuple[str, ...]) -> None:
        """Set ``key`` in the block mapping at ``mapping``: replace its value in place,
        or add a line after the last of the ``after`` keys present (else at the end)."""
        node = self.node(mapping)
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            raise UserError(
                f"{self.rel}: cannot find a block mapping at {_dotted(mapping)}",
                hint="run `msc check`; write the entry with one `key: value` per line",
            )
        pair = _pair(node, key)
        if pair is not None:
            self._refuse_alias(*pair)
        if pair is not None:
            self.replace_value(pair, value)
            return
        anchor = _insert_after(node, after)
        line = _line_end(self.text, _end(self.text, anchor))
        column = node.value[0][0].start_mark.column
        self.splices.append(Splice(line, line, self._fragment(_styled({key: value}, None), column)))

    def replace_value(self, pair: tuple[yaml.Node, yaml.Node], value: Any) -> None:
        """Replace the value of a ``key: value`` pair: a scalar in place (a comment after
        it stays), anything else as a block below the key."""
        key_node, node = pair
        if (
            isinstance(node, yaml.ScalarNode)
            and node.value != ""
            and not isinstance(value, list | dict)
        ):
            self.splices.append(Splice(node.start_mark.index, _end(self.text, node), scalar(value)))
            return
        start = self.text.index(":", key_node.end_mark.index) + 1
        end = max(_end(self.text, node), start)
        if not isinstance(value, list | dict) or not value:
            self.splices.append(Splice(start, end, " " + scalar(value)))
            return
        template = node if isinstance(node, yaml.SequenceNode) and node.value else None
        if isinstance(value, list) and _flow(value, template):  # a list keeps its style
            flow = ", ".join(scalar(item) for item in value)
            self.splices.append(Splice(start, end, f" [{flow}]"))
            return
        column = key_node.start_mark.column + self.indent.mapping
        if template is not None and isinstance(value, list):
            column = template.start_mark.column  # where its dashes are, indented or not
        block = self._fragment(_styled(value, template), column).rstrip("\n")
        self.splices.append(Splice(start, end, "\n" + block))

    def add_to_list(self, node: yaml.SequenceNode, value: str) -> None:
        """Append the scalar ``value`` to a flow (``[a, b]``) or block list."""
        if node.flow_style:
            close = node.end_mark.index - 1
            glue = _flow_glue(
                self.text[node.value[-1].end_mark.index : close] if node.value else ""
            )
            self.splices.append(Splice(close, close, glue + scalar(value)))
            return
        last = node.value[-1]
        line = _line_end(self.text, _end(self.text, last))
        dash = " " * (node.start_mark.column)
        self.splices.append(Splice(line, line, f"{dash}- {scalar(value)}\n"))

    def remove_from_list(self, mapping: YamlPath, key: str, index: int) -> None:
        """Remove item ``index`` of the list under ``key``: from a flow list with the comma
        next to it, from a block list with its lines; a list left empty becomes ``[]``."""
        node = self.node(mapping)
        pair = _pair(node, key) if isinstance(node, yaml.MappingNode) else None
        if pair is not None:
            self._refuse_alias(*pair)
        if pair is None or not isinstance(pair[1], yaml.SequenceNode):
            raise UserError(f"{self.rel}: no list `{key}` at {_dotted(mapping)}")
        items = pair[1].value
        if len(items) == 1:
            self.replace_value(pair, [])
        elif pair[1].flow_style:
            self.splices.append(_flow_removal(items, index))
        else:
            item = items[index]
            start = self.text.rfind("\n", 0, item.start_mark.index) + 1
            self.splices.append(Splice(start, self._item_end(item, item.start_mark.column), ""))

    def append_to(self, path: YamlPath, item: Any, after: tuple[str, ...] = ()) -> None:
        """Append ``item`` to the list at ``path``, at any depth: below the last item of a
        block list, inside the brackets of a flow list of scalars, or as a new list under
        the key (after the last present of ``after``) when it is missing or empty."""
        node = self.node(path)
        if len(path) == 1 and isinstance(item, dict) and (node is None or _is_empty(node)):
            self.append_item(str(path[0]), item)
        elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
            self._append_block_item(node, item)
        elif isinstance(node, yaml.SequenceNode) and node.value and not isinstance(item, dict):
            self.add_to_list(node, item)
        elif (node is None or _is_empty(node)) and len(path) > 1:
            self.set_value(path[:-1], str(path[-1]), [item], after)
        else:
            raise UserError(
                f"{self.rel}: cannot add to {_dotted(path)}; msc adds to `- ` lists",
                hint=f"write {_dotted(path)} with one `- ` line per item, then run this again",
            )

    def remove_key(self, mapping: YamlPath, key: str) -> None:
        """Remove ``key`` and its value (with the comment lines that belong to it) from the
        block mapping at ``mapping``; the other keys keep their lines."""
        node = self.node(mapping)
        pair = _pair(node, key) if isinstance(node, yaml.MappingNode) else None
        if pair is None or not isinstance(node, yaml.MappingNode) or node.flow_style:
            raise UserError(f"{self.rel}: no `{key}` line at {_dotted(mapping)}")
        self._refuse_alias(*pair)
        keys = [key_node for key_node, _ in node.value]
        place = keys.index(pair[0])
        if len(keys) == 1:
            self.splices.append(Splice(pair[0].start_mark.index, _end(self.text, pair[1]), "{}"))
        elif place == 0:  # maybe on a list item's dash line: the next key moves up to it
            self.splices.append(Splice(pair[0].start_mark.index, keys[1].start_mark.index, ""))
        else:
            start = self.text.rfind("\n", 0, pair[0].start_mark.index) + 1
            end = self._item_end(pair[1], pair[0].start_mark.column + 1)
            self.splices.append(Splice(start, end, ""))

    # -- result --------------------------------------------------------------------

    def result(self) -> str:
        """The edited text, with the file's own line endings and byte order mark."""
        text = self.text
        ordered = sorted(enumerate(self.splices), key=lambda pair: (pair[1].start, pair[0]))
        for _, splice in reversed(ordered):
            new = splice.new
            if splice.start == len(text) and text and not text.endswith("\n"):
                new = "\n" + new.removesuffix("\n")  # keep "no final newline"
            text = text[: splice.start] + new + text[splice.end :]
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text

    # -- helpers -------------------------------------------------------------------

    def _append_block_item(self, items: yaml.SequenceNode, item: dict[str, Any]) -> None:
        last = items.value[-1]
        end = self._item_end(last, last.start_mark.column)
        gap = "\n" * _blank_lines_before(self.text, items.value[-1].start_mark.line)
        dash = items.start_mark.column
        fragment = self._fragment([_styled(item, last)], dash)
        self.splices.append(Splice(end, end, gap + fragment))

    def _start_list(self, list_key: str, items: yaml.Node | None, item: dict[str, Any]) -> None:
        styled = [_styled(item, None)]
        if items is None:
            end = len(self.text)
            prefix = "" if not self.text or self.text.endswith("\n") else "\n"
            block = self._fragment({list_key: styled}, 0)
            self.splices.append(Splice(end, end, prefix + block))
            return
        start = self._key_end(list_key)
        block = self._fragment(styled, self.indent.offset).rstrip("\n")
        self.splices.append(Splice(start, _end(self.text, items), "\n" + block))

    def _key_end(self, key: str) -> int:
        assert isinstance(self.root, yaml.MappingNode)
        pair = _pair(self.root, key)
        assert pair is not None
        return self.text.index(":", pair[0].end_mark.index) + 1

    def _item_end(self, item: yaml.Node, column: int) -> int:
        """Where the lines of ``item`` end: after its last value's line and any
        comment lines indented as deep as its keys, which belong to it."""
        position = _line_end(self.text, _end(self.text, item))
        while position < len(self.text):
            following = _line_end(self.text, position)
            line = self.text[position:following]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) < column:
                break
            position = following
        return position

    def _fragment(self, value: Any, column: int) -> str:
        """``value`` as block YAML lines starting at ``column``, ending in a newline."""
        from ruamel.yaml import YAML

        dumper = YAML(typ="rt")
        dumper.width = WIDTH
        dumper.indent(
            mapping=self.indent.mapping,
            sequence=self.indent.sequence,
            offset=self.indent.offset,
        )
        out = io.StringIO()
        dumper.dump(value, out)
        lines = out.getvalue().splitlines()
        shift = len(lines[0]) - len(lines[0].lstrip(" ")) if lines else 0
        pad = " " * column
        return "".join(f"{pad}{line[shift:]}\n" for line in lines)


def scalar(value: Any) -> str:
    """One value as YAML text for an existing line: plain when possible, quoted when needed."""
    from ruamel.yaml import YAML

    if _quoted(value) is not value:
        quoting = YAML(typ="rt")
        quoting.width = 1 << 30  # one line: the value goes on an existing line
        out = io.StringIO()
        quoting.dump(_quoted(value), out)
        return out.getvalue().strip()
    dumper = YAML(typ="safe", pure=True)
    dumper.width = WIDTH
    dumper.default_flow_style = True
    out = io.StringIO()
    dumper.dump({"k": value}, out)
    text = out.getvalue().strip()
    return text[len("{k: ") : -1]


def verify(rel: str, text: str, expected: Any) -> Any:
    """Re-parse ``text`` with the reader ``msc check`` uses and compare it with
    ``expected``; anything else means a splice went wrong (a layout the edit does not
    know, or an anchor ``&name`` whose aliases would change along): a
    :class:`UserError`, and nothing is written. Returns the data read (equal to
    ``expected``, and shared with nothing)."""
    parsed: object
    try:
        parsed = yaml_rs.loads(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    except yaml_rs.YAMLDecodeError:
        parsed = _BROKEN
    if parsed != expected:
        raise UserError(
            f"msc cannot make this edit of {rel} in place: it would change more than "
            "intended (a value shared through a YAML anchor `&name` and its aliases "
            "`*name`, or a layout msc does not know); nothing written",
            hint=f"make the change by hand in {rel} and run `msc check`; if the file has "
            "no anchors, please report this",
        )
    return parsed


_BROKEN = object()
"""Stands for a result that does not parse: equal to no expected data."""


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def parse(text: str) -> Any:
    """Plain values of a YAML text, as ``msc check`` reads them."""
    return yaml_rs.loads(text.removeprefix("\ufeff").replace("\r\n", "\n"))


def _flow_removal(items: list[yaml.Node], index: int) -> Splice:
    """Remove one item of a flow list with the separator after it (before it, for the last)."""
    if index + 1 < len(items):
        return Splice(items[index].start_mark.index, items[index + 1].start_mark.index, "")
    return Splice(items[index - 1].end_mark.index, items[index].end_mark.index, "")


def _flow_glue(between: str) -> str:
    """What goes before a new last item of a flow list, given the text between the
    current last item and ``]`` (which may already hold a trailing comma)."""
    if "," not in between:
        return ", "
    return "" if between[-1:].isspace() else " "


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        pair = _pair(node, str(part))
        return pair[1] if pair else None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    return None


def _pair(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _is_empty(node: yaml.Node) -> bool:
    """``key: []`` or ``key:`` with nothing (null)."""
    if isinstance(node, yaml.SequenceNode):
        return not node.value
    return isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null") and not node.style


def _insert_after(node: yaml.MappingNode, after: tuple[str, ...]) -> yaml.Node:
    """The value node after which a new key goes: the last present of ``after``, else the
    mapping's last value."""
    for key in reversed(after):
        pair = _pair(node, key)
        if pair is not None:
            return pair[1]
    last: yaml.Node = node.value[-1][1]
    return last


def _leaf(node: yaml.Node) -> yaml.Node:
    """The last leaf of ``node`` (block collections end where the next token starts,
    past comments and blank lines; their last leaf does not)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node


def _end(text: str, node: yaml.Node) -> int:
    """Index just past the last character of ``node``'s content. A block scalar
    (``|``, ``>``) ends with its last line: libyaml counts the blank lines after it
    in (unless it keeps them, ``|+``), and an edit there would take them along."""
    leaf = _leaf(node)
    index: int = leaf.end_mark.index
    start: int = leaf.start_mark.index
    if not isinstance(leaf, yaml.ScalarNode) or leaf.style not in ("|", ">"):
        return index
    if "+" in text[start : text.find("\n", start)]:
        return index
    while index > start and text[index - 1] in " \n":
        index -= 1
    return index


def _line_end(text: str, index: int) -> int:
    """Index just past the newline that ends the line holding ``index``."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _blank_lines_before(text: str, line: int) -> int:
    """Blank lines above line ``line`` (0-based), looking past comment lines."""
    lines = text.split("\n")
    count = 0
    for above in reversed(lines[:line]):
        stripped = above.strip()
        if stripped.startswith("#"):
            if count:
                break
            continue
        if stripped:
            break
        count += 1
    return count


def _styled(value: Any, template: yaml.Node | None) -> Any:
    """``value`` as ruamel objects, with each list in flow style where the same key of
    ``template`` (an existing entry) is a flow list; short id lists are flow anyway."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        styled = CommentedMap()
        for key, child in value.items():
            sub = _child(template, key) if template is not None else None
            styled[key] = _styled(child, sub)
        return styled
    if isinstance(value, list):
        first = (
            template.value[0]
            if isinstance(template, yaml.SequenceNode) and template.value
            else None
        )
        seq = CommentedSeq([_styled(child, first) for child in value])
        if _flow(value, template):
            seq.fa.set_flow_style()
        return seq
    return _quoted(value)


_LINE_SEPARATORS = frozenset("\x85\u2028\u2029")
"""Line breaks in YAML 1.1 (ruamel writes them raw, folding the line after them) that
the YAML 1.2 reader of ``msc check`` reads as text: a value holding one is written
double-quoted, each as its escape (``\\N``, ``\\L``, ``\\P``), so it reads back as it is."""


def _quoted(value: Any) -> Any:
    """``value``, double-quoted when it holds a line separator (see :data:`_LINE_SEPARATORS`)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str) and _LINE_SEPARATORS.intersection(value):
        return DoubleQuotedScalarString(value)
    return value


def _flow(value: list[Any], template: yaml.Node | None) -> bool:
    if isinstance(template, yaml.SequenceNode):
        return bool(template.flow_style)
    scalars = all(not isinstance(item, dict | list) for item in value)
    return scalars and sum(len(str(item)) + 2 for item in value) < 60


def _guess_indent(root: yaml.Node | None) -> Indent:
    """The indentation of the first top-level list of mappings (2 and 2 if none)."""
    if not isinstance(root, yaml.MappingNode):
        return Indent()
    for key_node, value_node in root.value:
        if (
            isinstance(value_node, yaml.SequenceNode)
            and value_node.value
            and not value_node.flow_style
        ):
            key = key_node.start_mark.column
            offset = max(value_node.start_mark.column - key, 0)
            first = value_node.value[0]
            sequence = max(first.start_mark.column - key, offset + 2)
            return Indent(_mapping_indent(first), offset, sequence)
    return Indent()


def _mapping_indent(item: yaml.Node) -> int:
    """How far a nested block mapping of ``item`` is indented under its key (2 if none)."""
    if isinstance(item, yaml.MappingNode):
        for key_node, value_node in item.value:
            if (
                isinstance(value_node, yaml.MappingNode)
                and value_node.value
                and not value_node.flow_style
            ):
                indent: int = value_node.start_mark.column - key_node.start_mark.column
                return max(indent, 1)
    return 2


def _dotted(path: YamlPath) -> str:
    return ".".join(str(part) for part in path) or "the top"
