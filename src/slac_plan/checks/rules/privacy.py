"""Where personal data could hide in a plan, and what it looks like. Shared by the P rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.model import Plan
from slac_plan.core.positions import Loc, strings
from slac_plan.core.problems import Severity


def plan_texts(plan: Plan) -> Iterator[tuple[str, Loc, str]]:
    """Every piece of text in the plan: (source, data path, text)."""
    files: list[tuple[str, Loc, object]] = [
        ("plan.yaml", (), plan.meta.model_dump(by_alias=True)),
        ("roles.yaml", ("roles",), [role.model_dump(by_alias=True) for role in plan.roles]),
        ("boards.yaml", ("boards",), [board.model_dump(by_alias=True) for board in plan.boards]),
        ("glossary.yaml", ("glossary",), dict(plan.glossary)),
        *((item.id, (), item.model_dump(by_alias=True)) for item in plan.items),
    ]
    for source, loc, data in files:
        for path, text in strings(data, loc):
            yield source, path, text


NHS_NUMBER = re.compile(r"(?<![\d/.-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d/.-])")


def valid_nhs_number(digits: str) -> bool:
    """The NHS number check digit: modulus 11 over the first nine digits, weights 10..2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+\b")

UK_PHONE = re.compile(r"(?<![\w/.-])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s-]?){9,10}(?![\w/.-])")

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][ABD-HJLNP-UW-Z]{2})\b")

DATE_OF_BIRTH = re.compile(
    r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\b[:\s]*"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4})",
    re.IGNORECASE,
)

HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame)\.?\s+[A-Z][a-z]")

ROLE_WORDS = re.compile(
    r"\b(?:director|head|manager|chair|officer|team|lead|member|adviser|advisor|coordinator|"
    r"lawyer|board|group|service|services|worker|nurse|assistant|deputy|principal|"
    r"commissioner|police|panel|committee|partnership|trust|council|agency|DCS|AD|HOS|SCMT|"
    r"LSCB|ICO|NHS|PCT|CAMHS|chief|executive|administrator|practitioner|consultant|"
    r"psychologist|paediatrician|inspector|governor|teacher|headteacher|virtual)\b",
    re.IGNORECASE,
)

PERSON_NAME = re.compile(r"^[A-Z][a-z]+(?:[ '-][A-Z][a-z]+){1,2}$")


class TextPatternRule(Rule):
    """A privacy rule that looks for one pattern in every piece of text of the plan."""

    severity = Severity.ERROR
    pattern: ClassVar[re.Pattern[str]]
    found: ClassVar[str]
    """The finding's message."""

    def accept(self, match: re.Match[str]) -> bool:
        """Whether a match really is the personal data (a check digit, a digit count)."""
        return True

    def check(self, context: LintContext) -> Iterator[Finding]:
        for source, loc, text in plan_texts(context.plan):
            if any(self.accept(match) for match in self.pattern.finditer(text)):
                yield Finding(source, loc, self.found)
