"""What changed between two versions of the answers, chapter by chapter (``somewizard diff``).

Built from the answers: every answer that differs is one :class:`Change`, named by the
wizard's label for it and by the chapters of the built policy whose text it changes. The
change set as a whole is editorial (wording, dates, names, history) or substantive (a
rule changes), which says whether the next version is 1.1 or 2.0.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .answers import ROLE_IDS, Answers, from_data, to_data
from .document import PolicyDocument, Section, build, content, format_date, tr
from .errors import InputError
from .ui import FieldSpec, steps, t

Kind = Literal["editorial", "substantive"]
EDITORIAL_KINDS = ("text", "long", "date", "history", "language")
"""The answers whose change is wording only (free text, dates, names, the history, the
language the same rules are written in); any other (a list of rules, a switch, a choice, a
role, a number) changes a rule."""
SHORT = 60
"""A value longer than this (or of several lines) is said to have changed, not shown."""
DAY = dt.date(2000, 1, 1)
"""The day both documents are built for, so 'today' never shows up as a change."""


@dataclass(frozen=True)
class Unit:
    """One answer as the diff compares it: its path, its kind and its label."""

    path: str
    kind: str
    label: dict[str, str]
    options: tuple[tuple[str, dict[str, str]], ...] = ()


@dataclass(frozen=True)
class Change:
    """One answer that differs: where it is used and what it was and is."""

    unit: Unit
    old: Any
    new: Any
    chapters: tuple[tuple[int, str], ...] = ()
    """The parts of the policy whose text it changes: (order, name) in reading order."""

    @property
    def editorial(self) -> bool:
        """Whether this change is wording only."""
        return self.unit.kind in EDITORIAL_KINDS

    def where(self, lang: str) -> str:
        """The chapters it changes, as one name: "Kapitel 8", "Kapitel 4, 8", "Forsiden"."""
        if not self.chapters:
            return t("living.no_text", lang)
        numbers = [name for _, name in self.chapters if name.isdigit()]
        others = [name for _, name in self.chapters if not name.isdigit()]
        parts = [t("living.chapter", lang, n=", ".join(numbers))] if numbers else []
        return ", ".join(parts + others)

    def line(self, lang: str) -> str:
        """The change in one line: ``Kapitel 14 · Når nogen stopper: til → fra``."""
        return f"{self.where(lang)} · {self.unit.label[lang]}: {self.detail(lang)}"

    def detail(self, lang: str) -> str:
        """What it was and is, briefly: old → new, or the items added and removed."""
        kind = self.unit.kind
        if kind in ("list", "history"):
            old, new = _items(self.old, lang), _items(self.new, lang)
            gone = [f"− {i}" for i in old if i not in new]
            added = [f"+ {i}" for i in new if i not in old]
            return "; ".join(added + gone) or t("living.changed", lang)
        before, after = _said(self.unit, self.old, lang), _said(self.unit, self.new, lang)
        if _too_long(before) or _too_long(after):
            return t("living.reworded", lang)
        return f"{before} → {after}"


@dataclass(frozen=True)
class Verdict:
    """The change set as a whole: editorial or substantive, why, and the next version."""

    kind: Kind
    reason: str
    version: str
    """The version to give the new policy ("" when none, or the old one is not X.Y)."""

    def line(self, lang: str, changed: bool = True) -> str:
        """``Forslag: væsentlig ændring (ny version 2.0)``."""
        said = t(f"living.{self.kind}", lang)
        if not changed:
            return f"{t('living.suggestion', lang)}: {t('living.no_version', lang)}"
        if self.version:
            said += f" ({t('living.new_version', lang, version=self.version)})"
        return f"{t('living.suggestion', lang)}: {said}"


# --- the answers, one by one ---------------------------------------------------------------


def units() -> list[Unit]:
    """Every answer the diff compares, in the wizard's order: the fields of every step (a
    role is one answer per role and column), then the tone and the language."""
    out: list[Unit] = []
    for spec in steps():
        for f in spec.fields:
            out.extend(_field_units(f))
    out.append(Unit("voice.tone", "text", _both("living.tone")))
    out.append(Unit("language", "language", _both("living.language")))
    return out


def _field_units(f: FieldSpec) -> Iterator[Unit]:
    """One wizard field as answers: itself, or for the roles table one per role and column."""
    if f.kind != "roles":
        yield Unit(f.path, f.kind, f.label, f.options)
        return
    data = content()["roles"]
    for rid in ROLE_IDS:
        area = {lang: str(tr(data["areas"][rid], lang)) for lang in ("da", "en")}
        for n, column in enumerate(("role", "person", "contact", "deputy"), 1):
            label = {
                lang: f"{f.label[lang]} · {_area(area[lang], lang)} · {tr(data['header'], lang)[n]}"
                for lang in ("da", "en")
            }
            yield Unit(f"roles.{rid}.{column}", "role", label)


def _area(name: str, lang: str) -> str:
    """A role's area name, with the generic word for the people served."""
    people = {"da": "kunder", "en": "customers"}[lang]
    return name.replace("{people}", people)


def _both(key: str) -> dict[str, str]:
    return {lang: t(key, lang) for lang in ("da", "en")}


def value(answers: Answers, path: str) -> Any:
    """The plain value of one answer (lists, dates and text as the model holds them)."""
    node: Any = to_data(answers)
    for part in path.split("."):
        node = node[part]
    return node


def _said(unit: Unit, value: Any, lang: str) -> str:
    """One short value as the reader knows it: a choice by its label, a switch til/fra."""
    if isinstance(value, bool):
        return t(f"living.{'on' if value else 'off'}", lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if value is None or value == "":
        return t("living.empty", lang)
    for key, label in unit.options:
        if key == str(value):
            return label.get(lang, key)
    return " ".join(str(value).split()) if "\n" not in str(value).strip() else str(value)


def _too_long(text: str) -> bool:
    return len(text) > SHORT or "\n" in text


def _items(value: Any, lang: str) -> list[str]:
    """A list's items as text; a history row as "version (date): change"."""
    out = []
    for item in value or []:
        if isinstance(item, dict):
            day = item.get("date")
            when = format_date(day, lang) if isinstance(day, dt.date) else "-"
            out.append(f"{item.get('version', '')} ({when}): {item.get('change', '')}".strip())
        else:
            out.append(" ".join(str(item).split()))
    return out


# --- where in the policy ---------------------------------------------------------------------


def _parts(doc: PolicyDocument, lang: str) -> dict[str, tuple[int, str, str]]:
    """The policy as comparable parts by key: (order, name, text).

    A numbered chapter holds everything below it; a part or appendix heading only its own
    text, its sub-sections being parts of their own. The cover holds the document's facts.
    """
    out: dict[str, tuple[int, str, str]] = {}
    cover = (doc.company, doc.version, doc.effective_date, doc.review_date, doc.owner, doc.contact)
    out["#cover"] = (0, t("living.cover", lang), repr((cover, doc.subtitle)))

    def visit(sec: Section) -> None:
        order = len(out)
        if sec.number:
            text = repr([(s.title, s.blocks) for s in sec.walk()])
            out[sec.key or sec.title] = (order, sec.number, _unnumbered(text))
            return
        out[sec.key or sec.title] = (order, sec.title, _unnumbered(repr((sec.title, sec.blocks))))
        for sub in sec.sections:
            visit(sub)

    for sec in doc.sections:
        visit(sec)
    return out


_REFERENCE = re.compile(r"\b(kapitel|chapter) \d+", re.IGNORECASE)


def _unnumbered(text: str) -> str:
    """A part's text without its references to other chapters' numbers, which shift when a
    chapter comes or goes elsewhere."""
    return _REFERENCE.sub(r"\1 #", text)


def _changed_parts(
    before: dict[str, tuple[int, str, str]], after: dict[str, tuple[int, str, str]]
) -> tuple[tuple[int, str], ...]:
    """The parts whose text differs, or that one side lacks, named as in ``after`` where
    it has them (the new numbering), in reading order."""
    found = []
    for key in dict.fromkeys([*after, *before]):
        old, new = before.get(key), after.get(key)
        if old is None or new is None or old[2] != new[2]:
            order, name, _ = new if new is not None else old  # type: ignore[misc]
            found.append((order, name))
    return tuple(sorted(found))


# --- the diff ----------------------------------------------------------------------------------


def diff(old: Answers, new: Answers, lang: str | None = None) -> list[Change]:
    """Every answer that differs between ``old`` and ``new``, and the parts of the policy
    each one changes: ``old`` is built with that one answer from ``new``, and the built
    policies are compared part by part. In reading order of the first part changed; the
    parts are named in ``lang`` (default: the language of ``new``)."""
    lang = lang or new.language

    def built(answers: Answers, keep: bool = False) -> dict[str, tuple[int, str, str]]:
        said = answers if keep else dataclasses.replace(answers, language=lang)  # type: ignore[arg-type]
        return _parts(build(said, DAY), lang)

    base = built(old)
    old_data = to_data(old)
    found = []
    for unit in units():
        before, after = value(old, unit.path), value(new, unit.path)
        if before == after:
            continue
        mixed = _with(old_data, unit.path, after)
        try:
            hybrid = from_data(mixed, language=str(mixed.get("language") or lang))
            parts = _changed_parts(base, built(hybrid, unit.path == "language"))
        except (InputError, KeyError, TypeError, ValueError):  # cannot be built alone
            parts = _changed_parts(base, built(new, unit.path == "language"))
        found.append(Change(unit, before, after, parts))
    found.sort(key=_reading_order)
    return found


def compare(old: Path, new: Path, lang: str | None = None) -> tuple[Answers, Answers, list[Change]]:
    """Load two answers files (or drafts) as ``export --answers`` does and :func:`diff`
    them. When their languages differ, the older is read in the newer's language too, so
    the presets' texts follow and only the language itself and the user's own answers
    count as changes."""
    from .session import compose

    before = compose(answers_file=old).answers()
    after = compose(answers_file=new).answers()
    if before.language == after.language:
        return before, after, diff(before, after, lang)
    same = compose(answers_file=old, language=after.language).answers()
    unit = next(u for u in units() if u.path == "language")
    switched = Change(
        unit,
        before.language,
        after.language,
        ((0, t("living.cover", lang or after.language)),),
    )
    return before, after, [*diff(same, after, lang), switched]


def _reading_order(change: Change) -> int:
    """Where a change is first read: its first numbered chapter, else its first part."""
    numbered = [order for order, name in change.chapters if name.isdigit()]
    if numbered:
        return numbered[0]
    return 1000 + change.chapters[0][0] if change.chapters else 10**6


def _with(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of answers data with one value replaced."""
    import copy

    out = copy.deepcopy(data)
    node = out
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    node[last] = value
    return out


def classify(changes: list[Change], old_version: str, lang: str) -> Verdict:
    """Whether the change set is ``editorial`` (wording of free text, dates, names,
    history) or ``substantive`` (a rule, a switch, a choice, a role, a list changes), with
    the reason in ``lang`` and the suggested next version."""
    if not changes:
        return Verdict("editorial", t("living.why_none", lang), "")
    rules = [c for c in changes if not c.editorial]
    kind: Kind = "substantive" if rules else "editorial"
    named = ", ".join(dict.fromkeys(c.unit.label[lang] for c in (rules or changes)))
    reason = t(f"living.why_{kind}", lang, fields=named)
    return Verdict(kind, reason, next_version(old_version, kind))


def next_version(version: str, kind: Kind) -> str:
    """2.0 after 1.3 for a substantive change, 1.4 for an editorial one ("" if not X.Y)."""
    match = re.fullmatch(r"\s*[vV]?(\d+)(?:\.(\d+))?\s*", version)
    if not match:
        return ""
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    return f"{major + 1}.0" if kind == "substantive" else f"{major}.{minor + 1}"


def report(
    changes: list[Change],
    verdict: Verdict,
    lang: str,
    *,
    markdown: bool = False,
    names: tuple[str, str] = ("", ""),
) -> str:
    """The changes as the terminal prints them, or as Markdown: one line per change, the
    suggestion last."""
    lines: list[str] = []
    if markdown:
        lines += [f"# {t('living.title', lang)}", ""]
        if all(names):
            old, new = (f"`{n}`" for n in names)
            lines += [t("living.compared", lang, old=old, new=new), ""]
    if not changes:
        lines.append(t("living.none", lang))
    for change in changes:
        lines.append(f"- {_md(change.line(lang))}" if markdown else change.line(lang))
    if markdown:
        lines.append("")
        lines.append(f"**{_md(verdict.line(lang, bool(changes)))}**")
        lines.append("")
        lines.append(_md(verdict.reason[:1].upper() + verdict.reason[1:]) + ".")
    else:
        lines.append(verdict.line(lang, bool(changes)))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links or HTML from an answer)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


__all__ = ["Change", "Verdict", "classify", "diff", "next_version", "report", "units"]
