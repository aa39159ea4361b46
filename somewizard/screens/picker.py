"""The list behind a start-screen choice: every option with its help line."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option as ListOption

from ..widgets.option import Option
from .modal import Dialog


class PickerScreen(Dialog[int | None]):
    """Pick one option (Enter or a click); Escape keeps the current one."""

    DEFAULT_CSS = """
    PickerScreen OptionList { height: auto; max-height: 60vh; border: none; padding: 0; }
    """

    def __init__(self, title: str, options: list[Option], current: int) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*[self._item(o) for o in self.options], id="picker")

    @staticmethod
    def _item(option: Option) -> ListOption:
        text = Text(option.title, style="bold")
        if option.help:
            text.append("\n" + option.help, style="dim")
        return ListOption(text)

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.current
        listing.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)
