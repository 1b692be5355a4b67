"""Benchmark: slac against `python -c pass`, yamllint and check-jsonschema on the same files.

Generates synthetic plans of 30 and 3,000 recommendation files in the real schema (using the
bundled plan's registries), then times whole commands as a user runs them and prints medians.
A script that prints numbers, not a timed test: a noisy machine must not fail the suite.

    python scripts/bench.py [--runs N] [--big N] [--keep DIR]
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
        for n in range(1, 7)
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


def timed(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall time in ms over `runs` runs after one unmeasured warm-up, and the last status.

    The warm-up fills the page cache, so every command is timed as it runs day to day.
    """
    subprocess.run(command, capture_output=True, check=False)
    samples = []
    status = 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        samples.append((time.perf_counter() - started) * 1000)
        status = done.returncode
    return statistics.median(samples), status


def tool(name: str) -> str | None:
    found = BIN / name
    if found.exists():
        return str(found)
    return shutil.which(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per small measurement")
    parser.add_argument("--big", type=int, default=3000, help="files in the large plan")
    parser.add_argument("--keep", type=Path, help="generate the plans here and keep them")
    args = parser.parse_args()

    # An installed wheel ships compiled bytecode; the editable checkout has it only once
    # written, and PYTHONDONTWRITEBYTECODE would otherwise make every run recompile slac.
    compileall.compile_dir(REPO / "src" / "slac_plan", quiet=1)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="slac-bench-"))
    slac = [sys.executable, "-m", "slac_plan"]
    yamllint, checker = tool("yamllint"), tool("check-jsonschema")
    schema = REPO / "schema" / "item.schema.json"
    plans = {
        "bundled": REPO / "plan",
        "30 files": make_plan(workdir / "plan-30", 30),
        f"{args.big:,} files": make_plan(workdir / f"plan-{args.big}", args.big),
    }
    os.sync()  # the generated files are written out now, not while something is being timed
    rows: list[tuple[str, str, float, int]] = []

    def measure(label: str, subject: str, command: list[str], runs: int) -> None:
        ms, status = timed(command, runs)
        rows.append((label, subject, ms, status))
        print(f"{label:<22} {subject:<14} {ms:9.0f} ms   exit {status}", flush=True)

    print(f"{'command':<22} {'plan':<14} {'median':>12}")
    measure("python -c pass", "-", [sys.executable, "-c", "pass"], args.runs * 2)
    measure("slac --help", "-", [*slac, "--help"], args.runs * 2)
    # What `slac validate` pays before reading a byte: the CLI, the YAML parser and the models.
    floor = [sys.executable, "-c", "import typer, slac_plan.files.loader"]
    measure("import floor", "-", floor, args.runs * 2)
    for name, folder in plans.items():
        runs = args.runs if "3," not in name and "000" not in name else 1
        files = sorted(str(p) for p in (folder / "items").glob("*.yaml"))
        measure("slac validate", name, [*slac, "validate", str(folder)], runs)
        measure(
            "slac overdue",
            name,
            [*slac, "overdue", "--plan", str(folder), "--as-of", "2012-03-01"],
            runs,
        )
        report = [*slac, "report", "monthly", "--month", "2012-02", "--plan", str(folder)]
        measure("slac report (docx)", name, [*report, "--format", "docx", "-o", os.devnull], runs)
        measure("slac export", name, [*slac, "export", "--plan", str(folder)], runs)
        if yamllint:
            measure("yamllint", name, [yamllint, "-d", "relaxed", str(folder)], runs)
        if checker:
            measure("check-jsonschema", name, [checker, "--schemafile", str(schema), *files], runs)

    print()
    by = {(label, subject): ms for label, subject, ms, _ in rows}
    base = by[("python -c pass", "-")]
    print(f"slac --help = {by[('slac --help', '-')] / base:.1f}x python -c pass (goal: within 8x)")
    floor_ms = by[("import floor", "-")]
    print(f"import floor (typer + parser + pydantic models, nothing read) = {floor_ms:.0f} ms")
    if yamllint:
        share = floor_ms / by[("yamllint", "bundled")]
        print(f"import floor / yamllint, bundled: {share:.2f} (validate can be no lower)")
    for name in plans:
        if yamllint:
            ratio = by[("slac validate", name)] / by[("yamllint", name)]
            print(f"slac validate / yamllint, {name}: {ratio:.2f} (goal: at most 0.5)")
        if checker:
            ratio = by[("slac validate", name)] / by[("check-jsonschema", name)]
            print(f"slac validate / check-jsonschema, {name}: {ratio:.2f} (goal: at most 0.5)")
    small, big = "30 files", f"{args.big:,} files"
    for label in ("slac report (docx)", "slac export"):
        each_small = by[(label, small)] / 30
        each_big = by[(label, big)] / args.big
        print(
            f"{label}: {each_small:.0f} ms per item at 30 files, {each_big:.0f} ms at {big}"
            " (linear: about the same)"
        )
    if args.keep is None:
        shutil.rmtree(workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
