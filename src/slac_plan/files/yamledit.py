"""Surgical edits of YAML text: change only the bytes an edit is about, keep everything else.

A plain load-and-dump loses quotes, comments, line endings and more. Instead the C parser's
event marks give the exact span of every key and value, and an edit is a splice of new text
into the old: a value replaced, a list item appended, a key inserted. Everything outside the
splice (comments, quoting, block scalars, flow lists, CRLF, a BOM, key order) is untouched.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml import events as ev

from slac_plan.core.positions import Loc
from slac_plan.core.problems import FileUnusable
from slac_plan.files.yamlread import events, parse


class EditRefused(Exception):
    """The edit cannot be made safely; the message says why (nothing was changed)."""


@dataclass
class Node:
    """Where a node sits in the text (character offsets), and its shape."""

    kind: str  # "map", "seq" or "scalar"
    start: int
    end: int
    """Offset just after its last character of content (not counting trailing comments)."""
    col: int
    flow: bool
    key_start: int | None = None
    key_col: int | None = None
    keys: list[str] = field(default_factory=list)
    items: int = 0


def index(text: str) -> dict[Loc, Node]:
    """Every node of a one-document YAML text, by data path."""
    nodes: dict[Loc, Node] = {}
    stack: list[tuple[Loc, Node, str | None, int | None, int | None]] = []
    for event in events(text):
        kind = type(event)
        if kind is ev.ScalarEvent or kind in (ev.MappingStartEvent, ev.SequenceStartEvent):
            start, col = event.start_mark.index, event.start_mark.column
            if stack and stack[-1][1].kind == "map" and stack[-1][2] is None:
                loc, parent, _, _, _ = stack[-1]
                stack[-1] = (loc, parent, event.value, start, col)
                parent.keys.append(event.value)
                continue
            path, key_start, key_col = _child(stack)
            if kind is ev.ScalarEvent:
                node = Node("scalar", start, event.end_mark.index, col, False, key_start, key_col)
                nodes[path] = node
                _grow(stack, node.end)
            else:
                flow = bool(event.flow_style)
                node = Node(
                    "map" if kind is ev.MappingStartEvent else "seq",
                    start,
                    event.end_mark.index,
                    col,
                    flow,
                    key_start,
                    key_col,
                )
                nodes[path] = node
                stack.append((path, node, None, None, None))
        elif kind in (ev.MappingEndEvent, ev.SequenceEndEvent):
            _, node, _, _, _ = stack.pop()
            if node.flow:
                node.end = event.end_mark.index
            _grow(stack, node.end)
    return nodes


def _child(
    stack: list[tuple[Loc, Node, str | None, int | None, int | None]],
) -> tuple[Loc, int | None, int | None]:
    if not stack:
        return (), None, None
    loc, parent, key, key_start, key_col = stack[-1]
    if parent.kind == "map":
        stack[-1] = (loc, parent, None, None, None)
        return (*loc, key if key is not None else ""), key_start, key_col
    parent.items += 1
    return (*loc, parent.items - 1), None, None


def _grow(stack: list[tuple[Loc, Node, str | None, int | None, int | None]], end: int) -> None:
    if stack and not stack[-1][1].flow:
        stack[-1][1].end = max(stack[-1][1].end, end)


# --- scalars -------------------------------------------------------------------------------


def layout(*, explicit_start: bool) -> YAML:
    """The emitter settings of the canonical layout (edits write scalars with them too)."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.explicit_start = explicit_start
    yaml.preserve_quotes = False
    return yaml


def scalar(value: str | date | bool) -> str:
    """A value written as YAML exactly as `slac fmt` writes it (so an edit leaves the file
    formatted), and checked to read back as exactly `value`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    written = _emitted(value)
    if "\n" in written or _read_back(written) != value:
        # The emitter folds some line breaks (NEL, U+2028) into a multi-line form; a
        # double-quoted JSON string is one line and reads back exactly.
        written = json.dumps(value, ensure_ascii=False)
    return written


@lru_cache(maxsize=1)
def _emitter() -> YAML:
    return layout(explicit_start=False)


def _emitted(value: str) -> str:
    out = io.StringIO()
    _emitter().dump({"k": value}, out)
    return out.getvalue().removeprefix("k: ").removesuffix("\n")


def _read_back(written: str) -> object:
    try:
        data, _ = parse(Path("value.yaml"), f"k: {written}\n")
    except FileUnusable:
        return None
    return data.get("k")


# --- text helpers -----------------------------------------------------------------------------


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """The offset just after the newline that ends the line holding `offset - 1`."""
    if offset > 0 and text[offset - 1] == "\n":
        return offset
    found = text.find("\n", offset)
    return len(text) if found < 0 else found + 1


def sequence_offset(nodes: dict[Loc, Node]) -> int:
    """How far this file indents a block list under its key (`key:\\n  - x` is 2)."""
    for node in nodes.values():
        if node.kind == "seq" and not node.flow and node.key_col is not None:
            return max(node.col - node.key_col, 0)
    return 2


@dataclass(frozen=True)
class Splice:
    start: int
    end: int
    text: str


def apply(text: str, splices: list[Splice]) -> str:
    for splice in sorted(splices, key=lambda s: s.start, reverse=True):
        text = text[: splice.start] + splice.text + text[splice.end :]
    return text


# --- edits ---------------------------------------------------------------------------------


def _mapping(nodes: dict[Loc, Node], loc: Loc) -> Node:
    node = nodes.get(loc)
    if node is None or node.kind != "map":
        raise EditRefused("the place to edit is not a mapping in this file")
    if node.flow:
        raise EditRefused("it is written as a flow mapping ({...}); write it as a block first")
    return node


def _key_col(nodes: dict[Loc, Node], loc: Loc, mapping: Node) -> int:
    cols = [n.key_col for k, n in nodes.items() if k[:-1] == loc and n.key_col is not None]
    return cols[0] if cols else mapping.col


def _insert_key_at(text: str, nodes: dict[Loc, Node], loc: Loc, before: list[str]) -> int:
    """Where a new key goes: before the first of `before` present (and its comments), else
    after the mapping's last content line."""
    mapping = _mapping(nodes, loc)
    for key in before:
        node = nodes.get((*loc, key))
        if node is not None and node.key_start is not None:
            return key_lines_start(text, node.key_start)
    return line_end(text, mapping.end)


def key_lines_start(text: str, key_start: int) -> int:
    """The start of a key's lines: its own line, with the comment lines right above it (they
    are about the key, and go where it goes)."""
    start = line_start(text, key_start)
    while start > 0:
        previous = line_start(text, start - 1)
        if text[previous:start].lstrip().startswith("#"):
            start = previous
        else:
            break
    return start


def set_scalar(text: str, loc: Loc, key: str, value: str | date | bool, before: list[str]) -> str:
    """Set `key` of the mapping at `loc` to a scalar: replace its value, or add the key."""
    nodes = index(text)
    node = nodes.get((*loc, key))
    written = scalar(value)
    if node is not None:
        if node.kind != "scalar":
            raise EditRefused(f"'{key}' holds a list or mapping, not a single value")
        return apply(text, [Splice(node.start, node.end, written)])
    mapping = _mapping(nodes, loc)
    indent = " " * _key_col(nodes, loc, mapping)
    at = _insert_key_at(text, nodes, loc, before)
    return apply(
        text, [Splice(at, at, _prefix(text, at) + f"{indent}{key}: {written}" + newline_of(text))]
    )


def append_item(
    text: str, loc: Loc, key: str, fields: list[tuple[str, str | date]], before: list[str]
) -> str:
    """Append a mapping of scalars to the block list `key` of the mapping at `loc`."""
    nodes = index(text)
    mapping = _mapping(nodes, loc)
    nl = newline_of(text)
    node = nodes.get((*loc, key))
    if node is not None and node.kind == "seq" and not node.flow and node.items:
        dash = node.col
        at = line_end(text, node.end)
        return apply(text, [Splice(at, at, _prefix(text, at) + _item(dash, fields, nl))])
    col = _key_col(nodes, loc, mapping)
    dash = col + sequence_offset(nodes)
    if node is not None:
        empty = (node.kind == "seq" and node.items == 0) or (
            node.kind == "scalar" and text[node.start : node.end].strip() in ("", "~", "null")
        )
        if not empty or node.key_start is None:
            raise EditRefused(f"'{key}' is written as a flow list; write it as a block list first")
        start = line_start(text, node.key_start)
        end = line_end(text, max(node.end, node.key_start))
        return apply(text, [Splice(start, end, f"{' ' * col}{key}:{nl}" + _item(dash, fields, nl))])
    at = _insert_key_at(text, nodes, loc, before)
    return apply(
        text,
        [Splice(at, at, _prefix(text, at) + f"{' ' * col}{key}:{nl}" + _item(dash, fields, nl))],
    )


def _item(dash: int, fields: list[tuple[str, str | date]], nl: str) -> str:
    lines = []
    for n, (name, value) in enumerate(fields):
        lead = " " * dash + "- " if n == 0 else " " * (dash + 2)
        lines.append(f"{lead}{name}: {scalar(value)}{nl}")
    return "".join(lines)


def _prefix(text: str, at: int) -> str:
    """A newline first when inserting at the end of a file that lacks one."""
    return newline_of(text) if at == len(text) and text and not text.endswith("\n") else ""
