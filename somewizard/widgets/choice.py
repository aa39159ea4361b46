"""Light widgets for the start screen: a choice among a few options, and an action.

The start screen is the first thing a user sees, so it is built from these two small
widgets rather than Textual's Select and Button: three Selects and three Buttons doubled
the time to the first screen. The list of options is only built when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from .option import Option


class _FullWidth:
    """One line as wide as the space it is given: text on the left, a mark on the right.

    The width comes from Rich at render time, so the widget never asks for its own size
    while rendering (which would lay out the screen early).
    """

    def __init__(self, text: str, mark: str, style: Style) -> None:
        self.text, self.mark, self.style = text, mark, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = max(options.max_width - len(self.mark), 0)
        yield Text(self.text[:room].ljust(room) + self.mark, style=self.style, no_wrap=True)


class Choice(Widget, can_focus=True):
    """A label, the chosen option and its help line; the options open as a list.

    Enter, space or a click opens the list; left and right step through the options.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "open", "Choose", show=False),
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"choice--label", "choice--value", "choice--help"}
    DEFAULT_CSS = """
    Choice { height: auto; width: 1fr; }
    Choice > .choice--label { text-style: bold; }
    Choice > .choice--value { background: $boost; }
    Choice:focus > .choice--value { background: $primary 40%; text-style: bold; }
    Choice > .choice--help { color: $text-muted; }
    """

    @dataclass
    class Changed(Message):
        """The user chose another option."""

        choice: Choice
        value: str

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self, label: str, options: list[Option], value: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.options = options
        values = [o.value for o in options]
        self.index = values.index(value) if value in values else 0

    @property
    def value(self) -> str:
        """The value of the chosen option."""
        return self.options[self.index].value

    def render(self) -> Group:
        option = self.options[self.index]
        style = self.get_component_rich_style
        parts: list[RenderableType] = [
            Text(self.label, style=style("choice--label")),
            _FullWidth(f" {option.title}", "▼ ", style("choice--value")),
        ]
        if option.help:
            parts.append(Text(option.help, style=style("choice--help")))
        return Group(*parts)

    def select(self, index: int) -> None:
        """Choose the option at ``index`` and tell the screen when it changed."""
        index %= len(self.options)
        if index == self.index:
            return
        self.index = index
        self.refresh(layout=True)
        self.post_message(self.Changed(self, self.value))

    def action_step(self, delta: int) -> None:
        """Step to the previous or next option."""
        self.select(self.index + delta)

    def action_open(self) -> None:
        """Show every option in a list to pick from."""
        from ..screens.picker import PickerScreen

        def picked(index: int | None) -> None:
            if index is not None:
                self.select(index)
            self.focus()

        self.app.push_screen(PickerScreen(self.label, self.options, self.index), picked)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()


class Action(Widget, can_focus=True):
    """A one-line action, like a compact button: Enter, space or a click presses it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,space", "press", "Press", show=False)]
    DEFAULT_CSS = """
    Action {
        width: auto; min-width: 14; height: 1; padding: 0 2; margin-right: 2;
        background: $boost; text-align: center; content-align: center middle;
    }
    Action.-primary { background: $primary; color: $text; text-style: bold; }
    Action:focus { background: $accent; color: $text; text-style: bold reverse; }
    """

    @dataclass
    class Pressed(Message):
        """The action was pressed."""

        action: Action

        @property
        def control(self) -> Action:
            return self.action

    def __init__(self, label: str, *, id: str, primary: bool = False) -> None:
        super().__init__(id=id, classes="-primary" if primary else "")
        self.label = label

    def render(self) -> str:
        return self.label

    def action_press(self) -> None:
        """Press the action."""
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_press()
