"""The library's entry points for reports: one call each, reading the plan once. The CLI and
the tests call these; so can any Python program (`import slac_plan.api`).

Each takes the plan folder and the dates it needs (the library never reads the clock), and
raises `PlanHasProblems` when the plan does not validate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from slac_plan.checks.validate import PlanHasProblems, valid_plan, valid_snapshot
from slac_plan.core.filters import Filters
from slac_plan.files.cache import NO_CACHE, Cache, folder_parts
from slac_plan.files.loader import snapshot
from slac_plan.output.formats import TASK_LIST_FORMATS, TaskList

if TYPE_CHECKING:  # the reports and the SMART rules are imported by the calls that use them:
    from slac_plan.reports import report  # `slac overdue` answers sooner without them

__all__ = [
    "PlanHasProblems",
    "TaskListing",
    "monthly_update",
    "overdue_listing",
    "quarterly_report",
]


def monthly_update(
    root: Path, month: str, *, today: date | None, cache: Cache = NO_CACHE
) -> report.Report:
    """The monthly update for `month` ('2012-02'): the position at the close of the month,
    with the plan's SMART score as of then."""
    from slac_plan.checks.lint import lint_loaded
    from slac_plan.checks.smart import scorecard
    from slac_plan.reports import report

    plan, loaded = valid_plan(root, today, cache=cache)
    period = report.month_period(month)
    card = scorecard(lint_loaded(loaded, as_of=period.close))
    return report.monthly(plan, period, smart=report.smart_view(card))


def quarterly_report(
    root: Path, quarter: str, *, today: date | None, cache: Cache = NO_CACHE
) -> report.Report:
    """The quarterly report for `quarter` ('2012Q1')."""
    from slac_plan.reports import report

    plan, _ = valid_plan(root, today, cache=cache)
    return report.quarterly(plan, report.quarter_period(quarter))


@dataclass(frozen=True)
class TaskListing:
    """`slac overdue`'s answer: the listing as rendered, and how many tasks are overdue."""

    text: str
    overdue: int


def overdue_listing(
    root: Path,
    *,
    as_of: date,
    today: date | None,
    filters: Filters | None = None,
    due_within: int | None = None,
    templates: Path | None = None,
    render: Callable[[TaskList], str] = TASK_LIST_FORMATS["table"],
    shape: str = "table",
    cache: Cache = NO_CACHE,
    debug: bool = False,
) -> TaskListing:
    """What is overdue as of `as_of` (and due within `due_within` days), rendered by `render`.

    `shape` names the rendering (a format, or a terminal's width and colours). The answer is
    kept in `cache` under every file's text, the day, the question and the templates, so the
    same question about an unchanged plan is answered without loading it."""
    filters = filters or Filters()
    snap = snapshot(root)
    key = None
    if cache.enabled:
        question = [as_of.isoformat(), str(today), repr(filters), str(due_within), shape]
        key = cache.key("overdue", *question, *folder_parts(templates), *snap.key_parts())
        kept = cache.get("overdue", key)
        if kept is not None:
            count, _, body = kept.partition(b"\n")
            if count.isdigit():
                return TaskListing(body.decode("utf-8"), int(count))
    from slac_plan.core import queries  # only when the answer is not kept

    plan, _ = valid_snapshot(snap, today, debug=debug, cache=cache)
    queries.check_filters(plan, filters)
    entries = queries.overdue(plan, as_of, filters)
    upcoming = (
        queries.due_within(plan, as_of, due_within, filters) if due_within is not None else None
    )
    text = render(TaskList(plan, as_of, entries, upcoming, templates))
    if key is not None:
        cache.put("overdue", key, f"{len(entries)}\n{text}".encode())
    return TaskListing(text, len(entries))
