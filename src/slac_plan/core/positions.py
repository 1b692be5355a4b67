"""Where each value of a plan file sits, computed only when a problem needs a line and column.

Recording a position for every node of every file costs a third of a large plan's load time,
and a clean file never needs one; so a SourceMap re-reads its file's text on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slac_plan.core.problems import Problem

Loc = tuple[str | int, ...]
Position = tuple[int, int]
"""A 1-based (line, column)."""
Locator = Callable[[], tuple[dict[Loc, Position], dict[Loc, Position]]]


class SourceMap:
    """Data path -> (line, column) of its value, and of the key that names it, in one file."""

    __slots__ = ("_keys", "_locate", "_values", "notes", "path", "text")

    def __init__(
        self,
        path: Path,
        values: dict[Loc, Position] | None = None,
        keys: dict[Loc, Position] | None = None,
        locate: Locator | None = None,
    ) -> None:
        self.path = path
        self.notes: list[Problem] = []
        self.text: str | None = None
        """The file's text as read, for what needs more than the data (comments)."""
        """Warnings found while reading the file (a text cut short by a comment)."""
        self._values = values
        self._keys = keys
        self._locate = locate

    def _tables(self) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
        if self._values is None or self._keys is None:
            self._values, self._keys = self._locate() if self._locate else ({}, {})
            self._locate = None
        return self._values, self._keys

    def value(self, loc: Loc) -> Position:
        """The position of the value at `loc`, or of its nearest enclosing value."""
        values, _ = self._tables()
        for end in range(len(loc), -1, -1):
            found = values.get(loc[:end])
            if found is not None:
                return found
        return (1, 1)

    def key(self, loc: Loc) -> Position:
        """The position of the key that names `loc`, falling back to its value."""
        _, keys = self._tables()
        return keys.get(loc) or self.value(loc)


def strings(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in nested plan data, with its data path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, (*loc, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, (*loc, index))
