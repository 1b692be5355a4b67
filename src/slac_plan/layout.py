"""The canonical layout of one plan file: what `slac fmt` writes and every edit keeps.

Keys in the model's order, two-space indentation with list items indented under their key,
quotes only where YAML needs them, long lines left unwrapped. Comments, block scalars, the
line-ending style, a BOM and a leading `---` are kept. The result is checked before it is
used: it must hold exactly the same data, keep every comment, and format to itself again.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from slac_plan import yamlread
from slac_plan.model import ACTION_KEYS, Action, Item, models_by_file
from slac_plan.schema_errors import field_annotation, model_in, yaml_keys
from slac_plan.yamledit import EditRefused, layout


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
    body = text.replace("\r\n", "\n")
    yaml = layout(explicit_start=body.lstrip().startswith("---"))
    data = yaml.load(body)
    _reorder(data, model)
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    return result.replace("\n", "\r\n") if crlf else result


def _reorder(node: Any, annotation: Any) -> None:
    """Put each mapping's keys in its model's field order (comments travel with their key)."""
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


_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def comments(text: str) -> Counter[str]:
    """The comments of a YAML text (approximately: `#` at a line start or after a space,
    outside quotes), as a multiset of their text."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        quotes = 0
        for index, char in enumerate(line):
            if char in "'\"":
                quotes += 1
            if char == "#" and quotes % 2 == 0 and (index == 0 or line[index - 1] in " \t"):
                found[line[index:].rstrip()] += 1
                break
    return found


def _check_same(before: str, after: str) -> None:
    path = Path("formatted.yaml")
    if yamlread.parse(path, before)[0] != yamlread.parse(path, after)[0]:
        raise EditRefused("formatting would change the data; the file was left as it is")
    lost = comments(before) - comments(after)
    if lost:
        first = next(iter(lost))
        raise EditRefused(f"formatting would lose the comment '{first}'; left as it is")
