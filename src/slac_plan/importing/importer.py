"""`slac import FILE...`: plan an import of a council's existing plan, report it, write it.

`plan_import` reads the files and works out every file it would write (new item files, new
sections in plan.yaml, new roles in roles.yaml) and a report of what it made of the documents,
checking the result as a whole plan in a scratch copy; `write_import` then writes it, refusing
if that would overwrite a file or leave the plan invalid. Nothing is printed here.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from slac_plan.checks.validate import PlanHasProblems, valid_plan, validate_plan
from slac_plan.core.dates import DueKind, parse_due
from slac_plan.core.model import (
    KindDef,
    Plan,
    Role,
    Section,
    YearMonth,
)
from slac_plan.core.problems import Severity
from slac_plan.core.suggest import did_you_mean
from slac_plan.editing.edit import checked_text
from slac_plan.files.safewrite import WriteRefused, folder_lock, replace_file
from slac_plan.files.yamledit import EditRefused
from slac_plan.importing.build import (
    Context,
    DraftAction,
    DraftEvidence,
    DraftItem,
    Drafts,
    DraftSection,
    Notice,
    build,
)
from slac_plan.importing.columns import parse_mapping, words
from slac_plan.importing.errors import ImportInputError, ImportRefused
from slac_plan.importing.render import item_text, with_roles, with_sections
from slac_plan.importing.tables import read_grids

AS_IMPORTED = "as imported"
"""The reason recorded with a status set by hand that came from the document's R/A/G column."""


@dataclass(frozen=True)
class PlannedFile:
    """A file the import would write: new (`old` None) or replacing `old` exactly."""

    path: Path
    text: str
    old: bytes | None


@dataclass(frozen=True)
class ImportedItem:
    id: str
    section: str
    text: str
    actions: int
    sub_actions: int
    evidence: int
    path: Path


@dataclass
class ImportReport:
    """What the import made of the documents, for the officer to check before it is written."""

    files: list[Path] = field(default_factory=list)
    items: list[ImportedItem] = field(default_factory=list)
    sections_created: list[Section] = field(default_factory=list)
    kinds_created: list[KindDef] = field(default_factory=list)
    roles_created: list[Role] = field(default_factory=list)
    roles_reused: dict[str, str] = field(default_factory=dict)
    """A post as written -> the existing role id it was taken as."""
    unread: list[tuple[str, str, str]] = field(default_factory=list)
    """(action id, 'By when' wording, why slac cannot read it)."""
    unmapped: list[Notice] = field(default_factory=list)
    unplaced: list[Notice] = field(default_factory=list)
    notes: list[Notice] = field(default_factory=list)
    warnings: int = 0
    """Validation warnings the imported plan would have (`slac validate` lists them)."""

    def lines(self) -> list[str]:
        """The report as lines of plain text, in the order an officer checks it."""
        actions = sum(item.actions for item in self.items)
        out = [
            f"{_count(len(self.items), 'item')}, {_count(actions, 'action')} from "
            + ", ".join(path.name for path in self.files)
        ]
        out += [f"  section {s.id} ({s.kind}): {s.title} [new]" for s in self.sections_created]
        out += [f"  kind {k.id}: {k.label} [new]" for k in self.kinds_created]
        for item in self.items:
            subs = f", {_count(item.sub_actions, 'sub-action')}" if item.sub_actions else ""
            out.append(
                f"  {item.id} in {item.section}: {_count(item.actions, 'action')}{subs}, "
                f"{item.evidence} evidence -> {item.path.name}: {_short(item.text)}"
            )
        if self.roles_created:
            out.append(f"roles created ({len(self.roles_created)}):")
            out += [f"  {role.id}: {role.title}" for role in self.roles_created]
        if self.roles_reused:
            out.append("leads taken as existing roles:")
            out += [f"  '{said}' -> {ident}" for said, ident in self.roles_reused.items()]
        if self.unread:
            out.append(f"'By when' wordings slac cannot read ({len(self.unread)}):")
            out += [f"  {ident}: '{_short(said)}': {why}" for ident, said, why in self.unread]
        for title, notices in (
            ("columns not mapped (kept in the items' notes; --map COLUMN=FIELD)", self.unmapped),
            ("cells not placed", self.unplaced),
            ("notes", self.notes),
        ):
            if notices:
                out.append(f"{title} ({len(notices)}):")
                out += [f"  {n.where}: {n.message}" for n in notices]
        if self.warnings:
            out.append(f"{self.warnings} validation warnings (run slac validate to see them)")
        return out


@dataclass
class ImportPlan:
    """What an import would write, its report, and why it would be refused (if it would)."""

    root: Path
    writes: list[PlannedFile]
    report: ImportReport
    refusals: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.refusals)


def plan_import(
    files: list[Path],
    plan_root: Path,
    *,
    section: str | None = None,
    mapping: dict[str, str] | None = None,
    today: date,
) -> ImportPlan:
    """Read `files` and plan their import into the plan at `plan_root` (into the existing
    section `section`, or into sections named by the documents' headings). ImportInputError
    for a file that cannot be used; ImportRefused when the plan itself does not validate."""
    root = plan_root.absolute()
    fields = parse_mapping(mapping or {})
    try:
        plan, _ = valid_plan(root, today)
    except PlanHasProblems as problems:
        shown = "; ".join(f"{p.location()}: {p.code} {p.message}" for p in problems.problems[:3])
        raise ImportRefused(f"the plan at {root} has problems; fix them first: {shown}") from None
    target = _section(plan, section)
    context = Context(plan.meta.inspection.began, today)
    report = ImportReport(files=list(files))
    drafts: list[DraftItem] = []
    for path in files:
        found = build(read_grids(path), fields, path.stem, context)
        if not found.items:
            why = "; ".join(f"{n.where}: {n.message}" for n in found.notes + found.unplaced)
            raise ImportInputError(
                f"{path}: no table of recommendations and actions found"
                + (f" ({why})" if why else "")
            )
        _add_notices(report, found)
        drafts += found.items
    return _Planner(plan, report, target, today).run(drafts)


def write_import(planned: ImportPlan) -> list[Path]:
    """Write a planned import: registries first, then the new item files, each atomically;
    ImportRefused (nothing written) if it was refused or a file appeared in the meantime."""
    if planned.refused:
        raise ImportRefused("; ".join(planned.refusals))
    written = []
    with folder_lock(planned.root):
        for write in planned.writes:
            if write.old is None and write.path.exists():
                raise ImportRefused(f"{write.path} already exists; it was not overwritten")
        ordered = sorted(planned.writes, key=lambda w: w.old is None)
        for write in ordered:
            write.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                replace_file(write.path, write.text.encode("utf-8"), write.old)
            except WriteRefused as refused:
                raise ImportRefused(str(refused)) from None
            written.append(write.path)
    return written


def _section(plan: Plan, section: str | None) -> Section | None:
    if section is None:
        return None
    found = next((s for s in plan.meta.sections if s.id == section), None)
    if found is None:
        known = [s.id for s in plan.meta.sections]
        hint = did_you_mean(section, known) or f"one of: {', '.join(known)}"
        raise ImportInputError(f"--section: no section '{section}' in the plan; {hint}")
    return found


def _add_notices(report: ImportReport, drafts: Drafts) -> None:
    report.unmapped += drafts.unmapped
    report.unplaced += drafts.unplaced
    report.notes += drafts.notes


class _Planner:
    """Settle sections, ids, roles and statuses against the plan, render, and check."""

    def __init__(
        self, plan: Plan, report: ImportReport, target: Section | None, today: date
    ) -> None:
        self.plan = plan
        self.today = today
        self.report = report
        self.target = target
        self.sections: dict[int, Section] = {}
        self.role_ids = {words(w): r.id for r in plan.roles for w in (r.id, r.title, *r.variants)}
        self.taken_roles = {r.id for r in plan.roles} | {b.id for b in plan.boards}
        self.kinds = {k.id for k in plan.meta.kinds}

    def run(self, drafts: list[DraftItem]) -> ImportPlan:
        for draft in drafts:
            self._place(draft.section)
        ids = self._ids(drafts)
        writes: list[PlannedFile] = []
        refusals: list[str] = []
        have = {_same_text(item.text): item.id for item in self.plan.items}
        for draft in drafts:  # a document imported twice would give every item again
            if (twin := have.get(_same_text(draft.text))) is not None:
                refusals.append(f"{draft.where}: the plan has this item already, as {twin}")
        for draft, (ident, number) in zip(drafts, ids, strict=True):
            section = self.sections[id(draft.section)]
            data = self._item(draft, ident, number, section)
            path = self._folder(section) / f"{ident.lower()}.yaml"
            try:
                text = item_text(data, f"{section.title}: {number}. Imported from {draft.where}.")
            except EditRefused as refused:
                refusals.append(f"{path.name} could not be laid out: {refused}")
                continue
            if path.exists():
                refusals.append(f"{self._shown(path)} already exists; it would not be overwritten")
            writes.append(PlannedFile(path, text, None))
            self.report.items.append(_summary(ident, section.id, draft, path))
        writes += self._registries()
        refusals += self._check(writes) if not refusals else []
        return ImportPlan(self.plan.root, writes, self.report, refusals)

    # --- sections and ids --------------------------------------------------------------------

    def _place(self, draft: DraftSection) -> None:
        if id(draft) in self.sections:
            return
        if self.target is not None:
            self.sections[id(draft)] = self.target
            return
        known = [*self.plan.meta.sections, *self.report.sections_created]
        same = next((s for s in known if s.title.casefold() == draft.title.casefold()), None)
        if same is None:
            taken = {s.id for s in known}
            ident = _unique(_slug(draft.title), taken)
            same = Section(id=ident, title=draft.title, kind=draft.kind)
            self.report.sections_created.append(same)
            if draft.kind not in self.kinds:
                label = draft.kind.replace("-", " ").capitalize()
                self.report.kinds_created.append(KindDef(id=draft.kind, label=label))
                self.kinds.add(draft.kind)
        self.sections[id(draft)] = same

    def _ids(self, drafts: list[DraftItem]) -> list[tuple[str, int]]:
        """Each item's id and number: the document's where it numbers them, else the next in
        the section. A number the document uses twice is moved on; one the plan already holds
        is kept, so that importing the same document again is refused, not duplicated. Ids of
        one import that two sections share get their section's initials ('LAC-R1')."""
        existing: dict[str, set[int]] = {}
        for item in self.plan.items:
            existing.setdefault(item.section, set()).add(item.number)
        assigned: dict[str, set[int]] = {}
        result: list[tuple[str, int, str]] = []
        for draft in drafts:
            section = self.sections[id(draft.section)]
            numbers = assigned.setdefault(section.id, set())
            number = draft.number
            if number is None or number in numbers:
                if number is not None:
                    self.report.notes.append(
                        Notice(draft.where, f"number {number} is used twice in {section.id}")
                    )
                number = max(numbers | existing.get(section.id, set()), default=0) + 1
            numbers.add(number)
            ident = draft.ident or f"{self._prefix(section)}{number}"
            result.append((ident, number, section.id))
        owners: dict[str, set[str]] = {}
        for ident, _, section_id in result:
            owners.setdefault(ident, set()).add(section_id)
        clashing = {s for sections in owners.values() if len(sections) > 1 for s in sections}
        initials = {s.id: _initials(s.title) for s in self.sections.values()}
        return [
            (f"{initials[section_id]}-{ident}" if section_id in clashing else ident, number)
            for ident, number, section_id in result
        ]

    def _prefix(self, section: Section) -> str:
        siblings = [i.id for i in self.plan.items if i.section == section.id]
        prefixes = [m[1] for s in siblings if (m := re.fullmatch(r"(.*?)(\d+)", s))]
        if prefixes:
            return Counter(prefixes).most_common(1)[0][0]
        if section.kind == "recommendation":
            return "R"
        return "".join(word[0] for word in section.kind.split("-") if word != "for").upper()

    def _folder(self, section: Section) -> Path:
        sibling = next((i for i in self.plan.items if i.section == section.id), None)
        if sibling is not None and sibling.id in self.plan.sources:
            return self.plan.sources[sibling.id].path.parent.absolute()
        return self.plan.root / "items"

    # --- one item ----------------------------------------------------------------------------

    def _item(self, draft: DraftItem, ident: str, number: int, section: Section) -> dict[str, Any]:
        outcomes = {text: f"o{n}" for n, text in enumerate(draft.outcomes, start=1)}
        data: dict[str, Any] = {
            "id": ident,
            "section": section.id,
            "kind": section.kind,
            "number": number,
        }
        if draft.timescale:
            data["timescale"] = _text(draft.timescale)
        if draft.report_paragraphs:
            data["report_paragraphs"] = draft.report_paragraphs
        data["text"] = _text(draft.text)
        notes = [f"{what}: {said}" for what, said in draft.notes]
        actions = []
        for n, action in enumerate(draft.actions, start=1):
            action_id = f"{ident}.{n}"
            actions.append(self._action(action, action_id, outcomes))
            notes += [f"{action_id}, {what}: {said}" for what, said in action.notes]
        if notes:
            data["notes"] = [_text(note) for note in notes]
        data["outcomes"] = [{"id": o, "text": _text(text)} for text, o in outcomes.items()]
        data["actions"] = actions
        return data

    def _action(self, draft: DraftAction, ident: str, outcomes: dict[str, str]) -> dict[str, Any]:
        data: dict[str, Any] = {"id": ident, "text": _text(draft.text or draft.source_text)}
        if draft.outcomes:
            data["outcomes"] = [outcomes[text] for text in draft.outcomes]
        if draft.measures:
            data["measures"] = [{"text": _text(text)} for text in draft.measures]
        leads = self._leads(draft.leads)
        if leads:
            data["leads"] = leads
        if draft.by_when:
            data["by_when"] = _text(draft.by_when)
            due = parse_due(draft.by_when, self.plan.meta.inspection.context)
            if due.kind is DueKind.UNREAD:
                why = "; ".join(due.unread) or "no date found"
                self.report.unread.append((ident, draft.by_when, why))
        if draft.review_dates:
            data["review_dates"] = sorted(draft.review_dates)
        if draft.status:
            self._status(data, ident, draft)
        if draft.evidence:
            data["evidence"] = _evidence(draft.evidence)
        if draft.sub_actions:
            data["sub_actions"] = [
                {"id": f"{ident}{sub.letter}", "text": _text(sub.text)}
                | ({"evidence": _evidence(sub.evidence)} if sub.evidence else {})
                for sub in draft.sub_actions
            ]
        return data

    def _status(self, data: dict[str, Any], ident: str, draft: DraftAction) -> None:
        said = (draft.status or "").strip()
        colour = next((e for e in self.plan.meta.scale if said.casefold() in e.names()), None)
        if colour is not None:
            data["brag_override"] = {"status": colour.id, "reason": AS_IMPORTED}
            return
        status = next(
            (s for s in self.plan.meta.statuses if words(said) in (words(s.id), words(s.label))),
            None,
        )
        if status is not None:
            data["status"] = status.id
            return
        draft.notes.append(("Status", said))
        self.report.unplaced.append(
            Notice(draft.where, f"status '{said}' is no colour or status of the plan: in notes")
        )

    def _leads(self, posts: list[str]) -> list[dict[str, Any]]:
        leads: list[dict[str, Any]] = []
        for post in posts:
            key = words(post)
            role_id = self.role_ids.get(key)
            if role_id is None:
                role_id = _unique(_slug(post), self.taken_roles)
                self.taken_roles.add(role_id)
                self.role_ids[key] = role_id
                self.report.roles_created.append(Role(id=role_id, title=post))
            elif not any(r.id == role_id for r in self.report.roles_created):
                self.report.roles_reused[post] = role_id
            if all(lead["role"] != role_id for lead in leads):
                leads.append({"role": role_id} | ({} if leads else {"responsible": True}))
        return leads

    # --- the registries, and the check -------------------------------------------------------

    def _registries(self) -> list[PlannedFile]:
        writes = []
        root = self.plan.root
        if self.report.sections_created or self.report.kinds_created:
            path = root / "plan.yaml"
            old = path.read_bytes()
            text = with_sections(
                old.decode("utf-8-sig"), self.report.sections_created, self.report.kinds_created
            )
            writes.append(PlannedFile(path, text, old))
        if self.report.roles_created:
            path = root / "roles.yaml"
            old = path.read_bytes()
            text = with_roles(old.decode("utf-8-sig"), self.report.roles_created)
            writes.append(PlannedFile(path, text, old))
        return writes

    def _check(self, writes: list[PlannedFile]) -> list[str]:
        """Validate the plan as it would be, in a scratch copy: errors refuse the import."""
        root = self.plan.root
        with tempfile.TemporaryDirectory(prefix="slac-import-") as scratch:
            copy = Path(scratch) / root.name
            shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".*"))
            for write in writes:
                path = copy / write.path.relative_to(root)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(write.text, encoding="utf-8")
            problems = validate_plan(copy, self.today).problems
        errors = [p for p in problems if p.severity is Severity.ERROR]
        self.report.warnings = len(problems) - len(errors)
        return [
            f"the plan would be invalid: {_relative(p.path, copy)}:{p.line}: {p.code} {p.message}"
            for p in errors[:10]
        ] + ([f"... and {len(errors) - 10} more errors"] if len(errors) > 10 else [])

    def _shown(self, path: Path) -> str:
        return _relative(path, self.plan.root)


def _summary(ident: str, section: str, draft: DraftItem, path: Path) -> ImportedItem:
    return ImportedItem(
        ident,
        section,
        draft.text,
        len(draft.actions),
        sum(len(a.sub_actions) for a in draft.actions),
        sum(len(a.evidence) + sum(len(s.evidence) for s in a.sub_actions) for a in draft.actions),
        path,
    )


def _evidence(entries: list[DraftEvidence]) -> list[dict[str, Any]]:
    return [
        {"date": str(e.when) if isinstance(e.when, YearMonth) else e.when, "text": _text(e.text)}
        for e in entries
    ]


def _text(text: str) -> str:
    """Text as a plan keeps it (line breaks plain); a control character is an input error."""
    try:
        return checked_text(text, "a cell")
    except EditRefused as refused:
        raise ImportInputError(str(refused)) from None


def _slug(title: str) -> str:
    """A readable id from a title: 'Head of Safeguarding' -> 'head-of-safeguarding'."""
    slug = "-".join(re.findall(r"[a-z0-9]+", title.casefold().replace("&", " and ")))
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug or "imported"


def _unique(wanted: str, taken: set[str]) -> str:
    ident, n = wanted, 2
    while ident in taken:
        ident, n = f"{wanted}-{n}", n + 1
    return ident


_NOT_INITIALS = {"recommendations", "recommendation", "areas", "area", "for", "development",
                 "improvement", "additional", "the", "of", "and", "must", "do"}  # fmt: skip


def _initials(title: str) -> str:
    """A section's initials for ids: 'Looked After Children Recommendations' -> 'LAC'."""
    said = [w for w in re.findall(r"[A-Za-z0-9]+", title) if w.casefold() not in _NOT_INITIALS]
    return "".join(w[0] for w in said).upper() or "S"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' * (n != 1)}"


def _short(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _same_text(text: str) -> str:
    """Text compared for sameness: case and spacing aside."""
    return " ".join(text.split()).casefold()
