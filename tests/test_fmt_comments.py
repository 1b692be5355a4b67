"""Property: a comment written on any line of a valid plan file survives `slac fmt` next to the
same key: one on a line of its own stays right above that key's line, one after a value stays on
that value's line, wherever formatting moves the key (or fmt refuses and changes nothing)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import events as ev

from slac_plan.core.model import Item
from slac_plan.core.positions import Loc
from slac_plan.editing.layout import format_text
from slac_plan.files.yamledit import EditRefused, index
from slac_plan.files.yamlread import events
from tests.conftest import BUNDLED_PLAN

SAMPLES = ["sg-r1.yaml", "lac-r4.yaml", "sg-r9.yaml", "lac-r1.yaml"]

SHUFFLED = """\
id: R1
number: 1
kind: recommendation
section: sg
text: Ensure that supervision is regular and recorded.
actions:
  - id: R1.1
    status: in-progress
    by_when: April 2012
    text: Review all supervision materials with an external consultant.
    accountable_to: [lscb]
    leads:
      - responsible: true
        role: ad
    evidence:
      - text: Focus group with managers 19.1.12
        date: 2012-01-19
"""


def texts() -> list[str]:
    return [SHUFFLED, *((BUNDLED_PLAN / "items" / name).read_text("utf-8") for name in SAMPLES)]


def block_lines(text: str) -> set[int]:
    """Lines (0-based) inside block scalars (`>-`, `|`), where a '#' is text, not a comment."""
    lines: set[int] = set()
    for event in events(text):
        if type(event) is ev.ScalarEvent and event.style in (">", "|"):
            lines.update(range(event.start_mark.line, event.end_mark.line + 1))
    return lines


def keyed_lines(text: str) -> dict[int, Loc]:
    """Line (0-based) -> the node that starts on it: a list entry (`- id: ...`) where one
    starts, else the key. A comment above `- text: ...` is about the entry, which formatting
    may begin with another key."""
    found: dict[int, Loc] = {}
    for loc, node in sorted(index(text).items(), key=lambda pair: -len(pair[0])):
        start = node.key_start if node.key_start is not None else node.start
        found[text.count("\n", 0, start)] = loc
    return found


def value_end_lines(text: str) -> dict[int, Loc]:
    """Line -> the node whose one-line value ends it (a place for a comment after a value)."""
    found: dict[int, Loc] = {}
    nodes = index(text)
    blocks = block_lines(text)
    for loc, node in nodes.items():
        if node.kind == "map" or (node.kind == "seq" and not node.flow):
            continue
        line = text.count("\n", 0, node.end)
        if line in blocks or text.count("\n", 0, node.start) != line:
            continue
        rest = text[node.end : text.find("\n", node.end)].strip()
        if not rest or rest.startswith("#"):
            found[line] = loc
    return found


def owner_of(text: str, marker: str) -> Loc | None:
    """Where `marker` ended up: the key below it (own line) or the value it follows."""
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if marker in line)
    if lines[at].strip().startswith("#"):
        keyed = keyed_lines(text)
        below = next(n for n in range(at + 1, len(lines)) if not lines[n].strip().startswith("#"))
        return keyed.get(below)
    return value_end_lines(text).get(at)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SAMPLES)), st.integers(0, 10_000), st.booleans())
def test_a_comment_stays_with_its_key(sample: int, pick: int, own_line: bool) -> None:
    text = texts()[sample]
    marker = f"# note {pick} it's mine: yes"
    lines = text.split("\n")
    if own_line:
        places = sorted(keyed_lines(text))
        line = places[pick % len(places)]
        indent = len(lines[line]) - len(lines[line].lstrip(" "))
        lines.insert(line, " " * indent + marker)
        expected = keyed_lines(text)[line]
    else:
        ends = value_end_lines(text)
        line = sorted(ends)[pick % len(ends)]
        lines[line] += "  " + marker
        expected = ends[line]
    commented = "\n".join(lines)
    try:
        formatted = format_text(commented, Item)
    except EditRefused as refused:
        assert "comment" in str(refused)  # refused for the comment's sake, never silently
        return
    assert marker in formatted
    assert owner_of(formatted, marker) == expected, formatted


def test_a_comment_above_a_moved_key_moves_with_it() -> None:
    text = SHUFFLED.replace(
        "    status: in-progress\n", "    # agreed at DMT\n    status: in-progress\n"
    )
    formatted = format_text(text, Item)
    assert "    # agreed at DMT\n    status: in-progress\n" in formatted
    assert formatted.index("by_when") < formatted.index("# agreed at DMT")


def test_a_comment_fmt_cannot_keep_is_refused() -> None:
    """ruamel drops comments inside a flow list; an apostrophe before the '#' used to hide that."""
    text = SHUFFLED.replace(
        "    accountable_to: [lscb]\n",
        "    accountable_to: [chair's-board,  # the view\n      lscb]\n",
    )
    with pytest.raises(EditRefused, match="would lose the comment '# the view'"):
        format_text(text, Item)
