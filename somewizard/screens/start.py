"""The start screen: presets, language, open a file, resume the draft.

It is the first screen after launch, so it is kept light: plain text, three
:class:`~somewizard.widgets.choice.Choice` rows and a row of actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static

from ..errors import InputError
from ..presets import Preset, catalogue
from ..ui import t
from ..widgets.choice import Action, Choice, Option
from ..widgets.footer import QuietFooter

if TYPE_CHECKING:
    from ..app import SomeWizardApp


class StartScreen(Screen[None]):
    """Choose presets and language, then begin; or open a file or resume the draft."""

    _presets: dict[tuple[str, str], Preset]
    """The presets listed, by kind and name, as read when the screen was built."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "begin", "Start", id="begin", priority=True)
    ]

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
        self._presets = {(p.kind, p.name): p for p in presets}
        for problem in problems:
            self.app.notify(str(problem), severity="warning", timeout=10)
        none = Option(t("start.no_preset", lang), "")
        yield Header()
        yield Static(
            f"[b]{t('start.welcome', lang)}[/b]\n\n[dim]{t('start.intro', lang)}[/dim]",
            id="start-intro",
            classes="start",
        )
        for kind in ("industry", "tone"):
            options = [
                Option(p.text("title", lang), p.name, p.text("description", lang))
                for p in presets
                if p.kind == kind
            ]
            chosen = (app.industry if kind == "industry" else app.tone) or ""
            yield Choice(t(f"start.{kind}", lang), [none, *options], chosen, id=kind)
        languages = [Option("Dansk", "da"), Option("English", "en")]
        yield Choice(t("start.language", lang), languages, lang, id="language")
        when = app.draft_when()
        with Horizontal(id="start-actions", classes="start"):
            yield Action(t("start.start", lang), id="start-begin", primary=True)
            yield Action(t("start.open", lang), id="start-open")
            if when:
                yield Action(t("start.resume", lang), id="start-resume")
        if when:
            yield Static(t("start.draft_found", lang, time=when), id="draft-note", classes="start")
        yield Static(t("start.fast_hint", lang), id="start-hint", classes="start")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#industry", Choice).focus()

    async def rebuild(self, focus: str = "industry") -> None:
        """Build the screen again (in another language, or after the draft changed)."""
        await self.recompose()
        self.query_one(f"#{focus}", Choice).focus()

    @on(Choice.Changed)
    def _chosen(self, event: Choice.Changed) -> None:
        app = self.wizard
        if event.choice.id == "language":
            if event.value != app.lang:
                app.set_language(event.value)
            return
        kind = str(event.choice.id)
        app.choose_preset(kind, self._presets.get((kind, event.value)))

    @on(Action.Pressed, "#start-begin")
    def _begin(self) -> None:
        self.wizard.begin()

    @on(Action.Pressed, "#start-open")
    def _open(self) -> None:
        self.wizard.action_open()

    @on(Action.Pressed, "#start-resume")
    def _resume(self) -> None:
        self.wizard.resume()
