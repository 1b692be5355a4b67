"""`slac collect`: read the workbooks leads return and record their answers in the plan.

Each row is checked against the workbook (it is for this plan and month, its locked cells
are as slac wrote them), against the lead (who must still lead the action) and against the
plan, then recorded through the edit commands' own path (`add_evidence`, or `set_status` when
it proposes a status or a new due date): one validated, atomic, locked edit per row, so a row
is written whole or not at all. A row that cannot be recorded is refused with its file, sheet,
row and reason; the other rows still are.

A row is already collected when its evidence (the same text, the same day) is in the plan, or,
for a row with no progress text, when the plan already has its status and due move: collecting
the same workbook again changes nothing.

A dry run makes the same edits, in the same order, on a scratch copy of the plan, so what it
shows is what a real run would write.
"""

from __future__ import annotations

import contextlib
import difflib
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from slac_plan.checks.validate import valid_plan
from slac_plan.core.dates import uk_numeric_date
from slac_plan.core.model import Plan, StatusMeaning, YearMonth
from slac_plan.core.periods import long_date
from slac_plan.core.problems import InputError
from slac_plan.core.queries import task_index
from slac_plan.editing.edit import UnknownTarget, add_evidence, find_target, set_status
from slac_plan.exchange.layout import (
    BY_KEY,
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    FORMAT_VERSION,
    HEADER_ROW,
    INPUTS,
    LOCKED,
    META_SHEET,
    RECORD_COLUMN,
    Column,
    cell_text,
    fingerprint,
    header_text,
    parse_month,
    plan_key,
    plan_name,
    record_leads,
    status_choices,
)
from slac_plan.files.loader import plan_files
from slac_plan.files.safewrite import WriteRefused
from slac_plan.files.yamledit import EditRefused
from slac_plan.importing.tables import MAX_FILE_BYTES, MAX_UNZIPPED_BYTES

MAX_ADDED_ROWS = 1000
"""Rows below the listed ones are read this far (to report answers typed there); a sheet
formatted a million rows down is not walked cell by cell."""


class MixedMonths(InputError):
    """Workbooks for several months were given with no --month to say which is being collected."""


@dataclass(frozen=True)
class Where:
    """A returned workbook, and the sheet and row in it, as every message names them."""

    path: Path
    sheet: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        parts = [str(self.path)]
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Refusal:
    """A row (or a whole workbook) that was not recorded, and why."""

    where: Where
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Outcome:
    """A row recorded, or found already in the plan."""

    where: Where
    task_id: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.task_id}: {self.what}"


@dataclass(frozen=True)
class FileChange:
    path: Path
    diff: str


@dataclass
class Collection:
    """What collecting did (or, with dry_run, would do)."""

    dry_run: bool
    recorded: list[Outcome] = field(default_factory=list)
    already: list[Outcome] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)
    workbooks: int = 0
    """Workbooks read that are for this plan and month."""


@dataclass(frozen=True)
class Answer:
    """One row's answer, checked against its workbook and ready to record."""

    where: Where
    task_id: str
    text: str | None
    when: date
    status: str | None
    due: date | None
    reason: str | None
    by: str | None = None
    """The role whose workbook it came from: its evidence says who reported it."""


class _Refused(Exception):
    """This row (or workbook) cannot be collected; the message says why."""


# --- reading a returned workbook ------------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    """A row as slac wrote it: its action's id and the fingerprints of its locked cells."""

    task_id: str
    prints: dict[str, str]


@dataclass(frozen=True)
class _Returned:
    path: Path
    sheet: str
    meta: dict[str, str]
    rows: list[tuple[int, dict[str, object]]]
    records: dict[int, _Record]

    @property
    def month(self) -> str:
        return self.meta.get("month", "")


def _read(path: Path) -> _Returned:
    """The returned workbook's rows and what slac wrote into it; _Refused when it is not a
    workbook slac made, or cannot be read safely."""
    book = _open(path)
    if META_SHEET not in book.sheetnames:
        raise _Refused("not a workbook made by slac request (its hidden sheet is missing)")
    hidden = book[META_SHEET]
    meta: dict[str, str] = {}
    for key, value in hidden.iter_rows(min_row=1, max_col=2, values_only=True):
        if key is None:
            break
        meta[cell_text(key)] = cell_text(value)
    if meta.get("format") != FORMAT:
        raise _Refused("not a workbook made by slac request")
    version = meta.get("version", "")
    if not version.isdigit() or int(version) > FORMAT_VERSION:
        raise _Refused(
            f"made by a newer slac ({meta.get('made by', 'unknown')}): collect it with that "
            "version or later"
        )
    name = meta.get("sheet", "")
    if name not in book.sheetnames:
        raise _Refused(f"its sheet '{name}' is missing (was it renamed?)")
    sheet = book[name]
    headers = [cell_text(sheet.cell(HEADER_ROW, n).value) for n in range(1, len(COLUMNS) + 1)]
    if headers != [cell_text(header_text(column)) for column in COLUMNS]:
        raise _Refused(
            f"sheet '{name}': its columns were moved or renamed; collect reads them only as "
            "slac request wrote them"
        )
    records: dict[int, _Record] = {}
    keys = ["row", *(column.key for column in LOCKED)]
    for values in hidden.iter_rows(
        min_row=2, min_col=RECORD_COLUMN, max_col=RECORD_COLUMN + len(keys) - 1, values_only=True
    ):
        cells = dict(zip(keys, (cell_text(value) for value in values), strict=True))
        if not cells["row"].isdigit():
            break
        prints = {key: cells[key] for key in keys[2:]}
        records[int(cells["row"])] = _Record(cells["id"], prints)
    last = min(sheet.max_row, max(records, default=FIRST_ROW) + MAX_ADDED_ROWS)
    rows = [
        (number, {column.key: _value(cell) for column, cell in zip(COLUMNS, cells, strict=False)})
        for number, cells in enumerate(
            sheet.iter_rows(min_row=FIRST_ROW, max_row=last, max_col=len(COLUMNS)),
            start=FIRST_ROW,
        )
    ]
    return _Returned(path, name, meta, rows, records)


@dataclass(frozen=True)
class _Formula:
    """A cell holding a formula: what it shows depends on the spreadsheet, so it is no answer."""

    text: str

    def __str__(self) -> str:
        return self.text


def _value(cell: Any) -> object:
    return _Formula(str(cell.value)) if cell.data_type == "f" else cell.value


def _open(path: Path) -> Any:
    """The workbook at `path` opened by openpyxl, after the import's guards: its size, and
    what its archive unpacks to (a zip bomb)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if path.suffix.lower() != ".xlsx":
        raise _Refused("not an Excel workbook (.xlsx): save it as one and collect it again")
    if not path.is_file():
        raise _Refused("no such file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _Refused(f"{size:,} bytes; a returned workbook is limited to {MAX_FILE_BYTES:,}")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise _Refused(f"not an Excel workbook ({error})") from None
    if unpacked > MAX_UNZIPPED_BYTES:
        raise _Refused(
            f"unpacks to {unpacked:,} bytes; a returned workbook is limited to "
            f"{MAX_UNZIPPED_BYTES:,}"
        )
    try:
        return openpyxl.load_workbook(str(path), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _Refused(f"cannot be read as an Excel workbook ({error})") from None


# --- checking each row ----------------------------------------------------------------------


def _answers(plan: Plan, returned: _Returned, today: date) -> tuple[list[Answer], list[Refusal]]:
    """The rows of a workbook (for this plan and month) that carry an answer, checked; and
    the rows refused, with why."""
    answers: list[Answer] = []
    refused: list[Refusal] = []
    lead = returned.meta.get("lead", "")
    leads = record_leads(plan)
    roles = {role.id: role.title for role in plan.roles}
    if lead not in roles:
        where = Where(returned.path, returned.sheet)
        return [], [Refusal(where, f"its lead '{lead}' is not a role of the plan")]
    for number, cells in returned.rows:
        where = Where(returned.path, returned.sheet, number)
        if not any(cell_text(cells.get(column.key)) for column in INPUTS):
            continue
        try:
            task_id = _listed(plan, returned.records.get(number), cells, lead, leads, roles)
        except _Refused as refusal:
            refused.append(Refusal(where, str(refusal)))
            continue
        try:
            answers.append(replace(_answer(plan, where, task_id, cells, today), by=lead))
        except _Refused as refusal:
            refused.append(Refusal(where, f"{task_id}: {refusal}"))
    return answers, refused


def _listed(
    plan: Plan,
    record: _Record | None,
    cells: dict[str, object],
    lead: str,
    leads: dict[str, list[str]],
    roles: dict[str, str],
) -> str:
    """The id of the action a row answers for: a row slac listed, its locked cells as slac
    wrote them, for an action the workbook's lead (still) leads."""
    shown = cell_text(cells.get("id"))
    if record is None:
        if not shown:
            raise _Refused("a row slac did not write, with no ID: it was not collected")
        try:
            find_target(plan, shown)
        except EditRefused as refusal:  # an unknown id, or the same work as another
            raise _Refused(str(refusal)) from None
        if shown not in leads:
            raise _Refused(f"{shown} is tracked through its sub-actions: answer for those")
        if lead in leads.get(shown, []):
            raise _Refused(
                f"{shown} was not in this request (only the rows slac wrote are collected)"
            )
        raise _Refused(_not_led(shown, lead, leads, roles))
    if shown != record.task_id:
        raise _Refused(
            f"the ID was changed from {record.task_id} to {shown or 'nothing'}; IDs are locked "
            "(a correction belongs in 'Progress this month')"
        )
    changed = [
        BY_KEY[key].header
        for key, kept in record.prints.items()
        if fingerprint(cell_text(cells.get(key))) != kept
    ]
    if changed:
        names = " and ".join(f"'{name}'" for name in changed)
        raise _Refused(
            f"{record.task_id}: {names} {'was' if len(changed) == 1 else 'were'} changed; locked "
            "columns come from the plan (a correction belongs in 'Progress this month')"
        )
    if record.task_id not in leads:
        try:
            find_target(plan, record.task_id)
        except EditRefused as refusal:
            raise _Refused(str(refusal)) from None
    if lead not in leads.get(record.task_id, []):
        raise _Refused(_not_led(record.task_id, lead, leads, roles))
    return record.task_id


def _not_led(task_id: str, lead: str, leads: dict[str, list[str]], roles: dict[str, str]) -> str:
    owners = [roles.get(role, role) for role in leads.get(task_id, [])]
    by = f"led by {', '.join(owners)}" if owners else "led by nobody"
    return f"{task_id} is {by}, not by {roles.get(lead, lead)}, whose workbook this is"


def _answer(
    plan: Plan, where: Where, task_id: str, cells: dict[str, object], today: date
) -> Answer:
    for column in INPUTS:
        value = cells.get(column.key)
        if isinstance(value, _Formula):
            raise _Refused(f"'{column.header}' holds a formula; type the words themselves")
    text = cell_text(cells.get("progress")) or None
    when = _day(cells.get("date"), BY_KEY["date"])
    status = _status(plan, cell_text(cells.get("proposed_status")))
    due = _day(cells.get("new_due"), BY_KEY["new_due"])
    reason = cell_text(cells.get("reason")) or None
    if due is not None and reason is None:
        raise _Refused(f"a new due date needs its reason ('{BY_KEY['reason'].header}')")
    if reason is not None and due is None:
        raise _Refused(f"a reason with no new due date ('{BY_KEY['new_due'].header}')")
    if text is None and status is None and due is None:
        raise _Refused("a date with nothing to record")
    if when is None:
        raise _Refused(
            f"no '{BY_KEY['date'].header}': give the day of this update, e.g. 15/02/2012"
        )
    if when > today:
        raise _Refused(
            f"'{BY_KEY['date'].header}' is {long_date(when)}, after today "
            f"({long_date(today)}): progress cannot be dated in the future"
        )
    return Answer(where, task_id, text, when, status, due, reason)


def _day(value: object, column: Column) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        day = uk_numeric_date(text)
        if day is not None:
            return day
    raise _Refused(f"'{text}' in '{column.header}' is not a date; write it as e.g. 15/02/2012")


def _status(plan: Plan, shown: str) -> str | None:
    """The status id a drop-down choice (or a status id typed in) stands for."""
    if not shown:
        return None
    choices = status_choices(plan)
    folded = {label.casefold(): ident for label, ident in choices.items()}
    folded.update({ident.casefold(): ident for ident in choices.values()})
    found = folded.get(" ".join(shown.split()).casefold())
    if found is None:
        raise _Refused(
            f"'{shown}' is not one of this plan's statuses ({', '.join(choices)}); choose one "
            "from the list"
        )
    return found


# --- recording ------------------------------------------------------------------------------


def collect(
    plan: Plan, paths: list[Path], *, today: date, month: YearMonth | None, dry_run: bool
) -> Collection:
    """Read the returned workbooks at `paths` and record every answer they hold that can be
    recorded (with dry_run, on a scratch copy: the plan is not changed). MixedMonths when
    they are for several months and `month` does not say which."""
    result = Collection(dry_run)
    returned: list[_Returned] = []
    for path in paths:
        try:
            returned.append(_read(path))
        except _Refused as refusal:
            result.refused.append(Refusal(Where(path), str(refusal)))
    expected = str(month) if month is not None else _one_month(returned)
    key = plan_key(plan)
    answers: list[Answer] = []
    for book in returned:
        where = Where(book.path)
        if book.meta.get("plan") != key:
            made_for = plan_name(book.meta.get("authority", "?"), book.meta.get("title", "?"))
            mine = plan_name(plan.meta.authority, plan.meta.title)
            result.refused.append(Refusal(where, f"made for another plan ({made_for}), not {mine}"))
        elif book.month != expected:
            result.refused.append(
                Refusal(
                    where,
                    f"the request for {_month_words(book.month)}, not for {_month_words(expected)}",
                )
            )
        else:
            result.workbooks += 1
            found, refused = _answers(plan, book, today)
            answers += found
            result.refused += refused
    with _working_copy(plan.root, dry_run) as root:
        before = {path: path.read_bytes() for path in plan_files(plan.root)[0]}
        touched = _record(root, answers, today, result)
        for path in sorted(touched):
            original = plan.root / path
            diff = _diff(plan.root, original, before.get(original, b""), (root / path).read_bytes())
            if diff:
                result.changes.append(FileChange(original, diff))
    return result


def _one_month(returned: list[_Returned]) -> str:
    months: dict[str, list[str]] = {}
    for book in returned:
        months.setdefault(book.month, []).append(book.path.name)
    if len(months) > 1:
        listed = "; ".join(
            f"{_month_words(month)}: {', '.join(names[:3])}{' ...' * (len(names) > 3)}"
            for month, names in sorted(months.items())
        )
        raise MixedMonths(
            f"these workbooks were requested for different months ({listed}); give --month "
            "to collect one month"
        )
    return next(iter(months), "")


def _month_words(month: str) -> str:
    try:
        return f"{parse_month(month).first:%B %Y}"
    except ValueError:
        return f"'{month}'"


@contextlib.contextmanager
def _working_copy(root: Path, dry_run: bool) -> Iterator[Path]:
    """The plan folder itself, or for a dry run a copy of its files (under the same folder
    name, so that messages name the files as the plan's)."""
    if not dry_run:
        yield root
        return
    with tempfile.TemporaryDirectory(prefix="slac-collect-") as scratch:
        copy = Path(scratch) / root.name
        for path in plan_files(root)[0]:
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        yield copy


def _record(root: Path, answers: list[Answer], today: date, result: Collection) -> set[Path]:
    """Record each answer in turn on the plan at `root`, each seeing the ones before it; the
    files changed, relative to `root`."""
    touched: set[Path] = set()
    plan = valid_plan(root, today)[0] if answers else None
    for answer in answers:
        assert plan is not None
        try:
            outcome = _record_one(plan, answer, today)
        except (EditRefused, WriteRefused) as refusal:
            reason = str(refusal)
            if not reason.startswith(answer.task_id):
                reason = f"{answer.task_id}: {reason}"
            result.refused.append(Refusal(answer.where, reason))
            continue
        if outcome is None:
            result.already.append(Outcome(answer.where, answer.task_id, "already in the plan"))
            continue
        what, path = outcome
        result.recorded.append(Outcome(answer.where, answer.task_id, what))
        touched.add(path.absolute().relative_to(root.absolute()))
        plan = valid_plan(root, today)[0]
    return touched


def _record_one(plan: Plan, answer: Answer, today: date) -> tuple[str, Path] | None:
    """Record one answer in one edit; None when the plan already holds it."""
    task = task_index(plan).get(answer.task_id)
    if task is None:
        find_target(plan, answer.task_id)  # says why: unknown, or the same work as another
        raise UnknownTarget(f"{answer.task_id} is tracked through its sub-actions")
    if answer.text is not None and any(
        entry.date == answer.when and _words(entry.text) == _words(answer.text)
        for entry in task.evidence
    ):
        return None
    status = answer.status if answer.status != task.node.status else None
    due = answer.due
    if due is not None and any(
        move.to == due and _words(move.reason) == _words(answer.reason or "") for move in task.moves
    ):
        due = None
    if answer.text is None and status is None and due is None:
        return None
    done = []
    if answer.text is not None:
        done.append(f"evidence of {long_date(answer.when)}")
    if status is not None:
        if (
            plan.meta.meaning(status) is StatusMeaning.DONE
            and answer.text is None
            and not task.evidence
        ):
            raise EditRefused(
                f"{answer.task_id} has no evidence: to complete it, say in "
                f"'{BY_KEY['progress'].header}' what was done"
            )
        done.append(f"status {plan.meta.status_label(status)}")
    if due is not None:
        done.append(f"due moved to {long_date(due)}")
    if status is None and due is None:
        assert answer.text is not None
        edited = add_evidence(
            plan, answer.task_id, answer.text, answer.when, answer.by, today=today, dry_run=False
        )
    else:
        edited = set_status(
            plan,
            answer.task_id,
            status,
            note=answer.text,
            when=answer.when,
            due=due,
            reason=answer.reason if due is not None else None,
            by=answer.by,
            today=today,
            dry_run=False,
        )
    if not edited.written:
        return None
    return ", ".join(done), edited.path


def _words(text: str) -> str:
    return " ".join(text.split())


def _diff(root: Path, path: Path, old: bytes, new: bytes) -> str:
    shown = path.relative_to(root.parent).as_posix()
    return "".join(
        difflib.unified_diff(
            old.decode("utf-8-sig", errors="replace").splitlines(keepends=True),
            new.decode("utf-8-sig", errors="replace").splitlines(keepends=True),
            fromfile=f"a/{shown}",
            tofile=f"b/{shown}",
        )
    )
