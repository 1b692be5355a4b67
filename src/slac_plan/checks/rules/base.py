"""What every SMART rule is: a code, a name, a severity, a message, and a check.

A rule's docstring is its documentation (`slac rules CODE` prints it): why it matters, an
example that fails and one that passes. Rules are pure: they read the plan and yield
findings; they never print, exit or change anything.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Literal

from slac_plan.core.model import Action, Item, LintConfig, Plan, SubAction
from slac_plan.core.positions import Loc
from slac_plan.core.problems import Severity
from slac_plan.core.queries import Task


@dataclass(frozen=True)
class Finding:
    """One thing a rule found: which file (an item id or a registry file name) and where in it.

    `tasks` names the actions it is about, so the SMART scorecard can mark them.
    """

    source: str
    loc: Loc
    message: str
    tasks: tuple[str, ...] = ()
    about: str = ""
    """The id of the action or sub-action it is placed on, which the officer knows it by."""


@dataclass(frozen=True)
class Located:
    """A task with the data path of its own node inside its item's file."""

    task: Task
    loc: Loc


@dataclass(frozen=True)
class LintContext:
    plan: Plan
    config: LintConfig
    as_of: date
    tasks: tuple[Located, ...] = field(default=())

    def item_tasks(self, item: Item) -> Iterator[Located]:
        return (located for located in self.tasks if located.task.item is item)

    def owners(self, inherited: Literal["due", "leads"]) -> Iterator[Owner]:
        """Each place a due (or the leads) is written, with every task that uses it.

        Sub-actions that take their action's value are one finding on the action, not one
        per sub-action.
        """
        groups: dict[tuple[str, Loc], list[Located]] = {}
        for located in self.tasks:
            task = located.task
            own = (
                task.sub is None
                or (inherited == "leads" and bool(task.sub.leads))
                or (
                    inherited == "due"
                    and (task.sub.by_when is not None or task.sub.due_override is not None)
                )
            )
            key = (task.item.id, located.loc if own else located.loc[:2])
            groups.setdefault(key, []).append(located)
        for (_, loc), members in groups.items():
            yield Owner(members[0].task, loc, tuple(m.task.id for m in members))


@dataclass(frozen=True)
class Owner:
    """Where a value is written (`loc`), a task that uses it, and every task that does."""

    task: Task
    loc: Loc
    task_ids: tuple[str, ...]

    @property
    def node(self) -> Action | SubAction:
        """The action or sub-action the value is written on."""
        return self.task.action if len(self.loc) == 2 else self.task.node


class Rule:
    """Base of every rule; subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    message: ClassVar[str]

    def check(self, context: LintContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def family(cls) -> str:
        return cls.code[0]

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    def on_task(self, located: Located, message: str, *field_path: str | int) -> Finding:
        """A finding about one task, placed on one of its fields (or on the task)."""
        task = located.task
        return Finding(task.item.id, (*located.loc, *field_path), message, (task.id,), task.id)

    def on_owner(self, owner: Owner, message: str, *field_path: str | int) -> Finding:
        """A finding about a written value, placed on it, naming every task that uses it."""
        return Finding(
            owner.task.item.id,
            (*owner.loc, *field_path),
            message,
            owner.task_ids,
            owner.node.id,
        )
