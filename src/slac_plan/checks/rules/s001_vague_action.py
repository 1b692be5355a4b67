"""S001 vague-action."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.checks.rules.text import DEFAULT_VAGUE_VERBS, DELIVERABLES, first_word, opens_with


class VagueAction(Rule):
    """An action that opens with a vague verb and names no concrete deliverable.

    Why: "strengthen", "consider" or "ensure" say what to hope for, not what to do; inspectors
    single out such actions. An action that names what will exist when it is done (a policy, an
    audit, a report, a training programme) is specific even if it opens softly. An action
    whose lettered sub-actions spell out the work is judged by those instead.

    Fails:
        text: Strengthen links with early help services to improve signposting.
    Passes:
        text: Strengthen screening of new work through a revised Locality Duty procedure.

    The verb list can be replaced in plan.yaml: `lint: {vague_verbs: [...]}`.
    """

    code = "S001"
    name = "vague-action"
    message = "opens with a vague verb and names no concrete deliverable"

    def check(self, context: LintContext) -> Iterator[Finding]:
        verbs = context.config.vague_verbs or list(DEFAULT_VAGUE_VERBS)
        for located in context.tasks:
            node = located.task.node
            if located.task.sub is None and located.task.action.sub_actions:
                continue
            verb = opens_with(first_word(node.text), verbs)
            if verb is not None and not DELIVERABLES.search(node.text):
                yield self.on_task(
                    located, f"opens with the vague verb '{verb}' and names no deliverable", "text"
                )
