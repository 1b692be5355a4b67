"""Read the free prose of an action's "By when" cell into a machine-usable due.

Officers write deadlines as they speak: "end February 2012", "Feb/March 12", "Report to LSCB
February 2012 then on quarterly basis". Queries need one date they can compare, without losing
what the words said; so `parse_due` returns the due together with every date it found, the
cadence it read, and a note for each date-like fragment it chose not to use (nothing is dropped
silently). The module is pure: no clock (the plan's report date is passed in), no I/O.

Every pattern is a module-level compiled regex with bounded, non-overlapping repetition, so
that long or hostile text cannot make matching backtrack catastrophically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from slac_plan.core.periods import Cadence, add_months, month_end

__all__ = [
    "DEADLINE",
    "MAX_WORDING_LENGTH",
    "START",
    "Due",
    "DueKind",
    "Mention",
    "Recurrence",
    "parse_due",
]

MAX_WORDING_LENGTH = 2000
"""A longer cell is pasted text, not a "By when": refused rather than scanned."""

DEADLINE = "deadline"
START = "start"


class DueKind(StrEnum):
    """What sort of due the wording gives, so that queries know how to treat `Due.date`."""

    DATE = "date"  # one deadline: a day, or a month meaning its last day
    WINDOW = "window"  # "February - March 2012": start 1 February, due 31 March
    MILESTONES = "milestones"  # several dated milestones; the due is the latest
    IMMEDIATE = "immediate"  # due on the plan's date
    ONGOING = "ongoing"  # no deadline, unless a review or report date is given
    RECURRING = "recurring"  # a cadence, anchored ("then on quarterly basis") or not
    UNREAD = "unread"  # nothing usable; `Due.unread` says why


@dataclass(frozen=True)
class Mention:
    """One date expression in the wording, kept so a reader can see what the due came from."""

    text: str
    start: date
    end: date
    role: str = DEADLINE

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: dates as ISO strings."""
        return {
            "text": self.text,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "role": self.role,
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
    a recurrence's first occurrence, or the date after "from"; else None.
    """

    wording: str
    kind: DueKind
    # `dt.date` because the field named `date` would shadow the type in later annotations.
    date: dt.date | None
    start: dt.date | None
    mentions: tuple[Mention, ...] = ()
    recurrence: Recurrence | None = None
    unread: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: dates as ISO strings, enums as their values, None kept."""
        return {
            "wording": self.wording,
            "kind": self.kind.value,
            "date": _iso(self.date),
            "start": _iso(self.start),
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
    """A year after a month: four digits, or two ("April 12"), but not a day ("12th", "12:30")."""
    return (
        rf"(?P<{group}>(?:19|20)[0-9]{{2}}|[0-9]{{2}})"
        r"(?![0-9]|(?:st|nd|rd|th)(?![A-Za-z])|[:.][0-9])"
    )


def _day(group: str) -> str:
    """A day of the month, not the tail of a longer number or of "1.4.2012"."""
    return rf"(?<![0-9A-Za-z.,/-])(?P<{group}>[0-9]{{1,2}}){_ORDINAL}(?![0-9])"


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
_DAY_WINDOW = re.compile(  # "3-14 October 2011"
    rf"{_day('d1')}{_RANGE_SEPARATOR}(?P<d2>[0-9]{{1,2}}){_ORDINAL}{_S}(?:of{_S})?"
    rf"{_month('m')}{_S}{_year('y')}",
    _ANY_CASE,
)
_MONTH_WINDOW = re.compile(  # "February - March 2012", "Feb/March 12", "1 Feb to 31 Mar 2012"
    rf"(?:{_day('d1')}{_S}(?:of{_S})?)?{_month('m1')}(?:{_S}{_year('y1')})?{_RANGE_SEPARATOR}"
    rf"(?:(?P<d2>[0-9]{{1,2}}){_ORDINAL}{_S}(?:of{_S})?)?{_month('m2')}{_S}{_year('y2')}",
    _ANY_CASE,
)
_DAY_MONTH_YEAR = re.compile(
    rf"{_day('d')}{_S}(?:of{_S})?{_month('m')},?{_S}{_year('y')}", _ANY_CASE
)
_MONTH_DAY = re.compile(  # "March 12th", "March 12th, 2012": the ordinal makes it a day
    rf"{_month('m')}{_S}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)(?![A-Za-z])"
    rf"(?:,?{_S}(?P<y>(?:19|20)[0-9]{{2}})(?![0-9]))?",
    _ANY_CASE,
)
_MONTH_YEAR = re.compile(rf"{_END_OF}{_month('m')}{_S}{_year('y')}", _ANY_CASE)
_DAY_MONTH = re.compile(rf"{_day('d')}{_S}(?:(?i:of){_S})?{_month('m', capital=True)}", _EXACT_CASE)
_MONTH_ALONE = re.compile(rf"{_END_OF}{_month('m', capital=True)}", _EXACT_CASE)
_NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_WITHIN = re.compile(
    rf"(?<![A-Za-z])within{_S}(?P<n>[0-9]{{1,2}}|{'|'.join(_NUMBER_WORDS)}){_S}"
    r"(?P<unit>days?|weeks?|months?|years?)(?![A-Za-z])",
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

# English councils plan in financial years, April to March: "Q3 2012/13" is October to
# December 2012, and "end of 2012/13" is 31 March 2013.
_FINANCIAL_YEAR = (
    rf"(?P<y1>(?:19|20)[0-9]{{2}}){_S0}(?:{_DASH}|/){_S0}(?P<y2>(?:19|20)[0-9]{{2}}|[0-9]{{2}})"
    r"(?![0-9]|[./-][0-9])"
)
_QUARTER = rf"(?<![A-Za-z0-9])(?:q|qtr\.?{_S0}|quarter{_S})(?P<q>[1-4])(?![0-9])"
_OF_YEAR = rf"{_S0},?{_S}(?:of{_S})?(?:the{_S})?(?:financial{_S}year{_S}|fy{_S0})?"
_QUARTER_OF_YEAR = rf"{_QUARTER}{_OF_YEAR}{_FINANCIAL_YEAR}"
_FINANCIAL_QUARTER = re.compile(_QUARTER_OF_YEAR, _ANY_CASE)
_FINANCIAL_QUARTER_END = re.compile(
    rf"(?<![A-Za-z])end{_S}(?:of{_S})?(?:the{_S})?{_QUARTER_OF_YEAR}", _ANY_CASE
)
_FINANCIAL_YEAR_END = re.compile(
    rf"(?<![A-Za-z])end{_S}(?:of{_S})?(?:the{_S})?(?:financial{_S}year{_S}|fy{_S0})?"
    rf"{_FINANCIAL_YEAR}",
    _ANY_CASE,
)
_THIS_FINANCIAL_YEAR_END = re.compile(
    rf"(?<![A-Za-z])end{_S}(?:of{_S})?(?:the|this){_S}financial{_S}year(?![A-Za-z]|{_S0}[0-9])",
    _ANY_CASE,
)
_CALENDAR_QUARTER = re.compile(  # "Q2 2013": of the calendar or the financial year?
    rf"{_QUARTER}{_OF_YEAR}(?P<y>(?:19|20)[0-9]{{2}})(?![0-9]|{_S0}(?:{_DASH}|/){_S0}[0-9])",
    _ANY_CASE,
)

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
_NUMBER_RANGE = re.compile(  # age ranges: "0-13", "14-25"
    rf"(?<![0-9.-])[0-9]{{1,2}}{_S0}{_DASH}{_S0}[0-9]{{1,2}}(?![0-9]|[./-][0-9])", _ANY_CASE
)
_DURATION = re.compile(
    rf"(?<![0-9.-])[0-9]{{1,3}}{_S0}-?{_S0}(?:days?|weeks?|months?|years?)(?![A-Za-z])",
    _ANY_CASE,
)
_BARE_YEAR = re.compile(r"(?<![0-9.-])(?:19|20)[0-9]{2}(?![0-9]|[.-][0-9])", _ANY_CASE)

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

_CADENCE = (
    r"(?<![A-Za-z0-9-])(?P<cad>"
    rf"(?:(?P<mult>[0-9]{{1,2}}|bi|two|three|four|six|twelve|half|semi){_S0}-?{_S0}"
    r"(?=weekly|monthly|yearly|annual))?"
    r"(?P<unit>weekly|fortnightly|monthly|quarterly|termly|yearly|annual(?:ly)?))(?![A-Za-z])"
)
_CADENCE_WORD = re.compile(_CADENCE, _ANY_CASE)
_CADENCES: dict[tuple[str, str], Cadence] = {
    ("", "weekly"): Cadence.WEEKLY,
    ("2", "weekly"): Cadence.FORTNIGHTLY,
    ("two", "weekly"): Cadence.FORTNIGHTLY,
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
    ("", "annual"): Cadence.ANNUALLY,
    ("", "annually"): Cadence.ANNUALLY,
    ("semi", "annual"): Cadence.SIX_MONTHLY,
    ("semi", "annually"): Cadence.SIX_MONTHLY,
}
# The phrases in which a cadence word sets this action's rhythm, most specific first.
_CADENCE_PHRASES = tuple(
    re.compile(pattern, _ANY_CASE)
    for pattern in (
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
    )
)
_THEN_BEFORE = re.compile(rf"(?<![A-Za-z])(?P<then>then){_S}(?:on{_S}(?:an?{_S})?)?\Z", _ANY_CASE)
_ANCHOR_GAP = re.compile(f"[{_SPACE},;:.\u2010-\u2015-]*")
_POSSESSIVE_BEFORE = re.compile(rf"[A-Za-z](?:['\u2019]s|s['\u2019]){_S}\Z", _ANY_CASE)
_YEAR_AFTER = re.compile(rf"{_S}(?:19|20)[0-9]{{2}}(?![0-9])", _ANY_CASE)
_LOOK_BEHIND = 60


# --- Reading one date expression ----------------------------------------------------------

_Reading = Mention | str  # a date, or a note on why a date-like fragment is not one
_Reader = Callable[[re.Match[str], date], _Reading]


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


def _month_mention(text: str, year: int, month: int) -> Mention:
    return Mention(_clean(text), date(year, month, 1), month_end(year, month))


def _next_month_year(context: date, month: int) -> int:
    """A year-less month is the first such month ending on or after the plan's date."""
    if month_end(context.year, month) >= context:
        return context.year
    return context.year + 1


def _next_day(text: str, context: date, month: int, day: int) -> _Reading:
    """A year-less day is the first such day on or after the plan's date (29 Feb: a leap year)."""
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


def _read_iso(match: re.Match[str], context: date) -> _Reading:
    return _day_mention(match[0], int(match["y"]), int(match["m"]), int(match["d"]))


def _read_numeric(match: re.Match[str], context: date) -> _Reading:
    year = _full_year(match["y"])
    return _day_mention(match[0], year, int(match["m"]), int(match["d"]))


def _read_day_window(match: re.Match[str], context: date) -> _Reading:
    year, month = _full_year(match["y"]), _month_number(match["m"])
    first = _day_mention(match[0], year, month, int(match["d1"]))
    last = _day_mention(match[0], year, month, int(match["d2"]))
    if isinstance(first, str) or isinstance(last, str):
        return f"'{_clean(match[0])}' is not a valid date range"
    return _window(match[0], first.start, last.end)


def _read_month_window(match: re.Match[str], context: date) -> _Reading:
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
    return _window(match[0], start, end)


def _window(text: str, start: date, end: date) -> _Reading:
    if start > end:
        return f"'{_clean(text)}' ends before it starts"
    return Mention(_clean(text), start, end)


def _read_day_month_year(match: re.Match[str], context: date) -> _Reading:
    year, month = _full_year(match["y"]), _month_number(match["m"])
    return _day_mention(match[0], year, month, int(match["d"]))


def _read_month_day(match: re.Match[str], context: date) -> _Reading:
    month, day = _month_number(match["m"]), int(match["d"])
    if match["y"]:
        return _day_mention(match[0], int(match["y"]), month, day)
    return _next_day(match[0], context, month, day)


def _read_month_year(match: re.Match[str], context: date) -> _Reading:
    return _month_mention(match[0], _full_year(match["y"]), _month_number(match["m"]))


def _read_day_month(match: re.Match[str], context: date) -> _Reading:
    return _next_day(match[0], context, _month_number(match["m"]), int(match["d"]))


def _read_month_alone(match: re.Match[str], context: date) -> _Reading:
    month = _month_number(match["m"])
    return _month_mention(match[0], _next_month_year(context, month), month)


def _read_within(match: re.Match[str], context: date) -> _Reading:
    """Count "within 3 months" from the plan's date, to the end of the month it lands in.

    That is how Ofsted reads it: "Within 3 months (end February 2012)" for a November report.
    """
    text = _clean(match[0])
    if _FROM_AN_EVENT.match(match.string, match.end()):
        return f"'{text}' counts from another event, not from the plan's date"
    count_text = match["n"].lower()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.index(count_text) + 1
    unit = match["unit"].lower().rstrip("s")
    if unit == "day":
        end = context + timedelta(days=count)
    elif unit == "week":
        end = context + timedelta(weeks=count)
    else:
        months = count * 12 if unit == "year" else count
        end = add_months(context, months, to_month_end=True)
    return Mention(text, context, end)


def _financial_year(match: re.Match[str]) -> int | str:
    """The calendar year a financial year starts in, or why the years are not one."""
    first, second = int(match["y1"]), match["y2"]
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


def _read_financial_quarter(match: re.Match[str], context: date) -> _Reading:
    months = _quarter_months(match)
    return months if isinstance(months, str) else _window(match[0], *months)


def _read_financial_quarter_end(match: re.Match[str], context: date) -> _Reading:
    months = _quarter_months(match)
    if isinstance(months, str):
        return months
    return Mention(_clean(match[0]), months[1], months[1])


def _read_financial_year_end(match: re.Match[str], context: date) -> _Reading:
    year = _financial_year(match)
    if isinstance(year, str):
        return year
    return _month_mention(match[0], year + 1, 3)


def _read_this_financial_year_end(match: re.Match[str], context: date) -> _Reading:
    """The 31 March on or after the plan's date, for "end of the financial year"."""
    return _month_mention(match[0], context.year + (1 if context.month >= 4 else 0), 3)


def _read_calendar_quarter(match: re.Match[str], context: date) -> _Reading:
    year = int(match["y"])
    return (
        f"'{_clean(match[0])}' does not say whether it is a quarter of the calendar or of the "
        f"financial year; write 'Q{match['q']} {year}/{(year + 1) % 100:02d}' for the financial "
        "quarter, or the month"
    )


def _noting(template: str) -> _Reader:
    """A reader that only notes why a date-like fragment is not a date."""

    def read(match: re.Match[str], context: date) -> _Reading:
        return template.format(_clean(match[0]))

    return read


@dataclass(frozen=True)
class _Finder:
    pattern: re.Pattern[str]
    read: _Reader
    window: bool = False
    relative: bool = False


# Order breaks ties between matches with the same start and length: real dates first.
_FINDERS = (
    _Finder(_ISO_DATE, _read_iso),
    _Finder(_NUMERIC_DATE, _read_numeric),
    _Finder(_DAY_WINDOW, _read_day_window, window=True),
    _Finder(_MONTH_WINDOW, _read_month_window, window=True),
    _Finder(_DAY_MONTH_YEAR, _read_day_month_year),
    _Finder(_MONTH_DAY, _read_month_day),
    _Finder(_MONTH_YEAR, _read_month_year),
    _Finder(_DAY_MONTH, _read_day_month),
    _Finder(_MONTH_ALONE, _read_month_alone),
    _Finder(_WITHIN, _read_within, relative=True),
    _Finder(_FINANCIAL_QUARTER_END, _read_financial_quarter_end),
    _Finder(_FINANCIAL_QUARTER, _read_financial_quarter, window=True),
    _Finder(_FINANCIAL_YEAR_END, _read_financial_year_end),
    _Finder(_THIS_FINANCIAL_YEAR_END, _read_this_financial_year_end, relative=True),
    _Finder(_CALENDAR_QUARTER, _read_calendar_quarter),
    _Finder(_SEASON_YEAR, _noting("'{}' is a season, not a date")),
    _Finder(_SEASON, _noting("'{}' is a season, not a date")),
    _Finder(_YEAR_SPAN, _noting("'{}' is a span of years (a financial or plan year), not a date")),
    _Finder(_NUMBER_RANGE, _noting("'{}' is a range of numbers (such as ages), not a date")),
    _Finder(_DURATION, _noting("'{}' is a length of time, not a date")),
    _Finder(_BARE_YEAR, _noting("'{}' alone is a year, not a deadline")),
)


@dataclass(frozen=True)
class _Hit:
    """A date-like fragment at its place in the wording: a mention, or a note on it."""

    begin: int
    end: int
    rank: int
    reading: _Reading
    window: bool = False
    relative: bool = False


def _find_hits(text: str, context: date) -> list[_Hit]:
    """Every fragment found, then overlaps settled: leftmost first, then longest, then rank."""
    candidates: list[_Hit] = []
    for rank, finder in enumerate(_FINDERS):
        for match in finder.pattern.finditer(text):
            try:
                reading = finder.read(match, context)
            except (ValueError, OverflowError):  # a context date at the edge of the calendar
                reading = f"'{_clean(match[0])}' falls outside the calendar"
            candidates.append(
                _Hit(match.start(), match.end(), rank, reading, finder.window, finder.relative)
            )
    candidates.sort(key=lambda hit: (hit.begin, hit.begin - hit.end, hit.rank))
    kept: list[_Hit] = []
    for hit in candidates:
        if not kept or hit.begin >= kept[-1].end:
            kept.append(hit)
    return [_with_role(text, hit) for hit in kept]


def _with_role(text: str, hit: _Hit) -> _Hit:
    """A date after "from", "since" or "starting" is when something starts, never a deadline."""
    if not isinstance(hit.reading, Mention) or hit.window or hit.relative:
        return hit
    before = text[max(0, hit.begin - _LOOK_BEHIND) : hit.begin]
    if _START_WORD_BEFORE.search(before):
        return replace(hit, reading=replace(hit.reading, role=START))
    return hit


# --- Cadence phrases ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    """A counted cadence phrase; `then_at` is where a "then" before it starts, if any."""

    begin: int
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


def _read_phrase(text: str, word: re.Match[str], match: re.Match[str] | None) -> _Phrase | str:
    label = _clean(word["cad"])
    cadence = _CADENCES.get(((word["mult"] or "").lower(), word["unit"].lower()))
    if cadence is None:
        return f"'{label}' is not a cadence the plan can schedule"
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
    return _Phrase(begin, cadence, phrase, then_at)


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


def parse_due(wording: str, context: date) -> Due:
    """Read a "By when" cell; `context` (the plan's report date) anchors relative wording."""
    if len(wording) > MAX_WORDING_LENGTH:
        note = (
            f"the wording is {len(wording)} characters long, more than the "
            f"{MAX_WORDING_LENGTH} a 'By when' cell can hold; not read"
        )
        return Due(wording, DueKind.UNREAD, None, None, unread=(note,))
    if not wording.strip():
        return Due(wording, DueKind.UNREAD, None, None, unread=("the wording is empty",))
    hits = _find_hits(wording, context)
    phrases, notes = _find_phrases(wording)
    marks, mark_notes = _find_marks(wording)
    notes += mark_notes
    notes += [(hit.begin, hit.reading) for hit in hits if isinstance(hit.reading, str)]
    dated = [
        _Dated(hit.begin, hit.end, hit.reading, hit.window, hit.relative)
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
    )


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
