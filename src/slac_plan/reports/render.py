"""The one Jinja environment: a council's templates first, the bundled ones second.

Templates hold presentation only; they receive a typed context with everything computed.
An undefined name fails (StrictUndefined) rather than rendering blank, and HTML templates
are autoescaped (plan text is data, never markup).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup, escape

from slac_plan.core.problems import InputError
from slac_plan.core.status import BRAG
from slac_plan.core.wording import one_line, sentence
from slac_plan.files.resources import templates_dir


class TemplateProblem(InputError):
    """A council's template cannot be used; the message names the file and line."""


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """The bundled templates, behind a council's own folder when one is given. A council's
    templates may come from a pull request that CI renders, so they run in Jinja's sandbox."""
    folders = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise TemplateProblem(f"--templates: {user_templates} is not a folder")
        folders.append(str(user_templates))
    folders.append(str(templates_dir()))
    kind = jinja2.sandbox.SandboxedEnvironment if user_templates is not None else jinja2.Environment
    env = kind(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "html.j2", "xml"), default_for_string=False
        ),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_cell"] = markdown_cell
    env.filters["abbr"] = abbreviations
    env.filters["yaml_scalar"] = yaml_scalar
    env.filters["sentence"] = sentence
    env.filters["one_line"] = one_line
    env.filters["css_string"] = css_string
    # BRAG, for a council's own templates written before plans had scales: `report.palette`
    # is the plan's own scale, which the bundled templates use
    env.globals["palette"] = BRAG.palette
    env.globals["shades"] = BRAG.shades
    return env


def render(name: str, context: dict[str, Any], user_templates: Path | None = None) -> str:
    """Render template `name` with `context` (a council's folder overrides by name)."""
    env = environment(user_templates)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem(
            f"template {error.filename or name}:{error.lineno}: {error.message}"
        ) from None
    except Exception as error:
        place = _template_place(error)
        if place is None and not isinstance(error, jinja2.TemplateError):
            raise  # not in a template: a bug of slac's, with its traceback
        detail = error.message if isinstance(error, jinja2.TemplateError) else error
        raise TemplateProblem(f"template {place or name}: {detail}") from None


def _template_place(error: BaseException) -> str | None:
    """'monthly.md.j2:12' for the template line an error was raised at (Jinja maps its frames
    back onto the template's file and line)."""
    place = None
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            place = f"{Path(filename).name}:{trace.tb_lineno}"
        trace = trace.tb_next
    return place


def css_string(value: object) -> Markup:
    """Text inside a double-quoted CSS string in a <style> element, where HTML escapes are not
    decoded: backslash, quote and line breaks escaped the CSS way, '<' too, so that no text can
    end the style element."""
    text = " ".join(str(value).split())
    escaped = "".join(
        f"\\{ord(char):x} " if char in '\\"<>&' or ord(char) < 32 else char for char in text
    )
    return Markup(escaped)


def render_report(report: Any, fmt: str, user_templates: Path | None = None) -> str | bytes:
    """A report context rendered in the format `fmt` names (see REPORT_FORMATS)."""
    return REPORT_FORMATS[fmt](report, user_templates)


def _templated(extension: str) -> Callable[[Any, Path | None], str]:
    def render_with(report: Any, user_templates: Path | None) -> str:
        return render(f"{report.kind}.{extension}.j2", {"report": report}, user_templates)

    return render_with


def _word(report: Any, user_templates: Path | None) -> bytes:
    from slac_plan.reports.word import report_docx

    return report_docx(report)


def _pdf(report: Any, user_templates: Path | None) -> bytes:
    from slac_plan.reports.pdf import html_to_pdf

    return html_to_pdf(_templated("html")(report, user_templates))


REPORT_FORMATS: dict[str, Callable[[Any, Path | None], str | bytes]] = {
    "md": _templated("md"),
    "html": _templated("html"),
    "docx": _word,
    "pdf": _pdf,
}
"""Reports by format name: from the templates KIND.FORMAT.j2, or built (Word). A new format is
added here, and its name in problems.ReportFormat."""


def markdown_cell(value: object) -> str:
    """Text made safe for one cell of a GitHub-flavoured Markdown table, or any place in a
    Markdown document: one line, every character Markdown gives a meaning escaped (no
    markup, links, HTML, headings, lists or entities from plan text)."""
    text = " ".join(str(value).split())
    for char in ("\\", "|", "<", ">", "*", "_", "`", "[", "]", "#", "~", "&"):
        text = text.replace(char, "\\" + char)
    # where the value starts a line, it must not start a list ('- ', '+ ', '1. ')
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+])", r"\\\1", text))


def abbreviations(text: object, glossary: list[Any]) -> Markup:
    """Plan text made safe for HTML, each glossary acronym wrapped in <abbr title>.

    The text is escaped first; only the <abbr> elements built here are markup.
    """
    escaped = str(escape(str(text)))
    if not glossary:
        return Markup(escaped)
    meanings = {str(escape(entry.term)): str(escape(entry.meaning)) for entry in glossary}
    pattern = re.compile(
        r"(?<![\w&;-])("
        + "|".join(re.escape(t) for t in sorted(meanings, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return Markup(
        pattern.sub(lambda m: f'<abbr title="{meanings[m.group(1)]}">{m.group(1)}</abbr>', escaped)
    )


def yaml_scalar(value: object) -> str:
    """A value written as a YAML scalar that reads back as exactly itself."""
    from slac_plan.files.yamledit import scalar

    return scalar(str(value))
