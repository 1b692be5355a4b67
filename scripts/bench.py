"""Benchmark: slac against `python -c pass`, yamllint and check-jsonschema on the same files,
and every speed goal with its ratio, in one run.

Generates synthetic plans in the real schema (using the bundled plan's registries): 30 and
3,000 recommendation files, and one of 60,000 actions (10,000 files of six actions, each with
two sub-actions). Times whole commands as a user runs them and prints medians. "Cold" means an
empty cache (each run its own), "warm" the cache a previous run left, `--no-cache` neither.
A script that prints numbers, not a timed test: a noisy machine must not fail the suite.

    python scripts/bench.py [--runs N] [--big N] [--actions N] [--keep DIR] [--goals-only]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

ACTION = """\
  - id: {item}.{n}
    text: >-
      Review of all supervision materials to be conducted by external consultant working
      together with managers, to ensure supervision is delivered in line with best practice
      elsewhere and that this can be evidenced through a quarterly audit of 15 files.
    outcomes: [o{o}]
    leads:
      - role: ad-social-care
        responsible: true
      - role: head-safeguarding
      - role: head-care-planning
    by_when: {by_when}
    accountable_to: [dmt, lscb]
    status: in-progress
    evidence:
      - date: 2012-01-19
        text: External consultant engaged. Focus group with managers 19.1.12
      - date: 2012-01
        text: Funding secured through Local Government Improvement and Development Agency.
    sub_actions:
      - id: {item}.{n}a
        text: Training on analysis of risk for social workers, delivered to every team.
        evidence:
          - date: 2011-12
            text: Signs of Safety training held Nov/Dec 11
      - id: {item}.{n}b
        text: Multi-agency training to improve contribution of all agencies to planning.
        status: complete
        evidence:
          - date: 2012-01
            text: 2 multi-agency workshops held January 2012.
"""

ACTIONS_PER_ITEM = 6

BY_WHEN = [
    "Policy to be completed by end February 2012",
    "February – March 2012",
    "March 2012. Audit outcome will be included in the quarterly report to DMT and LSCB",
    "Task and finish group to report February 2012. Report to Lead Member – April 12.",
    "Meeting of LAC Strategy Review group February 2012, then on quarterly basis",
    "Immediate and ongoing",
]


def item_text(number: int) -> str:
    item = f"BENCH-{number}"
    head = f"""\
# Synthetic recommendation {number}, shaped like the bundled plan's.
id: {item}
section: safeguarding-recommendations
kind: recommendation
number: {number}
source: Ofsted
timescale: Within 3 months (end February 2012)
text: >-
  Ensure that timely, supportive and reflective supervision is provided for social care
  staff by managers and that this is recorded promptly and to a high standard.
notes:
  - Recommendation also covered within the Health Action Plan.
outcomes:
  - id: o1
    text: >-
      Staff at all levels receive regular (at least monthly), high quality supervision,
      which encompasses both performance management and reflective supervision.
  - id: o2
    text: Supervision enables reflective, child focussed practice.
actions:
"""
    actions = "".join(
        ACTION.format(item=item, n=n, o=1 + n % 2, by_when=BY_WHEN[n % len(BY_WHEN)])
        for n in range(1, ACTIONS_PER_ITEM + 1)
    )
    return head + actions


def make_plan(folder: Path, items: int) -> Path:
    """A valid plan of `items` recommendation files, using the bundled registries."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "items").mkdir(parents=True)
    for name in ("plan.yaml", "roles.yaml", "boards.yaml", "glossary.yaml"):
        shutil.copy(REPO / "plan" / name, folder / name)
    for n in range(1, items + 1):
        (folder / "items" / f"bench-{n:05d}.yaml").write_text(item_text(n), encoding="utf-8")
    return folder


Setup = Callable[[], dict[str, str]]
"""Run before each timed run: the environment the run gets (a fresh cache, a changed file)."""


def timed(command: list[str], runs: int, setup: Setup | None = None) -> tuple[float, int]:
    """Median wall time in ms over `runs` runs after one unmeasured warm-up, and the last status.

    The warm-up fills the page cache (and slac's cache, unless `setup` gives each run a new one),
    so every command is timed as it runs day to day.
    """
    samples = []
    status = 0
    for run in range(runs + 1):
        env = {**os.environ, **(setup() if setup else {})}
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False, env=env)
        if run:
            samples.append((time.perf_counter() - started) * 1000)
        status = done.returncode
    return statistics.median(samples), status


def tool(name: str) -> str | None:
    found = BIN / name
    if found.exists():
        return str(found)
    return shutil.which(name)


class Bench:
    """Measurements by (label, plan), printed as they are taken."""

    def __init__(self, runs: int) -> None:
        self.runs = runs
        self.ms: dict[tuple[str, str], float] = {}

    def measure(
        self,
        label: str,
        subject: str,
        command: list[str],
        runs: int | None = None,
        setup: Setup | None = None,
    ) -> float:
        ms, status = timed(command, runs or self.runs, setup)
        self.ms[(label, subject)] = ms
        print(f"{label:<34} {subject:<16} {ms:9.0f} ms   exit {status}", flush=True)
        return ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per small measurement")
    parser.add_argument("--big", type=int, default=3000, help="files in the large plan")
    parser.add_argument("--actions", type=int, default=60_000, help="actions in the largest plan")
    parser.add_argument("--keep", type=Path, help="generate the plans here and keep them")
    parser.add_argument(
        "--goals-only",
        action="store_true",
        help="leave out the Word report and export timings (minutes on the large plan)",
    )
    args = parser.parse_args()

    # An installed wheel ships compiled bytecode; the editable checkout has it only once
    # written, and PYTHONDONTWRITEBYTECODE would otherwise make every run recompile slac.
    compileall.compile_dir(REPO / "src" / "slac_plan", quiet=1)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="slac-bench-"))
    slac = [sys.executable, "-m", "slac_plan"]
    yamllint, checker = tool("yamllint"), tool("check-jsonschema")
    schema = REPO / "schema" / "item.schema.json"
    big, huge = f"{args.big:,} files", f"{args.actions:,} actions"
    plans = {
        "bundled": REPO / "plan",
        "30 files": make_plan(workdir / "plan-30", 30),
        big: make_plan(workdir / f"plan-{args.big}", args.big),
        huge: make_plan(workdir / f"plan-{args.actions}", args.actions // ACTIONS_PER_ITEM),
    }
    os.sync()  # the generated files are written out now, not while something is being timed
    caches = workdir / "caches"
    warm = {"SLAC_CACHE_DIR": str(caches / "warm")}
    fresh = iter(range(1_000_000))

    def cold() -> dict[str, str]:
        return {"SLAC_CACHE_DIR": str(caches / f"cold-{next(fresh)}")}

    bench = Bench(args.runs)
    print(f"{'command':<34} {'plan':<16} {'median':>12}")
    base = bench.measure("python -c pass", "-", [sys.executable, "-c", "pass"], args.runs * 2)
    bench.measure("slac --help", "-", [*slac, "--help"], args.runs * 2)
    # What `slac validate` pays before reading a byte: the CLI, the YAML parser and the models.
    floor_command = [sys.executable, "-c", "import typer, slac_plan.files.loader"]
    floor = bench.measure("import floor", "-", floor_command, args.runs * 2)
    as_of = ["--as-of", "2012-03-01"]
    for name in ("bundled", "30 files", big):
        folder = plans[name]
        runs = 1 if name == big else None
        files = sorted(str(p) for p in (folder / "items").glob("*.yaml"))
        validate = [*slac, "validate", str(folder)]
        overdue = [*slac, "overdue", "--plan", str(folder), *as_of]
        bench.measure("slac validate, cold", name, validate, runs, cold)
        bench.measure("slac validate --no-cache", name, [*validate, "--no-cache"], runs)
        bench.measure("slac validate, warm", name, validate, None, lambda: warm)
        bench.measure("slac overdue, cold", name, overdue, runs, cold)
        bench.measure("slac overdue, warm", name, overdue, None, lambda: warm)
        if name == big:
            changing = Path(files[len(files) // 2])
            original = changing.read_text(encoding="utf-8")

            def one_changed(changing: Path = changing, original: str = original) -> dict[str, str]:
                # each run a new comment at the end: one file changed, a byte or two
                changing.write_text(original + f"# run {next(fresh)}\n", encoding="utf-8")
                return warm

            bench.measure("slac validate, one file changed", name, validate, None, one_changed)
            changing.write_text(original, encoding="utf-8")
        report = [*slac, "report", "monthly", "--month", "2012-02", "--plan", str(folder)]
        docx = [*report, "--format", "docx", "-o", os.devnull]
        if not args.goals_only:
            bench.measure("slac report (docx), warm", name, docx, runs, lambda: warm)
            export = [*slac, "export", "--plan", str(folder)]
            bench.measure("slac export, warm", name, export, runs)
        if yamllint:
            bench.measure("yamllint", name, [yamllint, "-d", "relaxed", str(folder)], runs)
        if checker:
            check = [checker, "--schemafile", str(schema), *files]
            bench.measure("check-jsonschema", name, check, runs)
    overdue = [*slac, "overdue", "--plan", str(plans[huge]), *as_of]
    bench.measure("slac overdue, cold", huge, overdue, 1, cold)
    bench.measure("slac overdue, warm", huge, overdue, None, lambda: warm)

    ms = bench.ms
    goals: list[tuple[str, float, float, str]] = [
        ("slac --help / python -c pass", ms[("slac --help", "-")] / base, 8.0, "x"),
    ]
    if yamllint:
        ratio = ms[("slac validate --no-cache", "bundled")] / ms[("yamllint", "bundled")]
        goals.append(("validate bundled (--no-cache) / yamllint", ratio, 0.75, "x"))
    if checker:
        for label in ("slac validate, cold", "slac validate --no-cache"):
            ratio = ms[(label, big)] / ms[("check-jsonschema", big)]
            goals.append(
                (f"{label.removeprefix('slac ')}, {big} / check-jsonschema", ratio, 0.3, "x")
            )
    for label in ("slac validate, warm", "slac overdue, warm"):
        goals.append(
            (
                f"{label.removeprefix('slac ')}, {big} / import floor",
                ms[(label, big)] / floor,
                3.0,
                "x",
            )
        )
    goals.append(("overdue, warm, " + huge, ms[("slac overdue, warm", huge)] / 1000, 2.4, "s"))
    print()
    print(f"import floor (typer + YAML parser + pydantic models, nothing read) = {floor:.0f} ms")
    print()
    print(f"| {'goal':<58} | {'measured':>9} | {'at most':>8} | met |")
    print(f"|{'-' * 60}|{'-' * 11}:|{'-' * 10}:|-----|")
    for goal, value, limit, unit in goals:
        met = "yes" if value <= limit else "NO"
        print(f"| {goal:<58} | {value:8.2f}{unit} | {limit:7.2f}{unit} | {met:<3} |")
    print()
    changed, first = ms[("slac validate, one file changed", big)], ms[("slac validate, cold", big)]
    print(f"validate with one file changed, {big}: {changed:.0f} ms (cold: {first:.0f} ms)")
    for label in () if args.goals_only else ("slac report (docx), warm", "slac export, warm"):
        each_small = ms[(label, "30 files")] / 30
        each_big = ms[(label, big)] / args.big
        print(
            f"{label}: {each_small:.0f} ms per item at 30 files, {each_big:.0f} ms at {big}"
            " (linear: about the same)"
        )
    if args.keep is None:
        shutil.rmtree(workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
