"""P002 email-address."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.problems import Severity
from slac_plan.rules.base import Finding, LintContext, Rule
from slac_plan.rules.privacy import EMAIL, plan_texts


class EmailAddress(Rule):
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
    severity = Severity.ERROR
    message = "holds an email address"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for source, loc, text in plan_texts(context.plan):
            if EMAIL.search(text):
                yield Finding(source, loc, "holds an email address; name the role instead")
