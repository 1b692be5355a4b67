"""Read the free prose of an action's "By when" cell into a machine-usable due.

Officers write deadlines as they speak: "end February 2012", "Feb/March 12", "Report to LSCB
February 2012 then on quarterly basis". Queries need one date they can compare, without losing
what the words said; so `parse_due` returns the due together with every date it found, the
cadence it read, and a note for each date-like fragment it chose not to use (nothing is dropped
silently). The module is pure: no clock (the plan's report date is passed in), no I/O.

Every pattern is a module-level compiled regex with bounded, non-overlapping repetition, so
that long or hostile text cannot make matching backtrack catastrophically.

Where English council plans leave a choice, these are the readings, so a wrong date is never
guessed (a wording that stays ambiguous is left unread, with what to write instead):

- A named period's due is its last day, and `Due.precision` says how finely it was named:
  "by 2008" is 31 December 2008 (a year), "end February 2012" is 29 February (a month).
- Two digits after a month are a year ("April 12", and Excel's "Sep-15" and "31-Mar-16"):
  00-69 are 20xx. A month and a number that could be a day and would be a year more than five
  years from the plan's date ("March 31" in a 2011 plan) is left unread. "March 31, 2016" (US
  order: a day, then a four-digit year) is 31 March 2016.
- Financial years run April to March (central and local government): "2016/17" is due 31
  March 2017, and its quarters are Q1 April-June to Q4 January-March ("Q3 15/16" is October to
  December 2015). A year or financial year alone is a due only as the whole wording or after
  "by", "end of", "during" and the like: "priorities for 2011-12" is not a deadline. "Q2 2013"
  (of the calendar or the financial year?) is left unread.
- Academic years run 1 September to 31 August, as the Department for Education counts them in
  its school statistics: "academic year 2019/20" is due 31 August 2020. It must be labelled
  "academic year" or "school year"; "2019/20" alone is a financial year.
- School terms take the calendar year they fall in: "Autumn term 2019" is September to December
  2019, "Spring term 2020" January to Easter 2020 ("Spring term 2019/20" names the academic year
  instead). Councils set their own term dates, so a plan may pass its `TermEnds`; without them the
  ends are the conventional ones in `TermEnds`.
- "within 3 months" and "in six months" run from the plan's date to the end of the month they
  land in. "within 70 working days" counts Monday to Friday, less England and Wales bank
  holidays from the maintained `holidays` package, from the day after the plan's date.
- "June 2015 onwards" and "from 2015" are starts, not deadlines.
- A month without a year ("signed off in February and fully operational by June 2012") takes
  the one year the wording names; when it names none or several, it is the first such month
  ending on or after the plan's date.
- "Quarterly", "every 6 weeks" or "twice yearly" as the whole wording is a cadence. "bi-annually"
  (twice a year or every two years?) and "bi-weekly" are left unread.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from slac_plan.core.periods import Cadence, add_months, month_end

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = [
    "DEADLINE",
    "MAX_WORDING_LENGTH",
    "START",
    "Due",
    "DueKind",
    "Mention",
    "Precision",
    "Recurrence",
    "TermEnds",
    "parse_due",
]

MAX_WORDING_LENGTH = 2000
"""A longer cell is pasted text, not a "By when": refused rather than scanned."""

DEADLINE = "deadline"
START = "start"


class DueKind(StrEnum):
    """What sort of due the wording gives, so that queries know how to treat `Due.date`."""

    DATE = "date"  # one deadline: a day, or a named period (month, term, year) meaning its last day
    WINDOW = "window"  # "February - March 2012": start 1 February, due 31 March
    MILESTONES = "milestones"  # several dated milestones; the due is the latest
    IMMEDIATE = "immediate"  # due on the plan's date
    ONGOING = "ongoing"  # no deadline, unless a review or report date is given
    RECURRING = "recurring"  # a cadence, anchored ("then on quarterly basis") or not
    UNREAD = "unread"  # nothing usable; `Due.unread` says why


class Precision(StrEnum):
    """How finely the wording named a date: a coarser one is the last day of the period named.

    Queries can tell "by 2008" (31 December, but only a year was promised) from "31 December 2008".
    """

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    TERM = "term"
    YEAR = "year"


_FINEST_FIRST = tuple(Precision)


@dataclass(frozen=True)
class TermEnds:
    """The (month, day) each school term ends on, for a plan that knows its council's term dates.

    The defaults are conventions, not any council's dates. Councils publish their own, and they
    fall within a week or two of these: autumn terms end in the week before Christmas (20
    December); spring terms end at the Easter break, late March to mid April as Easter moves
    (22 March to 25 April), so a fixed 31 March is taken, which is also the end of the financial
    year's last quarter; summer terms end in the third or fourth week of July (22 July). A term
    starts the day after the one before it ends; autumn on 1 September. `Due.precision` (TERM)
    tells queries that such a day is conventional.
    """

    autumn: tuple[int, int] = (12, 20)
    spring: tuple[int, int] = (3, 31)
    summer: tuple[int, int] = (7, 22)

    def __post_init__(self) -> None:
        """Refuse ends that are no day of every year, or that put the terms out of order."""
        months = {"autumn": range(9, 13), "spring": range(1, 6), "summer": range(5, 9)}
        for name, allowed in months.items():
            month, day = getattr(self, name)
            if month not in allowed:
                raise ValueError(f"the {name} term cannot end in month {month}")
            date(2001, month, day)  # a year with no 29 February: the end must exist every year
        if self.spring >= self.summer:
            raise ValueError("the spring term must end before the summer term")

    def end(self, term: str, year: int) -> date:
        """The last day of `term` ("autumn", "spring" or "summer") in calendar year `year`."""
        month, day = getattr(self, term)
        return date(year, month, day)

    def start(self, term: str, year: int) -> date:
        """The first day: 1 September, 1 January, or the day after the spring term ends."""
        if term == "autumn":
            return date(year, 9, 1)
        if term == "spring":
            return date(year, 1, 1)
        return self.end("spring", year) + timedelta(days=1)


@dataclass(frozen=True)
class Mention:
    """One date expression in the wording, kept so a reader can see what the due came from."""

    text: str
    start: date
    end: date
    role: str = DEADLINE
    precision: Precision = Precision.DAY

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: dates as ISO strings."""
        return {
            "text": self.text,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "role": self.role,
            "precision": self.precision.value,
        }


@dataclass(frozen=True)
class Recurrence:
    """A cadence the wording sets ("then on quarterly basis"), anchored when it says when."""

    cadence: Cadence
    text: str
    first: date | None = None

    def occurrences_until(self, until: date) -> list[date]:
        """Every occurrence from `first` up to `until`; stepped from `first` so days never drift."""
        if self.first is None:
            return []
        found: list[date] = []
        day = self.first
        while day <= until:
            found.append(day)
            try:
                day = self.cadence.step(self.first, len(found))
            except (OverflowError, ValueError):  # stepped past the end of the calendar
                break
        return found

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: the cadence as its value, the first date as ISO or None."""
        return {"cadence": self.cadence.value, "text": self.text, "first": _iso(self.first)}


@dataclass(frozen=True)
class Due:
    """The reading of one "By when" cell: the due, how it was read, and what was not read.

    `date` is the one date queries compare: the deadline, a window's end, the latest milestone,
    an ongoing action's review date, or the plan's date for "Immediate"; None when the wording
    sets no deadline. `start` is a window's start, the plan's date for "Immediate and ongoing",
    a recurrence's first occurrence, or the date after "from"; else None. `precision` is how
    finely `date` was named (DAY when there is no date).
    """

    wording: str
    kind: DueKind
    # `dt.date` because the field named `date` would shadow the type in later annotations.
    date: dt.date | None
    start: dt.date | None
    mentions: tuple[Mention, ...] = ()
    recurrence: Recurrence | None = None
    unread: tuple[str, ...] = ()
    precision: Precision = Precision.DAY

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: dates as ISO strings, enums as their values, None kept."""
        return {
            "wording": self.wording,
            "kind": self.kind.value,
            "date": _iso(self.date),
            "start": _iso(self.start),
            "precision": self.precision.value,
            "mentions": [mention.to_dict() for mention in self.mentions],
            "recurrence": None if self.recurrence is None else self.recurrence.to_dict(),
            "unread": list(self.unread),
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# --- Building blocks ----------------------------------------------------------------------
# re.ASCII keeps IGNORECASE from folding exotic letters (the long s into "s") into month names the
# lookup tables would not know; spaces are spelled out so PDF no-break spaces still count.

_ANY_CASE = re.ASCII | re.IGNORECASE
_EXACT_CASE = re.ASCII
_SPACE = " \t\r\n\f\v\u00a0\u2007\u2009\u202f"
_S = f"[{_SPACE}]+"
_S0 = f"[{_SPACE}]*"
_DASH = "[-\u2010-\u2015\u2212]"
_ORDINAL = "(?:st|nd|rd|th)?"
_YEAR4 = "(?:19|20)[0-9]{2}"
_NOT_A_LONGER_DATE = rf"(?![0-9]|{_S0}(?:{_DASH}|/){_S0}[0-9]|[.,][0-9])"
_MONTH_NAMES = (
    "jan(?:uary)?",
    "feb(?:ruary|r)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:tember|t)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)
_MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)}


def _month(group: str, *, capital: bool = False) -> str:
    """A month name (full or abbreviated, optional full stop); `capital` for year-less months."""
    names = (name[0].upper() + name[1:] if capital else name for name in _MONTH_NAMES)
    return rf"(?<![A-Za-z])(?P<{group}>{'|'.join(names)})(?![A-Za-z])\.?"


def _year(group: str) -> str:
    """A year after a month: four digits, or two ("April 12"), but not a day ("12th", "12:30"),
    nor the head of a numeric date ("Feb 31/03/70")."""
    return (
        rf"(?P<{group}>{_YEAR4}|[0-9]{{2}}(?![./-][0-9]{{1,2}}[./-][0-9]))"
        r"(?![0-9]|(?:st|nd|rd|th)(?![A-Za-z])|[:.][0-9])"
    )


def _day(group: str) -> str:
    """A day of the month, not the tail of a longer number or of "1.4.2012"."""
    return rf"(?<![0-9A-Za-z.,/-])(?P<{group}>[0-9]{{1,2}}){_ORDINAL}(?![0-9])"


def _span_of_years(short_if: str | None) -> str:
    """Two following years, "2016/17" or "2016-2017"; "16/17" too, always or if `short_if` matched.

    A two-digit first year is safe only where a label ("Q3", "FY", "academic year") says a
    year follows; elsewhere "11/12" could be 11 December.
    """
    short = "[0-9]{2}" if short_if is None else f"(?({short_if})[0-9]{{2}}|(?!))"
    return (
        rf"(?<![0-9])(?P<y1>{_YEAR4}|{short}){_S0}(?:{_DASH}|/){_S0}(?P<y2>{_YEAR4}|[0-9]{{2}})"
        rf"(?![0-9]|[./-][0-9]|{_S}(?:academic|school)(?![A-Za-z]))"
    )


_END_OF = f"(?:(?<![A-Za-z])(?P<end>(?i:end){_S}(?:(?i:of){_S})?))?"
_RANGE_SEPARATOR = f"(?:{_S0}(?:{_DASH}|/){_S0}|{_S}(?:to|until|till|through){_S})"

# --- Date expressions ---------------------------------------------------------------------

_ISO_DATE = re.compile(
    r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![0-9])", _ANY_CASE
)
_NUMERIC_DATE = re.compile(  # UK order, one separator throughout: 01/02/2012, 19.1.12, 1-4-12
    r"(?<![0-9A-Za-z.,/-])(?P<d>[0-9]{1,2})(?P<sep>[./-])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]|[./-][0-9])",
    _ANY_CASE,
)
_EXCEL_SEPARATOR = f"(?:{_DASH}|/)"  # Excel writes "-"; typists an en dash or a slash
_EXCEL_DAY = re.compile(  # Excel's d-mmm-yy: "31-Mar-16" is 31 March 2016
    rf"{_day('d')}(?P<sep>{_EXCEL_SEPARATOR}){_month('m')}(?P=sep){_year('y')}", _ANY_CASE
)
_DAY_WINDOW = re.compile(  # "3-14 October 2011"
    rf"{_day('d1')}{_RANGE_SEPARATOR}(?P<d2>[0-9]{{1,2}}){_ORDINAL}{_S}(?:of{_S})?"
    rf"{_month('m')}{_S}{_year('y')}",
    _ANY_CASE,
)
_MONTH_WINDOW = re.compile(  # "February - March 2012", "Feb/March 12", "Feb-12 to Mar-12"
    rf"(?:{_day('d1')}{_S}(?:of{_S})?)?{_month('m1')}(?:(?:{_S}|-){_year('y1')})?"
    rf"{_RANGE_SEPARATOR}(?:(?P<d2>[0-9]{{1,2}}){_ORDINAL}{_S}(?:of{_S})?)?{_month('m2')}"
    rf"(?:{_S}|-){_year('y2')}",
    _ANY_CASE,
)
_DAY_MONTH_YEAR = re.compile(  # "1 February 2012", "1st of Feb, 12", "1 Feb-12"
    rf"{_day('d')}{_S}(?:of{_S})?{_month('m')}(?:,?{_S}|-){_year('y')}", _ANY_CASE
)
_MONTH_DAY_YEAR = re.compile(  # "March 31, 2016", "March 12th 2012": US order, a four-digit year
    rf"{_month('m')}{_S}(?P<d>[0-9]{{1,2}}){_ORDINAL}(?![0-9A-Za-z]),?{_S}"
    rf"(?P<y>{_YEAR4})(?![0-9]|[./-][0-9])",
    _ANY_CASE,
)
_EXCEL_MONTH = re.compile(  # Excel's mmm-yy: "Sep-15" is September 2015, never 15 September
    rf"{_END_OF}{_month('m')}{_EXCEL_SEPARATOR}{_year('y')}", _ANY_CASE
)
_MONTH_YEAR = re.compile(rf"{_END_OF}{_month('m')}{_S}{_year('y')}", _ANY_CASE)
_MONTH_DAY = re.compile(  # "March 12th": the ordinal makes it a day
    rf"{_month('m')}{_S}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)(?![A-Za-z])", _ANY_CASE
)
_DAY_MONTH = re.compile(  # "19 January", Excel's "19-Jan"; not the head of "19 Jan-12"
    rf"{_day('d')}(?:{_S}(?:(?i:of){_S})?|-){_month('m', capital=True)}"
    rf"(?!{_EXCEL_SEPARATOR}[0-9])",
    _EXACT_CASE,
)
_MONTH_ALONE = re.compile(rf"{_END_OF}{_month('m', capital=True)}", _EXACT_CASE)

_UNIT_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEEN_NUMBERS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS_NUMBERS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_VALUES = {"a": 1, "an": 1}
_NUMBER_VALUES |= {word: value for value, word in enumerate(_UNIT_NUMBERS, start=1)}
_NUMBER_VALUES |= {word: value for value, word in enumerate(_TEEN_NUMBERS, start=10)}
_NUMBER_VALUES |= {word: 10 * value for value, word in enumerate(_TENS_NUMBERS, start=2)}
_NUMBER_WORD = (
    rf"(?:{'|'.join(_TENS_NUMBERS)})(?:[-{_SPACE}](?:{'|'.join(_UNIT_NUMBERS)}))?"
    rf"|{'|'.join(_TEEN_NUMBERS)}|{'|'.join(_UNIT_NUMBERS)}|an?"
)
_NUMBER_SPLIT = re.compile(f"[-{_SPACE}]+")
_WITHIN = re.compile(  # "within 3 months", "in six months", "within 70 working days"
    # Not "twice in a year" nor "once in 6 months": those are cadences, not deadlines.
    rf"(?<![A-Za-z])(?:within{_S}(?:the{_S}(?:next{_S})?)?"
    rf"|(?<!once )(?<!twice )in{_S}(?:the{_S}next{_S})?(?!an?{_S}))"
    rf"(?P<n>[0-9]{{1,3}}|{_NUMBER_WORD}){_S}"
    rf"(?:(?P<working>working|business){_S}days?|(?P<unit>days?|weeks?|months?|years?))"
    r"(?![A-Za-z])",
    _ANY_CASE,
)
_FROM_AN_EVENT = re.compile(
    rf"{_S0},?{_S0}(?:prior|before|after|of|from|following)(?![A-Za-z])", _ANY_CASE
)
_START_WORD_BEFORE = re.compile(  # the words that make a date a start, not a deadline
    rf"(?<![A-Za-z])(?:from|since|starting(?:{_S}(?:from|on|in))?|commencing|beginning"
    rf"|w\.?e\.?f\.?)[:,]?{_S0}(?:the{_S})?\Z",
    _ANY_CASE,
)
_ONWARDS_AFTER = re.compile(rf"{_S0},?{_S0}(?:and{_S})?onwards?(?![A-Za-z])", _ANY_CASE)

# --- Years: calendar, financial (April to March) and academic (September to August) ----------

_FY_LABEL = rf"(?:(?:financial|fiscal){_S}year{_S}|fy{_S0})"
_QUARTER = rf"(?<![A-Za-z0-9])(?:q|qtr\.?{_S0}|quarter{_S})(?P<q>[1-4])(?![0-9])"
_OF_YEAR = rf"{_S0},?{_S}(?:of{_S})?(?:the{_S})?{_FY_LABEL}?"
_QUARTER_OF_YEAR = rf"{_QUARTER}{_OF_YEAR}{_span_of_years(None)}"
_FINANCIAL_QUARTER = re.compile(_QUARTER_OF_YEAR, _ANY_CASE)
_FINANCIAL_QUARTER_END = re.compile(
    rf"(?<![A-Za-z])end{_S}(?:of{_S})?(?:the{_S})?{_QUARTER_OF_YEAR}", _ANY_CASE
)
_FINANCIAL_YEAR_END = re.compile(
    rf"(?<![A-Za-z])end{_S}(?:of{_S})?(?:the{_S})?(?P<label>{_FY_LABEL})?{_span_of_years('label')}",
    _ANY_CASE,
)
_THIS_FINANCIAL_YEAR_END = re.compile(
    rf"(?<![A-Za-z])end{_S}(?:of{_S})?(?:the|this){_S}financial{_S}year(?![A-Za-z]|{_S0}[0-9])",
    _ANY_CASE,
)
_PERIOD_LEAD = rf"(?<![A-Za-z])(?:by|during|in|within|throughout|over)(?:{_S}the)?{_S}"
_FINANCIAL_YEAR_LED = re.compile(  # "by 2016/17", "during the financial year 2016-17"
    rf"{_PERIOD_LEAD}(?P<label>{_FY_LABEL})?{_span_of_years('label')}", _ANY_CASE
)
_FINANCIAL_YEAR_WHOLE = re.compile(  # "2016/17" as the whole wording
    rf"\A[^A-Za-z0-9]{{0,5}}(?P<label>{_FY_LABEL})?{_span_of_years('label')}[^A-Za-z0-9]{{0,5}}\Z",
    _ANY_CASE,
)
_CALENDAR_QUARTER = re.compile(  # "Q2 2013": of the calendar or the financial year?
    rf"{_QUARTER}{_OF_YEAR}(?P<y>{_YEAR4}|[0-9]{{2}})"
    rf"(?![0-9]|{_S0}(?:{_DASH}|/){_S0}[0-9]|[.,][0-9])",
    _ANY_CASE,
)
_ACADEMIC = rf"(?:academic|school){_S}year"
_ACADEMIC_YEAR = re.compile(  # "academic year 2019/20", "end of the school year 2019-2020"
    rf"(?<![A-Za-z])(?:end{_S}(?:of{_S})?)?(?:the{_S})?{_ACADEMIC}{_S}(?:of{_S})?"
    rf"{_span_of_years(None)}",
    _ANY_CASE,
)
_ACADEMIC_YEAR_AFTER = re.compile(  # "2019/20 academic year", "end of the 2019/20 school year"
    rf"(?:(?<![A-Za-z])end{_S}(?:of{_S})?(?:the{_S})?)?"
    rf"(?<![0-9])(?P<y1>{_YEAR4}|[0-9]{{2}}){_S0}(?:{_DASH}|/){_S0}(?P<y2>{_YEAR4}|[0-9]{{2}})"
    rf"{_S}{_ACADEMIC}(?![A-Za-z])",
    _ANY_CASE,
)
_THIS_ACADEMIC_YEAR_END = re.compile(
    rf"(?<![A-Za-z])end{_S}(?:of{_S})?(?:the|this){_S}{_ACADEMIC}(?![A-Za-z]|{_S0}[0-9])",
    _ANY_CASE,
)
_TERM_NAME = rf"(?<![A-Za-z])(?P<term>autumn|spring|summer)(?:{_S}school)?{_S}terms?(?![A-Za-z])"
_TERM = re.compile(  # "Autumn term 2019", "by end of Summer Term 2020", "Spring term 2019/20"
    rf"{_END_OF}(?:(?<![A-Za-z])the{_S})?{_TERM_NAME}{_S}(?:of{_S})?"
    rf"(?:{_span_of_years(None)}|(?P<y>{_YEAR4})(?![0-9]|[./-][0-9]))",
    _ANY_CASE,
)
_TERM_ALONE = re.compile(  # "by the end of the summer term": the next one
    rf"{_END_OF}(?:(?<![A-Za-z])the{_S})?{_TERM_NAME}", _ANY_CASE
)
_YEAR_LED = re.compile(  # "by 2008", "by the end of 2008"; "from 2008" is a start
    rf"(?<![A-Za-z])(?:(?P<by>by|before{_S}the{_S}end{_S}of|no{_S}later{_S}than|during"
    rf"|throughout|(?:by{_S})?(?:the{_S})?end(?:{_S}of)?)"
    rf"|(?P<from>from|since|starting(?:{_S}(?:from|in))?|beginning(?:{_S}(?:of|in))?"
    rf"|commencing(?:{_S}in)?))"
    rf"{_S}(?:(?:the{_S})?calendar{_S}year{_S})?(?P<y>{_YEAR4}){_NOT_A_LONGER_DATE}",
    _ANY_CASE,
)
_YEAR_ONWARDS = re.compile(  # "2015 onwards": a start
    rf"(?<![0-9.,/-])(?P<y>{_YEAR4}){_S}onwards?(?![A-Za-z])", _ANY_CASE
)
_YEAR_WHOLE = re.compile(rf"\A[^A-Za-z0-9]{{0,5}}(?P<y>{_YEAR4})[^A-Za-z0-9]{{0,5}}\Z", _ANY_CASE)

# --- Date-like fragments that are not dates -------------------------------------------------

_SEASON_YEAR = re.compile(
    rf"(?<![A-Za-z])(?:spring|summer|autumn|winter)(?:{_S}term)?{_S}(?:of{_S})?"
    r"(?:19|20)[0-9]{2}(?![0-9])",
    _ANY_CASE,
)
_SEASON = re.compile(r"(?<![A-Za-z])(?:Spring|Summer|Autumn|Winter)(?![A-Za-z])", _EXACT_CASE)
_YEAR_SPAN = re.compile(  # financial and plan years: "2011-12", "2011-2014", "2011/12"
    rf"(?<![0-9.-])(?:19|20)[0-9]{{2}}{_S0}(?:{_DASH}|/){_S0}(?:(?:19|20)[0-9]{{2}}|[0-9]{{2}})"
    r"(?![0-9]|[./-][0-9])",
    _ANY_CASE,
)
_SHORT_FINANCIAL_YEAR = re.compile(  # "FY15/16" where no deadline word leads it
    rf"(?<![A-Za-z]){_FY_LABEL}[0-9]{{2}}{_S0}(?:{_DASH}|/){_S0}[0-9]{{2}}(?![0-9]|[./-][0-9])",
    _ANY_CASE,
)
_SHORT_SPAN = re.compile(  # "15/16" unlabelled: a year? a fraction? "11/12" could be 11 December
    rf"(?<![0-9A-Za-z./-])[0-9]{{2}}{_S0}/{_S0}[0-9]{{2}}(?![0-9]|[./-][0-9])", _ANY_CASE
)
_NUMBER_RANGE = re.compile(  # age ranges: "0-13", "14-25"
    rf"(?<![0-9.-])[0-9]{{1,2}}{_S0}{_DASH}{_S0}[0-9]{{1,2}}(?![0-9]|[./-][0-9])", _ANY_CASE
)
_DURATION = re.compile(
    rf"(?<![0-9.-])[0-9]{{1,3}}{_S0}-?{_S0}(?:days?|weeks?|months?|years?)(?![A-Za-z])",
    _ANY_CASE,
)
# Any other year, so that none goes unnoted; a longer expression around it wins the overlap.
_BARE_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", _ANY_CASE)

# --- Timescale words ----------------------------------------------------------------------

_IMMEDIATE_WORD = re.compile(r"(?<![A-Za-z])immediate(?:ly)?(?![A-Za-z])", _ANY_CASE)
_IMMEDIATE = re.compile(  # "Immediate" as the cell's timescale, not "Immediate check showed"
    rf"\A[^A-Za-z0-9]*(?:timescale{_S0}:{_S0})?immediate(?:ly)?"
    rf"(?=[^A-Za-z0-9]*\Z|{_S0}[.,;:(]|{_S0}{_DASH}|{_S}and(?![A-Za-z]))"
    rf"|(?<![A-Za-z])with{_S}immediate{_S}effect(?![A-Za-z])",
    _ANY_CASE,
)
_ONGOING_WORD = re.compile(r"(?<![A-Za-z])on-?going(?![A-Za-z])", _ANY_CASE)
_ONGOING = re.compile(  # "Ongoing, ...", "Immediate and ongoing", "on an ongoing basis"
    rf"\A[^A-Za-z0-9]*(?:(?:immediate(?:ly)?|now){_S}and{_S})?on-?going(?![A-Za-z])"
    rf"|(?<![A-Za-z])on{_S}an?{_S}on-?going{_S}basis(?![A-Za-z])"
    rf"|(?<![A-Za-z])and{_S}on-?going(?![A-Za-z])"
    r"|(?<![A-Za-z])on-?going[^A-Za-z0-9]*\Z",
    _ANY_CASE,
)

# --- Cadences -----------------------------------------------------------------------------

_EVERY_NUMBERS = "[0-9]{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|other"
_CADENCE = (
    r"(?<![A-Za-z0-9-])(?P<cad>"
    rf"(?:(?P<mult>[0-9]{{1,2}}|bi|half|semi|twice|{'|'.join(_UNIT_NUMBERS[1:])}|ten|eleven"
    r"|twelve)"
    rf"{_S0}-?{_S0}(?=weekly|monthly|yearly|annual))?"
    r"(?P<unit>weekly|fortnightly|monthly|quarterly|termly|yearly|annual(?:ly)?)"
    rf"|every{_S}(?:(?P<every>{_EVERY_NUMBERS}){_S})?"
    r"(?P<per>weeks?|fortnights?|months?|quarters?|terms?|years?)"
    rf"|(?P<times>once|twice){_S}(?:a|an|per|each|every){_S}"
    r"(?P<per_time>week|fortnight|month|quarter|term|year))(?![A-Za-z])"
)
_CADENCE_WORD = re.compile(_CADENCE, _ANY_CASE)
_CADENCES: dict[tuple[str, str], Cadence] = {
    ("", "weekly"): Cadence.WEEKLY,
    ("2", "weekly"): Cadence.FORTNIGHTLY,
    ("two", "weekly"): Cadence.FORTNIGHTLY,
    ("3", "weekly"): Cadence.THREE_WEEKLY,
    ("three", "weekly"): Cadence.THREE_WEEKLY,
    ("4", "weekly"): Cadence.FOUR_WEEKLY,
    ("four", "weekly"): Cadence.FOUR_WEEKLY,
    ("6", "weekly"): Cadence.SIX_WEEKLY,
    ("six", "weekly"): Cadence.SIX_WEEKLY,
    ("8", "weekly"): Cadence.EIGHT_WEEKLY,
    ("eight", "weekly"): Cadence.EIGHT_WEEKLY,
    ("", "fortnightly"): Cadence.FORTNIGHTLY,
    ("", "monthly"): Cadence.MONTHLY,
    ("bi", "monthly"): Cadence.BI_MONTHLY,
    ("2", "monthly"): Cadence.BI_MONTHLY,
    ("two", "monthly"): Cadence.BI_MONTHLY,
    ("3", "monthly"): Cadence.QUARTERLY,
    ("three", "monthly"): Cadence.QUARTERLY,
    ("6", "monthly"): Cadence.SIX_MONTHLY,
    ("six", "monthly"): Cadence.SIX_MONTHLY,
    ("12", "monthly"): Cadence.ANNUALLY,
    ("twelve", "monthly"): Cadence.ANNUALLY,
    ("", "quarterly"): Cadence.QUARTERLY,
    ("", "termly"): Cadence.TERMLY,
    ("", "yearly"): Cadence.ANNUALLY,
    ("half", "yearly"): Cadence.SIX_MONTHLY,
    ("twice", "yearly"): Cadence.SIX_MONTHLY,
    ("", "annual"): Cadence.ANNUALLY,
    ("", "annually"): Cadence.ANNUALLY,
    ("semi", "annual"): Cadence.SIX_MONTHLY,
    ("semi", "annually"): Cadence.SIX_MONTHLY,
    ("twice", "annual"): Cadence.SIX_MONTHLY,
    ("twice", "annually"): Cadence.SIX_MONTHLY,
}
_EVERY: dict[tuple[int, str], Cadence] = {  # "every 6 weeks", "once a term", "twice a year"
    (1, "week"): Cadence.WEEKLY,
    (2, "week"): Cadence.FORTNIGHTLY,
    (3, "week"): Cadence.THREE_WEEKLY,
    (4, "week"): Cadence.FOUR_WEEKLY,
    (6, "week"): Cadence.SIX_WEEKLY,
    (8, "week"): Cadence.EIGHT_WEEKLY,
    (1, "fortnight"): Cadence.FORTNIGHTLY,
    (1, "month"): Cadence.MONTHLY,
    (2, "month"): Cadence.BI_MONTHLY,
    (3, "month"): Cadence.QUARTERLY,
    (6, "month"): Cadence.SIX_MONTHLY,
    (12, "month"): Cadence.ANNUALLY,
    (1, "quarter"): Cadence.QUARTERLY,
    (2, "quarter"): Cadence.SIX_MONTHLY,
    (4, "quarter"): Cadence.ANNUALLY,
    (1, "term"): Cadence.TERMLY,
    (1, "year"): Cadence.ANNUALLY,
}
_AMBIGUOUS_CADENCES = {
    "annual": "twice a year or every two years? Write 'six-monthly' for twice a year; "
    "every two years is no cadence the plan can schedule, so give the dates",
    "weekly": "twice a week or every two weeks? Write 'fortnightly' for every two weeks",
}
_AMBIGUOUS_CADENCES["annually"] = _AMBIGUOUS_CADENCES["yearly"] = _AMBIGUOUS_CADENCES["annual"]
# The phrases in which a cadence word sets this action's rhythm, most specific first.
_CADENCE_PHRASES = tuple(
    re.compile(pattern, _ANY_CASE)
    for pattern in (
        rf"\A[^A-Za-z0-9]{{0,5}}(?P<phrase>{_CADENCE}(?:{_S}basis)?)[^A-Za-z0-9]{{0,5}}\Z",
        rf"(?P<phrase>(?<![A-Za-z])on{_S}(?:an?{_S})?{_CADENCE}{_S}basis)(?![A-Za-z])",
        rf"(?P<phrase>(?<![A-Za-z])at{_S}(?:an?{_S})?{_CADENCE}{_S}intervals?)(?![A-Za-z])",
        rf"(?<![A-Za-z])then{_S}(?P<phrase>(?:on{_S}(?:an?{_S})?)?{_CADENCE})",
        rf"(?P<phrase>(?<![A-Za-z])(?:reported|reviewed|monitored|scrutini[sz]ed|audited|held"
        rf"|meets?|met|updated|submitted|presented){_S}{_CADENCE})",
        rf"(?P<phrase>{_CADENCE})(?={_S0},?{_S}(?:from|since|starting|commencing|beginning)"
        r"(?![A-Za-z]))",
        rf"(?P<phrase>{_CADENCE}(?:{_S}[A-Za-z][A-Za-z-]*){{0,3}}?{_S}(?P<noun>reports?"
        rf"|reporting|monitoring|data{_S}sets?|meetings?|reviews?|audits?|scrutiny|updates?"
        r"|returns?|panels?))(?![A-Za-z])",
        # "every 6 weeks", "once a term", "twice a year" say a rhythm wherever they stand.
        rf"(?P<phrase>(?=(?:every|once|twice){_S}){_CADENCE})",
    )
)
_THEN_BEFORE = re.compile(rf"(?<![A-Za-z])(?P<then>then){_S}(?:on{_S}(?:an?{_S})?)?\Z", _ANY_CASE)
_ANCHOR_GAP = re.compile(f"[{_SPACE},;:.\u2010-\u2015-]*")
_POSSESSIVE_BEFORE = re.compile(rf"[A-Za-z](?:['\u2019]s|s['\u2019]){_S}\Z", _ANY_CASE)
_YEAR_AFTER = re.compile(rf"{_S}(?:19|20)[0-9]{{2}}(?![0-9])", _ANY_CASE)
_LOOK_BEHIND = 60
_TWO_DIGIT_YEAR_REACH = 5
"""Years from the plan's date within which "March 12" is surely a year, not 12 March."""


# --- Reading one date expression ----------------------------------------------------------

_Reading = Mention | str  # a date, or a note on why a date-like fragment is not one


@dataclass(frozen=True)
class _Context:
    """What a reader may use besides the words: the plan's date, its terms, the wording's year."""

    plan: date
    terms: TermEnds
    year: int | None = None  # the one year the wording names, for its year-less months


_Reader = Callable[[re.Match[str], _Context], _Reading]


def _clean(text: str) -> str:
    """The words with line breaks and runs of spaces collapsed, as a reader would quote them."""
    return " ".join(text.split())


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _full_year(digits: str) -> int:
    """Two-digit years after a month are years: 00-69 are 20xx, 70-99 are 19xx."""
    number = int(digits)
    if len(digits) == 4:
        return number
    return 2000 + number if number < 70 else 1900 + number


def uk_numeric_date(text: str) -> date | None:
    """`text` when it is nothing but a day-first numeric date (31/01/2012, 19.1.12), else None."""
    match = _NUMERIC_DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(_full_year(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _day_mention(text: str, year: int, month: int, day: int) -> _Reading:
    try:
        exact = date(year, month, day)
    except ValueError:
        return f"'{_clean(text)}' is not a valid date"
    return Mention(_clean(text), exact, exact)


def _month_mention(
    text: str, year: int, month: int, precision: Precision = Precision.MONTH
) -> Mention:
    return Mention(_clean(text), date(year, month, 1), month_end(year, month), precision=precision)


def _next_month_year(ctx: _Context, month: int) -> int:
    """A year-less month takes the wording's year, else the first such month ending on or after
    the plan's date."""
    if ctx.year is not None:
        return ctx.year
    if month_end(ctx.plan.year, month) >= ctx.plan:
        return ctx.plan.year
    return ctx.plan.year + 1


def _next_day(text: str, ctx: _Context, month: int, day: int) -> _Reading:
    """A year-less day takes the wording's year, else the first such day on or after the plan's
    date (29 February: a leap year)."""
    if ctx.year is not None:
        return _day_mention(text, ctx.year, month, day)
    context = ctx.plan
    exists = False
    for year in range(context.year, min(context.year + 8, date.max.year) + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        exists = True
        if candidate >= context:
            return Mention(_clean(text), candidate, candidate)
    if exists:
        return f"'{_clean(text)}' falls outside the calendar"
    return f"'{_clean(text)}' is not a valid date"


def _read_iso(match: re.Match[str], ctx: _Context) -> _Reading:
    return _day_mention(match[0], int(match["y"]), int(match["m"]), int(match["d"]))


def _read_numeric(match: re.Match[str], ctx: _Context) -> _Reading:
    year = _full_year(match["y"])
    return _day_mention(match[0], year, int(match["m"]), int(match["d"]))


def _read_day_window(match: re.Match[str], ctx: _Context) -> _Reading:
    year, month = _full_year(match["y"]), _month_number(match["m"])
    first = _day_mention(match[0], year, month, int(match["d1"]))
    last = _day_mention(match[0], year, month, int(match["d2"]))
    if isinstance(first, str) or isinstance(last, str):
        return f"'{_clean(match[0])}' is not a valid date range"
    return _window(match[0], first.start, last.end)


def _read_month_window(match: re.Match[str], ctx: _Context) -> _Reading:
    first_month, last_month = _month_number(match["m1"]), _month_number(match["m2"])
    last_year = _full_year(match["y2"])
    if match["y1"]:
        first_year = _full_year(match["y1"])
    else:  # "Nov - Feb 2012" runs over the new year
        first_year = last_year if first_month <= last_month else last_year - 1
    try:
        start = date(first_year, first_month, int(match["d1"] or 1))
        end = (
            date(last_year, last_month, int(match["d2"]))
            if match["d2"]
            else month_end(last_year, last_month)
        )
    except ValueError:
        return f"'{_clean(match[0])}' is not a valid date range"
    precision = Precision.DAY if match["d2"] else Precision.MONTH
    return _window(match[0], start, end, precision)


def _window(text: str, start: date, end: date, precision: Precision = Precision.DAY) -> _Reading:
    if start > end:
        return f"'{_clean(text)}' ends before it starts"
    return Mention(_clean(text), start, end, precision=precision)


def _read_day_month_year(match: re.Match[str], ctx: _Context) -> _Reading:
    year, month = _full_year(match["y"]), _month_number(match["m"])
    return _day_mention(match[0], year, month, int(match["d"]))


def _read_month_day_year(match: re.Match[str], ctx: _Context) -> _Reading:
    return _day_mention(match[0], int(match["y"]), _month_number(match["m"]), int(match["d"]))


def _read_month_day(match: re.Match[str], ctx: _Context) -> _Reading:
    return _next_day(match[0], ctx, _month_number(match["m"]), int(match["d"]))


def _read_month_year(match: re.Match[str], ctx: _Context) -> _Reading:
    """The month; but "March 31" in a 2011 plan may be 31 March as well as March 2031."""
    digits, month = match["y"], _month_number(match["m"])
    year = _full_year(digits)
    could_be_a_day = len(digits) == 2 and 1 <= int(digits) <= month_end(2000, month).day
    if could_be_a_day and not match["end"] and abs(year - ctx.plan.year) > _TWO_DIGIT_YEAR_REACH:
        name = _clean(match["m"])
        return (
            f"'{_clean(match[0])}' could be {int(digits)} {name} or {name} {year}: "
            f"write the day and a four-digit year, or the month and a four-digit year"
        )
    return _month_mention(match[0], year, month)


def _read_day_month(match: re.Match[str], ctx: _Context) -> _Reading:
    return _next_day(match[0], ctx, _month_number(match["m"]), int(match["d"]))


def _read_month_alone(match: re.Match[str], ctx: _Context) -> _Reading:
    month = _month_number(match["m"])
    return _month_mention(match[0], _next_month_year(ctx, month), month)


def _count(text: str) -> int:
    """ "70", "six", "a", "twenty-four": the number a count is written as."""
    if text.isdigit():
        return int(text)
    return sum(_NUMBER_VALUES[word] for word in _NUMBER_SPLIT.split(text.lower()))


def _read_within(match: re.Match[str], ctx: _Context) -> _Reading:
    """Count "within 3 months" from the plan's date, to the end of the month it lands in.

    That is how Ofsted reads it: "Within 3 months (end February 2012)" for a November report.
    Days and weeks land on a day; working days skip weekends and bank holidays.
    """
    text = _clean(match[0])
    if _FROM_AN_EVENT.match(match.string, match.end()):
        return f"'{text}' counts from another event, not from the plan's date"
    count = _count(match["n"])
    context = ctx.plan
    if match["working"]:
        end = _after_working_days(context, count)
        if end is None:
            first, last = _bank_holiday_years()
            return (
                f"'{text}' runs outside the years whose bank holidays are known ({first} to {last})"
            )
        return Mention(text, context, end)
    unit = match["unit"].lower().rstrip("s")
    if unit == "day":
        return Mention(text, context, context + timedelta(days=count))
    if unit == "week":
        return Mention(text, context, context + timedelta(weeks=count))
    months = count * 12 if unit == "year" else count
    end = add_months(context, months, to_month_end=True)
    return Mention(text, context, end, precision=Precision.MONTH)


def _bank_holiday_years() -> tuple[int, int]:
    """The years for which the `holidays` package knows England and Wales bank holidays."""
    calendar = _england_and_wales()
    return calendar.start_year, calendar.end_year


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays (Wales shares England's), with substitute days."""
    return frozenset(_england_and_wales(year))


def _england_and_wales(*years: int) -> HolidayBase:
    """The maintained calendar, imported lazily: only "working days" wordings need it."""
    from holidays import country_holidays

    return country_holidays("GB", subdiv="ENG", years=years)


def _after_working_days(start: date, count: int) -> date | None:
    """The `count`th working day after `start`; None past the years with known bank holidays."""
    first, last = _bank_holiday_years()
    day = start
    while count > 0:
        day += timedelta(days=1)
        if not first <= day.year <= last:
            return None
        if day.weekday() < 5 and day not in _bank_holidays(day.year):
            count -= 1
    return day


def _financial_year(match: re.Match[str]) -> int | str:
    """The calendar year a financial (or academic) year starts in, or why the years are not one."""
    first, second = _full_year(match["y1"]), match["y2"]
    follows = int(second) == (first + 1 if len(second) == 4 else (first + 1) % 100)
    if not follows:
        return f"'{_clean(match[0])}' is not a financial year: its years must follow each other"
    return first


def _quarter_months(match: re.Match[str]) -> tuple[date, date] | str:
    year = _financial_year(match)
    if isinstance(year, str):
        return year
    first_month = 4 + 3 * (int(match["q"]) - 1)  # Q1 starts in April; Q4 in January
    start = date(year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 1)
    return start, month_end(start.year, start.month + 2)


def _read_financial_quarter(match: re.Match[str], ctx: _Context) -> _Reading:
    months = _quarter_months(match)
    return months if isinstance(months, str) else _window(match[0], *months, Precision.QUARTER)


def _read_financial_quarter_end(match: re.Match[str], ctx: _Context) -> _Reading:
    months = _quarter_months(match)
    if isinstance(months, str):
        return months
    return Mention(_clean(match[0]), months[1], months[1], precision=Precision.QUARTER)


def _read_financial_year_end(match: re.Match[str], ctx: _Context) -> _Reading:
    year = _financial_year(match)
    if isinstance(year, str):
        return year
    return _month_mention(match[0], year + 1, 3, Precision.YEAR)


def _read_financial_year(match: re.Match[str], ctx: _Context) -> _Reading:
    """ "2016/17": 1 April 2016 to 31 March 2017, due at its end."""
    year = _financial_year(match)
    if isinstance(year, str):
        return year
    end = date(year + 1, 3, 31)
    return Mention(_clean(match[0]), date(year, 4, 1), end, precision=Precision.YEAR)


def _read_this_financial_year_end(match: re.Match[str], ctx: _Context) -> _Reading:
    """The 31 March on or after the plan's date, for "end of the financial year"."""
    context = ctx.plan
    return _month_mention(
        match[0], context.year + (1 if context.month >= 4 else 0), 3, Precision.YEAR
    )


def _read_calendar_quarter(match: re.Match[str], ctx: _Context) -> _Reading:
    year = _full_year(match["y"])
    last_month = ("March", "June", "September", "December")[int(match["q"]) - 1]
    return (
        f"'{_clean(match[0])}' does not say whether it is a quarter of the calendar or of the "
        f"financial year; write 'Q{match['q']} {year}/{(year + 1) % 100:02d}' for the financial "
        f"quarter, or the month ('end {last_month} {year}' for the calendar quarter)"
    )


def _read_academic_year(match: re.Match[str], ctx: _Context) -> _Reading:
    """ "academic year 2019/20": 1 September 2019 to 31 August 2020, due at its end."""
    year = _financial_year(match)
    if isinstance(year, str):
        return year.replace("a financial year", "an academic year")
    end = date(year + 1, 8, 31)
    return Mention(_clean(match[0]), date(year, 9, 1), end, precision=Precision.YEAR)


def _read_this_academic_year_end(match: re.Match[str], ctx: _Context) -> _Reading:
    """The 31 August on or after the plan's date, for "end of the academic year"."""
    context = ctx.plan
    year = context.year + (1 if context.month >= 9 else 0)
    return _month_mention(match[0], year, 8, Precision.YEAR)


def _read_term(match: re.Match[str], ctx: _Context) -> _Reading:
    """A school term of a named year, or of an academic year ("Spring term 2019/20" is 2020)."""
    term = match["term"].lower()
    if match["y1"]:
        first = _financial_year(match)
        if isinstance(first, str):
            return first.replace("a financial year", "an academic year")
        year = first if term == "autumn" else first + 1
    else:
        year = int(match["y"])
    return _term_mention(match[0], ctx.terms, term, year)


def _read_term_alone(match: re.Match[str], ctx: _Context) -> _Reading:
    """A year-less term: the wording's year, else the first such term ending on or after the
    plan's date."""
    term = match["term"].lower()
    if ctx.year is not None:
        return _term_mention(match[0], ctx.terms, term, ctx.year)
    year = ctx.plan.year
    if ctx.terms.end(term, year) < ctx.plan:
        year += 1
    return _term_mention(match[0], ctx.terms, term, year)


def _term_mention(text: str, terms: TermEnds, term: str, year: int) -> Mention:
    return Mention(
        _clean(text), terms.start(term, year), terms.end(term, year), precision=Precision.TERM
    )


def _read_year(match: re.Match[str], ctx: _Context) -> _Reading:
    """A year as a due: 1 January to 31 December, due at its end; "from 2008" is a start."""
    year = int(match["y"])
    role = START if match.groupdict().get("from") else DEADLINE
    return Mention(_clean(match[0]), date(year, 1, 1), date(year, 12, 31), role, Precision.YEAR)


def _read_year_onwards(match: re.Match[str], ctx: _Context) -> _Reading:
    year = int(match["y"])
    return Mention(_clean(match[0]), date(year, 1, 1), date(year, 12, 31), START, Precision.YEAR)


def _noting(template: str) -> _Reader:
    """A reader that only notes why a date-like fragment is not a date."""

    def read(match: re.Match[str], ctx: _Context) -> _Reading:
        return template.format(_clean(match[0]))

    return read


@dataclass(frozen=True)
class _Finder:
    """A pattern and its reader; the flags say how the reading is weighed.

    `window`: a span with a start ("February - March 2012"). `relative`: counted from the plan's
    date, so a written date wins over it. `names_year`: it names a calendar year, which year-less
    months take. `yearless`: a month or term without a year, read again once that year is known.
    """

    pattern: re.Pattern[str]
    read: _Reader
    window: bool = False
    relative: bool = False
    names_year: bool = False
    yearless: bool = False


# Order breaks ties between matches with the same start and length: real dates first.
_FINDERS = (
    _Finder(_ISO_DATE, _read_iso, names_year=True),
    _Finder(_NUMERIC_DATE, _read_numeric, names_year=True),
    _Finder(_EXCEL_DAY, _read_day_month_year, names_year=True),
    _Finder(_DAY_WINDOW, _read_day_window, window=True, names_year=True),
    _Finder(_MONTH_WINDOW, _read_month_window, window=True, names_year=True),
    _Finder(_DAY_MONTH_YEAR, _read_day_month_year, names_year=True),
    _Finder(_MONTH_DAY_YEAR, _read_month_day_year, names_year=True),
    _Finder(_EXCEL_MONTH, _read_month_year, names_year=True),
    _Finder(_MONTH_YEAR, _read_month_year, names_year=True),
    _Finder(_MONTH_DAY, _read_month_day, yearless=True),
    _Finder(_DAY_MONTH, _read_day_month, yearless=True),
    _Finder(_MONTH_ALONE, _read_month_alone, yearless=True),
    _Finder(_WITHIN, _read_within, relative=True),
    _Finder(_FINANCIAL_QUARTER_END, _read_financial_quarter_end),
    _Finder(_FINANCIAL_QUARTER, _read_financial_quarter, window=True),
    _Finder(_FINANCIAL_YEAR_END, _read_financial_year_end),
    _Finder(_THIS_FINANCIAL_YEAR_END, _read_this_financial_year_end, relative=True),
    _Finder(_ACADEMIC_YEAR, _read_academic_year),
    _Finder(_ACADEMIC_YEAR_AFTER, _read_academic_year),
    _Finder(_THIS_ACADEMIC_YEAR_END, _read_this_academic_year_end, relative=True),
    _Finder(_FINANCIAL_YEAR_LED, _read_financial_year),
    _Finder(_FINANCIAL_YEAR_WHOLE, _read_financial_year),
    _Finder(_TERM, _read_term, names_year=True),
    _Finder(_TERM_ALONE, _read_term_alone, yearless=True),
    _Finder(_YEAR_LED, _read_year, names_year=True),
    _Finder(_YEAR_ONWARDS, _read_year_onwards, names_year=True),
    _Finder(_YEAR_WHOLE, _read_year, names_year=True),
    _Finder(_CALENDAR_QUARTER, _read_calendar_quarter),
    _Finder(_SEASON_YEAR, _noting("'{}' is a season, not a date")),
    _Finder(_SEASON, _noting("'{}' is a season, not a date")),
    _Finder(_YEAR_SPAN, _noting("'{}' is a span of years (a financial or plan year), not a date")),
    _Finder(
        _SHORT_FINANCIAL_YEAR,
        _noting("'{}' is a financial year, not a date; write 'by' before it for its end"),
    ),
    _Finder(
        _SHORT_SPAN,
        _noting(
            "'{}' is not read as a date: write a financial or academic year in full ('2015/16')"
        ),
    ),
    _Finder(_NUMBER_RANGE, _noting("'{}' is a range of numbers (such as ages), not a date")),
    _Finder(_DURATION, _noting("'{}' is a length of time, not a date")),
    _Finder(
        _BARE_YEAR,
        _noting("'{0}' alone is a year, not a deadline; write 'by {0}' for the end of the year"),
    ),
)


@dataclass(frozen=True)
class _Hit:
    """A date-like fragment at its place in the wording: a mention, or a note on it."""

    begin: int
    end: int
    rank: int
    reading: _Reading
    finder: _Finder
    match: re.Match[str]


def _read(finder: _Finder, match: re.Match[str], ctx: _Context) -> _Reading:
    try:
        return finder.read(match, ctx)
    except (ValueError, OverflowError):  # a context date at the edge of the calendar
        return f"'{_clean(match[0])}' falls outside the calendar"


def _find_hits(text: str, ctx: _Context) -> list[_Hit]:
    """Every fragment found, then overlaps settled: leftmost first, then longest, then rank.

    Year-less months are then read again in the one year the wording names, if it names one.
    """
    candidates = [
        _Hit(match.start(), match.end(), rank, _read(finder, match, ctx), finder, match)
        for rank, finder in enumerate(_FINDERS)
        for match in finder.pattern.finditer(text)
    ]
    candidates.sort(key=lambda hit: (hit.begin, hit.begin - hit.end, hit.rank))
    kept: list[_Hit] = []
    for hit in candidates:
        if not kept or hit.begin >= kept[-1].end:
            kept.append(hit)
    years = {
        hit.reading.end.year
        for hit in kept
        if hit.finder.names_year and isinstance(hit.reading, Mention)
    }
    if len(years) == 1 and any(hit.finder.yearless for hit in kept):
        named = replace(ctx, year=years.pop())
        kept = [
            replace(hit, reading=_read(hit.finder, hit.match, named))
            if hit.finder.yearless
            else hit
            for hit in kept
        ]
    return [_with_role(text, hit) for hit in kept]


def _with_role(text: str, hit: _Hit) -> _Hit:
    """A date after "from", "since" or "starting", or before "onwards", is when something
    starts, never a deadline."""
    if not isinstance(hit.reading, Mention) or hit.finder.window or hit.finder.relative:
        return hit
    before = text[max(0, hit.begin - _LOOK_BEHIND) : hit.begin]
    if _START_WORD_BEFORE.search(before) or _ONWARDS_AFTER.match(text, hit.end):
        return replace(hit, reading=replace(hit.reading, role=START))
    return hit


# --- Cadence phrases ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    """A counted cadence phrase; `then_at` is where a "then" before it starts, if any."""

    begin: int
    end: int
    cadence: Cadence
    text: str
    then_at: int | None


_Note = tuple[int, str]


def _find_phrases(text: str) -> tuple[list[_Phrase], list[_Note]]:
    """Cadence words in phrases that set a rhythm; a note for every other cadence word."""
    phrase_at: dict[int, re.Match[str]] = {}
    for pattern in _CADENCE_PHRASES:
        for match in pattern.finditer(text):
            phrase_at.setdefault(match.start("cad"), match)
    phrases: list[_Phrase] = []
    notes: list[_Note] = []
    for word in _CADENCE_WORD.finditer(text):
        at = word.start("cad")
        reading = _read_phrase(text, word, phrase_at.get(at))
        if isinstance(reading, str):
            notes.append((at, reading))
        else:
            phrases.append(reading)
    return phrases, notes


def _cadence_of(word: re.Match[str]) -> Cadence | str:
    """The cadence a cadence word names, or why it names none the plan can schedule."""
    label = _clean(word["cad"])
    if word["unit"]:
        mult, unit = (word["mult"] or "").lower(), word["unit"].lower()
        if mult == "bi" and unit in _AMBIGUOUS_CADENCES:
            return f"'{label}' is ambiguous: {_AMBIGUOUS_CADENCES[unit]}"
        cadence = _CADENCES.get((mult, unit))
    elif word["per"]:
        every = (word["every"] or "1").lower()
        count = 2 if every == "other" else _count(every)
        cadence = _EVERY.get((count, word["per"].lower().rstrip("s")))
    else:
        per = word["per_time"].lower()
        if word["times"].lower() == "once":
            cadence = _EVERY.get((1, per))
        else:  # twice a year is six-monthly; twice a month or a week is no cadence of ours
            cadence = Cadence.SIX_MONTHLY if per == "year" else None
    if cadence is None:
        return f"'{label}' is not a cadence the plan can schedule"
    return cadence


def _read_phrase(text: str, word: re.Match[str], match: re.Match[str] | None) -> _Phrase | str:
    label = _clean(word["cad"])
    cadence = _cadence_of(word)
    if not isinstance(cadence, Cadence):  # a note (Cadence is a str too)
        return cadence
    if match is None:
        return (
            f"'{label}' is not in a recurrence phrase (such as 'on a quarterly basis'); "
            "not read as a cadence"
        )
    begin = match.start("phrase")
    phrase = _clean(match["phrase"])
    before = text[max(0, begin - _LOOK_BEHIND) : begin]
    if _POSSESSIVE_BEFORE.search(before):
        return f"'{phrase}' follows a possessive: someone else's rhythm, not this action's"
    noun = match.groupdict().get("noun")
    year_after = _YEAR_AFTER.match(text, match.end("phrase"))
    if noun and word["cad"][0].isupper() and noun[0].isupper() and year_after:
        return f"'{phrase} {_clean(year_after[0])}' is a document's name, not a cadence"
    then = _THEN_BEFORE.search(before)
    then_at = None if then is None else begin - len(before) + then.start("then")
    return _Phrase(begin, match.end("phrase"), cadence, phrase, then_at)


# --- Timescale words ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Marks:
    immediate: bool
    ongoing: bool


def _find_marks(text: str) -> tuple[_Marks, list[_Note]]:
    """Find "Immediate" and "ongoing" as the timescale; note them where they mean something else."""
    immediate, immediate_notes = _find_mark(text, _IMMEDIATE, _IMMEDIATE_WORD)
    ongoing, ongoing_notes = _find_mark(text, _ONGOING, _ONGOING_WORD)
    return _Marks(immediate, ongoing), immediate_notes + ongoing_notes


def _find_mark(
    text: str, marker: re.Pattern[str], word: re.Pattern[str]
) -> tuple[bool, list[_Note]]:
    """Whether `marker` matched, and a note for each `word` that no marker match covers."""
    spans = [match.span() for match in marker.finditer(text)]
    notes = [
        (match.start(), f"'{match[0]}' describes something else here, not the timescale")
        for match in word.finditer(text)
        if not any(begin <= match.start() < end for begin, end in spans)
    ]
    return bool(spans), notes


# --- Deciding the due ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Dated:
    """A date expression at its place in the wording."""

    begin: int
    end: int
    mention: Mention
    window: bool
    relative: bool


def parse_due(wording: str, context: date, *, terms: TermEnds | None = None) -> Due:
    """Read a "By when" cell; `context` (the plan's report date) anchors relative wording.

    `terms` are the plan's school term ends, when it knows them; else the conventional ones.
    """
    if len(wording) > MAX_WORDING_LENGTH:
        note = (
            f"the wording is {len(wording)} characters long, more than the "
            f"{MAX_WORDING_LENGTH} a 'By when' cell can hold; not read"
        )
        return Due(wording, DueKind.UNREAD, None, None, unread=(note,))
    if not wording.strip():
        return Due(wording, DueKind.UNREAD, None, None, unread=("the wording is empty",))
    hits = _find_hits(wording, _Context(context, terms or TermEnds()))
    phrases, notes = _find_phrases(wording)
    marks, mark_notes = _find_marks(wording)
    notes += mark_notes
    notes += [
        (hit.begin, hit.reading)
        for hit in hits
        if isinstance(hit.reading, str)
        and not any(p.begin <= hit.begin and hit.end <= p.end for p in phrases)
    ]
    dated = [
        _Dated(hit.begin, hit.end, hit.reading, hit.finder.window, hit.finder.relative)
        for hit in hits
        if isinstance(hit.reading, Mention)
    ]
    dated = _without_superseded(dated, notes)
    return _decide(wording, context, dated=dated, phrases=phrases, marks=marks, notes=notes)


def _decide(
    wording: str,
    context: date,
    *,
    dated: list[_Dated],
    phrases: list[_Phrase],
    marks: _Marks,
    notes: list[_Note],
) -> Due:
    """Weigh what was found into one Due; `notes` gains a reason when nothing was usable."""
    deadlines = [item for item in dated if item.mention.role == DEADLINE]
    starts = [item.mention for item in dated if item.mention.role == START]
    recurrence, anchor = _pick_recurrence(wording, phrases, deadlines, starts, notes)
    if anchor is not None and all(item is anchor for item in deadlines):
        # "February 2012, then on quarterly basis": the date is the first occurrence, not a due.
        deadlines = []
    kind, due, start = _kind_and_dates(context, deadlines, starts, recurrence, marks)
    if kind is DueKind.UNREAD:
        notes.append((len(wording), "no deadline, timescale or cadence found"))
    return Due(
        wording=wording,
        kind=kind,
        date=due,
        start=start,
        mentions=tuple(item.mention for item in dated),
        recurrence=recurrence,
        unread=tuple(dict.fromkeys(note for _, note in sorted(notes, key=lambda n: n[0]))),
        precision=_precision(kind, due, deadlines),
    )


def _precision(kind: DueKind, due: date | None, deadlines: list[_Dated]) -> Precision:
    """The finest precision among the deadlines that end on the due ("31 March" beats "March")."""
    if due is None or kind is DueKind.IMMEDIATE:
        return Precision.DAY
    found = [item.mention.precision for item in deadlines if item.mention.end == due]
    return min(found, key=_FINEST_FIRST.index, default=Precision.DAY)


def _without_superseded(dated: list[_Dated], notes: list[_Note]) -> list[_Dated]:
    """Let a written date win over "within 3 months"; keep the latter only where they agree."""
    written = [item.mention.end for item in dated if not item.relative]
    if not written:
        return dated
    latest = max(written)
    kept: list[_Dated] = []
    for item in dated:
        if not item.relative or item.mention.end == latest:
            kept.append(item)
            continue
        notes.append(
            (
                item.begin,
                f"'{item.mention.text}' would be {item.mention.end.isoformat()}; "
                "the written date is used instead",
            )
        )
    return kept


def _pick_recurrence(
    wording: str,
    phrases: list[_Phrase],
    deadlines: list[_Dated],
    starts: list[Mention],
    notes: list[_Note],
) -> tuple[Recurrence | None, _Dated | None]:
    """The cell's cadence, preferring one anchored by "<date>, then ..."; else a "from" date."""
    if not phrases:
        return None, None
    chosen, anchor = phrases[0], None
    for phrase in phrases:
        anchor = _then_anchor(wording, phrase, deadlines)
        if anchor is not None:
            chosen = phrase
            break
    for phrase in phrases:
        if phrase.cadence is not chosen.cadence:
            notes.append(
                (phrase.begin, f"'{phrase.text}' is a second cadence; only '{chosen.text}' is kept")
            )
    if anchor is not None:
        first: date | None = anchor.mention.end
    elif starts:
        first = starts[0].end
    else:
        first = None
    return Recurrence(chosen.cadence, chosen.text, first), anchor


def _then_anchor(wording: str, phrase: _Phrase, deadlines: list[_Dated]) -> _Dated | None:
    """The date just before "then" in "February 2012, then on quarterly basis"."""
    if phrase.then_at is None:
        return None
    before = [item for item in deadlines if item.end <= phrase.then_at]
    if before and _ANCHOR_GAP.fullmatch(wording, before[-1].end, phrase.then_at):
        return before[-1]
    return None


def _kind_and_dates(
    context: date,
    deadlines: list[_Dated],
    starts: list[Mention],
    recurrence: Recurrence | None,
    marks: _Marks,
) -> tuple[DueKind, date | None, date | None]:
    """The kind, the due and the start, in the order an officer would weigh the words."""
    ends = sorted({item.mention.end for item in deadlines})
    due = ends[-1] if ends else None
    opening = context if marks.immediate else (starts[0].start if starts else None)
    if marks.ongoing:
        return DueKind.ONGOING, due, opening
    if due is not None:
        windows = [item.mention.start for item in deadlines if item.window]
        if len(ends) > 1:
            return DueKind.MILESTONES, due, opening
        if windows:
            return DueKind.WINDOW, due, min(windows)
        return DueKind.DATE, due, opening
    if marks.immediate:
        return DueKind.IMMEDIATE, context, None
    if recurrence is not None:
        return DueKind.RECURRING, None, recurrence.first
    if opening is not None:
        return DueKind.ONGOING, None, opening
    return DueKind.UNREAD, None, None
