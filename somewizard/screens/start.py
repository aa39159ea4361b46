"""The start screen: presets, language, open a file, resume the draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, Select, Static

from ..errors import InputError
from ..presets import catalogue
from ..ui import t
from ..widgets.footer import QuietFooter

if TYPE_CHECKING:
    from ..app import SomeWizardApp


class StartScreen(Screen[None]):
    """Choose presets and language, then begin; or open a file or resume the draft."""

    BINDINGS = [Binding("ctrl+n", "begin", "Start", id="begin", priority=True)]

    def action_begin(self) -> None:
        """Go on to the first step."""
        self.wizard.begin()

    @property
    def wizard(self) -> SomeWizardApp:
        """The app, typed."""
        from ..app import SomeWizardApp

        assert isinstance(self.app, SomeWizardApp)
        return self.app

    def compose(self) -> ComposeResult:
        app = self.wizard
        lang = app.lang
        problems: list[InputError] = []
        presets = catalogue(problems=problems)
        for problem in problems:
            self.app.notify(str(problem), severity="warning", timeout=10)
        none = t("start.no_preset", lang)
        industries = [(p.text("title", lang), p.name) for p in presets if p.kind == "industry"]
        tones = [(p.text("title", lang), p.name) for p in presets if p.kind == "tone"]
        yield Header()
        with VerticalScroll(id="start"), Center(), Vertical(id="start-box"):
            yield Label(t("start.welcome", lang), classes="dialog-title")
            yield Static(t("start.intro", lang), classes="step-intro")
            yield Label(t("start.industry", lang), classes="field-label")
            yield Select(
                [(none, ""), *industries],
                value=app.industry or "",
                allow_blank=False,
                compact=True,
                id="industry",
            )
            yield Static("", id="industry-help", classes="field-help")
            yield Label(t("start.tone", lang), classes="field-label")
            yield Select(
                [(none, ""), *tones],
                value=app.tone or "",
                allow_blank=False,
                id="tone",
                compact=True,
            )
            yield Static("", id="tone-help", classes="field-help")
            yield Label(t("start.language", lang), classes="field-label")
            yield Select(
                [("Dansk", "da"), ("English", "en")],
                value=lang,
                allow_blank=False,
                compact=True,
                id="language",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    t("start.start", lang), variant="primary", id="start-begin", compact=True
                )
                yield Button(t("start.open", lang), id="start-open", compact=True)
                yield Button(
                    t("start.resume", lang),
                    id="start-resume",
                    disabled=app.draft_when() is None,
                    compact=True,
                )
            when = app.draft_when()
            if when:
                yield Static(t("start.draft_found", lang, time=when), id="draft-note")
            yield Static(t("start.fast_hint", lang), classes="field-help")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._describe()
        self.query_one("#industry", Select).focus()

    def _describe(self) -> None:
        app = self.wizard
        by_name = {(p.kind, p.name): p for p in catalogue()}
        for kind, name in (("industry", app.industry), ("tone", app.tone)):
            preset = by_name.get((kind, name or ""))
            text = preset.text("description", app.lang) if preset else ""
            self.query_one(f"#{kind}-help", Static).update(text)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        app = self.wizard
        value = str(event.value) if event.value and event.value != Select.NULL else None
        if event.select.id == "language":
            if value and value != app.lang:
                app.set_language(value)
            return
        app.choose_preset(str(event.select.id), value)
        self._describe()

    @on(Button.Pressed, "#start-begin")
    def _begin(self) -> None:
        self.wizard.begin()

    @on(Button.Pressed, "#start-open")
    def _open(self) -> None:
        self.wizard.action_open()

    @on(Button.Pressed, "#start-resume")
    def _resume(self) -> None:
        self.wizard.resume()
