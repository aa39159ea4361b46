"""Finding and loading presets, and stacking every layer into one Answers.

A preset file is YAML with a ``preset`` header and an ``answers`` layer::

    preset:
      kind: industry            # or: tone
      title: {da: Detailhandel, en: Retail}
      description: {da: ..., en: ...}
    answers:
      organisation: {channels: [Facebook, Instagram]}

Its name is the file name without ``.yaml``. Built-in presets ship in the package; the
user's own live in ``<user config dir>/somewizard/presets/{industries,tones}/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import packaged
from .errors import InputError, quoted, words

if TYPE_CHECKING:  # the model is imported when a preset file is first read
    from .answers import _Source

LANGUAGES = packaged.LANGUAGES

KINDS = packaged.PRESET_FOLDERS


@dataclass
class Preset:
    """One industry or tone preset: its header and its answers layer."""

    name: str
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    path: Path
    builtin: bool
    layer: dict[str, Any] = field(default_factory=dict)

    def text(self, what: str, lang: str) -> str:
        """The title or description in a language (falling back to the other)."""
        values = self.title if what == "title" else self.description
        return values.get(lang) or next(iter(values.values()), self.name)


def user_dir() -> Path:
    """The folder for the user's own presets (``SOMEWIZARD_CONFIG_DIR`` overrides it)."""
    env = os.environ.get("SOMEWIZARD_CONFIG_DIR")
    if env:
        return Path(env) / "presets"
    from platformdirs import user_config_path

    return user_config_path("somewizard") / "presets"


def load_preset(path: Path, *, builtin: bool = False, kind: str | None = None) -> Preset:
    """Read and check one preset file; raise :class:`InputError` naming file and line."""
    from .answers import (
        _Source,
        as_written,
        from_data,
        localise,
        merge,
        read_layer,
        validate_layer,
    )
    from .owners import check_layer
    from .rules import problems

    data, source = read_layer(path)
    unknown = set(data) - {"preset", "answers"}
    if unknown:
        key = sorted(unknown, key=str)[0]
        raise source.error(
            (key,),
            "unknown key",
            "a preset has two keys: preset and answers",
            code="preset_shape",
        )
    head = data.get("preset")
    if not isinstance(head, dict):
        raise source.error(
            ("preset",),
            "missing the 'preset' header with kind, title and description",
            code="preset_shape",
        )
    for key in head:
        if key not in ("kind", "title", "description"):
            raise source.error(
                ("preset", key),
                "unknown key",
                "use kind, title or description",
                code="preset_shape",
            )
    found_kind = head.get("kind", kind)
    if not isinstance(found_kind, str) or found_kind not in KINDS:
        raise source.error(
            ("preset", "kind"),
            f"kind must be industry or tone, got {found_kind!r}",
            code="preset_shape",
        )
    if kind is not None and found_kind != kind:
        raise source.error(
            ("preset", "kind"),
            f"this file is a{'n' if found_kind == 'industry' else ''} {found_kind} preset, not a{'n' if kind == 'industry' else ''} {kind} preset",
            code="preset_kind",
            found=words(f"kinds.{found_kind}"),
            kind=words(f"kinds.{kind}"),
        )
    title = _texts(head.get("title"), source, ("preset", "title")) or {
        "da": path.stem,
        "en": path.stem,
    }
    desc = _texts(head.get("description"), source, ("preset", "description"))
    layer = data.get("answers") or {}
    if not isinstance(layer, dict):
        raise source.error(("answers",), "expected a mapping of answers", code="preset_shape")
    ans_source = _Source(
        source.name,
        {k[1:]: v for k, v in source.lines.items() if k[:1] == ("answers",)},
        {k[1:]: v for k, v in source.raw.items() if k[:1] == ("answers",)},
    )
    if "language" in layer:
        raise ans_source.error(
            ("language",),
            "a preset cannot set the language",
            "the user chooses it",
            code="preset_language",
        )
    layer = as_written(layer, ans_source)
    for lang in LANGUAGES:
        bad = validate_layer(layer, ans_source, lang)
        if bad:
            from_data(layer, name=ans_source.name, lines=ans_source.lines, language=lang)
    # Each answer has an owner: a tone never replaces the trade's rules (owners.py).
    check_layer(found_kind, layer, ans_source.error)
    for lang in LANGUAGES:
        # A preset is a trade's settings, not a draft: its values must keep the rules too
        # (an empty name, 0 months, a hashtag with a space), named at the preset's lines.
        stacked = merge(localise(defaults_layer(), lang), localise(layer, lang))
        answers = from_data(stacked, name=ans_source.name, lines=ans_source.lines, language=lang)
        for problem in problems(answers):
            raise ans_source.error(
                problem.key, problem.message("en"), code="rule", problem=problem.message
            )
    return Preset(path.stem, found_kind, title, desc, path, builtin, layer)


def _texts(value: Any, source: _Source, key: tuple[str, ...]) -> dict[str, str]:
    """A title or description: text, or text per language."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {lang: value for lang in LANGUAGES}
    if (
        isinstance(value, dict)
        and set(value) <= set(LANGUAGES)
        and all(isinstance(v, str) for v in value.values())
    ):
        return {str(k): str(v) for k, v in value.items()}
    raise source.error(
        key, "expected text, or text per language like {da: ..., en: ...}", code="preset_text"
    )


def _scan(folder: Path, builtin: bool, problems: list[InputError]) -> list[Preset]:
    """Every preset under ``folder/industries`` and ``folder/tones``; bad files go to ``problems``."""
    found = []
    for kind, sub in KINDS.items():
        for path in sorted((folder / sub).glob("*.yaml")):
            try:
                found.append(load_preset(path, builtin=builtin, kind=kind))
            except InputError as exc:
                if builtin:
                    raise
                problems.append(exc)
    return found


@cache
def _builtin() -> tuple[Preset, ...]:
    """The built-in presets, checked when they were read from YAML (see :mod:`.packaged`)."""
    base = packaged.builtin_dir()
    return tuple(
        Preset(
            name,
            kind,
            p["title"],
            p["description"],
            base / KINDS[kind] / f"{name}.yaml",
            True,
            p["layer"],
        )
        for kind, by_name in packaged.load("presets").items()
        for name, p in by_name.items()
    )


def catalogue(
    *, include_user: bool = True, problems: list[InputError] | None = None
) -> list[Preset]:
    """Built-in presets, then the user's own (a user preset may replace a built-in name).

    A broken user preset is left out and, when ``problems`` is given, reported there.
    """
    presets = {(p.kind, p.name): p for p in _builtin()}
    if include_user and user_dir().is_dir():
        for p in _scan(user_dir(), False, [] if problems is None else problems):
            presets[(p.kind, p.name)] = p
    return sorted(presets.values(), key=lambda p: (p.kind, not p.builtin, p.name))


def find(kind: str, name: str) -> Preset:
    """A preset by kind and name, or a path to a preset file.

    The user's own file of that name wins over a built-in one, as in :func:`catalogue`; a
    broken one is an error naming its file and line, never a silent fall back to the
    built-in. Only a name that matches nothing costs a look at every preset, for the "did
    you mean" hint.
    """
    if not name.strip():
        raise InputError(
            f"give the name of a {kind} preset",
            field=f"--{kind}",
            hint="see: somewizard presets",
            code="preset_unnamed",
            values={"kind": words(f"kinds.{kind}")},
        )
    if name.endswith((".yaml", ".yml")) or os.sep in name:
        return load_preset(Path(name), kind=kind)
    own = user_dir() / KINDS.get(kind, "") / f"{name}.yaml"
    try:
        mine = os.path.lexists(own)
    except ValueError:  # a name no file can have (a NUL in it)
        mine = False
    if mine:  # the user's own file wins, and when it is broken, that is what they hear
        return load_preset(own, kind=kind)
    for p in _builtin():
        if p.kind == kind and p.name == name:
            return p
    names = [p.name for p in catalogue() if p.kind == kind]
    import difflib

    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(names)
    raise InputError(
        f"no {kind} preset called {name!r}",
        field=f"--{kind}",
        hint=hint,
        code="preset_unknown_close" if close else "preset_unknown",
        values={
            "kind": words(f"kinds.{kind}"),
            "name": quoted(name),
            "close": quoted(close[0]) if close else "",
        },
    )


def defaults_layer() -> dict[str, Any]:
    """The built-in defaults (every answer, in both languages)."""
    data: dict[str, Any] = packaged.load("defaults")
    return data
