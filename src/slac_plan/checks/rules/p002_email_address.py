"""P002 email-address."""

from __future__ import annotations

from slac_plan.checks.rules.privacy import EMAIL, TextPatternRule


class EmailAddress(TextPatternRule):
    """An email address in the plan.

    Why: a published plan names roles, not people; an address identifies a person and invites
    mail to them. Name the role (or a team mailbox in the council's own papers, not the plan).

    Fails:
        text: Send referrals to j.smith@example.gov.uk.
    Passes:
        text: Send referrals to the LADO.
    """

    code = "P002"
    name = "email-address"
    message = "holds an email address"

    pattern = EMAIL
    found = "holds an email address; name the role instead"
