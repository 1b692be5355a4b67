"""What a user installs: the wheel carries the templates and schemas, and the pre-commit hook runs.

These build and install for real (so they need PyPI, as `make test` does) and take some seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_PLAN, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
    )
    return next(out.glob("slac_plan-*.whl"))


def test_wheel_ships_templates_and_schemas(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "slac_plan/templates/overdue.md.j2" in names
    assert "slac_plan/schema/item.schema.json" in names
    assert "slac_plan/cli.py" in names


def test_installed_wheel_finds_its_templates_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    deps = sysconfig.get_paths()["purelib"]  # typer, pydantic... from this environment
    env = {**os.environ, "PYTHONPATH": f"{target}{os.pathsep}{deps}", "NO_COLOR": "1"}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import slac_plan.files.resources as r; print(r.templates_dir()); print(r.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=True,
    )
    templates, module = probe.stdout.splitlines()
    assert Path(module).is_relative_to(target)
    assert Path(templates) == target / "slac_plan" / "templates"
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "slac_plan",
            "overdue",
            "--plan",
            str(BUNDLED_PLAN),
            "--as-of",
            "2012-03-01",
            "--format",
            "markdown",
        ],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=True,
    )
    assert report.stdout.startswith("# Overdue actions as of 2012-03-01")


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
@pytest.mark.slow
def test_pre_commit_hook_runs_on_a_plan_repository(tmp_path: Path) -> None:
    repo = tmp_path / "council-plan"
    shutil.copytree(BUNDLED_PLAN, repo / "plan")
    bad = repo / "plan" / "items" / "new.yaml"
    bad.write_text("id: SG-R99\nsektion: x\n", encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:
        pre_commit = str(Path(sys.executable).parent / "pre-commit")
        return subprocess.run(
            [pre_commit, "try-repo", str(REPO), "slac-validate", *args],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=600,
        )

    done = try_repo("--files", "plan/items/new.yaml", "plan/items/sg-r1.yaml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "plan/items/new.yaml:2:1: error V301 unknown field 'sektion'" in done.stdout
    assert "sg-r1.yaml:" not in done.stdout

    bad.unlink()
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    clean = try_repo("--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
