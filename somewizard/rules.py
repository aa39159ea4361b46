"""The field rules: one table keyed by answer path, with messages in Danish and English.

The wizard shows these under the fields while the user types, ``somewizard check`` and the
export insist on them. Loading a file never does: a saved value that breaks a rule opens
and is shown with its message, so whatever was saved can be loaded again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from .answers import HASHTAG, ROLE_IDS, Answers
from .errors import InputError
from .ui import steps, t

Key = tuple[str | int, ...]

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
"""An e-mail address: something, one @, a domain with a dot and a top-level part."""
PHONE = re.compile(r"^\+?[\d ()-]+$")
"""Text that is meant as a phone number: digits, spaces, brackets, dashes, a leading +."""


@dataclass(frozen=True)
class Problem:
    """One answer that breaks a rule: where it is, and what to say about it."""

    key: Key
    """The exact place in the answers, e.g. ``("voice", "hashtags", 1)``."""
    code: str
    """The message's key under ``messages`` in ``content/ui.yaml``."""
    values: tuple[tuple[str, str], ...] = ()

    @property
    def path(self) -> str:
        """The dotted answer path, as the command line names it: ``voice.hashtags.1``."""
        return ".".join(str(k) for k in self.key)

    @property
    def field(self) -> str:
        """The wizard field that edits this answer: ``voice.hashtags``, ``roles``."""
        return field_for(self.key)

    def message(self, lang: str) -> str:
        """What is wrong, in the user's language, with no internal names."""
        return t(f"messages.{self.code}", lang, **dict(self.values))


@cache
def field_for(key: Key) -> str:
    """The path of the wizard field that edits the answer at ``key``."""
    dotted = ".".join(str(k) for k in key)
    best = ""
    for spec in steps():
        for f in spec.fields:
            if (dotted == f.path or dotted.startswith(f.path + ".")) and len(f.path) > len(best):
                best = f.path
    return best or dotted


def step_of(field: str) -> int:
    """The index of the step that holds a field, or a part of one (``roles.O2.contact``);
    0 when no step does."""
    for i, spec in enumerate(steps()):
        if any(field == f.path or field.startswith(f.path + ".") for f in spec.fields):
            return i
    return 0


# --- the rules ----------------------------------------------------------------------------


def _required_name(a: Answers) -> Iterator[Problem]:
    if not a.organisation.name.strip():
        yield Problem(("organisation", "name"), "required_name")


def _months(a: Answers) -> Iterator[Problem]:
    if not 1 <= a.organisation.review_months <= 60:
        yield Problem(("organisation", "review_months"), "bad_number")


def _effective(a: Answers) -> Iterator[Problem]:
    effective = a.organisation.effective_date
    if effective is not None:
        last_month = effective.month - 1 + a.organisation.review_months
        if effective.year + last_month // 12 > dt.MAXYEAR:
            yield Problem(
                ("organisation", "effective_date"), "late_date", (("date", effective.isoformat()),)
            )


def _parts(a: Answers) -> Iterator[Problem]:
    if not (a.scope.official_channels or a.scope.all_staff):
        yield Problem(("scope", "official_channels"), "no_part")


def _hashtags(a: Answers) -> Iterator[Problem]:
    for i, tag in enumerate(a.voice.hashtags):
        if not HASHTAG.match(tag):
            yield Problem(("voice", "hashtags", i), "bad_hashtag", (("tag", tag),))


def contact_problem(text: str) -> str:
    """The message code for a contact that looks like a broken e-mail or phone, else ''."""
    text = text.strip()
    if "@" in text and " " not in text and not EMAIL.match(text):
        return "bad_email"
    digits = sum(c.isdigit() for c in text)
    # Four digits or fewer is an extension ("lokal 12"); 5-7 or over 15 a mistyped number.
    if PHONE.match(text) and (5 <= digits <= 7 or digits > 15):
        return "bad_phone"
    return ""


def _contacts(a: Answers) -> Iterator[Problem]:
    if code := contact_problem(a.organisation.contact):
        yield Problem(("organisation", "contact"), code)
    for rid in ROLE_IDS:
        if code := contact_problem(a.roles[rid].contact):
            yield Problem(("roles", rid, "contact"), code, (("area", rid),))


RULES: dict[str, Callable[[Answers], Iterator[Problem]]] = {
    "organisation.name": _required_name,
    "organisation.review_months": _months,
    "organisation.effective_date": _effective,
    "organisation.contact": _contacts,
    "scope": _parts,
    "voice.hashtags": _hashtags,
}
"""Every rule, keyed by the answer path it checks."""


def problems(answers: Answers, bad_values: list[Key] | None = None) -> list[Problem]:
    """Every rule the answers break, in the order of the wizard's steps.

    ``bad_values`` are the places where a loaded value had the wrong form (a date that is
    not a date) and was left out of the answers; each is reported too.
    """
    found = [Problem(key, "bad_date") for key in bad_values or []]
    for rule in RULES.values():
        found.extend(rule(answers))
    order = {f.path: i for i, f in enumerate(f for spec in steps() for f in spec.fields)}
    return sorted(found, key=lambda p: order.get(p.field, len(order)))


def check(answers: Answers) -> None:
    """Raise :class:`InputError` for the first rule the answers break (their language)."""
    for problem in problems(answers):
        raise InputError(
            problem.message(answers.language),
            field=problem.path,
            code="rule",
            values={"problem": problem.message},
        )
