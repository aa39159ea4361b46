"""Modal dialogs that dismiss with a value: export, path, confirm, problems, drafts, busy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
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
from .modal import Dialog

if TYPE_CHECKING:
    from ..rules import Problem


@dataclass(frozen=True)
class ExportRequest:
    """Where and how to export."""

    path: Path
    fmt: str
    template: Path | None = None


EXPORT_FORMATS = ("docx", "md", "html", "pdf")


def _expand(text: str) -> Path:
    """A typed path with ``~`` expanded; ``~nobody/x`` (no such user) is kept as typed."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return Path(text)


class ExportDialog(Dialog[object]):
    """Ask for the file name and format; dismisses with an ExportRequest or None."""

    def __init__(self, default: Path, lang: str, note: str = "") -> None:
        super().__init__()
        self.default = default
        self.lang = lang
        self.note = note

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(t("dialogs.export.title", lang), classes="dialog-title")
            if self.note:
                yield Static(self.note, id="export-note", classes="field-help", markup=False)
            yield Label(t("dialogs.export.path", lang))
            yield Input(str(self.default), id="export-path")
            yield Label(t("dialogs.export.format", lang))
            with RadioSet(id="export-format"):
                for fmt in EXPORT_FORMATS:
                    yield RadioButton(
                        t(f"dialogs.export.{fmt}", lang),
                        id=f"fmt-{fmt}",
                        value=self.default.suffix == f".{fmt}",
                    )
            yield Label(t("dialogs.export.template", lang))
            example = "firma-skabelon.docx" if lang == "da" else "company-template.docx"
            yield Input("", id="export-template", placeholder=example)
            yield Static(t("dialogs.export.template_help", lang), classes="field-help")
            yield Static("", classes="field-message", id="export-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialogs.export.export", lang), variant="primary", id="do-export")
                yield Button(t("dialogs.export.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed)
    def _format(self, event: RadioSet.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        suffix = "." + (event.pressed.id or "fmt-docx").removeprefix("fmt-")
        path = Path(path_input.value.strip() or "policy")
        if path.suffix.lower() in (*(f".{f}" for f in EXPORT_FORMATS), ""):
            path_input.value = str(path.with_suffix(suffix))

    @on(Input.Submitted)
    @on(Button.Pressed, "#do-export")
    def _submit(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.query_one("#export-error", Static).update(t("messages.required", self.lang))
            return
        if text.endswith("/"):
            self.query_one("#export-error", Static).update(t("messages.folder_name", self.lang))
            return
        path = _expand(text)
        pressed = self.query_one(RadioSet).pressed_button
        fmt = (pressed.id or "fmt-docx").removeprefix("fmt-") if pressed else "docx"
        template = self.query_one("#export-template", Input).value.strip()
        self.dismiss(ExportRequest(path, fmt, _expand(template) if template else None))

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
            yield Input(self.default, id="path")
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


class ConfirmDialog(Dialog[object]):
    """A question with two or three answers; dismisses with the chosen answer's key.

    The ``default`` answer has the focus (Enter chooses it): the safe one where an answer
    would replace or discard something. Left and right move between the answers.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self, question: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for i, (key, text) in enumerate(self.choices):
                    yield Button(
                        text, id=f"choice-{key}", variant="primary" if i == 0 else "default"
                    )

    def on_mount(self) -> None:
        chosen = self.query(f"#choice-{self.default}") if self.default else None
        (chosen or self.query(Button)).first(Button).focus()

    @on(Button.Pressed)
    def _choose(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))


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
        return self.problems[index].field


def _problem_line(problem: Problem, lang: str) -> str:
    """``Trin 3 Tone og stil · Faste hashtags: <what is wrong>``."""
    index = step_of(problem.field)
    spec = steps()[index]
    label = next((f.label[lang] for f in spec.fields if f.path == problem.field), "")
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
        from ..ui import t

        width = max((len(k) for k, _ in self.keys), default=0) + 2
        lines = [f"{k.ljust(width)}{what}" for k, what in self.keys]
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static(t("dialogs.help.title", self.lang), classes="dialog-title")
            yield Static(t("dialogs.help.intro", self.lang), classes="field-help", markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static("\n".join(lines), id="help-keys", markup=False)
            yield Static(t("dialogs.help.close", self.lang), classes="field-help", markup=False)
