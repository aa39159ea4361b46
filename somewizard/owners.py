"""Who owns each answer: the industry, the tone, both (shared) or the business alone (user).

The layers stack defaults < industry < tone < answers file < typed, and a higher layer
replaces what it sets. That is only safe when each layer sets what it owns:

- the **industry** owns the trade's facts, rules and procedures: its channels, its
  vocabulary (whom it serves, what it is called), what is confidential, how criticism
  is handled, photo rules, roles, response time and sector duties;
- the **tone** owns how we sound: tone, address, emoji, example posts, the wording of
  replies to criticism and of the disclaimer;
- **shared** answers (the goals' switches, engagement, sensitive topics, crediting) may
  be set by either; the tone wins where both do;
- the **user** alone gives the business's own facts: its name, contact, dates, version,
  the people behind the roles and the version history.

A preset that sets a key its kind does not own is refused when it is read (and by
``somewizard check PRESET``), naming the file and line. An answers file and the wizard may
set every answer: they are the business's own.
"""

from __future__ import annotations

from typing import Any

from .errors import InputError, words

INDUSTRY = "industry"
TONE = "tone"
SHARED = "shared"
USER = "user"

OWNERS: dict[str, str] = {
    "language": USER,
    "organisation.name": USER,
    "organisation.industry": INDUSTRY,
    "organisation.size": INDUSTRY,
    "organisation.channels": INDUSTRY,
    "organisation.owner": INDUSTRY,
    "organisation.contact": USER,
    "organisation.effective_date": USER,
    "organisation.version": USER,
    "organisation.review_months": INDUSTRY,
    "organisation.kind": INDUSTRY,
    "organisation.served": INDUSTRY,
    "organisation.response_time": INDUSTRY,
    "organisation.private_channel": INDUSTRY,
    "organisation.public": INDUSTRY,
    "scope.official_channels": INDUSTRY,
    "scope.all_staff": INDUSTRY,
    "scope.volunteers": INDUSTRY,
    "scope.board": INDUSTRY,
    "goals.protect": SHARED,
    "goals.advocacy": SHARED,
    "goals.consistency": SHARED,
    "goals.own": INDUSTRY,
    "voice.tone": TONE,
    "voice.description": TONE,
    "voice.address": TONE,
    "voice.emoji": TONE,
    "voice.hashtags": INDUSTRY,
    "voice.examples": TONE,
    "voice.images": INDUSTRY,
    "voice.criticism": INDUSTRY,
    "voice.reply_style": TONE,
    "rules.brand_name": USER,
    "rules.brand": INDUSTRY,
    "rules.engagement": SHARED,
    "rules.sensitive_topics": SHARED,
    "rules.confidential": INDUSTRY,
    "rules.consequences": INDUSTRY,
    "rules.personal_use": INDUSTRY,
    "rules.secrecy": INDUSTRY,
    "rules.staff_checks": USER,
    "topics.ai": INDUSTRY,
    "topics.harassment": INDUSTRY,
    "topics.crisis_levels": INDUSTRY,
    "topics.leavers": INDUSTRY,
    "topics.accessibility": INDUSTRY,
    "topics.giveaways": INDUSTRY,
    "roles.*.role": INDUSTRY,
    "roles.*.person": USER,
    "roles.*.contact": USER,
    "roles.*.deputy": USER,
    "legal.credit": SHARED,
    "legal.confidential_categories": INDUSTRY,
    "legal.disclaimer": TONE,
    "legal.disclaimer_where": INDUSTRY,
    "implementation.input": INDUSTRY,
    "implementation.training": INDUSTRY,
    "appendix.acknowledgement": USER,
    "appendix.history": USER,
}
"""Every answer path (``roles.*`` for each role) and the kind of layer that owns it."""

_MOVE_TO = {
    "voice.criticism": "put how the tone words its replies in voice.reply_style",
}
"""Where a tone's text for an industry-owned answer belongs instead."""

_WHY = {
    INDUSTRY: "it belongs to the industry preset: the trade's facts, rules and procedures",
    TONE: "it belongs to the tone preset: how we sound",
    USER: "only the business gives it, in the wizard or an answers file",
}


def owner(path: str) -> str:
    """The owner of one answer path such as ``voice.criticism`` or ``roles.O1.role``."""
    parts = path.split(".")
    if parts[0] == "roles" and len(parts) == 3:
        path = f"roles.*.{parts[2]}"
    return OWNERS[path]


def may_set(kind: str, path: str) -> bool:
    """Whether a preset of ``kind`` (industry or tone) may set this answer."""
    who = owner(path)
    return who in (SHARED, kind)


def paths(layer: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every answer a (checked) layer sets, as keys: ``("voice", "criticism")``.

    A section is a mapping of answers; a value written per language (``{da:, en:}``) or a
    list is one answer.
    """
    found: list[tuple[str, ...]] = []
    for section, value in layer.items():
        if section == "language" or not isinstance(value, dict):
            found.append((section,))
        elif section == "roles":
            for rid, role in value.items():
                found.extend((section, rid, k) for k in (role or {}))
        else:
            found.extend((section, k) for k in value)
    return found


def check_layer(kind: str, layer: dict[str, Any], error: Any) -> None:
    """Refuse a preset layer that sets an answer its kind does not own.

    ``error(key, message, hint)`` builds the :class:`InputError` naming file and line.
    """
    for key in paths(layer):
        path = ".".join(key)
        if may_set(kind, path):
            continue
        hint = (_MOVE_TO.get(path) if kind == TONE else None) or _WHY[owner(path)]
        article = "an" if kind == INDUSTRY else "a"
        err: InputError = error(
            key,
            f"{article} {kind} preset cannot set {path}",
            hint,
            code="preset_owner",
            kind=words(f"kinds.{kind}"),
        )
        raise err
