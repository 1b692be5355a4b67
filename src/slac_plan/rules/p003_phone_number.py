"""P003 phone-number."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.problems import Severity
from slac_plan.rules.base import Finding, LintContext, Rule
from slac_plan.rules.privacy import UK_PHONE, plan_texts


class PhoneNumber(Rule):
    """A UK telephone number in the plan.

    Why: a published plan names roles, not people; a direct line identifies one.

    Fails:
        text: Contact the duty manager on 020 8937 1234.
    Passes:
        text: Contact the duty manager through the Locality Duty system.
    """

    code = "P003"
    name = "phone-number"
    severity = Severity.ERROR
    message = "holds a telephone number"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for source, loc, text in plan_texts(context.plan):
            for match in UK_PHONE.finditer(text):
                digits = sum(char.isdigit() for char in match.group())
                if 10 <= digits <= 12:
                    yield Finding(source, loc, "holds a telephone number; remove it")
                    break
