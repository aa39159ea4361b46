"""Key bindings labelled in the user's language, with Textual's public API only.

Each key gets one :class:`Binding` per language, labelled in that language, whose action
carries the language as its last parameter (``next('@da')``). The screen or app that owns
them answers :func:`shown` from ``check_action``: only the session's language's binding is
active and in the footer, so after a language change ``refresh_bindings()`` is enough.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding, BindingType

from ..packaged import LANGUAGES
from ..ui import t

MARK = "@"


def localised(key: str, action: str, label: str, *, id: str, **options: Any) -> list[Binding]:
    """``key`` bound to ``action`` once per language, labelled ``actions.<label>.label`` and
    described (the footer's tooltip, the help's line) by ``actions.<label>.description``."""
    return [
        Binding(
            key,
            f"{action}('{MARK}{lang}')",
            t(f"actions.{label}.label", lang),
            id=id,
            tooltip=t(f"actions.{label}.description", lang),
            **options,
        )
        for lang in LANGUAGES
    ]


def shown(parameters: tuple[object, ...], language: str) -> bool:
    """For ``check_action``: whether an action with these parameters is for ``language``.

    Actions without a language mark (the palette's, Textual's own) are always allowed.
    """
    last = parameters[-1] if parameters else None
    if isinstance(last, str) and last.startswith(MARK):
        return last == MARK + language
    return True


def app_bindings() -> list[BindingType]:
    """The app's own keys: the file actions and quitting, then help (F1 works in a text
    field too; ? only where it would not be typed into one)."""
    keys = zip(("ctrl+e", "ctrl+s", "ctrl+o", "ctrl+l", "ctrl+q"), APP_ACTIONS)
    out: list[BindingType] = [
        b for key, action in keys for b in localised(key, action, action, id=action, priority=True)
    ]
    out += localised("f1", "help", "help", id="help", priority=True)
    out += localised("question_mark", "help", "help", id="help", show=False)
    return out


APP_ACTIONS = ("export", "save", "open", "language", "quit")
"""The actions the app binds to Ctrl keys, in the footer's order."""

WEB_KEYMAP = {"begin": "alt+n", "next": "alt+n", "language": "alt+l", "quit": "alt+q"}
"""In a browser (``somewizard serve``) by binding id: Ctrl+N, Ctrl+T, Ctrl+W and Ctrl+L
never reach the page (and Firefox quits on Ctrl+Q), so these keys take their place, in the
footer and the help too."""
