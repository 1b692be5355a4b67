"""Word lists and patterns the rules share, so "a measure" means the same in every rule."""

from __future__ import annotations

import re

DEFAULT_VAGUE_VERBS = (
    "strengthen",
    "consider",
    "continue",
    "improve",
    "ensure",
    "enhance",
    "promote",
    "develop",
    "explore",
    "encourage",
    "seek",
    "aim",
    "maintain",
    "embed",
    "support",
)

DELIVERABLES = re.compile(
    r"\b(?:reports?|audits?|polic(?:y|ies)|procedures?|protocols?|frameworks?|plans?|"
    r"strateg(?:y|ies)|training|workshops?|sessions?|meetings?|groups?|panels?|surveys?|"
    r"questionnaires?|systems?|templates?|guidance|briefings?|business case|coordinator|"
    r"post|specifications?|programmes?|data ?sets?|evaluations?|checklists?|database|"
    r"forums?|reviews? of|materials|documentation|advertisement|appointment)\b",
    re.IGNORECASE,
)

MEASURES = re.compile(
    r"\d+(?:\.\d+)?\s*%|\b\d+\s+(?:files|cases|days|weeks|months|workshops|sessions|staff)\b|"
    r"\b(?:targets?|thresholds?|indicators?|KPIs?|PIs|percentage|rates?|audits?|surveys?|"
    r"questionnaires?|samples?|sampled|data ?sets?|management information|benchmark\w*|"
    r"evaluat\w+|compliance|measur\w+|tracked|monitor\w*|at least|weekly|fortnightly|"
    r"monthly|quarterly|termly|annually|every)\b",
    re.IGNORECASE,
)

REPORTING = re.compile(
    r"\b(?:report\w*|present\w*|scrutin\w+|submitted|sign-off|signed off)\b", re.IGNORECASE
)

_LEADING = re.compile(r"^(?:\W|\d+\.|[a-h]\.|to\b|further\b|\s)+", re.IGNORECASE)


def first_word(text: str) -> str:
    """The action's opening verb, past list markers and "To"/"Further"."""
    rest = _LEADING.sub("", text.strip())
    match = re.match(r"[A-Za-z-]+", rest)
    return match.group().lower() if match else ""


def opens_with(word: str, verbs: tuple[str, ...] | list[str]) -> str | None:
    """The vague verb `word` is a form of ("strengthening" -> "strengthen"), if any."""
    for verb in verbs:
        stem = verb.lower().rstrip("e")
        if word == verb.lower() or (word.startswith(stem) and len(word) - len(stem) <= 3):
            return verb
    return None


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


def deliverable_parts(text: str) -> list[str]:
    """The separate deliverables of an action: its sentences, bullets and numbered parts."""
    pieces = re.split(r"(?<=[.;])\s+(?=[A-Z])|\n\s*[•\-*]\s*|\n(?=[A-Z])", text.strip())
    return [p for p in pieces if word_count(p) >= 3]
