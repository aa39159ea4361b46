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


def t(key: str, lang: str, /, **values: str) -> str:
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


def field_words(path: str, lang: str, *, fallback: bool = True) -> str:
    """An answer path as the wizard shows it: ``rules.confidential.2`` is »Det deler vi
    ikke« i trin 4 Generelle regler; a part of a file no field edits is its step, if one
    step holds it, else (with ``fallback``) its own name as written. A command-line option
    (``--lang``) stays as it is."""
    if not path or path.startswith("-"):
        return path
    parts = path.split(".")
    if parts[0] == "presets":
        kind = parts[1] if len(parts) > 1 else ""
        if kind in ("industry", "tone"):
            return t("errors.preset_field", lang, label=t(f"start.{kind}", lang))
        return t("errors.presets_part", lang)
    if parts[0] == "wizard":
        return t("errors.wizard_part", lang)
    if path == "language":
        return t("errors.quoted", lang, text=t("start.language", lang))
    numbered = list(enumerate(steps(), 1))
    found = [
        (n, spec, f)
        for n, spec in numbered
        for f in spec.fields
        if path == f.path or path.startswith(f.path + ".")
    ]
    if found:
        n, spec, f = max(found, key=lambda x: len(x[2].path))
        return t("errors.field", lang, label=f.label[lang], n=str(n), step=spec.title[lang])
    for end in range(len(parts), 0, -1):
        section = ".".join(parts[:end]) + "."
        holders = {n for n, spec in numbered for f in spec.fields if f.path.startswith(section)}
        if len(holders) == 1:
            n = holders.pop()
            return t("errors.step", lang, n=str(n), step=steps()[n - 1].title[lang])
        if holders:
            break
    last = next((p for p in reversed(parts) if not p.isdigit()), "")
    return t("errors.quoted", lang, text=last) if fallback and last else ""
