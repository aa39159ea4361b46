"""The wizard's list of steps: moving the highlight repaints two lines, not the list."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import OptionList


class StepList(OptionList):
    """Textual's OptionList repaints every line of the list when the highlight moves.

    Here each step is one line, so a step change repaints the line left and the line
    arrived at. Should a prompt ever wrap (a narrow list), the whole list is repainted as
    before.
    """

    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:  # type: ignore[override]
        super().watch_highlighted(new)
        if self.virtual_size.height != self.option_count:
            self.refresh()  # a prompt wraps: the lines are not one per step
            return
        for index in {old, new}:
            if index is not None:
                self.refresh_line(index)
