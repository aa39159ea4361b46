"""SomeWizardApp: the wizard's state, its actions and the commands in the palette."""

from __future__ import annotations

import dataclasses
import gc
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from . import drafts
from .errors import InputError
from .presets import Layers, Preset
from .presets import layers as read_layers
from .screens.start import StartScreen
from .ui import steps, t
from .yamlio import write_atomic

if TYPE_CHECKING:
    from .answers import Answers
    from .screens.dialogs import ExportRequest
    from .screens.wizard import WizardScreen

AUTOSAVE_DELAY = 0.4
"""Seconds from a change until the draft is written."""


def _on_wizard(screen: Screen[Any]) -> WizardScreen | None:
    """The screen if it is the wizard, else None.

    The wizard's module is imported when the wizard is first shown, not at start-up; until
    then no screen can be one.
    """
    module = sys.modules.get(f"{__package__}.screens.wizard")
    return screen if module and isinstance(screen, module.WizardScreen) else None


class SomeWizardApp(App[None]):
    """Walks a small business through its social-media policy, step by step."""

    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+e", "export", "Export", id="export", priority=True),
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("ctrl+o", "open", "Open", id="open", priority=True),
        Binding("ctrl+l", "language", "Dansk/English", id="language", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, answers_file: Path | None = None, lang: str = "da") -> None:
        # A mounted wizard holds a few hundred thousand objects; with Python's default
        # thresholds a full collection (about 120 ms here) ran every few step changes.
        gc.set_threshold(10_000, 10, 10)
        super().__init__()
        self.lang = lang
        self.industry: str | None = None
        self.tone: str | None = None
        self.layers = Layers(language=lang)
        self.answers_file = answers_file
        self.current_file: Path | None = None
        self.dirty = False
        self.visited: set[str] = set()
        self.errors: dict[str, str] = {}
        self._autosave: Timer | None = None
        self._quit_after_save = False
        self.title = t("app.title", lang)
        self._localise_bindings()

    # --- state -------------------------------------------------------------------------

    def answers(self) -> Answers:
        """The current answers (cross-field rules are shown inline, not enforced here)."""
        return self.layers.answers(strict=False)

    def set_answer(self, path: str, value: Any) -> None:
        """Record what the user typed, on top of every other layer, and autosave."""
        node = self.layers.typed
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
        self.dirty = True
        self._schedule_autosave()

    def set_error(self, path: str, error: str) -> None:
        """Remember a field's inline error (used for the sidebar marks)."""
        if error:
            self.errors[path] = error
        else:
            self.errors.pop(path, None)

    def step_state(self, key: str) -> str:
        """``problem``, ``done`` or ``todo`` for a step's mark in the sidebar."""
        spec = next((s for s in steps() if s.key == key), None)
        if spec and any(f.path in self.errors for f in spec.fields):
            return "problem"
        return "done" if key in self.visited else "todo"

    def draft_when(self) -> str | None:
        """When the draft was saved, for the start screen, or None."""
        when = drafts.draft_time()
        return when.strftime("%Y-%m-%d %H:%M") if when else None

    # --- start-up ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The start screen; a blank one while a file named on the command line opens."""
        return StartScreen() if self.answers_file is None else Screen()

    def on_mount(self) -> None:
        if self.answers_file is not None:
            self.open_file(self.answers_file)

    def _localise_bindings(self) -> None:
        for key, action in (
            ("ctrl+e", "export"),
            ("ctrl+s", "save"),
            ("ctrl+o", "open"),
            ("ctrl+l", "language"),
            ("ctrl+q", "quit"),
        ):
            self._bindings.key_to_bindings[key] = [
                dataclasses.replace(b, description=t(f"actions.{action}.label", self.lang))
                for b in self._bindings.key_to_bindings.get(key, [])
            ]

    def choose_preset(self, kind: str, preset: Preset | None) -> None:
        """Pick an industry or tone preset (None for none)."""
        name = preset.name if preset else None
        if name == (self.industry if kind == "industry" else self.tone):
            return
        if kind == "industry":
            self.industry, self.layers.industry = name, preset
        else:
            self.tone, self.layers.tone = name, preset
        self.dirty = True

    def set_language(self, lang: str) -> None:
        """Switch the interface and the policy to another language, keeping every answer."""
        self.lang = lang
        self.layers.language = lang
        self.title = t("app.title", lang)
        self._localise_bindings()
        screen = self.screen
        if wizard := _on_wizard(screen):
            self._show_wizard(wizard.index)
        elif isinstance(screen, StartScreen):
            self.call_later(screen.rebuild, "language")
        self._schedule_autosave()

    def begin(self, step: int = 0) -> None:
        """Leave the start screen for the wizard."""
        self._show_wizard(step)
        self._schedule_autosave()

    def _show_wizard(self, step: int = 0) -> None:
        """Show the wizard at a step, in place of a stale wizard, or else on top.

        The screen below it stays at the bottom of the stack: the start screen, or the blank
        one shown while a file named on the command line opens.
        """
        from .screens.wizard import WizardScreen

        if isinstance(self.screen, WizardScreen):
            self.switch_screen(WizardScreen(step=step))
        else:
            self.push_screen(WizardScreen(step=step))

    @work(thread=True, exclusive=True, group="open")
    def resume(self) -> None:
        """Continue from the autosaved draft, read off the UI thread."""
        try:
            data, source = drafts.load_draft()
        except InputError as exc:
            self.call_from_thread(self._resume_failed, str(exc))
            return
        self.call_from_thread(self._resumed, data, source)

    def _resume_failed(self, message: str) -> None:
        self.notify(message, severity="error", timeout=10)
        if isinstance(self.screen, StartScreen):
            self.call_later(self.screen.rebuild)

    def _resumed(self, data: dict[str, Any], source: Any) -> None:
        self._adopt(data, source, None)
        self.notify(t("dialogs.resume.done", self.lang))
        self.begin()

    def _adopt(self, data: dict[str, Any], source: Any, path: Path | None) -> None:
        """Make a loaded answers mapping the saved layer (presets are already in it)."""
        lang = str(data.get("language") or self.lang)
        self.layers = Layers(language=lang, saved=data, saved_source=source)
        self.industry = self.tone = None
        self.current_file = path
        self.dirty = False
        if lang != self.lang:
            self.lang = lang
            self.title = t("app.title", lang)
            self._localise_bindings()

    # --- files ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def open_file(self, path: Path) -> None:
        """Read an answers file off the UI thread, then show it in the wizard."""
        try:
            result = read_layers(answers_file=path)
            result.answers(strict=False)
        except InputError as exc:
            self.call_from_thread(self._open_failed, str(exc))
            return
        self.call_from_thread(self._opened, result, path)

    def _open_failed(self, message: str) -> None:
        self.notify(message, severity="error", timeout=10)
        if not isinstance(self.screen, StartScreen) and not _on_wizard(self.screen):
            self.push_screen(StartScreen())

    def _opened(self, result: Layers, path: Path) -> None:
        self._adopt(result.saved, result.saved_source, path)
        self.notify(t("dialogs.open.done", self.lang, path=path.name))
        wizard = _on_wizard(self.screen)
        step = wizard.index if wizard else 0
        self._show_wizard(step)

    def _schedule_autosave(self) -> None:
        """Save the draft soon: at most AUTOSAVE_DELAY after a change, even mid-typing.

        A throttle, not a debounce: steady typing in one field never holds back the save of
        what was typed before, so a crash loses at most the field being edited.
        """
        if self._autosave is None:
            self._autosave = self.set_timer(AUTOSAVE_DELAY, self._autosave_now)

    def _autosave_now(self) -> None:
        self._autosave = None
        self._write_draft(self.layers.stacked())

    @work(thread=True, exclusive=True, group="draft")
    def _write_draft(self, data: dict[str, Any]) -> None:
        """Write the draft in the background; report only when it fails."""
        try:
            drafts.save_draft(data)
        except (InputError, OSError) as exc:
            self.call_from_thread(self.notify, str(exc), severity="warning")

    def _checked_answers(self) -> Answers | None:
        """The answers with every rule enforced, or None after telling the user why."""
        try:
            return self.layers.answers(strict=True)
        except InputError as exc:
            self.notify(str(exc).removeprefix(": "), severity="error", timeout=8)
            return None

    def action_export(self) -> None:
        """Export the policy: ask where, confirm an overwrite, write in the background."""
        if self._checked_answers() is None:
            return
        from .screens.dialogs import ExportDialog

        name = "SoMe-politik.docx" if self.lang == "da" else "social-media-policy.docx"
        self.push_screen(ExportDialog(Path(name), self.lang), self._export_chosen)

    def _export_chosen(self, request: object) -> None:
        from .screens.dialogs import ExportRequest

        if not isinstance(request, ExportRequest):
            return
        self._confirm_overwrite(request.path, lambda: self._export(request))

    def _confirm_overwrite(self, path: Path, then: Any) -> None:
        if not path.exists() or path.is_dir():
            then()
            return
        from .screens.dialogs import ConfirmDialog

        question = t("dialogs.export.exists", self.lang, path=str(path))

        def answered(choice: object) -> None:
            if choice == "yes":
                then()

        self.push_screen(
            ConfirmDialog(
                question,
                [
                    ("yes", t("dialogs.export.yes", self.lang)),
                    ("no", t("dialogs.export.no", self.lang)),
                ],
            ),
            answered,
        )

    def _export(self, request: ExportRequest) -> None:
        answers = self._checked_answers()
        if answers is None:
            return
        from .screens.dialogs import BusyDialog

        self.push_screen(BusyDialog(t("dialogs.export.writing", self.lang)))
        self._export_worker(answers, request)

    @work(thread=True, exclusive=True, group="export")
    def _export_worker(self, answers: Answers, request: ExportRequest) -> None:
        """Render and write the file off the UI thread."""
        from .export import render_bytes

        try:
            data = render_bytes(answers, request.fmt, template=request.template)
            write_atomic(request.path, data, force=True)
        except InputError as exc:
            self.call_from_thread(self._done, str(exc), "error")
            return
        self.call_from_thread(
            self._done,
            t("dialogs.export.saved", self.lang, path=str(request.path.resolve())),
            "information",
        )

    def _done(self, message: str, severity: Any) -> None:
        from .screens.dialogs import BusyDialog

        if isinstance(self.screen, BusyDialog):
            self.pop_screen()
        self.notify(message, severity=severity, timeout=8)

    def action_save(self) -> None:
        """Save to the current answers file, or ask for one."""
        if self.current_file is None:
            self.action_save_as()
        else:
            self._save_worker(self.answers(), self.current_file)

    def action_save_as(self) -> None:
        """Save the answers to a new file."""
        from .screens.dialogs import PathDialog

        default = str(self.current_file or Path("somewizard-answers.yaml"))

        def chosen(path: object) -> None:
            if isinstance(path, Path):
                self._confirm_overwrite(path, lambda: self._save_worker(self.answers(), path))
            else:
                self._quit_after_save = False

        self.push_screen(PathDialog("save_as", default, self.lang), chosen)

    @work(thread=True, exclusive=True, group="save")
    def _save_worker(self, answers: Answers, path: Path) -> None:
        """Write the answers file atomically off the UI thread."""
        from .answers import dumps

        try:
            write_atomic(path, dumps(answers), force=True)
        except InputError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
            return
        self.call_from_thread(self._saved, path)

    def _saved(self, path: Path) -> None:
        self.current_file = path
        self.dirty = False
        self.notify(t("dialogs.export.saved", self.lang, path=str(path.resolve())))
        if self._quit_after_save:
            self.exit()

    def action_open(self) -> None:
        """Open a saved answers file."""
        from .screens.dialogs import PathDialog

        def chosen(path: object) -> None:
            if isinstance(path, Path):
                self.open_file(path)

        self.push_screen(PathDialog("open", "", self.lang), chosen)

    def action_language(self) -> None:
        """Switch between Danish and English."""
        self.set_language("en" if self.lang == "da" else "da")

    async def action_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        if not self.dirty:
            self.exit()
            return
        from .screens.dialogs import ConfirmDialog

        lang = self.lang

        def answered(choice: object) -> None:
            if choice == "save":
                self._quit_after_save = True
                self.action_save()
            elif choice == "quit":
                self.exit()

        self.push_screen(
            ConfirmDialog(
                t("dialogs.quit.question", lang),
                [
                    ("save", t("dialogs.quit.save", lang)),
                    ("quit", t("dialogs.quit.quit", lang)),
                    ("cancel", t("dialogs.quit.cancel", lang)),
                ],
            ),
            answered,
        )

    # --- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action of the wizard, searchable in the command palette."""
        lang = self.lang

        def cmd(action: str, callback: Any) -> SystemCommand:
            return SystemCommand(
                t(f"actions.{action}.label", lang),
                t(f"actions.{action}.description", lang),
                callback,
            )

        if wizard := _on_wizard(screen):
            from .screens.wizard import REVIEW

            yield cmd("next", wizard.action_next)
            yield cmd("back", wizard.action_back)
            for i, key in enumerate(wizard.keys()):
                title = t("review.title", lang) if key == REVIEW else steps()[i].title[lang]
                yield SystemCommand(
                    f"{t('actions.goto.label', lang)}: {i + 1} {title}",
                    t("actions.goto.description", lang),
                    lambda i=i: wizard.goto(i),
                )
        elif isinstance(screen, StartScreen):
            yield SystemCommand(t("start.start", lang), t("start.intro", lang), self.begin)
        yield cmd("export", self.action_export)
        yield cmd("save", self.action_save)
        yield cmd("save_as", self.action_save_as)
        yield cmd("open", self.action_open)
        yield cmd("language", self.action_language)
        yield cmd("quit", self.action_quit)
        yield from super().get_system_commands(screen)
