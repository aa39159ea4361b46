"""Whatever is saved loads: random edits, invalid ones too, through save and load.

Hypothesis picks fields and what to type into them (hashtags with spaces, dates that are not
dates, an empty company name, months out of range, e-mail addresses cut short). The edits
are typed into the wizard; its answers are saved as the wizard saves them, opened in a new
wizard, and every field must show the same text, every step the same mark, and the
export the same document.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from textual.widgets import Input, OptionList, Select, Switch, TextArea

from somewizard.app import SomeWizardApp
from somewizard.dates import parse_date
from somewizard.export import render_bytes
from somewizard.session import Session, loads
from somewizard.ui import FieldSpec, steps
from somewizard.validate import parse
from somewizard.widgets.fields import field_id
from somewizard.widgets.history import PARTS, HistoryEditor

from .wizard_helpers import settle

FIELDS = [
    f
    for s in steps()
    for f in s.fields
    if f.kind in ("text", "long", "list", "date", "number", "history")
]
HISTORY = next(f for f in FIELDS if f.kind == "history")
SIZE = (100, 30)
DATE_IDS = {field_id(f.path) for f in FIELDS if f.kind == "date"}

words = st.text(
    alphabet=st.sampled_from(list("abcæøå ÆØÅ#@.-|0123456789\n")), min_size=0, max_size=30
)
dates = st.sampled_from(
    ["2026-03-01", "2026-13-45", "næste mandag", "", "9999-12-31", "01-02-2026", "1. marts 2027"]
)
numbers = st.sampled_from(["12", "0", "61", "1", "60", "999"])
hashtags = st.sampled_from(["#Cykler", "to ord", "#Ærø", "#", "#a#b", "#ok\nikke ok"])
histories = st.sampled_from(
    ["1.0 | 2026-01-01 | Første", "1.0 | 2026-02-30 | Forkert dato", "2.0 || uden dato", ""]
)


@st.composite
def edits(draw: Any) -> list[tuple[FieldSpec, str]]:
    chosen = draw(
        st.lists(st.sampled_from(FIELDS), min_size=1, max_size=6, unique_by=lambda f: f.path)
    )
    out = []
    for spec in chosen:
        if spec.kind == "date":
            text = draw(dates)
        elif spec.kind == "number":
            text = draw(numbers)
        elif spec.kind == "history":
            text = draw(histories)
        elif spec.path == "voice.hashtags":
            text = draw(hashtags)
        elif spec.path == "organisation.contact":
            text = draw(
                st.sampled_from(["anna@cykel", "anna@cykel.dk", "22 33 44", "", "Spørg Anna"])
            )
        else:
            text = draw(words)
        out.append((spec, text))
    return out


def _apply(session: Session, changes: list[tuple[FieldSpec, str]], lang: str) -> None:
    """What the wizard does with typed text: parse it, keep what can be kept."""
    for spec, text in changes:
        checked = parse(spec, text, lang)
        if checked.value is not None:
            session.set_answer(spec.path, checked.value)


def _screen_values(app: SomeWizardApp) -> dict[str, Any]:
    """What every field of the wizard shows, and every step's mark."""
    shown: dict[str, Any] = {}
    for editor in app.screen.query(HistoryEditor):
        # a row per version: empty rows are not kept, a date is kept as a date
        shown[str(editor.id)] = [
            (v.strip(), str(parse_date(d) or d.strip()), c.strip())
            for v, d, c in (row.texts for row in editor.rows)
            if (v + d + c).strip()
        ]
    for widget in app.screen.query("Input, TextArea, Switch, Select"):
        if widget.id and widget.id.startswith("f-"):
            if isinstance(widget, TextArea) and widget.has_class("list"):
                # one item per line: blank lines and spaces around an item are not kept
                lines = [
                    "|".join(p.strip() for p in line.split("|"))
                    for line in widget.text.splitlines()
                ]
                shown[widget.id] = [line for line in lines if line]
            elif isinstance(widget, TextArea):
                shown[widget.id] = widget.text
            elif isinstance(widget, Input) and widget.id in DATE_IDS:
                # a date is kept as a date, whichever way it was written (1.2.2026, ISO)
                shown[widget.id] = parse_date(widget.value) or widget.value
            elif isinstance(widget, (Input, Switch, Select)):
                shown[widget.id] = widget.value
    sidebar = app.screen.query_one("#sidebar", OptionList)
    shown["marks"] = [
        str(sidebar.get_option_at_index(i).prompt)[0] for i in range(sidebar.option_count)
    ]
    return shown


async def _type_and_reopen(changes: list[tuple[FieldSpec, str]], folder: Path) -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        for spec, text in changes:
            widget = app.screen.query_one(f"#{field_id(spec.path)}")
            if isinstance(widget, HistoryEditor):
                # the histories are one version each, written "version | date | change"
                row = widget.rows[0]
                parts = [*text.split("|"), "", ""][:3]
                for part, typed in zip(PARTS, parts, strict=True):
                    row.query_one(f".history-{part}", Input).value = typed
            elif isinstance(widget, TextArea):
                widget.text = text
            else:
                assert isinstance(widget, Input)
                widget.value = text.replace("\n", " ")
            await pilot.pause()
        await settle(app, pilot)
        before = _screen_values(app)
        session = app.session
        saved = folder / "svar.yaml"
        saved.write_text(session.dumps(), encoding="utf-8")
        exported = render_bytes(session.answers(), "md")
        problems = [(p.path, p.code) for p in session.problems()]

    again = SomeWizardApp(answers_file=saved)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        after = _screen_values(again)
        differ = {k: (before.get(k), after.get(k)) for k in after if after.get(k) != before.get(k)}
        assert set(differ) <= {"marks"}, (changes, differ)
        # marks: the opened file counts no step as visited yet; problems show all the same
        assert [m == "!" for m in after["marks"]] == [m == "!" for m in before["marks"]], (
            changes,
            before["marks"],
            after["marks"],
        )
        assert render_bytes(again.session.answers(), "md") == exported
        assert [(p.path, p.code) for p in again.session.problems()] == problems


@settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],  # shrinking whole wizard runs takes minutes
)
@given(changes=edits())
@example(changes=[(HISTORY, "1.0 | 2026-02-30 | Forkert dato")])
@example(changes=[(HISTORY, "2.0 || uden dato")])
def test_random_edits_in_the_wizard_survive_save_and_open(
    changes: list[tuple[FieldSpec, str]],
) -> None:
    with tempfile.TemporaryDirectory(prefix="somewizard-rt-") as tmp:
        before = os.environ["SOMEWIZARD_DATA_DIR"]
        os.environ["SOMEWIZARD_DATA_DIR"] = str(Path(tmp) / "data")  # a data folder per example
        try:
            asyncio.run(_type_and_reopen(changes, Path(tmp)))
        finally:
            os.environ["SOMEWIZARD_DATA_DIR"] = before


@settings(max_examples=150, deadline=None, database=None)
@given(changes=edits(), lang=st.sampled_from(["da", "en"]), draft=st.booleans())
def test_random_edits_survive_the_saved_text(
    changes: list[tuple[FieldSpec, str]], lang: str, draft: bool
) -> None:
    session = Session(language=lang)
    _apply(session, changes, lang)
    session.go("voice")
    again = loads(session.dumps(draft=draft))
    for spec in FIELDS:
        assert again.value(spec.path) == session.value(spec.path), spec.path
    assert again.field_errors() == session.field_errors()
    assert again.answers() == session.answers()
    assert render_bytes(again.answers(), "md") == render_bytes(session.answers(), "md")
    assert again.step == ("voice" if draft else "organisation")
