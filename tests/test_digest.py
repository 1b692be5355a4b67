"""`slac digest`: one lead's message says what `slac overdue --lead` says, and what the month's
update will show; `--send` is tested against a real SMTP server on localhost (aiosmtpd)."""

from __future__ import annotations

import email
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from slac_plan.checks.validate import valid_plan
from slac_plan.core.model import Plan
from slac_plan.core.queries import UnknownFilter
from slac_plan.output.digest import digest_message, digest_text, lead_digest, leads_of
from slac_plan.output.mail import MailSettingsError, SmtpSettings, read_addresses
from slac_plan.reports.report import month_period, monthly
from tests.conftest import BUNDLED_PLAN, PlanDir, Runner

TODAY = date(2012, 3, 1)
AS_OF = "2012-03-01"
LEADS = ["ad-social-care", "head-safeguarding"]


@pytest.fixture(scope="module")
def bundled() -> Plan:
    return valid_plan(BUNDLED_PLAN, TODAY)[0]


def read_eml(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body(message: EmailMessage, kind: str = "plain") -> str:
    part = message.get_body((kind,))
    assert part is not None
    return str(part.get_content())


def section(text: str, heading: str) -> list[str]:
    """The ids listed under a heading of the plain-text digest, in order."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    ids = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        if line.startswith("- "):
            ids.append(line[2:].split(":", 1)[0])
    return ids


# --- what it says -------------------------------------------------------------------------


@pytest.mark.parametrize("lead", LEADS)
def test_the_digest_says_what_slac_overdue_says(tmp_path: Path, slac: Runner, lead: str) -> None:
    listing = slac(
        "overdue",
        "--plan",
        str(BUNDLED_PLAN),
        "--lead",
        lead,
        "--as-of",
        AS_OF,
        "--due-within",
        "30",
        "--format",
        "json",
    )
    assert listing.code == 0, listing.err
    answer = json.loads(listing.out)
    out = tmp_path / f"{lead}.eml"
    made = slac(
        "digest", "--plan", str(BUNDLED_PLAN), "--lead", lead, "--as-of", AS_OF, "-o", str(out)
    )
    assert made.code == 0, made.err
    message = read_eml(out.read_bytes())
    text = body(message)
    late = [entry["id"] for entry in answer["overdue"]]
    soon = [entry["id"] for entry in answer["due_soon"]]
    assert late, "the pinned date should find something overdue"
    assert section(text, "Overdue (") == late
    assert section(text, "Due in the next 30 days (") == soon
    assert f"{len(late)} overdue, {len(soon)} due in the next 30 days" in str(message["Subject"])
    for entry in answer["overdue"]:
        assert f"{entry['id']}: {entry['reason']}, {entry['days_overdue']} day" in " ".join(
            text.split()
        )
    html = body(message, "html")
    assert all(f"<strong>{ident}</strong>" in html for ident in late + soon)


def test_what_the_board_sees_is_the_monthly_update(bundled: Plan) -> None:
    report = monthly(bundled, month_period("2012-03"))
    shown = {
        row.id: row.status.label
        for part in report.sections
        for item in part.items
        for row in item.rows
    }
    for lead in LEADS:
        digest = lead_digest(bundled, lead, TODAY)
        assert digest.month == "March 2012"
        assert digest.board
        for line in digest.board:
            assert line.label == shown[line.id], line.id
            assert ": " in line.label  # the colour's name and its word, never the colour alone
        text = digest_text(digest)
        assert section(text, "What the board will see") == [line.id for line in digest.board]


def test_a_lead_with_nothing_due_is_told_so(plan_dir: PlanDir) -> None:
    plan = valid_plan(plan_dir.root, TODAY)[0]
    text = digest_text(lead_digest(plan, "dcs", TODAY))
    assert "Nothing overdue." in text
    assert "Nothing falls due in the next 30 days." in text
    assert "You lead no open actions." in text
    assert leads_of(plan, TODAY) == ["ad", "hos"]


def test_an_unknown_lead_is_refused(bundled: Plan, slac: Runner) -> None:
    with pytest.raises(UnknownFilter, match="did you mean 'head-safeguarding'"):
        lead_digest(bundled, "head-safeguard", TODAY)
    result = slac("digest", "--plan", str(BUNDLED_PLAN), "--lead", "nobody", "--as-of", AS_OF)
    assert result.code == 2
    assert result.err.strip() == "slac: error: --lead: no such id 'nobody' in the plan"


def test_plan_text_cannot_inject_markup(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "text: Coaching workshops for managers.",
            "text: \"<script>alert('x')</script> & <b>bold</b>\"",
        ),
        encoding="utf-8",
    )
    plan = valid_plan(plan_dir.root, TODAY)[0]
    message = digest_message(plan, "hos", date(2012, 3, 20))
    html = body(message, "html")
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html and "&amp; &lt;b&gt;bold&lt;/b&gt;" in html
    plain = " ".join(body(message).split())  # wrapped at 76 characters
    assert "<script>alert('x')</script> & <b>bold</b>" in plain  # plain text as written


def test_the_same_digest_gives_the_same_bytes(bundled: Plan) -> None:
    first = digest_message(bundled, "ad-social-care", TODAY, draft=True).as_bytes()
    assert digest_message(bundled, "ad-social-care", TODAY, draft=True).as_bytes() == first
    message = read_eml(first)
    assert message["X-Unsent"] == "1"  # Outlook opens it as a draft
    assert message["Date"] is None and message["To"] is None
    assert message.get_content_type() == "multipart/alternative"
    text_only = digest_message(bundled, "ad-social-care", TODAY, html=False)
    assert text_only.get_content_type() == "text/plain"


def test_all_writes_one_file_per_lead(tmp_path: Path, slac: Runner, bundled: Plan) -> None:
    folder = tmp_path / "digests"
    result = slac(
        "digest", "--plan", str(BUNDLED_PLAN), "--all", "--as-of", AS_OF, "-o", str(folder)
    )
    assert result.code == 0, result.err
    leads = leads_of(bundled, TODAY)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{lead}.eml" for lead in leads)
    titles = {role.id: role.title for role in bundled.roles}
    for lead in leads:
        message = read_eml((folder / f"{lead}.eml").read_bytes())
        assert str(message["Subject"]).startswith(f"Action plan: {titles[lead]}: ")


def test_option_mistakes_are_one_line(slac: Runner) -> None:
    plan = ("--plan", str(BUNDLED_PLAN))
    for args, said in [
        ((), "give --lead ROLE or --all"),
        (("--lead", "dcs", "--all"), "give --lead ROLE or --all"),
        (("--all", "--to", "a@example.org"), "--to is one lead's address"),
        (("--all",), "give -o FOLDER"),
        (("--lead", "dcs", "--to", "not an address"), "--to: 'not an address' is not one email"),
    ]:
        result = slac("digest", *plan, *args)
        assert result.code == 2, args
        assert said in result.err and result.err.count("\n") == 1, result.err


# --- addresses ------------------------------------------------------------------------------


def test_an_address_file_is_read_line_by_line() -> None:
    roles = ["dcs", "hos"]
    text = "# kept outside the plan\ndcs = Director <dcs@example.org>\n\nhos=hos@example.org  # x\n"
    assert read_addresses(text, "a.txt", roles) == {
        "dcs": "Director <dcs@example.org>",
        "hos": "hos@example.org",
    }
    for wrong, said in [
        ("dcs dcs@example.org", "a.txt:1: write 'role-id = name@example.org'"),
        ("\nhs = h@example.org", "a.txt:2: no role 'hs' in the plan"),
        ("dcs = nobody", "a.txt:1: 'nobody' is not one email address"),
        ("dcs = a@example.org\ndcs = b@example.org", "a.txt:2: 'dcs' has an address already"),
    ]:
        with pytest.raises(MailSettingsError, match=said.replace("(", r"\(")):
            read_addresses(wrong, "a.txt", roles)


def test_smtp_settings_come_from_the_environment() -> None:
    settings = SmtpSettings.from_environ(
        {
            "SLAC_SMTP_HOST": "smtp.example.org",
            "SLAC_SMTP_FROM": "plan@example.org",
            "SLAC_SMTP_USER": "officer",
            "SLAC_SMTP_PASSWORD": "secret",
        }
    )
    assert (settings.host, settings.port, settings.security.value) == (
        "smtp.example.org",
        587,
        "starttls",
    )
    assert "secret" not in repr(settings)
    base = {"SLAC_SMTP_HOST": "h.example.org", "SLAC_SMTP_FROM": "p@example.org"}
    for extra, said in [
        ({"SLAC_SMTP_HOST": ""}, "needs SLAC_SMTP_HOST"),
        ({"SLAC_SMTP_PORT": "smtp"}, "SLAC_SMTP_PORT='smtp' is not a port"),
        ({"SLAC_SMTP_USER": "u"}, "SLAC_SMTP_PASSWORD is not"),
        (
            {"SLAC_SMTP_STARTTLS": "0", "SLAC_SMTP_USER": "u", "SLAC_SMTP_PASSWORD": "p"},
            "unencrypted",
        ),
        ({"SLAC_SMTP_STARTTLS": "maybe"}, "is not 1 or 0"),
        ({"SLAC_SMTP_SSL": "1", "SLAC_SMTP_STARTTLS": "1"}, "set only one"),
    ]:
        with pytest.raises(MailSettingsError, match=said):
            SmtpSettings.from_environ(base | extra)
    assert SmtpSettings.from_environ(base | {"SLAC_SMTP_SSL": "1"}).port == 465


# --- sending, through a real server --------------------------------------------------------


@dataclass
class Mailbox:
    """What the server received, and what it refuses."""

    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(  # aiosmtpd's hook names
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """A real SMTP server on localhost, and the environment that points slac at it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    for name in ("USER", "PASSWORD", "SSL", "PORT"):
        monkeypatch.delenv(f"SLAC_SMTP_{name}", raising=False)
    monkeypatch.setenv("SLAC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SLAC_SMTP_PORT", str(port))
    monkeypatch.setenv("SLAC_SMTP_FROM", "Action plan <plan@example.org>")
    monkeypatch.setenv("SLAC_SMTP_STARTTLS", "0")
    try:
        yield mailbox
    finally:
        controller.stop()


SEND = ("digest", "--plan", str(BUNDLED_PLAN), "--as-of", AS_OF, "--send")


def test_send_delivers_the_digest(smtp: Mailbox, slac: Runner, bundled: Plan) -> None:
    result = slac(*SEND, "--lead", "head-safeguarding", "--to", "Head of S <hos@example.org>")
    assert result.code == 0, result.err
    assert result.out == ""
    assert "sent the digest for head-safeguarding to Head of S <hos@example.org>" in result.err
    assert len(smtp.received) == 1
    sender, recipients, data = smtp.received[0]
    assert (sender, recipients) == ("plan@example.org", ["hos@example.org"])
    message = read_eml(data)
    assert message["To"] == "Head of S <hos@example.org>"
    assert message["From"] == "Action plan <plan@example.org>"
    assert message["Date"] is not None and message["Message-ID"] is not None
    assert message["X-Unsent"] is None
    expected = lead_digest(bundled, "head-safeguarding", TODAY)
    assert message["Subject"] == expected.subject
    text = body(message)
    assert section(text, "Overdue (") == [entry.task.id for entry in expected.overdue]
    assert section(text, "Due in the next 30 days (") == [e.task.id for e in expected.upcoming]


def test_send_to_every_lead_from_an_address_file(
    tmp_path: Path, smtp: Mailbox, slac: Runner
) -> None:
    book = tmp_path / "addresses.txt"
    book.write_text("head-safeguarding = hos@example.org\n", encoding="utf-8")
    missing = slac(*SEND, "--all", "--addresses", str(book))
    assert missing.code == 2
    assert "--send: no address for dcs, ad-social-care" in missing.err
    assert smtp.received == []  # nothing is sent until every lead has an address
    sent = slac(*SEND, "--lead", "head-safeguarding", "--addresses", str(book))
    assert sent.code == 0, sent.err
    assert [recipients for _, recipients, _ in smtp.received] == [["hos@example.org"]]


def test_missing_settings_are_one_line(monkeypatch: pytest.MonkeyPatch, slac: Runner) -> None:
    for name in ("HOST", "FROM", "PORT", "USER", "PASSWORD", "STARTTLS", "SSL"):
        monkeypatch.delenv(f"SLAC_SMTP_{name}", raising=False)
    result = slac(*SEND, "--lead", "dcs", "--to", "dcs@example.org")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert result.err.startswith(
        "slac: error: sending needs SLAC_SMTP_HOST and SLAC_SMTP_FROM in the environment"
    )
    assert "Traceback" not in result.err


def test_a_refused_recipient_is_one_line(smtp: Mailbox, slac: Runner) -> None:
    smtp.refuse.add("gone@example.org")
    result = slac(*SEND, "--lead", "dcs", "--to", "gone@example.org")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "slac: not sent: digest for dcs:" in result.err
    assert "refused the recipient gone@example.org" in result.err
    assert smtp.received == []


def test_no_server_is_one_line(monkeypatch: pytest.MonkeyPatch, slac: Runner) -> None:
    monkeypatch.setenv("SLAC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SLAC_SMTP_PORT", str(free_port()))  # nothing listens there
    monkeypatch.setenv("SLAC_SMTP_FROM", "plan@example.org")
    monkeypatch.setenv("SLAC_SMTP_STARTTLS", "0")
    result = slac(*SEND, "--lead", "dcs", "--to", "dcs@example.org")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("slac: not sent: digest for dcs: could not connect to 127.0.0.1:")


def test_starttls_refused_by_a_plain_server_is_one_line(
    smtp: Mailbox, monkeypatch: pytest.MonkeyPatch, slac: Runner
) -> None:
    monkeypatch.setenv("SLAC_SMTP_STARTTLS", "1")  # the test server offers no STARTTLS
    result = slac(*SEND, "--lead", "dcs", "--to", "dcs@example.org")
    assert result.code == 1
    assert "does not offer STARTTLS" in result.err and result.err.count("\n") == 1
    assert smtp.received == []
