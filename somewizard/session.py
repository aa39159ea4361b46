"""The Session: what the user decided and where they are in the wizard (no Textual).

Layers, lowest first: built-in defaults < industry preset < tone preset < the opened file
< what the user typed. The layers stay apart, so a change of language or preset re-stacks
the ones below while the user's own answers stay on top.

A saved file (an answers file or the draft) keeps them apart too::

    language: da
    presets: {industry: retail, tone: warm}
    organisation: {name: Cykelsmeden}      # only what the user set above the presets
    wizard: {step: voice, visited: [organisation, scope]}   # only in a draft

A file with no ``presets`` (the complete form ``export --format yaml`` writes) opens as
one layer above the defaults.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answers import (
    LANGUAGES,
    Answers,
    _Source,
    as_written,
    from_data,
    localise,
    merge,
    read_layer,
    to_data,
    validate_layer,
)
from .errors import FORBIDDEN, InputError, number, words
from .presets import KINDS, Preset, defaults_layer, find
from .ui import steps, t
from .yamlio import MAX_BYTES, dump_yaml, load_yaml

if TYPE_CHECKING:
    from .rules import Key, Problem

REVIEW = "review"
STEP_KEYS: tuple[str, ...] = (*(s.key for s in steps()), REVIEW)
"""Every step of the wizard, the review last."""

UNTRANSLATED_KINDS = ("list", "long")
"""The fields whose own text reads as sentences in one language (lists and paragraphs)."""


@dataclass
class Session:
    """Everything the user decided and where they are; what the wizard's screens edit."""

    language: str = "da"
    names: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(KINDS))
    """The chosen preset per kind, by name (kept even when the preset cannot be found)."""
    presets: dict[str, Preset | None] = field(default_factory=lambda: dict.fromkeys(KINDS))
    opened: dict[str, Any] = field(default_factory=dict)
    """The answers layer of the opened file or resumed draft."""
    source: _Source | None = None
    """Where ``opened`` came from, to name file and line in errors."""
    typed: dict[str, Any] = field(default_factory=dict)
    """What the user typed in this session, on top of everything."""
    visited: set[str] = field(default_factory=set)
    step: str = STEP_KEYS[0]
    input_errors: dict[str, str] = field(default_factory=dict)
    """Fields whose text could not be kept at all (an empty number), by field path."""
    current_file: Path | None = None
    dirty: bool = False
    """Changed since the last save or open."""
    touched: bool = False
    """The user changed an answer in this session, so there is something to autosave."""
    _cache: tuple[tuple[Any, ...], Answers, list[Problem]] | None = field(
        default=None, repr=False, compare=False
    )
    _version: int = field(default=0, repr=False, compare=False)

    # --- the layers ------------------------------------------------------------------------

    def stacked(self) -> dict[str, Any]:
        """All layers merged, lowest first, in the session's language."""
        lang = self.language
        parts = [localise(defaults_layer(), lang)]
        for kind in KINDS:
            preset = self.presets[kind]
            if preset is not None:
                parts.append(localise(preset.layer, lang))
        parts += [localise(self.opened, lang), self.typed]
        merged = merge(*parts)
        merged["language"] = lang
        return merged

    def _build(self) -> tuple[Answers, list[Problem]]:
        # Edits go through the methods below, which count versions; a layer put in place
        # whole (``session.typed = {...}``) is a new object, so its id tells the change.
        key: tuple[Any, ...] = (self._version, self.language, id(self.opened), id(self.typed))
        key += tuple(id(p) for p in self.presets.values())
        if self._cache is None or self._cache[0] != key:
            from .rules import problems  # not needed for the start screen

            bad: list[Key] = []
            answers = from_data(self.stacked(), language=self.language, bad_values=bad)
            self._cache = (key, answers, problems(answers, bad))
        return self._cache[1], self._cache[2]

    def answers(self) -> Answers:
        """The current answers; values that break a rule are kept (see :meth:`problems`)."""
        return self._build()[0]

    def problems(self) -> list[Problem]:
        """Every field rule the current answers break, in the order of the steps."""
        return self._build()[1]

    def own(self) -> dict[str, Any]:
        """What the user set above the presets: the opened layer and what was typed."""
        return merge(self.opened, self.typed)

    def value(self, path: str) -> Any:
        """An answer as the wizard shows it: what was saved, even when it breaks a rule."""
        if any(p.code == "bad_date" and p.field == path for p in self.problems()):
            node: Any = self.stacked()
            for part in path.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            return node
        node = self.answers()
        for part in path.split("."):
            node = node[part] if isinstance(node, dict) else getattr(node, part)
        return node

    def field_errors(self) -> dict[str, str]:
        """The first message per wizard field, in the session's language."""
        out = dict(self.input_errors)
        for problem in self.problems():
            out.setdefault(problem.field, problem.message(self.language))
        return out

    def step_state(self, key: str) -> str:
        """``problem``, ``done`` or ``todo``: the step's mark in the sidebar."""
        if key != REVIEW:
            spec = steps()[STEP_KEYS.index(key)]
            errors = self.field_errors()
            if any(f.path in errors for f in spec.fields):
                return "problem"
        return "done" if key in self.visited else "todo"

    # --- edits -----------------------------------------------------------------------------

    def _changed(self, *, answer: bool, dirty: bool = True) -> None:
        self._version += 1
        self.dirty = self.dirty or dirty
        if answer:
            self.touched = True

    def set_answer(self, path: str, value: Any) -> None:
        """Record what the user typed, on top of every other layer.

        Characters no file may hold (a control character or bidi mark pasted with a phone
        number) are dropped here, for every field, so the draft always loads again.
        """
        value = _printable_only(value)
        node = self.typed
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
        self.input_errors.pop(path, None)
        self._changed(answer=True)

    def set_input_error(self, path: str, message: str) -> None:
        """Remember that a field's text could not be kept (or that it can again)."""
        if message:
            self.input_errors[path] = message
        else:
            self.input_errors.pop(path, None)

    def choose_preset(self, kind: str, preset: Preset | None) -> bool:
        """Pick an industry or tone preset (None for none); return whether it changed."""
        name = preset.name if preset else None
        if name == self.names[kind] and (preset is None) == (self.presets[kind] is None):
            return False
        self.names[kind], self.presets[kind] = name, preset
        self._changed(answer=False)
        return True

    def set_language(self, lang: str) -> None:
        """Switch the policy's language; every answer the user set stays."""
        if lang not in LANGUAGES or lang == self.language:
            return
        self.language = lang
        self._changed(answer=False, dirty=False)  # a view of the same answers

    def go(self, key: str) -> None:
        """Show another step: the one left counts as visited."""
        if key != self.step:
            self.visited.add(self.step)
            self.step = key

    # --- files -----------------------------------------------------------------------------

    def to_data(self, *, draft: bool = False) -> dict[str, Any]:
        """The session as a saved file holds it: language, preset names, own answers."""
        out: dict[str, Any] = {"language": self.language}
        names = {k: v for k, v in self.names.items() if v}
        if names:
            out["presets"] = names
        out.update(to_data(self.own()))
        if draft:
            visited = [k for k in STEP_KEYS if k in self.visited]
            out["wizard"] = {"step": self.step, "visited": visited}
        return out

    def dumps(self, *, draft: bool = False) -> str:
        """The session as YAML text, for the draft or an answers file, with a header comment
        in the session's language (a comment: the file loads in either language)."""
        header = t(f"files.{'draft' if draft else 'answers'}_header", self.language)
        return header + dump_yaml(self.to_data(draft=draft))

    def untranslated(self) -> list[str]:
        """The fields (lists and paragraphs) that hold text the user set in one language.

        The defaults and presets give such text in both languages; what the user typed, or
        an opened file wrote, stays as it is when the language changes. A value written per
        language (``{da: ..., en: ...}``) follows the language and is not counted.
        """
        own = self.own()
        found = []
        for spec in steps():
            for f in spec.fields:
                if f.kind not in UNTRANSLATED_KINDS:
                    continue
                node: Any = own
                for part in f.path.split("."):
                    node = node.get(part) if isinstance(node, dict) else None
                if isinstance(node, dict) or not node:
                    continue
                items = node if isinstance(node, list) else [node]
                if any(isinstance(i, str) and i.strip() for i in items):
                    found.append(f.path)
        return found

    def checked(self) -> Answers:
        """The answers with every rule kept, or :class:`InputError` for the first broken one.

        The error names the file and line when the value came from the opened file.
        """
        for problem in self.problems():
            src = self.source if _has(self.opened, problem.key) else None
            if src is None:
                src = _Source(None, None)
            raise src.error(
                problem.key, problem.message(self.language), code="rule", problem=problem.message
            )
        return self.answers()

    def copy(self) -> Session:
        """An independent copy (the layers are copied, the presets shared)."""
        import copy

        return dataclasses.replace(
            self,
            names=dict(self.names),
            presets=dict(self.presets),
            opened=copy.deepcopy(self.opened),
            typed=copy.deepcopy(self.typed),
            visited=set(self.visited),
            input_errors=dict(self.input_errors),
        )


def _printable_only(value: Any) -> Any:
    """``value`` without the characters a saved file may not hold, however deep."""
    if isinstance(value, str):
        return FORBIDDEN.sub("", value)
    if isinstance(value, list):
        return [_printable_only(v) for v in value]
    if isinstance(value, dict):
        return {k: _printable_only(v) for k, v in value.items()}
    return value


def _has(layer: dict[str, Any], key: Key) -> bool:
    """Whether a layer sets the value at ``key`` (or the list that holds it).

    The list may be written per language (``{da: [...]}``) or as its one item.
    """
    node: Any = layer
    for part in key:
        if not (isinstance(node, dict) and part in node):
            if isinstance(node, dict):
                return bool(node) and node is not layer and set(node) <= set(LANGUAGES)
            return node is not layer
        node = node[part]
    return True


# --- reading --------------------------------------------------------------------------------


def load(path: Path, *, strict_presets: bool = True, warnings: list[str] | None = None) -> Session:
    """Read an answers file or a draft into a Session.

    Structure is checked strictly (:class:`InputError` with file, line and field); field
    values are not, so whatever was saved opens. A preset the file names that cannot be
    found is an error with ``strict_presets``, else it is reported in ``warnings`` (in the
    file's language) and its name kept.
    """
    data, source = read_layer(path)
    return from_mapping(data, source, path, strict_presets=strict_presets, warnings=warnings)


def loads(text: str, name: str = "<answers>") -> Session:
    """Read a Session from YAML text (the inverse of :meth:`Session.dumps`).

    The same limits hold as for a file, so text that loads here also loads once written.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise InputError(
            f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})",
            file=name,
            code="too_large",
            values={"what": words("what.file"), "limit": number(MAX_BYTES)},
        )
    data, lines = load_yaml(text, name)
    source = _Source(name, lines)
    if not isinstance(data, dict):
        raise source.error((), "expected a mapping of answers at the top level", code="not_answers")
    return from_mapping(data, source, None)


def from_mapping(
    data: dict[str, Any],
    source: _Source,
    path: Path | None,
    *,
    strict_presets: bool = True,
    warnings: list[str] | None = None,
) -> Session:
    """A Session from a file's mapping (see :func:`load`)."""
    layer = dict(data)
    names = _preset_names(layer.pop("presets", None), source)
    wizard = _wizard_part(layer.pop("wizard", None), source)
    lang = layer.get("language")
    if lang is None:  # not given, or given empty: the default
        layer.pop("language", None)
        lang = "da"
    layer = as_written(layer, source)
    validate_layer(layer, source, lang if lang in LANGUAGES else "da")
    layer.pop("language", None)
    session = Session(language=str(lang), opened=layer, source=source)
    for kind, name in names.items():
        # A preset named by a relative path is found beside the file, and kept by its full
        # path, so a copy saved in another folder still finds it.
        name = _relative(name, path)
        session.names[kind] = name
        try:
            session.presets[kind] = find(kind, name)
        except InputError as exc:
            if strict_presets:
                raise source.error(
                    ("presets", kind),
                    exc.message,
                    exc.hint,
                    code="preset_problem",
                    problem=exc.text,
                ) from None
            if warnings is not None:
                warnings.append(t("messages.preset_missing", session.language, name=name))
    session.step, session.visited = wizard
    _join_confidential(session)
    return session


def _join_confidential(session: Session) -> None:
    """Older files kept a second list of what is confidential (``legal.confidential_categories``).
    Its items join the one list the wizard shows (``rules.confidential``, »Det deler vi
    ikke«), after the items they printed beside, so the policy reads as before and every
    item can be edited in step 4."""
    legal = session.opened.get("legal")
    if not isinstance(legal, dict) or "confidential_categories" not in legal:
        return
    extra = legal["confidential_categories"]
    extra = extra if isinstance(extra, list) else [extra]
    items = [str(v).strip() for v in [*session.answers().rules.confidential, *extra]]
    layer = dict(session.opened)  # a new layer: the answers are built again from it
    layer["legal"] = {k: v for k, v in legal.items() if k != "confidential_categories"}
    if not layer["legal"]:
        del layer["legal"]
    if any(str(v).strip() for v in extra):
        rules = layer.get("rules")
        joined = list(dict.fromkeys(v for v in items if v))
        layer["rules"] = {**(rules if isinstance(rules, dict) else {}), "confidential": joined}
    session.opened = layer


def _relative(name: str, path: Path | None) -> str:
    """A preset named by a relative path is found beside the file that names it."""
    if path is None or not name.endswith((".yaml", ".yml")) or Path(name).is_absolute():
        return name
    return str((path.parent / name).resolve())


def _preset_names(value: Any, source: _Source) -> dict[str, str]:
    """The ``presets`` part of a file: a mapping of kind to a preset's name."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise source.error(
            ("presets",),
            "expected a mapping like {industry: retail, tone: warm}",
            code="presets_not_mapping",
        )
    out = {}
    for kind, name in value.items():
        if kind not in KINDS:
            raise source.error(
                ("presets", kind), "unknown key", "use industry or tone", code="presets_unknown"
            )
        if name is None or name == "":
            continue
        if not isinstance(name, str):
            raise source.error(
                ("presets", kind), "expected the name of a preset", code="preset_name"
            )
        out[str(kind)] = name
    return out


def _wizard_part(value: Any, source: _Source) -> tuple[str, set[str]]:
    """The ``wizard`` part of a draft: the step shown and the steps visited.

    Steps this version does not have are passed over, so an older draft still opens.
    """
    if value is None:
        return STEP_KEYS[0], set()
    if not isinstance(value, dict):
        raise source.error(
            ("wizard",), "expected a mapping with step and visited", code="wizard_broken"
        )
    for key in value:
        if key not in ("step", "visited"):
            raise source.error(
                ("wizard", key), "unknown key", "use step or visited", code="wizard_broken"
            )
    step = value.get("step")
    if step is not None and not isinstance(step, str):
        raise source.error(("wizard", "step"), "expected the name of a step", code="wizard_broken")
    visited = value.get("visited") or []
    if not isinstance(visited, list) or not all(isinstance(v, str) for v in visited):
        raise source.error(
            ("wizard", "visited"), "expected a list of step names", code="wizard_broken"
        )
    return (step if step in STEP_KEYS else STEP_KEYS[0]), {v for v in visited if v in STEP_KEYS}


def compose(
    *,
    answers_file: Path | None = None,
    industry: str | None = None,
    tone: str | None = None,
    language: str | None = None,
) -> Session:
    """The Session for the command line: an answers file, presets and language on top.

    A preset or language given on the command line wins over the one the file names.
    """
    if language is not None and language not in LANGUAGES:
        raise InputError(
            f"unknown language {language!r}",
            field="--lang",
            hint="use da or en",
            code="unknown_language",
            values={"language": language},
        )
    session = load(answers_file) if answers_file is not None else Session()
    if language:
        session.set_language(language)
    for kind, name in (("industry", industry), ("tone", tone)):
        if name is not None:
            session.choose_preset(kind, find(kind, name))
    return session


def checked_answers(**kwargs: Any) -> Answers:
    """:func:`compose`, then every field rule enforced (for an export)."""
    return compose(**kwargs).checked()
