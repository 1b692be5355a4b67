"""`slac fmt`: rewrite plan files in the canonical layout (see layout), so that diffs show
content, not style. A file whose layout cannot be proven safe is left as it is, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from slac_plan.checks.validate import resolve_targets, validate_plan
from slac_plan.core.problems import Problem, Severity
from slac_plan.editing.edit import edit_file, problems_text
from slac_plan.editing.layout import format_text, model_for
from slac_plan.files.loader import plan_files
from slac_plan.files.safewrite import WriteRefused
from slac_plan.files.yamledit import EditRefused


@dataclass
class Formatting:
    """What `format_paths` did: the files it changed (with diffs), refused, or could not find."""

    changed: list[tuple[Path, str]] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def format_paths(paths: list[Path], *, today: date, dry_run: bool) -> Formatting:
    """Format plan folders or files; each file is checked and written as any edit is."""
    targets = resolve_targets(paths)
    outcome = Formatting(problems=list(targets.problems))
    for root, only in targets.plans.items():
        # The plan is validated once; formatting cannot change a file's data (format_text
        # proves it), so each file is then checked alone as it is rewritten.
        errors: dict[Path, list[Problem]] = {}
        for problem in validate_plan(root, today).problems:
            if problem.severity is Severity.ERROR:
                errors.setdefault(problem.path.absolute(), []).append(problem)
        files = sorted(only) if only is not None else plan_files(root)[0]
        listed = {path.absolute() for path in files}
        wanted = None if only is None else {path.absolute() for path in only}
        for path, found in sorted(errors.items()):
            if path not in listed and (wanted is None or path in wanted):
                # not a file fmt can open (a folder named x.yaml, a link to a folder)
                outcome.refused.append((path, problems_text(found)))
        for path in files:
            if own := errors.get(path.absolute()):
                outcome.refused.append(
                    (path, f"has problems; fix them first: {problems_text(own)}")
                )
                continue
            model = model_for(path.name, path.parent == root)
            try:
                result = edit_file(
                    root,
                    path,
                    partial(format_text, model=model),
                    today=today,
                    dry_run=dry_run,
                    checked_alone=model,
                )
            except (EditRefused, WriteRefused) as error:
                outcome.refused.append((path, str(error)))
                continue
            if result.diff:
                outcome.changed.append((path, result.diff))
    return outcome
