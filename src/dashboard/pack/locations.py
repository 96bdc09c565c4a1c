"""Where a problem is: a field path as the pack writes it, the line it is on, and a message a reader understands."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from dashboard.pack.dataset import PackFile
from dashboard.pack.problems import Problem

# --------------------------------------------------------------------------
# Error locations
# --------------------------------------------------------------------------


def yaml_problem(pf: PackFile, root: Any, error: Mapping[str, Any]) -> Problem:
    loc = tuple(error["loc"])
    return Problem(
        pf.name,
        line_of(root, loc),
        format_path(pf, loc),
        error_message(error, top=not loc),
    )


def _is_index(part: Any) -> bool:
    return isinstance(part, int) and not isinstance(part, bool)


def format_path(pf: PackFile, loc: Iterable[Any]) -> str:
    """(3, 'figure', 'low') in claims.yaml -> 'claims[3].figure.low'."""
    loc = tuple(p for p in loc if p != "[key]")
    if pf.format == "csv":  # a CSV problem names its line; the field is the column
        return next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    out = pf.attr if typing.get_origin(pf.model) is list else ""
    for part in loc:
        out = out + f"[{part}]" if _is_index(part) else _join(out, str(part))
    return out


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def line_of(root: Any, loc: Iterable[Any]) -> int:
    """The 1-based line of the YAML node at ``loc``, or of its nearest existing parent."""
    node = root.node if hasattr(root, "node") and not isinstance(root, yaml.Node) else root  # a reading.LazyRoot
    if node is None:
        return 0
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and str(key.value) == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and _is_index(part) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _found(value: Any) -> str:
    """What a value is, in the words of the file's author."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "text"


def error_message(error: Mapping[str, Any], *, top: bool = False) -> str:
    kind = error["type"]
    msg = str(error["msg"])
    value = error.get("input")
    if kind == "extra_forbidden":
        return "unknown field (not in the schema)"
    if kind == "missing":
        return "required field is missing"
    if top and kind == "list_type":
        return f"the file must hold a list of records (- id: ...), but holds {_found(value)}"
    if top and kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"the file must hold a mapping of fields (key: value), but holds {_found(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a mapping of fields (key: value), not {_found(value)}"
    if kind == "list_type":
        return f"must be a list, not {_found(value)}"
    if kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
        return f"must be text, not {_found(value)} (got {value!s}); put it in quotes"
    if kind == "string_pattern_mismatch" and "a-z0-9" in msg:
        msg = "must be an id of lowercase letters, digits and single hyphens"
    elif kind == "string_pattern_mismatch" and r"\d+\." in msg:
        msg = "must be a version number like 1.2.0"
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if "input" in error and kind not in ("value_error",) and not isinstance(value, (dict, list)):
        shown = repr(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        msg += f" (got {shown})"
    return msg
