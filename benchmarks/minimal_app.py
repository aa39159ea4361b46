"""The baseline for start-up: the smallest Textual app with the wizard's frame.

A Header, one Static and a Footer, nothing else (no CSS file, no bindings of its own).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class MinimalApp(App[None]):
    """Header, Static, Footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello from a minimal Textual app.")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
