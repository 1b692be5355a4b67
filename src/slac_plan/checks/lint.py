"""`slac lint`: run the SMART rules over a valid plan and report findings at file:line:col.

Validation problems come first (a plan that does not load cannot be judged); then each
selected rule's findings, with the plan's own severity settings, minus the findings an
inline `# slac: ignore[CODE] reason` comment suppresses. A suppression must give its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from slac_plan.checks.rules import BY_CODE, RULES, Finding, LintContext, Located, Rule
from slac_plan.checks.validate import resolve_targets, validate_plan
from slac_plan.core.model import Action, Item, LintConfig, Plan, SubAction
from slac_plan.core.positions import SourceMap
from slac_plan.core.problems import Problem, Severity, sort_problems
from slac_plan.core.queries import Task, task_for, task_index
from slac_plan.core.suggest import did_you_mean
from slac_plan.files.cache import NO_CACHE, Cache
from slac_plan.files.loader import Loaded

META_CODES = {
    "L001": "a suppression comment gives no reason",
    "L002": "a suppression comment suppresses nothing",
    "L003": "unknown rule code",
}

_SUPPRESSION = re.compile(r"#\s*slac:\s*ignore\[([^\]]*)\]([^\n]*)")


class UnknownCode(ValueError):
    """A rule code or family that names no rule (on the command line)."""


@dataclass(frozen=True)
class Reported:
    """A finding placed in its file, with the rule that made it."""

    rule: type[Rule]
    finding: Finding
    problem: Problem


@dataclass
class LintResult:
    problems: list[Problem] = field(default_factory=list)
    reported: list[Reported] = field(default_factory=list)
    plan: Plan | None = None
    rules: list[type[Rule]] = field(default_factory=list)
    as_of: date | None = None
    files: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Suppression:
    path: Path
    comment_line: int
    col: int
    target_line: int
    codes: tuple[str, ...]
    reason: str


def check_codes(codes: Iterable[str]) -> None:
    """Refuse a code or family (e.g. T, T002) that names no rule, with the nearest ones."""
    for code in codes:
        if not _matching(code):
            hint = did_you_mean(code, BY_CODE, cutoff=0.5)
            hint = f"; {hint}" if hint else ""
            raise UnknownCode(f"unknown rule code '{code}'{hint} (see 'slac rules')")


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> list[type[Rule]]:
    """The rules to run: those matching `select` (all when empty) and no `ignore` entry."""
    chosen = list(select)
    skipped = list(ignore)
    return [
        rule
        for rule in RULES
        if (not chosen or any(rule.code.startswith(code) for code in chosen))
        and not any(rule.code.startswith(code) for code in skipped)
    ]


def lint_plan(
    root: Path,
    *,
    today: date | None,
    as_of: date,
    select: list[str] | None = None,
    ignore: Iterable[str] = (),
    only: set[Path] | None = None,
    debug: bool = False,
    cache: Cache = NO_CACHE,
) -> LintResult:
    """Validate then lint the plan at `root`; `only` limits which files' problems are kept."""
    loaded = validate_plan(root, today, debug=debug, cache=cache)
    return lint_loaded(loaded, as_of=as_of, select=select, ignore=ignore, only=only)


def lint_loaded(
    loaded: Loaded,
    *,
    as_of: date,
    select: list[str] | None = None,
    ignore: Iterable[str] = (),
    only: set[Path] | None = None,
) -> LintResult:
    """Lint a plan already loaded and validated (so that a command reads it once)."""
    root = loaded.root
    # Asked for some rules by name, the user wants those: validation errors still come first
    # (a plan that does not load cannot be judged), its warnings are left to `slac validate`.
    shown = [p for p in loaded.problems if not select or p.severity is Severity.ERROR]
    result = LintResult(problems=shown, files=list(loaded.files), as_of=as_of)
    plan = loaded.plan()
    if plan is not None:
        result.plan = plan
        config = plan.meta.lint
        result.problems += _config_problems(plan, config)
        chosen = select if select else [c for c in config.select if _matching(c)]
        skipped = [*[c for c in config.ignore if _matching(c)], *ignore]
        result.rules = select_rules(chosen, skipped)
        context = LintContext(plan, config, as_of, tuple(_located_tasks(plan)))
        reported = [
            Reported(rule, finding, _place(plan, rule, finding, config))
            for rule in result.rules
            for finding in rule().check(context)
        ]
        kept, meta = _apply_suppressions(plan, reported, {rule.code for rule in result.rules})
        result.reported = kept
        result.problems += [entry.problem for entry in kept] + meta
    if only is not None:
        result.problems = [p for p in result.problems if p.path in only or p.path == root]
        result.reported = [r for r in result.reported if r.problem.path in only]
    result.problems = sort_problems(result.problems)
    return result


def lint_paths(
    paths: list[Path],
    *,
    today: date | None,
    as_of: date,
    select: list[str] | None = None,
    ignore: Iterable[str] = (),
    debug: bool = False,
    cache: Cache = NO_CACHE,
) -> tuple[list[Problem], list[Path]]:
    """Lint plan folders or files (each with its whole plan): the problems and the files."""
    targets = resolve_targets(paths)
    problems = list(targets.problems)
    files: list[Path] = []
    for root, only in targets.plans.items():
        result = lint_plan(
            root,
            today=today,
            as_of=as_of,
            select=select,
            ignore=ignore,
            only=only,
            debug=debug,
            cache=cache,
        )
        problems += result.problems
        files += result.files if only is None else sorted(p for p in only if p.is_file())
    return sort_problems(problems), files


def _matching(code: str) -> bool:
    return any(rule.code.startswith(code) for rule in RULES)


def _located_tasks(plan: Plan) -> Iterator[Located]:
    index = task_index(plan)
    context = plan.meta.inspection.context
    statuses = plan.meta.status_defs()

    def task(item: Item, action: Action, sub: SubAction | None) -> Task:
        found = index.get((sub or action).id)  # same_as resolved; a duplicate id is not
        return (
            found
            if found is not None and found.node is (sub or action)
            else task_for(item, action, sub, context, statuses, plan.meta.term_ends())
        )

    for item in plan.items:
        for i, action in enumerate(item.actions):
            if not action.sub_actions:
                yield Located(task(item, action, None), ("actions", i))
            for j, sub in enumerate(action.sub_actions):
                yield Located(task(item, action, sub), ("actions", i, "sub_actions", j))


def _place(plan: Plan, rule: type[Rule], finding: Finding, config: LintConfig) -> Problem:
    source = plan.sources[finding.source]
    line, col = source.value(finding.loc)
    severity = Severity(config.severity.get(rule.code, rule.severity))
    message = finding.message
    if finding.about and not message.startswith(finding.about):
        message = f"{finding.about} {message}"  # the action the officer knows it by
    return Problem(source.path, line, col, rule.code, message, severity)


def _config_problems(plan: Plan, config: LintConfig) -> list[Problem]:
    source = plan.sources["plan.yaml"]
    problems = []
    entries = [("select", i, c) for i, c in enumerate(config.select)]
    entries += [("ignore", i, c) for i, c in enumerate(config.ignore)]
    for name, index, code in entries:
        if not _matching(code):
            problems.append(
                _meta(source, ("lint", name, index), "L003", f"unknown rule code '{code}'")
            )
    for code in config.severity:
        if code not in BY_CODE:
            problems.append(
                _meta(source, ("lint", "severity", code), "L003", f"unknown rule code '{code}'")
            )
    return problems


def _meta(source: SourceMap, loc: tuple[str | int, ...], code: str, message: str) -> Problem:
    line, col = source.key(loc)
    severity = Severity.WARNING if code == "L002" else Severity.ERROR
    return Problem(source.path, line, col, code, message, severity)


def suppressions(path: Path, text: str) -> list[Suppression]:
    """Every `# slac: ignore[CODES] reason` comment in a file, with the line it covers.

    A comment after a value covers its own line; a comment on a line of its own covers the
    next line that holds something other than a comment.
    """
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines, start=1):
        match = _SUPPRESSION.search(line)
        if match is None:
            continue
        target = number
        if not line[: match.start()].strip():
            target = next(
                (
                    n
                    for n in range(number + 1, len(lines) + 1)
                    if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")
                ),
                number,
            )
        codes = tuple(c.strip() for c in match.group(1).split(",") if c.strip())
        found.append(
            Suppression(path, number, match.start() + 1, target, codes, match.group(2).strip())
        )
    return found


def _apply_suppressions(
    plan: Plan, reported: list[Reported], ran: set[str]
) -> tuple[list[Reported], list[Problem]]:
    """Drop suppressed findings; flag suppressions with no reason, unknown codes, or no use
    (only for rules that ran: a suppression of a rule not selected is not unused)."""
    texts = {source.path: source.text for source in plan.sources.values()}
    kept = list(reported)
    meta: list[Problem] = []
    for path, text in sorted(texts.items()):
        if text is None:
            continue
        for entry in suppressions(path, text):
            where = (path, entry.comment_line, entry.col)
            if not entry.reason:
                meta.append(
                    Problem(*where, "L001", "suppression without a reason: say why after ']'")
                )
                continue
            unknown = [code for code in entry.codes if code not in BY_CODE]
            for code in unknown:
                meta.append(Problem(*where, "L003", f"unknown rule code '{code}' in suppression"))
            hit = [
                r
                for r in kept
                if r.problem.path == path
                and r.problem.line == entry.target_line
                and r.rule.code in entry.codes
            ]
            if not hit and not unknown and any(code in ran for code in entry.codes):
                meta.append(
                    Problem(
                        *where,
                        "L002",
                        f"suppression of {', '.join(entry.codes)} matches no finding",
                        Severity.WARNING,
                    )
                )
            kept = [r for r in kept if r not in hit]
    return kept, meta
