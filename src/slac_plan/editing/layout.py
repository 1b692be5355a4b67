"""The canonical layout of one plan file: what `slac fmt` writes and every edit keeps.

Keys in the model's order, two-space indentation with list items indented under their key,
quotes only where YAML needs them, long lines left unwrapped. Comments, block scalars, the
line-ending style, a BOM and a leading `---` are kept. The result is checked before it is
used: it must hold exactly the same data, keep every comment, and format to itself again.
"""

from __future__ import annotations

import bisect
import io
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import events as ev
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from slac_plan.core.model import ACTION_KEYS, Action, Item, models_by_file
from slac_plan.core.positions import Loc
from slac_plan.files import yamlread
from slac_plan.files.schema_errors import field_annotation, model_in, yaml_keys
from slac_plan.files.yamledit import (
    EditRefused,
    Node,
    index,
    key_lines_start,
    layout,
    line_end,
    line_start,
)


def model_for(name: str, at_root: bool) -> type[BaseModel]:
    models = models_by_file()
    return (models.get(name) if at_root else None) or Item


def format_text(text: str, model: type[BaseModel]) -> str:
    """The canonical layout of `text` (which must be a valid file of `model`)."""
    once = _format(text, model)
    _check_same(text, once)
    if _format(once, model) != once:
        raise EditRefused("the layout does not settle (formatting it again changes it)")
    return once


def _format(text: str, model: type[BaseModel]) -> str:
    crlf = "\r\n" in text
    body = _in_model_order(text.replace("\r\n", "\n"), model)
    yaml = layout(explicit_start=body.lstrip().startswith("---"))
    data = yaml.load(body)
    _reorder(data, model)
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    return result.replace("\n", "\r\n") if crlf else result


def _in_model_order(text: str, model: type[BaseModel]) -> str:
    """Put the keys of every block mapping in the model's order by moving whole lines, so that
    the comments above a key and after its value move with it. (The emitter would reorder keys
    but leave full-line comments where they were, above some other key.) A mapping it cannot
    reorder this way is left to the emitter, and `_check_same` refuses if a comment would
    change keys."""
    if not text.endswith("\n"):
        text += "\n"
    for _ in range(10_000):
        nodes = index(text)
        for loc, node in sorted(nodes.items(), key=lambda pair: -len(pair[0])):
            if node.kind != "map" or node.flow:
                continue
            moved = _reordered(text, nodes, loc, _order_at(model, loc))
            if moved is not None:
                text = moved
                break
        else:
            return text
    return text


def _order_at(model: type[BaseModel], loc: Loc) -> list[str] | None:
    annotation: Any = model
    for part in loc:
        annotation = field_annotation(annotation, part)
        if annotation is None:
            return None
    found = model_in(annotation)
    if found is None:
        return None
    return ACTION_KEYS if found is Action else yaml_keys(found)


def _reordered(text: str, nodes: dict[Loc, Node], loc: Loc, order: list[str] | None) -> str | None:
    """The text with the mapping at `loc` in `order`, or None when it already is (or cannot
    be reordered by lines)."""
    if order is None:
        return None
    children = sorted(
        ((key, node) for key, node in _children(nodes, loc) if node.key_start is not None),
        key=lambda pair: pair[1].key_start or 0,
    )
    rank = {key: n for n, key in enumerate(order)}
    keys = [key for key, _ in children]
    wanted = sorted(keys, key=lambda k: rank.get(k, len(order)))
    if keys == wanted:
        return None
    first_key = children[0][1].key_start or 0
    if wanted[0] != keys[0] and text[line_start(text, first_key) : first_key].strip():
        return None  # the first key shares its line with a '- ' and would move: left as is
    starts = [key_lines_start(text, node.key_start or 0) for _, node in children]
    starts[0] = line_start(text, first_key)
    end = line_end(text, nodes[loc].end)
    chunks = {
        key: text[start : starts[n + 1] if n + 1 < len(starts) else end]
        for n, (key, start) in enumerate(zip(keys, starts, strict=True))
    }
    return text[: starts[0]] + "".join(chunks[key] for key in wanted) + text[end:]


def _children(nodes: dict[Loc, Node], loc: Loc) -> list[tuple[str, Node]]:
    return [
        (str(child[-1]), node)
        for child, node in nodes.items()
        if len(child) == len(loc) + 1 and child[: len(loc)] == loc
    ]


def _reorder(node: Any, annotation: Any) -> None:
    """Put each mapping's keys in its model's field order (the mappings _in_model_order left)."""
    if isinstance(node, CommentedMap):
        model = model_in(annotation)
        if model is not None:
            order = ACTION_KEYS if model is Action else yaml_keys(model)
            for key in sorted(node, key=lambda k: order.index(k) if k in order else len(order)):
                node.move_to_end(key)
        for key, value in node.items():
            _reorder(value, field_annotation(annotation, str(key)) if model is not None else None)
    elif isinstance(node, CommentedSeq):
        for value in node:
            _reorder(value, field_annotation(annotation, 0))


_CUT_BEFORE = " \t\r\n"


def comments(text: str) -> Counter[tuple[str, Loc]]:
    """Every comment of a YAML text with the place it belongs to: a comment after a value
    belongs to the node on its line, one on a line of its own to the next node below it.
    A `#` counts when it starts a line or follows a space and is inside no scalar (the
    parser's marks give every scalar's extent, quoted and block ones included)."""
    spans: list[tuple[int, int]] = []
    for event in yamlread.events(text):
        if type(event) is ev.ScalarEvent:
            spans.append((event.start_mark.index, event.end_mark.index))
    spans.sort()
    starts = [start for start, _ in spans]
    places = sorted(
        (offset, loc)
        for loc, node in index(text).items()
        for offset in (node.key_start if node.key_start is not None else node.start,)
    )
    offsets = [offset for offset, _ in places]
    found: Counter[tuple[str, Loc]] = Counter()
    at = text.find("#")
    while at >= 0:
        n = bisect.bisect_right(starts, at) - 1
        inside = n >= 0 and spans[n][0] <= at < spans[n][1]
        if not inside and (at == 0 or text[at - 1] in _CUT_BEFORE):
            stop = text.find("\n", at)
            stop = len(text) if stop < 0 else stop
            found[(text[at:stop].rstrip(), _owner(text, at, places, offsets))] += 1
            at = text.find("#", stop)
            continue
        at = text.find("#", at + 1)
    return found


def _owner(text: str, at: int, places: list[tuple[int, Loc]], offsets: list[int]) -> Loc:
    line = line_start(text, at)
    if text[line:at].strip():
        n = bisect.bisect_right(offsets, at) - 1
        while n >= 0 and places[n][0] >= line:
            return places[n][1]
    n = bisect.bisect_right(offsets, at)
    return places[n][1] if n < len(places) else ("end of file",)


def _check_same(before: str, after: str) -> None:
    path = Path("formatted.yaml")
    if yamlread.parse(path, before)[0] != yamlread.parse(path, after)[0]:
        raise EditRefused("formatting would change the data; the file was left as it is")
    lost = comments(before) - comments(after)
    if lost:
        comment, _ = next(iter(lost))
        moved = any(text == comment for text, _ in comments(after))
        what = "move the comment" if moved else "lose the comment"
        raise EditRefused(f"formatting would {what} '{comment}'; left as it is")
