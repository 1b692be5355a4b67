"""A new council starts a plan: `slac init`, then its first recommendation, with the repository
wired to slac, in a minute and with no error on the way."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import Runner

FLAGS = (
    "--authority", "Example Borough Council",
    "--title", "Improvement plan",
    "--source-date", "2019-03",
    "--inspectorate", "Ofsted",
    "--section", "Areas for improvement",
)  # fmt: skip


def test_a_new_council_starts_a_plan_in_its_repository(slac: Runner, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    started = slac("init", *FLAGS, cwd=tmp_path)
    assert started.code == 0, started.err
    plan = tmp_path / "plan"
    assert sorted(p.name for p in plan.iterdir()) == ["plan.yaml", "roles.yaml"]  # no boards
    for wiring in (
        ".vscode/settings.json",
        ".vscode/slac-schemas/item.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/plan.yml",
        "README.md",
    ):
        assert (tmp_path / wiring).is_file(), wiring
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./.vscode/slac-schemas/item.schema.json"] == (
        "plan/items/**/*.yaml"
    )
    hooks = YAML(typ="safe", pure=True).load(
        (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    )
    entries = [hook["entry"] for hook in hooks["repos"][0]["hooks"]]
    assert entries == ["slac validate plan", "slac lint plan"]
    workflow = YAML(typ="safe", pure=True).load(
        (tmp_path / ".github/workflows/plan.yml").read_text("utf-8")
    )
    assert "slac validate plan" in [step.get("run") for step in workflow["jobs"]["check"]["steps"]]

    assert slac("validate", "plan", cwd=tmp_path).code == 0
    assert slac("lint", "plan", cwd=tmp_path).code == 0
    assert slac("fmt", "--check", "plan", cwd=tmp_path).code == 0
    (plan / "roles.yaml").write_text(
        (plan / "roles.yaml")
        .read_text(encoding="utf-8")
        .replace("roles: []", "roles:\n  - id: hos\n    title: Head of Service"),
        encoding="utf-8",
    )
    first = slac(
        "new", "recommendation", "--plan", "plan", "--section", "areas-for-improvement",
        "--title", "Improve the timeliness of assessments", cwd=tmp_path,
    )  # fmt: skip
    assert first.code == 0, first.err
    assert (plan / "items" / "afi1.yaml").is_file()
    assert slac("validate", "plan", cwd=tmp_path).code == 0

    again = slac("init", *FLAGS, cwd=tmp_path)
    assert again.code == 2
    assert "already exists: slac init never overwrites a plan" in again.err


def test_init_keeps_what_a_repository_has_and_a_dry_run_writes_nothing(
    slac: Runner, tmp_path: Path
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "README.md").write_text("Our own README.\n", encoding="utf-8")
    dry = slac("init", "council-plans/2019", *FLAGS, "--dry-run", cwd=tmp_path)
    assert dry.code == 0, dry.err
    assert "would write council-plans/2019/plan.yaml" in dry.out
    assert not (tmp_path / "council-plans").exists()
    done = slac("init", "council-plans/2019", *FLAGS, cwd=tmp_path)
    assert "kept " in done.out and "README.md (it exists)" in done.out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "Our own README.\n"
    hooks = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: slac validate council-plans/2019" in hooks


def test_outside_a_repository_only_the_plan_is_written(slac: Runner, tmp_path: Path) -> None:
    done = slac("init", *FLAGS, cwd=tmp_path)
    assert done.code == 0, done.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_init_without_a_terminal_never_prompts(slac: Runner, tmp_path: Path) -> None:
    missing = slac("init", "--authority", "Example Council", cwd=tmp_path)
    assert missing.code == 2
    assert "--title is needed" in missing.err
    assert not (tmp_path / "plan").exists()


def test_a_folder_name_the_hooks_cannot_carry_is_refused(slac: Runner, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    refused = slac("init", "our plan #1", *FLAGS, cwd=tmp_path)
    assert refused.code == 2
    assert "name the plan's folder with letters, digits" in refused.err
    assert not (tmp_path / "our plan #1").exists()
