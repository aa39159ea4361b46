"""The wizard's words and step definitions (``content/ui.yaml``), with no Textual import."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from . import packaged


def _data() -> dict[str, Any]:
    """ui.yaml, loaded once."""
    data: dict[str, Any] = packaged.load("ui")
    return data


def t(key: str, lang: str, **values: str) -> str:
    """The text at a dotted ``key`` in the language, with ``{placeholders}`` filled."""
    node: Any = _data()
    for part in key.split("."):
        node = node[part]
    text = str(node.get(lang) or node.get("da") or "") if isinstance(node, dict) else str(node)
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


@dataclass(frozen=True)
class FieldSpec:
    """One question of the wizard."""

    path: str
    kind: str
    label: dict[str, str]
    help: dict[str, str]
    required: bool = False
    options: tuple[tuple[str, dict[str, str]], ...] = ()


@dataclass(frozen=True)
class StepSpec:
    """One step of the wizard: its title, intro, guide IDs and fields."""

    key: str
    title: dict[str, str]
    intro: dict[str, str]
    ids: tuple[str, ...]
    fields: tuple[FieldSpec, ...]


@cache
def steps() -> tuple[StepSpec, ...]:
    """The wizard's steps before the review, in the guide's order."""
    out = []
    for step in _data()["steps"]:
        fields = tuple(
            FieldSpec(
                path=f["path"],
                kind=f["kind"],
                label=f["label"],
                help=f["help"],
                required=bool(f.get("required")),
                options=tuple((str(k), v) for k, v in (f.get("options") or {}).items()),
            )
            for f in step["fields"]
        )
        out.append(StepSpec(step["key"], step["title"], step["intro"], tuple(step["ids"]), fields))
    return tuple(out)


def step_for(element: str) -> StepSpec | None:
    """The step that asks about a guide element (for the completeness checklist)."""
    return next((s for s in steps() if element in s.ids), None)
