"""Words for people: where a problem is, as the officer who edits the plan knows it
(`SG-R4.2, lead 1`, not `actions[1].leads[0]`: an action by its id, other list entries by their
position counted from 1), and sentences that end with one full stop, not two.
"""

from __future__ import annotations

import re
from typing import Any

from slac_plan.core.positions import Loc

_NAMED_BY_ID = {"actions", "sub_actions"}
_SINGULAR = {
    "actions": "action",
    "sub_actions": "sub-action",
    "leads": "lead",
    "evidence": "evidence entry",
    "outcomes": "outcome",
    "cross_references": "cross-reference",
    "due_moves": "due move",
    "accountable_to": "accountable_to entry",
    "roles": "role",
    "boards": "board",
    "sections": "section",
    "arrangements": "arrangement",
}


def human_path(data: Any, loc: Loc) -> str:
    """`loc` inside `data` (plain dicts and lists, or models) for people; '' for the top."""
    parts: list[str] = []
    node: Any = data
    for n, part in enumerate(loc):
        parent = str(loc[n - 1]) if n else ""
        node = _child(node, part)
        if isinstance(part, int):
            ident = _child(node, "id")
            if parent in _NAMED_BY_ID and isinstance(ident, str) and ident:
                parts = [ident]
            else:
                parts.append(f"{_SINGULAR.get(parent, parent)} {part + 1}")
        elif n + 1 == len(loc) or not isinstance(loc[n + 1], int):
            parts.append(part)
    return ", ".join(parts)


def _child(node: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return node[part] if isinstance(node, list | tuple) and 0 <= part < len(node) else None
    if isinstance(node, dict):
        return node.get(part)
    return getattr(node, part, None)


def sentence(text: str) -> str:
    """Text ending in one full stop (never '..'); empty text stays empty."""
    text = text.rstrip()
    return text if not text or text.endswith((".", "?", "!", "…")) else text + "."


_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """Text that cannot start a new output line: in a CI log a line of plan text beginning
    `::error` would be run as a workflow command, and in a table it breaks the row."""
    return _BREAKS.sub(" ", text)


def clipped(text: str, limit: int = 90) -> str:
    """The text on one line, cut at a word before `limit` characters with an ellipsis: for a
    summary line that links to where the whole text is."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:-–") + "…"
