"""The command palette: every action of the wizard, searchable, in the user's language."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .screens.start import StartScreen
from .ui import steps, t

if TYPE_CHECKING:
    from textual.screen import Screen

    from .app import SomeWizardApp

Command = tuple[str, str, Callable[[], Any]]
ACTIONS = ("export", "save", "save_as", "open", "language", "help", "quit")


def commands_for(app: SomeWizardApp, screen: Screen[Any]) -> Iterator[Command]:
    """The commands that make sense on ``screen``: title, help, what to call."""
    lang = app.session.language

    def cmd(action: str, callback: Callable[[], Any]) -> Command:
        return (
            t(f"actions.{action}.label", lang),
            t(f"actions.{action}.description", lang),
            callback,
        )

    module = sys.modules.get(f"{__package__}.screens.wizard")
    if module and isinstance(screen, module.WizardScreen):
        wizard = screen
        yield cmd("next", wizard.action_next)
        yield cmd("back", wizard.action_back)
        yield cmd("presets", wizard.action_presets)
        yield cmd("new_version", wizard.action_new_version)
        for i in range(len(wizard.keys())):
            title = t("review.title", lang) if i == len(steps()) else steps()[i].title[lang]
            yield (
                f"{t('actions.goto.label', lang)}: {i + 1} {title}",
                t("actions.goto.description", lang),
                partial(wizard.goto, i),
            )
    elif isinstance(screen, StartScreen):
        yield (t("start.start", lang), t("start.intro", lang), app.action_begin)
    for action in ACTIONS:
        yield cmd(action, getattr(app, f"action_{action}"))


class WizardCommands(Provider):
    """The wizard's actions for Textual's command palette (Ctrl+P)."""

    def _commands(self) -> list[Command]:
        return list(commands_for(cast("SomeWizardApp", self.app), self.screen))

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
