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
    Recurrence,
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
    case("quarterly", Expect(DueKind.UNREAD), "cadence-word-alone"),
    case("attends six weekly CWD panel", Expect(DueKind.UNREAD), "six-weekly-unsupported"),
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
        Mention("February 2012", D(2012, 2, 1), FEB_END, "deadline"),
        Mention("April 12", D(2012, 4, 1), APR_END, "deadline"),
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
    assert due.mentions == (Mention("December 11", D(2011, 12, 1), D(2011, 12, 31), "start"),)
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
    assert due.mentions == (Mention("Within 3 months", REPORT, FEB_END),)


def test_context_anchors_year_less_months() -> None:
    later = parse_due("signed off in February", D(2012, 3, 1))
    assert later.date == D(2013, 2, 28)


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
        ("attends six weekly CWD panel", "'six weekly' is not a cadence"),
        ("quarterly", "'quarterly' is not in a recurrence phrase"),
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
        "mentions": [
            {
                "text": "February 2012",
                "start": "2012-02-01",
                "end": "2012-02-29",
                "role": "deadline",
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
