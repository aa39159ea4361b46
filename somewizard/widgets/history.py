"""The version history as rows: version, date and what changed, with buttons to add and remove.

No ``|`` to type (AltGr+< on a Danish keyboard): each part has its own field. The editor's
value is the list of entries :func:`somewizard.validate.parse` makes of the pipe text, so
the session, the rules and the files see no difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label

from ..dates import parse_date
from ..ui import t
from ..validate import history_entries, history_rows
from .editors import TextInput

if TYPE_CHECKING:
    from typing_extensions import Self

PARTS = ("version", "date", "change")
"""The inputs of a row, in order; each has the class ``history-<part>``."""


class HistoryRow(Grid):
    """One version: its number, its date, what changed, and a button that removes the row."""

    def __init__(self, row: tuple[str, str, str], lang: str) -> None:
        super().__init__(classes="history-row")
        self.row = row
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        placeholders = {"date": t("messages.date_placeholder", lang)}
        for part, text in zip(PARTS, self.row, strict=True):
            field = TextInput(
                text,
                compact=True,
                classes=f"history-{part}",
                placeholder=placeholders.get(part, ""),
            )
            if part == "date":
                field.set_class(_not_a_date(text), "-problem")
            yield field
        yield Button("✕", compact=True, classes="history-remove", tooltip=t("history.remove", lang))

    @property
    def texts(self) -> tuple[str, str, str]:
        """What the row's three inputs hold."""
        version, day, change = (self.query_one(f".history-{p}", Input).value for p in PARTS)
        return version, day, change

    def clear(self) -> None:
        """Empty the row's inputs."""
        for field in self.query(Input):
            field.value = ""


class HistoryEditor(Vertical):
    """The version history: a row per version, a button to add one; empty rows are left out."""

    DEFAULT_CSS = """
    HistoryEditor { height: auto; }
    HistoryEditor .history-head, HistoryEditor .history-row {
        grid-size: 4;
        grid-columns: 8 17 1fr 3;
        grid-gutter: 0 1;
        height: 1;
    }
    HistoryEditor .history-head Label { color: $text-muted; }
    HistoryEditor .history-remove { width: 3; min-width: 3; }
    HistoryEditor .history-add { width: auto; min-width: 0; }
    """

    @dataclass
    class Changed(Message):
        """The user changed the history; ``value`` is the list of entries it now holds."""

        editor: HistoryEditor
        value: list[dict[str, Any]]

    def __init__(self, value: Any, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="history-editor")
        self.lang = lang
        self._rows = history_rows(value) or [("", "", "")]
        self.value = history_entries(self._rows)
        """The entries shown: what the rows hold, parsed (Changed only when this changes)."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Grid(classes="history-head"):
            for part in PARTS:
                yield Label(t(f"history.{part}", lang))
        for row in self._rows:
            yield HistoryRow(row, lang)
        yield Button(t("history.add", lang), compact=True, classes="history-add")

    def focus(self, scroll_visible: bool = True) -> Self:
        """Put the cursor in the first row (the editor itself takes no keys)."""
        for field in self.query(Input):
            field.focus(scroll_visible)
            break
        return self

    @property
    def rows(self) -> list[HistoryRow]:
        """The rows, top to bottom."""
        return list(self.query(HistoryRow))

    async def add_row(self) -> HistoryRow:
        """Add an empty row at the end and put the cursor in it."""
        row = HistoryRow(("", "", ""), self.lang)
        await self.mount(row, before=self.query_one(".history-add"))
        row.query_one(".history-version", Input).focus()
        return row

    async def remove_row(self, row: HistoryRow) -> None:
        """Remove a row (the last one left is emptied instead); the cursor goes to a neighbour."""
        rows = self.rows
        if len(rows) == 1:
            row.clear()
            row.query_one(".history-version", Input).focus()
            return
        index = rows.index(row)
        neighbour = rows[index + 1] if index + 1 < len(rows) else rows[index - 1]
        neighbour.query_one(".history-version", Input).focus()
        await row.remove()
        self._update()

    def _update(self) -> None:
        """Tell the field what the history holds now, if that changed (shown is not typed)."""
        value = history_entries(row.texts for row in self.rows)
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.has_class("history-date"):
            event.input.set_class(_not_a_date(event.value), "-problem")
        self._update()

    @on(Input.Submitted, ".history-change")
    async def _enter(self, event: Input.Submitted) -> None:
        """Enter at the end of the last row adds a row; on an empty one it moves on."""
        row = event.input.parent
        rows = self.rows
        if row is rows[-1] and any(part.strip() for part in rows[-1].texts):
            event.stop()
            await self.add_row()

    @on(Button.Pressed, ".history-add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row()

    @on(Button.Pressed, ".history-remove")
    async def _remove(self, event: Button.Pressed) -> None:
        """✕ removes an empty row at once; a row with text only after a question whose
        default is to keep it (✕ is in the Tab order, where Enter elsewhere moves on)."""
        event.stop()
        row = event.button.parent
        if not isinstance(row, HistoryRow):
            return
        typed = [part.strip() for part in row.texts if part.strip()]
        if not typed:
            await self.remove_row(row)
            return
        from ..screens.modal import ConfirmDialog

        lang = self.lang
        question = t("history.remove_question", lang, row=" · ".join(typed))
        choices = [(a, t(f"history.remove_{a}", lang)) for a in ("yes", "no")]

        async def answered(choice: object) -> None:
            if choice == "yes" and row.is_attached:
                await self.remove_row(row)
            elif row.is_attached:
                event.button.focus()

        self.app.push_screen(ConfirmDialog(question, choices, "no"), answered)


def _not_a_date(text: str) -> bool:
    """True for a date field that holds something, but no date."""
    return bool(text.strip()) and parse_date(text) is None
