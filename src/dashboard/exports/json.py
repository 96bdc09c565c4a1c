"""Dataset -> plain data for JSON and the data bundle."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from pydantic import BaseModel

from dashboard.pack.dataset import Dataset


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def dataset_to_json(ds: Dataset) -> dict[str, Any]:
    """The whole validated dataset as JSON-ready data, one key per kind."""
    return {f.name: _plain(getattr(ds, f.name)) for f in fields(ds)}
