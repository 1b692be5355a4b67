"""P005 date-of-birth."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.problems import Severity
from slac_plan.rules.base import Finding, LintContext, Rule
from slac_plan.rules.privacy import DATE_OF_BIRTH, plan_texts


class DateOfBirth(Rule):
    """A date of birth in the plan ("DOB 03/04/2005", "born 3 April 2005").

    Why: a date of birth, with anything else in the plan, can identify a child.

    Fails:
        text: Review held for the young person (DOB 03/04/2005).
    Passes:
        text: Reviews held for young people within 3 months of their 18th birthday.
    """

    code = "P005"
    name = "date-of-birth"
    severity = Severity.ERROR
    message = "holds a date of birth"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for source, loc, text in plan_texts(context.plan):
            if DATE_OF_BIRTH.search(text):
                yield Finding(source, loc, "holds a date of birth; remove it")
