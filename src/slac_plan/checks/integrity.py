"""Checks that span files: ids unique, every reference resolves, evidence dated sensibly.

Each check runs only when the files it depends on loaded, so one broken registry produces
its own problems rather than an "unknown role" on every lead of the plan.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from slac_plan.core.model import (
    Action,
    Board,
    Item,
    PlanMeta,
    Role,
    State,
    SubAction,
    evidence_span,
)
from slac_plan.core.positions import SourceMap, strings
from slac_plan.core.problems import Problem, Severity
from slac_plan.core.suggest import Suggestions, did_you_mean
from slac_plan.core.wording import human_path
from slac_plan.files.loader import Loaded

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class _Ref:
    """One id written somewhere in the plan, and where."""

    value: str
    source: SourceMap
    loc: Loc
    owner: object = None
    """The model the path starts from (an item), to say where in words."""

    @property
    def where(self) -> str:
        return human_path(self.owner, self.loc[:-1]) if self.owner is not None else ""

    def problem(self, code: str, message: str, hint: str | None = None) -> Problem:
        line, col = self.source.value(self.loc)
        return Problem(self.source.path, line, col, code, message, hint=hint)


def check(loaded: Loaded, today: date | None) -> list[Problem]:
    """Every cross-file problem of the loaded plan. `today` bounds evidence dates."""
    problems: list[Problem] = []
    problems += _duplicate_ids(loaded)
    if loaded.roles is not None and loaded.boards is not None:
        roles = _names(loaded.roles[0].roles)
        boards = _names(loaded.boards[0].boards)
        problems += _unknown(_lead_refs(loaded), roles, "X402", "unknown role", "roles.yaml")
        problems += _unknown(
            _accountable_refs(loaded),
            {**roles, **boards},
            "X403",
            "unknown board or role",
            "boards.yaml (or roles.yaml)",
        )
    if loaded.meta is not None:
        problems += _vocabulary(loaded)
        problems += _sections(loaded)
        problems += _evidence_dates(loaded, loaded.meta[0].inspection.began, today)
    problems += _cross_references(loaded)
    problems += _same_as(loaded)
    problems += _record_dates(loaded, today)
    problems += _acronyms(loaded)
    for item, source in loaded.items:
        problems += _item_structure(item, source)
    return problems


def _names(entries: Iterable[Role | Board]) -> dict[str, list[str]]:
    """Each registry id, with the wordings (title or name, and variants) that mean it."""
    return {
        entry.id: [entry.title if isinstance(entry, Role) else entry.name, *entry.variants]
        for entry in entries
    }


def _duplicate_ids(loaded: Loaded) -> list[Problem]:
    refs: list[_Ref] = []
    for item, source in loaded.items:
        refs.append(_Ref(item.id, source, ("id",)))
        refs.extend(_Ref(task.id, source, (*loc, "id")) for loc, task in _tasks(item))
    if loaded.roles is not None:
        roles, source = loaded.roles
        refs.extend(_Ref(r.id, source, ("roles", i, "id")) for i, r in enumerate(roles.roles))
    if loaded.boards is not None:
        boards, source = loaded.boards
        refs.extend(_Ref(b.id, source, ("boards", i, "id")) for i, b in enumerate(boards.boards))
    problems = _first_seen_duplicates(refs, loaded.root)
    for item, source in loaded.items:
        outcomes = [_Ref(o.id, source, ("outcomes", i, "id")) for i, o in enumerate(item.outcomes)]
        problems += _first_seen_duplicates(outcomes, loaded.root)
    return problems


def _first_seen_duplicates(refs: Iterable[_Ref], root: Path) -> list[Problem]:
    seen: dict[str, _Ref] = {}
    problems = []
    for ref in refs:
        first = seen.setdefault(ref.value, ref)
        if first is not ref:
            line, _ = first.source.value(first.loc)
            where = (
                f"line {line}"
                if first.source.path == ref.source.path
                else f"{first.source.path.relative_to(root)} line {line}"
            )
            problems.append(ref.problem("X401", f"duplicate id '{ref.value}' (first at {where})"))
    return problems


def _tasks(item: Item) -> Iterator[tuple[Loc, Action | SubAction]]:
    for i, action in enumerate(item.actions):
        yield ("actions", i), action
        for j, sub in enumerate(action.sub_actions):
            yield ("actions", i, "sub_actions", j), sub


def _lead_refs(loaded: Loaded) -> Iterator[_Ref]:
    for item, source in loaded.items:
        for loc, task in _tasks(item):
            for k, lead in enumerate(task.leads):
                yield _Ref(lead.role, source, (*loc, "leads", k, "role"), item)
            for k, entry in enumerate(task.evidence):
                if entry.by is not None:
                    yield _Ref(entry.by, source, (*loc, "evidence", k, "by"), item)


def _accountable_refs(loaded: Loaded) -> Iterator[_Ref]:
    for item, source in loaded.items:
        for loc, task in _tasks(item):
            for k, board in enumerate(task.accountable_to):
                yield _Ref(board, source, (*loc, "accountable_to", k), item)
    if loaded.meta is not None:
        meta, source = loaded.meta
        for k, arrangement in enumerate(meta.monitoring.arrangements):
            for j, board in enumerate(arrangement.boards):
                yield _Ref(board, source, ("monitoring", "arrangements", k, "boards", j))


def _unknown(
    refs: Iterable[_Ref], known: dict[str, list[str]], code: str, what: str, registry: str
) -> list[Problem]:
    meaning = Meaning(known, registry)
    return [
        ref.problem(
            code,
            f"{what} '{ref.value}'" + (f" in {ref.where}" if ref.where else ""),
            hint=meaning.hint(ref.value),
        )
        for ref in refs
        if ref.value not in known
    ]


class Meaning:
    """The registry id a reference to no entry most likely means: the one whose title it is
    (officers write 'Head of Safeguarding'), else the nearest id or title, else where to add
    it."""

    def __init__(self, known: dict[str, list[str]], registry: str) -> None:
        self.registry = registry
        self.by_wording = {w.casefold(): i for i, wordings in known.items() for w in wordings}
        self.ids = Suggestions(known)
        self.wordings = Suggestions(w for ws in known.values() for w in ws)

    def hint(self, value: str) -> str:
        meant = self.by_wording.get(value.casefold())
        if meant is not None:
            return f"'{value}' is the title of '{meant}': write the id"
        close = self.ids.did_you_mean(value)
        if close is not None:
            return close
        near = self.wordings.nearest(value, n=1)
        if near:
            return f"did you mean '{self.by_wording[near[0].casefold()]}' ('{near[0]}')?"
        return f"add it to {self.registry}"


def role_meaning(roles: Iterable[Role]) -> Meaning:
    return Meaning(_names(roles), "roles.yaml")


def _sections(loaded: Loaded) -> list[Problem]:
    assert loaded.meta is not None
    sections = {section.id: section for section in loaded.meta[0].sections}
    problems = []
    for item, source in loaded.items:
        ref = _Ref(item.section, source, ("section",))
        section = sections.get(item.section)
        if section is None:
            problems.append(
                ref.problem(
                    "X405",
                    f"unknown section '{item.section}'",
                    hint=did_you_mean(item.section, sections),
                )
            )
        elif section.kind != item.kind:
            problems.append(
                _Ref(item.kind, source, ("kind",)).problem(
                    "X412", f"kind '{item.kind}' but section '{section.id}' holds '{section.kind}'"
                )
            )
    return problems


def _vocabulary(loaded: Loaded) -> list[Problem]:
    """Every kind and status written in the plan is one plan.yaml declares (or the defaults)."""
    assert loaded.meta is not None
    meta, meta_source = loaded.meta
    kinds = [kind.id for kind in meta.kinds]
    statuses = [status.id for status in meta.statuses]
    problems = []
    for i, section in enumerate(meta.sections):
        if section.kind not in kinds:
            ref = _Ref(section.kind, meta_source, ("sections", i, "kind"))
            message, hint = _undeclared("kind", "kinds", section.kind, kinds)
            problems.append(ref.problem("X418", f"section '{section.id}': {message}", hint))
    problems += _scale(meta, meta_source)
    scale = [name for entry in meta.scale for name in entry.names()]
    for item, source in loaded.items:
        for loc, task in _tasks(item):
            override = task.brag_override
            if override is not None and override.status.strip().casefold() not in scale:
                ref = _Ref(override.status, source, (*loc, "brag_override", "status"))
                colours = ", ".join(entry.id for entry in meta.scale)
                problems.append(
                    ref.problem(
                        "X420",
                        f"{task.id}: '{override.status}' is not a colour of the plan's scale "
                        f"({colours})",
                        hint="write a colour's id, label or alias",
                    )
                )
            if task.status is not None and task.status not in statuses:
                ref = _Ref(task.status, source, (*loc, "status"))
                message, hint = _undeclared("status", "statuses", task.status, statuses)
                problems.append(ref.problem("X417", f"{task.id}: {message}", hint))
    return problems


def _scale(meta: PlanMeta, source: SourceMap) -> list[Problem]:
    """Each derived state is shown by some colour, and no two colours answer to one name."""
    problems = []
    for state in State:
        if not any(state in entry.shows for entry in meta.scale):
            ref = _Ref("scale", source, ("scale",))
            problems.append(
                ref.problem("X419", f"no colour of the scale shows '{state}'", "add it to `shows`")
            )
    seen: dict[str, str] = {}
    for i, entry in enumerate(meta.scale):
        for name in sorted(entry.names()):
            if seen.setdefault(name, entry.id) != entry.id:
                ref = _Ref(entry.id, source, ("scale", i, "id"))
                message = f"'{name}' names both '{seen[name]}' and '{entry.id}' on the scale"
                problems.append(ref.problem("X419", message))
    return problems


def _undeclared(what: str, plural: str, value: str, declared: list[str]) -> tuple[str, str]:
    """The message and hint for a kind or status plan.yaml does not declare. Only the same
    word written differently ('In progress') or a near spelling is suggested: an
    'area-for-improvement' is a different kind from an 'area-for-development', not a typo."""
    by_form = {_form(choice): choice for choice in declared}
    close = difflib.get_close_matches(_form(value), list(by_form), n=1, cutoff=0.85)
    hint = (
        f"did you mean '{by_form[close[0]]}'?"
        if close
        else f"declare it under `{plural}:` in plan.yaml"
    )
    return f"{what} '{value}' is not one of the plan's {plural} ({', '.join(declared)})", hint


def _form(word: str) -> str:
    return re.sub(r"[\s_]+", "-", word.strip().lower())


def _cross_references(loaded: Loaded) -> list[Problem]:
    known = {item.id for item, _ in loaded.items}
    known |= {task.id for item, _ in loaded.items for _, task in _tasks(item)}
    known |= loaded.rejected_ids
    suggestions = Suggestions(known)
    problems = []
    for item, source in loaded.items:
        for k, reference in enumerate(item.cross_references):
            if reference.id not in known:
                ref = _Ref(reference.id, source, ("cross_references", k, "id"))
                problems.append(
                    ref.problem(
                        "X404",
                        f"cross-reference to unknown id '{reference.id}'",
                        hint=suggestions.did_you_mean(reference.id),
                    )
                )
    return problems


_OWN_RECORDS = ("due_override", "due_moves", "status", "completed_on", "brag_override", "evidence")


def _same_as(loaded: Loaded) -> list[Problem]:
    """`same_as` names another action or sub-action that keeps its own records, and the action
    that points there keeps none (one place holds status and evidence)."""
    nodes = {task.id: task for item, _ in loaded.items for _, task in _tasks(item)}
    suggestions = Suggestions(set(nodes))
    problems = []
    for item, source in loaded.items:
        for loc, task in _tasks(item):
            if task.same_as is None:
                continue
            ref = _Ref(task.same_as, source, (*loc, "same_as"))
            target = nodes.get(task.same_as)
            if target is None:
                problems.append(
                    ref.problem(
                        "X414",
                        f"same_as names no action: '{task.same_as}'",
                        hint=suggestions.did_you_mean(task.same_as),
                    )
                )
            elif target.id == task.id or target.same_as is not None:
                why = "itself" if target.id == task.id else "kept elsewhere too"
                problems.append(
                    ref.problem(
                        "X414",
                        f"same_as must name the action that keeps the records: "
                        f"'{task.same_as}' is {why}",
                    )
                )
            for key in _OWN_RECORDS:
                if getattr(task, key):
                    problems.append(
                        _Ref(key, source, (*loc, key)).problem(
                            "X415",
                            f"{task.id} is the same work as {task.same_as}, which keeps its "
                            f"{key.replace('_', ' ')}",
                            hint=f"move it to {task.same_as}",
                        )
                    )
    return problems


def _record_dates(loaded: Loaded, today: date | None) -> list[Problem]:
    """A completion, due move or status set by hand cannot be dated after today."""
    if today is None:
        return []
    problems = []
    for item, source in loaded.items:
        if item.added_on is not None and item.added_on > today:
            problems.append(
                _Ref(str(item.added_on), source, ("added_on",)).problem(
                    "X416", f"added on {item.added_on.isoformat()}, which is in the future"
                )
            )
        for loc, task in _tasks(item):
            dated: list[tuple[date | None, Loc, str]] = [
                (task.completed_on, (*loc, "completed_on"), "completed"),
                (
                    task.brag_override.since if task.brag_override else None,
                    (*loc, "brag_override", "since"),
                    "status set",
                ),
            ]
            dated += [
                (move.date, (*loc, "due_moves", k, "date"), "due moved")
                for k, move in enumerate(task.due_moves)
            ]
            for day, where, what in dated:
                if day is not None and day > today:
                    problems.append(
                        _Ref(str(day), source, where).problem(
                            "X416", f"{what} on {day.isoformat()}, which is in the future"
                        )
                    )
    return problems


def _item_structure(item: Item, source: SourceMap) -> list[Problem]:
    """Ids nest under their parents, outcomes resolve, at most one lead is responsible."""
    problems = []
    outcomes = {outcome.id for outcome in item.outcomes}
    for i, action in enumerate(item.actions):
        loc: Loc = ("actions", i)
        if not action.id.startswith(item.id + "."):
            problems.append(
                _Ref(action.id, source, (*loc, "id")).problem(
                    "X407",
                    f"action '{action.id}' does not sit under its item '{item.id}'",
                    hint=f"action ids start with '{item.id}.'",
                )
            )
        for k, outcome in enumerate(action.outcomes):
            if outcome not in outcomes:
                problems.append(
                    _Ref(outcome, source, (*loc, "outcomes", k)).problem(
                        "X406",
                        f"unknown outcome '{outcome}' in {item.id}",
                        hint=did_you_mean(outcome, outcomes),
                    )
                )
        for j, sub in enumerate(action.sub_actions):
            suffix = sub.id[len(action.id) :] if sub.id.startswith(action.id) else ""
            if not suffix or suffix[0].isdigit():
                problems.append(
                    _Ref(sub.id, source, (*loc, "sub_actions", j, "id")).problem(
                        "X407",
                        f"sub-action '{sub.id}' sits under '{action.id}', "
                        "which its id does not name",
                        hint=f"sub-action ids extend their action's id, e.g. '{action.id}a'",
                    )
                )
    for loc, task in _tasks(item):
        responsible = [k for k, lead in enumerate(task.leads) if lead.responsible]
        for k in responsible[1:]:
            problems.append(
                _Ref("", source, (*loc, "leads", k, "responsible")).problem(
                    "X408",
                    f"{task.id} has more than one responsible lead",
                    hint="mark exactly one lead 'responsible: true'",
                )
            )
    return problems


def _evidence_dates(loaded: Loaded, inspection_start: date, today: date | None) -> list[Problem]:
    problems = []
    for item, source in loaded.items:
        for loc, task in _tasks(item):
            for k, entry in enumerate(task.evidence):
                first, last = evidence_span(entry.date)
                ref = _Ref(str(entry.date), source, (*loc, "evidence", k, "date"))
                if last < inspection_start:
                    problems.append(
                        ref.problem(
                            "X409",
                            f"evidence dated {entry.date}, before the inspection "
                            f"began on {inspection_start.isoformat()}",
                            hint="fine for work already under way; otherwise check the year",
                        ).with_severity(Severity.WARNING)  # plans record work begun earlier
                    )
                elif today is not None and first > today:
                    problems.append(
                        ref.problem("X410", f"evidence dated {entry.date}, which is in the future")
                    )
    return problems


_ACRONYM = re.compile(r"(?<![\w&-])([A-Z][A-Z0-9&]{1,7})(s?)(?![\w&-])")


def _acronyms(loaded: Loaded) -> list[Problem]:
    """Acronyms the plan uses that neither its glossary nor the text itself explains.

    A warning at the first use of each: the monthly report's glossary can only expand what
    glossary.yaml defines. "Team Around a Child (TAC)" counts as explained in the text.
    """
    if loaded.glossary is None or loaded.meta is None:
        return []
    known = set(loaded.glossary[0].glossary) | set(loaded.meta[0].known_abbreviations)
    texts = [
        entry
        for source, model in _prose_files(loaded)
        if _may_matter(source, known)
        for entry in _walk(source, (), model.model_dump(by_alias=True))
    ]
    explained = {m.group(1) for _, _, text in texts for m in _EXPLAINED.finditer(text)}
    first: dict[str, _Ref] = {}
    for source, loc, text in texts:
        for match in _ACRONYM.finditer(text):
            term = match.group(1)
            if term not in known and term not in explained:
                first.setdefault(term, _Ref(term, source, loc))
    return [
        ref.problem(
            "X413",
            f"acronym '{term}' is not in glossary.yaml",
            hint="add it to glossary.yaml, or to known_abbreviations in plan.yaml",
        ).with_severity(Severity.WARNING)
        for term, ref in sorted(first.items(), key=lambda pair: (str(pair[1].source.path), pair[0]))
    ]


_EXPLAINED = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})s?\)")


def _prose_files(loaded: Loaded) -> Iterator[tuple[SourceMap, BaseModel]]:
    for pair in (loaded.meta, loaded.roles, loaded.boards):
        if pair is not None:
            yield pair[1], pair[0]
    for item, source in sorted(loaded.items, key=lambda pair: str(pair[1].path)):
        yield source, item


def _may_matter(source: SourceMap, known: set[str]) -> bool:
    """Whether a file's prose may use an unknown acronym or explain one, judged from its
    text: walking every value of every file costs seconds on a large plan, and most files
    use only known acronyms. Every acronym in the prose is in the text as written, except
    where a backslash escape joins one up, so such a file is always walked."""
    text = source.text
    if text is None or "\\" in text or _EXPLAINED.search(text):
        return True
    runs = {run for run in _CAPITALS.findall(text) if len(run) <= 8 and run not in known}
    return any(_used_as_acronym(run, text) for run in runs)


_CAPITALS = re.compile(r"[A-Z][A-Z0-9&]+")
"""Runs of capitals: every acronym is one (found several times faster than acronyms are)."""


def _used_as_acronym(run: str, text: str) -> bool:
    """Whether `run` stands alone in `text`, as `_ACRONYM` would find it (the literal is
    searched for first, which is fast; the character before it is then checked)."""
    for match in _followed_by_boundary(run).finditer(text):
        start = match.start()
        if start == 0 or not _joins(text[start - 1]):
            return True
    return False


def _joins(char: str) -> bool:
    return char.isalnum() or char in "_&-"


@lru_cache(maxsize=1024)
def _followed_by_boundary(run: str) -> re.Pattern[str]:
    return re.compile(re.escape(run) + r"s?(?![\w&-])")


_ID_FIELDS = {
    "id",
    "section",
    "kind",
    "role",
    "by",
    "outcomes",
    "accountable_to",
    "boards",
    "status",
    "cadence",
    "known_abbreviations",
    "select",
    "ignore",
}


def _walk(source: SourceMap, loc: Loc, value: object) -> Iterator[tuple[SourceMap, Loc, str]]:
    """Every piece of prose in a file (ids and codes are not prose)."""
    for path, text in strings(value, loc):
        field = next((part for part in reversed(path) if isinstance(part, str)), "")
        if field not in _ID_FIELDS:
            yield source, path, text
