"""The baseline for the wizard's screen changes: a plain Textual app, no somewizard code.

It starts on a screen with a Header, a Static and a Footer (the minimal app's). Its keys:

* ctrl+n on that screen pushes the copy of the wizard's screen that
  ``wizard_floor_screen.py`` builds (imported then, as somewizard imports its wizard
  screen on first use) from the shape ``wizard_shape.py`` wrote: the same kinds and counts
  of widgets, texts, CSS and footer keys;
* ctrl+l in that screen replaces it with a new copy in the other language
  (``App.switch_screen``, as somewizard's ``set_language`` does);
* F9 (F2-F8 the steps) shows the review: its pane, filled with what the shape recorded,
  the preview a Rich ``Markdown`` of somewizard's Markdown of the policy, read from the
  shape file before anything is timed.

It sets the cycle collector's thresholds to somewizard's (from the shape file), so that
both collect equally often. The shape file is named by the ``BENCH_WIZARD_SHAPE``
environment variable or the constructor's argument.
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class FloorStart(Screen[None]):
    """Header, Static, Footer; ctrl+n goes on."""

    BINDINGS = [Binding("ctrl+n", "app.begin", "Start", priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("A plain Textual app with a copy of the wizard's screen. Press Ctrl+N.")
        yield Footer()


class FloorApp(App[None]):
    def __init__(self, shape: Path | str | None = None) -> None:
        path = Path(shape or os.environ["BENCH_WIZARD_SHAPE"])
        self.shape: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if self.shape.get("gc_threshold"):
            # as SomeWizardApp does in its __init__: the same collector settings, so that
            # the ratio compares the work, not Python's default collections
            gc.set_threshold(*self.shape["gc_threshold"])
        super().__init__()
        self.lang: str = self.shape["start_language"]
        self.title = self.shape["screens"][self.lang]["title"]

    def get_default_screen(self) -> Screen[Any]:
        return FloorStart()

    def _wizard(self) -> Screen[Any]:
        from wizard_floor_screen import floor_screen

        return floor_screen(self.shape, self.lang)

    def action_begin(self) -> None:
        self.push_screen(self._wizard())

    def action_language(self, _lang: str = "") -> None:
        langs = list(self.shape["screens"])
        self.lang = langs[(langs.index(self.lang) + 1) % len(langs)]
        self.title = self.shape["screens"][self.lang]["title"]
        self.switch_screen(self._wizard())


if __name__ == "__main__":
    FloorApp().run()
