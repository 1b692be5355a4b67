"""A short message per lead: what is overdue, what falls due soon, and what the board will see.

Leads never open the YAML; the officer chases them by email. The digest says, for one role,
the same things `slac overdue --lead ROLE --due-within 30` says (the same queries), and the
status each of their actions will show in this month's update if nothing more is recorded: the
colour's name and its word, never the colour alone. Pure: the date and any send time are
passed in; the message is a stdlib `EmailMessage` with a plain-text body and an HTML
alternative (autoescaped, so plan text cannot inject markup).
"""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime

import jinja2

from slac_plan.core.filters import Filters
from slac_plan.core.model import Plan
from slac_plan.core.periods import long_date
from slac_plan.core.queries import (
    Overdue,
    Upcoming,
    check_filters,
    due_within,
    in_plan_at,
    overdue,
    tasks,
)
from slac_plan.core.status import Scale, Shade, assess
from slac_plan.reports.report import StatusView, days_text, month_period

DUE_SOON_DAYS = 30
"""How far ahead "due soon" looks, as the monthly chase does."""
TEXT_WIDTH = 76
ACTION_LENGTH = 110
"""Characters of an action's text in a line of the digest: enough to recognise it."""


@dataclass(frozen=True)
class BoardLine:
    """One of the lead's actions as this month's update will show it."""

    id: str
    text: str
    status: StatusView
    shade: Shade | None

    @property
    def label(self) -> str:
        """'Red: Overdue': the colour's name with its word."""
        return self.status.label


@dataclass(frozen=True)
class Digest:
    """Everything one lead's message says, computed."""

    authority: str
    plan_title: str
    role: str
    lead: str
    as_of: date
    days: int
    overdue: list[Overdue]
    upcoming: list[Upcoming]
    month: str
    """The update the board will see: 'March 2012'."""
    month_end: date
    board: list[BoardLine]

    @property
    def subject(self) -> str:
        late = f"{len(self.overdue)} overdue"
        soon = f"{len(self.upcoming)} due in the next {self.days} days"
        return f"Action plan: {self.lead}: {late}, {soon} (as of {long_date(self.as_of)})"


def lead_digest(plan: Plan, role: str, as_of: date, *, days: int = DUE_SOON_DAYS) -> Digest:
    """One lead's digest as of `as_of`; an unknown role raises `UnknownFilter`."""
    filters = Filters(lead=role)
    check_filters(plan, filters)
    titles = {r.id: r.title for r in plan.roles}
    period = month_period(f"{as_of:%Y-%m}")
    scale = Scale(tuple(plan.meta.scale))
    shades = scale.shades
    context = plan.meta.inspection.context
    board = []
    for task in tasks(plan):
        if (
            not in_plan_at(task.item, as_of)
            or task.complete_at(as_of)
            or not filters.accept(task, as_of)
        ):
            continue
        view = StatusView.of(assess(task, period.close, context, scale))
        board.append(BoardLine(task.id, task.text, view, shades.get(view.code)))
    board.sort(key=lambda line: scale.rank(line.status.code))
    return Digest(
        authority=plan.meta.authority,
        plan_title=" ".join(plan.meta.title.split()),
        role=role,
        lead=titles.get(role, role),
        as_of=as_of,
        days=days,
        overdue=overdue(plan, as_of, filters),
        upcoming=due_within(plan, as_of, days, filters),
        month=period.label,
        month_end=period.end,
        board=board,
    )


def leads_of(plan: Plan, as_of: date) -> list[str]:
    """The role ids that lead at least one task open on `as_of`, in roles.yaml order."""
    leading = {
        lead.role
        for task in tasks(plan)
        if in_plan_at(task.item, as_of) and not task.complete_at(as_of)
        for lead in task.leads
    }
    return [role.id for role in plan.roles if role.id in leading]


def _short(text: str, length: int = ACTION_LENGTH) -> str:
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] or flat[:length]
    return cut.rstrip(",;:. ") + "…"


def _overdue_line(entry: Overdue) -> str:
    return f"{entry.task.id}: {entry.reason}, {days_text(entry.days)} overdue"


def _upcoming_line(entry: Upcoming) -> str:
    when = "today" if entry.days == 0 else f"in {days_text(entry.days)}"
    return f"{entry.task.id}: due {long_date(entry.due)} ({when})"


def digest_text(digest: Digest) -> str:
    """The plain-text body, wrapped for any mail reader."""
    out: list[str] = []

    def para(text: str) -> None:
        out.extend(textwrap.wrap(text, TEXT_WIDTH) or [""])

    def bullet(head: str, text: str) -> None:
        out.extend(
            textwrap.wrap(
                f"- {head}. {_short(text)}",
                TEXT_WIDTH,
                subsequent_indent="  ",
                break_on_hyphens=False,
            )
        )

    para(
        f"{digest.lead}: your actions in the {digest.authority} action plan, as of "
        f"{long_date(digest.as_of)}."
    )
    out += ["", f"Overdue ({len(digest.overdue)})"]
    for late in digest.overdue:
        bullet(_overdue_line(late), late.task.text)
    if not digest.overdue:
        out.append("Nothing overdue.")
    out += ["", f"Due in the next {digest.days} days ({len(digest.upcoming)})"]
    for soon in digest.upcoming:
        bullet(_upcoming_line(soon), soon.task.text)
    if not digest.upcoming:
        out.append(f"Nothing falls due in the next {digest.days} days.")
    out += ["", f"What the board will see in the {digest.month} update"]
    para(
        f"Each of your open actions as that update will show it, if nothing more is "
        f"recorded by {long_date(digest.month_end)}:"
    )
    for line in digest.board:
        bullet(f"{line.id}: {line.label} ({line.status.reason})", line.text)
    if not digest.board:
        out.append("You lead no open actions.")
    out.append("")
    para(
        "To change what the board will see, send the plan's officer your evidence of "
        "progress (what was done, and when) before the end of the month."
    )
    out += ["", f"-- {digest.plan_title} ({digest.authority})"]
    return "\n".join(out) + "\n"


_HTML = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ d.subject }}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.4">
<p>{{ d.lead }}: your actions in the {{ d.authority }} action plan, as of {{ as_of }}.</p>
<h2>Overdue ({{ d.overdue | length }})</h2>
{% if d.overdue %}<ul>
{% for e in d.overdue %}  <li><strong>{{ e.task.id }}</strong>: {{ e.reason }}, \
{{ days(e.days) }} overdue. {{ short(e.task.text) }}</li>
{% endfor %}</ul>{% else %}<p>Nothing overdue.</p>{% endif %}
<h2>Due in the next {{ d.days }} days ({{ d.upcoming | length }})</h2>
{% if d.upcoming %}<ul>
{% for e in d.upcoming %}  <li><strong>{{ e.task.id }}</strong>: due {{ long(e.due) }} \
({{ "today" if e.days == 0 else "in " + days(e.days) }}). {{ short(e.task.text) }}</li>
{% endfor %}</ul>{% else %}<p>Nothing falls due in the next {{ d.days }} days.</p>{% endif %}
<h2>What the board will see in the {{ d.month }} update</h2>
<p>Each of your open actions as that update will show it, if nothing more is recorded by \
{{ long(d.month_end) }}:</p>
{% if d.board %}<table>
  <thead><tr><th scope="col">Action</th><th scope="col">Status</th>\
<th scope="col">Why</th></tr></thead>
  <tbody>
{% for b in d.board %}    <tr><th scope="row" style="white-space:nowrap;text-align:left;\
vertical-align:top">{{ b.id }}</th><td style="white-space:nowrap;vertical-align:top">\
{% if b.shade %}<span style="background:#{{ b.shade.fill }};color:#{{ b.shade.ink }};\
padding:0 0.3em">{{ b.label }}</span>{% else %}{{ b.label }}{% endif %}</td>\
<td style="vertical-align:top">{{ b.status.reason }}. {{ short(b.text) }}</td></tr>
{% endfor %}  </tbody>
</table>{% else %}<p>You lead no open actions.</p>{% endif %}
<p>To change what the board will see, send the plan's officer your evidence of progress \
(what was done, and when) before the end of the month.</p>
<p>{{ d.plan_title }} ({{ d.authority }})</p>
</body>
</html>
"""
)


def digest_html(digest: Digest) -> str:
    """The HTML alternative: the same content, every plan text escaped."""
    return _HTML.render(
        d=digest,
        as_of=long_date(digest.as_of),
        long=long_date,
        days=days_text,
        short=_short,
    )


def digest_message(
    plan: Plan,
    role: str,
    as_of: date,
    *,
    to: tuple[str, ...] = (),
    sender: str | None = None,
    sent: datetime | None = None,
    draft: bool = False,
    html: bool = True,
    days: int = DUE_SOON_DAYS,
) -> EmailMessage:
    """One lead's digest as an email. `sent` dates it (no Date header without it); `draft`
    marks it unsent (X-Unsent), so Outlook opens the .eml ready to send."""
    digest = lead_digest(plan, role, as_of, days=days)
    message = EmailMessage()
    message["Subject"] = digest.subject
    if sender:
        message["From"] = sender
    if to:
        message["To"] = ", ".join(to)
    if sent is not None:
        message["Date"] = format_datetime(sent)
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(digest_text(digest))
    if html:
        body = digest_html(digest)
        message.add_alternative(body, subtype="html")
        # A boundary from the content, not random: the same digest gives the same bytes.
        digest_of = hashlib.sha256(body.encode("utf-8")).hexdigest()[:24]
        message.set_boundary(f"slac-digest-{digest_of}")
    return message


def digest_file_name(role: str) -> str:
    """The file one lead's digest is written to in a folder (role ids are safe names)."""
    return f"{role}.eml"
