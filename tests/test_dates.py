"""Reading "By when" wordings into dues, as a council officer would read them.

The tables hold every "By when" and "Timescale" wording of the Brent SLAC action plan (source
document, report date 18 November 2011), each with the due an officer would take from it, then
the reading rules one by one. Property tests check what no table can: that no text makes the
parser raise, and that generated dates read back as themselves.
"""

from __future__ import annotations

import inspect
import json
import re
import time
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slac_plan.core import dates
from slac_plan.core.dates import (
    MAX_WORDING_LENGTH,
    Due,
    DueKind,
    Mention,
    Precision,
    Recurrence,
    TermEnds,
    parse_due,
)
from slac_plan.core.periods import Cadence, month_end

REPORT = date(2011, 11, 18)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Expect:
    """The reading expected of one wording; every field is checked, None included."""

    kind: DueKind
    due: date | None = None
    start: date | None = None
    cadence: Cadence | None = None
    first: date | None = None
    precision: Precision | None = None  # checked when given; the older tables predate it


def case(wording: str, expect: Expect, where: str) -> object:
    return pytest.param(wording, expect, id=where)


def check(wording: str, expect: Expect) -> Due:
    due = parse_due(wording, REPORT)
    assert (due.kind, due.date, due.start) == (expect.kind, expect.due, expect.start), due
    if expect.cadence is None:
        assert due.recurrence is None, due
    else:
        assert due.recurrence is not None, due
        assert (due.recurrence.cadence, due.recurrence.first) == (expect.cadence, expect.first)
    if expect.precision is not None:
        assert due.precision is expect.precision, due
    if due.kind is DueKind.UNREAD:
        assert due.unread, "an unread wording must say why"
    return due


def D(year: int, month: int, day: int) -> date:
    return date(year, month, day)


FEB_END = D(2012, 2, 29)
MAR_END = D(2012, 3, 31)
APR_END = D(2012, 4, 30)
SEP_END = D(2012, 9, 30)
Q = Cadence.QUARTERLY

AUDIT_OUTCOME = (
    "Audit outcome will be included in post-inspection action plan quarterly report to "
    "Departmental Management Team and Local Safeguarding Children Board"
)
TASK_AND_FINISH = (
    "Task and finish group to report February 2012. Report to Lead Member, DMT and to LSCB to "
    "confirm all arrangements have been put in place \u2013 April 12."
)
FEED_IN = (
    "To feed in to consultation prior to review of Children and Young People's Plan 2012 To "
    "feed in to LSCB Annual Review 2011 and Business Plan 2012 Scrutiny of actions within this "
    "recommendation will be undertaken through CMT, the Chief Executive's quarterly "
    "multi-agency child protection meetings; and by the members' Corporate Parenting and "
    "Safeguarding Board."
)
MONITORING_TO_DMT = (
    "Monitoring to be reported to DMT so that DCS can ensure that this is implemented and "
    "improves educational outcomes for looked after children. It will also be monitored by the "
    "LAC Strategy group and CMT. Report to go to Corporate Parenting and Safeguarding Board "
    "September 12"
)
LAY_MEMBERS = "Meeting planned March 2012 Accountable to LSCB Independent Chair, then to DCS"

# Every distinct "By when" and "Timescale" wording of the document; the id names where it is.
# Where the extraction leaves a cell's split between actions unclear, both readings are here.
DOCUMENT = [
    # Timescales of the recommendations.
    case("Immediate", Expect(DueKind.IMMEDIATE, REPORT), "timescale-immediate"),
    case("Timescale: Immediate", Expect(DueKind.IMMEDIATE, REPORT), "timescale-label"),
    case("Within 3 months (end February 2012)", Expect(DueKind.DATE, FEB_END), "timescale-3m"),
    case("Within 6 months (end May 2012)", Expect(DueKind.DATE, D(2012, 5, 31)), "timescale-6m"),
    case(
        "Within 3\nmonths (end February\n\n2012)",
        Expect(DueKind.DATE, FEB_END),
        "timescale-3m-as-extracted",
    ),
    # Safeguarding recommendations.
    case(
        "Policy to be completed by end February 2012",
        Expect(DueKind.DATE, FEB_END),
        "sg-r1.1+lac-r4.1",
    ),
    case(
        "February \u2013 March 2012",
        Expect(DueKind.WINDOW, MAR_END, D(2012, 2, 1)),
        "sg-r1.2+lac-r4.2+lac-r6.7",
    ),
    case("", Expect(DueKind.UNREAD), "sg-r1.3-empty-cell+lac-ad5"),
    case(
        f"March 2012. {AUDIT_OUTCOME} Information to be included in quarterly impact report "
        "September 2012",
        Expect(DueKind.MILESTONES, SEP_END, cadence=Q),
        "sg-r2-whole-cell",
    ),
    case(f"March 2012. {AUDIT_OUTCOME}", Expect(DueKind.DATE, MAR_END, cadence=Q), "sg-r2.1-2"),
    case(
        "Information to be included in quarterly impact report September 2012",
        Expect(DueKind.DATE, SEP_END, cadence=Q),
        "sg-r2.3",
    ),
    case("March 2012 \u2013 sign-off by DMT and LSCB", Expect(DueKind.DATE, MAR_END), "sg-r3.1"),
    case(
        "June 2012 to be included within quarterly post-inspection action plan report to DMT, "
        "CMT and LSCB",
        Expect(DueKind.DATE, D(2012, 6, 30), cadence=Q),
        "sg-r3.2",
    ),
    case(
        "Overarching system to be signed off by DCS in February and fully operational by June "
        "2012.",
        Expect(DueKind.MILESTONES, D(2012, 6, 30)),
        "sg-r4.1",
    ),
    case(
        "Review by Complaints Manager and SCMT \u2013 April 2012. Report to Lead Member",
        Expect(DueKind.DATE, APR_END),
        "sg-r4.2",
    ),
    case(
        "Six monthly reports to Brent Children's Partnership Executive Group, Corporate "
        "Parenting Group and LSCB.",
        Expect(DueKind.RECURRING, cadence=Cadence.SIX_MONTHLY),
        "sg-r4.3",
    ),
    case(
        "A progress report will be provided to the DCS in February, on all actions below for "
        "presentation to the LSCB and Multi-agency child protection meeting for scrutiny April "
        "2012.",
        Expect(DueKind.MILESTONES, APR_END),
        "sg-r5",
    ),
    case(
        "Multi-agency progress report on all actions below to be scrutinised by DCS on monthly "
        "basis, and through High-Level Child Protection meetings. Report to LSCB June 2012.",
        Expect(DueKind.DATE, D(2012, 6, 30), cadence=Cadence.MONTHLY),
        "sg-r6",
    ),
    case(TASK_AND_FINISH, Expect(DueKind.MILESTONES, APR_END), "sg-r7-whole-cell"),
    case(
        "Task and finish group to report February 2012.", Expect(DueKind.DATE, FEB_END), "sg-r7.1"
    ),
    case(
        "Report to Lead Member, DMT and to LSCB to confirm all arrangements have been put in "
        "place \u2013 April 12.",
        Expect(DueKind.DATE, APR_END),
        "sg-r7.2",
    ),
    case(
        "Immediate and ongoing. Communication will take place as part of the 2 One Council "
        "projects: Transitions into Adult Life, and Children with Disabilities 0-13 project \u2013 "
        "outcome to be reported to Lead Member and Programme Board April 2012.",
        Expect(DueKind.ONGOING, APR_END, REPORT),
        "sg-r8",
    ),
    case(FEED_IN, Expect(DueKind.UNREAD), "sg-r9.1"),
    case("April 2012", Expect(DueKind.DATE, APR_END), "sg-r9.2+lac-r3.3"),
    case("January 2012", Expect(DueKind.DATE, D(2012, 1, 31)), "sg-r9.3"),
    # Safeguarding: additional areas for development.
    case(
        "Quarterly report to be included with management information to the LSCB on outcomes "
        "of referrals about adults who may pose a risk to children, from December 11",
        Expect(DueKind.RECURRING, None, D(2011, 12, 31), Q, D(2011, 12, 31)),
        "sg-ad1.1",
    ),
    case("LSCB", Expect(DueKind.UNREAD), "sg-ad1.2+sg-ad8.3"),
    case("February 2012", Expect(DueKind.DATE, FEB_END), "sg-ad1.3+sg-ad3.1+lac-r8.2-3+lac-ad4.1"),
    case(
        "January 2012. Report to DMT February 2012.",
        Expect(DueKind.MILESTONES, FEB_END),
        "sg-ad2-crb",
    ),
    case("December 2011", Expect(DueKind.DATE, D(2011, 12, 31)), "sg-ad3.2+sg-ad8.1+lac-r1.6"),
    case(
        "January 2012 Compliance to be tested through planned audit cycle.",
        Expect(DueKind.DATE, D(2012, 1, 31)),
        "sg-ad4-cloning",
    ),
    case("April 2012/0-13 Project Board", Expect(DueKind.DATE, APR_END), "sg-ad5.1-assessments"),
    case("Takes up post December 2011.", Expect(DueKind.DATE, D(2011, 12, 31)), "sg-ad5.2"),
    case("Ongoing, as key part of role.", Expect(DueKind.ONGOING), "sg-ad5.3"),
    case(
        "Takes place March 2012 Accountable to Director of Children's Services who will ensure "
        "appropriate linkages are in place.",
        Expect(DueKind.DATE, MAR_END),
        "sg-ad6-lscb-plan",
    ),
    case(f"{LAY_MEMBERS} February 2012", Expect(DueKind.MILESTONES, MAR_END), "sg-ad7-whole-cell"),
    case(LAY_MEMBERS, Expect(DueKind.DATE, MAR_END), "sg-ad7.1-lay-members"),
    case(
        "Next audit: April 2012 Outcome of audit to be reported to LSCB.",
        Expect(DueKind.DATE, APR_END),
        "sg-ad8.2",
    ),
    # Looked after children recommendations.
    case("1 February 2012", Expect(DueKind.DATE, D(2012, 2, 1)), "lac-r1.1-2-4-5-7"),
    case(
        "Regular review of SLA will ensure all actions are implemented. 1 February 2012",
        Expect(DueKind.DATE, D(2012, 2, 1)),
        "lac-r1.4-with-lead-cell-text",
    ),
    case("Immediate and ongoing", Expect(DueKind.ONGOING, None, REPORT), "lac-r1.3+lac-r3.2"),
    case(
        "Audit September 2012. Outcome of audits to be presented to DMT and to LSCB as part of "
        "quarterly monitoring.",
        Expect(DueKind.DATE, SEP_END, cadence=Q),
        "lac-r2",
    ),
    case(
        "March 2012 Management information to be presented to DMT and to LSCB as part of "
        "quarterly monitoring.",
        Expect(DueKind.DATE, MAR_END, cadence=Q),
        "lac-r3.1",
    ),
    case(f"March 12. {AUDIT_OUTCOME}", Expect(DueKind.DATE, MAR_END, cadence=Q), "lac-r4.3"),
    case("September 2012", Expect(DueKind.DATE, SEP_END), "lac-r4.4"),
    case(
        "All actions to be implemented by March 2012 Progress to be reported to DMT March 2012. "
        "Reviewed by CMT",
        Expect(DueKind.DATE, MAR_END),
        "lac-r5",
    ),
    case(
        "February 2012 Monitoring to be reported to DMT so that DCS can ensure that this is "
        "implemented and improves educational outcomes for looked after children. As a central "
        "improvement area within the LAC Strategy, improvements in attendance and exclusions "
        "will be taken forward and monitored by the LAC Strategy group.",
        Expect(DueKind.DATE, FEB_END),
        "lac-r6-attendance",
    ),
    case(
        "Will be included within quarterly data set to be scrutinised by LSCB and DMT and CMT. "
        "Improvements will also be made and monitored through the Social Care Transformation "
        "Project and Board. Report on progress to go to Corporate Parenting and Safeguarding "
        "Board September 2012.",
        Expect(DueKind.DATE, SEP_END, cadence=Q),
        "lac-r7",
    ),
    case(MONITORING_TO_DMT, Expect(DueKind.DATE, SEP_END), "lac-r8.1"),
    case(
        f"{MONITORING_TO_DMT} February 2012",
        Expect(DueKind.MILESTONES, SEP_END),
        "lac-r8.1-2-run-together",
    ),
    case(
        "Ongoing. To be reviewed for impact August 2012 (post exam results)",
        Expect(DueKind.ONGOING, D(2012, 8, 31)),
        "lac-r8.4",
    ),
    # Looked after children: additional areas for development.
    case(
        "Meeting of LAC Strategy Review group February 2012, then on quarterly basis",
        Expect(DueKind.RECURRING, None, FEB_END, Q, FEB_END),
        "lac-ad1",
    ),
    case(
        "February 2012 Report to DMT covering all commissioned services.",
        Expect(DueKind.DATE, FEB_END),
        "lac-ad2",
    ),
    case(
        "September 2012 Evaluation report to go to DMT and to Corporate Parenting and "
        "Safeguarding Board.",
        Expect(DueKind.DATE, SEP_END),
        "lac-ad3",
    ),
    case(
        "October 2012 IRO report will be presented to the Corporate Parenting and Safeguarding "
        "Board",
        Expect(DueKind.DATE, D(2012, 10, 31)),
        "lac-ad4.2",
    ),
    case(
        "Report to LSCB February 2012 then on quarterly basis.",
        Expect(DueKind.RECURRING, None, FEB_END, Q, FEB_END),
        "lac-ad6",
    ),
]

RULES = [
    # Month and year: the month's last day (29 February in a leap year).
    case("end February 2012", Expect(DueKind.DATE, FEB_END), "end-month"),
    case("end of February 2012", Expect(DueKind.DATE, FEB_END), "end-of-month"),
    case("by end February 2012", Expect(DueKind.DATE, FEB_END), "by-end-month"),
    case("by the end of March 2012", Expect(DueKind.DATE, MAR_END), "by-the-end-of"),
    case("end February 2013", Expect(DueKind.DATE, D(2013, 2, 28)), "non-leap"),
    case("end February 2000", Expect(DueKind.DATE, D(2000, 2, 29)), "leap-400"),
    case("end February 1900", Expect(DueKind.DATE, D(1900, 2, 28)), "not-leap-100"),
    case("Sept. 2012", Expect(DueKind.DATE, SEP_END), "abbrev-sept"),
    case("Febr. 12", Expect(DueKind.DATE, FEB_END), "abbrev-febr"),
    case("Dec 2011", Expect(DueKind.DATE, D(2011, 12, 31)), "abbrev-dec"),
    case("march 2012", Expect(DueKind.DATE, MAR_END), "lowercase-with-year"),
    case("MARCH 2012", Expect(DueKind.DATE, MAR_END), "capitals-with-year"),
    # Two digits after a month are a year.
    case("March 12", Expect(DueKind.DATE, MAR_END), "two-digit-year-march"),
    case("December 11", Expect(DueKind.DATE, D(2011, 12, 31)), "two-digit-year-december"),
    case("September 12", Expect(DueKind.DATE, SEP_END), "two-digit-year-september"),
    case("June 99", Expect(DueKind.DATE, D(1999, 6, 30)), "two-digit-year-19xx"),
    # Days.
    case("1st February 2012", Expect(DueKind.DATE, D(2012, 2, 1)), "ordinal-day"),
    case("29 February 2012", Expect(DueKind.DATE, FEB_END), "leap-day"),
    case("29 February 2013", Expect(DueKind.UNREAD), "no-leap-day"),
    case("19 January 12", Expect(DueKind.DATE, D(2012, 1, 19)), "day-month-two-digit-year"),
    case("March 12th", Expect(DueKind.DATE, D(2012, 3, 12)), "month-then-ordinal-day"),
    case("by 19 January", Expect(DueKind.DATE, D(2012, 1, 19)), "day-month-next"),
    case("29 February", Expect(DueKind.DATE, FEB_END), "leap-day-next"),
    # Months without a year: capitalised only, the first such month ending on or after 18 Nov.
    case("signed off by DCS in February", Expect(DueKind.DATE, FEB_END), "month-alone-next-year"),
    case("December", Expect(DueKind.DATE, D(2011, 12, 31)), "month-alone-this-year"),
    case("November", Expect(DueKind.DATE, D(2011, 11, 30)), "month-alone-current"),
    case("October", Expect(DueKind.DATE, D(2012, 10, 31)), "month-alone-passed"),
    case("May", Expect(DueKind.DATE, D(2012, 5, 31)), "may-capitalised"),
    case("we may report as the march goes on", Expect(DueKind.UNREAD), "verbs-not-months"),
    # Windows.
    case("February — March 2012", Expect(DueKind.WINDOW, MAR_END, D(2012, 2, 1)), "em-dash"),
    case("February - March 2012", Expect(DueKind.WINDOW, MAR_END, D(2012, 2, 1)), "hyphen"),
    case("February to March 2012", Expect(DueKind.WINDOW, MAR_END, D(2012, 2, 1)), "to"),
    case("Feb/March 12", Expect(DueKind.WINDOW, MAR_END, D(2012, 2, 1)), "slash-two-digit"),
    case("Nov/Dec 11", Expect(DueKind.WINDOW, D(2011, 12, 31), D(2011, 11, 1)), "nov-dec-11"),
    case("Nov \u2013 Feb 2012", Expect(DueKind.WINDOW, FEB_END, D(2011, 11, 1)), "over-new-year"),
    case("Dec 2011/Jan 2012", Expect(DueKind.WINDOW, D(2012, 1, 31), D(2011, 12, 1)), "both-years"),
    case(
        "1 February \u2013 31 March 2012",
        Expect(DueKind.WINDOW, MAR_END, D(2012, 2, 1)),
        "day-window",
    ),
    case("3-14 October 2011", Expect(DueKind.WINDOW, D(2011, 10, 14), D(2011, 10, 3)), "day-range"),
    case("March 2012 \u2013 February 2012", Expect(DueKind.UNREAD), "window-backwards"),
    case(
        "February \u2013 March 2012, then report April 2012",
        Expect(DueKind.MILESTONES, APR_END),
        "window-and-milestone",
    ),
    # UK numeric dates are day first.
    case("01/02/2012", Expect(DueKind.DATE, D(2012, 2, 1)), "slash-day-first"),
    case("19.1.12", Expect(DueKind.DATE, D(2012, 1, 19)), "dots-two-digit-year"),
    case("1.4.2012", Expect(DueKind.DATE, D(2012, 4, 1)), "dots-four-digit-year"),
    case("2012-03-31", Expect(DueKind.DATE, MAR_END), "iso"),
    case("29/02/2012", Expect(DueKind.DATE, FEB_END), "numeric-leap-day"),
    case("29/02/2011", Expect(DueKind.UNREAD), "numeric-no-leap-day"),
    case("31.04.2012", Expect(DueKind.UNREAD), "numeric-no-31-april"),
    case("13/13/2012", Expect(DueKind.UNREAD), "numeric-month-13"),
    # A date after from/since/starting is a start, never the due.
    case(
        "quarterly from 1.4.2012",
        Expect(DueKind.RECURRING, None, D(2012, 4, 1), Q, D(2012, 4, 1)),
        "cadence-from-date",
    ),
    case("from 1.4.2012", Expect(DueKind.ONGOING, None, D(2012, 4, 1)), "from-alone"),
    case(
        "with effect from 01/04/2012", Expect(DueKind.ONGOING, None, D(2012, 4, 1)), "wef-numeric"
    ),
    case("since January 2012", Expect(DueKind.ONGOING, None, D(2012, 1, 1)), "since-month"),
    case(
        "Report June 2012, starting 1 April 2012",
        Expect(DueKind.DATE, D(2012, 6, 30), D(2012, 4, 1)),
        "deadline-and-start",
    ),
    case(
        "LSCB thresholds group to sample audit 6 cases on multi-agency basis at 6-monthly "
        "intervals \u2013 starting January 2012.",
        Expect(DueKind.RECURRING, None, D(2012, 1, 31), Cadence.SIX_MONTHLY, D(2012, 1, 31)),
        "intervals-starting",
    ),
    # Not dates.
    case("Children with Disabilities 0-13 project", Expect(DueKind.UNREAD), "age-range-0-13"),
    case("14-25 Transitions Team", Expect(DueKind.UNREAD), "age-range-14-25"),
    case("priorities for 2011-12", Expect(DueKind.UNREAD), "financial-year"),
    case("LAC Strategy 2011-2014", Expect(DueKind.UNREAD), "year-span"),
    case("Business Plan 2012", Expect(DueKind.UNREAD), "bare-year"),
    case("LSCB Annual Review 2011", Expect(DueKind.UNREAD), "annual-review-name"),
    case("Audit of random selection of 15 files", Expect(DueKind.UNREAD), "count"),
    case("performance of 70% within timescale", Expect(DueKind.UNREAD), "percentage"),
    case("CP plan for more than 18 months", Expect(DueKind.UNREAD), "duration"),
    case("Spring 2012", Expect(DueKind.UNREAD), "season"),
    case("Within 3 months prior to their 18th birthday", Expect(DueKind.UNREAD), "other-event"),
    # Immediate and ongoing.
    case("Immediately.", Expect(DueKind.IMMEDIATE, REPORT), "immediately"),
    case("Ongoing", Expect(DueKind.ONGOING), "ongoing"),
    case(
        "Immediate. Report to DMT February 2012",
        Expect(DueKind.DATE, FEB_END, REPORT),
        "immediate-then-date",
    ),
    case("Immediate check showed that key providers", Expect(DueKind.UNREAD), "immediate-adj"),
    case("System for ongoing audit of cases", Expect(DueKind.UNREAD), "ongoing-adjective"),
    # Within N months of the report date: the end of the month it lands in.
    case("Within 3 months", Expect(DueKind.DATE, FEB_END), "within-3-months"),
    case("Within 6 months", Expect(DueKind.DATE, D(2012, 5, 31)), "within-6-months"),
    case("within six weeks", Expect(DueKind.DATE, D(2011, 12, 30)), "within-weeks"),
    case("Within 3 months (end March 2012)", Expect(DueKind.DATE, MAR_END), "written-date-wins"),
    # Cadences: counted only in phrases that set a rhythm.
    case("To monitor on termly basis", Expect(DueKind.RECURRING, cadence=Cadence.TERMLY), "termly"),
    case("on a monthly basis", Expect(DueKind.RECURRING, cadence=Cadence.MONTHLY), "monthly"),
    case("bi-monthly meetings", Expect(DueKind.RECURRING, cadence=Cadence.BI_MONTHLY), "bi-m"),
    case("quarterly reports to DMT", Expect(DueKind.RECURRING, cadence=Q), "quarterly-reports"),
    case("six-monthly reports", Expect(DueKind.RECURRING, cadence=Cadence.SIX_MONTHLY), "six-m"),
    case("6-monthly reports", Expect(DueKind.RECURRING, cadence=Cadence.SIX_MONTHLY), "6-m"),
    case("half-yearly reports", Expect(DueKind.RECURRING, cadence=Cadence.SIX_MONTHLY), "half-y"),
    case("reported annually", Expect(DueKind.RECURRING, cadence=Cadence.ANNUALLY), "annually"),
    case("Annual report to LSCB", Expect(DueKind.RECURRING, cadence=Cadence.ANNUALLY), "annual"),
    case("yearly review", Expect(DueKind.RECURRING, cadence=Cadence.ANNUALLY), "yearly"),
    case("fortnightly meetings", Expect(DueKind.RECURRING, cadence=Cadence.FORTNIGHTLY), "fortn"),
    case("weekly monitoring", Expect(DueKind.RECURRING, cadence=Cadence.WEEKLY), "weekly"),
    case("then quarterly", Expect(DueKind.RECURRING, cadence=Q), "then-without-date"),
    case("quarterly", Expect(DueKind.RECURRING, cadence=Q), "cadence-word-alone"),
    case("Included in quarterly figures", Expect(DueKind.UNREAD), "cadence-word-not-in-phrase"),
    case(
        "attends six weekly CWD panel",
        Expect(DueKind.RECURRING, cadence=Cadence.SIX_WEEKLY),
        "six-weekly",
    ),
    case("attends five weekly CWD panel", Expect(DueKind.UNREAD), "five-weekly-unsupported"),
    case(
        "Report February 2012, then quarterly reports. Final review December 2012",
        Expect(DueKind.MILESTONES, D(2012, 12, 31), cadence=Q, first=FEB_END),
        "anchored-cadence-and-deadline",
    ),
]


# Other councils plan in financial years (April to March) and their quarters.
FINANCIAL = [
    case("Q3 2011/12", Expect(DueKind.WINDOW, D(2011, 12, 31), D(2011, 10, 1)), "q3"),
    case("Q4 2011/12", Expect(DueKind.WINDOW, D(2012, 3, 31), D(2012, 1, 1)), "q4-next-year"),
    case("Quarter 1 2012-13", Expect(DueKind.WINDOW, D(2012, 6, 30), D(2012, 4, 1)), "quarter-1"),
    case("Qtr 2 of 2012/2013", Expect(DueKind.WINDOW, D(2012, 9, 30), D(2012, 7, 1)), "qtr-of"),
    case("By end of Q2 2012/13", Expect(DueKind.DATE, D(2012, 9, 30)), "end-of-quarter"),
    case("end of 2011/12", Expect(DueKind.DATE, D(2012, 3, 31)), "end-of-financial-year"),
    case(
        "By the end of financial year 2012-13",
        Expect(DueKind.DATE, D(2013, 3, 31)),
        "end-of-named-financial-year",
    ),
    case(
        "By the end of the financial year",
        Expect(DueKind.DATE, D(2012, 3, 31)),
        "end-of-this-financial-year",
    ),
    case(
        "End of the financial year (end June 2012)",
        Expect(DueKind.DATE, D(2012, 6, 30)),
        "written-date-wins-over-relative",
    ),
    case(
        "Report at end of Q4 2011/12, then quarterly",
        Expect(DueKind.RECURRING, None, D(2012, 3, 31), Q, D(2012, 3, 31)),
        "quarter-anchors-cadence",
    ),
    case("Q2 2012", Expect(DueKind.UNREAD), "calendar-quarter-is-ambiguous"),
    case("Q3 2012/14", Expect(DueKind.UNREAD), "years-do-not-follow"),
    case("Q5 2012/13", Expect(DueKind.UNREAD), "no-fifth-quarter"),
    case("priorities for 2011-12", Expect(DueKind.UNREAD), "a-financial-year-alone-is-not-a-due"),
]


# Wordings of other English councils' plans: Excel exports, years, terms, working days, cadences.
Y, M, T, QP = Precision.YEAR, Precision.MONTH, Precision.TERM, Precision.QUARTER
OTHER_COUNCILS = [
    # Excel's month-year forms: the two digits are the year, never a day of the plan's year.
    case("Sep-15", Expect(DueKind.DATE, D(2015, 9, 30), precision=M), "excel-mmm-yy"),
    case("31-Mar-16", Expect(DueKind.DATE, D(2016, 3, 31)), "excel-d-mmm-yy"),
    case("31-Mar-2016", Expect(DueKind.DATE, D(2016, 3, 31)), "excel-d-mmm-yyyy"),
    case("Report to board Sep-15", Expect(DueKind.DATE, D(2015, 9, 30)), "excel-in-prose"),
    case("end of Sep-15", Expect(DueKind.DATE, D(2015, 9, 30)), "excel-end-of"),
    case("15-Sep", Expect(DueKind.DATE, D(2012, 9, 15)), "excel-d-mmm-next"),
    case("Mar-31", Expect(DueKind.UNREAD), "excel-day-or-far-year"),
    case("Sep\u201315", Expect(DueKind.DATE, D(2015, 9, 30)), "excel-en-dash"),
    case("Sept/15", Expect(DueKind.DATE, D(2015, 9, 30)), "month-slash-year"),
    case("1 Feb-12", Expect(DueKind.DATE, D(2012, 2, 1)), "day-then-excel-month"),
    case("Feb-12 to Mar-12", Expect(DueKind.WINDOW, MAR_END, D(2012, 2, 1)), "excel-window"),
    case("Feb 31/03/70", Expect(DueKind.MILESTONES, D(1970, 3, 31)), "month-then-numeric-date"),
    # US order: a day, then a four-digit year.
    case("March 31, 2016", Expect(DueKind.DATE, D(2016, 3, 31)), "us-order"),
    case("March 12 2012", Expect(DueKind.DATE, D(2012, 3, 12)), "us-order-no-comma"),
    case("Sept 1st, 2013", Expect(DueKind.DATE, D(2013, 9, 1)), "us-order-ordinal"),
    case("March 31", Expect(DueKind.UNREAD), "day-or-far-year"),
    # A year alone: a due only after a deadline word, or as the whole wording.
    case("by 2008", Expect(DueKind.DATE, D(2008, 12, 31), precision=Y), "by-year"),
    case("By the end of 2012", Expect(DueKind.DATE, D(2012, 12, 31), precision=Y), "end-of-year"),
    case("during 2012", Expect(DueKind.DATE, D(2012, 12, 31), precision=Y), "during-year"),
    case("2013", Expect(DueKind.DATE, D(2013, 12, 31), precision=Y), "year-as-the-wording"),
    case("from 2012", Expect(DueKind.ONGOING, None, D(2012, 1, 1)), "from-year"),
    case("2012 onwards", Expect(DueKind.ONGOING, None, D(2012, 1, 1)), "year-onwards"),
    case("by 2012-03-31", Expect(DueKind.DATE, MAR_END, precision=Precision.DAY), "by-iso"),
    # Financial years, April to March.
    case("2016/17", Expect(DueKind.DATE, D(2017, 3, 31), precision=Y), "financial-year-alone"),
    case("by 2016-17", Expect(DueKind.DATE, D(2017, 3, 31), precision=Y), "by-financial-year"),
    case(
        "During the financial year 2016/17",
        Expect(DueKind.DATE, D(2017, 3, 31), precision=Y),
        "during-financial-year",
    ),
    case("FY 2016/17", Expect(DueKind.DATE, D(2017, 3, 31)), "fy-label"),
    case("by FY15/16", Expect(DueKind.DATE, D(2016, 3, 31)), "by-short-fy"),
    case("end of FY15/16", Expect(DueKind.DATE, D(2016, 3, 31)), "end-of-short-fy"),
    case("priorities for FY15/16", Expect(DueKind.UNREAD), "short-fy-not-led"),
    case("by 2016/18", Expect(DueKind.UNREAD), "by-years-that-do-not-follow"),
    # Short financial quarters: Q1 is April to June.
    case("Q3 15/16", Expect(DueKind.WINDOW, D(2015, 12, 31), D(2015, 10, 1), precision=QP), "q3"),
    case("end of Q4 15/16", Expect(DueKind.DATE, D(2016, 3, 31), precision=QP), "end-q4-short"),
    case("Q1 FY16/17", Expect(DueKind.WINDOW, D(2016, 6, 30), D(2016, 4, 1)), "q1-fy-short"),
    case("Q2 2013", Expect(DueKind.UNREAD), "calendar-or-financial-quarter"),
    case("Q2 13", Expect(DueKind.UNREAD), "calendar-or-financial-short-quarter"),
    # Academic years, September to August.
    case(
        "academic year 2019/20",
        Expect(DueKind.DATE, D(2020, 8, 31), precision=Y),
        "academic-year",
    ),
    case(
        "By the end of the 2019/20 academic year",
        Expect(DueKind.DATE, D(2020, 8, 31)),
        "academic-year-after",
    ),
    case("by 2019/20 school year", Expect(DueKind.DATE, D(2020, 8, 31)), "school-year"),
    case("academic year 19/20", Expect(DueKind.DATE, D(2020, 8, 31)), "academic-year-short"),
    case("end of the academic year", Expect(DueKind.DATE, D(2012, 8, 31)), "this-academic-year"),
    # School terms, named by the calendar year they fall in; conventional ends by default.
    case("Autumn term 2019", Expect(DueKind.DATE, D(2019, 12, 20), precision=T), "autumn-term"),
    case(
        "by end of Summer Term 2020",
        Expect(DueKind.DATE, D(2020, 7, 22), precision=T),
        "end-of-summer-term",
    ),
    case("Spring term 2021", Expect(DueKind.DATE, D(2021, 3, 31), precision=T), "spring-term"),
    case("Spring term 2019/20", Expect(DueKind.DATE, D(2020, 3, 31)), "spring-term-academic"),
    case("Autumn term 2019/20", Expect(DueKind.DATE, D(2019, 12, 20)), "autumn-term-academic"),
    case("by the end of the summer term", Expect(DueKind.DATE, D(2012, 7, 22)), "summer-next"),
    case("Spring 2012", Expect(DueKind.UNREAD), "a-season-is-not-a-term"),
    case("Winter term 2012", Expect(DueKind.UNREAD), "no-winter-term"),
    # Bare cadences as the whole wording.
    case("Quarterly", Expect(DueKind.RECURRING, cadence=Q), "quarterly"),
    case("Monthly", Expect(DueKind.RECURRING, cadence=Cadence.MONTHLY), "monthly"),
    case("Annually", Expect(DueKind.RECURRING, cadence=Cadence.ANNUALLY), "annually"),
    case("termly", Expect(DueKind.RECURRING, cadence=Cadence.TERMLY), "termly"),
    case("Six monthly", Expect(DueKind.RECURRING, cadence=Cadence.SIX_MONTHLY), "six-monthly"),
    case("twice yearly", Expect(DueKind.RECURRING, cadence=Cadence.SIX_MONTHLY), "twice-yearly"),
    case("Twice a year", Expect(DueKind.RECURRING, cadence=Cadence.SIX_MONTHLY), "twice-a-year"),
    case("every 6 weeks", Expect(DueKind.RECURRING, cadence=Cadence.SIX_WEEKLY), "every-6-weeks"),
    case(
        "Panel reviews every four weeks",
        Expect(DueKind.RECURRING, cadence=Cadence.FOUR_WEEKLY),
        "every-four-weeks-in-prose",
    ),
    case("every other month", Expect(DueKind.RECURRING, cadence=Cadence.BI_MONTHLY), "every-oth"),
    case("once a term", Expect(DueKind.RECURRING, cadence=Cadence.TERMLY), "once-a-term"),
    case("Quarterly.", Expect(DueKind.RECURRING, cadence=Q), "quarterly-full-stop"),
    case("every two years", Expect(DueKind.UNREAD), "every-two-years-unsupported"),
    case("twice a month", Expect(DueKind.UNREAD), "twice-a-month-unsupported"),
    case("bi-annually", Expect(DueKind.UNREAD), "bi-annually-is-ambiguous"),
    case("Biannual reports to LSCB", Expect(DueKind.UNREAD), "biannual-is-ambiguous"),
    case("bi-weekly", Expect(DueKind.UNREAD), "bi-weekly-is-ambiguous"),
    # Counted from the plan's date: months to a month end, working days past bank holidays.
    case("within 70 working days", Expect(DueKind.DATE, FEB_END, precision=Precision.DAY), "wd"),
    case("in six months", Expect(DueKind.DATE, D(2012, 5, 31), precision=M), "in-six-months"),
    case("within six months", Expect(DueKind.DATE, D(2012, 5, 31)), "within-six-months"),
    case("In 6 months", Expect(DueKind.DATE, D(2012, 5, 31)), "in-6-months"),
    case("within the next twenty-four months", Expect(DueKind.DATE, D(2013, 11, 30)), "24-words"),
    case("within a year", Expect(DueKind.DATE, D(2012, 11, 30)), "within-a-year"),
    case("within 10 business days", Expect(DueKind.DATE, D(2011, 12, 2)), "business-days"),
    case("Audited twice in a year", Expect(DueKind.UNREAD), "twice-in-a-year-is-no-deadline"),
    case("once in 6 months", Expect(DueKind.UNREAD), "once-in-six-months-is-no-deadline"),
    case(
        "within 20 working days of referral",
        Expect(DueKind.UNREAD),
        "working-days-from-another-event",
    ),
    # A start is not a deadline.
    case("June 2015 onwards", Expect(DueKind.ONGOING, None, D(2015, 6, 1)), "month-onwards"),
    case(
        "From June 2015 onwards, review December 2015",
        Expect(DueKind.DATE, D(2015, 12, 31), D(2015, 6, 1)),
        "onwards-with-review",
    ),
    # A year-less month takes the year the wording names.
    case(
        "Interim report by 19 January, final March 2013",
        Expect(DueKind.MILESTONES, D(2013, 3, 31)),
        "year-less-day-takes-the-named-year",
    ),
]


@pytest.mark.parametrize(("wording", "expect"), OTHER_COUNCILS)
def test_other_councils_wordings(wording: str, expect: Expect) -> None:
    check(wording, expect)


@pytest.mark.parametrize(("wording", "expect"), FINANCIAL)
def test_financial_years_and_quarters(wording: str, expect: Expect) -> None:
    check(wording, expect)


@pytest.mark.parametrize(("wording", "expect"), DOCUMENT)
def test_document_wordings(wording: str, expect: Expect) -> None:
    check(wording, expect)


@pytest.mark.parametrize(("wording", "expect"), RULES)
def test_reading_rules(wording: str, expect: Expect) -> None:
    check(wording, expect)


# --- What the due is made of ----------------------------------------------------------------


def test_milestones_keep_every_mention() -> None:
    due = parse_due(TASK_AND_FINISH, REPORT)
    assert due.mentions == (
        Mention("February 2012", D(2012, 2, 1), FEB_END, "deadline", Precision.MONTH),
        Mention("April 12", D(2012, 4, 1), APR_END, "deadline", Precision.MONTH),
    )


def test_a_day_starts_and_ends_on_itself() -> None:
    due = parse_due("1st February 2012", REPORT)
    assert due.mentions == (Mention("1st February 2012", D(2012, 2, 1), D(2012, 2, 1)),)


def test_the_same_month_twice_is_one_date_with_two_mentions() -> None:
    due = parse_due(
        "All actions to be implemented by March 2012 Progress to be reported to DMT March 2012.",
        REPORT,
    )
    assert due.kind is DueKind.DATE
    assert [mention.text for mention in due.mentions] == ["March 2012", "March 2012"]


def test_from_date_is_a_start_mention() -> None:
    due = parse_due("Quarterly report to the LSCB, from December 11", REPORT)
    assert due.mentions == (
        Mention("December 11", D(2011, 12, 1), D(2011, 12, 31), "start", Precision.MONTH),
    )
    assert due.recurrence == Recurrence(Cadence.QUARTERLY, "Quarterly report", D(2011, 12, 31))


def test_then_recurrence_keeps_its_words_and_anchor() -> None:
    due = parse_due(
        "Meeting of LAC Strategy Review group February 2012, then on quarterly basis", REPORT
    )
    assert due.recurrence == Recurrence(Cadence.QUARTERLY, "on quarterly basis", FEB_END)


def test_mention_text_is_quoted_with_spaces_collapsed() -> None:
    due = parse_due("Within 3\nmonths (end February\n\n2012)", REPORT)
    assert [mention.text for mention in due.mentions] == ["Within 3 months", "end February 2012"]


def test_within_months_runs_from_the_report_date() -> None:
    due = parse_due("Within 3 months", REPORT)
    assert due.mentions == (
        Mention("Within 3 months", REPORT, FEB_END, "deadline", Precision.MONTH),
    )


def test_context_anchors_year_less_months() -> None:
    later = parse_due("signed off in February", D(2012, 3, 1))
    assert later.date == D(2013, 2, 28)


def test_a_year_less_month_takes_the_year_the_wording_names() -> None:
    wording = "signed off in February and fully operational by June 2012"
    due = parse_due(wording, D(2012, 3, 1))  # after February 2012: the context alone says 2013
    assert (due.kind, due.date) == (DueKind.MILESTONES, D(2012, 6, 30))
    assert [(m.text, m.end) for m in due.mentions] == [
        ("February", FEB_END),
        ("June 2012", D(2012, 6, 30)),
    ]


def test_a_year_less_month_among_several_years_counts_from_the_plan() -> None:
    due = parse_due("December 2011, then in February, final review June 2013", REPORT)
    assert [m.end for m in due.mentions] == [D(2011, 12, 31), FEB_END, D(2013, 6, 30)]


def test_a_year_less_day_in_the_named_year_must_exist() -> None:
    due = parse_due("29 February, then report March 2013", REPORT)
    assert due.kind is DueKind.DATE
    assert "'29 February' is not a valid date" in due.unread


def test_terms_can_be_set_by_the_plan() -> None:
    terms = TermEnds(autumn=(12, 18), spring=(4, 5), summer=(7, 19))
    assert parse_due("Spring term 2019", REPORT, terms=terms).date == D(2019, 4, 5)
    assert parse_due("Autumn term 2019", REPORT, terms=terms).date == D(2019, 12, 18)
    summer = parse_due("Summer term 2020", REPORT, terms=terms)
    assert summer.mentions[0].start == D(2020, 4, 6)  # the day after the spring term ends
    assert summer.date == D(2020, 7, 19)


def test_term_mentions_run_from_the_term_start() -> None:
    due = parse_due("Autumn term 2019", REPORT)
    assert due.mentions == (
        Mention("Autumn term 2019", D(2019, 9, 1), D(2019, 12, 20), "deadline", Precision.TERM),
    )


@pytest.mark.parametrize(
    "ends",
    [
        {"autumn": (7, 20)},  # not an autumn month
        {"spring": (2, 30)},  # no such day
        {"spring": (2, 29)},  # not every year has one
        {"spring": (7, 1), "summer": (6, 30)},  # out of order
    ],
)
def test_term_ends_refuse_impossible_dates(ends: dict[str, tuple[int, int]]) -> None:
    with pytest.raises(ValueError):
        TermEnds(**ends)


def test_working_days_skip_one_off_bank_holidays() -> None:
    # 4 and 5 June 2012 were the spring bank holiday and the Diamond Jubilee.
    due = parse_due("within 20 working days", D(2012, 5, 28))
    assert due.date == D(2012, 6, 27)


def test_working_days_skip_weekends_and_christmas() -> None:
    # 18 November 2011 + 14 weeks of weekdays = 24 February; three bank holidays move it on.
    assert parse_due("within 70 working days", REPORT).date == FEB_END


def test_working_days_past_the_known_bank_holidays_are_unread() -> None:
    due = parse_due("within 70 working days", D(2100, 12, 1))
    assert due.kind is DueKind.UNREAD
    assert any("bank holidays are known" in note for note in due.unread), due.unread


@pytest.mark.parametrize(
    ("wording", "fragments"),
    [
        ("bi-annually", ["twice a year or every two years", "write 'six-monthly'"]),
        ("bi-weekly", ["twice a week or every two weeks", "write 'fortnightly'"]),
        ("Q2 2013", ["calendar or of the financial year", "write 'Q2 2013/14'", "'end June 2013'"]),
        ("March 31", ["could be 31 March or March 2031", "four-digit year"]),
        ("Mar-31", ["could be 31 Mar or Mar 2031"]),
        ("priorities for FY15/16", ["'FY15/16' is a financial year"]),
        ("Business Plan 2012", ["write 'by 2012' for the end of the year"]),
    ],
)
def test_ambiguous_wordings_say_why_and_what_to_write(wording: str, fragments: list[str]) -> None:
    due = parse_due(wording, REPORT)
    assert due.kind is DueKind.UNREAD
    for fragment in fragments:
        assert any(fragment.lower() in note.lower() for note in due.unread), due.unread


def test_every_n_weeks_has_no_duration_note() -> None:
    assert parse_due("every 6 weeks", REPORT).unread == ()


def test_precision_is_the_finest_that_names_the_due() -> None:
    assert parse_due("March 2012, final report 31 March 2012", REPORT).precision is Precision.DAY
    assert parse_due("Immediate", REPORT).precision is Precision.DAY
    assert parse_due("Quarterly", REPORT).precision is Precision.DAY  # no date


def test_due_and_mention_keep_their_old_constructors() -> None:
    due = Due("x", DueKind.UNREAD, None, None)
    assert due.precision is Precision.DAY
    assert Mention("1 May 2012", D(2012, 5, 1), D(2012, 5, 1)).precision is Precision.DAY


@pytest.mark.parametrize(
    ("wording", "fragment"),
    [
        (FEED_IN, "'2012' alone is a year, not a deadline"),
        (FEED_IN, "'2011' alone is a year, not a deadline"),
        (FEED_IN, "'Annual Review 2011' is a document's name"),
        (FEED_IN, "'quarterly multi-agency child protection meetings' follows a possessive"),
        ("Children with Disabilities 0-13 project", "'0-13' is a range of numbers"),
        ("LAC Strategy 2011-2014", "'2011-2014' is a span of years"),
        ("Spring 2012", "'Spring 2012' is a season"),
        ("Q2 2012", "write 'Q2 2012/13' for the financial quarter, or the month"),
        ("Q3 2012/14", "'Q3 2012/14' is not a financial year"),
        ("CP plan for more than 18 months", "'18 months' is a length of time"),
        ("29/02/2011", "'29/02/2011' is not a valid date"),
        ("Within 3 months (end March 2012)", "'Within 3 months' would be 2012-02-29"),
        ("attends five weekly CWD panel", "'five weekly' is not a cadence"),
        ("Included in quarterly figures", "'quarterly' is not in a recurrence phrase"),
        ("Immediate check showed", "'Immediate' describes something else"),
        ("LSCB", "no deadline, timescale or cadence found"),
        ("", "the wording is empty"),
    ],
)
def test_ignored_fragments_are_noted(wording: str, fragment: str) -> None:
    notes = parse_due(wording, REPORT).unread
    assert any(fragment in note for note in notes), notes


def test_a_clean_date_has_no_notes() -> None:
    assert parse_due("Policy to be completed by end February 2012", REPORT).unread == ()


def test_age_range_next_to_a_date_is_noted_not_used() -> None:
    due = parse_due("April 2012/0-13 Project Board", REPORT)
    assert (due.kind, due.date) == (DueKind.DATE, APR_END)
    assert len(due.mentions) == 1
    assert due.unread == ("'0-13' is a range of numbers (such as ages), not a date",)


# --- Recurrence ---------------------------------------------------------------------------


def test_occurrences_keep_month_ends() -> None:
    recurrence = Recurrence(Cadence.QUARTERLY, "on quarterly basis", FEB_END)
    assert recurrence.occurrences_until(D(2012, 12, 31)) == [
        FEB_END,
        D(2012, 5, 31),
        D(2012, 8, 31),
        D(2012, 11, 30),
    ]


def test_occurrences_include_the_last_day() -> None:
    recurrence = Recurrence(Cadence.WEEKLY, "weekly meetings", D(2012, 1, 2))
    assert recurrence.occurrences_until(D(2012, 1, 16)) == [
        D(2012, 1, 2),
        D(2012, 1, 9),
        D(2012, 1, 16),
    ]


def test_occurrences_step_from_the_first_so_days_do_not_drift() -> None:
    recurrence = Recurrence(Cadence.MONTHLY, "on monthly basis", D(2012, 1, 30))
    assert recurrence.occurrences_until(D(2012, 4, 30)) == [
        D(2012, 1, 30),
        D(2012, 2, 29),
        D(2012, 3, 30),
        D(2012, 4, 30),
    ]


def test_occurrences_need_a_first_date() -> None:
    assert Recurrence(Cadence.MONTHLY, "on monthly basis").occurrences_until(D(2013, 1, 1)) == []


def test_occurrences_stop_at_the_end_of_the_calendar() -> None:
    recurrence = Recurrence(Cadence.ANNUALLY, "annual report", D(9997, 12, 31))
    assert recurrence.occurrences_until(date.max) == [D(9997, 12, 31), D(9998, 12, 31), date.max]


# --- JSON ---------------------------------------------------------------------------------


def test_to_dict_shape() -> None:
    due = parse_due("Report to LSCB February 2012 then on quarterly basis.", REPORT)
    assert due.to_dict() == {
        "wording": "Report to LSCB February 2012 then on quarterly basis.",
        "kind": "recurring",
        "date": None,
        "start": "2012-02-29",
        "precision": "day",
        "mentions": [
            {
                "text": "February 2012",
                "start": "2012-02-01",
                "end": "2012-02-29",
                "role": "deadline",
                "precision": "month",
            }
        ],
        "recurrence": {"cadence": "quarterly", "text": "on quarterly basis", "first": "2012-02-29"},
        "unread": [],
    }


# --- Purity, safety and speed ---------------------------------------------------------------


def test_module_reads_no_clock_and_does_no_io() -> None:
    source = inspect.getsource(dates)
    for banned in ("today(", "now(", "open(", "print(", "import os", "import time"):
        assert banned not in source


@pytest.mark.parametrize(
    "wording", ["Within 3 months", "within 2 weeks", "February", "by 19 January", "Nov - Feb 2012"]
)
@pytest.mark.parametrize("context", [date.min, date.max])
def test_the_edges_of_the_calendar_are_notes_not_errors(wording: str, context: date) -> None:
    due = parse_due(wording, context)
    assert due.kind in (DueKind.DATE, DueKind.WINDOW, DueKind.UNREAD)
    if due.kind is DueKind.UNREAD:
        assert any("outside the calendar" in note for note in due.unread), due.unread


def test_over_long_wording_is_unread_with_a_note() -> None:
    wording = "end February 2012 " * 200
    assert len(wording) > MAX_WORDING_LENGTH
    due = parse_due(wording, REPORT)
    assert (due.kind, due.date, due.mentions) == (DueKind.UNREAD, None, ())
    assert "characters long" in due.unread[0]


@pytest.mark.parametrize(
    "unit",
    [
        "1 ",
        "February ",
        "Feb/",
        "1.",
        "1-",
        "2012-",
        "within ",
        "then ",
        "end of ",
        "on a ",
        "quarterly report ",
        "Chief Executive's ",
        "ongoing ",
        "a" * 60 + " ",
        "-",
        " ",
        "Sep-",
        "31-Mar-",
        "by 2012 ",
        "2016/",
        "Q3 15/",
        "FY15/",
        "academic year ",
        "Autumn term ",
        "end of the ",
        "every ",
        "every 6 ",
        "twice a ",
        "within 70 working ",
        "in six ",
        "2015 onwards ",
        "March 31, ",
    ],
)
def test_hostile_input_is_fast(unit: str) -> None:
    wording = (unit * (MAX_WORDING_LENGTH // len(unit) + 1))[:MAX_WORDING_LENGTH]
    began = time.perf_counter()
    parse_due(wording, REPORT)
    assert time.perf_counter() - began < 0.5


# --- Properties ---------------------------------------------------------------------------

TOKENS = [
    "end",
    "of",
    "by",
    "from",
    "since",
    "starting",
    "then",
    "on",
    "a",
    "basis",
    "within",
    "Immediate",
    "and",
    "ongoing",
    "Ongoing",
    "quarterly",
    "Six",
    "monthly",
    "6-monthly",
    "report",
    "reports",
    "at",
    "intervals",
    "February",
    "Feb",
    "March",
    "march",
    "May",
    "Sept.",
    "December",
    "2011",
    "2012",
    "12",
    "11",
    "1",
    "29",
    "31",
    "1st",
    "\u2013",
    "-",
    "/",
    ".",
    ",",
    "0-13",
    "2011-12",
    "19.1.12",
    "01/02/2012",
    "2012-03-31",
    "3",
    "months",
    "weeks",
    "(",
    ")",
    "Spring",
    "Q3",
    "Quarter",
    "end of",
    "financial year",
    "2012/13",
    "'s",
    "Annual",
    "Review",
    "\n",
    "\u00a0",
    "Sep-15",
    "31-Mar-16",
    "March 31, 2016",
    "by",
    "2016/17",
    "15/16",
    "FY",
    "academic",
    "Autumn",
    "term",
    "Summer Term",
    "every",
    "6",
    "twice",
    "yearly",
    "bi-annually",
    "working",
    "days",
    "in",
    "six",
    "onwards",
    "during",
]
WORDINGS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
)
CONTEXTS = st.dates()
MONTH_FORMS = [
    "January February March April May June July August September October November December",
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "jan. febr. mar. apr. may jun. jul. aug. sept. oct. nov. dec.",
    "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER",
]
MONTHS = [form.split() for form in MONTH_FORMS]
PLAN_DATES = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))


def _month_name(day: date, form: int) -> str:
    return MONTHS[form][day.month - 1]


def _invariants(due: Due, wording: str) -> None:
    assert due.wording == wording
    if due.kind in (DueKind.DATE, DueKind.WINDOW, DueKind.MILESTONES, DueKind.IMMEDIATE):
        assert due.date is not None
    if due.kind is DueKind.RECURRING:
        assert due.date is None
        assert due.recurrence is not None
        assert due.start == due.recurrence.first
    if due.kind is DueKind.UNREAD:
        assert due.date is None
        assert due.unread
    for mention in due.mentions:
        assert mention.start <= mention.end
        assert mention.role in ("deadline", "start")
    if due.date is not None and due.kind is not DueKind.IMMEDIATE:
        deadlines = [m.end for m in due.mentions if m.role == "deadline"]
        assert due.date == max(deadlines)


@settings(max_examples=400)
@given(WORDINGS, CONTEXTS)
def test_any_text_reads_without_raising(wording: str, context: date) -> None:
    due = parse_due(wording, context)
    assert isinstance(due, Due)
    _invariants(due, wording)


@given(PLAN_DATES, st.integers(0, 3), st.booleans())
def test_day_month_year_round_trips(day: date, form: int, ordinal: bool) -> None:
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th")
    wording = f"{day.day}{suffix if ordinal else ''} {_month_name(day, form)} {day.year}"
    due = parse_due(wording, REPORT)
    assert (due.kind, due.date, due.start) == (DueKind.DATE, day, None)
    assert due.mentions == (Mention(wording, day, day),)


@given(PLAN_DATES, st.integers(0, 3), st.sampled_from(["end ", "end of ", "by end ", ""]))
def test_end_month_year_round_trips(day: date, form: int, prefix: str) -> None:
    due = parse_due(f"{prefix}{_month_name(day, form)} {day.year}", REPORT)
    last = month_end(day.year, day.month)
    assert (due.kind, due.date) == (DueKind.DATE, last)
    assert (due.mentions[0].start, due.mentions[0].end) == (last.replace(day=1), last)


@given(PLAN_DATES, st.sampled_from(["/", ".", "-"]))
def test_numeric_day_first_round_trips(day: date, separator: str) -> None:
    wording = separator.join([f"{day.day:02d}", f"{day.month:02d}", str(day.year)])
    due = parse_due(wording, REPORT)
    assert (due.kind, due.date) == (DueKind.DATE, day)


@given(PLAN_DATES, st.integers(1, 11), st.sampled_from([" \u2013 ", "-", "/", " to "]))
def test_windows_round_trip(day: date, length: int, separator: str) -> None:
    last_month = min(12, day.month + length)
    names = MONTHS[0]
    wording = f"{names[day.month - 1]}{separator}{names[last_month - 1]} {day.year}"
    due = parse_due(wording, REPORT)
    assert (due.kind, due.start, due.date) == (
        DueKind.WINDOW,
        date(day.year, day.month, 1),
        month_end(day.year, last_month),
    )


@given(WORDINGS, CONTEXTS)
def test_to_dict_is_json_with_iso_dates(wording: str, context: date) -> None:
    due = parse_due(wording, context)
    loaded = json.loads(json.dumps(due.to_dict()))
    assert loaded["kind"] == due.kind.value
    assert loaded["date"] == (None if due.date is None else due.date.isoformat())
    assert loaded["start"] == (None if due.start is None else due.start.isoformat())
    for mention, written in zip(due.mentions, loaded["mentions"], strict=True):
        assert ISO.match(written["start"]) and ISO.match(written["end"])
        assert date.fromisoformat(written["end"]) == mention.end
    if due.recurrence is not None:
        assert loaded["recurrence"]["cadence"] == due.recurrence.cadence.value
    assert loaded["unread"] == list(due.unread)


@given(st.text(min_size=MAX_WORDING_LENGTH + 1, max_size=MAX_WORDING_LENGTH + 50), CONTEXTS)
def test_long_text_is_always_unread(wording: str, context: date) -> None:
    due = parse_due(wording, context)
    assert due.kind is DueKind.UNREAD
    assert due.mentions == ()


# Property: no year is silently ignored. A year written in a wording is either in a mention
# (whose span covers it, or whose text quotes it), or quoted by a note, or the due is unread.
FILLER = [
    "by",
    "end",
    "of",
    "the",
    "from",
    "then",
    "on",
    "a",
    "quarterly",
    "basis",
    "report",
    "to",
    "DMT",
    "in",
    "during",
    "and",
    "ongoing",
    "Immediate",
    "within",
    "3",
    "months",
    "1",
    "31",
    "1st",
    "March",
    "Feb",
    "/",
    "-",
    "\u2013",
    ",",
    ".",
    "(",
    ")",
    "Q3",
    "term",
    "Spring",
    "academic",
    "year",
    "financial",
    "onwards",
    "every",
    "2011",
    "2012/13",
    "2011-12",
    "0-13",
]
FOUR_DIGIT_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def _four_digit_forms(year: int) -> list[str]:
    after = f"{(year + 1) % 100:02d}"
    return [
        f"{year}",
        f"by {year}",
        f"end of {year}",
        f"March {year}",
        f"31 March {year}",
        f"March 31, {year}",
        f"Mar-{year}",
        f"31-Mar-{year}",
        f"{year}-03-31",
        f"31/03/{year}",
        f"{year}/{after}",
        f"by {year}/{after}",
        f"Q3 {year}/{after}",
        f"Q2 {year}",
        f"Autumn term {year}",
        f"Spring {year}",
        f"academic year {year}/{after}",
        f"June {year} onwards",
        f"from {year}",
        f"{year} onwards",
        f"Business Plan {year}",
        f"LAC Strategy {year}-{year + 3}",
    ]


def _two_digit_forms(year: int) -> list[str]:
    two, after = f"{year % 100:02d}", f"{(year + 1) % 100:02d}"
    return [
        f"Mar-{two}",
        f"Sep-{two}",
        f"31-Mar-{two}",
        f"March {two}",
        f"end February {two}",
        f"31/03/{two}",
        f"19.1.{two}",
        f"Q3 {two}/{after}",
        f"end of Q4 {two}/{after}",
        f"Feb/March {two}",
        f"FY{two}/{after}",
        f"by FY{two}/{after}",
        f"academic year {two}/{after}",
    ]


@st.composite
def _embedded_years(draw: st.DrawFn) -> tuple[str, int, str]:
    """A wording with a year in a date form among filler words; the year, and as written."""
    four = draw(st.booleans())
    year = draw(st.integers(1900, 2098) if four else st.integers(1970, 2069))
    form = draw(st.sampled_from(_four_digit_forms(year) if four else _two_digit_forms(year)))
    before = draw(st.lists(st.sampled_from(FILLER), max_size=6))
    after = draw(st.lists(st.sampled_from(FILLER), max_size=6))
    written = str(year) if four else f"{year % 100:02d}"
    return " ".join([*before, form, *after]), year, written


def _accounted_for(due: Due, year: int, written: str) -> bool:
    if due.kind is DueKind.UNREAD:
        return True
    if any(m.start.year <= year <= m.end.year or written in m.text for m in due.mentions):
        return True
    return any(written in note for note in due.unread)


@settings(max_examples=500)
@given(_embedded_years(), PLAN_DATES)
def test_no_year_is_silently_ignored(embedded: tuple[str, int, str], context: date) -> None:
    wording, year, written = embedded
    due = parse_due(wording, context)
    _invariants(due, wording)
    assert _accounted_for(due, year, written), (wording, due)
    for other in FOUR_DIGIT_YEAR.finditer(wording):  # the filler's years too
        assert _accounted_for(due, int(other[0]), other[0]), (wording, other[0], due)


LONG_WORDINGS = st.one_of(
    st.text(max_size=MAX_WORDING_LENGTH),
    st.lists(st.sampled_from(TOKENS + FILLER), max_size=MAX_WORDING_LENGTH // 3)
    .map(" ".join)
    .map(lambda text: text[:MAX_WORDING_LENGTH]),
)


@settings(max_examples=80, deadline=None)
@given(LONG_WORDINGS, CONTEXTS)
def test_text_up_to_the_limit_reads_quickly_without_raising(wording: str, context: date) -> None:
    began = time.perf_counter()
    due = parse_due(wording, context)
    assert time.perf_counter() - began < 1.0
    _invariants(due, wording)
