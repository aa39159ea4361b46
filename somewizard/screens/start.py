"""The start screen: presets, language, open a file, resume the draft.

It is the first screen after launch, so it is kept light: plain text, three
:class:`~somewizard.widgets.choice.Choice` rows and a row of actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static

from .. import drafts
from ..errors import InputError
from ..messages import LanguageChosen, SessionChanged
from ..presets import Preset, catalogue
from ..ui import t
from ..widgets.choice import Action, Choice
from ..widgets.footer import QuietFooter
from ..widgets.option import Option

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..app import SomeWizardApp


class StartScreen(Screen[None]):
    """Choose presets and language, then begin; or open a file or resume the draft."""

    _draft_line = ""
    """What the start screen says about the draft it found."""
    _presets: dict[tuple[str, str], Preset]
    """The presets listed, by kind and name, as read when the screen was built."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "begin", "Start", id="begin", priority=True)
    ]

    @property
    def wizard(self) -> SomeWizardApp:
        """The app, typed (for its session and its draft)."""
        return cast("SomeWizardApp", self.app)

    async def action_begin(self) -> None:
        """Go on to the first step."""
        await self.app.run_action("begin")

    def compose(self) -> ComposeResult:
        app = self.wizard
        session = app.session
        lang = session.language
        problems: list[InputError] = []
        presets = catalogue(problems=problems)
        self._presets = {(p.kind, p.name): p for p in presets}
        for problem in problems:
            self.app.notify(problem.text(lang), severity="warning", timeout=10, markup=False)
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
            chosen = session.names[kind] or ""
            yield Choice(t(f"start.{kind}", lang), [none, *options], chosen, id=kind)
        languages = [Option("Dansk", "da"), Option("English", "en")]
        yield Choice(t("start.language", lang), languages, lang, id="language")
        when = drafts.draft_time(app.draft.path)
        kept = drafts.others(app.draft)
        with Horizontal(id="start-actions", classes="start"):
            yield Action(t("start.start", lang), id="start-begin", primary=True)
            yield Action(t("start.open", lang), id="start-open")
            if when:
                yield Action(t("start.resume", lang), id="start-resume")
            if kept:
                yield Action(t("start.restore", lang), id="start-restore")
        if when:
            stamp = when.strftime("%Y-%m-%d %H:%M")
            self._draft_line = t("start.draft_found", lang, time=stamp)
            yield Static(self._draft_line, id="draft-note", classes="start", markup=False)
        yield Static(t("start.fast_hint", lang), id="start-hint", classes="start")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#industry", Choice).focus()
        if self.query("#draft-note"):
            self._check_review(self.wizard.draft.path, self.wizard.session.language)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _check_review(self, path: Path, lang: str) -> None:
        """A draft whose review date has passed: say so under the draft's line (read off the
        UI thread, after the screen is shown; a draft that does not load says nothing here)."""
        from ..ics import overdue_notice
        from ..session import load

        try:
            answers = load(path, strict_presets=False).answers()
        except (InputError, OSError):
            return
        said = overdue_notice(answers, lang)
        if said:
            self.app.call_from_thread(self._overdue, said)

    def _overdue(self, said: str) -> None:
        for note in self.query("#draft-note").results(Static):
            note.update(f"{self._draft_line}\n{said}")

    async def rebuild(self) -> None:
        """Build the screen again (in another language, or after the draft changed), with the
        cursor back on the control it was on, so the next key does what it did before."""
        focus = "industry"
        node: DOMNode | None = self.focused
        while node is not None and node is not self:
            if node.id:
                focus = node.id
                break
            node = node.parent
        await self.recompose()
        again = self.query(f"#{focus}")
        (again.first() if again else self.query_one("#industry", Choice)).focus()

    @on(Choice.Changed)
    def _chosen(self, event: Choice.Changed) -> None:
        session = self.wizard.session
        if event.choice.id == "language":
            if event.value != session.language:
                self.post_message(LanguageChosen(event.value))
            return
        kind = str(event.choice.id)
        if session.choose_preset(kind, self._presets.get((kind, event.value))):
            self.post_message(SessionChanged())

    @on(Action.Pressed, "#start-begin")
    async def _begin(self) -> None:
        await self.app.run_action("begin")

    @on(Action.Pressed, "#start-open")
    async def _open(self) -> None:
        await self.app.run_action("open")

    @on(Action.Pressed, "#start-resume")
    async def _resume(self) -> None:
        await self.app.run_action("resume")

    @on(Action.Pressed, "#start-restore")
    async def _restore(self) -> None:
        await self.app.run_action("restore")
