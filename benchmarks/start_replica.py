"""The former start screen's widgets in a plain Textual app, without somewizard's code.

For information only (no target). Until the performance work, somewizard's first screen
was built from Textual's Select and Button: Header; in a VerticalScroll > Center >
Vertical, a title, an intro, three labelled compact Selects (industries, tones, language)
each with a help Static, three compact Buttons and a hint; Footer; the screen pushed from
``on_mount``. These widgets alone cost about 1.55x the minimal app, which is why the start
screen is now built from the light widgets in ``somewizard/widgets/choice.py``.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Select, Static

INDUSTRIES = [
    "Crafts",
    "Health",
    "Hospitality",
    "IT",
    "Manufacturing",
    "Non-profit",
    "Professional services",
    "Retail",
]
TONES = ["Formal", "Fun", "Professional", "Warm", "Youthful"]


class ReplicaStart(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(), Center(), Vertical(id="start-box"):
            yield Label("Welcome", classes="title")
            yield Static("Answer a few questions, step by step. " * 4)
            for label, names in (
                ("Industry", INDUSTRIES),
                ("Tone", TONES),
                ("Language", ["Dansk", "English"]),
            ):
                yield Label(label)
                yield Select(
                    [("(none)", ""), *((n, n) for n in names)],
                    value="",
                    allow_blank=False,
                    compact=True,
                )
                yield Static("")
            with Horizontal(id="buttons"):
                yield Button("Start", variant="primary", compact=True)
                yield Button("Open", compact=True)
                yield Button("Resume", disabled=True, compact=True)
            yield Static("Tip: Ctrl+N starts, Ctrl+Q quits.")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Select).focus()


class ReplicaApp(App[None]):
    CSS = """
    #start-box { width: 80; max-width: 100%; height: auto; padding: 1 2; }
    #buttons { height: 1; }
    """

    def on_mount(self) -> None:
        self.push_screen(ReplicaStart())


if __name__ == "__main__":
    ReplicaApp().run()
