"""M001 no-measure."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Located, Rule
from slac_plan.checks.rules.text import MEASURES, REPORTING


class NoMeasure(Rule):
    """Neither the action nor the required outcomes it serves name a measure of success.

    Why: without a percentage, a count, a target, an audit or a report to a named board, no
    one can show that the action worked. slac looks in the action (and its sub-actions or its
    parent action), its "By when" cell, the text of the outcomes it links to, and counts a
    report, presentation or scrutiny by a board it is accountable to as an evidence source.

    Fails:
        text: Reinforce requirements re recording individual needs of children.
        outcomes: [o1]    # o1: "Recording will reflect the individual needs of each child"
    Passes:
        text: Quarterly audit of a random selection of 15 files.
    """

    code = "M001"
    name = "no-measure"
    message = "names no measure, target or evidence source"

    def check(self, context: LintContext) -> Iterator[Finding]:
        boards = {board.id for board in context.plan.boards}
        for located in context.tasks:
            if not _measurable(located, boards):
                yield self.on_task(
                    located,
                    "names no measure, target, count or evidence source, "
                    "nor do the outcomes it serves",
                    "text",
                )


def _measurable(located: Located, boards: set[str]) -> bool:
    task = located.task
    texts = [task.node.text, task.action.text, *(sub.text for sub in task.action.sub_actions)]
    texts.append(task.by_when or "")  # "Compliance to be tested through planned audit cycle"
    outcomes = {outcome.id: outcome.text for outcome in task.item.outcomes}
    texts += [outcomes[ident] for ident in task.action.outcomes if ident in outcomes]
    if any(MEASURES.search(text) for text in texts):
        return True
    reported = REPORTING.search(task.by_when or "") or REPORTING.search(task.node.text)
    return bool(reported) and any(target in boards for target in task.accountable_to)
