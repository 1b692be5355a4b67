"""Property: whatever style a plan file is written in, a random sequence of edits changes only
the lines it is about, and reversing each printed diff gives back the file exactly."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slac_plan.checks.validate import validate_plan
from slac_plan.core.model import Status
from slac_plan.editing.edit import add_evidence, set_status
from slac_plan.files.yamledit import scalar
from tests.conftest import invoke, write_plan
from tests.test_edit import reverse_patch

WORDS = st.text(
    alphabet=st.sampled_from(list("abcdefghij klmnopé—子'\":#-,.")), min_size=3, max_size=30
).map(lambda s: "T" + s.strip() + "x")


@st.composite
def quoted(draw: st.DrawFn, value: str) -> str:
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "plain" and scalar(value) == value:
        return value
    return json.dumps(value, ensure_ascii=draw(st.booleans()))


@st.composite
def comment(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", "", "  # note", "   # é comment: yes"]))


@st.composite
def item_file(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An item in a random style, and its action ids."""
    lines = []
    if draw(st.booleans()):
        lines.append("---")
    if draw(st.booleans()):
        lines.append("# top comment")
    lines += [
        "id: R7" + draw(comment()),
        "section: sg",
        "kind: recommendation",
        "number: 7",
        "text: " + draw(quoted(draw(WORDS))) + draw(comment()),
    ]
    lines += ["outcomes:", "  - id: o1", "    text: " + draw(quoted(draw(WORDS)))]
    lines.append("actions:")
    ids = []
    for n in range(1, draw(st.integers(1, 3)) + 1):
        ident = f"R7.{n}"
        ids.append(ident)
        lines += [f"  - id: {ident}" + draw(comment()), "    text: " + draw(quoted(draw(WORDS)))]
        lines.append("    outcomes: [o1]" if draw(st.booleans()) else "    outcomes:\n      - o1")
        if draw(st.booleans()):
            lines.append("    leads:\n      - {role: ad, responsible: true}")
        else:
            lines.append("    leads:\n      - role: ad\n        responsible: true")
        lines.append(
            "    by_when: "
            + draw(st.sampled_from(["end February 2012", "'February – March 2012'", '"April 12"']))
            + draw(comment())
        )
        if draw(st.booleans()):
            lines.append("    # own-line comment inside the action")
        evidence = draw(st.sampled_from(["none", "empty", "one"]))
        if evidence == "empty":
            lines.append("    evidence: []")
        elif evidence == "one":
            lines += [
                "    evidence:",
                "      - date: 2012-01-19" + draw(comment()),
                "        text: " + draw(quoted(draw(WORDS))),
            ]
    if draw(st.booleans()):
        lines.append("# closing comment")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join("\n".join(lines).split("\n")) + newline
    return text, ids


EDITS = st.lists(
    st.tuples(st.sampled_from(["evidence", "status", "due"]), st.integers(0, 2), WORDS),
    min_size=1,
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item_file(), st.booleans(), EDITS)
def test_edits_change_only_their_lines(
    file: tuple[str, list[str]], bom: bool, edits: list[tuple[str, int, str]]
) -> None:
    text, ids = file
    with tempfile.TemporaryDirectory() as folder:
        plan = write_plan(Path(folder), item=False)
        path = plan.root / "items" / "r7.yaml"
        path.parent.mkdir(parents=True)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        assert validate_plan(plan.root, None).problems == [] or all(
            p.severity == "warning" for p in validate_plan(plan.root, None).problems
        )
        for kind, which, words in edits:
            ident = ids[which % len(ids)]
            before = path.read_bytes()
            loaded = validate_plan(plan.root, None).plan()
            assert loaded is not None
            if kind == "evidence":
                result = add_evidence(
                    loaded,
                    ident,
                    words,
                    date(2012, 2, 1),
                    None,
                    today=date(2012, 3, 1),
                    dry_run=False,
                )
            elif kind == "status":
                result = set_status(
                    loaded,
                    ident,
                    Status.IN_PROGRESS,
                    note=None,
                    when=date(2012, 2, 1),
                    due=None,
                    reason=None,
                    today=date(2012, 3, 1),
                    dry_run=False,
                )
            else:
                result = set_status(
                    loaded,
                    ident,
                    None,
                    note=None,
                    when=date(2012, 2, 1),
                    due=date(2012, 5, 31),
                    reason=words,
                    today=date(2012, 3, 1),
                    dry_run=False,
                )
            after = path.read_bytes()
            assert after.startswith(b"\xef\xbb\xbf") == bom
            old, new = before.decode("utf-8-sig"), after.decode("utf-8-sig")
            assert reverse_patch(new, result.diff) == old
            if "\r\n" in old:
                assert new.count("\n") == new.count("\r\n")  # no mixed line endings
            removed = [
                line
                for line in result.diff.splitlines()
                if line.startswith("-") and not line.startswith("---")
            ]
            if kind == "evidence":  # only an empty "evidence: []" is rewritten as a block
                assert [line.rstrip("\r") for line in removed] in ([], ["-    evidence: []"])
            problems = validate_plan(plan.root, None).problems
            assert [p for p in problems if p.severity == "error"] == []


ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60)


def kept(text: str) -> str:
    """The text as a plan keeps it: line breaks pasted from Word or email (CR, CRLF, NEL,
    U+2028, U+2029) become plain new lines."""
    text = text.replace("\r\n", "\n")
    return text.translate({ord(c): "\n" for c in "\r\x85\u2028\u2029"})


def readable(text: str) -> bool:
    """Text an officer could type or paste: no control characters but tab and line breaks."""
    text = kept(text)
    return bool(text.strip()) and all(
        char in "\t\n" or unicodedata.category(char) != "Cc" for char in text
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, command=st.sampled_from(["evidence", "note", "reason", "title"]))
def test_any_text_through_any_edit_command(text: str, command: str) -> None:
    """Any text given to an edit command is either refused with the plan untouched, or leaves
    the plan valid and fmt-clean and comes back exactly through `slac export` (its line
    breaks made plain)."""
    with tempfile.TemporaryDirectory() as tmp:
        plan_dir = write_plan(Path(tmp))
        root = plan_dir.root
        before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
        plan = ["--plan", str(root)]
        args = {
            "evidence": ["evidence", "add", "--date", "2012-02-10", *plan, "--", "R1.1", text],
            "note": ["status", "R1.1", "complete", "--date", "2012-02-10", *plan, "--note", text],
            "reason": ["status", "R1.1", "--due", "2012-05-31", "--date", "2012-02-10", *plan,
                       "--reason", text],
            "title": ["new", "recommendation", "--section", "sg", "--date", "2012-02-10", *plan,
                      "--title", text],
        }[command]  # fmt: skip
        done = invoke(*args)
        if done.code != 0:
            assert not readable(text), done.err
            assert done.code == 1 and len(done.err.strip().splitlines()) == 1, done.err
            assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before
            return
        assert invoke("validate", str(root)).code == 0
        assert invoke("fmt", "--check", str(root)).code == 0
        exported = json.loads(invoke("export", "--plan", str(root)).out)
        found = json.dumps(exported, ensure_ascii=False)
        assert json.dumps(kept(text), ensure_ascii=False) in found
