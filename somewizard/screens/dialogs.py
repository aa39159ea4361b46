"""Modal dialogs that dismiss with a value: export, path, confirm, problems, drafts, busy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    LoadingIndicator,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from ..rules import step_of
from ..ui import steps, t
from ..widgets.editors import TextInput
from .modal import ConfirmDialog, Dialog

if TYPE_CHECKING:
    from ..rules import Problem


@dataclass(frozen=True)
class ExportRequest:
    """Where and how to export."""

    path: Path
    fmt: str
    template: Path | None = None
    page_numbers: bool = False


EXPORT_FORMATS = ("docx", "md", "html", "pdf")
SUFFIXES = {
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
"""The file name endings each format is known by."""


def _expand(text: str) -> Path:
    """A typed path with ``~`` expanded; ``~nobody/x`` (no such user) is kept as typed."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return Path(text)


def with_format(path: Path, fmt: str) -> tuple[Path, str]:
    """The file name and format to write: a known ending decides the format, and a name
    without one (or with another, like ``politik.v2``) gets the format's ending."""
    known = SUFFIXES.get(path.suffix.lower())
    if known:
        return path, known
    return path.with_name(path.name + "." + fmt), fmt


def where_problem(path: Path, lang: str) -> str:
    """Why a file cannot be written at ``path``, in the user's words, or ''."""
    import os

    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.is_dir():
            return t("dialogs.export.is_folder", lang, path=str(path))
        if not folder.is_dir():
            return t("dialogs.export.no_folder", lang, folder=str(folder))
        if not os.access(folder, os.W_OK | os.X_OK):
            return t("dialogs.export.read_only", lang, folder=str(folder))
        if path.exists() and not path.is_file():
            return t("dialogs.export.not_a_file", lang, path=str(path))
    except (OSError, ValueError):  # a name too long, a folder we may not look in
        return t("dialogs.export.bad_name", lang, path=str(path))
    return ""


def template_problem(text: str, fmt: str, lang: str) -> str:
    """Why the typed template cannot be used with ``fmt``, in the user's words, or ''."""
    if not text:
        return ""
    if fmt not in ("docx", "pdf"):
        return t("dialogs.export.template_format", lang)
    try:
        if not _expand(text).is_file():
            return t("dialogs.export.no_template", lang, path=text)
    except (OSError, ValueError):
        return t("dialogs.export.no_template", lang, path=text)
    return ""


class ExportDialog(Dialog[object]):
    """Ask for the file name and format; dismisses with an ExportRequest or None.

    The format follows a typed ending and the ending follows the format; a name without
    an ending gets one. What is wrong with the name, the folder or the template is said
    under the fields and the dialog stays open with what was typed; "No" to replacing a
    file goes back to the name.
    """

    def __init__(
        self,
        default: Path,
        lang: str,
        note: str = "",
        *,
        template: str = "",
        page_numbers: bool = True,
        error: str = "",
    ) -> None:
        super().__init__()
        self.default = default
        self.lang = lang
        self.note = note
        self.template = template
        self.page_numbers = page_numbers
        self.error = error

    def compose(self) -> ComposeResult:
        from ..export import libreoffice

        lang = self.lang
        fmt = SUFFIXES.get(self.default.suffix.lower(), "docx")
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(t("dialogs.export.title", lang), classes="dialog-title")
            if self.note:
                yield Static(self.note, id="export-note", classes="field-help", markup=False)
            yield Label(t("dialogs.export.path", lang))
            yield TextInput(str(self.default), id="export-path", compact=True)
            yield Label(t("dialogs.export.format", lang))
            with RadioSet(id="export-format", compact=True):
                for each in EXPORT_FORMATS:
                    yield RadioButton(
                        t(f"dialogs.export.{each}", lang), id=f"fmt-{each}", value=each == fmt
                    )
            pages = Checkbox(
                t("dialogs.export.page_numbers", lang),
                self.page_numbers,
                id="export-pages",
                compact=True,
            )
            pages.display = fmt == "docx" and libreoffice() is not None
            yield pages
            # In the browser a path would name a file on the server: no template there.
            web = self.app.is_web
            example = "firma-skabelon.docx" if lang == "da" else "company-template.docx"
            for widget in (
                Label(t("dialogs.export.template", lang)),
                TextInput(self.template, id="export-template", placeholder=example, compact=True),
                Static(t("dialogs.export.template_help", lang), classes="field-help"),
            ):
                widget.display = not web
                yield widget
            error = Static(
                self.error, classes="field-message -error", id="export-error", markup=False
            )
            error.display = bool(self.error)
            yield error
            with Horizontal(classes="dialog-buttons -compact"):
                yield Button(
                    t("dialogs.export.export", lang),
                    variant="primary",
                    id="do-export",
                    compact=True,
                )
                yield Button(t("dialogs.export.cancel", lang), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "fmt-docx").removeprefix("fmt-") if pressed else "docx"

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        """The name's ending follows the format (a name with another ending is kept)."""
        from ..export import libreoffice

        fmt = (event.pressed.id or "fmt-docx").removeprefix("fmt-")
        self.query_one("#export-pages").display = fmt == "docx" and libreoffice() is not None
        path_input = self.query_one("#export-path", Input)
        text = path_input.value.strip()
        path = Path(text or "policy")
        known = SUFFIXES.get(path.suffix.lower())
        if known != fmt and (known or not path.suffix):
            path_input.value = str(path.with_suffix("." + fmt))

    @on(Input.Changed, "#export-path")
    def _name_typed(self, event: Input.Changed) -> None:
        """The format follows a typed ending (``politik.md`` is Markdown)."""
        known = SUFFIXES.get(Path(event.value.strip() or "x").suffix.lower())
        if known and known != self._format():
            self.query_one(f"#fmt-{known}", RadioButton).value = True

    def _say(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#do-export")
    def _submit(self) -> None:
        lang = self.lang
        path_input = self.query_one("#export-path", Input)
        text = path_input.value.strip()
        if not text:
            self._say(t("messages.required", lang))
            path_input.focus()
            return
        if text.endswith(("/", "\\")):
            self._say(t("messages.folder_name", lang))
            path_input.focus()
            return
        typed = _expand(text)
        problem = where_problem(typed, lang)  # a folder's name, before an ending is added
        path, fmt = with_format(typed, self._format())
        if str(path) != text and not problem:
            path_input.value = str(path)
        template = self.query_one("#export-template", Input).value.strip()
        problem = problem or where_problem(path, lang)
        if problem:
            self._say(problem)
            path_input.focus()
            return
        problem = template_problem(template, fmt, lang)
        if problem:
            self._say(problem)
            self.query_one("#export-template", Input).focus()
            return
        self._say("")
        pages = self.query_one("#export-pages", Checkbox)
        request = ExportRequest(
            path,
            fmt,
            _expand(template) if template else None,
            page_numbers=fmt == "docx" and pages.display and pages.value,
        )
        if path.is_file():
            self._ask_replace(request)
        else:
            self.dismiss(request)

    def _ask_replace(self, request: ExportRequest) -> None:
        """Replacing a file is never what Enter does by itself; "No" goes back to the name."""
        lang = self.lang
        choices = [(a, t(f"dialogs.export.{a}", lang)) for a in ("yes", "no")]
        question = t("dialogs.export.question", lang, path=str(request.path))

        def answered(choice: object) -> None:
            if choice == "yes":
                self.dismiss(request)
            else:
                self.query_one("#export-path", Input).focus()

        self.app.push_screen(ConfirmDialog(question, choices, "no"), answered)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class PathDialog(Dialog[object]):
    """Ask for a file path (open or save as); dismisses with a Path or None."""

    def __init__(self, kind: str, default: str, lang: str) -> None:
        super().__init__()
        self.kind = kind  # "open" or "save_as"
        self.default = default
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang, kind = self.lang, self.kind
        ok = t(f"dialogs.{kind}.{'open' if kind == 'open' else 'save'}", lang)
        with Vertical(classes="dialog", id=f"{kind}-dialog"):
            yield Label(t(f"dialogs.{kind}.title", lang), classes="dialog-title")
            yield Label(t(f"dialogs.{kind}.path", lang))
            yield TextInput(self.default, id="path")
            yield Static("", classes="field-message", id="path-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(ok, variant="primary", id="ok")
                yield Button(t(f"dialogs.{kind}.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#path-error", Static).update(t("messages.required", self.lang))
            return
        self.dismiss(_expand(text))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def answers_files(folder: Path, limit: int = 200) -> list[Path]:
    """The answers files and drafts in ``folder`` (not its subfolders), newest first.

    A YAML file counts when its start names somewizard or has an answers file's keys; a
    folder that cannot be read has none.
    """
    import re

    marks = re.compile(r"somewizard|^(language|organisation|presets|industry|tone):", re.M)
    found: list[tuple[float, Path]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.lower().endswith((".yaml", ".yml")):
            continue
        try:
            if not entry.is_file() or entry.stat().st_size > 1_000_000:
                continue
            with open(entry.path, "rb") as fh:
                head = fh.read(2048).decode("utf-8", "replace")
        except OSError:
            continue
        if marks.search(head):
            found.append((entry.stat().st_mtime, Path(entry.path)))
    found.sort(key=lambda item: (-item[0], item[1].name))
    return [path for _, path in found[:limit]]


class OpenDialog(Dialog[object]):
    """The answers files of a folder (the current one first) to pick from, and a field to
    type a path in; a typed folder lists that folder. Dismisses with a Path or None."""

    def __init__(self, lang: str, folder: Path | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.folder = folder or Path(".")
        self.files: list[Path] = []

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog", id="open-dialog"):
            yield Label(t("dialogs.open.title", lang), classes="dialog-title")
            yield Label(t("dialogs.open.files", lang), id="open-files-label")
            yield OptionList(id="open-files", compact=True)
            yield Static("", classes="field-help", id="open-none", markup=False)
            yield Label(t("dialogs.open.path", lang))
            yield TextInput("", id="path", placeholder=t("dialogs.open.placeholder", lang))
            yield Static("", classes="field-message", id="path-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialogs.open.open", lang), variant="primary", id="ok")
                yield Button(t("dialogs.open.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self._list(self.folder)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _list(self, folder: Path) -> None:
        """Look for answers files off the UI thread (a network folder can be slow)."""
        files = answers_files(folder)
        lines = [_draft_line(p) for p in files]
        self.app.call_from_thread(self._show, folder, files, lines)

    def _show(self, folder: Path, files: list[Path], lines: list[str]) -> None:
        self.folder, self.files = folder, files
        listing = self.query_one("#open-files", OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(line)) for line in lines])
        listing.display = bool(files)
        where = str(folder.resolve()) if str(folder) in ("", ".") else str(folder)
        none = self.query_one("#open-none", Static)
        none.update(t("dialogs.open.none", self.lang, folder=where))
        none.display = not files
        if files:
            listing.highlighted = 0
            if not self.query_one("#path", Input).value:  # never while the user types
                listing.focus()

    @on(OptionList.OptionSelected, "#open-files")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.files[event.option_index])

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        listing = self.query_one("#open-files", OptionList)
        text = self.query_one("#path", Input).value.strip()
        if not text and listing.has_focus and listing.highlighted is not None:
            self.dismiss(self.files[listing.highlighted])
            return
        path = _expand(text) if text else None
        try:
            folder = path is not None and path.is_dir()
        except OSError:
            folder = False
        if path is None:
            self.query_one("#path-error", Static).update(t("messages.required", self.lang))
        elif folder:
            self.query_one("#path", Input).value = ""
            self._list(path)
        else:
            self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class PasteDialog(Dialog[object]):
    """In the browser: the text of an answers file, pasted, instead of a file on the server
    (a browser page cannot hand the wizard a file). Dismisses with a Session or None; text
    that does not load is said under the field, and the dialog stays open."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        from ..widgets.textarea import SafeTextArea

        lang = self.lang
        with Vertical(classes="dialog", id="paste-dialog"):
            yield Label(t("dialogs.paste.title", lang), classes="dialog-title")
            yield Static(t("dialogs.paste.intro", lang), classes="field-help")
            yield SafeTextArea("", id="paste-text", soft_wrap=False, compact=True)
            yield Static("", classes="field-message -error", id="paste-error", markup=False)
            with Horizontal(classes="dialog-buttons -compact"):
                yield Button(
                    t("dialogs.paste.open", lang), variant="primary", id="ok", compact=True
                )
                yield Button(t("dialogs.open.cancel", lang), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#paste-text").focus()

    @on(Button.Pressed, "#ok")
    def _open(self) -> None:
        from ..errors import InputError
        from ..session import loads
        from ..widgets.textarea import SafeTextArea

        text = self.query_one("#paste-text", SafeTextArea).text
        error = self.query_one("#paste-error", Static)
        if not text.strip():
            error.update(t("messages.required", self.lang))
            return
        try:
            session = loads(text, t("dialogs.paste.source", self.lang))
        except InputError as exc:
            error.update(exc.text(self.lang))
            return
        session.current_file = Path(t("dialogs.paste.name", self.lang))
        self.dismiss(session)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ListDialog(Dialog[object]):
    """A title, a line of help, a list to pick from and buttons; dismisses with a result.

    Enter on an item, or the first button when there are two, dismisses with
    :meth:`result` of the highlighted item; the last button, or Escape, with None.
    """

    key = ""
    """The dialog's texts under ``dialogs.KEY`` in ``content/ui.yaml``."""
    buttons: tuple[str, ...] = ("cancel",)

    def __init__(self, items: list[str], lang: str) -> None:
        super().__init__()
        self.items = items
        self.lang = lang

    def result(self, index: int) -> object:
        """What picking the item at ``index`` dismisses with."""
        raise NotImplementedError  # pragma: no cover - defined by each dialog

    def compose(self) -> ComposeResult:
        lang, key = self.lang, self.key
        with Vertical(classes="dialog", id=f"{key}-dialog"):
            yield Label(t(f"dialogs.{key}.title", lang), classes="dialog-title")
            yield Static(t(f"dialogs.{key}.intro", lang), classes="field-help")
            yield OptionList(*[Option(Text(item)) for item in self.items], id=key)
            with Horizontal(classes="dialog-buttons"):
                for i, button in enumerate(self.buttons):
                    primary = i == 0 and len(self.buttons) > 1
                    yield Button(
                        t(f"dialogs.{key}.{button}", lang),
                        variant="primary" if primary else "default",
                        id="go" if primary else "cancel",
                    )

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0 if self.items else None
        listing.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.result(event.option_index))

    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        self.dismiss(self.result(self.query_one(OptionList).highlighted or 0))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ProblemsDialog(ListDialog):
    """What must be fixed before an export, by step and field; dismisses with a field path."""

    key = "problems"
    buttons = ("go", "close")

    def __init__(self, problems: list[Problem], lang: str) -> None:
        super().__init__([_problem_line(p, lang) for p in problems], lang)
        self.problems = problems

    def result(self, index: int) -> object:
        problem = self.problems[index]
        return problem.path if _in_roles(problem) else problem.field


def _in_roles(problem: Problem) -> bool:
    """A problem with one role's field (``roles.O2.contact``)."""
    return problem.field == "roles" and len(problem.key) >= 3


def _problem_line(problem: Problem, lang: str) -> str:
    """``Trin 3 Tone og stil · Faste hashtags: <what is wrong>``."""
    from ..widgets.fields import role_place

    index = step_of(problem.field)
    spec = steps()[index]
    label = next((f.label[lang] for f in spec.fields if f.path == problem.field), "")
    if _in_roles(problem):
        label = role_place(str(problem.key[1]), str(problem.key[2]), "", lang)
    step = t("progress.step_name", lang, n=str(index + 1), title=spec.title[lang])
    return f"{step} · {label}: {problem.message(lang)}"


class DraftsDialog(ListDialog):
    """The drafts kept from earlier work, newest first; dismisses with the path picked."""

    key = "drafts"

    def __init__(self, paths: list[Path], lang: str) -> None:
        super().__init__([_draft_line(p) for p in paths], lang)
        self.paths = paths

    def result(self, index: int) -> object:
        return self.paths[index]


def _draft_line(path: Path) -> str:
    """When a kept draft was saved, and its name."""
    import datetime as dt

    try:
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        stamp = "?"
    return f"{stamp}  {path.name}"


class BusyDialog(ModalScreen[None]):
    """Shown while a file is written in the background."""

    CSS_PATH = "forms.tcss"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="busy-dialog"):
            yield Label(self.text)
            yield LoadingIndicator()


def key_name(key: str) -> str:
    """A key as people write it: ``ctrl+n`` is Ctrl+N, ``f1`` is F1."""
    words = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "escape": "Esc", "tab": "Tab"}
    return "+".join(
        words.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in key.split("+")
    )


class HelpDialog(Dialog[None]):
    """Every key of the screen it was opened on, in the user's language (F1 or ?)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "cancel", show=False),
        Binding("q", "cancel", show=False),
    ]

    def __init__(self, keys: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        self.keys = keys
        self.lang = lang

    @classmethod
    def of(cls, screen: Any, lang: str) -> HelpDialog:
        """The help for ``screen``: its keys and the app's (from their bindings, in the
        footer's order), then the keys every screen has."""
        from ..ui import t
        from ..widgets.footer import ORDER

        keys: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id not in seen and binding.id != "help":
                seen.add(binding.id)
                keys.append((key_name(binding.key), binding.tooltip))
        rank = {key: i for i, key in enumerate(ORDER)}
        keys.sort(key=lambda k: rank.get(k[0].lower(), len(ORDER)))
        extra = ("steps", "tab", "enter", "palette", "escape", "help")
        keys += [
            (t(f"dialogs.help.{k}.key", lang), t(f"dialogs.help.{k}.what", lang)) for k in extra
        ]
        return cls(keys, lang)

    def compose(self) -> ComposeResult:
        from rich.table import Table

        from ..ui import t

        # Two columns, so that a description that wraps in a narrow window goes on under
        # its own start, not under the keys.
        keys = Table.grid(padding=(0, 2))
        keys.add_column(no_wrap=True)
        keys.add_column()
        for key, what in self.keys:
            keys.add_row(Text(key), Text(what))
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static(t("dialogs.help.title", self.lang), classes="dialog-title")
            yield Static(t("dialogs.help.intro", self.lang), classes="field-help", markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static(keys, id="help-keys")
            yield Static(t("dialogs.help.close", self.lang), classes="field-help", markup=False)
