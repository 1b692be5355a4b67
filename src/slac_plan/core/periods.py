"""Calendar arithmetic that plans need: month ends, month steps and reporting cadences.

Kept apart from the wording parser and the model so that both can share one meaning of
"quarterly" or "end of the month".
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum


def long_date(day: date | None) -> str:
    """A date as a reader writes it: "29 February 2012" (empty for no date)."""
    return f"{day.day} {day:%B %Y}" if day is not None else ""


def month_end(year: int, month: int) -> date:
    """The last day of a month (29 February in a leap year)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int, *, to_month_end: bool = False) -> date:
    """`day` moved by whole months, clamped to the month's length (31 Jan + 1 = 29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = month_end(year, month + 1)
    if to_month_end:
        return last
    return last if day.day > last.day else date(year, month + 1, day.day)


class Cadence(StrEnum):
    """How often something recurs (a board's meetings, a recurring report): weekly,
    fortnightly, three-weekly, four-weekly, six-weekly, eight-weekly, monthly, bi-monthly
    (every two months), quarterly, termly (each school term), six-monthly, annually."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    # Every N weeks: NHS and partnership panels meet on such rhythms ("every 6 weeks").
    THREE_WEEKLY = "three-weekly"
    FOUR_WEEKLY = "four-weekly"
    SIX_WEEKLY = "six-weekly"
    EIGHT_WEEKLY = "eight-weekly"
    MONTHLY = "monthly"
    BI_MONTHLY = "bi-monthly"
    QUARTERLY = "quarterly"
    TERMLY = "termly"
    SIX_MONTHLY = "six-monthly"
    ANNUALLY = "annually"

    def step(self, day: date, periods: int = 1) -> date:
        """The date `periods` occurrences after `day`; month cadences keep month ends."""
        days = _DAY_CADENCES.get(self)
        if days is not None:
            return day + timedelta(days=days * periods)
        months = _MONTH_CADENCES[self] * periods
        return add_months(day, months, to_month_end=day == month_end(day.year, day.month))


_DAY_CADENCES = {
    Cadence.WEEKLY: 7,
    Cadence.FORTNIGHTLY: 14,
    Cadence.THREE_WEEKLY: 21,
    Cadence.FOUR_WEEKLY: 28,
    Cadence.SIX_WEEKLY: 42,
    Cadence.EIGHT_WEEKLY: 56,
}
_MONTH_CADENCES = {
    Cadence.MONTHLY: 1,
    Cadence.BI_MONTHLY: 2,
    Cadence.QUARTERLY: 3,
    Cadence.TERMLY: 4,
    Cadence.SIX_MONTHLY: 6,
    Cadence.ANNUALLY: 12,
}
