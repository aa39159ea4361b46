"""The base of every dialog (the forms' look, and Escape to close without a result), and the
question dialog, which widgets may ask too (it needs nothing of the wizard's)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal screen in the forms' style that Escape closes with ``None``."""

    CSS_PATH = "forms.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def action_cancel(self) -> None:
        """Close without a result."""
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
