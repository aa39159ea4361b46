"""SomeWizardApp: the key bindings, the flow between screens, and the workers that read drafts."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.screen import Screen

from . import drafts, settings
from .commands import WizardCommands
from .errors import InputError
from .filework import FileWork
from .messages import LanguageChosen, SessionChanged
from .screens.start import StartScreen
from .session import STEP_KEYS, Session
from .ui import t
from .widgets.keys import app_bindings, shown


class SomeWizardApp(FileWork):
    """Walks a small business through its social-media policy, step by step."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {WizardCommands}
    BINDINGS = app_bindings()

    def __init__(self, answers_file: Path | None = None, lang: str | None = None) -> None:
        # A mounted wizard holds a few hundred thousand objects; with Python's default
        # thresholds a full collection (about 120 ms here) ran every few step changes.
        gc.set_threshold(10_000, 10, 10)
        super().__init__()
        self.settings = settings.load()
        lang = lang or self.settings.language
        self.session = Session(language=lang)
        self.answers_file = answers_file
        self.draft = drafts.Draft(1, None)
        self.title = t("app.title", lang)

    def get_default_screen(self) -> Screen[Any]:
        """The start screen; a blank one while a file named on the command line opens."""
        return StartScreen() if self.answers_file is None else Screen()

    def on_mount(self) -> None:
        self.key_task = asyncio.current_task()
        self.use_settings()
        self.draft = drafts.claim()
        if self.draft.shared:
            name = self.draft.path.name
            self.tell(t("messages.draft_elsewhere", self.session.language, name=name))
        if self.answers_file is not None:
            self.open_file(self.answers_file)

    def on_unmount(self) -> None:
        self.draft.release()

    def _localise(self) -> None:
        """Title and key labels in the session's language."""
        self.title = t("app.title", self.session.language)
        self.screen.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys are bound once per language: only the session's language's are active."""
        return shown(parameters, self.session.language)

    # --- what the screens tell us --------------------------------------------------------------

    def on_session_changed(self, message: SessionChanged) -> None:
        self.note_change(answer=message.answer)

    def on_language_chosen(self, message: LanguageChosen) -> None:
        self.set_language(message.language)

    def set_language(self, lang: str) -> None:
        """Switch the interface and the policy to another language, keeping every answer."""
        self.session.set_language(lang)
        self.remember(language=lang)
        self._localise()
        self.say_untranslated()
        self.show(self.session.step, rebuild=True)
        self.note_change(answer=False)

    async def action_language(self, _lang: str = "") -> None:
        """Switch between Danish and English."""
        await self.keys_read()
        self.set_language("en" if self.session.language == "da" else "da")

    def action_help(self, _lang: str = "") -> None:
        """Show every key of the screen in use, and what it does."""
        from .screens.dialogs import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog.of(self.screen, self.session.language))

    # --- the flow between screens ----------------------------------------------------------------

    def show(self, step: str, *, rebuild: bool = False) -> None:
        """Show the wizard at a step, in place of the wizard shown, or else on top.

        With ``rebuild`` a start screen is built again instead (after a change of language).
        """
        from .screens.wizard import WizardScreen

        index = STEP_KEYS.index(step)
        if isinstance(self.screen, WizardScreen):
            self.with_progress(self.switch_screen, WizardScreen(step=index))
        elif isinstance(self.screen, StartScreen) and rebuild:
            self.call_later(self.screen.rebuild)
        elif not rebuild:
            self.with_progress(self.push_screen, WizardScreen(step=index))

    def action_begin(self) -> None:
        """Leave the start screen for the wizard; with another draft on disk, ask first."""
        when = drafts.draft_time(self.draft.path)
        if self.draft_owned or when is None:
            self.show(self.session.step)
            return
        stamp = when.strftime("%Y-%m-%d %H:%M")
        self.ask("start", ["resume", "afresh", "cancel"], self._begin_after, time=stamp)

    def _begin_after(self, choice: str) -> None:
        if choice == "resume":
            self.resume()
            return
        try:
            kept = drafts.back_up(self.draft.path)
        except OSError as exc:
            self._backup_failed(str(exc.strerror or exc))
            return
        self.draft_owned = True
        if kept is not None:
            self.tell(t("messages.draft_kept", self.session.language, name=kept.name))
        self.show(self.session.step)

    def action_resume(self) -> None:
        """Carry on with the draft."""
        self.resume()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def resume(self, path: Path | None = None, then_export: bool = False) -> None:
        """Continue from the draft (or a kept one), read off the UI thread."""
        warnings: list[str] = []
        try:
            session = drafts.load(path or self.draft.path, warnings)
        except InputError as exc:
            self.call_from_thread(self._resume_failed, exc.text(self.session.language))
            return
        self.call_from_thread(self._resumed, session, path is None, then_export, warnings)

    def _resume_failed(self, message: str) -> None:
        self.tell(message, severity="error", timeout=10)
        if isinstance(self.screen, StartScreen):
            self.call_later(self.screen.rebuild)

    def _resumed(self, session: Session, own: bool, export: bool, warnings: list[str]) -> None:
        self.replace_session(session, owned=own)
        self._localise()
        for warning in warnings:
            self.tell(warning, severity="warning", timeout=10)
        if export:
            self.show(session.step, rebuild=True)
            self.export_dialog(t("dialogs.export.from_draft", session.language))
            return
        self.tell(t("dialogs.resume.done", session.language))
        self.show(session.step)

    def action_restore(self) -> None:
        """Pick a kept draft to carry on from."""
        from .screens.dialogs import DraftsDialog

        found = drafts.others(self.draft)

        def picked(path: object) -> None:
            if isinstance(path, Path):
                self.resume(path)

        self.push_screen(DraftsDialog(found, self.session.language), picked)

    def opened(self, session: Session | None, error: str, *warnings: str) -> None:
        """Show an opened file, at the step the wizard is on (or the file's own)."""
        if session is None:
            self.tell(error, severity="error", timeout=10)
            if type(self.screen) is Screen:  # the blank one, while a file opened at launch
                self.push_screen(StartScreen())
            return
        assert session.current_file is not None
        if self.screen_stack[0] is not self.screen:  # in the wizard: stay where the user is
            session.step, session.visited = self.session.step, set(self.session.visited)
        self.replace_session(session, owned=False)
        self._localise()
        self.tell(t("dialogs.open.done", session.language, path=session.current_file.name))
        for warning in warnings:
            self.tell(warning, severity="warning", timeout=10)
        self.show(session.step)
