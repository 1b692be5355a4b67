"""A plan folder -> models with source positions, and every problem found on the way.

One bad file never hides the problems of the others: each file is read, parsed and checked
against its model on its own, and whatever goes wrong becomes a Problem for that file.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from slac_plan.core.model import (
    BoardsFile,
    GlossaryFile,
    Item,
    Plan,
    PlanMeta,
    RolesFile,
    models_by_file,
)
from slac_plan.core.positions import SourceMap, strings
from slac_plan.core.problems import FileUnusable, Problem, problems_from_json, problems_json
from slac_plan.files import yamlread
from slac_plan.files.cache import NO_CACHE, Cache, Shelf
from slac_plan.files.schema_errors import schema_problems

PLAN_FILE = "plan.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Loaded:
    """What could be loaded from a plan folder, and the problems of what could not."""

    root: Path
    files: list[Path] = field(default_factory=list)
    meta: tuple[PlanMeta, SourceMap] | None = None
    roles: tuple[RolesFile, SourceMap] | None = None
    boards: tuple[BoardsFile, SourceMap] | None = None
    glossary: tuple[GlossaryFile, SourceMap] | None = None
    items: list[tuple[Item, SourceMap]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Ids written in item files that did not load (bad schema, even bad YAML): they exist, so
    # a reference to one is not a second error; the file's own problem says what to fix.
    rejected_ids: set[str] = field(default_factory=set)

    def plan(self) -> Plan | None:
        """The whole plan, when its metadata and registries all loaded."""
        if self.meta is None or self.roles is None or self.boards is None:
            return None
        meta = self.meta[0]
        order = {section.id: n for n, section in enumerate(meta.sections)}
        items = sorted(
            (item for item, _ in self.items),
            key=lambda item: (order.get(item.section, len(order)), item.number, item.id),
        )
        sources = {item.id: source for item, source in self.items}
        sources.update({name: pair[1] for name, pair in self._registries().items()})
        return Plan(
            root=self.root,
            meta=meta,
            roles=list(self.roles[0].roles),
            boards=list(self.boards[0].boards),
            glossary=dict(self.glossary[0].glossary) if self.glossary else {},
            items=items,
            sources=sources,
        )

    def _registries(self) -> dict[str, tuple[BaseModel, SourceMap]]:
        pairs: dict[str, tuple[BaseModel, SourceMap] | None] = {
            "plan.yaml": self.meta,
            "roles.yaml": self.roles,
            "boards.yaml": self.boards,
            "glossary.yaml": self.glossary,
        }
        return {name: pair for name, pair in pairs.items() if pair is not None}


def loaded_from(plan: Plan, *, without: Path | None = None) -> Loaded:
    """The loaded form of a plan already read (to check one changed file against the rest
    without reading the rest again), leaving out the file at `without`."""
    loaded = Loaded(plan.root)
    skip = without.resolve() if without is not None else None
    registries: dict[str, BaseModel] = {
        "plan.yaml": plan.meta,
        "roles.yaml": RolesFile(roles=plan.roles),
        "boards.yaml": BoardsFile(boards=plan.boards),
    }
    if "glossary.yaml" in plan.sources:
        registries["glossary.yaml"] = GlossaryFile(glossary=plan.glossary)
    for name, model in registries.items():
        source = plan.sources[name]
        if source.path.resolve() != skip:
            _store(loaded, source.path, model, source)
    for item in plan.items:
        source = plan.sources[item.id]
        if source.path.resolve() != skip:
            loaded.items.append((item, source))
    return loaded


def plan_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """Every YAML file under `root` (hidden folders skipped, links to folders not followed)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for folder, dirs, names in os.walk(root, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        for name in dirs:
            if name.endswith(YAML_SUFFIXES):
                problems.append(Problem(here / name, 0, 0, "F102", "cannot read: a directory"))
            elif (here / name).is_symlink():
                problems.append(
                    Problem(
                        here / name,
                        0,
                        0,
                        "F102",
                        "a link to a folder, which slac does not follow: "
                        "keep the plan's files in its own folders",
                    )
                )
        found.extend(
            here / name
            for name in sorted(names)
            if name.endswith(YAML_SUFFIXES) and not name.startswith(".")
        )
    return found, problems


TextReader = Callable[[Path], str]
"""A file's text: as on disk (`yamlread.read_text`), or as an edit would leave it."""


@dataclass
class Snapshot:
    """A plan folder's files and their text, each read once: what loading and the cache's keys
    both work from."""

    root: Path
    files: list[Path]
    problems: list[Problem]
    """Problems found while listing the folder (links to folders, directories named .yaml)."""
    texts: dict[Path, str | FileUnusable]

    def read(self, path: Path) -> str:
        """The text read for `path`, or the reason it could not be read, raised again."""
        text = self.texts[path]
        if isinstance(text, FileUnusable):
            raise text
        return text

    def key_parts(self) -> list[str]:
        """Everything a result computed from this snapshot depends on."""
        parts = [str(self.root), *(f"{p.location()} {p.code} {p.message}" for p in self.problems)]
        for path in self.files:
            text = self.texts[path]
            if isinstance(text, FileUnusable):
                problem = text.problem
                parts += [str(path), f"\0{problem.location()} {problem.code} {problem.message}"]
                parts.append(text.text or "")
            else:
                parts += [str(path), text]
        return parts


def snapshot(root: Path) -> Snapshot:
    """Read every file of the plan at `root` once."""
    files, problems = plan_files(root)
    texts: dict[Path, str | FileUnusable] = {}
    for path in files:
        try:
            texts[path] = yamlread.read_text(path)
        except FileUnusable as unusable:
            texts[path] = unusable
    return Snapshot(root, files, problems, texts)


def load_plan(
    root: Path, *, only: set[Path] | None = None, debug: bool = False, cache: Cache = NO_CACHE
) -> Loaded:
    """Load every file of the plan at `root`; `only` limits which files' problems are kept."""
    return load_snapshot(snapshot(root), only=only, debug=debug, cache=cache)


def load_snapshot(
    snap: Snapshot, *, only: set[Path] | None = None, debug: bool = False, cache: Cache = NO_CACHE
) -> Loaded:
    """Load the files of a snapshot (a file's model from the cache when its text is known)."""
    shelf = Shelf(cache, snap.root) if cache.enabled else None
    loaded = load_files(snap.root, snap.files, snap.read, debug=debug, shelf=shelf)
    if shelf is not None:
        shelf.save()
    loaded.problems[:0] = snap.problems
    if only is not None:
        loaded.problems = [p for p in loaded.problems if p.path in only]
    return loaded


def load_files(
    root: Path,
    files: list[Path],
    read: TextReader,
    *,
    debug: bool = False,
    shelf: Shelf | None = None,
) -> Loaded:
    """Load the given files of the plan at `root`, each read by `read`; a file whose text the
    `shelf` knows is not parsed again."""
    loaded = Loaded(root, files=list(files))
    registry_models = models_by_file()
    with gc_paused():
        for path in files:
            model = registry_models.get(path.name) if path.parent == root else None
            result = _load_one(path, model or Item, read, debug=debug, shelf=shelf)
            if isinstance(result, _Rejected):
                loaded.problems.extend(result.problems)
                if model is None:
                    loaded.rejected_ids |= written_ids(result.data) | ids_in_text(result.text)
                continue
            _store(loaded, path, *result)
            loaded.problems.extend(result[1].notes)
    present = {path.name for path in files if path.parent == root}
    for name in (PLAN_FILE, "roles.yaml"):
        if name not in present:
            loaded.problems.append(Problem(root / name, 0, 0, "X411", f"the plan has no {name}"))
    if "boards.yaml" not in present:  # a plan whose actions answer to roles alone needs none
        loaded.boards = (BoardsFile(boards=[]), SourceMap(root / "boards.yaml"))
    return loaded


def load_model(
    path: Path, model: type[BaseModel], *, debug: bool = False
) -> tuple[BaseModel, SourceMap] | list[Problem]:
    """One file checked against `model`: the model and its positions, or its problems."""
    result = _load_one(path, model, yamlread.read_text, debug=debug)
    return result.problems if isinstance(result, _Rejected) else result


def text_problems(path: Path, text: str, model: type[BaseModel]) -> list[Problem]:
    """The problems `text` would have as the file at `path`, checked alone against `model`."""
    result = _load_one(path, model, lambda _: text, debug=False)
    return result.problems if isinstance(result, _Rejected) else []


def written_ids(data: dict[str, Any] | None) -> set[str]:
    """The ids a parsed file spells out under an `id` key, valid or not."""
    return {text for loc, text in strings(data) if loc and loc[-1] == "id"}


_ID_LINE = re.compile(r"""^[ \t]*(?:-[ \t]+)?id:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)""", re.M)


def ids_in_text(text: str | None) -> set[str]:
    """The ids on `id:` lines of a file too broken to parse: enough to know they exist."""
    return set(_ID_LINE.findall(text)) if text else set()


@dataclass
class _Rejected:
    """A file that did not load: its problems, and its data or at least its text."""

    problems: list[Problem]
    data: dict[str, Any] | None = None
    text: str | None = None


def _load_one(
    path: Path, model: type[BaseModel], read: TextReader, *, debug: bool, shelf: Shelf | None = None
) -> tuple[BaseModel, SourceMap] | _Rejected:
    try:
        text = read(path)
        key = shelf.cache.key(str(path), model.__name__, text) if shelf is not None else None
        if shelf is not None and key is not None:
            kept = shelf.get(key)
            restored = _restored(path, model, text, kept) if kept is not None else None
            if restored is not None:
                return restored
        data, source = yamlread.parse(path, text)
        try:
            checked = model.model_validate(data)
        except ValidationError as error:
            return _Rejected(schema_problems(error, model, data, source), data)
        if shelf is not None and key is not None:
            shelf.put(key, _entry(checked, source.notes))
        return checked, source
    except FileUnusable as unusable:
        return _Rejected([unusable.problem], text=unusable.text)
    except Exception as error:  # the per-file boundary: a bug must not stop the other files
        if debug:
            raise
        problem = Problem(path, 0, 0, "F199", f"internal error: {type(error).__name__}: {error}")
        return _Rejected([problem])


def _entry(model: BaseModel, notes: list[Problem]) -> bytes:
    """A loaded file for the cache: its warnings on the first line, then its model, as JSON."""
    return problems_json(notes) + b"\n" + model.model_dump_json(by_alias=True).encode()


def _restored(
    path: Path, model: type[BaseModel], text: str, entry: bytes
) -> tuple[BaseModel, SourceMap] | None:
    """The model and positions an `_entry` was made from, or None if it does not read back."""
    notes, _, body = entry.partition(b"\n")
    try:
        restored = model.model_validate_json(body)
        source = yamlread.source_map(path, text)
        source.notes = problems_from_json(notes)
    except (ValueError, TypeError, KeyError):
        return None
    return restored, source


def _store(loaded: Loaded, path: Path, model: BaseModel, source: SourceMap) -> None:
    if isinstance(model, Item):
        loaded.items.append((model, source))
    elif isinstance(model, PlanMeta):
        loaded.meta = (model, source)
    elif isinstance(model, RolesFile):
        loaded.roles = (model, source)
    elif isinstance(model, BoardsFile):
        loaded.boards = (model, source)
    elif isinstance(model, GlossaryFile):
        loaded.glossary = (model, source)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building thousands of long-lived models with the collector on costs several times more."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
