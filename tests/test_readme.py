"""The README's examples are what slac prints, and every command is documented there.

Each ```console block is run on a copy of the bundled plan. Its lines must appear in the real
output (stdout, then stderr) in order and next to each other; a line "..." stands for any
number of lines. The validate example is run on the plan with the two mistakes it shows.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from slac_plan.cli import app
from tests.conftest import BUNDLED_PLAN, REPO, Runner

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```console\n(.*?)```", README, flags=re.S)


def with_mistakes(plan: Path) -> None:
    """The plan as the README's validate example finds it: a misspelt key and a wrong role."""
    path = plan / "items" / "sg-r4.yaml"
    text = path.read_text(encoding="utf-8")
    second = text.index("  - id: SG-R4.2")
    path.write_text(text[:second] + text[second:].replace("    by_when:", "    bywhen:", 1))
    path = plan / "items" / "sg-r5.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("role: head-safeguarding", "role: head-of-safeguard", 1))


SETUP: dict[str, Callable[[Path], None]] = {"slac validate plan/": with_mistakes}


def matches(expected: list[str], actual: list[str]) -> bool:
    """Runs of expected lines, split at "...", found in order as runs of actual lines."""
    chunks: list[list[str]] = [[]]
    for line in expected:
        if line.strip() == "...":
            chunks.append([])
        else:
            chunks[-1].append(line)
    at = 0
    for n, chunk in enumerate(chunks):
        if not chunk:
            continue
        anchored = n == 0  # no "..." before the first run: it starts the output
        spots = [at] if anchored else range(at, len(actual) - len(chunk) + 1)
        found = next((i for i in spots if actual[i : i + len(chunk)] == chunk), None)
        if found is None:
            return False
        at = found + len(chunk)
    return bool(chunks[-1] == [] or at == len(actual))


@pytest.mark.parametrize("block", EXAMPLES, ids=[b.splitlines()[0] for b in EXAMPLES])
def test_example_is_what_slac_prints(slac: Runner, tmp_path: Path, block: str) -> None:
    command, *expected = block.splitlines()
    assert command.startswith("$ slac ")
    shutil.copytree(BUNDLED_PLAN, tmp_path / "plan")
    setup = SETUP.get(command[2:])
    if setup is not None:
        setup(tmp_path / "plan")
    result = slac(*shlex.split(command)[2:], cwd=tmp_path)
    actual = (result.out + result.err).splitlines()
    assert expected, "an example shows at least the start of its output"
    assert matches(expected, actual), "\n".join(actual)


def test_every_command_is_documented() -> None:
    group = typer.main.get_command(app)
    names = []
    for name, command in getattr(group, "commands", {}).items():
        subcommands = getattr(command, "commands", None)
        names += [f"slac {name} {sub}" for sub in subcommands] if subcommands else [f"slac {name}"]
    assert {"slac validate", "slac report monthly", "slac evidence add"} <= set(names)
    missing = [name for name in names if not re.search(rf"\b{name}\b", README)]
    assert missing == []


@pytest.mark.parametrize(
    ("expected", "actual", "result"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "b", "c"], False),
        (["a", "..."], ["a", "b", "c"], True),
        (["...", "c"], ["a", "b", "c"], True),
        (["a", "...", "c"], ["a", "b", "c"], True),
        (["a", "c"], ["a", "b", "c"], False),
        (["b", "..."], ["a", "b"], False),
    ],
)
def test_matching_is_strict_about_order_and_ends(
    expected: list[str], actual: list[str], result: bool
) -> None:
    assert matches(expected, actual) is result
