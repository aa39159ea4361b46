"""Turn what the user typed into a field into an answer.

Only the form is handled here (a number, a date, one item per line). Whether an answer
keeps the rules (a company name, a hashtag's form) is :mod:`somewizard.rules`' job, so the
wizard, ``somewizard check`` and the export say the same. Text that does not parse is kept
as typed wherever the answer can hold it, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    if kind == "history" and isinstance(raw, list):
        return Checked(raw)  # rows from the history editor, already entries
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
        changes.append(history_entry(version, day, change))
    return Checked(changes)


def history_entry(version: str, day: str, change: str) -> dict[str, Any]:
    """One version history entry from its three texts; the date as people write it.

    A date that is none is kept as typed: the rules say so.
    """
    date = (parse_date(day) or day.strip()) if day.strip() else None
    return {"version": version.strip(), "date": date, "change": change.strip()}


def history_entries(rows: Iterable[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The version history from the editor's rows (version, date, change); empty rows are left out."""
    return [history_entry(*row) for row in rows if any(part.strip() for part in row)]


def shown(spec: FieldSpec, value: Any) -> Any:
    """An answer as its editor shows it (lists one per line, dates as YYYY-MM-DD)."""
    if spec.kind == "history":
        return "\n".join(" | ".join(row) for row in history_rows(value))
    if spec.kind == "list":
        return "\n".join(str(v) for v in value or [])
    if spec.kind in ("text", "long", "number", "date"):
        return "" if value is None else str(value)
    return value


def history_rows(value: Any) -> list[tuple[str, str, str]]:
    """The version history as the editor's rows: version, date (YYYY-MM-DD, or as typed), change."""
    return [
        (_text(_get(c, "version")), _text(_get(c, "date")), _text(_get(c, "change")))
        for c in value or []
    ]


def _text(value: Any) -> str:
    """A history entry's part as text: nothing for no value."""
    return "" if value is None else str(value)


def _get(item: Any, name: str) -> Any:
    """A field of a history entry, whether a mapping or a model object."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name)
