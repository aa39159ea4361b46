"""Text fields whose own editing keys keep their place among the letters typed.

Textual inserts a typed letter as soon as the field reads it, but runs a bound key of the
field (Backspace, Delete, the arrows, Home, End, Ctrl+W, ...) only once the key has bubbled
up through every container to the app. Keys that arrive together (a quick typist, a
busy machine, a terminal sending a burst) are then applied out of order: "b", "a",
Backspace, "c" gives "ba" instead of "bc" (Textualize/textual#6605, open). These fields
run their own binding where the key is read, with Textual's public API only.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.widget import Widget

    _Field = Widget
else:
    _Field = object  # a plain mixin: a Widget base here would override the field's can_focus


@cache
def own_bindings(cls: type) -> dict[str, list[Binding]]:
    """The keys a field class binds itself, merged down its classes as Textual merges them
    (a subclass's binding for a key replaces its base's)."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if "BINDINGS" in base.__dict__:
            own: dict[str, list[Binding]] = {}
            for binding in Binding.make_bindings(base.__dict__["BINDINGS"]):
                own.setdefault(binding.key, []).append(binding)
            keys.update(own)
    return keys


class KeysInOrder(_Field):
    """Mixed into a text field: its own bound keys run in the order they were typed."""

    async def on_key(self, event: events.Key) -> None:
        """Run this field's own binding for ``event`` now, where Textual would run it.

        Textual looks a key up from the focused widget up, so a field's own binding is the
        one it runs; priority bindings ran before the key reached the field. Letters go on
        to the field's own handler, and a key the field does not bind, or whose action is
        off (``check_action``), goes up as before. The field need not have the cursor any
        more: a Tab or a step key typed after this key has moved it on already, and the
        key belongs to the field it was typed in.
        """
        if event.is_printable:
            return
        for binding in own_bindings(type(self)).get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return


class TextInput(KeysInOrder, Input):
    """Textual's Input, with its editing keys in the order typed."""
