"""Where the plan is: `--plan DIR`, else `$SLAC_PLAN`, else the nearest plan above the cwd.

Like git finding `.git`: each folder from the current one upwards is asked whether it is a
plan (holds plan.yaml) or holds one in a `plan/` subfolder, the conventional layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from slac_plan.files.loader import PLAN_FILE

ENV_VAR = "SLAC_PLAN"


class PlanNotFound(Exception):
    """No plan where one was asked for, or none above the current folder."""


def find_plan(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path:
    """The plan folder to use, by the documented order of precedence."""
    if explicit is not None:
        return _must_be_plan(explicit, "--plan")
    from_env = env.get(ENV_VAR)
    if from_env:
        return _must_be_plan(Path(from_env), f"${ENV_VAR}")
    found = plan_above(cwd)
    if found is None:
        raise PlanNotFound(
            f"no plan found in {cwd} or any folder above it "
            f"(looked for {PLAN_FILE} and plan/{PLAN_FILE}); use --plan DIR or set ${ENV_VAR}"
        )
    return found


def plan_above(start: Path) -> Path | None:
    """The nearest plan folder at or above `start`, or None."""
    start = start.absolute()
    for folder in (start, *start.parents):
        for candidate in (folder, folder / "plan"):
            if (candidate / PLAN_FILE).is_file():
                return candidate
    return None


def plan_containing(path: Path) -> Path | None:
    """The plan folder a file or folder belongs to: the nearest holding plan.yaml."""
    start = path.absolute()
    folders = (start, *start.parents) if start.is_dir() else start.parents
    for folder in folders:
        if (folder / PLAN_FILE).is_file():
            return folder
    return None


def _must_be_plan(path: Path, given_by: str) -> Path:
    if not path.is_dir():
        raise PlanNotFound(f"{given_by}: {path} is not a folder")
    if not (path / PLAN_FILE).is_file():
        raise PlanNotFound(f"{given_by}: {path} holds no {PLAN_FILE}, so it is not a plan")
    return path
