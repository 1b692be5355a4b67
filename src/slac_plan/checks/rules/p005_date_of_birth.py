"""P005 date-of-birth."""

from __future__ import annotations

from slac_plan.checks.rules.privacy import DATE_OF_BIRTH, TextPatternRule


class DateOfBirth(TextPatternRule):
    """A date of birth in the plan ("DOB 03/04/2005", "born 3 April 2005").

    Why: a date of birth, with anything else in the plan, can identify a child.

    Fails:
        text: Review held for the young person (DOB 03/04/2005).
    Passes:
        text: Reviews held for young people within 3 months of their 18th birthday.
    """

    code = "P005"
    name = "date-of-birth"
    message = "holds a date of birth"

    pattern = DATE_OF_BIRTH
    found = "holds a date of birth; remove it"
