"""P006 person-as-lead."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.checks.rules.privacy import HONORIFIC, PERSON_NAME, ROLE_WORDS
from slac_plan.core.problems import Severity


class PersonAsLead(Rule):
    """A lead role whose title is a person's name.

    Why: leads must be roles ("Head of Safeguarding"), never people: the plan outlives staff
    changes and is published. A title with an honorific ("Mrs Jones"), or two or three
    capitalised words with no role word in them ("Jane Smith"), is taken for a name.

    Fails:
        - id: jane-smith
          title: Jane Smith
    Passes:
        - id: head-safeguarding
          title: Head of Safeguarding
    """

    code = "P006"
    name = "person-as-lead"
    severity = Severity.ERROR
    message = "names a person, not a role"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for index, role in enumerate(context.plan.roles):
            for k, wording in enumerate((role.title, *role.variants)):
                named = HONORIFIC.search(wording) or (
                    PERSON_NAME.match(wording) and not ROLE_WORDS.search(wording)
                )
                if named:
                    field = ("title",) if k == 0 else ("variants", k - 1)
                    yield Finding(
                        "roles.yaml",
                        ("roles", index, *field),
                        f"role '{role.id}' is worded as a person ('{wording}'); name the role",
                    )
                    break
