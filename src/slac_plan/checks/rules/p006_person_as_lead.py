"""P006 person-as-lead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.checks.rules.privacy import (
    AMBIGUOUS_ROLE_NOUNS,
    HONORIFIC,
    NAME_PARTICLES,
    PERSON_NAME,
    ROLE_NOUNS,
    ROLE_SUFFIXES,
)
from slac_plan.core.problems import Severity

NamePart = Literal["initial", "particle", "word"]
RoleWord = Literal["role", "ambiguous"]

_SEPARATOR = re.compile(r"[()\[\]:;/|–—]|\s(?:-|and|&)\s")
"""Between a name and a post or another name written beside it: "Jane Smith (Head of
Service)", "Lead: Jane Smith", "Jane Smith and John Brown"."""

_GLUED_INITIAL = re.compile(r"\.(?=[^\W\d_])")
"""A dot with a letter straight after it ("A.B. Okoro", "J.Smith"): a space goes in."""

_POSSESSIVE = re.compile(r"['’]s\Z|(?<=s)['’]\Z")

_NAME_WORD = re.compile(r"[^\W\d_]++(?:['’-][^\W\d_]++)*+")

_LONGEST_RUN = 6
"""Names run to six words at most ("Pieter van der Berg", "María José García López")."""

_WINDOW = 200
"""How far after an honorific a name is looked for: linear time on hostile input."""


def name_part(token: str) -> NamePart | None:
    """What a word can be in a name: an initial, a particle ("van"), a capitalised word.

    An acronym ("LSCB", "IROs", "SENCo"), a possessive ("Children's") or a lower-case word is
    none: no name is written so.
    """
    if token in NAME_PARTICLES:
        return "particle"
    bare = token.removesuffix(".")
    if len(bare) == 1:
        return "initial" if bare.isalpha() and bare.isupper() else None
    if _POSSESSIVE.search(bare) or not _NAME_WORD.fullmatch(bare):
        return None
    head, _, tail = bare.partition("-")
    if head in NAME_PARTICLES and tail[:1].isupper():
        return "word"  # "al-Hassan"
    if not bare[0].isupper() or bare[1].isupper():
        return None
    return "word"


def _stems(word: str) -> Iterator[str]:
    """The word and the singulars it could be the plural of."""
    yield word
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("ves"):
        yield word[:-3] + "fe"
    if word.endswith("men"):
        yield word[:-3] + "man"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s"):
        yield word[:-1]


def _names_a_role(stem: str) -> bool:
    return (
        stem in ROLE_NOUNS
        or (len(stem) >= 8 and stem.endswith(ROLE_SUFFIXES))
        or (len(stem) >= 9 and stem.endswith("ment"))
    )


def role_word(token: str) -> RoleWord | None:
    """Whether a word names a post, team or function ("Nurses", "Multi-Agency"), or might
    ("Ward", "Head": also surnames)."""
    word = _POSSESSIVE.sub("", token.lower().removesuffix("."))
    stems = [stem for part in word.split("-") for stem in _stems(part)]
    if any(_names_a_role(stem) for stem in stems):
        return "role"
    if any(stem in AMBIGUOUS_ROLE_NOUNS for stem in stems):
        return "ambiguous"
    return None


def _is_name(parts: list[NamePart | None], roles: list[RoleWord | None]) -> bool:
    """No word of a post, and at least one word that is only a name: "Ward Sister" is a post,
    "Jane Ward" a person."""
    return "role" not in roles and any(
        part == "word" and role is None for part, role in zip(parts, roles, strict=True)
    )


def _plain_name(tokens: list[str]) -> bool:
    """ "Jane Smith", "J. Smith", "Maria de Souza": a name with nothing else."""
    if not PERSON_NAME.fullmatch(" ".join(tokens)):
        return False
    parts = [name_part(token) for token in tokens]
    if None in parts or parts[0] == "particle" or parts[-1] != "word":
        return False
    return _is_name(parts, [role_word(token) for token in tokens])


def _surname_first(surname: list[str], forenames: list[str]) -> bool:
    """ "Smith, John", "Smith, J.", "van der Berg, Pieter"."""
    if not 1 <= len(surname) <= 4 or not 1 <= len(forenames) <= 3:
        return False
    last = [name_part(token) for token in surname]
    first = [name_part(token) for token in forenames]
    if any(part not in ("word", "particle") for part in last) or last[-1] != "word":
        return False
    if any(part not in ("word", "initial") for part in first):
        return False
    tokens = surname + forenames
    return _is_name(last + first, [role_word(token) for token in tokens])


def _after_honorific(text: str) -> bool:
    """The words after an honorific or rank are a name: "Mrs J. Bloggs", "DI Sarah Clarke",
    not "Professor of Child Health" nor "Inspector, Child Abuse Investigation Team"."""
    run: list[str] = []
    for token in _SEPARATOR.split(text.split(",", 1)[0], maxsplit=1)[0].split():
        if name_part(token) is None or len(run) == _LONGEST_RUN:
            break
        run.append(token)
    words = [token for token in run if name_part(token) != "particle"]
    if not words:
        return False
    if name_part(words[0]) == "initial":
        return True
    roles = [role_word(token) for token in words]
    if roles[0] is None:
        return True  # "Dr Anita Patel", even with a post after it
    return roles[0] == "ambiguous" and "role" not in roles  # "Mrs Ward", not "DI Child Abuse"


def names_a_person(wording: str) -> bool:
    """Whether a lead's wording names a person rather than a post, team or function.

    A person: an honorific or rank before a name, or a wording (or a part of it in brackets,
    after a dash or colon, or joined by "and") shaped like a name with no word of a post in it.
    """
    if any(
        _after_honorific(wording[match.end() : match.end() + _WINDOW])
        for match in HONORIFIC.finditer(wording)
    ):
        return True
    for segment in _SEPARATOR.split(_GLUED_INITIAL.sub(". ", wording)):
        pieces = [piece.split() for piece in segment.split(",")]
        if len(pieces) == 1 and 2 <= len(pieces[0]) <= _LONGEST_RUN:
            if _plain_name(pieces[0]):
                return True
        elif len(pieces) == 2 and _surname_first(*pieces):
            return True
    return False


class PersonAsLead(Rule):
    """A lead role whose title is a person's name.

    Why: leads must be roles ("Head of Safeguarding"), never people: the plan outlives staff
    changes and is published. A title is taken for a person when an honorific or rank comes
    before a name ("Mrs J. Bloggs", "Dr Anita Patel", "DI Smith"), or when it is shaped like a
    name ("Jane Smith", "J. Smith", "Smith, John"; also in brackets, after a dash or colon, or
    joined by "and": "Jane Smith (Head of Service)") with no word of a post, team or function
    in it. Posts in the plural ("School Nurses"), teams and departments ("Child Protection
    Department"), functions ("Quality Assurance", "Early Help") and statutory roles ("Caldicott
    Guardian", "Named Doctor", "LADO") are roles.

    Fails:
        - id: jane-smith
          title: Jane Smith
    Passes:
        - id: school-nurses
          title: School Nurses
    """

    code = "P006"
    name = "person-as-lead"
    severity = Severity.ERROR
    message = "names a person, not a role"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for index, role in enumerate(context.plan.roles):
            for k, wording in enumerate((role.title, *role.variants)):
                if names_a_person(wording):
                    field = ("title",) if k == 0 else ("variants", k - 1)
                    yield Finding(
                        "roles.yaml",
                        ("roles", index, *field),
                        f"role '{role.id}' is worded as a person ('{wording}'); name the role",
                    )
                    break
