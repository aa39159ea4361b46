"""The app's file work: the draft, open, save and export, each written in a worker.

Nothing here replaces work silently: the draft is written only once the user changed an
answer, a draft about to be replaced by other work is kept as a backup first, and opening
a file over unsaved changes asks.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from . import drafts
from . import settings as settings_file
from .errors import InputError, os_reason
from .localised import Localised
from .screens.start import StartScreen
from .session import Session
from .ui import t
from .yamlio import write_atomic

if TYPE_CHECKING:
    from .answers import Answers
    from .rules import Problem
    from .screens.dialogs import ExportRequest

HOLD_KEYS_AT_MOST = 10.0
"""Seconds at most that keys typed while a screen is built are held back."""
AUTOSAVE_DELAY = 0.4
"""Seconds from a change until the draft is written."""
_DRAFT_LOCK = threading.Lock()
"""One draft write at a time (a slow disk must not let an older write land last)."""
_SETTINGS_LOCK = threading.Lock()


def _in_folder(folder: str, name: str) -> Path:
    """``name`` in a remembered folder, shown short: as is in the current folder, with ``~``
    for the home folder, and without the folder when it is gone."""
    if not folder:
        return Path(name)
    try:
        where = Path(folder)
        if not where.is_dir() or where == Path.cwd():
            return Path(name)
        home = Path.home()
        if where.is_relative_to(home):
            return Path("~") / where.relative_to(home) / name
    except (OSError, RuntimeError, ValueError):
        return Path(name)
    return where / name


def _loadable(text: str, path: Path, lang: str) -> None:
    """Whatever is saved loads: read the text back, with a file's limits, before writing it."""
    from .session import loads

    try:
        loads(text, str(path))
    except InputError as exc:
        reason = exc.text(lang, where=False)
        raise InputError(t("messages.cannot_save", lang, reason=reason)) from None


class FileWork(Localised):
    """The part of the app that reads and writes files; the screens never do.

    Every problem with a file is said in the session's language (``InputError.text``).
    """

    session: Session
    draft: drafts.Draft
    settings: settings_file.Settings
    draft_owned = False
    """True once the draft file holds this session's work (resumed or written by it)."""
    _autosave: Timer | None = None
    focus_after_show: str | None = None
    """A field for the next wizard screen shown to put the cursor in (then cleared)."""
    _after_save: Callable[[], Any] | None = None
    _held_keys: list[events.Key] | None = None
    """Keys typed while a screen is being built, or None when none is."""

    def tell(
        self, message: str, *, severity: SeverityLevel = "information", timeout: float = 5
    ) -> None:
        """A toast in plain text: messages name files and repeat what the user typed.

        As markup, a file called ``[b]x.yaml`` would change the look of the message, and
        a hashtag ``[/]`` would stop the app.
        """
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """A picture of the screen, saved in a folder that exists (Downloads, else home)."""
        if path is None:
            from platformdirs import user_downloads_path

            for folder in (user_downloads_path(), Path.home(), Path.cwd()):
                if folder.is_dir() and os.access(folder, os.W_OK):
                    path = str(folder)
                    break
        return super().deliver_screenshot(filename, path, time_format)

    def with_progress(self, then: Callable[..., Any], *args: Any) -> None:
        """Building the wizard takes a moment: the screen shows the loading indicator for a
        frame, then ``then(*args)`` builds and shows the next one.

        What is typed meanwhile is held and goes to the new screen once its first field
        has the cursor: a name typed straight after Ctrl+N lands in the name field, where
        it used to be lost (and a ``?`` in it opened the help)."""
        screen = self.screen
        screen.loading = True
        if self._held_keys is None:
            self._held_keys = []
            # Should the new screen never say it is ready, the keys are not held for ever.
            self.set_timer(HOLD_KEYS_AT_MOST, self._release_keys)

        def go() -> None:
            screen.loading = False
            try:
                then(*args)
            except BaseException:
                self._release_keys()
                raise

        self.call_after_refresh(go)

    async def on_event(self, event: events.Event) -> None:
        """Hold keys while a screen is built (see :meth:`with_progress`)."""
        if isinstance(event, events.Key):
            if self._held_keys is not None and not event.is_forwarded:
                self._held_keys.append(event)
                return
            if not self.screen_stack:
                # No screen to take it (the app is closing), whether the key has just come
                # or comes back up from a widget: Textual would fail looking for a screen,
                # and the run would end in a traceback (seen twice in CI at the end of a
                # test, a key let go after a language change).
                return
        await super().on_event(event)

    def screen_ready(self) -> None:
        """A screen built after :meth:`with_progress` has been mounted and put the cursor in
        its first field: the keys held meanwhile go to it after this refresh."""
        if self._held_keys is not None:
            self.call_after_refresh(self._release_keys)

    def _release_keys(self) -> None:
        """Send the keys held while a screen was built, in the order they were typed."""
        held, self._held_keys = self._held_keys or [], None
        for key in held:
            again = events.Key(key.key, key.character)
            again.set_sender(self)
            self.post_message(again)

    # --- settings ------------------------------------------------------------------------------

    def use_settings(self) -> None:
        """Take the remembered theme, and remember the theme the user picks from now on.

        In a browser (``somewizard serve``), keys the browser keeps get others."""
        if self.is_web:
            from .widgets.keys import WEB_KEYMAP

            self.set_keymap(WEB_KEYMAP)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, lambda theme: self.remember(theme=theme.name))

    def remember(self, **changes: Any) -> None:
        """Keep these settings for the next run (written in the background)."""
        import dataclasses

        new = dataclasses.replace(self.settings, **changes)
        if new != self.settings:
            self.settings = new
            self._write_settings()

    @work(thread=True, group="settings", exit_on_error=False)
    def _write_settings(self) -> None:
        """Write the newest settings; writes run one at a time, so the last one wins."""
        with _SETTINGS_LOCK:
            settings_file.save(self.settings)

    # --- asking ----------------------------------------------------------------------------

    def ask(
        self,
        key: str,
        answers: list[str],
        then: Callable[[str], Any],
        default: str | None = None,
        **values: str,
    ) -> None:
        """Ask the question ``dialogs.KEY.question`` with these answers; call ``then``.

        ``default`` (else the first answer) has the focus, so Enter chooses it."""
        from .screens.modal import ConfirmDialog

        lang = self.session.language
        choices = [(a, t(f"dialogs.{key}.{a}", lang)) for a in answers]

        def answered(choice: object) -> None:
            if isinstance(choice, str) and choice != "cancel":
                then(choice)

        question = t(f"dialogs.{key}.question", lang, **values)
        self.push_screen(ConfirmDialog(question, choices, default), answered)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker failed in a way nobody foresaw: say so in the user's words, keep running."""
        if event.state != WorkerState.ERROR:
            return
        from .errors import printable
        from .screens.dialogs import BusyDialog

        if isinstance(self.screen, BusyDialog):
            self.pop_screen()
        error = event.worker.error
        what = printable(f"{type(error).__name__}: {error}")[:200]
        self.tell(
            t("messages.unexpected", self.session.language, error=what),
            severity="error",
            timeout=15,
        )

    # --- the draft ---------------------------------------------------------------------------

    def note_change(self, *, answer: bool) -> None:
        """A screen changed the session: save the draft soon, once there is work in it."""
        if self.session.touched:
            self._schedule_autosave()

    def _schedule_autosave(self) -> None:
        """Save the draft at most AUTOSAVE_DELAY after a change, even mid-typing.

        A throttle, not a debounce: steady typing in one field never holds back the save of
        what was typed before, so a crash loses at most the field being edited.
        """
        if self._autosave is None:
            self._autosave = self.set_timer(AUTOSAVE_DELAY, self._autosave_now)

    def _autosave_now(self) -> None:
        self._autosave = None
        first = not self.draft_owned
        self.draft_owned = True
        self._queue_draft(self.session.dumps(draft=True), first)

    def _queue_draft(self, text: str, back_up: bool) -> None:
        """Number the write, so an older one that finishes late never wins."""
        self._draft_seq = getattr(self, "_draft_seq", 0) + 1
        self._write_draft(text, back_up, self._draft_seq, self.session.language)

    @work(thread=True, group="draft", exit_on_error=False)
    def _write_draft(self, text: str, back_up: bool, seq: int, lang: str) -> None:
        """Write the draft, after keeping an older one as a backup when asked.

        Writes run one at a time, and one older than the last written is dropped. The
        text is read back first: a draft that would not load again is not written.
        """
        with _DRAFT_LOCK:
            if seq <= getattr(self, "_draft_written", 0):
                return
            path = self.draft.path
            try:
                _loadable(text, path, lang)
            except InputError as exc:
                self.call_from_thread(self.tell, exc.text(lang), severity="error", timeout=12)
                return
            try:
                if back_up:
                    drafts.back_up(path)
            except OSError as exc:  # the old draft could not be kept: it must not be replaced
                self.call_from_thread(self._backup_failed, str(exc.strerror or exc))
                return
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, text, force=True)
            except InputError as exc:
                self.call_from_thread(self.tell, exc.text(lang), severity="warning")
                return
            except OSError as exc:  # the data folder could not be made
                reason = os_reason(exc)(lang)
                said = t("errors.cannot_write", lang, reason=reason)
                self.call_from_thread(self.tell, f"{path.parent}: {said}", severity="warning")
                return
            self._draft_written = seq

    def _backup_failed(self, reason: str) -> None:
        """Say so, and try the backup again before the next write of the draft."""
        self.draft_owned = False
        lang = self.session.language
        self.tell(t("messages.backup_failed", lang, reason=reason), severity="error", timeout=12)

    def replace_session(self, session: Session, *, owned: bool) -> None:
        """Show other answers; the draft follows them.

        The draft file is kept as a backup first when it holds work found on disk (not
        this session's) or changes typed here and not saved to a file; a draft that only
        mirrors an opened file is simply replaced, so opening file after file does not push
        real work out of the backups.
        """
        had_draft = self.draft.path.is_file()
        worth_keeping = not self.draft_owned or (self.session.touched and self.session.dirty)
        self.session = session
        self._say_if_overdue()
        if owned:
            self.draft_owned = True
        elif had_draft:
            self.draft_owned = True
            self._queue_draft(session.dumps(draft=True), worth_keeping)

    def _say_if_overdue(self) -> None:
        """An opened file or a resumed draft whose review date has passed: say so."""
        from .ics import overdue_notice

        said = overdue_notice(self.session.answers(), self.session.language)
        if said:
            self.tell(said, severity="warning", timeout=15)

    # --- open ----------------------------------------------------------------------------------

    key_task: asyncio.Task[Any] | None = None
    """The app's own task, where its keys run (set when the app is mounted)."""

    async def keys_read(self) -> None:
        """Wait until the keys typed before the app's key being run have reached the answers
        (see :func:`.widgets.editors.keys_read`)."""
        from .widgets.editors import keys_read

        await keys_read(self, self.key_task)

    async def action_open(self, _lang: str = "") -> None:
        """Open a saved answers file, asking first when there are unsaved changes."""
        await self.keys_read()
        self.open_answers()

    def open_answers(self) -> None:
        """Open a saved answers file, asking first when there are unsaved changes."""
        if self.session.dirty and self.session.touched:
            self.ask("replace", ["save", "discard", "cancel"], self._open_after)
        else:
            self._ask_path_to_open()

    def _open_after(self, choice: str) -> None:
        if choice == "save":
            self._after_save = self._ask_path_to_open
            self.save()
        else:
            self._ask_path_to_open()

    def _ask_path_to_open(self) -> None:
        from .screens.dialogs import OpenDialog, PasteDialog

        def chosen(path: object) -> None:
            if isinstance(path, Path):
                self.open_file(path)
            elif isinstance(path, Session):  # pasted in the browser
                self.opened(path, "")

        lang = self.session.language
        self.push_screen(PasteDialog(lang) if self.is_web else OpenDialog(lang), chosen)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_file(self, path: Path) -> None:
        """Read an answers file off the UI thread, then show it."""
        from .session import load

        warnings: list[str] = []
        try:
            session = load(path, strict_presets=False, warnings=warnings)
        except InputError as exc:
            self.call_from_thread(self.opened, None, exc.text(self.session.language))
            return
        session.current_file = path
        self.call_from_thread(self.opened, session, "", *warnings)

    def opened(self, session: Session | None, error: str, *warnings: str) -> None:
        """Show what was opened (or say why not); the screen flow is the app's."""
        raise NotImplementedError  # pragma: no cover - defined by the app

    def show(self, step: str, *, rebuild: bool = False) -> None:
        """Show the wizard at a step; the screen flow is the app's."""
        raise NotImplementedError  # pragma: no cover - defined by the app

    def resume(self, path: Path | None = None, then_export: bool = False) -> Any:
        """Carry on from a draft; the screen flow is the app's."""
        raise NotImplementedError  # pragma: no cover - defined by the app

    # --- quit ----------------------------------------------------------------------------------

    async def action_quit(self, _lang: str = "") -> None:
        """Quit, asking first when there are unsaved changes."""
        await self.keys_read()
        if not self.session.dirty:
            self.exit()
            return

        def answered(choice: str) -> None:
            if choice == "save":
                self._after_save = self.exit
                self.save()
            else:
                self.exit()

        self.ask("quit", ["save", "quit", "cancel"], answered)

    # --- save ----------------------------------------------------------------------------------

    async def action_save(self, _lang: str = "") -> None:
        """Save to the current answers file, or ask for one."""
        await self.keys_read()
        self.save()

    def save(self) -> None:
        """Save to the current answers file, or ask for one."""
        if self.session.current_file is None:
            self.save_as()
        else:
            self._save_worker(self.session.dumps(), self.session.current_file)

    async def action_save_as(self) -> None:
        """Save the answers to a new file."""
        await self.keys_read()
        self.save_as()

    def save_as(self) -> None:
        """Save the answers to a new file."""
        from .screens.dialogs import PathDialog

        lang = self.session.language
        name = "somewizard-svar.yaml" if lang == "da" else "somewizard-answers.yaml"
        default = str(self.session.current_file or Path(name))

        def chosen(path: object) -> None:
            if isinstance(path, Path):
                text = self.session.dumps()
                self._confirm_overwrite(path, lambda: self._save_worker(text, path))
            else:
                self._after_save = None

        self.push_screen(PathDialog("save_as", default, lang), chosen)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save_worker(self, text: str, path: Path) -> None:
        """Write the answers file atomically off the UI thread, once it is known to load."""
        try:
            _loadable(text, path, self.session.language)
            if self.is_web:  # in a browser: a download, nothing written on the server
                self.call_from_thread(self._deliver, path, text.encode("utf-8"), "yaml")
            else:
                write_atomic(path, text, force=True)
        except InputError as exc:
            self._after_save = None
            self.call_from_thread(
                self.tell, exc.text(self.session.language), severity="error", timeout=8
            )
            return
        self.call_from_thread(self._saved, path)

    def _saved(self, path: Path) -> None:
        self.session.current_file = path
        self.session.dirty = False
        shown = path.name if self.is_web else str(path.resolve())
        self.tell(t("dialogs.export.saved", self.session.language, path=shown))
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    # --- export --------------------------------------------------------------------------------

    def export_dialog(
        self, note: str = "", again: ExportRequest | None = None, error: str = ""
    ) -> None:
        """Ask where to export, unless a field must be fixed first.

        The name starts in the folder and format of the last export; ``again`` opens the
        dialog once more with what was asked (after a write failed with ``error``).
        """
        problems = self.session.problems()
        if problems:
            self._show_problems(problems)
            return
        from .screens.dialogs import ExportDialog

        lang = self.session.language
        remembered = self.settings
        if again is not None:
            default, template = again.path, str(again.template or "")
            pages = again.page_numbers or remembered.page_numbers
        else:
            name = "SoMe-politik" if lang == "da" else "social-media-policy"
            default = _in_folder(remembered.export_folder, f"{name}.{remembered.export_format}")
            template, pages = "", remembered.page_numbers
        dialog = ExportDialog(
            default, lang, note, template=template, page_numbers=pages, error=error
        )
        self.push_screen(dialog, self._export_chosen)

    def _show_problems(self, problems: list[Problem]) -> None:
        from .screens.dialogs import ProblemsDialog

        self.push_screen(ProblemsDialog(problems, self.session.language), self._fix)

    def _fix(self, field: object) -> None:
        """Show the step with the field to fix and put the cursor in it."""
        from .rules import step_of
        from .session import STEP_KEYS

        if isinstance(field, str):  # a field's path; a role's field as roles.O2.contact
            self.session.step = STEP_KEYS[step_of(field)]
            self.focus_after_show = field  # the wizard is built after a frame of progress
            self.show(self.session.step)

    def focus_field(self, field: str) -> None:
        """Put the cursor in the field at this answer path (a role's too)."""
        self._focus_field(field)

    def _focus_field(self, field: str) -> None:
        from .widgets.fields import field_id

        exact = self.screen.query(f"#{field_id(field)}")
        for widget in exact or self.screen.query(".roles-table Input"):
            widget.focus()
            return

    async def action_export(self, _lang: str = "") -> None:
        """Export the policy; on the start screen, what Resume would bring back."""
        await self.keys_read()
        self.export()

    def export(self) -> None:
        """Export the policy; on the start screen, what Resume would bring back."""
        on_start = isinstance(self.screen, StartScreen)
        if on_start and not self.draft_owned and self.draft.path.is_file():
            self.resume(then_export=True)
        elif on_start and not self.session.touched:
            self.export_dialog(t("dialogs.export.from_defaults", self.session.language))
        else:
            self.export_dialog()

    def _export_chosen(self, request: object) -> None:
        from .screens.dialogs import ExportRequest

        if isinstance(request, ExportRequest):  # the dialog asked before replacing a file
            self._export(self.session.answers(), request)

    def _confirm_overwrite(self, path: Path, then: Callable[[], Any]) -> None:
        try:
            exists = path.exists() and not path.is_dir()
        except (OSError, ValueError):  # a name too long, a folder we may not look in
            exists = False  # the write says what is wrong, in one line
        if not exists:
            then()
            return
        self.ask(
            "export",
            ["yes", "no"],
            lambda c: then() if c == "yes" else None,
            default="no",  # replacing a file is never the answer Enter gives by itself
            path=str(path),
        )

    def _export(self, answers: Answers, request: ExportRequest) -> None:
        from .screens.dialogs import BusyDialog

        self.push_screen(BusyDialog(t("dialogs.export.writing", self.session.language)))
        self._export_worker(answers, request)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export_worker(self, answers: Answers, request: ExportRequest) -> None:
        """Render and write the file off the UI thread."""
        from .export import check_template, render_bytes

        notes: list[str] = []
        try:
            check_template(request.fmt, request.template)
            data = render_bytes(
                answers,
                request.fmt,
                template=request.template,
                notes=notes,
                page_numbers=request.page_numbers,
            )
            if self.is_web:  # in a browser: a download, nothing written on the server
                self.call_from_thread(self._deliver, request.path, data, request.fmt)
            else:
                write_atomic(request.path, data, force=True)
        except InputError as exc:
            self.call_from_thread(self._export_failed, request, exc.text(self.session.language))
            return
        self.call_from_thread(self._exported, request)
        for note in notes:
            self.call_from_thread(self.tell, note, severity="warning", timeout=12)
        lang = self.session.language
        shown = request.path.name if self.is_web else str(request.path.resolve())
        saved = t("dialogs.export.saved", lang, path=shown)
        self.call_from_thread(self._done, saved, "information")

    def _deliver(self, path: Path, data: bytes, fmt: str) -> None:
        """Hand a file to the browser as a download named like ``path``."""
        import io

        from .downloads import MIME_TYPES, download_name

        name, mime = download_name(path.name), MIME_TYPES.get(fmt)
        self.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=mime)

    def _exported(self, request: ExportRequest) -> None:
        """Remember the folder and format for the next export."""
        changes: dict[str, Any] = {"export_format": request.fmt}
        try:
            changes["export_folder"] = str(request.path.parent.resolve())
        except (OSError, RuntimeError):
            pass
        if request.fmt == "docx":
            changes["page_numbers"] = request.page_numbers
        self.remember(**changes)

    def _export_failed(self, request: ExportRequest, reason: str) -> None:
        """Say why, in the dialog again, with everything as it was typed."""
        from .screens.dialogs import BusyDialog

        if isinstance(self.screen, BusyDialog):
            self.pop_screen()
        lang = self.session.language
        self.export_dialog(again=request, error=t("dialogs.export.failed", lang, reason=reason))

    def _done(self, message: str, severity: Any) -> None:
        from .screens.dialogs import BusyDialog

        if isinstance(self.screen, BusyDialog):
            self.pop_screen()
        self.tell(message, severity=severity, timeout=8)
