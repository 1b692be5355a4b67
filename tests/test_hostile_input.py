"""Hostile and broken files: each gives one clear line naming the file, never a traceback.

Every case runs through `slac validate` on a real plan folder, so what is asserted is what a
user sees; the file is checked to be untouched afterwards.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_PLAN, PlanDir, Runner

CASES: list[tuple[str, bytes, str, str]] = [
    # name, file bytes, expected code, expected location suffix (":line:col" or "")
    ("malformed", b"id: [R9\n", "Y203", ":2:1"),
    ("tab", b"id: R9\n\tsection: sg\n", "Y203", ":2:1"),
    ("duplicate-key", b"id: R9\nsection: sg\nid: R10\n", "Y204", ":3:1"),
    ("alias-bomb", b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "Y205", ":1:4"),
    ("self-alias", b"a: &a\n  b: *a\n", "Y205", ":1:4"),
    ("python-tag", b"id: !!python/object/apply:os.system [echo hi]\n", "Y206", ":1:5"),
    ("unknown-tag", b"id: !include other.yaml\n", "Y206", ":1:5"),
    ("binary-tag", b"id: !!binary aGVsbG8=\n", "Y206", ":1:5"),
    ("yaml-directive", b"%YAML 1.1\n---\nid: R9\n", "Y207", ":1:1"),
    ("latin-1", b"id: R9\ntext: caf\xe9\n", "Y201", ":2:10"),
    ("utf-16", "id: R9\n".encode("utf-16"), "Y201", ":1:1"),
    ("nul-byte", b"id: R9\x00\n", "Y202", ":1:7"),
    ("empty", b"", "Y208", ""),
    ("comments-only", b"# nothing here\n# at all\n", "Y208", ""),
    ("top-level-list", b"- id: R9\n", "Y209", ":1:1"),
    ("top-level-scalar", b"just text\n", "Y209", ":1:1"),
    ("two-documents", b"id: R9\n---\nid: R10\n", "Y208", ":2:1"),
    ("impossible-date", b"id: R9\ndeadline: 2012-02-30\n", "Y211", ":2:11"),
    ("huge-integer", b"number: " + b"9" * 5000 + b"\n", "Y211", ":1:9"),
    ("non-string-key", b"1: one\n", "Y212", ":1:1"),
    ("deep-nesting", b"a: " + b"[" * 20000 + b"]" * 20000 + b"\n", "Y210", ":1:"),
    ("huge-file", b"text: " + b"a" * (2 << 20) + b"\n", "F103", ""),
    ("many-values", b"id: R9\nlist: [" + b"1," * 500_000 + b"1]\n", "Y213", ":2:"),
]


@pytest.mark.parametrize(("name", "content", "code", "where"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_gives_one_clear_line(
    slac: Runner, plan_dir: PlanDir, name: str, content: bytes, code: str, where: str
) -> None:
    path = plan_dir.root / "items" / f"{name}.yaml"
    path.write_bytes(content)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    started = time.perf_counter()

    result = slac("validate", "plan", cwd=plan_dir.root.parent)

    assert time.perf_counter() - started < 5, "must never hang"
    lines = [line for line in result.out.splitlines() if f"items/{name}.yaml" in line]
    assert len(lines) == 1, result.out
    assert lines[0].startswith(f"plan/items/{name}.yaml{where}")
    assert f" error {code} " in lines[0]
    assert "Traceback" not in result.out + result.err
    assert result.code in (1, 2)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_bom_and_crlf_are_legitimate(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert result.code == 0, result.out


def test_bad_position_after_bom_is_exact(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("bom.yaml", "")
    (plan_dir.root / "items" / "bom.yaml").write_bytes(b"\xef\xbb\xbfid: R9\nid: R9\n")
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert "plan/items/bom.yaml:2:1: error Y204 duplicate key 'id' (first at line 1)" in result.out


def test_symlink_loop_and_dangling_link(plan_dir: PlanDir, slac: Runner) -> None:
    items = plan_dir.root / "items"
    (items / "loop.yaml").symlink_to("loop.yaml")
    (items / "dangling.yaml").symlink_to("missing-target.yaml")
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert "plan/items/loop.yaml: error F101 cannot open:" in result.out
    assert "plan/items/dangling.yaml: error F101 cannot open:" in result.out
    assert result.code == 2


def test_directory_named_like_a_yaml_file(plan_dir: PlanDir, slac: Runner) -> None:
    (plan_dir.root / "items" / "x.yaml").mkdir()
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert "plan/items/x.yaml: error F102 cannot read: a directory" in result.out
    assert result.code == 2


def test_fifo_is_refused_without_blocking(plan_dir: PlanDir, slac: Runner) -> None:
    os.mkfifo(plan_dir.root / "items" / "pipe.yaml")
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert "plan/items/pipe.yaml: error F102 cannot read: not a regular file" in result.out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.item("locked.yaml", "id: R9\n")
    path.chmod(0)
    try:
        result = slac("validate", "plan", cwd=plan_dir.root.parent)
    finally:
        path.chmod(0o644)
    assert "plan/items/locked.yaml: error F101 cannot open: Permission denied" in result.out


def test_one_bad_file_does_not_hide_the_others(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("broken.yaml", "id: [\n")
    plan_dir.item("typo.yaml", ITEM_WITH_TYPO)
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert "plan/items/broken.yaml:" in result.out
    assert "plan/items/typo.yaml:3:1: error V301 unknown field 'sektion'" in result.out


ITEM_WITH_TYPO = """\
id: R2
kind: recommendation
sektion: sg
number: 2
text: Something.
"""


def test_strict_yaml_11_booleans_are_refused(plan_dir: PlanDir, slac: Runner) -> None:
    text = (plan_dir.root / "items" / "r1.yaml").read_text(encoding="utf-8")
    plan_dir.item("r1.yaml", text.replace("responsible: true", "responsible: yes"))
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert (
        "plan/items/r1.yaml:17:22: error V303 R1.1, lead 1, responsible: "
        "expected true or false, found the text 'yes'" in result.out
    )


def test_validate_reports_under_a_second_for_many_bad_files(plan_dir: PlanDir) -> None:
    """Not a benchmark: a guard that hostile input stays cheap (budget is generous)."""
    from slac_plan.checks.validate import validate_paths

    for n in range(50):
        plan_dir.item(f"bomb{n}.yaml", "a: &a [x]\nb: [*a, *a]\n")
    started = time.perf_counter()
    result = validate_paths([plan_dir.root], None)
    assert time.perf_counter() - started < 5
    assert sum(p.code == "Y205" for p in result.problems) == 50


def test_paths_given_outside_any_plan(tmp_path: Path, slac: Runner) -> None:
    stray = tmp_path / "elsewhere" / "notes.yaml"
    stray.parent.mkdir()
    stray.write_text("a: 1\n", encoding="utf-8")
    result = slac("validate", str(stray), cwd=tmp_path)
    assert result.out.startswith("elsewhere/notes.yaml: error F104 not inside a plan")
    assert result.code == 2


@pytest.mark.parametrize(
    "content", [b"id: R9\n\tsection: sg\n", b"outcomes:\n\t- id: o1\n"], ids=["key", "item"]
)
def test_tab_indent_is_named_as_a_tab(plan_dir: PlanDir, slac: Runner, content: bytes) -> None:
    (plan_dir.root / "items" / "tabbed.yaml").write_bytes(content)
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert (
        "plan/items/tabbed.yaml:2:1: error Y203 tab character where YAML needs spaces "
        "(indent with spaces, not tabs)"
    ) in result.out


def test_fmt_and_validate_never_pass_odd_entries_in_silence(tmp_path: Path, slac: Runner) -> None:
    """A dangling link, a link loop, a FIFO or a folder named x.yaml, and a linked items/
    folder: each is reported, and `fmt --check` fails."""
    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN, plan)
    items = plan / "items"
    (items / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (items / "loop.yaml").symlink_to(items / "loop.yaml")
    os.mkfifo(items / "fifo.yaml")
    (items / "folder.yaml").mkdir()
    checked = slac("fmt", "--check", str(plan))
    assert checked.code == 1
    for name in ("dangling", "loop", "fifo", "folder"):
        assert f"items/{name}.yaml: not formatted:" in checked.err, name
    assert slac("validate", str(plan)).code == 2  # unreadable input

    linked = tmp_path / "linked"
    linked.mkdir()
    for path in plan.glob("*.yaml"):
        shutil.copy(path, linked / path.name)
    shutil.copytree(BUNDLED_PLAN / "items", tmp_path / "elsewhere")
    (linked / "items").symlink_to(tmp_path / "elsewhere")
    validated = slac("validate", str(linked))
    assert validated.code == 2 and "a link to a folder, which slac does not follow" in validated.out
    assert slac("fmt", "--check", str(linked)).code == 1


def test_the_c_parser_the_loader_relies_on() -> None:
    """The loader reads YAML through ruamel's C parser (`_ruamel_yaml.CParser`, five times
    faster than the pure-Python one), which is not public API: if an upgrade changes it, this
    fails in CI rather than at a user's desk."""
    from ruamel.yaml import events as ev

    from slac_plan.files.yamlread import events

    found = list(events("a: [1, 'two']\n"))
    kinds = [type(event) for event in found]
    assert kinds == [
        ev.StreamStartEvent, ev.DocumentStartEvent, ev.MappingStartEvent, ev.ScalarEvent,
        ev.SequenceStartEvent, ev.ScalarEvent, ev.ScalarEvent, ev.SequenceEndEvent,
        ev.MappingEndEvent, ev.DocumentEndEvent,
    ]  # fmt: skip
    two = found[6]
    assert (two.value, two.style, two.start_mark.index, two.end_mark.index) == ("two", "'", 7, 12)
    assert (two.start_mark.line, two.start_mark.column) == (0, 7)
