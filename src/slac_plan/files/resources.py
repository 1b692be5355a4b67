"""Files shipped beside the code: report templates and the JSON Schemas.

In an installed wheel they sit inside the package (`slac_plan/templates`, `slac_plan/schema`);
in a source checkout they are the top-level `templates/` and `schema/` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
"""The `slac_plan` folder (this module sits one level inside it)."""
_CHECKOUT = _PACKAGE.parent.parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _CHECKOUT / name


def templates_dir() -> Path:
    """The bundled Jinja templates (a council's own folder may override them by name)."""
    return _shipped("templates")


def schema_dir() -> Path:
    """The shipped JSON Schemas, one per kind of plan file."""
    return _shipped("schema")
