"""`slac validate`: every problem of the given plan folders or files, in one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from slac_plan.checks import integrity
from slac_plan.core.model import Plan
from slac_plan.core.problems import (
    Problem,
    Severity,
    problems_from_json,
    problems_json,
    sort_problems,
)
from slac_plan.files.cache import NO_CACHE, Cache
from slac_plan.files.loader import (
    YAML_SUFFIXES,
    Loaded,
    Snapshot,
    gc_paused,
    load_snapshot,
    snapshot,
)
from slac_plan.files.locate import plan_containing


@dataclass
class Validation:
    """The outcome of validating some paths: problems (sorted) and what was looked at."""

    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    plans: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def unreadable(self) -> bool:
        """Some input could not be read at all (exit 2 rather than 1)."""
        return any(p.code.startswith("F") for p in self.problems)


@dataclass
class Targets:
    """Paths given on the command line, grouped by the plan they belong to."""

    plans: dict[Path, set[Path] | None] = field(default_factory=dict)
    """Plan folder -> the files asked about (None: the whole plan)."""
    problems: list[Problem] = field(default_factory=list)

    def checked(self, root: Path, all_files: list[Path]) -> list[Path]:
        """The files of the plan at `root` that were asked about."""
        only = self.plans[root]
        return list(all_files) if only is None else sorted(p for p in only if p.is_file())


def resolve_targets(paths: list[Path]) -> Targets:
    """Group plan folders and plan files by their plan; a path in no plan is a problem."""
    targets = Targets()
    for given in paths:
        path = given.absolute()
        if not path.exists() and not path.is_symlink():
            targets.problems.append(
                Problem(given, 0, 0, "F101", "cannot open: no such file or folder")
            )
            continue
        root = plan_containing(path)
        if root is None:
            targets.problems.append(
                Problem(
                    given,
                    0,
                    0,
                    "F104",
                    "not inside a plan: no plan.yaml here or in any folder above",
                )
            )
        elif path == root:
            targets.plans[root] = None
        elif targets.plans.get(root, set()) is not None:
            selection = targets.plans.setdefault(root, set())
            assert selection is not None
            selection.update(_files_under(path))
    return targets


def validate_paths(
    paths: list[Path], today: date | None, *, debug: bool = False, cache: Cache = NO_CACHE
) -> Validation:
    """Validate plan folders or single plan files; cross-file checks use the whole plan."""
    targets = resolve_targets(paths)
    result = Validation(problems=list(targets.problems))
    for root, only in targets.plans.items():
        files, problems = plan_problems(root, today, debug=debug, cache=cache)
        result.plans.append(root)
        result.files += targets.checked(root, files)
        result.problems.extend(
            p for p in problems if only is None or p.path in only or p.path == root
        )
    result.problems = sort_problems(result.problems)
    return result


def plan_problems(
    root: Path, today: date | None, *, debug: bool = False, cache: Cache = NO_CACHE
) -> tuple[list[Path], list[Problem]]:
    """The files of the plan at `root` and all their problems; from the cache, without
    loading a model, when no file has changed since the same question was last answered."""
    snap = snapshot(root)
    key = _plan_key(snap, today, cache)
    kept = _kept_problems(key, cache)
    if kept is not None:
        return snap.files, kept
    loaded = _validate_snapshot(snap, today, debug=debug, cache=cache, key=key)
    return loaded.files, loaded.problems


def validate_plan(
    root: Path, today: date | None, *, debug: bool = False, cache: Cache = NO_CACHE
) -> Loaded:
    """Load the plan at `root` and add the cross-file problems to what loading found."""
    snap = snapshot(root)
    return _validate_snapshot(
        snap, today, debug=debug, cache=cache, key=_plan_key(snap, today, cache)
    )


def _validate_snapshot(
    snap: Snapshot, today: date | None, *, debug: bool, cache: Cache, key: str | None
) -> Loaded:
    with gc_paused():
        loaded = load_snapshot(snap, debug=debug, cache=cache)
        loaded.problems.extend(integrity.check(loaded, today))
    if key is not None and not any(p.code == "F199" for p in loaded.problems):
        cache.put("plan", key, problems_json(loaded.problems))  # a bug's outcome is not kept
    return loaded


def _plan_key(snap: Snapshot, today: date | None, cache: Cache) -> str | None:
    """The key of a plan's problems: every file's text, and the day (future dates)."""
    if not cache.enabled:
        return None
    return cache.key("plan", today.isoformat() if today else "", *snap.key_parts())


def _kept_problems(key: str | None, cache: Cache) -> list[Problem] | None:
    kept = cache.get("plan", key) if key is not None else None
    if kept is None:
        return None
    try:
        return problems_from_json(kept)
    except (ValueError, TypeError, KeyError):
        return None


class PlanHasProblems(Exception):
    """The plan does not validate, so it cannot be queried or reported on; the problems say
    why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"the plan has {len(problems)} problems")
        self.problems = problems


def valid_plan(
    root: Path, today: date | None, *, debug: bool = False, cache: Cache = NO_CACHE
) -> tuple[Plan, Loaded]:
    """The plan at `root`, loaded once and validated, or PlanHasProblems with its errors.

    When the cache knows this plan's problems, only the files' models are loaded (from the
    cache too): the cross-file checks ran when the problems were kept."""
    return valid_snapshot(snapshot(root), today, debug=debug, cache=cache)


def valid_snapshot(
    snap: Snapshot, today: date | None, *, debug: bool = False, cache: Cache = NO_CACHE
) -> tuple[Plan, Loaded]:
    """`valid_plan` of a plan already read."""
    key = _plan_key(snap, today, cache)
    kept = _kept_problems(key, cache)
    loaded: Loaded | None = None
    if kept is not None:
        errors = [p for p in kept if p.severity is Severity.ERROR]
        if errors:
            raise PlanHasProblems(sort_problems(errors))
        with gc_paused():
            loaded = load_snapshot(snap, debug=debug, cache=cache)
        loaded.problems = kept
    if loaded is None or loaded.plan() is None:
        loaded = _validate_snapshot(snap, today, debug=debug, cache=cache, key=key)
    plan = loaded.plan()
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    if errors or plan is None:
        raise PlanHasProblems(sort_problems(errors))
    return plan, loaded


def _files_under(path: Path) -> set[Path]:
    if path.is_dir():
        return {p for p in path.rglob("*") if p.name.endswith(YAML_SUFFIXES)} | {path}
    return {path}
