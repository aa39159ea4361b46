"""One form row per answer (label, editor, help, inline message) and the roles table."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, Switch, TextArea

from ..answers import ROLE_IDS, Role
from ..document import content, tr
from ..ui import FieldSpec, t
from ..validate import Checked, parse, shown


def field_id(path: str) -> str:
    """The widget id of the editor for an answer path."""
    return "f-" + path.replace(".", "-")


class FieldRow(Vertical):
    """A labelled editor for one answer, with its help text and inline message."""

    @dataclass
    class Changed(Message):
        """The user changed a field; ``checked.value`` is None when it cannot be kept."""

        row: FieldRow
        path: str
        checked: Checked

    def __init__(self, spec: FieldSpec, value: Any, lang: str, error: str = "") -> None:
        super().__init__(classes=f"field field-{spec.kind}" + (" -invalid" if error else ""))
        self.spec = spec
        self.value = value
        self.lang = lang
        self.error = error
        self.warning = ""

    def compose(self) -> ComposeResult:
        spec, lang = self.spec, self.lang
        label = spec.label[lang] + (" *" if spec.required else "")
        yield Label(label, classes="field-label")
        fid = field_id(spec.path)
        value = shown(spec, self.value)
        if spec.kind in ("text", "number", "date"):
            placeholder = t("messages.date_placeholder", lang) if spec.kind == "date" else ""
            yield Input(
                value=value,
                id=fid,
                placeholder=placeholder,
                compact=True,
                type="integer" if spec.kind == "number" else "text",
            )
        elif spec.kind in ("long", "list", "history"):
            area = TextArea(
                value,
                id=fid,
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                classes=spec.kind,
                compact=True,
            )
            yield area
        elif spec.kind == "switch":
            yield Switch(value=bool(self.value), id=fid)
        elif spec.kind == "choice":
            options = [(text[lang], key) for key, text in spec.options]
            if not options:
                options = [
                    (str(tr(v, lang)), k) for k, v in content()["choices"][spec.path].items()
                ]
            known = self.value in [v for _, v in options]
            yield Select(
                options,
                value=self.value if known else Select.NULL,
                allow_blank=not known,
                id=fid,
                compact=True,
            )
        yield Static(spec.help[lang], classes="field-help")
        # what the user typed is in the message: plain text, never markup
        classes = "field-message -error" if self.error else "field-message"
        yield Static(self.error, classes=classes, markup=False)

    def _report(self, raw: Any) -> None:
        """Parse what is in the editor; tell the screen only when the answer really changed.

        Textual also reports a change when an editor first shows its value; that is not
        something the user typed, so it must not land in the "typed" layer.
        """
        checked = parse(self.spec, raw, self.lang)
        if checked.warning != self.warning:
            self.warning = checked.warning
            self.show_message(self.error)
        if checked.value is not None and checked.value == self.value:
            return
        if checked.value is not None:
            self.value = checked.value
        self.post_message(self.Changed(self, self.spec.path, checked))

    def show_message(self, error: str) -> None:
        """Show the error (in red) or else the warning (in yellow) under the field."""
        self.error = error
        message = self.query_one(".field-message", Static)
        message.update(error or self.warning)
        message.set_class(bool(error), "-error")
        message.set_class(bool(self.warning) and not error, "-warning")
        self.set_class(bool(error), "-invalid")

    @on(Input.Changed)
    def _input(self, event: Input.Changed) -> None:
        event.stop()
        self._report(event.value)

    @on(TextArea.Changed)
    def _area(self, event: TextArea.Changed) -> None:
        event.stop()
        self._report(event.text_area.text)

    @on(Switch.Changed)
    def _switch(self, event: Switch.Changed) -> None:
        event.stop()
        self._report(event.value)

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != Select.NULL:
            self._report(event.value)


class RolesTable(Widget):
    """The roles table (O1-O6) as a grid of inputs: area, role, person, contact, deputy."""

    COLUMNS = ("role", "person", "contact", "deputy")

    @dataclass
    class Changed(Message):
        """A cell changed: ``path`` is like ``roles.O1.person``."""

        path: str
        value: str

    def __init__(self, roles: dict[str, Role], lang: str) -> None:
        super().__init__(classes="roles-table")
        self.roles = {rid: dataclasses.replace(role) for rid, role in roles.items()}
        self.lang = lang

    def compose(self) -> ComposeResult:
        header = tr(content()["roles"]["header"], self.lang)
        with Grid(classes="roles-grid"):
            for text in header:
                yield Label(text, classes="roles-head")
            for rid in ROLE_IDS:
                yield Label(
                    f"{rid} {tr(content()['roles']['areas'][rid], self.lang)}", classes="roles-area"
                )
                role = self.roles[rid]
                for col in self.COLUMNS:
                    yield Input(
                        getattr(role, col),
                        id=f"f-roles-{rid}-{col}",
                        compact=True,
                        placeholder=header[1 + self.COLUMNS.index(col)],
                    )

    @on(Input.Changed)
    def _cell(self, event: Input.Changed) -> None:
        event.stop()
        _, _, rid, col = (event.input.id or "").split("-")
        role = self.roles[rid]
        if getattr(role, col) == event.value:
            return  # shown, not typed
        setattr(role, col, event.value)
        self.post_message(self.Changed(f"roles.{rid}.{col}", event.value))
