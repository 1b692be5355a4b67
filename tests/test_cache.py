"""The cache makes a second run fast and is never stale: any changed byte, a new slac, or a
damaged cache gives the answer a first run would give."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from slac_plan.files import cache, yamlread
from tests.conftest import BUNDLED_PLAN, Runner, write_plan


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each plan file is parsed (by file name): a cached file is not."""
    counts: Counter[str] = Counter()
    real = yamlread.parse

    def counting(path: Path, text: str) -> object:
        counts[path.name] += 1
        return real(path, text)

    monkeypatch.setattr(yamlread, "parse", counting)
    return counts


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN, plan)
    return plan


def _overdue(slac: Runner, plan: Path, *more: str) -> tuple[int, str, str]:
    result = slac("overdue", "--plan", str(plan), "--as-of", "2012-03-15", *more)
    return result.code, result.out, result.err


def test_a_second_run_reads_no_file_again_and_says_the_same(
    slac: Runner, bundled: Path, parsed: Counter[str]
) -> None:
    files = len(list(bundled.rglob("*.yaml")))
    first = slac("validate", str(bundled))
    assert sum(parsed.values()) == files
    overdue = _overdue(slac, bundled, "--format", "csv")
    assert overdue[0] == 0, overdue[2]
    assert sum(parsed.values()) == files  # overdue found every file in the cache
    parsed.clear()
    assert slac("validate", str(bundled)) == first
    assert _overdue(slac, bundled, "--format", "csv") == overdue
    assert not parsed


def test_a_one_byte_change_is_seen_and_only_that_file_is_read_again(
    slac: Runner, tmp_path: Path, parsed: Counter[str]
) -> None:
    plan = write_plan(tmp_path)
    assert slac("validate", str(plan.root)).code == 0
    before = _overdue(slac, plan.root)
    assert "R1.1" in before[1]
    item = plan.root / "items" / "r1.yaml"
    text = item.read_text(encoding="utf-8")
    parsed.clear()

    item.write_text(text.replace("end February 2012", "end February 2013"), encoding="utf-8")
    after = _overdue(slac, plan.root)
    assert after[0] == 0
    assert "R1.1" not in after[1]  # its due date moved a year on: no longer overdue
    assert parsed == {"r1.yaml": 1}

    item.write_text(text.replace("kind: recommendation", "kind: recommendatio"), encoding="utf-8")
    broken = slac("validate", str(plan.root))
    assert broken.code == 1
    assert "r1.yaml:3:7: error X412" in broken.out

    item.write_text(text, encoding="utf-8")  # back as it was: the first answer, from the cache
    parsed.clear()
    assert _overdue(slac, plan.root) == before
    assert not parsed


def test_a_new_slac_reads_every_file_again(
    slac: Runner, bundled: Path, parsed: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = slac("validate", str(bundled))
    parsed.clear()
    monkeypatch.setattr(cache, "slac_version", lambda: "99.0.0")
    cache.code_digest.cache_clear()
    try:
        assert slac("validate", str(bundled)) == first
    finally:
        cache.code_digest.cache_clear()
    assert sum(parsed.values()) == len(list(bundled.rglob("*.yaml")))


def test_a_change_to_slacs_own_code_reads_every_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited checkout (the version unchanged) must not reuse what older code computed."""
    before = cache.code_digest()
    fake = tmp_path / "slac_plan" / "files"
    fake.mkdir(parents=True)
    real_package = Path(cache.__file__).resolve().parent.parent
    shutil.copytree(real_package, tmp_path / "slac_plan", dirs_exist_ok=True)
    (fake / "cache.py").write_text(
        Path(cache.__file__).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )
    monkeypatch.setattr(cache, "__file__", str(fake / "cache.py"))
    cache.code_digest.cache_clear()
    try:
        assert cache.code_digest() != before
    finally:
        monkeypatch.undo()
        cache.code_digest.cache_clear()
    assert cache.code_digest() == before


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "wrong content, right digest"])
def test_a_damaged_cache_is_ignored_then_mended(
    slac: Runner, bundled: Path, parsed: Counter[str], own_cache: Path, damage: str
) -> None:
    first = slac("validate", str(bundled))
    overdue = _overdue(slac, bundled)
    entries = [p for p in own_cache.rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        if damage == "flip a byte":
            middle = len(data) // 2
            entry.write_bytes(data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :])
        elif damage == "truncate":
            entry.write_bytes(data[: len(data) // 3])
        else:
            store = cache.Cache(own_cache)
            store.put(entry.parent.name, entry.name, b'["not", "what", "was", "kept"]\n{}')
    parsed.clear()
    assert slac("validate", str(bundled)) == first
    assert _overdue(slac, bundled) == overdue
    assert sum(parsed.values()) == len(list(bundled.rglob("*.yaml")))
    parsed.clear()
    assert slac("validate", str(bundled)) == first
    assert not parsed  # mended: the damaged entries were written again


def test_no_cache_neither_reads_nor_writes_it(
    slac: Runner, bundled: Path, parsed: Counter[str], own_cache: Path
) -> None:
    cached = slac("validate", str(bundled))
    entries = sorted(own_cache.rglob("*"))
    parsed.clear()
    assert slac("validate", "--no-cache", str(bundled)) == cached
    assert sum(parsed.values()) == len(list(bundled.rglob("*.yaml")))
    assert _overdue(slac, bundled, "--no-cache")[0] == 0
    assert sorted(own_cache.rglob("*")) == entries


def test_a_cache_folder_that_cannot_be_used_does_not_stop_a_command(
    slac: Runner, bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = slac("validate", "--no-cache", str(bundled))
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SLAC_CACHE_DIR", str(not_a_folder))
    assert slac("validate", str(bundled)) == expected
    assert _overdue(slac, bundled)[0] == 0


def test_the_day_is_part_of_the_answer(tmp_path: Path) -> None:
    """Evidence dated tomorrow is an error today and fine tomorrow, the files unchanged."""
    from slac_plan.checks.validate import validate_paths

    plan = write_plan(tmp_path)
    item = plan.root / "items" / "r1.yaml"
    item.write_text(
        item.read_text(encoding="utf-8").replace("date: 2012-01-19", "date: 2012-03-02"),
        encoding="utf-8",
    )
    store = cache.Cache(tmp_path / "cache")
    today = validate_paths([plan.root], date(2012, 3, 1), cache=store)
    assert [p.code for p in today.errors] == ["X410"]
    assert validate_paths([plan.root], date(2012, 3, 2), cache=store).errors == []
    assert [p.code for p in validate_paths([plan.root], date(2012, 3, 1), cache=store).errors] == [
        "X410"
    ]


def test_a_councils_templates_are_part_of_the_answer(slac: Runner, tmp_path: Path) -> None:
    plan = write_plan(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(
        Path(cache.__file__).resolve().parents[3] / "templates" / "overdue.md.j2", templates
    )
    args = ("--format", "markdown", "--templates", str(templates))
    first = _overdue(slac, plan.root, *args)
    assert first[0] == 0, first[2]
    page = templates / "overdue.md.j2"
    page.write_text("Late: {{ rows | length }}\n", encoding="utf-8")
    assert _overdue(slac, plan.root, *args)[1] == "Late: 1\n"


def test_each_kind_keeps_only_its_most_recent_entries(tmp_path: Path) -> None:
    store = cache.Cache(tmp_path)
    for n in range(cache.Cache.KEEP + 10):
        store.put("plan", f"key{n:03d}", b"payload")
    kept = {p.name for p in (tmp_path / "plan").iterdir()}
    assert len(kept) == cache.Cache.KEEP
    assert f"key{cache.Cache.KEEP + 9:03d}" in kept
