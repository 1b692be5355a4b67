"""S003 short-action."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.checks.rules.text import word_count


class ShortAction(Rule):
    """Action text too short to act on.

    Why: "Audit." or "Training" does not tell a new manager what to do, for whom, or how the
    work will be recognised as done. The minimum is `lint: {min_words: 5}` in plan.yaml.

    Fails:
        text: Monitoring attendance.
    Passes:
        text: Monitoring attendance at the multi-agency training scheduled for 2012.
    """

    code = "S003"
    name = "short-action"
    message = "is too short to act on"

    def check(self, context: LintContext) -> Iterator[Finding]:
        minimum = context.config.min_words
        for located in context.tasks:
            words = word_count(located.task.node.text)
            if words < minimum:
                yield self.on_task(
                    located, f"is {words} words long; say what will be done, by whom", "text"
                )
