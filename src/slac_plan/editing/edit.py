"""Month-to-month edits of the plan from the command line: add evidence, set a status, move a
due date, start a new recommendation. Each edit changes only the lines it is about, is
re-validated before it is written, and is written safely (see safewrite).
"""

from __future__ import annotations

import codecs
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from slac_plan.checks import integrity
from slac_plan.checks.integrity import role_meaning
from slac_plan.core.model import (
    ACTION_KEYS,
    DATED_MEANINGS,
    ID_PATTERN,
    Action,
    Item,
    Plan,
    StatusMeaning,
    SubAction,
)
from slac_plan.core.periods import long_date
from slac_plan.core.positions import Loc
from slac_plan.core.problems import FileUnusable, Problem, Severity
from slac_plan.core.queries import task_for, task_index
from slac_plan.core.suggest import did_you_mean
from slac_plan.editing.layout import format_text, model_for
from slac_plan.files import yamlread
from slac_plan.files.loader import load_files, loaded_from, plan_files, text_problems
from slac_plan.files.safewrite import folder_lock, replace_file
from slac_plan.files.yamledit import EditRefused, append_item, set_scalar


class UnknownTarget(EditRefused):
    """The id names no action, sub-action or section of the plan."""


@dataclass(frozen=True)
class Edited:
    """What an edit did (or would do, with --dry-run)."""

    path: Path
    diff: str
    written: bool


@dataclass(frozen=True)
class Target:
    """An action or sub-action: the file it is in and where in that file."""

    item: Item
    path: Path
    loc: Loc

    @property
    def action(self) -> Action:
        return self.item.actions[int(self.loc[1])]

    @property
    def node(self) -> Action | SubAction:
        return self.action.sub_actions[int(self.loc[3])] if len(self.loc) > 2 else self.action


def find_target(plan: Plan, task_id: str) -> Target:
    """The action or sub-action with this id, or EditRefused naming the nearest ids; an action
    that is the same work as another is refused, naming the one that holds its records."""
    target = _find(plan, task_id)
    if target.node.same_as:
        raise EditRefused(
            f"{task_id} is the same work as {target.node.same_as}, which holds its due, status "
            f"and evidence: record it on {target.node.same_as}"
        )
    return target


def _find(plan: Plan, task_id: str) -> Target:
    known: list[str] = []
    for item in plan.items:
        for i, action in enumerate(item.actions):
            nodes: list[tuple[str, Loc]] = [(action.id, ("actions", i))]
            nodes += [
                (sub.id, ("actions", i, "sub_actions", j))
                for j, sub in enumerate(action.sub_actions)
            ]
            for ident, loc in nodes:
                if ident == task_id:
                    return Target(item, plan.sources[item.id].path, loc)
                known.append(ident)
    hint = did_you_mean(task_id, known)
    hint = f"; {hint}" if hint else ""
    raise UnknownTarget(f"no action or sub-action '{task_id}' in the plan{hint}")


_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
"""Line breaks pasted from Word or email (CR, NEL, the Unicode line and paragraph
separators), kept as the plain new line that YAML and every report understand."""


_CONTROL_NAMES = {"\x00": "null", "\x08": "backspace", "\x1b": "escape", "\x7f": "delete"}


def checked_text(text: str, what: str) -> str:
    """The text as a plan holds it (line breaks made plain); refused when empty, or holding a
    control character (tab aside) that would reach terminals, spreadsheets and documents."""
    text = _LINE_BREAKS.sub("\n", text)
    if not text.strip():
        raise EditRefused(f"{what} is empty")
    for char in text:
        if char not in "\t\n" and unicodedata.category(char) in ("Cc", "Cs"):
            name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "a control character")
            raise EditRefused(
                f"{what} holds U+{ord(char):04X} ({name.lower()}), which cannot be kept; remove it"
            )
    return text


def after(key: str) -> list[str]:
    return ACTION_KEYS[ACTION_KEYS.index(key) + 1 :]


def add_evidence(
    plan: Plan, task_id: str, text: str, when: date, by: str | None, *, today: date, dry_run: bool
) -> Edited:
    """Append a dated evidence entry to an action or sub-action."""
    text = checked_text(text, "the evidence text")
    _check_role(plan, by)
    target = find_target(plan, task_id)
    fields: list[tuple[str, str | date]] = [("date", when), ("text", text)]
    if by is not None:
        fields.append(("by", by))
    return edit_file(
        plan.root,
        target.path,
        lambda old: append_item(old, target.loc, "evidence", fields, after("evidence")),
        today=today,
        dry_run=dry_run,
        plan=plan,
    )


def _check_role(plan: Plan, by: str | None) -> None:
    if by is not None and by not in {role.id for role in plan.roles}:
        raise UnknownTarget(f"--by: unknown role '{by}' ({role_meaning(plan.roles).hint(by)})")


def set_status(
    plan: Plan,
    task_id: str,
    status: str | None,
    *,
    note: str | None,
    when: date,
    due: date | None,
    reason: str | None,
    today: date,
    dry_run: bool,
    by: str | None = None,
) -> Edited:
    """Set a status (completing needs evidence, or a note that becomes evidence, reported
    `by` a role) and/or move the due date (a `due_moves` entry: the day, the old date, the
    new one and why)."""
    target = find_target(plan, task_id)
    loc = target.loc
    node = target.node
    task = task_index(plan).get(task_id) or task_for(
        target.item,
        target.action,
        None,
        plan.meta.inspection.context,
        plan.meta.status_defs(),
        plan.meta.term_ends(),
    )
    note = checked_text(note, "--note") if note is not None else None
    _check_role(plan, by)
    reason = checked_text(reason, "--reason") if reason is not None else None
    if status is None and due is None:
        raise EditRefused("give a status, or --due with --reason")
    declared = [entry.id for entry in plan.meta.statuses]
    if status is not None and status not in declared:
        hint = did_you_mean(status, declared)
        raise EditRefused(
            f"'{status}' is not one of the plan's statuses ({', '.join(declared)})"
            + (f"; {hint}" if hint else "")
        )
    meaning = plan.meta.meaning(status)
    if meaning is StatusMeaning.DONE and not node.evidence and not note:
        raise EditRefused(
            f"{task_id} has no evidence: completing it needs --note 'what was done' "
            "(it becomes the evidence)"
        )
    if due is not None and not reason:
        raise EditRefused("moving a due date needs --reason")
    if plan.meta.meaning(node.status) in DATED_MEANINGS and status is not None:
        # A second completion would move its date, and reopening would unsay it: either
        # changes what earlier reports said. A mistaken completion is corrected by hand.
        done = f" on {long_date(node.completed_on)}" if node.completed_on else ""
        label = plan.meta.status_label(node.status or "").lower()
        raise EditRefused(
            f"{task_id} is already {label}{done}; changing that would change earlier reports "
            "(if it was a mistake, correct status and completed_on in the file)"
        )

    def change(text: str) -> str:
        if note:
            entry: list[tuple[str, str | date]] = [("date", when), ("text", note)]
            entry += [("by", by)] if by is not None else []
            text = append_item(text, loc, "evidence", entry, after("evidence"))
        if status is not None:
            text = set_scalar(text, loc, "status", str(status), after("status"))
            if meaning in DATED_MEANINGS:
                text = set_scalar(text, loc, "completed_on", when, after("completed_on"))
        if due is not None and reason:
            move: list[tuple[str, str | date]] = [("date", when)]
            if (was := task.due_at(when)) is not None:
                move.append(("from", was))
            move += [("to", due), ("reason", reason)]
            text = append_item(text, loc, "due_moves", move, after("due_moves"))
        return text

    return edit_file(plan.root, target.path, change, today=today, dry_run=dry_run, plan=plan)


def new_item(
    plan: Plan,
    section_id: str,
    title: str,
    *,
    item_id: str | None,
    render: Callable[[dict[str, Any]], str],
    when: date,
    today: date,
    dry_run: bool,
) -> Edited:
    """Write a new recommendation file with the next free id and number, valid from the start."""
    title = checked_text(title, "--title")
    if item_id is not None and not re.fullmatch(ID_PATTERN.strip("^$"), item_id):
        raise EditRefused(
            f"--id: '{item_id}' is not an id: use letters, digits, '.', '-' and '_', "
            "starting with a letter or digit"
        )
    section = next((s for s in plan.meta.sections if s.id == section_id), None)
    if section is None:
        known = [s.id for s in plan.meta.sections]
        close = did_you_mean(section_id, known)
        hint = f"; {close}" if close else f"; one of: {', '.join(known)}"
        raise UnknownTarget(f"no section '{section_id}'{hint}")
    siblings = [item for item in plan.items if item.section == section_id]
    number = max((item.number for item in siblings), default=0) + 1
    ident = item_id or (
        _next_id(siblings, number) if siblings else _first_id(section_id, plan, number)
    )
    if any(item.id == ident for item in plan.items):
        raise EditRefused(f"an item '{ident}' already exists")
    folder = plan.sources[siblings[0].id].path.parent if siblings else plan.root / "items"
    path = folder / f"{ident.lower()}.yaml"
    if path.exists():
        raise EditRefused(f"{path} already exists")
    text = render(
        {"id": ident, "section": section, "number": number, "title": title, "added_on": when}
    )
    return edit_file(
        plan.root, path, lambda _: text, today=today, dry_run=dry_run, new=True, plan=plan
    )


def _first_id(section_id: str, plan: Plan, number: int) -> str:
    """The first item's id in a section: the section's id in capitals when short ('afi' ->
    AFI1), else its initials ('safeguarding-recommendations' -> SR1), clear of other ids."""
    words = [word for word in re.split(r"[-_. ]+", section_id) if word]
    prefix = section_id.upper() if len(words) == 1 and len(section_id) <= 6 else ""
    prefix = prefix or "".join(word[0] for word in words).upper()
    taken = {item.id.upper() for item in plan.items}
    while f"{prefix}{number}" in taken:
        prefix += "X"
    return f"{prefix}{number}"


def _next_id(siblings: list[Item], number: int) -> str:
    prefixes = [m.group(1) for item in siblings if (m := re.fullmatch(r"(.*?)(\d+)", item.id))]
    if not prefixes:
        raise EditRefused("this section's item ids have no number to follow: give --id")
    prefix = max(set(prefixes), key=prefixes.count)
    used = [
        int(m.group(2))
        for item in siblings
        if (m := re.fullmatch(r"(.*?)(\d+)", item.id)) and m.group(1) == prefix
    ]
    return f"{prefix}{max([*used, number - 1]) + 1}"


def edit_file(
    root: Path,
    path: Path,
    change: Callable[[str], str],
    *,
    today: date,
    dry_run: bool,
    new: bool = False,
    checked_alone: type[BaseModel] | None = None,
    plan: Plan | None = None,
) -> Edited:
    """Compute an edit of one file under the folder lock, check it, and write it atomically.

    The text is checked with the whole plan, unless `checked_alone` names the file's model:
    a caller that has validated the plan once and whose change cannot alter the data (fmt)
    checks each file alone, instead of the whole plan twice per file.
    """
    path = path.absolute()
    root = root.absolute()

    def problems(text: str) -> list[Problem]:
        if checked_alone is not None:
            return text_problems(path, text, checked_alone)
        return problems_with(root, path, text, today, plan)

    if new and not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(path.parent if path.parent.exists() else root):
        raw = None if new else path.read_bytes()
        bom = raw is not None and raw.startswith(codecs.BOM_UTF8)
        try:
            old = "" if raw is None else yamlread.decode(path, raw)
        except FileUnusable as unusable:
            raise EditRefused(_problem_text(unusable.problem)) from None
        if not new:
            _refuse_if_invalid(root, path, problems(old), "has problems; fix them first")
        updated = change(old)
        if checked_alone is None:
            updated = _keep_layout(root, path, old, updated, new=new)
        _refuse_if_invalid(
            root, path, problems(updated), "would be invalid after this edit, so it was not changed"
        )
        diff = "".join(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                updated.splitlines(keepends=True),
                fromfile=f"a/{_shown(root, path)}",
                tofile=f"b/{_shown(root, path)}",
            )
        )
        if not dry_run and updated != old:
            data = (codecs.BOM_UTF8 if bom else b"") + updated.encode("utf-8")
            replace_file(path, data, raw)
    return Edited(path, diff, written=not dry_run and updated != old)


def _keep_layout(root: Path, path: Path, old: str, updated: str, *, new: bool) -> str:
    """A file in the canonical layout stays in it after an edit (so `slac fmt --check` and CI
    stay green); a new file starts in it. A file kept in its own style is left in that style."""
    model = model_for(path.name, path.parent == root)
    if not new:
        try:
            if format_text(old, model) != old:
                return updated
        except EditRefused:
            return updated
    try:
        return format_text(updated, model)
    except EditRefused as refused:
        if new:
            return updated
        raise EditRefused(f"{_shown(root, path)} would leave its layout: {refused}") from None


def _refuse_if_invalid(root: Path, path: Path, problems: list[Problem], why: str) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise EditRefused(f"{_shown(root, path)} {why}: {problems_text(errors)}")


def problems_text(problems: list[Problem]) -> str:
    """The first few problems, each with its line, on one line."""
    return "; ".join(_problem_text(p) for p in problems[:3])


def problems_with(
    root: Path, path: Path, text: str, today: date | None, plan: Plan | None = None
) -> list[Problem]:
    """The problems of the file at `path` if it held `text`: the rest of the plan as `plan`
    holds it (read once, by the command), else as on disk."""
    if plan is not None:
        loaded = loaded_from(plan, without=path)
        alone = load_files(root, [path], lambda _: text)
        loaded.items += alone.items
        loaded.rejected_ids |= alone.rejected_ids
        loaded.problems += [p for p in alone.problems if p.code != "X411"]
        loaded.problems.extend(integrity.check(loaded, today))
        return [p for p in loaded.problems if p.path == path]
    files, _ = plan_files(root)
    if path not in files:
        files = sorted([*files, path])

    def read(candidate: Path) -> str:
        return text if candidate == path else yamlread.read_text(candidate)

    loaded = load_files(root, files, read)
    loaded.problems.extend(integrity.check(loaded, today))
    return [p for p in loaded.problems if p.path == path]


def _problem_text(problem: Problem) -> str:
    where = f"line {problem.line}: " if problem.line else ""
    hint = f" ({problem.hint})" if problem.hint else ""
    return f"{where}{problem.code} {problem.message}{hint}"


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()
