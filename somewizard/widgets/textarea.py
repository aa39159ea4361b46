"""Textual's TextArea with undo and redo that cannot crash on a shorter document.

Undo puts the older, shorter text back and lays the area out again before it restores
the cursor; when a scrollbar appears or goes in between, the area scrolls to a cursor row
that is no longer there and raises ``ValueError`` (Textualize/textual#6686, open). A
cursor at the start is on a row every document has, and the undo then puts the cursor
where it was before the edit, as before.

A soft-wrapped area that becomes narrower or wider wraps its text again on the resize,
but when that leaves it as many rows as before nothing repaints it, and the rows drawn at
the old width stay on screen, cut at the new one: words at the ends of rows vanish (seen
at 80x24, "»Foto: Navn«," missing from step 6). A repaint after the resize shows the new
rows.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from .editors import KeysInOrder


class SafeTextArea(KeysInOrder, TextArea):
    """A TextArea whose undo and redo start from a cursor that exists in any text, and
    whose editing keys run in the order typed (see :mod:`.editors`), and that shows its
    text wrapped anew after a resize."""

    def on_resize(self, event: events.Resize) -> None:
        """Repaint with the rows just wrapped for the new width (TextArea's own handler
        wraps, and runs first)."""
        self.refresh()

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
