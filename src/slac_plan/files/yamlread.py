"""Read one plan file into plain data with the line and column of every key and value.

Plan files come from people and from web editors, so every file is treated as hostile: size
and file type are checked before reading, bytes must be UTF-8, and the YAML is built here
from the C parser's event stream rather than by a general loader. Building from events keeps
every position (for `file:line:col` errors), refuses anchors, aliases, tags and directives
before they can do harm, catches duplicate keys, caps nesting before the parser's own
recursion can crash the process, and is several times faster than a round-trip load.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from _ruamel_yaml import CParser
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from slac_plan.core.positions import Loc, Position, SourceMap
from slac_plan.core.problems import FileUnusable, Problem, Severity

MAX_BYTES = 1 << 20
"""Plan files are kilobytes; a megabyte is a mistake (or an attack), refused before reading."""
MAX_DEPTH = 64
"""Plans nest a handful of levels; deep nesting would crash the C composer, so it is capped."""
MAX_INT_DIGITS = 30
MAX_NODES = 20_000
"""The largest bundled file has under 300 keys, values and collections; a megabyte of "1," would
otherwise cost seconds and hundreds of megabytes before its first problem is reported."""

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OTHER = re.compile(r"^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(
    r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
    r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

_DECODED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Controls a value may not hold once its escapes are decoded (tab and new line may stay)."""

_PLAIN_SPECIAL = frozenset("0123456789+-.~nNtTfF")
"""First characters a plain scalar needs to have to be anything but text."""


class _Frame:
    __slots__ = ("container", "is_map", "key", "path", "seen")

    def __init__(self, container: Any, path: Loc) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.path = path
        self.key: str | None = None
        self.seen: dict[str, int] = {}


def read_text(path: Path) -> str:
    """The file's text: a regular file, at most MAX_BYTES, strict UTF-8 (a BOM is allowed)."""
    try:
        info = path.stat()
    except OSError as error:
        raise FileUnusable(
            _file_problem(path, "F101", f"cannot open: {_os_reason(error)}")
        ) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise FileUnusable(_file_problem(path, "F102", f"cannot read: {kind}"))
    if info.st_size > MAX_BYTES:
        raise FileUnusable(
            _file_problem(
                path,
                "F103",
                f"file is {info.st_size:,} bytes; plan files are limited to {MAX_BYTES:,}",
            )
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FileUnusable(
            _file_problem(path, "F101", f"cannot open: {_os_reason(error)}")
        ) from None
    if len(raw) > MAX_BYTES:
        raise FileUnusable(_file_problem(path, "F103", "file grew past the size limit"))
    return decode(path, raw)


def decode(path: Path, raw: bytes) -> str:
    """Strict UTF-8 with a clear word for the usual wrong encodings."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FileUnusable(_encoding_problem(path, "UTF-32"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileUnusable(_encoding_problem(path, "UTF-16"))
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise FileUnusable(
            Problem(
                path,
                line,
                col,
                "Y201",
                f"byte 0x{raw[error.start]:02x} is not UTF-8",
                hint="save the file as UTF-8",
            )
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        char = bad.group()
        hint = "the file may be UTF-16; save it as UTF-8" if char == "\x00" else None
        raise FileUnusable(
            Problem(path, line, col, "Y202", f"control character U+{ord(char):04X}", hint=hint)
        )
    return text


def parse(path: Path, text: str) -> tuple[dict[str, Any], SourceMap]:
    """One YAML document whose top level is a mapping; positions are found when first asked."""
    data, _, _ = _build(path, text, track=False)
    source = source_map(path, text)
    if _may_be_cut(text):
        source.notes = comment_cuts(path, text)
    return data, source


def source_map(path: Path, text: str) -> SourceMap:
    """The positions of the file at `path` holding `text`, parsed again only when asked."""

    def locate() -> tuple[dict[Loc, Position], dict[Loc, Position]]:
        _, values, keys = _build(path, text, track=True)
        return values, keys

    source = SourceMap(path, locate=locate)
    source.text = text
    return source


_SPACE_HASH = re.compile(r" #[^\s#]")
"""Searched for from its literal start (fast); the character before is checked by hand."""


def _may_be_cut(text: str) -> bool:
    """Whether some text may run into a ` #` (the cheap test before `comment_cuts`)."""
    for match in _SPACE_HASH.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        if not before.isspace() and before != "#":
            return True
    return False


_CUT_AFTER = re.compile(r" (#[^\s#][^\r\n]*)")


def comment_cuts(path: Path, text: str) -> list[Problem]:
    """Unquoted text that a ` #` cuts short ("see minutes #4, agreed" reads as "see minutes"):
    YAML takes the rest of the line as a comment, and the officer never sees it go."""
    found = []
    for event in events(text):
        if type(event) is not ev.ScalarEvent or event.style:  # plain: no quote style
            continue
        cut = _CUT_AFTER.match(text, event.end_mark.index)
        if cut is None:
            continue
        shown = event.value if len(event.value) <= 40 else "..." + event.value[-37:]
        found.append(
            Problem(
                path,
                event.end_mark.line + 1,
                event.end_mark.column + 2,
                "Y214",
                f"'{shown}' stops at ' #': YAML reads '{cut[1].rstrip()}' as a comment",
                Severity.WARNING,
                hint="if it belongs to the text, put the whole text in quotes",
            )
        )
    return found


def load(path: Path) -> tuple[dict[str, Any], SourceMap]:
    """Read and parse one plan file; raises FileUnusable with the reason."""
    return parse(path, read_text(path))


def events(text: str) -> Iterator[Any]:
    """The C parser's events for `text`, up to the end of the stream (YAMLError on bad YAML)."""
    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            if event is None or type(event) is ev.StreamEndEvent:
                return
            yield event
    finally:
        parser.dispose()


def _build(
    path: Path, text: str, *, track: bool
) -> tuple[dict[str, Any], dict[Loc, Position], dict[Loc, Position]]:
    builder = _Builder(path, track=track)
    try:
        for count, event in enumerate(events(text)):
            if count == MAX_NODES:
                builder.fail(
                    event,
                    "Y213",
                    f"more than {MAX_NODES:,} keys and values; a plan file holds hundreds",
                )
            builder.feed(event)
    except FileUnusable as unusable:
        unusable.text = text
        raise
    except MarkedYAMLError as error:
        raise FileUnusable(_syntax_problem(path, text, error), text) from None
    except YAMLError as error:
        raise FileUnusable(_file_problem(path, "Y203", f"YAML error: {error}")) from None
    return builder.finish()


class _Builder:
    """Turns parser events into dicts, lists and scalars, optionally recording positions."""

    def __init__(self, path: Path, *, track: bool) -> None:
        self.path = path
        self.track = track
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None
        self.root: Any = None
        self.documents = 0
        self.values: dict[Loc, Position] = {}
        self.keys: dict[Loc, Position] = {}
        self.handlers = {
            ev.DocumentStartEvent: self._document,
            ev.AliasEvent: self._alias,
            ev.ScalarEvent: self._scalar_event,
            ev.MappingStartEvent: self._start,
            ev.SequenceStartEvent: self._start,
            ev.MappingEndEvent: self._end,
            ev.SequenceEndEvent: self._end,
        }

    def fail(self, event: Any, code: str, message: str, hint: str | None = None) -> NoReturn:
        mark = event.start_mark
        raise FileUnusable(
            Problem(self.path, mark.line + 1, mark.column + 1, code, message, hint=hint)
        )

    def feed(self, event: Any) -> None:
        handler = self.handlers.get(type(event))
        if handler is not None:
            handler(event)

    def finish(self) -> tuple[dict[str, Any], dict[Loc, Position], dict[Loc, Position]]:
        if self.documents == 0:
            raise FileUnusable(
                _file_problem(self.path, "Y208", "file is empty (or holds only comments)")
            )
        if not isinstance(self.root, dict):
            raise FileUnusable(
                Problem(
                    self.path,
                    1,
                    1,
                    "Y209",
                    f"top level is {_describe(self.root)}; expected a mapping of fields",
                )
            )
        return self.root, self.values, self.keys

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(event, "Y208", "a second YAML document ('---'): a plan file holds one")
        if event.version is not None or event.tags:
            self.fail(
                event,
                "Y207",
                "YAML directives (%YAML, %TAG) are not allowed",
                hint="delete the line starting with %",
            )

    def _alias(self, event: Any) -> None:
        self.fail(
            event,
            "Y205",
            f"alias *{event.anchor} is not allowed in a plan file",
            hint="write the value out in full",
        )

    def _check(self, event: Any) -> None:
        if event.anchor is not None:
            self.fail(
                event,
                "Y205",
                f"anchor &{event.anchor} is not allowed in a plan file",
                hint="write the value out in full",
            )
        tag = event.tag
        if tag is not None and tag != "!" and str(tag) not in _ALLOWED_TAGS:
            shown = str(tag).replace(_CORE, "!!")
            self.fail(event, "Y206", f"tag {shown} is not allowed in a plan file")

    def _scalar_event(self, event: Any) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check(event)
        frame = self.top
        if frame is not None and frame.is_map and frame.key is None:
            self._key(event, frame)
            return
        value = self._scalar(event)
        path = self._place(frame, value)
        if self.track:
            self.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)

    def _start(self, event: Any) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check(event)
        frame = self.top
        if frame is not None and frame.is_map and frame.key is None:
            self.fail(event, "Y212", "a key must be plain text, not a list or mapping")
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, "Y210", f"nested more than {MAX_DEPTH} levels deep")
        value: Any = {} if type(event) is ev.MappingStartEvent else []
        path = self._place(frame, value)
        if self.track:
            self.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        self.top = _Frame(value, path)
        self.stack.append(self.top)

    def _place(self, frame: _Frame | None, value: Any) -> Loc:
        """Put `value` in its parent; its data path when positions are being recorded."""
        if frame is None:
            self.root = value
            return ()
        if frame.is_map:
            key = frame.key
            assert key is not None  # _key sets it before every value of a mapping
            frame.container[key] = value
            frame.key = None
            return (*frame.path, key) if self.track else ()
        frame.container.append(value)
        return (*frame.path, len(frame.container) - 1) if self.track else ()

    def _end(self, event: Any) -> None:
        self.stack.pop()
        self.top = self.stack[-1] if self.stack else None

    def _key(self, event: Any, frame: _Frame) -> None:
        key = self._scalar(event)
        if not isinstance(key, str):
            self.fail(event, "Y212", f"key {event.value!r} is not text", hint="put it in quotes")
        line = event.start_mark.line + 1
        first = frame.seen.get(key)
        if first is not None:
            self.fail(
                event,
                "Y204",
                f"duplicate key '{key}' (first at line {first})",
                hint="a key may appear once in each mapping",
            )
        frame.seen[key] = line
        frame.key = key
        if self.track:
            self.keys[(*frame.path, key)] = (line, event.start_mark.column + 1)

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        if event.style == '"' and (bad := _DECODED_CONTROL.search(value)):
            # an escape in double quotes ("\e", "\x00") decodes to a control character, which
            # would reach terminals (escape sequences), XML (invalid) and Word (a crash)
            self.fail(
                event,
                "Y202",
                f"control character U+{ord(bad.group()):04X} in the text (written as an escape)",
                hint="remove it; tab and new line are the only ones text may hold",
            )
        tag = event.tag
        if tag is None:
            if event.style or not event.implicit[0] or (value and value[0] not in _PLAIN_SPECIAL):
                return value
        elif tag == "!" or str(tag) == _CORE + "str":
            return value
        else:
            tag = str(tag)
        try:
            return resolve_plain(value, tag)
        except ValueError as error:
            self.fail(event, "Y211", str(error), hint="put it in quotes if it is meant as text")


def resolve_plain(value: str, tag: str | None) -> Any:
    """YAML 1.2 core-schema meaning of a plain scalar (plus dates), refusing absurd values."""
    if tag in (None, _CORE + "null") and _NULL.match(value):
        return None
    if tag in (None, _CORE + "bool") and _BOOL.match(value):
        return value.lower() == "true"
    if tag in (None, _CORE + "int") and (_INT.match(value) or _INT_OTHER.match(value)):
        if len(value) > MAX_INT_DIGITS:
            raise ValueError(f"number with {len(value)} digits is too large")
        return int(value, 0) if _INT_OTHER.match(value) else int(value)
    if tag in (None, _CORE + "float") and _FLOAT.match(value):
        if len(value) > MAX_INT_DIGITS:
            raise ValueError(f"number with {len(value)} digits is too large")
        return float(value.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf"))
    if tag is None and _DATE.match(value):
        year, month, day = (int(part) for part in value.split("-"))
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"{value} is not a real date") from None
    if tag is None:
        return value
    raise ValueError(f"{value!r} cannot be read as {tag.removeprefix(_CORE)}")


def _describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    return "a single value"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _syntax_problem(path: Path, text: str, error: MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = error.problem or error.context or "YAML syntax error"
    hint = None
    # The C scanner says only "cannot start any token" when it meets a tab; name the tab.
    lines = text.splitlines()
    at = lines[line - 1][col - 1 : col] if line <= len(lines) else ""
    if at == "\t" or "\\t" in problem or "tab" in problem:
        problem, hint = "tab character where YAML needs spaces", "indent with spaces, not tabs"
    elif (glued := _glued_key(lines, error)) is not None:
        line, col, key, rest = glued
        problem = f"no space after the colon of '{key}:'"
        hint = f"write '{key}: {rest}'"
    elif "mapping values are not allowed" in problem and line <= len(lines):
        key, _, value = lines[line - 1].strip().lstrip("- ").partition(": ")
        problem = "a colon and a space inside unquoted text"
        quoted = "'" + value.strip().replace("'", "''") + "'"
        hint = f"put the whole text in quotes: {key}: {quoted}" if value else "quote the text"
    elif error.context and error.problem:
        problem = f"{problem} ({error.context})"
    return Problem(path, line, col, "Y203", problem, hint=hint)


_GLUED = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(\S.*)$")


def _glued_key(lines: list[str], error: MarkedYAMLError) -> tuple[int, int, str, str] | None:
    """`by_when:end May 2012` (no space after the colon) is one plain scalar to YAML, and the
    parser trips on the next line; find the glued line it started at."""
    if "could not find expected ':'" not in (error.problem or ""):
        return None
    mark = error.context_mark or error.problem_mark
    if mark is None:
        return None
    for number in range(mark.line, max(mark.line - 3, -1), -1):
        if number < len(lines) and (match := _GLUED.match(lines[number])):
            return number + 1, len(match[1]) + 1, match[2], match[3].strip()
    return None


def _file_problem(path: Path, code: str, message: str) -> Problem:
    return Problem(path, 0, 0, code, message)


def _encoding_problem(path: Path, encoding: str) -> Problem:
    return Problem(
        path, 1, 1, "Y201", f"file is {encoding}, not UTF-8", hint="save the file as UTF-8"
    )


def _os_reason(error: OSError) -> str:
    return error.strerror or os.strerror(error.errno or 0) or type(error).__name__
