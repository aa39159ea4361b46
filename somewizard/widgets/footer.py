"""A Footer that re-draws its keys only when the keys it shows have changed."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """Textual's Footer rebuilds all its keys on every focus change; this one skips that
    when the shown keys (and whether each is enabled) are still the same, in any order.

    In the wizard, moving between steps changes focus twice, and each rebuild re-styles
    and re-lays out the whole screen.
    """

    _shown: frozenset[Any] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # A set: the focus chain can list the same keys in another order, and keeping the
        # order on screen steady is better than shuffling the keys.
        shown = frozenset(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
        if shown == self._shown and self._bindings_ready:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown
        super().bindings_changed(screen)
