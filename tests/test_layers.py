"""The package's layers import downwards only, so each part can be read, tested and reused
without the ones above it (the library without the CLI, reports without the edit commands)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "slac_plan"

MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "files": {"core"},
    "checks": {"core", "files"},
    "reports": {"core", "files", "checks"},
    "output": {"core", "files", "checks", "reports"},
    "editing": {"core", "files", "checks"},
    "importing": {"core", "files", "checks", "editing"},
    "exchange": {"core", "files", "checks", "editing", "importing"},
}
"""What each subpackage may use besides itself; `cli` and `api` sit on top and may use all."""


def _part_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "slac_plan" else None


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every slac_plan module `path` imports, at any depth (lazy imports count too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "slac_plan"]


def test_every_module_sits_in_a_layer() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py", "cli.py", "api.py"}
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} == set(MAY_IMPORT)


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for line, name in _imports(path)
        if (_part_of(name) or "") not in MAY_IMPORT[layer] | {layer}
    ]
    assert wrong == []


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from slac_plan.output import formats\n", encoding="utf-8")
    assert [_part_of(name) for _, name in _imports(module)] == ["output"]
