"""P001 nhs-number."""

from __future__ import annotations

import re

from slac_plan.checks.rules.privacy import NHS_NUMBER, TextPatternRule, valid_nhs_number


class NhsNumber(TextPatternRule):
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
    message = "holds what looks like an NHS number"

    pattern = NHS_NUMBER
    found = "holds what looks like an NHS number; remove it"

    def accept(self, match: re.Match[str]) -> bool:
        return valid_nhs_number("".join(match.groups()))
