"""Pydantic errors rewritten in plain words for the officer who edits the plan, at file:line:col."""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from slac_plan.core.model import ID_PATTERN, PATTERN_WORDS
from slac_plan.core.positions import SourceMap
from slac_plan.core.problems import Problem
from slac_plan.core.suggest import did_you_mean
from slac_plan.core.wording import human_path

Loc = tuple[str | int, ...]


def schema_problems(
    error: ValidationError, model: type[BaseModel], data: Any, source: SourceMap
) -> list[Problem]:
    """One problem per pydantic error, placed on the key or value it is about."""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        loc: Loc = tuple(item["loc"])
        kind = item["type"]
        where = human_path(data, loc)
        if kind == "extra_forbidden":
            line, col = source.key(loc)
            allowed = _fields_at(model, loc[:-1])
            problems.append(
                Problem(
                    source.path,
                    line,
                    col,
                    "V301",
                    f"unknown field '{loc[-1]}'"
                    + (f" in {human_path(data, loc[:-1])}" if loc[:-1] else ""),
                    hint=_did_you_mean(str(loc[-1]), allowed),
                )
            )
        elif kind == "missing":
            line, col = source.value(loc[:-1])
            parent = human_path(data, loc[:-1])
            message = f"missing required field '{loc[-1]}'" + (f" in {parent}" if parent else "")
            problems.append(Problem(source.path, line, col, "V302", message))
        else:
            line, col = source.value(loc)
            value = _value_at(data, loc)
            message = _plain_words(kind, item, value)
            problems.append(
                Problem(
                    source.path,
                    line,
                    col,
                    "V303",
                    f"{where}: {message}" if where else message,
                    hint=_choice_hint(kind, item, value) or _text_hint(kind, value),
                )
            )
    return problems


def _choice_hint(kind: str, item: Any, value: Any) -> str | None:
    """For a value outside a fixed set ('Complete', 'in progress'), the choice it was meant as."""
    if kind not in ("enum", "literal_error") or not isinstance(value, str):
        return None
    choices = re.findall(r"'([^']*)'", str((item.get("ctx") or {}).get("expected", "")))
    return did_you_mean(value, choices, n=1)


def _text_hint(kind: str, value: Any) -> str | None:
    """Text that YAML read as a date or a number (`by_when: 2012-05-31`, `by_when: 2012`)."""
    if kind != "string_type":
        return None
    if isinstance(value, date):
        return f"write it in quotes ('{value.isoformat()}') or as words ('{value:%-d %B %Y}')"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"write it in quotes ('{value}')"
    return None


def _plain_words(kind: str, item: Any, value: Any) -> str:
    ctx = item.get("ctx") or {}
    got = _describe(value)
    if kind == "string_type":
        return f"expected text, found {got}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {got}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {got}"
    if kind == "list_type":
        return f"expected a list, found {got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of fields, found {got}"
    if kind in ("enum", "literal_error"):
        return f"expected one of {ctx.get('expected', '')}, found {got}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return (
                "not a valid id: use letters, digits, '.', '-' and '_', "
                "starting with a letter or digit"
            )
        words = PATTERN_WORDS.get(str(ctx.get("pattern")))
        return words or f"not in the expected form {ctx.get('pattern')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entries"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    return str(item["msg"])


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _did_you_mean(word: str, allowed: list[str]) -> str | None:
    close = did_you_mean(word, allowed, n=1)
    if close:
        return close
    if allowed:
        return "allowed here: " + ", ".join(allowed)
    return None


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at `loc` inside `model` (for did-you-mean hints)."""
    current: Any = model
    for part in loc:
        current = field_annotation(current, part)
        if current is None:
            return []
    current = model_in(current)
    return yaml_keys(current) if current is not None else []


def yaml_keys(model: type[BaseModel]) -> list[str]:
    """The keys a file writes for `model`, in field order (an alias where a field has one)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def field_annotation(annotation: Any, part: str | int) -> Any:
    model = model_in(annotation)
    if isinstance(part, str):
        if model is None:
            return None
        fields = {info.alias or name: info for name, info in model.model_fields.items()}
        return fields[part].annotation if part in fields else None
    for arg in _union_args(annotation):
        if typing.get_origin(arg) is list:
            return typing.get_args(arg)[0]
    return None


def model_in(annotation: Any) -> type[BaseModel] | None:
    for arg in _union_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _union_args(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)
