"""Sending a message through the council's SMTP server, and where leads' addresses come from.

Settings come from the environment (passed in as a mapping), so that no password is ever
written into the plan or typed on a command line that shell history keeps:

    SLAC_SMTP_HOST      the server (required)
    SLAC_SMTP_FROM      the sender's address (required)
    SLAC_SMTP_PORT      default 587 with STARTTLS, 465 with SSL, 25 with neither
    SLAC_SMTP_STARTTLS  1 (default) or 0: upgrade the connection with STARTTLS
    SLAC_SMTP_SSL       0 (default) or 1: TLS from the start (port 465)
    SLAC_SMTP_USER      with SLAC_SMTP_PASSWORD, to log in; refused without TLS

Leads' addresses are personal data, and the plan (roles.yaml included) names job roles, never
people, and is published and committed: so an address is given when sending (`--to`), or read
from a file of `role-id = address` lines kept outside the plan's repository, never stored in
the plan. Every failure is one sentence (`MailSettingsError`, `MailError`), never a traceback.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from enum import StrEnum

from slac_plan.core.problems import InputError
from slac_plan.core.suggest import did_you_mean

ENV_PREFIX = "SLAC_SMTP_"
TIMEOUT_SECONDS = 30.0


class MailSettingsError(InputError):
    """The settings or an address cannot be used; the message says which and how to fix it."""


class MailError(Exception):
    """The message was not sent (or not to everyone); the message says why."""


class Security(StrEnum):
    STARTTLS = "starttls"
    SSL = "ssl"
    NONE = "none"


_DEFAULT_PORTS = {Security.STARTTLS: 587, Security.SSL: 465, Security.NONE: 25}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. `password` is kept out of the repr."""

    host: str
    port: int
    sender: str
    security: Security = Security.STARTTLS
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = TIMEOUT_SECONDS

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> SmtpSettings:
        """The settings the environment gives, or `MailSettingsError` naming what is missing."""

        def get(name: str) -> str:
            return environ.get(ENV_PREFIX + name, "").strip()

        missing = [ENV_PREFIX + name for name in ("HOST", "FROM") if not get(name)]
        if missing:
            raise MailSettingsError(
                f"sending needs {' and '.join(missing)} in the environment "
                f"(and {ENV_PREFIX}PORT, {ENV_PREFIX}USER, {ENV_PREFIX}PASSWORD as the server "
                "requires)"
            )
        starttls = _flag(get("STARTTLS"), "STARTTLS", default=True)
        implicit = _flag(get("SSL"), "SSL", default=False)
        if implicit and get("STARTTLS") and starttls:
            raise MailSettingsError(
                f"set only one of {ENV_PREFIX}SSL=1 (TLS from the start) and "
                f"{ENV_PREFIX}STARTTLS=1 (TLS after connecting)"
            )
        security = Security.SSL if implicit else Security.STARTTLS if starttls else Security.NONE
        port_text = get("PORT")
        if not port_text:
            port = _DEFAULT_PORTS[security]
        elif port_text.isdigit() and 0 < int(port_text) < 65536:
            port = int(port_text)
        else:
            raise MailSettingsError(
                f"{ENV_PREFIX}PORT='{port_text}' is not a port number (e.g. 587)"
            )
        user = get("USER") or None
        password = environ.get(ENV_PREFIX + "PASSWORD") or None
        if (user is None) != (password is None):
            given, needed = ("USER", "PASSWORD") if user else ("PASSWORD", "USER")
            raise MailSettingsError(
                f"{ENV_PREFIX}{given} is set but {ENV_PREFIX}{needed} is not: give both, or neither"
            )
        if user is not None and security is Security.NONE:
            raise MailSettingsError(
                f"refusing to send a password unencrypted: remove {ENV_PREFIX}STARTTLS=0 "
                f"(STARTTLS is the default), or set {ENV_PREFIX}SSL=1"
            )
        sender = check_address(get("FROM"), ENV_PREFIX + "FROM")
        return cls(get("HOST"), port, sender, security, user, password)


def _flag(value: str, name: str, *, default: bool) -> bool:
    folded = value.casefold()
    if not value:
        return default
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise MailSettingsError(f"{ENV_PREFIX}{name}='{value}' is not 1 or 0")


def check_address(address: str, where: str) -> str:
    """`address` ("name@example.org" or "Name <name@example.org>") if it is one address, else
    `MailSettingsError` saying where it came from."""
    text = address.strip()
    if not text or any(char in text for char in "\r\n\0"):
        raise MailSettingsError(f"{where}: '{text}' is not an email address")
    try:
        message = EmailMessage()
        message["To"] = text
        found = message["To"].addresses
    except (ValueError, IndexError, TypeError):
        found = ()
    if len(found) != 1 or not _complete(found[0]):
        raise MailSettingsError(f"{where}: '{text}' is not one email address (name@example.org)")
    return text


def _complete(address: Address) -> bool:
    return bool(address.username) and "." in address.domain and " " not in address.addr_spec


def read_addresses(text: str, source: str, roles: Iterable[str]) -> dict[str, str]:
    """Leads' addresses from lines `role-id = address` ('#' starts a comment); a line that is
    not one, or a role the plan does not have, raises `MailSettingsError` with its line."""
    known = set(roles)
    found: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        role, equals, address = (part.strip() for part in line.partition("="))
        where = f"{source}:{number}"
        if not equals or not role or not address:
            raise MailSettingsError(f"{where}: write 'role-id = name@example.org'")
        if role not in known:
            hint = did_you_mean(role, known)
            raise MailSettingsError(
                f"{where}: no role '{role}' in the plan" + (f"; {hint}" if hint else "")
            )
        if role in found:
            raise MailSettingsError(f"{where}: '{role}' has an address already")
        found[role] = check_address(address, where)
    return found


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    """Send `message` to its To addresses, from `settings.sender` (its From when it has none).

    Raises `MailError` with one sentence when the server cannot be reached, refuses the login
    or refuses any recipient; nothing is retried.
    """
    if not message.get_all("To"):
        raise MailError("the message has no recipient (To)")
    if message["From"] is None:
        message["From"] = settings.sender
    if message["Message-ID"] is None:
        domain = settings.sender.rpartition("@")[2].rstrip(">").strip() or None
        message["Message-ID"] = make_msgid("slac", domain=domain)
    where = f"{settings.host}:{settings.port}"
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP
        if settings.security is Security.SSL:
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security is Security.STARTTLS:
                client.starttls(context=context)
            if settings.user is not None and settings.password is not None:
                client.login(settings.user, settings.password)
            refused = client.send_message(message, from_addr=_addr_spec(settings.sender))
    except smtplib.SMTPNotSupportedError:
        raise MailError(
            f"{where} does not offer STARTTLS; set {ENV_PREFIX}SSL=1 if it expects TLS from "
            f"the start, or {ENV_PREFIX}STARTTLS=0 for a server that takes no encryption"
        ) from None
    except smtplib.SMTPAuthenticationError as error:
        raise MailError(
            f"{where} refused the login ({_reply(error)}): check {ENV_PREFIX}USER and "
            f"{ENV_PREFIX}PASSWORD"
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        who = ", ".join(sorted(error.recipients))
        raise MailError(f"{where} refused the recipient {who}") from None
    except smtplib.SMTPSenderRefused as error:
        raise MailError(f"{where} refused the sender {error.sender} ({_reply(error)})") from None
    except smtplib.SMTPResponseException as error:
        raise MailError(f"{where} answered {_reply(error)}") from None
    except smtplib.SMTPException as error:
        raise MailError(f"could not send through {where}: {error}") from None
    except ssl.SSLError as error:
        raise MailError(f"TLS with {where} failed: {error.reason or error}") from None
    except OSError as error:
        raise MailError(f"could not connect to {where}: {error.strerror or error}") from None
    if refused:
        raise MailError(f"{where} refused the recipient {', '.join(sorted(refused))}")


def _addr_spec(address: str) -> str:
    message = EmailMessage()
    message["From"] = address
    return str(message["From"].addresses[0].addr_spec)


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{error.smtp_code} {' '.join(said.split())}"
