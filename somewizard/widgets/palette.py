"""Textual's command palette and its keys in the footer, in the user's language.

Public Textual API only: the palette takes its placeholder as an argument, and its list of
hits is swapped at compose time for one that words the "no matches" line in the user's
language (the palette adds that line with ``add_option``; it is the only disabled line).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.widget import Widget
from textual.widgets.option_list import Option

from ..ui import t

TEXTUAL_WORDS = {
    "palette": "palette",
    "Open the command palette": "palette_tooltip",
    "Dismiss menu": "dismiss_menu",
    "Exit the command palette": "close_palette",
}
"""Textual's English for the keys it binds itself, and our words for each (``textual.*``
in ``content/ui.yaml``)."""


def language_of(widget: Widget) -> str:
    """The session's language, for a widget that is not told it."""
    session = getattr(widget.app, "session", None)
    return str(getattr(session, "language", "da"))


def in_own_words(keys: Iterable[Widget], lang: str) -> None:
    """Label the footer's keys that Textual binds (the palette's, a drop-down's Esc) and
    their tooltips in ``lang``; the wizard's own keys are labelled already."""
    for key in keys:
        word = TEXTUAL_WORDS.get(str(getattr(key, "description", "")))
        if word:
            key.description = t(f"textual.{word}", lang)  # type: ignore[attr-defined]
        tip = TEXTUAL_WORDS.get(str(key.tooltip or ""))
        if tip:
            key.tooltip = t(f"textual.{tip}", lang)


class Hits(CommandList):
    """The palette's list of hits, saying "no matches" in the user's language."""

    def __init__(self, no_matches: str) -> None:
        super().__init__()
        self.no_matches = no_matches

    def add_option(self, option: Any = None) -> Any:
        if isinstance(option, Option) and option.disabled:  # the palette's "No matches found"
            text = Text(self.no_matches, style="not bold")
            option = Option(Align.center(text), id=option.id, disabled=True)
        return super().add_option(option)


class Palette(CommandPalette):
    """Textual's command palette with its placeholder and "no matches" in ``lang``."""

    def __init__(
        self,
        lang: str,
        providers: ProviderSource | None = None,
        *,
        placeholder: str = "placeholder",
        id: str | None = None,
    ) -> None:
        super().__init__(providers, placeholder=t(f"textual.{placeholder}", lang), id=id)
        self.lang = lang

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield (
                Hits(t("textual.no_matches", self.lang)) if type(widget) is CommandList else widget
            )
