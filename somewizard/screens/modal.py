"""The base of every dialog: the forms' look, and Escape to close without a result."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal screen in the forms' style that Escape closes with ``None``."""

    CSS_PATH = "forms.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)
