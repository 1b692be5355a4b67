"""P004 postcode."""

from __future__ import annotations

from slac_plan.checks.rules.privacy import POSTCODE, TextPatternRule


class Postcode(TextPatternRule):
    """A full UK postcode in the plan.

    Why: with a child's circumstances nearby, a postcode can identify a household.

    Fails:
        text: Placement stability improved for the family at NW10 4RQ.
    Passes:
        text: Placement stability improved across the borough.
    """

    code = "P004"
    name = "postcode"
    message = "holds a postcode"

    pattern = POSTCODE
    found = "holds a postcode; remove it"
