"""Text fields whose own editing keys keep their place among the letters typed.

Textual inserts a typed letter as soon as the field reads it, but runs a bound key of the
field (Backspace, Delete, the arrows, Home, End, Ctrl+W, ...) only once the key has bubbled
up through every container to the app. Keys that arrive together (a quick typist, a
busy machine, a terminal sending a burst) are then applied out of order: "b", "a",
Backspace, "c" gives "ba" instead of "bc" (Textualize/textual#6605, open). These fields
run their own binding where the key is read, with Textual's public API only.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import TYPE_CHECKING, Any

from textual import events
from textual.binding import Binding
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
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


async def keys_read(app: App[Any], key_task: asyncio.Task[Any] | None) -> None:
    """Wait until the keys typed into the focused field before a key of the app's (Ctrl+S,
    Ctrl+Q, ...) have reached the answers.

    The app runs its keys as soon as it reads them, the letters typed just before still
    queued in the field: in a burst, "Bager" then Ctrl+S saved the file without "Bager",
    and Ctrl+Q quit without asking and lost it. Here the field reads its keys, and the
    change they make passes up from container to container to the screen, which puts it in
    the answers: each widget on the way runs, twice, a callback posted behind what it has
    queued (once for the message that reached it, once for the one it sent on).

    Only from ``key_task``, the app's own task, where its keys run; the widgets' own tasks
    are others, so none of them waits on itself. From anywhere else (a button's handler on
    the screen's task) nothing was typed in between, and nothing is waited for.
    """
    if key_task is None or asyncio.current_task() is not key_task:
        return
    node: DOMNode | None = app.focused
    while node is not None and node is not app:
        for _ in range(2):
            done = asyncio.Event()
            if node.call_later(done.set):
                await done.wait()
        node = node.parent
