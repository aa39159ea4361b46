"""Change the industry or the tone after the start screen, seeing what will change first.

A preset only sets the answers below the user's: what the user typed or opened stays, and
the dialog says which answers the new choice changes and which of the user's own answers
it leaves alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from ..presets import Preset, catalogue
from ..session import Session
from ..ui import steps, t
from ..widgets.choice import Choice
from ..widgets.option import Option
from .modal import Dialog

KINDS = ("industry", "tone")
SHOWN = 8
"""At most this many field names in a line; the rest are counted."""


@dataclass(frozen=True)
class PresetChoice:
    """The presets chosen in the dialog, by kind (None for no preset)."""

    chosen: dict[str, Preset | None]


def _fields() -> list[tuple[str, dict[str, str]]]:
    """Every wizard field: its answer path and its label in each language."""
    return [(field.path, field.label) for spec in steps() for field in spec.fields]


def _value(session: Session, path: str) -> Any:
    if path == "roles":
        return session.answers().roles
    return session.value(path)


def _own_paths(session: Session) -> set[str]:
    """The wizard fields the user set (typed, or saved in the opened file)."""
    own = session.own()
    paths = set()
    for path, _ in _fields():
        node: Any = own
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            paths.add(path)
    return paths


def _presets_only(session: Session) -> Session:
    trial = session.copy()
    trial.opened, trial.typed = {}, {}
    return trial


def changes(before: Session, chosen: dict[str, Preset | None]) -> tuple[list[str], list[str]]:
    """The labels of the fields the new presets change, and of the user's own answers they
    would have changed but leave as the user set them."""
    after = before.copy()
    for kind, preset in chosen.items():
        after.choose_preset(kind, preset)
    lang = before.language
    changed = [f.get(lang, "") for p, f in _fields() if _value(before, p) != _value(after, p)]
    own = _own_paths(before)
    base_before, base_after = _presets_only(before), _presets_only(after)
    kept = [
        f.get(lang, "")
        for p, f in _fields()
        if p in own and _value(base_before, p) != _value(base_after, p)
    ]
    return changed, kept


def _names(labels: list[str], lang: str) -> str:
    shown = ", ".join(labels[:SHOWN])
    if len(labels) > SHOWN:
        shown += " " + t("presets_change.more", lang, n=str(len(labels) - SHOWN))
    return shown


class PresetDialog(Dialog[object]):
    """Pick another industry or tone; dismisses with a :class:`PresetChoice` or None."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.lang = session.language
        self.chosen: dict[str, Preset | None] = dict(session.presets)
        self._by_name: dict[tuple[str, str], Preset] = {}

    def compose(self) -> ComposeResult:
        lang = self.lang
        presets = catalogue()
        self._by_name = {(p.kind, p.name): p for p in presets}
        none = Option(t("start.no_preset", lang), "")
        with Vertical(classes="dialog", id="presets-dialog"):
            yield Label(t("presets_change.title", lang), classes="dialog-title")
            yield Static(t("presets_change.intro", lang), classes="field-help")
            for kind in KINDS:
                options = [
                    Option(p.text("title", lang), p.name, p.text("description", lang))
                    for p in presets
                    if p.kind == kind
                ]
                chosen = self.session.names[kind] or ""
                yield Choice(t(f"start.{kind}", lang), [none, *options], chosen, id=kind)
            with VerticalScroll(id="presets-changes"):
                yield Static("", id="presets-effect", markup=False)
            with Horizontal(classes="dialog-buttons -compact"):
                yield Button(
                    t("presets_change.apply", lang), variant="primary", id="apply", compact=True
                )
                yield Button(t("presets_change.cancel", lang), id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_effect()
        self.query_one("#industry", Choice).focus()

    @on(Choice.Changed)
    def _picked(self, event: Choice.Changed) -> None:
        event.stop()
        kind = str(event.choice.id)
        self.chosen[kind] = self._by_name.get((kind, event.value))
        self._show_effect()

    def _show_effect(self) -> None:
        lang = self.lang
        names = {k: p.name if p is not None else None for k, p in self.chosen.items()}
        same = all(names[k] == self.session.names[k] for k in KINDS)
        if same:
            text = t("presets_change.same", lang)
        else:
            changed, kept = changes(self.session, self.chosen)
            lines = [
                t("presets_change.changed", lang, n=str(len(changed)), fields=_names(changed, lang))
                if changed
                else t("presets_change.nothing", lang)
            ]
            if kept:
                lines.append(
                    t("presets_change.kept", lang, n=str(len(kept)), fields=_names(kept, lang))
                )
            text = "\n\n".join(lines)
        self.query_one("#presets-effect", Static).update(text)
        self.query_one("#apply", Button).disabled = same

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        self.dismiss(PresetChoice(dict(self.chosen)))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
