"""A Footer that shows its keys in one fixed order and re-draws only when they change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

ORDER = ("ctrl+n", "ctrl+b", "ctrl+g", "ctrl+e", "ctrl+s", "ctrl+o", "ctrl+l", "ctrl+q")
"""Moving on first, then the file, then quitting; keys not listed keep Textual's order."""


class QuietFooter(Footer):
    """Textual's Footer lists the keys in the order of the focus chain and rebuilds them
    on every focus change. This one lists them in :data:`ORDER`, whatever has the focus,
    and skips the rebuild when the shown keys (and whether each is enabled) are the same.

    In the wizard, moving between steps changes focus twice, and each rebuild re-styles
    and re-lays out the whole screen. A fixed order also keeps the keys in place for the
    user; an order that followed an earlier focus once made a snapshot test fail under load.
    """

    _shown: frozenset[Any] | None = None

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        rank = {key: i for i, key in enumerate(ORDER)}
        keys.sort(key=lambda w: rank.get(getattr(w, "key", ""), len(ORDER)))
        yield from keys

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = frozenset(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
        if shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown
        super().bindings_changed(screen)
