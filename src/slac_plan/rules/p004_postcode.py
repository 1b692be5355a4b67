"""P004 postcode."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.problems import Severity
from slac_plan.rules.base import Finding, LintContext, Rule
from slac_plan.rules.privacy import POSTCODE, plan_texts


class Postcode(Rule):
    """A full UK postcode in the plan.

    Why: with a child's circumstances nearby, a postcode can identify a household.

    Fails:
        text: Placement stability improved for the family at NW10 4RQ.
    Passes:
        text: Placement stability improved across the borough.
    """

    code = "P004"
    name = "postcode"
    severity = Severity.ERROR
    message = "holds a postcode"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for source, loc, text in plan_texts(context.plan):
            if POSTCODE.search(text):
                yield Finding(source, loc, "holds a postcode; remove it")
