"""'Did you mean': the same answer from every command, and bounded work on a huge plan."""

from __future__ import annotations

import difflib
from typing import Any

import pytest

from slac_plan.core.suggest import POOL, Suggestions, did_you_mean

ROLES = ["ad-social-care", "head-safeguarding", "head-care-planning", "dcs"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("DCS", "did you mean 'dcs'?"),
        ("head-of-safeguard", "did you mean 'head-safeguarding'?"),
        ("ad-socail-care", "did you mean 'ad-social-care'?"),
        ("treasurer", None),
    ],
)
def test_small_registries(word: str, expected: str | None) -> None:
    assert did_you_mean(word, ROLES) == expected


def test_an_id_in_another_case_is_the_only_suggestion() -> None:
    assert Suggestions(["SG-R1.1", "SG-R1.2", "SG-R1.3"]).nearest("sg-r1.1") == ["SG-R1.1"]


def test_a_huge_plan_compares_a_bounded_pool_and_still_finds_the_neighbour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = [f"R{n}.{a}{s}" for n in range(1, 2001) for a in range(1, 7) for s in ("", "a", "b")]
    compared: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: Any, **kwargs: Any) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    suggestions = Suggestions(ids)
    assert suggestions.nearest("R1234.5c", n=1) == ["R1234.5"]
    assert suggestions.nearest("r1999.6B") == ["R1999.6b"]
    assert compared == [POOL]
