"""Textual's own words in the user's language: the palette, its commands and its notices.

Textual words a few things itself, in English: the system commands in the palette, the
palette's placeholder, the notice after Ctrl+C and after a screenshot. Each has a public
hook, overridden here; Textual's keys panel gives way to the wizard's own help.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from textual import events, on
from textual.app import App, SystemCommand
from textual.screen import Screen

from .ui import steps, t
from .widgets.palette import Palette

if TYPE_CHECKING:
    from .session import Session

SCREENSHOT = "somewizard-screenshot"
"""The name a screenshot is delivered under (Textual's own notice answers ``screenshot``)."""


class Localised(App[None]):
    """The app's Textual parts (palette, system commands, notices) in the session's language."""

    session: Session

    def action_help(self, _lang: str = "") -> None:
        """Show the wizard's help; the screen flow is the app's."""
        raise NotImplementedError  # pragma: no cover - defined by the app

    def say_untranslated(self) -> None:
        """After a change of language, name the lists and texts the user wrote: they stay
        as written while the presets' texts change language."""
        fields = self.session.untranslated()
        if not fields:
            return
        lang = self.session.language
        labels = {f.path: f.label[lang] for spec in steps() for f in spec.fields}
        named = ", ".join(t("errors.quoted", lang, text=labels[path]) for path in fields)
        self.notify(t("files.untranslated", lang, fields=named), timeout=12, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's system commands, worded in the user's language.

        Quit is left out, since the wizard's own Quit is the same action, and Keys shows
        the wizard's help instead of Textual's keys panel.
        """
        lang = self.session.language

        def command(key: str, callback: Callable[[], Any]) -> SystemCommand:
            label, help_text = (t(f"textual.commands.{key}.{p}", lang) for p in ("label", "help"))
            return SystemCommand(label, help_text, callback)

        yield command("theme", self.action_change_theme)
        yield command("keys", self.action_help)
        if screen.maximized is not None:
            yield command("minimize", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield command("maximize", screen.action_maximize)
        yield command("screenshot", lambda: self.set_timer(0.1, self.deliver_screenshot))

    def action_command_palette(self) -> None:
        """Show the command palette, in the user's language."""
        if self.use_command_palette and not Palette.is_open(cast("App[object]", self)):
            self.push_screen(Palette(self.session.language, id="--command-palette"))

    def search_themes(self) -> None:
        """Show the themes to pick from, in a palette in the user's language."""
        from textual.theme import ThemeProvider

        lang = self.session.language
        self.push_screen(Palette(lang, [ThemeProvider], placeholder="themes_placeholder"))

    def action_show_help_panel(self) -> None:
        """The wizard's help in place of Textual's keys panel."""
        self.action_help()

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (in a text field it copies): say which key does."""
        from .screens.dialogs import key_name

        lang = self.session.language
        for key, active in self.active_bindings.items():
            if active.binding.id == "quit":
                self.notify(
                    t("textual.quit_hint", lang, key=key_name(key)),
                    title=t("textual.quit_title", lang),
                    markup=False,
                )
                return

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save a picture of the screen (an SVG file named by the title and the time)."""
        if not filename:
            stamp = datetime.now().strftime(time_format or "%Y-%m-%d %H.%M.%S")
            filename = f"{self.title} {stamp}.svg"
            for reserved in '<>:"/\\|?*':
                filename = filename.replace(reserved, "_")
        return self.deliver_text(
            io.StringIO(self.export_screenshot()),
            save_directory=path,
            save_filename=filename,
            open_method="browser",
            mime_type="image/svg+xml",
            name=SCREENSHOT,
        )

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == SCREENSHOT:
            lang = self.session.language
            path = event.path
            said = t("textual.screenshot_saved", lang, path=str(path)) if path else None
            self.notify(
                said or t("textual.screenshot_done", lang),
                title=t("textual.screenshot_title", lang),
                markup=False,
            )

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == SCREENSHOT:
            lang = self.session.language
            self.notify(
                t("textual.screenshot_failed", lang),
                title=t("textual.screenshot_title", lang),
                severity="error",
                markup=False,
            )
