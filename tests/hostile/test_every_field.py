"""Hostile text in every text field of a valid plan, through every command and output format.

Each output either refuses with a clear message or shows the text inertly, checked by parsing
what a reader or a program would parse: JSON, CSV cells, XML, Markdown table shape, HTML, a
Word file, and the bytes a terminal would get.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from tests.conftest import BOARDS_YAML, GLOSSARY_YAML, ITEM_YAML, PLAN_YAML, ROLES_YAML, Runner

ATTACK = (
    '=HYPERLINK("http://evil.example","x") [link=https://evil.example]x[/link] [/x] '
    "<script>alert(1)</script><img src=x onerror=alert(1)> | a | b | "
    "[x](javascript:alert(1)) \u202eevil\u202c &amp; "
    "\n# heading\n::error ::pwned\nkey: value\n- item &anchor *alias " + "w" * 300
)
"""One text that tries everything at once: a formula, terminal markup, HTML, a Markdown
table break and link, a bidi override, an entity, new lines starting a heading and a CI
workflow command, YAML syntax, and a very long word."""

ESCAPES = ["\x1b[2J", "\x1b]0;title\x07", "\x00", "\x9b31m", "\x7f"]


@dataclass(frozen=True)
class Field:
    name: str
    file: str
    old: str
    key: str

    def put(self, text: str) -> tuple[str, str]:
        """The file's name and its text with this field set to `text` (double-quoted)."""
        source = {
            "plan.yaml": PLAN_YAML,
            "roles.yaml": ROLES_YAML,
            "boards.yaml": BOARDS_YAML,
            "glossary.yaml": GLOSSARY_YAML,
            "items/r1.yaml": ITEM_YAML + EXTRA,
        }[self.file]
        assert self.old in source, self.old
        indent = self.old[: len(self.old) - len(self.old.lstrip())]
        key = "- " if self.key == "-" else f"{self.key}: "  # a list entry has no key
        return self.file, source.replace(self.old, f"{indent}{key}{json.dumps(text)}", 1)


EXTRA = """\
  - id: R1.3
    text: Hand-set status with a moved due.
    leads:
      - role: ad
    by_when: March 2012
    due_moves:
      - date: 2012-02-20
        from: 2012-03-31
        to: 2012-05-31
        reason: Moved for a reason.
    brag_override:
      status: amber
      reason: Set for a reason.
cross_references:
  - id: R1
    note: A note on the reference.
notes:
  - A note on the item.
"""

FIELDS = [
    Field("authority", "plan.yaml", "authority: Example Council", "authority"),
    Field("plan title", "plan.yaml", "title: Action plan in response to an inspection", "title"),
    Field("section title", "plan.yaml", "    title: Safeguarding Recommendations", "title"),
    Field("role title", "roles.yaml", "    title: Head of Safeguarding", "title"),
    Field("board name", "boards.yaml", "    name: Local Safeguarding Children Board", "name"),
    Field("glossary", "glossary.yaml", "  LSCB: Local Safeguarding Children Board", "LSCB"),
    Field("item text", "items/r1.yaml", "text: Ensure that supervision is regular and recorded.",
          "text"),
    Field("timescale", "items/r1.yaml", "timescale: Within 3 months (end February 2012)",
          "timescale"),
    Field("outcome", "items/r1.yaml", "    text: Staff receive monthly supervision.", "text"),
    Field("action", "items/r1.yaml", "    text: Coaching workshops for managers.", "text"),
    Field("by when", "items/r1.yaml", "    by_when: February – March 2012", "by_when"),
    Field("evidence", "items/r1.yaml", "        text: Focus group with managers 19.1.12", "text"),
    Field("move reason", "items/r1.yaml", "        reason: Moved for a reason.", "reason"),
    Field("status reason", "items/r1.yaml", "      reason: Set for a reason.", "reason"),
    Field("reference note", "items/r1.yaml", "    note: A note on the reference.", "note"),
    Field("item note", "items/r1.yaml", "  - A note on the item.", "-"),
]  # fmt: skip


def write(folder: Path, field: Field, text: str) -> Path:
    root = folder / "plan"
    files = {
        "plan.yaml": PLAN_YAML,
        "roles.yaml": ROLES_YAML,
        "boards.yaml": BOARDS_YAML,
        "glossary.yaml": GLOSSARY_YAML,
        "items/r1.yaml": ITEM_YAML + EXTRA,
    }
    name, changed = field.put(text)
    files[name] = changed
    for path, body in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(body, encoding="utf-8")
    return root


def terminal_safe(out: str) -> None:
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), "a control character"
    assert not any(line.startswith("::") for line in out.splitlines()), "a workflow command"


def csv_safe(out: str) -> None:
    rows = list(csv.reader(io.StringIO(out)))
    assert len({len(row) for row in rows}) == 1, "ragged rows"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def markdown_safe(out: str) -> None:
    assert not re.search(r"(?<!\\)<(script|img)", out), "raw HTML"
    assert not re.search(r"(?<!\\)\]\(javascript:", out), "a link"
    assert not re.search(r"^# heading", out, re.M), "a heading from plan text"
    widths: list[int] = []
    for line in out.splitlines():
        if line.startswith("|"):
            widths.append(len(re.findall(r"(?<!\\)\|", line)))
        elif widths:
            assert len(set(widths)) == 1, "a table changed shape"
            widths = []


def html_safe(out: str) -> None:
    assert "<script>alert" not in out and "<img src=x" not in out
    assert "javascript:alert" not in out.replace("](javascript:alert", "")


def xml_parses(out: str) -> None:
    ET.fromstring(out)


OUTPUTS: list[tuple[str, list[str], Callable[[str], object]]] = [
    ("overdue text", ["overdue", "--as-of", "2012-06-01"], terminal_safe),
    ("overdue json", ["overdue", "--as-of", "2012-06-01", "--format", "json"], json.loads),
    ("overdue csv", ["overdue", "--as-of", "2012-06-01", "--format", "csv"], csv_safe),
    ("overdue md", ["overdue", "--as-of", "2012-06-01", "--format", "markdown"], markdown_safe),
    ("show", ["show", "R1.2", "--as-of", "2012-06-01"], terminal_safe),
    ("export", ["export"], json.loads),
    ("smart json", ["smart", "--as-of", "2012-06-01", "--format", "json"], json.loads),
    ("monthly md", ["report", "monthly", "--month", "2012-05"], markdown_safe),
    ("monthly html", ["report", "monthly", "--month", "2012-05", "--format", "html"], html_safe),
    ("lead md", ["report", "lead", "hos", "--as-of", "2012-06-01"], markdown_safe),
    ("board md", ["report", "board", "lscb", "--month", "2012-05"], markdown_safe),
    ("quarterly md", ["report", "quarterly", "--quarter", "2012Q2"], markdown_safe),
]
LINT: list[tuple[str, list[str], Callable[[str], object]]] = [
    ("lint text", ["--format", "text"], terminal_safe),
    ("lint json", ["--format", "json"], json.loads),
    ("lint sarif", ["--format", "sarif"], json.loads),
    ("lint junit", ["--format", "junit"], xml_parses),
    ("validate text", [], terminal_safe),
]


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_hostile_text_is_shown_inertly(field: Field, slac: Runner, tmp_path: Path) -> None:
    root = write(tmp_path, field, ATTACK)
    checked = slac("validate", str(root))
    assert checked.code == 0, checked.out + checked.err
    plan = ["--plan", str(root)]
    for name, args, check in OUTPUTS:
        result = slac(*args, *plan)
        assert result.code == 0, (name, result.err)
        try:
            check(result.out)
        except (AssertionError, ValueError, ET.ParseError) as error:
            raise AssertionError(f"{field.name} -> {name}: {error}") from None
    for name, args, check in LINT:
        command = "validate" if name.startswith("validate") else "lint"
        extra = ["--as-of", "2012-06-01"] if command == "lint" else []
        result = slac(command, *extra, *args, str(root))
        try:
            check(result.out)
        except (AssertionError, ValueError, ET.ParseError) as error:
            raise AssertionError(f"{field.name} -> {name}: {error}") from None
    word = tmp_path / "update.docx"
    made = slac(
        "report", "monthly", "--month", "2012-05", "--format", "docx", "-o", str(word), *plan
    )
    assert made.code == 0, made.err
    document = docx.Document(str(word))
    shown = "\n".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)  # it opens, and holds text


@pytest.mark.parametrize("escape", ESCAPES, ids=[repr(e) for e in ESCAPES])
@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_control_characters_are_refused_in_every_field(
    field: Field, escape: str, slac: Runner, tmp_path: Path
) -> None:
    root = write(tmp_path, field, f"before {escape} after")
    result = slac("validate", str(root))
    assert result.code == 1, result.out
    assert "Y202 control character U+" in result.out
    terminal_safe(result.out + result.err)
