"""A Footer that shows its keys in one fixed order and re-draws only when they change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Footer

from .palette import in_own_words, language_of

ORDER: tuple[str, ...] = (
    *("ctrl+n", "alt+n", "ctrl+b", "ctrl+g", "ctrl+e", "ctrl+s", "ctrl+o"),
    *("ctrl+l", "alt+l", "ctrl+q", "alt+q", "f1"),
)
"""Moving on first, then the file, then quitting and help; keys not listed keep Textual's
order."""
COMPACT = 120
"""Below this many columns the footer is compact (one space less around each key)."""
NARROW = 100
"""Below this many columns the footer leaves out :data:`SPARE` too."""
TINY = 80
"""Below this many columns the footer leaves out the command palette's key too."""
SPARE = ("ctrl+b", "ctrl+g")
"""Keys the screen also offers otherwise (the Back button, the list of steps) and the help
lists, so that at 80 columns the footer still shows every file key, quitting and help."""
LEAVE_OUT = ("ctrl+o", "ctrl+l", "alt+l", "ctrl+s", "ctrl+e")
"""Below 80 columns, the keys left out (in this order) until the rest fits, so that the
help key, which lists them all, is never cut off."""


class QuietFooter(Footer):
    """Textual's Footer lists the keys in the order of the focus chain and rebuilds them
    on every focus change. This one lists them in :data:`ORDER`, whatever has the focus,
    and skips the rebuild when the shown keys (and whether each is enabled) are the same.

    In the wizard, moving between steps changes focus twice, and each rebuild re-styles
    and re-lays out the whole screen. A fixed order also keeps the keys in place for the
    user; an order that followed an earlier focus once made a snapshot test fail under load.
    """

    _shown: frozenset[Any] | None = None
    _narrow: tuple[bool, bool, int] | None = None

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        if self.app.size.width < NARROW:
            keys = [w for w in keys if getattr(w, "key", "") not in SPARE]
        for widget in keys:
            # Each key is made compact and then bound to the footer's setting, which
            # re-styles it on mounting; made with the footer's setting, it is not.
            compact = getattr(type(widget), "compact", None)  # FooterKey's, not public
            if isinstance(compact, Reactive):
                widget.set_reactive(compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
        for widget in keys:  # F1 as people write it, not f1
            shown = getattr(widget, "key_display", "")
            if len(shown) in (2, 3) and shown[0] == "f" and shown[1:].isdigit():
                widget.key_display = shown.upper()  # type: ignore[attr-defined]
            elif shown.startswith("alt+"):  # the browser's keys (serve): Alt+N
                widget.key_display = "Alt+" + shown[4:].upper()  # type: ignore[attr-defined]
        rank = {key: i for i, key in enumerate(ORDER)}
        keys.sort(key=lambda w: rank.get(getattr(w, "key", ""), len(ORDER)))
        in_own_words([*keys, *self.screen.query("HeaderIcon")], language_of(self))
        yield from self._fitting(keys, self.app.size.width, compact=self.compact)

    @staticmethod
    def _fitting(keys: list[Any], width: int, *, compact: bool = True) -> list[Any]:
        """The keys, less what does not fit in ``width`` columns: first the keys a focused
        widget adds (an open list's Esc, say, which the help lists), last first; then those
        of :data:`LEAVE_OUT`, one at a time. The keys of :data:`ORDER` that are left keep
        their place, and the command palette's key stays at the right.

        A compact key takes its key, a space and its description, and a space after it;
        a full one two spaces more; the palette's key one more for its left border."""

        def size(w: Any) -> int:
            shown = len(getattr(w, "key_display", "") or "") + 2
            shown += len(getattr(w, "description", "") or "") + (0 if compact else 2)
            return shown + (1 if w.has_class("-command-palette") else 0)

        def extra(w: Any) -> bool:
            return getattr(w, "key", "") not in ORDER and not w.has_class("-command-palette")

        keys = list(keys)
        while sum(map(size, keys)) > width and any(map(extra, keys)):
            last = max(i for i, w in enumerate(keys) if extra(w))
            del keys[last]
        for key in LEAVE_OUT:
            if sum(map(size, keys)) <= width:
                break
            keys = [w for w in keys if getattr(w, "key", "") != key]
        return keys

    def on_resize(self) -> None:
        """Across :data:`NARROW` columns, switch between the full and the compact footer."""
        width = self.app.size.width
        narrow = (width < COMPACT, width < NARROW, width if width < TINY else TINY)
        if narrow != self._narrow:
            first, self._narrow = self._narrow is None, narrow
            self.compact = width < COMPACT
            self.show_command_palette = self.app.size.width >= TINY
            if first and not self.children:
                return  # the keys are not composed yet: they will be, for this width
            self._shown = None
            self.call_after_refresh(self.recompose)

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
