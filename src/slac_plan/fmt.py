"""`slac fmt`: one canonical layout for plan files, so that diffs show content, not style.

Keys in the model's order, two-space indentation with list items indented under their key,
quotes only where YAML needs them, long lines left unwrapped. Comments, block scalars, the
line-ending style, a BOM and a leading `---` are kept. The result is checked before it is
used: it must hold exactly the same data, keep every comment, and format to itself again;
otherwise the file is left as it is and the reason given.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from slac_plan import yamlread
from slac_plan.edit import ACTION_KEYS, edit_file, problems_text
from slac_plan.loader import plan_files
from slac_plan.model import Action, Item, models_by_file
from slac_plan.problems import Problem, Severity
from slac_plan.safewrite import WriteRefused
from slac_plan.schema_errors import field_annotation, model_in
from slac_plan.validate import resolve_targets, validate_plan
from slac_plan.yamledit import EditRefused


def model_for(name: str, at_root: bool) -> type[BaseModel]:
    models = models_by_file()
    return (models.get(name) if at_root else None) or Item


def format_text(text: str, model: type[BaseModel]) -> str:
    """The canonical layout of `text` (which must be a valid file of `model`)."""
    once = _format(text, model)
    _check_same(text, once)
    if _format(once, model) != once:
        raise EditRefused("the layout does not settle (formatting it again changes it)")
    return once


def _format(text: str, model: type[BaseModel]) -> str:
    crlf = "\r\n" in text
    body = text.replace("\r\n", "\n")
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.explicit_start = body.lstrip().startswith("---")
    yaml.preserve_quotes = False
    data = yaml.load(body)
    _reorder(data, model)
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    return result.replace("\n", "\r\n") if crlf else result


def _reorder(node: Any, annotation: Any) -> None:
    """Put each mapping's keys in its model's field order (comments travel with their key)."""
    if isinstance(node, CommentedMap):
        model = model_in(annotation)
        if model is not None:
            order = ACTION_KEYS if model is Action else list(model.model_fields)
            for key in sorted(node, key=lambda k: order.index(k) if k in order else len(order)):
                node.move_to_end(key)
        for key, value in node.items():
            _reorder(value, field_annotation(annotation, str(key)) if model is not None else None)
    elif isinstance(node, CommentedSeq):
        for value in node:
            _reorder(value, field_annotation(annotation, 0))


_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def comments(text: str) -> Counter[str]:
    """The comments of a YAML text (approximately: `#` at a line start or after a space,
    outside quotes), as a multiset of their text."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        quotes = 0
        for index, char in enumerate(line):
            if char in "'\"":
                quotes += 1
            if char == "#" and quotes % 2 == 0 and (index == 0 or line[index - 1] in " \t"):
                found[line[index:].rstrip()] += 1
                break
    return found


def _check_same(before: str, after: str) -> None:
    path = Path("formatted.yaml")
    if yamlread.parse(path, before)[0] != yamlread.parse(path, after)[0]:
        raise EditRefused("formatting would change the data; the file was left as it is")
    lost = comments(before) - comments(after)
    if lost:
        first = next(iter(lost))
        raise EditRefused(f"formatting would lose the comment '{first}'; left as it is")


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
        for path in (p for p in files if p.is_file()):
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
