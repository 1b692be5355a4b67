"""The two ways an import stops: input slac cannot use (exit 2, like a usage error), and a
result it will not write (exit 1), so the command can tell them apart."""

from __future__ import annotations

from slac_plan.core.problems import InputError


class ImportInputError(InputError):
    """A file cannot be imported as given (unknown type, unreadable, a header that cannot be
    mapped); the message names the file and the sheet, table or row."""


class ImportRefused(Exception):
    """The import was planned but will not be written: it would overwrite a file or leave the
    plan invalid. The message says why; nothing was changed."""
