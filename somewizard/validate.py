"""Field-level checks for the wizard: turn typed text into an answer, or say what is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .answers import HASHTAG
from .ui import FieldSpec, t


@dataclass(frozen=True)
class Checked:
    """A field's value after checking: ``value`` is None when it cannot be kept."""

    value: Any
    error: str = ""
    warning: str = ""


def parse(spec: FieldSpec, raw: Any, lang: str) -> Checked:
    """Parse and check what the user typed into one field."""
    kind = spec.kind
    if kind == "switch" or kind == "choice":
        return Checked(raw)
    text = str(raw)
    if kind == "number":
        try:
            number = int(text.strip())
        except ValueError:
            return Checked(None, t("messages.bad_number", lang))
        if not 1 <= number <= 60:
            return Checked(None, t("messages.bad_number", lang))
        return Checked(number)
    if kind == "date":
        if not text.strip():
            return Checked(None) if spec.required else Checked("")
        try:
            return Checked(dt.date.fromisoformat(text.strip()))
        except ValueError:
            return Checked(None, t("messages.bad_date", lang))
    if kind == "history":
        return _history(text, lang)
    if kind == "list":
        items = [line.strip() for line in text.splitlines() if line.strip()]
        if spec.path == "voice.hashtags":
            bad = [tag for tag in items if not HASHTAG.match(tag)]
            if bad:
                return Checked(items, t("messages.bad_hashtag", lang, tag=bad[0]))
            if len(items) > 5:
                return Checked(items, warning=t("messages.many_hashtags", lang))
        if spec.required and not items:
            return Checked(items, t("messages.required", lang))
        return Checked(items)
    if spec.required and not text.strip():
        return Checked(text, t("messages.required", lang))
    if kind == "long" and len(text) > 400:
        return Checked(text, warning=t("messages.long_text", lang))
    return Checked(text)


def _history(text: str, lang: str) -> Checked:
    """Version history lines: ``version | YYYY-MM-DD | what changed``."""
    changes = []
    for line in text.splitlines():
        if not line.strip():
            continue
        version, _, rest = line.partition("|")
        day, _, change = rest.partition("|")
        entry: dict[str, Any] = {"version": version.strip(), "date": None, "change": change.strip()}
        if day.strip():
            try:
                entry["date"] = dt.date.fromisoformat(day.strip())
            except ValueError:
                return Checked(None, t("messages.bad_date", lang))
        changes.append(entry)
    return Checked(changes)


def shown(spec: FieldSpec, value: Any) -> Any:
    """An answer as its editor shows it (lists one per line, dates as YYYY-MM-DD)."""
    if spec.kind == "history":
        return "\n".join(
            f"{_get(c, 'version')} | {_get(c, 'date') or ''} | {_get(c, 'change')}"
            for c in value or []
        )
    if spec.kind == "list":
        return "\n".join(str(v) for v in value or [])
    if spec.kind in ("text", "long", "number", "date"):
        return "" if value is None else str(value)
    return value


def _get(item: Any, name: str) -> Any:
    """A field of a history entry, whether a mapping or a model object."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name)
