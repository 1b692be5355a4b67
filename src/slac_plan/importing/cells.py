"""What the text of one cell says, the way councils write it: a numbered recommendation
("1.", "R1", "Recommendation 1:"), lettered sub-actions ("a.", "(b)"), several posts in one
lead cell ("Head of Safeguarding / Named Nurse"), a date in running text ("19.1.12",
"January 2012")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from slac_plan.core.dates import uk_numeric_date
from slac_plan.core.model import YearMonth

_DASHES = ".:)\u2013\u2014-"

_KEYWORD = re.compile(
    r"^(?:recommendation|rec|area for development|area for improvement|afd|afi)\.?\s*"
    rf"(?:no\.?\s*)?(\d{{1,3}})(?![\d.]\d)\s*[{_DASHES}]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_IDENT = re.compile(rf"^([A-Z]{{1,4}}-?(\d{{1,3}}))(?:\s*[{_DASHES}]\s*|\s+)(.*)$", re.DOTALL)
_PLAIN = re.compile(r"^(\d{1,3})[.:)](?!\d)\s*(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Numbered:
    """A recommendation's text with the numbering the document gives it taken off."""

    text: str
    number: int | None = None
    ident: str | None = None
    """The id the document prints ("R1"), if it prints one."""


def numbered(text: str) -> Numbered:
    """Split "1. Text", "R1 Text" or "Recommendation 1: Text" into number and text."""
    text = text.strip()
    if match := _KEYWORD.match(text):
        return Numbered(match[2].strip(), int(match[1]))
    if match := _IDENT.match(text):
        return Numbered(match[3].strip(), int(match[2]), match[1])
    if match := _PLAIN.match(text):
        return Numbered(match[2].strip(), int(match[1]))
    return Numbered(text)


_ACTION_NUMBER = re.compile(
    r"^(?:[A-Z]{1,4}-?\d{1,3}\.\d{1,2}[.:)]?|\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}\.\d{1,2})\s+"
)


def without_action_number(text: str) -> str:
    """An action's text without the "1." or "R1.2" the document numbers it with."""
    return _ACTION_NUMBER.sub("", text, count=1)


_LETTER = re.compile(r"^(?:\(([a-z])\)|([a-z])[.)])\s+(.*)$", re.DOTALL)


def lettered(line: str) -> tuple[str, str] | None:
    """("a", "Text") for a line that starts "a." "a)" or "(a)", else None."""
    match = _LETTER.match(line.strip())
    if match is None:
        return None
    return match[1] or match[2], match[3].strip()


@dataclass
class Lettered:
    """A cell's lines split at lettered ones: the lines before the first, then each letter
    with its text (the lines after a lettered one continue it)."""

    intro: list[str]
    parts: list[tuple[str, str]]


def split_lettered(text: str) -> Lettered:
    """Lettered lines count only from an "a." on (so a lone "e." in prose is not one)."""
    lines = [line for line in text.split("\n") if line.strip()]
    intro: list[str] = []
    parts: list[tuple[str, str]] = []
    for line in lines:
        found = lettered(line)
        if found is not None and (parts or found[0] == "a"):
            parts.append(found)
        elif parts:
            letter, said = parts[-1]
            parts[-1] = (letter, f"{said}\n{line.strip()}")
        else:
            intro.append(line.strip())
    return Lettered(intro, parts)


_POSTS = (
    "head", "director", "assistant", "deputy", "ad", "dcs", "hos", "manager", "chair",
    "lead", "principal", "named", "designated", "senior", "service", "team", "chief",
    "independent", "executive", "commissioner", "officer", "all", "lscb", "the",
)  # fmt: skip
_POST_SPLIT = re.compile(
    r"\s*/\s*|\s*;\s*|\s+(?:and|&)\s+(?=(?:" + "|".join(_POSTS) + r")\b)", re.IGNORECASE
)


def posts(cell: str) -> list[str]:
    """The posts a lead cell names: one a line, and within a line split at '/', ';', and at
    'and' or '&' where a post follows it ("Head of Safeguarding and Named Nurse"), but not
    inside one ("Head of Localities and Disabled Children")."""
    found: list[str] = []
    for line in cell.split("\n"):
        for part in _POST_SPLIT.split(line):
            post = part.strip(" \t,.-\u2013\u2022")
            if post and post.casefold() not in {p.casefold() for p in found}:
                found.append(post)
    return found


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH_SHORT_YEAR = re.compile(rf"\b{_MONTH}\s+'?(\d\d)\b(?![:/.]\d)", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d.\/])(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?![\d.\/])")


def dates_in(text: str) -> list[date | YearMonth]:
    """Every date the text gives, in order: days ("19.1.12", "14 February 2012") and whole
    months ("January 2012", "Dec 11"). A month with a two-digit year may be a plan ("to start
    April 12"): the caller judges it against the date of the update."""
    found: list[tuple[int, date | YearMonth]] = []
    taken: list[tuple[int, int]] = []
    for match in _DAY_MONTH_YEAR.finditer(text):
        try:
            day = date(int(match[3]), _MONTHS[match[2].casefold()], int(match[1]))
        except ValueError:
            continue
        found.append((match.start(), day))
        taken.append(match.span())
    for match in _MONTH_YEAR.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            found.append((match.start(), YearMonth(int(match[2]), _MONTHS[match[1].casefold()])))
            taken.append(match.span())
    for match in _MONTH_SHORT_YEAR.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            month = _MONTHS[match[1].casefold()]
            found.append((match.start(), YearMonth(2000 + int(match[2]), month)))
    for match in _NUMERIC.finditer(text):
        numeric = uk_numeric_date(match[1].replace(".", "/").replace("-", "/"))
        if numeric is not None:
            found.append((match.start(), numeric))
    return [when for _, when in sorted(found, key=lambda pair: pair[0])]


def split_list(cell: str) -> list[str]:
    """A cell listing several references ("28, 31-33"; "Para 28; para 31")."""
    parts = re.split(r"[,;\n]", cell)
    cleaned = [re.sub(r"^(?:paras?|paragraphs?|§)\.?\s*", "", p.strip(), flags=re.I) for p in parts]
    return [part for part in cleaned if part]
