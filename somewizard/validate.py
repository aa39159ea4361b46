"""Turn what the user typed into a field into an answer.

Only the form is handled here (a number, a date, one item per line). Whether an answer
keeps the rules (a company name, a hashtag's form) is :mod:`somewizard.rules`' job, so the
wizard, ``somewizard check`` and the export say the same. Text that does not parse is kept
as typed wherever the answer can hold it, so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import parse_date
from .ui import FieldSpec, t


@dataclass(frozen=True)
class Checked:
    """A field's value after checking: ``value`` is None when it cannot be kept."""

    value: Any
    error: str = ""
    warning: str = ""


def parse(spec: FieldSpec, raw: Any, lang: str) -> Checked:
    """Parse what the user typed into one field (``value`` None: nothing can be kept)."""
    kind = spec.kind
    if kind == "switch" or kind == "choice":
        return Checked(raw)
    text = str(raw)  # characters no file may hold are dropped by Session.set_answer
    if kind == "number":
        digits = text.strip()
        if len(digits) > 6:  # months: a longer number is a slip of the finger
            return Checked(None, t("messages.bad_number", lang))
        try:
            return Checked(int(digits))
        except ValueError:
            return Checked(None, t("messages.bad_number", lang))
    if kind == "date":
        if not text.strip():
            return Checked("")  # no date
        day = parse_date(text)
        # a date kept as typed when it is none: the rules say it is not a date
        return Checked(day if day is not None else text.strip())
    if kind == "history":
        return _history(text)
    if kind == "list":
        items = [line.strip() for line in text.splitlines() if line.strip()]
        if spec.path == "voice.hashtags" and len(items) > 5:
            return Checked(items, warning=t("messages.many_hashtags", lang))
        return Checked(items)
    if kind == "long" and len(text) > 400:
        return Checked(text, warning=t("messages.long_text", lang))
    return Checked(text)


def _history(text: str) -> Checked:
    """Version history lines: ``version | YYYY-MM-DD | what changed``."""
    changes = []
    for line in text.splitlines():
        if not line.strip():
            continue
        version, _, rest = line.partition("|")
        day, _, change = rest.partition("|")
        entry: dict[str, Any] = {"version": version.strip(), "date": None, "change": change.strip()}
        if day.strip():
            # kept as typed when it is not a date; the rules say so
            entry["date"] = parse_date(day) or day.strip()
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
