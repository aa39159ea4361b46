"""One form row per answer (label, editor, help, inline message) and the roles table."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, Switch, TextArea

from ..answers import ROLE_IDS, Role
from ..document import content, tr
from ..rules import contact_problem
from ..ui import FieldSpec, t
from ..validate import Checked, parse, shown
from .editors import TextInput
from .history import HistoryEditor
from .textarea import SafeTextArea


def field_id(path: str) -> str:
    """The widget id of the editor for an answer path."""
    return "f-" + path.replace(".", "-")


def field_head(spec: FieldSpec, lang: str) -> Content:
    """The label (bold, `` *`` when required) and under it the help, before the editor."""
    label = spec.label[lang] + (" *" if spec.required else "")
    help_text = spec.help[lang]
    head = Content.styled(label, "bold $foreground")
    return Content.assemble(head, "\n", help_text) if help_text else head


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
        yield Static(field_head(spec, lang), classes="field-head")
        fid = field_id(spec.path)
        value = shown(spec, self.value)
        if spec.kind in ("text", "number", "date"):
            placeholder = t("messages.date_placeholder", lang) if spec.kind == "date" else ""
            yield TextInput(
                value=value,
                id=fid,
                placeholder=placeholder,
                compact=True,
                type="integer" if spec.kind == "number" else "text",
            )
        elif spec.kind == "history":
            yield HistoryEditor(self.value, lang, id=fid)
        elif spec.kind in ("long", "list"):
            area = SafeTextArea(
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
                prompt=t("textual.select_prompt", lang),
                id=fid,
                compact=True,
            )
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

    @on(HistoryEditor.Changed)
    def _history(self, event: HistoryEditor.Changed) -> None:
        event.stop()
        self._report(event.value)

    @on(Switch.Changed)
    def _switch(self, event: Switch.Changed) -> None:
        event.stop()
        self._report(event.value)

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != Select.NULL:
            self._report(event.value)


LABELS_WIDTH = 15
"""The roles' labels column and the space after it (DEFAULT_CSS)."""


class RolesTable(Widget):
    """The roles table (O1-O6): a block per area, with its role, person, contact and deputy.

    Each block is a heading and four labelled full-width fields, so names and e-mail
    addresses show whole even at 80 columns. A contact the rules find broken gets its
    message right under it.
    """

    COLUMNS = ("role", "person", "contact", "deputy")

    DEFAULT_CSS = """
    RolesTable { height: auto; }
    RolesTable .role-head { margin-top: 1; text-style: bold; width: 100%; }
    RolesTable .role-block { height: auto; }
    RolesTable .role-labels { color: $text-muted; width: 14; margin-right: 1; }  /* LABELS_WIDTH */
    RolesTable .role-fields { height: auto; width: 1fr; }
    RolesTable .role-fields Input { width: 1fr; }
    RolesTable .role-message { height: auto; display: none; }
    RolesTable .role-message.-error { display: block; color: $error; text-style: bold; }
    """

    @dataclass
    class Changed(Message):
        """A cell changed: ``path`` is like ``roles.O1.person``."""

        path: str
        value: str

    def __init__(self, roles: dict[str, Role], lang: str) -> None:
        super().__init__(classes="roles-table")
        self.roles = {rid: dataclasses.replace(role) for rid, role in roles.items()}
        self.lang = lang
        self._heads: dict[str, Content] = {}
        self._labels: list[str] = []
        self._messages: dict[str, str] = {}
        self._shown_labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        header = tr(content()["roles"]["header"], self.lang)
        self._heads = self._areas()
        self._labels = header[1 : 1 + len(self.COLUMNS)]
        for rid in ROLE_IDS:
            yield Label(self._heads[rid], id=f"roles-{rid}-head", classes="role-head")
            role = self.roles[rid]
            # The four labels are one text beside the four fields: a row (Horizontal,
            # Label, Input) per field made each step change lay out and paint 24 more
            # widgets. A contact's message sits right under the contact field, and the
            # labels make room for it (see _align).
            with Horizontal(classes="role-block"):
                labels = self._shown_labels[rid] = "\n".join(self._labels)
                yield Static(labels, id=f"roles-{rid}-labels", classes="role-labels", markup=False)
                with Vertical(classes="role-fields"):
                    for col in self.COLUMNS:
                        yield TextInput(getattr(role, col), id=f"f-roles-{rid}-{col}", compact=True)
                        if col == "contact":
                            yield Static(
                                "", id=f"roles-{rid}-message", classes="role-message", markup=False
                            )

    def on_mount(self) -> None:
        """A contact saved broken shows its message as soon as the step opens."""
        for rid in ROLE_IDS:
            self._show_contact(rid)

    def on_show(self) -> None:
        """Name the areas again: O3 is named after whom the business serves (step 1)."""
        areas = self._areas()
        for rid in ROLE_IDS:
            if areas[rid].plain != self._heads[rid].plain:
                self.query_one(f"#roles-{rid}-head", Label).update(areas[rid])
        self._heads = areas

    def _areas(self) -> dict[str, Content]:
        """Each area's heading: its id, subtle, then its name in the language."""
        words = _vocabulary(self._served(), self.lang)
        out = {}
        for rid in ROLE_IDS:
            name = str(tr(content()["roles"]["areas"][rid], self.lang))
            name = _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), name)
            out[rid] = Content.assemble((rid, "dim"), " ", name)
        return out

    def _served(self) -> str:
        """Whom the business serves, from the app's session (none when a test mounts this alone)."""
        session = getattr(self.app, "session", None)
        return str(session.answers().organisation.served) if session is not None else ""

    def _show_contact(self, rid: str) -> None:
        """The rules' message for this area's contact (or none), under the field."""
        code = contact_problem(self.roles[rid].contact)
        text = t(f"messages.{code}", self.lang) if code else ""
        if text == self._messages.get(rid, ""):
            return
        message = self.query_one(f"#roles-{rid}-message", Static)
        message.update(text)
        message.set_class(bool(text), "-error")
        self.query_one(f"#f-roles-{rid}-contact", Input).set_class(bool(text), "-problem")
        self._messages[rid] = text
        self._align(rid)

    def _align(self, rid: str) -> None:
        """Keep each label beside its field: blank lines after "Kontakt" for the message."""
        lines = 0
        if text := self._messages.get(rid, ""):
            fields = self.query_one(f"#roles-{rid}-message", Static).parent
            width = fields.size.width if isinstance(fields, Widget) else 0
            width = width or max(1, self.size.width - LABELS_WIDTH)
            lines = len(Content(text).wrap(width))  # as the message's Static wraps it
        at = self.COLUMNS.index("contact") + 1
        shown = "\n".join([*self._labels[:at], *[""] * lines, *self._labels[at:]])
        if shown != self._shown_labels.get(rid):
            self._shown_labels[rid] = shown
            self.query_one(f"#roles-{rid}-labels", Static).update(shown)

    def on_resize(self) -> None:
        """A message may take another number of lines at the new width."""
        for rid in ROLE_IDS:
            if self._messages.get(rid):
                self._align(rid)

    @on(Input.Changed)
    def _cell(self, event: Input.Changed) -> None:
        event.stop()
        _, _, rid, col = (event.input.id or "").split("-")
        role = self.roles[rid]
        if getattr(role, col) == event.value:
            return  # shown, not typed
        setattr(role, col, event.value)
        if col == "contact":
            self._show_contact(rid)
        self.post_message(self.Changed(f"roles.{rid}.{col}", event.value))


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _vocabulary(served: str, lang: str) -> dict[str, str]:
    """The words for whom the business serves (``people``: kunder), as the document uses them."""
    forms = content()["vocabulary"]["organisation.served"]
    words: dict[str, str] = tr(forms.get(served, next(iter(forms.values()))), lang)
    return {**words, **{k[:1].upper() + k[1:]: v[:1].upper() + v[1:] for k, v in words.items()}}


def role_place(rid: str, col: str, served: str, lang: str) -> str:
    """A roles field as the step shows it: ``O2 Godkendelse af opslag · Kontakt``."""
    header = tr(content()["roles"]["header"], lang)
    words = _vocabulary(served, lang)
    area = str(tr(content()["roles"]["areas"][rid], lang))
    area = _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), area)
    column = header[1 + RolesTable.COLUMNS.index(col)] if col in RolesTable.COLUMNS else ""
    return f"{rid} {area}" + (f" · {column}" if column else "")
