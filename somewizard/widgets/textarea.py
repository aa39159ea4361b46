"""Textual's TextArea with undo and redo that cannot crash on a shorter document.

Undo puts the older, shorter text back and lays the area out again before it restores
the cursor; when a scrollbar appears or goes in between, the area scrolls to a cursor row
that is no longer there and raises ``ValueError`` (Textualize/textual#6686, open). A
cursor at the start is on a row every document has, and the undo then puts the cursor
where it was before the edit, as before.
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from .editors import KeysInOrder


class SafeTextArea(KeysInOrder, TextArea):
    """A TextArea whose undo and redo start from a cursor that exists in any text, and
    whose editing keys run in the order typed (see :mod:`.editors`)."""

    def undo(self) -> None:
        """Undo the last batch of edits."""
        if self.history.undo_stack:
            self.selection = Selection.cursor((0, 0))
        super().undo()

    def redo(self) -> None:
        """Redo the last undone batch of edits."""
        if self.history.redo_stack:
            self.selection = Selection.cursor((0, 0))
        super().redo()
