"""The plan as it was: an earlier version from git, for "what changed since last month".

Uses the `git` command (a plan repository is a git repository); where there is no git, no
repository or no earlier commit, there is no earlier version and reports fall back on dates.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

from slac_plan import yamlread
from slac_plan.loader import Loaded, load_files
from slac_plan.model import Plan
from slac_plan.positions import SourceMap
from slac_plan.problems import FileUnusable, Problem


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def previous_plan(root: Path, since: str | None, before: date) -> tuple[Plan | None, str]:
    """The plan at `since` (a git revision), or at the last commit before `before`.

    Returns the plan (None when there is none to compare with) and a label for the report.
    """
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None, ""
    revision = since
    if revision is None:
        found = _git(root, "rev-list", "-1", f"--before={before.isoformat()} 23:59:59", "HEAD")
        revision = found.strip() if found else None
        if not revision:
            return None, ""
    listing = _git(root, "ls-tree", "-r", "--name-only", "--full-name", revision, "--", ".")
    if listing is None:
        return None, ""
    prefix = Path(top.strip())
    files = [prefix / name for name in listing.splitlines() if name.endswith((".yaml", ".yml"))]
    relative = {path: path.relative_to(prefix).as_posix() for path in files}

    def read(path: Path) -> tuple[dict[str, Any], SourceMap]:
        text = _git(root, "show", f"{revision}:{relative[path]}")
        if text is None:
            raise FileUnusable(Problem(path, 0, 0, "F101", "cannot read it from git"))
        return yamlread.parse(path, text)

    loaded: Loaded = load_files(root.resolve(), files, read)
    short = _git(root, "rev-parse", "--short", revision)
    return loaded.plan(), f"revision {short.strip() if short else revision}"
