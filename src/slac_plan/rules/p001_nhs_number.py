"""P001 nhs-number."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.problems import Severity
from slac_plan.rules.base import Finding, LintContext, Rule
from slac_plan.rules.privacy import NHS_NUMBER, plan_texts, valid_nhs_number


class NhsNumber(Rule):
    """An NHS number in the plan: ten digits whose last is the modulus-11 check digit.

    Why: the plan is published with board papers; an NHS number identifies a child. Ten digits
    that fail the check digit are not reported (they are not an NHS number).

    Fails:
        text: Health assessment completed for 943 476 5919.
    Passes:
        text: Health assessments completed for 87% of looked after children.
    """

    code = "P001"
    name = "nhs-number"
    severity = Severity.ERROR
    message = "holds what looks like an NHS number"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for source, loc, text in plan_texts(context.plan):
            for match in NHS_NUMBER.finditer(text):
                if valid_nhs_number("".join(match.groups())):
                    yield Finding(source, loc, "holds what looks like an NHS number; remove it")
