"""The SMART scorecard: for each action, S M A R T as pass or fail with the reasons.

An action passes a letter when no rule of that family found anything about it; the plan's
score is the share of actions that pass all five, overall and per section. Actions are the
trackable units (an action, or each of its lettered sub-actions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slac_plan.checks.lint import LintResult
from slac_plan.core.queries import Task, in_plan_at, tasks

LETTERS = ("S", "M", "A", "R", "T")


@dataclass(frozen=True)
class Share:
    smart: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.smart / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"smart": self.smart, "total": self.total, "percent": round(self.percent, 1)}


@dataclass(frozen=True)
class Row:
    task: Task
    reasons: dict[str, list[str]]
    """Letter -> the findings that failed it (empty: passed)."""

    @property
    def smart(self) -> bool:
        return not any(self.reasons.values())


@dataclass
class Scorecard:
    rows: list[Row] = field(default_factory=list)
    overall: Share = Share(0, 0)
    sections: list[tuple[str, str, Share]] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "sections": [
                {"id": ident, "title": title, **share.to_dict()}
                for ident, title, share in self.sections
            ],
            "rules_run": self.rules_run,
            "actions": [
                {
                    "id": row.task.id,
                    "item": row.task.item.id,
                    "section": row.task.item.section,
                    "smart": row.smart,
                    "letters": {
                        letter: {"pass": not row.reasons[letter], "reasons": row.reasons[letter]}
                        for letter in LETTERS
                    },
                }
                for row in self.rows
            ],
        }


def scorecard(result: LintResult) -> Scorecard:
    """Score every action of the linted plan against the findings of the rules that ran."""
    plan = result.plan
    if plan is None:
        return Scorecard()
    failures: dict[str, dict[str, list[str]]] = {}
    for entry in result.reported:
        letter = entry.rule.family()
        if letter not in LETTERS:
            continue
        reason = f"{entry.rule.code} {entry.finding.message}"  # one string, shared by its tasks
        for task_id in entry.finding.tasks:
            failures.setdefault(task_id, {}).setdefault(letter, []).append(reason)
    rows = [
        Row(task, {letter: failures.get(task.id, {}).get(letter, []) for letter in LETTERS})
        for task in tasks(plan)
        if result.as_of is None or in_plan_at(task.item, result.as_of)
    ]
    sections = []
    for section in plan.meta.sections:
        members = [row for row in rows if row.task.item.section == section.id]
        sections.append(
            (section.id, section.title, Share(sum(r.smart for r in members), len(members)))
        )
    return Scorecard(
        rows=rows,
        overall=Share(sum(row.smart for row in rows), len(rows)),
        sections=sections,
        rules_run=[rule.code for rule in result.rules],
    )
