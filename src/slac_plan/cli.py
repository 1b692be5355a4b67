"""The `slac` command: parse arguments, call the library, report, exit. The only module that exits.

Heavy modules (pydantic, ruamel.yaml, rich) are imported inside the commands that need them,
so `slac --help` stays fast.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from slac_plan.core.problems import InputError  # light: no pydantic, no YAML
from slac_plan.output.choices import (
    DetailFormat,
    ExportFormat,
    ProblemFormat,
    ReportFormat,
    TaskListChoice,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import BinaryIO

    from slac_plan.core.dates import TermEnds
    from slac_plan.core.model import Plan
    from slac_plan.core.problems import Problem
    from slac_plan.editing.edit import Edited
    from slac_plan.files.cache import Cache
    from slac_plan.reports.report import Period


T = TypeVar("T")


class Exit(IntEnum):
    """Exit statuses, as documented in the README."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    BUG = 70
    """An error in slac itself (EX_SOFTWARE), never the user's."""


class UserError(InputError):
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
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Plan folders or plan files (default: the plan found as for --plan).",
        show_default=False,
    ),
]
ProblemFormatOption = Annotated[
    ProblemFormat | None,
    typer.Option(
        "--format", help="text, json, github (default under GitHub Actions), sarif or junit."
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--traceback", help="Show the full traceback of an internal error.")
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Read and check every file again; neither use nor update the cache."
    ),
]


class SchemaName(StrEnum):
    item = "item"
    plan = "plan"
    roles = "roles"
    boards = "boards"
    glossary = "glossary"


class _Run:
    """What `main` learned before the command ran."""

    debug = False
    """--traceback was given (to any command): internal errors keep their traceback."""


RUN = _Run()


def main() -> None:
    """Console-script entry point: every expected error becomes one line and a status."""
    # A large plan is hundreds of thousands of long-lived objects and almost no cycles, and a
    # command lives seconds: the collector's passes over them would cost a third of its time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _main()
    finally:
        if collecting:  # main() called from Python (tests, scripts) leaves the collector as it was
            gc.enable()


def _main() -> None:
    RUN.debug = debug = "--traceback" in sys.argv
    if debug:  # taken here, so that every command accepts it
        sys.argv = [arg for arg in sys.argv if arg != "--traceback"]
    try:
        app()  # click reports usage errors itself (exit 2); typer.Exit carries our statuses
    except (UserError, InputError) as error:
        _fail(f"slac: error: {error}", Exit.USAGE)
    except OSError as error:  # the system refused: a full disk, a read-only file system
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"slac: error: {where}{error.strerror or error}", Exit.USAGE)
    except Exception as error:
        if debug:
            raise
        _fail(
            f"slac: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in slac, not a problem with your plan: please report it with what "
            "the same command prints with --traceback.",
            Exit.BUG,
        )


def _fail(message: str, status: Exit) -> NoReturn:
    print(message, file=sys.stderr)
    sys.exit(status)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a generated file whole or not at all: a half-written calendar imports broken."""
    from slac_plan.files.safewrite import ANYTHING, WriteRefused, replace_file

    if path.is_dir():
        raise UserError(f"--output: {path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise UserError(f"{path}: No such file or directory")
    try:
        replace_file(path, data, ANYTHING)
    except WriteRefused as error:
        _fail(f"slac: refused: {error}", Exit.PROBLEMS)


def _parse_date(value: str | None, option: str) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from slac_plan.core.dates import uk_numeric_date

        day = uk_numeric_date(value)
        form = day.isoformat() if day else "YYYY-MM-DD"
        raise UserError(f"{option}: '{value}' is not a date; write it as {form}") from None


def _locate(plan: Path | None) -> Path:
    from slac_plan.files.locate import PlanNotFound, find_plan

    try:
        return find_plan(plan, os.environ, Path.cwd())
    except PlanNotFound as error:
        raise UserError(str(error)) from None


def _cache(no_cache: bool) -> Cache:
    """The cache a command uses: the user's (or $SLAC_CACHE_DIR), unless --no-cache."""
    from slac_plan.files.cache import NO_CACHE, Cache, default_folder

    return NO_CACHE if no_cache else Cache(default_folder())


def _load_valid(root: Path, today: date, debug: bool, no_cache: bool) -> Plan:
    """The plan at `root`, or exit 1 with its problems: queries refuse an invalid plan."""
    from slac_plan.checks.validate import valid_plan

    return _valid(
        lambda: valid_plan(root, today, debug=debug or RUN.debug, cache=_cache(no_cache))[0]
    )


def _valid(load: Callable[[], T]) -> T:
    """What `load` returns, or exit 1 with the plan's problems when it does not validate."""
    from slac_plan.checks.validate import PlanHasProblems
    from slac_plan.output.formats import problems_text

    try:
        return load()
    except PlanHasProblems as invalid:
        errors = invalid.problems
        sys.stderr.write(problems_text(errors[:20], Path.cwd()))
        more = f" (showing 20 of {len(errors)})" if len(errors) > 20 else ""
        _fail(
            f"slac: the plan has problems{more}; fix them first (see 'slac validate')",
            Exit.PROBLEMS,
        )


@app.command()
def validate(
    paths: PathsArgument = None,
    plan: PlanOption = None,
    output_format: ProblemFormatOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the plan: YAML, schema and cross-references. Every problem, sorted, at file:line:col.

    Exit status: 0 clean, 1 problems found, 2 unreadable input or wrong usage.
    """
    from slac_plan.checks.validate import validate_paths

    targets = paths or [_locate(plan)]
    result = validate_paths(
        targets, date.today(), debug=traceback or RUN.debug, cache=_cache(no_cache)
    )
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    count = len(result.files)
    summary = (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        if result.problems
        else "no problems"
    )
    _report_problems(
        result.problems,
        result.files,
        output_format,
        f"{summary} in {count} file{'s' * (count != 1)} checked",
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
        TaskListChoice,
        typer.Option("--format", help="table, json, csv, markdown or xlsx (Excel; needs -o)."),
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="A folder of templates that override the bundled ones."),
    ] = None,
    fail_if_any: Annotated[
        bool, typer.Option("--fail-if-any", help="Exit 1 when anything is overdue (for CI).")
    ] = False,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """List what is overdue, most overdue first.

    Every action and sub-action not complete whose due date has passed.
    """
    from slac_plan import api
    from slac_plan.core.filters import Filters
    from slac_plan.files.cache import NO_CACHE
    from slac_plan.output import formats

    when = _parse_date(as_of, "--as-of")
    make_file = formats.TASK_LIST_FILES.get(output_format)
    kept: list[formats.TaskList] = []
    render: Callable[[formats.TaskList], str]

    def keep(found: formats.TaskList) -> str:
        kept.append(found)
        return ""

    if make_file is not None:
        _binary_needs_output(output_format, output)
        # api.overdue_listing renders text, which its cache keeps; a workbook is bytes, so
        # `keep` takes the task list it is handed and the workbook is made from that below
        # (without the cache, which would answer without handing one over).
        render, shape, cache = keep, "file", NO_CACHE
    else:
        render, shape = formats.TASK_LIST_FORMATS[output_format], str(output_format)
        cache = _cache(no_cache)
    if output_format == "table" and output is None and sys.stdout.isatty():
        from slac_plan.output.display import terminal_renderer

        render, shape = terminal_renderer(sys.stdout)
    listing = _valid(
        lambda: api.overdue_listing(
            _locate(plan),
            as_of=when,
            today=date.today(),
            filters=Filters(lead=lead, board=board, section=section),
            due_within=due_within,
            templates=templates,
            render=render,
            shape=shape,
            cache=cache,
            debug=traceback or RUN.debug,
        )
    )
    if make_file is not None:
        data = make_file(kept[0])
        _emit(lambda stream: stream.write(data), output)
    elif output is not None:
        _emit(lambda stream: stream.write(listing.text.encode("utf-8")), output)
    else:
        sys.stdout.write(listing.text)
    raise typer.Exit(Exit.PROBLEMS if fail_if_any and listing.overdue else Exit.OK)


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
    output_format: Annotated[DetailFormat, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Show how slac reads a 'By when' wording.

    Check a cell this way before committing it.

    Exit status 1 when the wording gives no usable date.
    """
    from slac_plan.core.dates import DueKind, parse_due
    from slac_plan.output.formats import DUE_FORMATS

    context, terms = _context_date(context_date, plan)
    reading = parse_due(wording, context, terms=terms)
    render = DUE_FORMATS[output_format]
    sys.stdout.write(render(reading, context))
    raise typer.Exit(Exit.PROBLEMS if reading.kind is DueKind.UNREAD else Exit.OK)


@app.command()
def show(
    action_id: Annotated[str, typer.Argument(help="An action or sub-action id, e.g. SG-R1.2.")],
    plan: PlanOption = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The date, YYYY-MM-DD (default: today).")
    ] = None,
    output_format: Annotated[DetailFormat, typer.Option("--format", help="text or json.")] = "text",
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """One action: text, leads, By when and its reading, due and moves, status, evidence, lint."""
    from slac_plan.checks.lint import lint_loaded
    from slac_plan.checks.validate import valid_plan
    from slac_plan.output.formats import SHOW_FORMATS
    from slac_plan.output.show import UnknownAction
    from slac_plan.output.show import show as show_action

    day = _parse_date(as_of, "--as-of")
    root = _locate(plan)
    loaded, read = _valid(
        lambda: valid_plan(root, date.today(), debug=traceback or RUN.debug, cache=_cache(no_cache))
    )
    linted = lint_loaded(read, as_of=day)
    findings = [
        f"{r.problem.severity} {r.problem.code} {r.problem.message}"
        for r in linted.reported
        if action_id in r.finding.tasks
    ]
    try:
        shown = show_action(loaded, action_id, day, findings)
    except UnknownAction as error:
        raise UserError(str(error)) from None
    sys.stdout.write(SHOW_FORMATS[output_format](shown))


def _context_date(value: str | None, plan: Path | None) -> tuple[date, TermEnds | None]:
    """The day a wording is read from (--context-date, else the plan's, else today), and the
    plan's school term ends, when a plan is found."""
    from slac_plan.core.model import PlanMeta
    from slac_plan.files.loader import PLAN_FILE, load_model
    from slac_plan.files.locate import PlanNotFound, find_plan

    given = _parse_date(value, "--context-date") if value is not None else None
    try:
        root = find_plan(plan, os.environ, Path.cwd())
    except PlanNotFound as error:
        if plan is not None:
            raise UserError(str(error)) from None
        return given or date.today(), None
    meta = load_model(root / PLAN_FILE, PlanMeta)
    if isinstance(meta, list) or not isinstance(meta[0], PlanMeta):
        raise UserError(f"{root / PLAN_FILE} has problems; run 'slac validate'")
    return given or meta[0].inspection.context, meta[0].term_ends()


CodesOption = Annotated[
    str | None,
    typer.Option(help="Comma-separated rule codes or families, e.g. T,S001.", show_default=False),
]


def _codes(value: str | None) -> list[str]:
    return [code.strip().upper() for code in (value or "").split(",") if code.strip()]


@app.command()
def lint(
    paths: PathsArgument = None,
    plan: PlanOption = None,
    select: CodesOption = None,
    ignore: CodesOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge overdue actions as of this date (default: today)."),
    ] = None,
    output_format: ProblemFormatOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the plan against the SMART rules.

    The plan is validated first; 'slac rules' lists the rules.

    Exit status: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage or unreadable.
    """
    from slac_plan.checks.lint import UnknownCode, check_codes, lint_paths

    selected, ignored = _codes(select), _codes(ignore)
    try:
        check_codes([*selected, *ignored])
    except UnknownCode as error:
        raise UserError(str(error)) from None
    when = _parse_date(as_of, "--as-of")
    problems, files = lint_paths(
        paths or [_locate(plan)],
        today=date.today(),
        as_of=when,
        select=selected or None,
        ignore=ignored,
        debug=traceback or RUN.debug,
        cache=_cache(no_cache),
    )
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    summary = (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {len(set(files))} files"
    )
    _report_problems(problems, files, output_format, summary, strict)
    failing = [p for p in problems if strict or p.severity == "error"]
    if any(p.code.startswith("F") for p in problems):
        raise typer.Exit(Exit.USAGE)
    raise typer.Exit(Exit.PROBLEMS if failing else Exit.OK)


def _report_problems(
    problems: list[Problem],
    files: list[Path],
    chosen: str | None,
    summary: str,
    strict: bool = False,
) -> None:
    """Problems in the chosen format (under GitHub Actions, annotations by default); the text
    format ends with a summary line on stderr."""
    from slac_plan.output.formats import PROBLEM_FORMATS, ProblemReport

    if chosen is None:
        chosen = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    version = _version() if chosen == "sarif" else ""
    report = ProblemReport(problems, files, Path.cwd(), version, strict)
    sys.stdout.write(PROBLEM_FORMATS[chosen](report))
    if chosen == "text":
        print(summary, file=sys.stderr)


def _version() -> str:
    from importlib.metadata import version as package_version

    return package_version("slac-plan")


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="A code, e.g. T002 (a rule) or V303 (validation).")
    ] = None,
) -> None:
    """List the SMART rules, or explain any code: a rule's or a validation problem's."""
    from slac_plan.checks.explain import EXPLANATIONS
    from slac_plan.checks.lint import META_CODES, UnknownCode, check_codes
    from slac_plan.checks.rules import BY_CODE, RULES
    from slac_plan.core.problems import CODES
    from slac_plan.output.formats import plain_table

    if code is None:
        rows = [[r.code, r.name, str(r.severity), r.message] for r in RULES]
        sys.stdout.write(plain_table(("code", "name", "severity", "message"), rows))
        sys.stdout.write("\nValidation codes (F, Y, V, X, L) are explained too: slac rules V303\n")
        return
    wanted = code.strip().upper()
    titles = {**CODES, **META_CODES}
    if wanted in titles:
        sys.stdout.write(f"{wanted} {titles[wanted]}\n\n{EXPLANATIONS[wanted]}\n")
        return
    if wanted not in BY_CODE:
        try:
            check_codes([wanted])
        except UnknownCode as error:
            raise UserError(str(error)) from None
        raise UserError(f"'{wanted}' is a family; name one rule, e.g. {wanted}001")
    rule = BY_CODE[wanted]
    print(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.documentation()}")


@app.command()
def smart(
    plan: PlanOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge overdue actions as of this date (default: today)."),
    ] = None,
    output_format: Annotated[DetailFormat, typer.Option("--format", help="text or json.")] = "text",
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Show the SMART scorecard of every action.

    S M A R T per action, and the share of actions fully SMART.
    """

    from slac_plan.checks.lint import lint_plan
    from slac_plan.checks.smart import scorecard
    from slac_plan.output.formats import SCORECARD_FORMATS, problems_text

    when = _parse_date(as_of, "--as-of")
    result = lint_plan(
        _locate(plan),
        today=date.today(),
        as_of=when,
        debug=traceback or RUN.debug,
        cache=_cache(no_cache),
    )
    if result.plan is None:
        sys.stderr.write(problems_text(result.problems[:20], Path.cwd()))
        _fail("slac: the plan has problems; fix them first (see 'slac validate')", Exit.PROBLEMS)
    card = scorecard(result)
    sys.stdout.write(SCORECARD_FORMATS[output_format](card))


report_app = typer.Typer(
    help="Render a report: monthly, quarterly, for a board or for a lead.",
    no_args_is_help=True,
)
app.add_typer(report_app, name="report")


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", help="md, html, docx (Word) or pdf (needs the pdf extra)."),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="A folder of templates that override the bundled ones."),
]
MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]


def _write_report(report: object, fmt: str, output: Path | None, templates: Path | None) -> None:
    from slac_plan.reports.render import render_report

    rendered = render_report(report, fmt, templates)
    if isinstance(rendered, bytes):
        if output is None:
            raise UserError(f"a {fmt} document is binary: give --output FILE.{fmt}")
        _write_atomically(output, rendered)
    elif output is None:
        sys.stdout.write(rendered)
    else:
        _write_atomically(output, rendered.encode("utf-8"))


def _period(kind: str, value: str) -> Period:
    from slac_plan.reports import report

    try:
        return report.month_period(value) if kind == "month" else report.quarter_period(value)
    except ValueError as error:
        raise UserError(f"--{kind}: {error}") from None


@report_app.command("monthly")
def report_monthly(
    month: MonthOption,
    plan: PlanOption = None,
    output_format: ReportFormatOption = "md",
    output: OutputOption = None,
    templates: TemplatesOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The monthly update document.

    Every action as the plan is laid out: the position at the close of the month.
    """
    from slac_plan import api

    _period("month", month)  # a usage error before the plan is read
    root = _locate(plan)
    context = _valid(
        lambda: api.monthly_update(root, month, today=date.today(), cache=_cache(no_cache))
    )
    _write_report(context, output_format, output, templates)


@report_app.command("quarterly")
def report_quarterly(
    quarter: Annotated[str, typer.Option("--quarter", help="The quarter, e.g. 2012Q1.")],
    plan: PlanOption = None,
    output_format: ReportFormatOption = "md",
    output: OutputOption = None,
    templates: TemplatesOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The quarterly data set.

    Status by section and recommendation, what was completed, and the trend.
    """
    from slac_plan import api

    _period("quarter", quarter)  # a usage error before the plan is read
    root = _locate(plan)
    context = _valid(
        lambda: api.quarterly_report(root, quarter, today=date.today(), cache=_cache(no_cache))
    )
    _write_report(context, output_format, output, templates)


@report_app.command("board")
def report_board(
    board: Annotated[str, typer.Argument(help="A board (or role) id, e.g. lscb.")],
    month: MonthOption,
    plan: PlanOption = None,
    output_format: ReportFormatOption = "md",
    output: OutputOption = None,
    templates: TemplatesOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """One board's report.

    What is accountable to the board, or due to be reported to it that month.
    """
    from slac_plan.core.filters import Filters
    from slac_plan.core.queries import check_filters
    from slac_plan.reports import report

    loaded = _load_valid(_locate(plan), date.today(), traceback, no_cache)
    wanted = _board_id(loaded, board)
    check_filters(loaded, Filters(board=wanted))
    period = _period("month", month)
    _write_report(report.board_report(loaded, wanted, period), output_format, output, templates)


def _board_id(plan: Plan, given: str) -> str:
    """A board id, accepting its acronym or a known wording ("LSCB" -> "lscb")."""
    for board in plan.boards:
        if given.lower() in {board.id.lower(), *(v.lower() for v in board.variants)}:
            return board.id
    return given


@report_app.command("lead")
def report_lead(
    role: Annotated[str, typer.Argument(help="A role id from roles.yaml.")],
    plan: PlanOption = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The date, YYYY-MM-DD (default: today).")
    ] = None,
    output_format: ReportFormatOption = "md",
    output: OutputOption = None,
    templates: TemplatesOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """One lead's actions, overdue first."""
    from slac_plan.core.filters import Filters
    from slac_plan.core.queries import check_filters
    from slac_plan.reports import report

    loaded = _load_valid(_locate(plan), date.today(), traceback, no_cache)
    check_filters(loaded, Filters(lead=role))
    when = _parse_date(as_of, "--as-of")
    _write_report(report.lead_report(loaded, role, when), output_format, output, templates)


evidence_app = typer.Typer(help="Add evidence of progress to an action.", no_args_is_help=True)
app.add_typer(evidence_app, name="evidence")
new_app = typer.Typer(help="Start a new plan file from a template.", no_args_is_help=True)
app.add_typer(new_app, name="new")

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a diff; write nothing.")
]


def _run_edit(edit: Callable[[], Edited], dry_run: bool) -> None:
    """Run an edit, print its diff, and turn a refusal into one line and a status."""
    from slac_plan.editing.edit import UnknownTarget
    from slac_plan.files.safewrite import WriteRefused
    from slac_plan.files.yamledit import EditRefused

    try:
        result = edit()
    except UnknownTarget as error:
        raise UserError(str(error)) from None
    except (EditRefused, WriteRefused) as error:
        _fail(f"slac: refused: {error}", Exit.PROBLEMS)
    sys.stdout.write(result.diff)
    shown = formats_shown(result.path)
    if dry_run:
        print(f"dry run: {shown} not changed", file=sys.stderr)
    elif result.written:
        print(f"updated {shown}", file=sys.stderr)
    else:
        print(f"{shown} already says so: nothing to change", file=sys.stderr)


def formats_shown(path: Path) -> str:
    from slac_plan.output.formats import shown_path

    return shown_path(path, Path.cwd())


@evidence_app.command("add")
def evidence_add(
    action_id: Annotated[str, typer.Argument(help="An action or sub-action id, e.g. SG-R1.1.")],
    text: Annotated[str, typer.Argument(help="What was done, in quotes.")],
    when: Annotated[
        str | None, typer.Option("--date", help="The evidence date, YYYY-MM-DD (default: today).")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="The role id reporting it.")] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Append a dated evidence entry to an action or sub-action, changing nothing else."""
    from slac_plan.editing.edit import add_evidence

    today = date.today()
    day = _parse_date(when, "--date")
    loaded = _load_valid(_locate(plan), today, traceback, no_cache)
    _run_edit(
        lambda: add_evidence(loaded, action_id, text, day, by, today=today, dry_run=dry_run),
        dry_run,
    )


@app.command()
def status(
    action_id: Annotated[str, typer.Argument(help="An action or sub-action id, e.g. SG-R1.1.")],
    new_status: Annotated[
        str | None,
        typer.Argument(
            metavar="STATUS",
            help="One of the plan's statuses (by default not-started, in-progress or complete).",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", help="Evidence to add with it (needed to complete an action that has none)."
        ),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option("--date", help="The date of the change, YYYY-MM-DD (default: today)."),
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="Move the due date to this day, YYYY-MM-DD.")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the due date moves.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="The role id reporting the --note evidence.")
    ] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Set an action's status or move its due date.

    Changes nothing else in the file.
    """
    from slac_plan.editing.edit import set_status

    today = date.today()
    day = _parse_date(when, "--date")
    new_due = _parse_date(due, "--due") if due is not None else None
    loaded = _load_valid(_locate(plan), today, traceback, no_cache)
    _run_edit(
        lambda: set_status(
            loaded,
            action_id,
            new_status,
            note=note,
            when=day,
            due=new_due,
            reason=reason,
            by=by,
            today=today,
            dry_run=dry_run,
        ),
        dry_run,
    )


@new_app.command("recommendation")
def new_recommendation(
    section: Annotated[str, typer.Option("--section", help="The section id it belongs to.")],
    title: Annotated[str, typer.Option("--title", help="Its text, as the inspectors wrote it.")],
    item_id: Annotated[
        str | None, typer.Option("--id", help="Its id (default: the section's next free id).")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option("--date", help="The day it was added, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    templates: TemplatesOption = None,
    dry_run: DryRunOption = False,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Write a new recommendation (or area for development) file, valid from the start."""
    from slac_plan.editing.edit import new_item
    from slac_plan.reports.render import render

    today = date.today()
    added = _parse_date(when, "--date")
    loaded = _load_valid(_locate(plan), today, traceback, no_cache)
    _run_edit(
        lambda: new_item(
            loaded,
            section,
            title,
            item_id=item_id,
            render=lambda context: render("item.yaml.j2", context, templates),
            when=added,
            today=today,
            dry_run=dry_run,
        ),
        dry_run,
    )


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Where the plan goes (default: ./plan).", show_default=False)
    ] = Path("plan"),
    authority: Annotated[
        str | None, typer.Option("--authority", help="The council, e.g. 'Brent Council'.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The plan's title.")] = None,
    source_date: Annotated[
        str | None,
        typer.Option(
            "--source-date",
            help="When the inspection's report was published, YYYY-MM-DD or YYYY-MM.",
        ),
    ] = None,
    framework: Annotated[
        str, typer.Option("--framework", help="What the plan answers, e.g. 'Serious case review'.")
    ] = "Inspection",
    inspectorate: Annotated[
        list[str] | None,
        typer.Option("--inspectorate", help="Who inspected (repeat for several): Ofsted, CQC."),
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option("--section", help="A section's title (repeat; default: Recommendations)."),
    ] = None,
    repository: Annotated[
        bool | None,
        typer.Option(
            "--repo/--no-repo",
            help="Also write the repository's files (editor schemas, pre-commit, CI, README); "
            "by default when the folder is in a git repository.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be written; write nothing.")
    ] = False,
    traceback: DebugOption = False,
) -> None:
    """Start a plan: a minimal valid plan in FOLDER, and the files that wire its repository.

    Asks for what it needs on a terminal; never overwrites anything.
    """
    import re

    from slac_plan.core.model import YearMonth
    from slac_plan.editing.scaffold import NewPlan, repository_of, scaffold, write

    asking = sys.stdin.isatty() and sys.stdout.isatty()
    authority = authority or _asked(asking, "--authority", "The council's name")
    title = title or _asked(asking, "--title", "The plan's title")
    when = source_date or _asked(asking, "--source-date", "The report's date (YYYY-MM-DD)")
    month = re.fullmatch(r"(\d{4})-(\d{2})", when.strip())
    day = YearMonth(int(month[1]), int(month[2])) if month else _parse_date(when, "--source-date")
    plan = NewPlan(
        authority,
        title,
        framework,
        day,
        tuple(inspectorate or ()),
        tuple(section or ("Recommendations",)),
    )
    root = repository_of(folder) if repository is not False else None
    if repository and root is None:
        root = Path.cwd()
    built = scaffold(plan, folder, root)
    written = list(built.files) if dry_run else write(built)
    verb = "would write" if dry_run else "wrote"
    for path in written:
        print(f"{verb} {path}")
    for path in built.kept:
        print(f"kept {path} (it exists)")
    if not dry_run:
        print(
            f"next: slac new recommendation --plan {folder} --section "
            f"{built.first_section} --title '...'",
            file=sys.stderr,
        )


def _asked(asking: bool, option: str, question: str) -> str:
    """A value the user must give: asked on a terminal, else a usage error naming the option."""
    if not asking:
        raise UserError(f"{option} is needed (or run slac init on a terminal to be asked)")
    answer = str(typer.prompt(question)).strip()
    if not answer:
        raise UserError(f"{option} is needed")
    return answer


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(help="The plan as the council keeps it: Word (.docx), Excel (.xlsx), CSV."),
    ],
    plan: PlanOption = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            help="Put every item in this existing section (default: sections named by the "
            "document's headings, made as needed).",
        ),
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="COLUMN=FIELD: what a column slac does not recognise holds, e.g. "
            "--map 'What we will do=action' (repeatable).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be made; write nothing.")
    ] = False,
    traceback: DebugOption = False,
) -> None:
    """Read an existing action plan (Word table, Excel tracker, CSV) into plan files.

    Prints what it made of the documents first; writes nothing if that would overwrite a file
    or leave the plan invalid (exit 1).
    """
    from slac_plan.importing.errors import ImportRefused
    from slac_plan.importing.importer import plan_import, write_import

    pairs: dict[str, str] = {}
    for given in mapping or []:
        column, sep, field = given.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise UserError(f"--map {given}: write it as COLUMN=FIELD, e.g. 'Lead officer=leads'")
        pairs[column.strip()] = field.strip()
    try:
        planned = plan_import(
            files, _locate(plan), section=section, mapping=pairs, today=date.today()
        )
        for line in planned.report.lines():
            print(line)
        if planned.refused:
            for why in planned.refusals:
                print(f"slac: import refused: {why}", file=sys.stderr)
            _fail("slac: nothing was written", Exit.PROBLEMS)
        if dry_run:
            print(f"{len(planned.writes)} files would be written (--dry-run: nothing written)")
            return
        written = write_import(planned)
    except ImportRefused as refused:
        _fail(f"slac: import refused: {refused}", Exit.PROBLEMS)
    for path in written:
        print(f"wrote {path}")


if TYPE_CHECKING:
    from slac_plan.core.model import YearMonth


def _year_month(value: str, option: str) -> YearMonth:
    from slac_plan.exchange.layout import parse_month

    try:
        return parse_month(value)
    except ValueError as error:
        raise UserError(f"{option}: {error}") from None


@app.command()
def request(
    month: MonthOption,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The folder to write the workbooks into (made if missing)."
        ),
    ],
    lead: Annotated[
        str | None, typer.Option("--lead", help="One lead: a role id from roles.yaml.")
    ] = None,
    every_lead: Annotated[
        bool, typer.Option("--all", help="Every lead with an action open that month.")
    ] = False,
    plan: PlanOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Write each lead a workbook (.xlsx) to return the month's progress in.

    It lists their actions open at the month's end; they fill in the unlocked columns, and
    'slac collect' records what they send back.
    """
    from slac_plan.core.filters import Filters
    from slac_plan.core.queries import check_filters
    from slac_plan.exchange.request import RequestRefused, write_requests
    from slac_plan.files.safewrite import WriteRefused

    if (lead is None) == (not every_lead):
        raise UserError("give --lead ROLE for one lead, or --all for every lead")
    wanted = _year_month(month, "--month")
    loaded = _load_valid(_locate(plan), date.today(), traceback, no_cache)
    if lead is not None:
        check_filters(loaded, Filters(lead=lead))
    try:
        written, asked = write_requests(
            loaded, wanted, [lead] if lead else None, output, made_by=_version()
        )
    except (RequestRefused, WriteRefused) as refused:
        _fail(f"slac: refused: {refused}", Exit.PROBLEMS)
    for entry in written:
        count = len(entry.request.rows)
        print(
            f"wrote {formats_shown(entry.path)} ({entry.request.lead.title}: "
            f"{count} action{'s' * (count != 1)})"
        )
    for role in asked.nothing_open:
        print(
            f"{role} had no action open at the end of {wanted.first:%B %Y}: no workbook written",
            file=sys.stderr,
        )
    if asked.without_lead:
        count = len(asked.without_lead)
        print(
            f"note: {count} open action{'s have' if count != 1 else ' has'} no lead, so "
            f"{'are' if count != 1 else 'is'} in no workbook: {', '.join(asked.without_lead)}",
            file=sys.stderr,
        )


@app.command()
def collect(
    files: Annotated[list[Path], typer.Argument(help="The workbooks the leads returned (.xlsx).")],
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            help="Collect only workbooks requested for this month, YYYY-MM (needed when "
            "the workbooks given are for several months).",
        ),
    ] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Record the progress leads returned in their 'slac request' workbooks.

    Prints each change as a diff. A row that cannot be recorded is named with its file, sheet,
    row and reason, and nothing from it is written (exit 1); rows already recorded are skipped.
    """
    from slac_plan.exchange.collect import collect as collect_returns

    wanted = _year_month(month, "--month") if month is not None else None
    today = date.today()
    loaded = _load_valid(_locate(plan), today, traceback, no_cache)
    result = _valid(
        lambda: collect_returns(loaded, files, today=today, month=wanted, dry_run=dry_run)
    )
    for change in result.changes:
        sys.stdout.write(change.diff)
    for outcome in result.already:
        print(f"slac: already collected: {outcome}", file=sys.stderr)
    for refusal in result.refused:
        print(f"slac: refused: {refusal}", file=sys.stderr)
    for change in result.changes:
        shown = formats_shown(change.path)
        print(f"dry run: {shown} not changed" if dry_run else f"updated {shown}", file=sys.stderr)
    rows = len(result.recorded)
    verb = "would be recorded (dry run: nothing written)" if dry_run else "recorded"
    print(
        f"{rows} row{'s' * (rows != 1)} {verb}, {len(result.already)} already in the plan, "
        f"{len(result.refused)} refused, from {result.workbooks} workbook"
        f"{'s' * (result.workbooks != 1)}",
        file=sys.stderr,
    )
    if result.refused:
        raise typer.Exit(Exit.PROBLEMS)


@app.command()
def fmt(
    paths: PathsArgument = None,
    plan: PlanOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if any file would change.")
    ] = False,
    dry_run: DryRunOption = False,
) -> None:
    """Lay plan files out the canonical way.

    Key order, indentation and quoting; comments are kept.
    """
    from slac_plan.editing.fmt import format_paths

    outcome = format_paths(paths or [_locate(plan)], today=date.today(), dry_run=check or dry_run)
    if outcome.problems:
        raise UserError(f"{outcome.problems[0].path}: {outcome.problems[0].message}")
    changed = [formats_shown(path) for path, _ in outcome.changed]
    refused = [
        f"slac: {formats_shown(path)}: not formatted: {why}" for path, why in outcome.refused
    ]
    if not check:
        for _, diff in outcome.changed:
            sys.stdout.write(diff)
    for line in refused:
        print(line, file=sys.stderr)
    verb = "would reformat" if check or dry_run else "reformatted"
    for shown in changed:
        print(f"{verb} {shown}", file=sys.stderr)
    print(f"{len(changed)} file{'s' * (len(changed) != 1)} {verb}", file=sys.stderr)
    if refused or (check and changed):
        raise typer.Exit(Exit.PROBLEMS)


@app.command()
def export(
    plan: PlanOption = None,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="json (every field; reads back), or one row per action for Excel and Power "
            "BI: csv or xlsx (needs -o).",
        ),
    ] = "json",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The date csv and xlsx judge statuses by, YYYY-MM-DD (default: today)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Write the whole plan as one JSON document, or as a spreadsheet.

    JSON: every field, with ids resolved and due dates computed. CSV and XLSX: one row per
    action and sub-action with its status as of --as-of; XLSX adds the items, roles, boards
    and glossary.
    """
    from slac_plan.output.formats import BINARY_FORMATS, EXPORT_FORMATS, PlanExport

    when = _parse_date(as_of, "--as-of")
    if output_format in BINARY_FORMATS:
        _binary_needs_output(output_format, output)
    loaded = _load_valid(_locate(plan), date.today(), traceback, no_cache)
    write = EXPORT_FORMATS[output_format]
    _emit(lambda stream: write(PlanExport(loaded, when), stream), output)


def _binary_needs_output(output_format: str, output: Path | None) -> None:
    """A workbook is bytes: on a terminal it would be noise, so it goes only to a file."""
    if output is None:
        raise UserError(f"--format {output_format} writes a file: give -o FILE.{output_format}")


def _emit(write: Callable[[BinaryIO], object], output: Path | None) -> None:
    """What `write` writes, to `output` whole or not at all, else to stdout as bytes (so that
    a CSV keeps its line ends on Windows, where text mode would double them)."""
    import io

    if output is not None:
        buffer = io.BytesIO()
        write(buffer)
        _write_atomically(output, buffer.getvalue())
        return
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # stdout replaced by a text-only stream (a caller capturing it)
        buffer = io.BytesIO()
        write(buffer)
        sys.stdout.write(buffer.getvalue().decode("utf-8"))
        return
    write(stream)
    stream.flush()


@app.command("calendar")
def calendar_(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The iCalendar file to write, e.g. plan.ics.")
    ],
    plan: PlanOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The date the plan is read as of, YYYY-MM-DD (default: today)."
        ),
    ] = None,
    lead: Annotated[str | None, typer.Option(help="Only actions this role id leads.")] = None,
    board: Annotated[
        str | None, typer.Option(help="Only actions accountable to this board or role id.")
    ] = None,
    section: Annotated[str | None, typer.Option(help="Only this section id.")] = None,
    open_only: Annotated[
        bool,
        typer.Option(
            "--open-only",
            help="Leave out actions already complete (by default they stay in as cancelled "
            "events, so that importing the file takes them off calendars).",
        ),
    ] = False,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Write the plan's deadlines as an iCalendar (.ics) file for Outlook and Google Calendar.

    One all-day event per action or sub-action with a due date; recurring duties repeat.
    Importing a newer file updates the events an older one made.
    """
    from slac_plan.core.filters import Filters
    from slac_plan.output.calendar import calendar_ics

    when = _parse_date(as_of, "--as-of")
    loaded = _load_valid(_locate(plan), date.today(), traceback, no_cache)
    wanted = Filters(
        lead=lead, board=_board_id(loaded, board) if board is not None else None, section=section
    )
    data = calendar_ics(loaded, when, wanted, include_completed=not open_only)
    _write_atomically(output, data)
    count = data.count(b"\r\nBEGIN:VEVENT\r\n")
    print(f"wrote {formats_shown(output)}: {count} event{'s' * (count != 1)}", file=sys.stderr)


@app.command("digest")
def digest_(
    lead: Annotated[str | None, typer.Option("--lead", help="The role id to write to.")] = None,
    every_lead: Annotated[
        bool,
        typer.Option("--all", help="One digest per lead with open actions, into the folder -o."),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The date to judge by, YYYY-MM-DD (default: today)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the .eml file here (a folder with --all), not stdout."
        ),
    ] = None,
    send: Annotated[
        bool,
        typer.Option(
            "--send",
            help="Send it by SMTP: SLAC_SMTP_HOST and SLAC_SMTP_FROM from the environment "
            "(and SLAC_SMTP_PORT, SLAC_SMTP_USER, SLAC_SMTP_PASSWORD, SLAC_SMTP_STARTTLS=1|0, "
            "SLAC_SMTP_SSL=0|1).",
        ),
    ] = False,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", help="The lead's email address (repeatable); kept nowhere."),
    ] = None,
    addresses: Annotated[
        Path | None,
        typer.Option(
            "--addresses",
            help="A file of 'role-id = address' lines, kept outside the plan's repository.",
        ),
    ] = None,
    text_only: Annotated[
        bool, typer.Option("--text-only", help="Plain text only, without the HTML alternative.")
    ] = False,
    plan: PlanOption = None,
    traceback: DebugOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Write (or send) a lead's digest: overdue, due in the next 30 days, what the board sees.

    An email message (.eml) per lead, from the same queries as 'slac overdue --lead'.
    Addresses never go into the plan: give --to, or --addresses FILE.
    """
    from datetime import UTC, datetime
    from email import policy

    from slac_plan.core.filters import Filters
    from slac_plan.core.queries import check_filters
    from slac_plan.output.digest import digest_file_name, digest_message, leads_of
    from slac_plan.output.mail import (
        MailError,
        SmtpSettings,
        check_address,
        read_addresses,
    )
    from slac_plan.output.mail import send as send_message

    if (lead is None) == (not every_lead):
        raise UserError("give --lead ROLE or --all (one of them)")
    if every_lead and to:
        raise UserError("--to is one lead's address: with --all, give --addresses FILE")
    if every_lead and output is None and not send:
        raise UserError("--all writes one file per lead: give -o FOLDER (or --send)")
    settings = SmtpSettings.from_environ(os.environ) if send else None
    given = tuple(check_address(address, "--to") for address in to or ())
    when = _parse_date(as_of, "--as-of")
    loaded = _load_valid(_locate(plan), date.today(), traceback, no_cache)
    if lead is not None:
        check_filters(loaded, Filters(lead=lead))
    roles = [lead] if lead is not None else leads_of(loaded, when)
    if not roles:
        print(f"no lead has open actions on {when.isoformat()}: nothing to write", file=sys.stderr)
        return
    book: dict[str, str] = {}
    if addresses is not None:
        try:
            text = addresses.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"--addresses: cannot read {addresses}: {error}") from None
        book = read_addresses(text, str(addresses), (role.id for role in loaded.roles))
    recipients = {role: given or ((book[role],) if role in book else ()) for role in roles}
    if send:
        unknown = [role for role in roles if not recipients[role]]
        if unknown:
            raise UserError(
                f"--send: no address for {', '.join(unknown)}: give --to ADDRESS "
                "(or --addresses FILE)"
            )
    sent = datetime.now(UTC) if send else None
    messages = {
        role: digest_message(
            loaded,
            role,
            when,
            to=recipients[role],
            sender=settings.sender if settings is not None else None,
            sent=sent,
            draft=not send,
            html=not text_only,
        )
        for role in roles
    }
    if output is not None:
        if every_lead:
            output.mkdir(parents=True, exist_ok=True)
        for role, message in messages.items():
            path = output / digest_file_name(role) if every_lead else output
            _write_atomically(path, message.as_bytes(policy=policy.SMTP))
            print(f"wrote {formats_shown(path)}", file=sys.stderr)
    elif not send:
        sys.stdout.write(messages[roles[0]].as_string())
    if settings is None:
        return
    for done, (role, message) in enumerate(messages.items()):
        try:
            send_message(message, settings)
        except MailError as error:
            before = f" ({done} of {len(messages)} sent before it)" if done else ""
            _fail(f"slac: not sent: digest for {role}: {error}{before}", Exit.PROBLEMS)
        print(f"sent the digest for {role} to {', '.join(recipients[role])}", file=sys.stderr)


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file's schema.")] = SchemaName.item,
    output: Annotated[
        Path | None,
        typer.Option("--write", help="Write every schema as NAME.schema.json into this folder."),
    ] = None,
) -> None:
    """Print the JSON Schema of a plan file, or write them all.

    For editors such as VS Code, which complete and check fields as you type.
    """
    from slac_plan.files.schemas import render_schemas

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
