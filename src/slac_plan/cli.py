"""The `slac` command: parse arguments, call the library, report, exit. The only module that exits.

Heavy modules (pydantic, ruamel.yaml, rich) are imported inside the commands that need them,
so `slac --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from slac_plan.model import Plan


class Exit(IntEnum):
    """Exit statuses, as documented in the README."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2


class UserError(Exception):
    """A mistake in the arguments or the input: one line on stderr and exit 2."""


app = typer.Typer(
    name="slac",
    help="Keep an inspection action plan as code: validate it, see what is overdue, report on it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="The plan folder (else $SLAC_PLAN, else the nearest plan above the current folder).",
        show_default=False,
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--traceback", help="Show the full traceback of an internal error.")
]


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class DueFormat(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    json = "json"


class SchemaName(StrEnum):
    item = "item"
    plan = "plan"
    roles = "roles"
    boards = "boards"
    glossary = "glossary"


def main() -> None:
    """Console-script entry point: every expected error becomes one line and a status."""
    debug = "--traceback" in sys.argv
    try:
        app()  # click reports usage errors itself (exit 2); typer.Exit carries our statuses
    except UserError as error:
        _fail(f"slac: error: {error}", Exit.USAGE)
    except Exception as error:
        if debug:
            raise
        _fail(
            f"slac: internal error: {type(error).__name__}: {error} (rerun with --traceback)",
            Exit.USAGE,
        )


def _fail(message: str, status: Exit) -> NoReturn:
    print(message, file=sys.stderr)
    sys.exit(status)


def _parse_date(value: str | None, option: str) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option}: '{value}' is not a date; write it as YYYY-MM-DD") from None


def _locate(plan: Path | None) -> Path:
    from slac_plan.locate import PlanNotFound, find_plan

    try:
        return find_plan(plan, os.environ, Path.cwd())
    except PlanNotFound as error:
        raise UserError(str(error)) from None


def _load_valid(root: Path, today: date, debug: bool) -> Plan:
    """The plan at `root`, or exit 1 with its problems: queries refuse an invalid plan."""
    from slac_plan.formats import problems_text
    from slac_plan.validate import validate_plan

    loaded = validate_plan(root, today, debug=debug)
    plan = loaded.plan()
    errors = [p for p in loaded.problems if p.severity == "error"]
    if errors or plan is None:
        sys.stderr.write(problems_text(errors[:20], Path.cwd()))
        more = f" (showing 20 of {len(errors)})" if len(errors) > 20 else ""
        _fail(
            f"slac: the plan has problems{more}; fix them first (see 'slac validate')",
            Exit.PROBLEMS,
        )
    return plan


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan folders or plan files (default: the plan found as for --plan).",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    output_format: Annotated[
        ProblemFormat | None,
        typer.Option("--format", help="text, json, or github (default under GitHub Actions)."),
    ] = None,
    traceback: DebugOption = False,
) -> None:
    """Check the plan: YAML, schema and cross-references. Every problem, sorted, at file:line:col.

    Exit status: 0 clean, 1 problems found, 2 unreadable input or wrong usage.
    """
    from slac_plan.formats import PROBLEM_FORMATS
    from slac_plan.validate import validate_paths

    targets = paths or [_locate(plan)]
    result = validate_paths(targets, date.today(), debug=traceback)
    chosen = output_format or (
        ProblemFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ProblemFormat.text
    )
    sys.stdout.write(PROBLEM_FORMATS[chosen.value](result.problems, Path.cwd()))
    if chosen is ProblemFormat.text:
        errors = len(result.errors)
        warnings = len(result.problems) - errors
        summary = (
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
            if result.problems
            else "no problems"
        )
        print(
            f"{summary} in {result.files} file{'s' * (result.files != 1)} checked", file=sys.stderr
        )
    if result.unreadable:
        raise typer.Exit(Exit.USAGE)
    raise typer.Exit(Exit.PROBLEMS if result.errors else Exit.OK)


@app.command()
def overdue(
    plan: PlanOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The date to judge by, YYYY-MM-DD (default: today)."),
    ] = None,
    lead: Annotated[str | None, typer.Option(help="Only actions this role id leads.")] = None,
    board: Annotated[
        str | None, typer.Option(help="Only actions accountable to this board or role id.")
    ] = None,
    section: Annotated[str | None, typer.Option(help="Only this section id.")] = None,
    due_within: Annotated[
        int | None,
        typer.Option("--due-within", min=0, help="Also list what falls due in the next DAYS days."),
    ] = None,
    output_format: Annotated[
        TableFormat, typer.Option("--format", help="table, json, csv or markdown.")
    ] = TableFormat.table,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="A folder of templates that override the bundled ones."),
    ] = None,
    fail_if_any: Annotated[
        bool, typer.Option("--fail-if-any", help="Exit 1 when anything is overdue (for CI).")
    ] = False,
    traceback: DebugOption = False,
) -> None:
    """List every action and sub-action that is overdue, most overdue first."""
    from slac_plan import formats, queries

    today = date.today()
    when = _parse_date(as_of, "--as-of")
    loaded = _load_valid(_locate(plan), today, traceback)
    filters = queries.Filters(lead=lead, board=board, section=section)
    _check_filters(loaded, filters)
    entries = queries.overdue(loaded, when, filters)
    upcoming = (
        queries.due_within(loaded, when, due_within, filters) if due_within is not None else None
    )
    if output_format is TableFormat.json:
        sys.stdout.write(formats.overdue_json(loaded, when, entries, upcoming))
    elif output_format is TableFormat.csv:
        sys.stdout.write(formats.overdue_csv(loaded, when, entries, upcoming))
    elif output_format is TableFormat.markdown:
        sys.stdout.write(formats.overdue_markdown(loaded, when, entries, templates))
    elif sys.stdout.isatty():
        from slac_plan.display import overdue_table

        overdue_table(sys.stdout, loaded, when, entries, upcoming)
    else:
        sys.stdout.write(formats.overdue_text(loaded, when, entries, upcoming))
    raise typer.Exit(Exit.PROBLEMS if fail_if_any and entries else Exit.OK)


def _check_filters(plan: Plan, filters: object) -> None:
    from slac_plan.integrity import did_you_mean
    from slac_plan.queries import Filters

    assert isinstance(filters, Filters)
    known = {
        "--lead": (filters.lead, {role.id for role in plan.roles}),
        "--board": (filters.board, {b.id for b in plan.boards} | {r.id for r in plan.roles}),
        "--section": (filters.section, {s.id for s in plan.meta.sections}),
    }
    for option, (value, ids) in known.items():
        if value is not None and value not in ids:
            hint = did_you_mean(value, ids)
            raise UserError(
                f"{option}: no such id '{value}' in the plan" + (f"; {hint}" if hint else "")
            )


@app.command()
def due(
    wording: Annotated[str, typer.Argument(help="A 'By when' wording, in quotes.")],
    context_date: Annotated[
        str | None,
        typer.Option(
            "--context-date",
            help="The date 'Immediate' and month names without a year count from "
            "(default: the plan's report date, else today).",
        ),
    ] = None,
    plan: PlanOption = None,
    output_format: Annotated[DueFormat, typer.Option("--format", help="text or json.")] = (
        DueFormat.text
    ),
) -> None:
    """Show how slac reads a 'By when' wording, to check a cell before committing it.

    Exit status 1 when the wording gives no usable date.
    """
    from slac_plan.dates import DueKind, parse_due
    from slac_plan.formats import due_json, due_text

    context = _context_date(context_date, plan)
    reading = parse_due(wording, context)
    render = due_json if output_format is DueFormat.json else due_text
    sys.stdout.write(render(reading, context))
    raise typer.Exit(Exit.PROBLEMS if reading.kind is DueKind.UNREAD else Exit.OK)


def _context_date(value: str | None, plan: Path | None) -> date:
    if value is not None:
        return _parse_date(value, "--context-date")
    from slac_plan.loader import PLAN_FILE, load_model
    from slac_plan.locate import PlanNotFound, find_plan
    from slac_plan.model import PlanMeta

    try:
        root = find_plan(plan, os.environ, Path.cwd())
    except PlanNotFound as error:
        if plan is not None:
            raise UserError(str(error)) from None
        return date.today()
    meta = load_model(root / PLAN_FILE, PlanMeta)
    if isinstance(meta, list) or not isinstance(meta[0], PlanMeta):
        raise UserError(f"{root / PLAN_FILE} has problems; run 'slac validate'")
    return meta[0].inspection.report_date


@app.command()
def export(
    plan: PlanOption = None,
    output_format: Annotated[ExportFormat, typer.Option("--format", help="json.")] = (
        ExportFormat.json
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    traceback: DebugOption = False,
) -> None:
    """Write the whole plan as one JSON document: every field, ids resolved, dues computed."""
    import json

    from slac_plan.export import export_plan

    loaded = _load_valid(_locate(plan), date.today(), traceback)
    text = json.dumps(export_plan(loaded), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file's schema.")] = SchemaName.item,
    output: Annotated[
        Path | None,
        typer.Option("--write", help="Write every schema as NAME.schema.json into this folder."),
    ] = None,
) -> None:
    """Print the JSON Schema of a plan file (for editors such as VS Code), or write them all."""
    from slac_plan.schemas import render_schemas

    rendered = render_schemas()
    if output is None:
        sys.stdout.write(rendered[name.value])
        return
    output.mkdir(parents=True, exist_ok=True)
    for key, text in rendered.items():
        (output / f"{key}.schema.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(rendered)} schemas to {output}", file=sys.stderr)


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        from importlib.metadata import version as package_version

        print(f"slac {package_version('slac-plan')}")
        raise typer.Exit(Exit.OK)
