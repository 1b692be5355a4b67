"""One shape for every problem slac finds, so every command reports them the same way."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at a place in a file. Lines and columns are 1-based; 0 means "whole file"."""

    path: Path
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None

    def with_severity(self, severity: Severity) -> Problem:
        return Problem(self.path, self.line, self.col, self.code, self.message, severity, self.hint)

    def location(self) -> str:
        if self.line <= 0:
            return str(self.path)
        return f"{self.path}:{self.line}:{self.col}"


class InputError(Exception):
    """Input the user can fix (a template, an option's value): the CLI shows the message as
    one line and exits 2, as for a usage error."""


class FileUnusable(Exception):
    """A file cannot be read or parsed at all; carries the one problem that says why."""

    def __init__(self, problem: Problem, text: str | None = None) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.text = text  # the decoded text, when the file could at least be read


def problems_json(problems: list[Problem]) -> bytes:
    """Problems as one line of JSON (for the cache), read back by `problems_from_json`."""
    import json  # here, not above: `slac --help` imports this module and needs no JSON

    return json.dumps(
        [
            [str(p.path), p.line, p.col, p.code, p.message, str(p.severity), p.hint]
            for p in problems
        ],
        ensure_ascii=False,
    ).encode("utf-8")


def problems_from_json(data: bytes) -> list[Problem]:
    """The problems `problems_json` wrote; ValueError, TypeError or KeyError if it is not that."""
    import json

    return [
        Problem(Path(path), line, col, code, message, Severity(severity), hint)
        for path, line, col, code, message, severity, hint in json.loads(data)
    ]


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Sorted by file, line, column, then code: stable output that diffs well in CI logs."""
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.col, p.code, p.message))


# Codes, by family. F: the file itself; Y: YAML; V: schema; X: cross-references.
CODES: dict[str, str] = {
    "F101": "cannot open the file",
    "F102": "not a regular file",
    "F103": "file too large",
    "F104": "not inside a plan",
    "F199": "internal error while reading the file",
    "Y201": "not UTF-8 text",
    "Y202": "control character in the text",
    "Y203": "YAML syntax error",
    "Y204": "duplicate key",
    "Y205": "anchors and aliases are not allowed",
    "Y206": "tag not allowed",
    "Y207": "directive not allowed",
    "Y208": "not exactly one YAML document",
    "Y209": "top level is not a mapping",
    "Y210": "nested too deeply",
    "Y211": "value out of range",
    "Y212": "key is not text",
    "Y213": "too many values",
    "Y214": "unquoted text cut short by a comment (warning)",
    "V301": "unknown field",
    "V302": "missing field",
    "V303": "wrong value",
    "X401": "duplicate id",
    "X402": "unknown role",
    "X403": "unknown board or role",
    "X404": "unknown cross-reference",
    "X405": "unknown section",
    "X406": "unknown outcome",
    "X407": "id does not sit under its parent",
    "X408": "more than one responsible lead",
    "X409": "evidence dated before the inspection (warning)",
    "X410": "evidence dated in the future",
    "X411": "missing registry file",
    "X412": "item kind does not match its section",
    "X413": "acronym missing from the glossary (warning)",
    "X414": "same_as names no action",
    "X415": "an action kept elsewhere (same_as) holds records of its own",
    "X416": "a completion, due move or status dated in the future",
    "X417": "a status the plan does not declare",
    "X418": "an item kind the plan does not declare",
    "X419": "the plan's status scale leaves a state unshown, or gives two colours one name",
    "X420": "a status set by hand that is not a colour of the plan's scale",
}
