"""P003 phone-number."""

from __future__ import annotations

import re

from slac_plan.checks.rules.privacy import UK_PHONE, TextPatternRule


class PhoneNumber(TextPatternRule):
    """A UK telephone number in the plan.

    Why: a published plan names roles, not people; a direct line identifies one.

    Fails:
        text: Contact the duty manager on 020 8937 1234.
    Passes:
        text: Contact the duty manager through the Locality Duty system.
    """

    code = "P003"
    name = "phone-number"
    message = "holds a telephone number"

    pattern = UK_PHONE
    found = "holds a telephone number; remove it"

    def accept(self, match: re.Match[str]) -> bool:
        return 10 <= sum(char.isdigit() for char in match.group()) <= 12
