"""A new version of the policy with meaning: editorial (1.0 -> 1.1) or substantive
(1.x -> 2.0), proposed from what changed, with its history row, and a short note for staff
on what is new. No screen needed (``somewizard version``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .changes import Change, Kind, classify, compare, next_version
from .ui import t

STAFF_POINTS = 8
"""At most this many points in the note for staff (about half a page); the rest counted."""
SUMMARY_CHARS = 160


@dataclass(frozen=True)
class NewVersion:
    """What ``somewizard version`` decided."""

    version: str
    kind: Kind
    proposed: Kind
    summary: str
    changes: tuple[Change, ...]
    text: str
    """The new answers file: the new file's own answers, with the version and history."""


def summary(changes: list[Change] | tuple[Change, ...], lang: str) -> str:
    """One line for the history: the changed answers by their labels."""
    if not changes:
        return t("versions.no_change", lang)
    labels = list(dict.fromkeys(c.unit.label[lang] for c in changes))
    text = t("versions.changed", lang, fields=", ".join(labels))
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip(", ") + "…"


def history_rows(
    history: list[Any],
    old_version: str,
    old_date: dt.date | None,
    version: str,
    said: str,
    lang: str,
    today: dt.date,
) -> list[dict[str, str | dt.date | None]]:
    """The version history with the new version's row (and a row for the old version, if
    the history did not list it); a row the history had for the new number is replaced."""
    rows: list[dict[str, str | dt.date | None]] = [
        {"version": c.version, "date": c.date, "change": c.change}
        for c in history
        if c.version.strip() not in (version, "")
    ]
    if old_version.strip() not in {str(r["version"]).strip() for r in rows}:
        rows.append(
            {"version": old_version, "date": old_date, "change": t("versions.earlier", lang)}
        )
    rows.append({"version": version, "date": today, "change": said})
    return rows


def make(
    old: Path,
    new: Path,
    *,
    kind: Kind | None = None,
    text: str | None = None,
    lang: str | None = None,
    today: dt.date | None = None,
) -> NewVersion:
    """The next version of ``new`` after ``old``: the kind asked for (else the one the
    changes call for), the history row for it (and for the old version, if the history
    did not list it), and the summary given (else one made from the changes)."""
    from .session import load

    before, after, changes = compare(old, new, lang)
    lang = lang or after.language
    today = today or dt.date.today()
    verdict = classify(changes, before.organisation.version, lang)
    chosen: Kind = kind or verdict.kind
    version = (
        next_version(before.organisation.version, chosen) or f"{before.organisation.version}.1"
    )
    said = text.strip() if text and text.strip() else summary(changes, lang)
    rows = history_rows(
        after.appendix.history,
        before.organisation.version,
        before.organisation.effective_date,
        version,
        said,
        lang,
        today,
    )
    session = load(new, strict_presets=False)
    session.set_answer("organisation.version", version)
    session.set_answer("appendix.history", rows)
    return NewVersion(version, chosen, verdict.kind, said, tuple(changes), session.dumps())


def _staff_detail(change: Change, lang: str) -> str:
    """A change as staff read it: the items that are new and those that are gone."""
    from .changes import _items

    if change.unit.kind == "switch":
        return t(f"versions.{'on' if change.new else 'off'}", lang)
    if change.unit.kind not in ("list", "history"):
        return change.detail(lang)
    before, after = _items(change.old, lang), _items(change.new, lang)
    added = [i for i in after if i not in before]
    gone = [i for i in before if i not in after]
    left, right = ("»", "«") if lang == "da" else ("“", "”")

    def said(items: list[str]) -> str:
        return ", ".join(f"{left}{i}{right}" for i in items)

    parts = [f"{t('versions.new', lang)} {said(added)}"] if added else []
    parts += [f"{t('versions.gone', lang)} {said(gone)}"] if gone else []
    return "; ".join(parts) or change.detail(lang)


def staff_note(result: NewVersion, lang: str) -> str:
    """ "Hvad er nyt": a short Markdown note for staff, at most about half a page."""
    from .changes import _md

    lines = [f"# {t('versions.whats_new', lang, version=result.version)}", ""]
    lines += [t(f"versions.intro_{result.kind}", lang), ""]
    points = [c for c in result.changes if c.unit.path not in ("language", "organisation.version")]
    for change in points[:STAFF_POINTS]:
        detail = _staff_detail(change, lang)
        lines.append(f"- {_md(change.where(lang))}, {_md(change.unit.label[lang])}: {_md(detail)}")
    if len(points) > STAFF_POINTS:
        lines.append(f"- {t('versions.more', lang, n=str(len(points) - STAFF_POINTS))}")
    if not points:
        lines.append(t("versions.no_change", lang))
    lines += ["", t(f"versions.sign_{result.kind}", lang)]
    return "\n".join(lines) + "\n"
