"""The names of the output formats each command offers, as the `--format` choices.

Each name is a key of its kind's registry, where it is rendered (a test checks that they
agree): problems in `formats.PROBLEM_FORMATS`, task lists in `formats.TASK_LIST_FORMATS` (text)
and `formats.TASK_LIST_FILES` (binary), reports in `render.REPORT_FORMATS`, exports in
`formats.EXPORT_FORMATS`. This module is light (the CLI imports it as it starts); the
registries are imported only when used.
"""

from __future__ import annotations

from typing import Literal

ProblemFormat = Literal["text", "json", "github", "sarif", "junit"]
"""The --format choices of `slac validate` and `slac lint`: the names in
`formats.PROBLEM_FORMATS`, where each is rendered (a test checks that they agree)."""


TaskListFormat = Literal["table", "json", "csv", "markdown"]
"""The text --format choices of `slac overdue`: the names in `formats.TASK_LIST_FORMATS`."""

TaskListFile = Literal["xlsx"]
"""The binary --format choices of `slac overdue` (written only with -o): the names in
`formats.TASK_LIST_FILES`."""

TaskListChoice = Literal[TaskListFormat, TaskListFile]
"""Every --format choice of `slac overdue`."""


ReportFormat = Literal["md", "html", "docx", "pdf"]
"""The --format choices of `slac report`: the names in `render.REPORT_FORMATS`."""


ExportFormat = Literal["json", "csv", "xlsx"]
"""The --format choices of `slac export`: the names in `formats.EXPORT_FORMATS` (those in
`formats.BINARY_FORMATS` are written only with -o)."""

DetailFormat = Literal["text", "json"]
"""The --format choices of `slac due`, `slac show` and `slac smart`: the names in
`formats.DUE_FORMATS`, `formats.SHOW_FORMATS` and `formats.SCORECARD_FORMATS`."""
