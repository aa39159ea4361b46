"""The Answers model: everything the user decided, its YAML form, validation and layering.

Layers, lowest first: built-in defaults < industry preset < tone preset < saved answers
< what the user types. Each layer is a partial mapping; :func:`merge` stacks them (mappings
merge key by key, any other value replaces the one below) and :func:`from_data` turns the
result into :class:`Answers`, checking every key and type on the way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from . import packaged
from .errors import InputError, Words, quoted, words
from .yamlio import Key, dump_yaml, load_yaml, read_text

LANGUAGES = packaged.LANGUAGES
ROLE_IDS = ("O1", "O2", "O3", "O4", "O5", "O6")
Language = Literal["da", "en"]
Address = Literal["personal", "group", "formal"]
Engagement = Literal["encouraged", "welcome", "official_only"]
OrgKind = Literal["company", "shop", "clinic", "workplace", "office", "association"]
Served = Literal["customers", "guests", "patients", "citizens", "clients", "members"]
ResponseTime = Literal["hours", "same_day", "one_day", "next_workday", "two_workdays"]
PrivateChannel = Literal["message", "phone_mail"]


@dataclass
class Organisation:
    """Who the policy is for and who keeps it (P1, P2)."""

    name: str = ""
    industry: str = ""
    size: str = ""
    channels: list[str] = field(default_factory=list)
    owner: str = ""
    contact: str = ""
    effective_date: dt.date | None = None
    version: str = "1.0"
    review_months: int = 12
    kind: OrgKind = "company"
    served: Served = "customers"
    response_time: ResponseTime = "same_day"
    private_channel: PrivateChannel = "message"
    public: bool = False


@dataclass
class Scope:
    """Which parts the policy has (P4)."""

    official_channels: bool = True
    all_staff: bool = True
    volunteers: bool = False
    board: bool = False


@dataclass
class Goals:
    """Why the business has a policy (B1-B3), plus goals of its own."""

    protect: bool = True
    advocacy: bool = True
    consistency: bool = True
    own: list[str] = field(default_factory=list)


@dataclass
class Voice:
    """How the business sounds on its own channels (B3)."""

    tone: str = ""
    description: str = ""
    address: Address = "personal"
    emoji: str = ""
    hashtags: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    criticism: str = ""
    reply_style: str = ""


@dataclass
class Rules:
    """What everyone who works here is expected to do (R1-R5)."""

    brand_name: str = ""
    brand: list[str] = field(default_factory=list)
    engagement: Engagement = "encouraged"
    sensitive_topics: bool = True
    confidential: list[str] = field(default_factory=list)
    consequences: str = ""
    personal_use: str = ""
    secrecy: bool = False
    staff_checks: bool = False


@dataclass
class Topics:
    """Topics a current policy covers beyond the guide (T1-T6), each switched on or off."""

    ai: bool = True
    harassment: bool = True
    crisis_levels: bool = True
    leavers: bool = True
    accessibility: bool = True
    giveaways: bool = False


@dataclass
class Role:
    """One area of responsibility (O1-O6): who holds it and who stands in."""

    role: str = ""
    person: str = ""
    contact: str = ""
    deputy: str = ""


def _roles() -> dict[str, Role]:
    return {rid: Role() for rid in ROLE_IDS}


@dataclass
class Legal:
    """Crediting, protected information and the disclaimer (L1-L3)."""

    credit: str = ""
    confidential_categories: list[str] = field(default_factory=list)
    disclaimer: str = ""
    disclaimer_where: list[str] = field(default_factory=list)


@dataclass
class Implementation:
    """How the policy is made, taught and kept alive (I1-I3, O5)."""

    input: str = ""
    training: str = ""


@dataclass
class Change:
    """One line of the version history."""

    version: str = ""
    date: dt.date | None = None
    change: str = ""


@dataclass
class Appendix:
    """What follows the policy: a page to sign, and the version history."""

    acknowledgement: bool = True
    history: list[Change] = field(default_factory=list)


@dataclass
class Answers:
    """Everything the user decided. What a draft stores and what export reads."""

    language: Language = "da"
    organisation: Organisation = field(default_factory=Organisation)
    scope: Scope = field(default_factory=Scope)
    goals: Goals = field(default_factory=Goals)
    voice: Voice = field(default_factory=Voice)
    rules: Rules = field(default_factory=Rules)
    topics: Topics = field(default_factory=Topics)
    roles: dict[str, Role] = field(default_factory=_roles)
    legal: Legal = field(default_factory=Legal)
    implementation: Implementation = field(default_factory=Implementation)
    appendix: Appendix = field(default_factory=Appendix)


HASHTAG = re.compile(r"^#[^\s#]+$")
"""A hashtag: a hash sign then one word of letters, digits or underscores, no spaces."""


# --- data <-> model -----------------------------------------------------------------------


def to_data(obj: Any) -> Any:
    """The plain YAML-ready form of a model object (dates stay dates)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_data(v) for v in obj]
    return obj


class _Source:
    """Where data came from, to name file and line in errors."""

    def __init__(
        self, name: str | None, lines: dict[Key, int] | None, raw: dict[Key, str] | None = None
    ) -> None:
        self.name = name
        self.lines = lines or {}
        self.raw: dict[Key, str] = raw if raw is not None else getattr(lines, "raw", {})

    def error(
        self,
        key: Key,
        message: str,
        hint: str | None = None,
        /,
        *,
        code: str | None = None,
        at: Key | None = None,
        **values: Words,
    ) -> InputError:
        """The error at ``key``, naming file and line; ``code`` and ``values`` are the
        wizard's words for it (see :class:`InputError`), ``at`` the field they name."""
        line = None
        probe = key
        while probe and line is None:
            line = self.lines.get(probe)
            probe = probe[:-1]
        dotted = ".".join(str(k) for k in key) or None
        named = None if at is None else ".".join(str(k) for k in at)
        return InputError(
            message,
            file=self.name,
            line=line,
            field=dotted,
            hint=hint,
            code=code,
            at=named,
            values=values,
        )


def from_data(
    data: Any,
    *,
    name: str | None = None,
    lines: dict[Key, int] | None = None,
    language: str | None = None,
    bad_values: list[Key] | None = None,
) -> Answers:
    """Build :class:`Answers` from a (possibly partial) mapping, checking keys and types.

    Structure is strict: an unknown key or a wrong type raises :class:`InputError` naming
    file, line and field. Field rules (a company name, a well-formed hashtag) are not
    checked here but by :mod:`somewizard.rules`. With ``bad_values`` given, a date that is
    not a date is left out (as no date) and its place appended there, so a file the
    wizard saved mid-typing still opens; without it, such a date is an error.

    Values written as ``{da: ..., en: ...}`` are resolved to ``language`` (presets use this
    to carry both languages).
    """
    source = _Source(name, lines)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise source.error((), "expected a mapping of answers at the top level", code="not_answers")
    lang = language or data.get("language") or "da"
    if lang not in LANGUAGES:
        lang = "da"
    answers = _convert(Answers, data, (), source, str(lang), bad_values)
    assert isinstance(answers, Answers)
    return answers


def _type_name(tp: Any) -> str:
    """A short, human name for a type in an error message."""
    origin = get_origin(tp)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if origin in (list,):
        return "a list of " + _type_name(get_args(tp)[0]) + "s"
    if origin in (dict,) or dataclasses.is_dataclass(tp):
        return "a mapping"
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in get_args(tp) if a is not type(None))
    return {str: "text", int: "a whole number", bool: "true or false", dt.date: "a date"}.get(
        tp, str(tp)
    )


def _type_words(tp: Any) -> Words:
    """:func:`_type_name` in the wizard's words, for either language."""
    origin = get_origin(tp)
    if origin is list:
        return words("types.list")
    if origin is dict or dataclasses.is_dataclass(tp):
        return words("types.mapping")
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _type_words(inner[0])
    kind = {str: "text", int: "int", bool: "bool", dt.date: "date"}.get(tp, "")
    return words(f"types.{kind}") if kind else str(tp)


def _described(value: Any) -> Words:
    """:func:`_describe` in the wizard's words, for either language."""
    if value is None:
        return words("types.nothing")
    if isinstance(value, dict):
        return words("types.a_mapping")
    if isinstance(value, list):
        return words("types.a_list")
    if isinstance(value, bytes):
        return words("types.binary")
    return _describe(value)


def _wrong_type(src: _Source, key: Key, tp: Any, value: Any) -> InputError:
    """The error for a value of the wrong kind: text where a list belongs, and so on."""
    return src.error(
        key,
        f"expected {_type_name(tp)}, got {_describe(value)}",
        code="wrong_type",
        expected=_type_words(tp),
        got=_described(value),
    )


def _localised(value: Any, lang: str) -> Any:
    """Pick one language from a ``{da: ..., en: ...}`` value; other values pass through."""
    if isinstance(value, dict) and value and set(value) <= set(LANGUAGES):
        if lang in value:
            return value[lang]
        return next(iter(value.values()))
    return value


@cache
def _shape(tp: Any) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A dataclass's resolved field types and field names, worked out once."""
    return typing.get_type_hints(tp), tuple(f.name for f in dataclasses.fields(tp))


def _convert(
    tp: Any, value: Any, key: Key, src: _Source, lang: str, bad: list[Key] | None = None
) -> Any:
    """Check ``value`` against the type ``tp`` and build it; raise on the first problem."""
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise _wrong_type(src, key, tp, value)
        hints, names = _shape(typing.cast(type, tp))
        kwargs = {}
        for k, v in value.items():
            if k not in names:
                raise _unknown(src, key, k, list(names))
            kwargs[k] = _convert(hints[k], v, (*key, k), src, lang, bad)
        return typing.cast(Any, tp)(**kwargs)
    if origin is dict:
        if not isinstance(value, dict):
            raise _wrong_type(src, key, tp, value)
        _, item_tp = get_args(tp)
        out = _roles()
        for k, v in value.items():
            if k not in ROLE_IDS:
                raise _unknown(src, key, str(k), list(ROLE_IDS))
            out[k] = _convert(item_tp, v, (*key, k), src, lang, bad)
        return out
    value = _localised(value, lang)
    if origin is list:
        if isinstance(value, str):
            value = [value] if value.strip() else []
        if value is None:
            return []
        if not isinstance(value, list):
            raise _wrong_type(src, key, tp, value)
        (item_tp,) = get_args(tp)
        return [_convert(item_tp, v, (*key, i), src, lang, bad) for i, v in enumerate(value)]
    if origin is Literal:
        allowed = get_args(tp)
        if value not in allowed:
            from difflib import get_close_matches

            close = get_close_matches(str(value), [str(a) for a in allowed], n=1)
            hint = f"did you mean {close[0]!r}?" if close else None
            raise src.error(
                key,
                f"{_describe(value)} is not {_type_name(tp)}",
                hint,
                code="not_choice_close" if close else "not_choice",
                got=_described(value),
                choices=", ".join(str(a) for a in allowed),
                close=quoted(close[0]) if close else "",
            )
        return value
    if origin in (Union, types.UnionType):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _convert(inner[0], value, key, src, lang, bad)
    if tp is str:
        if value is None:
            return ""
        if isinstance(value, (bool, dict, list, bytes)):
            raise _wrong_type(src, key, tp, value)
        if isinstance(value, (int, float, dt.date)):
            return str(value)
        return str(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise _wrong_type(src, key, tp, value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_type(src, key, tp, value)
        return value
    if tp is dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            from .dates import parse_date

            day = parse_date(value)
            if day is not None:
                return day
            if bad is not None:
                bad.append(key)
                return None
        raise _wrong_type(src, key, tp, value)
    raise src.error(key, f"unsupported type {tp!r}")  # pragma: no cover - model bug


def _describe(value: Any) -> str:
    """A short description of a wrong value for an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bytes):
        return "binary data"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


def _unknown(src: _Source, key: Key, name: str, names: list[str]) -> InputError:
    """The error for an unknown key, suggesting the closest known one."""
    from difflib import get_close_matches

    close = get_close_matches(str(name), names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(names)
    return src.error(
        (*key, name),
        "unknown key",
        hint,
        code="unknown_key_close" if close else "unknown_key",
        at=key,
        key=quoted(str(name)),
        close=_suggestion((*key, close[0])) if close else "",
    )


def _suggestion(key: Key) -> Words:
    """A known key offered in place of a misspelt one, with the label the wizard gives it."""
    from .ui import steps

    path = ".".join(str(k) for k in key)
    labels = [f.label for spec in steps() for f in spec.fields if f.path == path]

    def say(lang: str) -> str:
        name = quoted(str(key[-1]))(lang)
        return f"{name} ({quoted(labels[0][lang])(lang)})" if labels else name

    return say


# --- files and layers ---------------------------------------------------------------------


def read_layer(path: Path) -> tuple[dict[str, Any], _Source]:
    """Read one YAML layer (answers or preset) as a mapping, with its line map."""
    text = read_text(path)
    data, lines = load_yaml(text, str(path))
    source = _Source(str(path), lines)
    if data is None:
        raise source.error((), "the file is empty", code="empty")
    if not isinstance(data, dict):
        raise source.error(
            (),
            f"expected a mapping of answers at the top level, got {_describe(data)}",
            code="not_answers",
        )
    return data, source


def validate_layer(data: dict[str, Any], source: _Source, language: str) -> list[Key]:
    """Check a partial layer's keys and types; return the places of dates that are not dates."""
    bad: list[Key] = []
    _convert(Answers, data, (), source, language, bad)
    return bad


def as_written(data: Any, source: _Source, tp: Any = Answers, key: Key = ()) -> Any:
    """A layer with every text answer as the file writes it (``1.10``, not 1.1).

    YAML 1.1 turns some plain text into numbers, dates or true/false; where the answer is
    text, the text of the file is what the user meant.
    """
    if not source.raw:
        return data
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            return data
        hints, _ = _shape(typing.cast(type, tp))
        return {
            k: as_written(v, source, hints[k], (*key, k)) if k in hints else v
            for k, v in data.items()
        }
    if origin is dict:
        item_tp = get_args(tp)[1]
        if not isinstance(data, dict):
            return data
        return {k: as_written(v, source, item_tp, (*key, k)) for k, v in data.items()}
    if isinstance(data, dict) and data and set(data) <= set(LANGUAGES):
        return {k: as_written(v, source, tp, (*key, k)) for k, v in data.items()}
    if origin is list:
        (item_tp,) = get_args(tp)
        if isinstance(data, list):
            return [as_written(v, source, item_tp, (*key, i)) for i, v in enumerate(data)]
        tp = item_tp  # one item written without the list
    if tp is str and not isinstance(data, (str, dict, list)) and key in source.raw:
        return source.raw[key]
    return data


def localise(data: Any, language: str) -> Any:
    """Resolve every ``{da: ..., en: ...}`` value in a layer to one language."""
    data = _localised(data, language)
    if isinstance(data, dict):
        return {k: localise(v, language) for k, v in data.items()}
    if isinstance(data, list):
        return [localise(v, language) for v in data]
    return data


def merge(*layers: dict[str, Any]) -> dict[str, Any]:
    """Stack layers, lowest first: mappings merge by key, other values replace."""
    out: dict[str, Any] = {}
    for layer in layers:
        for k, v in layer.items():
            if isinstance(v, dict) and isinstance(out.get(k), dict):
                out[k] = merge(out[k], v)
            else:
                out[k] = v
    return out


def load_answers(path: Path) -> Answers:
    """Load a complete answers file on its own (no presets beneath it), keys and types checked."""
    data, source = read_layer(path)
    return from_data(as_written(data, source), name=source.name, lines=source.lines)


def dumps(answers: Answers) -> str:
    """The answers as YAML text, with a short header comment in their language."""
    from .ui import t

    return t("files.complete_header", answers.language) + dump_yaml(to_data(answers))


def loads(text: str, name: str = "<answers>") -> Answers:
    """Parse answers from YAML text (the inverse of :func:`dumps`)."""
    data, lines = load_yaml(text, name)
    return from_data(as_written(data, _Source(name, lines)), name=name, lines=lines)
