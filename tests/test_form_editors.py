"""The roles table and the version history, as a person at an 80x24 terminal uses them."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from textual.widgets import Button, Input, Static

from somewizard.answers import Change
from somewizard.app import SomeWizardApp
from somewizard.screens.modal import ConfirmDialog
from somewizard.screens.wizard import Preview
from somewizard.ui import steps
from somewizard.validate import parse
from somewizard.widgets.history import HistoryEditor

from .wizard_helpers import fixed_answers, settle, wizard

SMALL = (80, 24)
EMAIL = "mette.bogholm@aerofietsen-cykler.dk"
NAME = "Mette Bøgholm Andersen"
ROLES = f"""\
language: da
organisation:
  name: Aerofietsen Cykler ApS
  effective_date: 2027-01-01
roles:
  O1: {{role: Marketingchef, person: {NAME}, contact: {EMAIL}, deputy: Jens Kristian Holm}}
"""
ROLES_STEP = next(i for i, s in enumerate(steps()) if s.key == "roles") + 1
HISTORY_STEP = (
    next(i for i, s in enumerate(steps()) if any(f.kind == "history" for f in s.fields)) + 1
)
REVIEW_STEP = len(steps()) + 1


def screen_lines(app: SomeWizardApp) -> list[str]:
    """The screen as text, a line per row (read from the screenshot Textual exports)."""
    svg = app.export_screenshot()
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    cell = re.compile(
        r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
        r'clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>'
    )
    for x, y, text in cell.findall(svg):
        column, row = round(float(x) / 12.2), int(y)
        for i, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if row < height and column + i < width:
                grid[row][column + i] = char
    return ["".join(line) for line in grid]


def answers_file(tmp_path: Path, text: str = ROLES) -> Path:
    path = tmp_path / "svar.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def history_rows(editor: HistoryEditor) -> list[tuple[str, str, str]]:
    return [row.texts for row in editor.rows]


# --- the roles --------------------------------------------------------------------------


async def test_the_roles_show_a_long_name_and_e_mail_whole_at_80x24(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=answers_file(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press(f"alt+{ROLES_STEP}")
        await settle(app, pilot)
        text = "\n".join(screen_lines(app))
        assert "O1 Kritik og kriser" in text
        for shown in (EMAIL, NAME, "Jens Kristian Holm", "Marketingchef", "Stedfortræder"):
            assert shown in text, shown
        # each field is labelled on its own line, the label before the value
        assert re.search(rf"Kontakt +{re.escape(EMAIL)}", text)


async def test_the_area_named_after_the_people_served_says_whom(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=answers_file(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press(f"alt+{ROLES_STEP}")
        await settle(app, pilot)
        head = app.screen.query_one("#roles-O3-head", Static)
        assert str(head.render()) == "O3 Spørgsmål fra kunder"
        await pilot.press("alt+1")
        await settle(app, pilot)
        from textual.widgets import Select

        app.screen.query_one("#f-organisation-served", Select).value = "patients"
        await settle(app, pilot)
        await pilot.press(f"alt+{ROLES_STEP}")
        await settle(app, pilot)
        assert str(head.render()) == "O3 Spørgsmål fra patienter"


def label_rows(app: SomeWizardApp, rid: str) -> dict[str, int]:
    """The screen row of each label of a role's block."""
    labels = app.screen.query_one(f"#roles-{rid}-labels", Static)
    lines = str(labels.render()).split("\n")
    return {text: labels.region.y + y for y, text in enumerate(lines) if text}


def field_rows(app: SomeWizardApp, rid: str) -> dict[str, int]:
    """The screen row of each field of a role's block, by its label."""
    header = ("Rolle", "Person", "Kontakt", "Stedfortræder")
    cols = ("role", "person", "contact", "deputy")
    return {
        label: app.screen.query_one(f"#f-roles-{rid}-{col}", Input).region.y
        for label, col in zip(header, cols, strict=True)
    }


async def test_typing_in_a_role_changes_the_answer_and_a_bad_contact_is_told_there(
    tmp_path: Path,
) -> None:
    app = SomeWizardApp(answers_file=answers_file(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press(f"alt+{ROLES_STEP}")
        await settle(app, pilot)
        assert app.session.typed == {}  # shown, not typed
        person = app.screen.query_one("#f-roles-O2-person", Input)
        person.focus()
        await pilot.press(*"Jens Kristian Holm", "tab", *"jens@aerofietsen")
        await settle(app, pilot)
        roles = app.session.answers().roles
        assert roles["O2"].person == "Jens Kristian Holm"
        assert roles["O2"].contact == "jens@aerofietsen"
        contact = app.screen.query_one("#f-roles-O2-contact", Input)
        message = app.screen.query_one("#roles-O2-message", Static)
        assert message.display and "ikke hel" in str(message.render())
        assert contact.has_class("-problem")
        # right under its own field, on screen, not far below the six areas
        assert message.region.y == contact.region.y + 1
        # and each label stays beside its own field, the message between them
        assert label_rows(app, "O2") == field_rows(app, "O2")
        assert not app.screen.query_one("#roles-O1-message", Static).display
        await pilot.press(*".dk")
        await settle(app, pilot)
        assert not message.display and not contact.has_class("-problem")
        assert label_rows(app, "O2") == field_rows(app, "O2")
        assert app.session.answers().roles["O2"].contact == "jens@aerofietsen.dk"


async def test_the_preview_shows_a_long_contact_whole_at_100_columns(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=answers_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press(f"alt+{REVIEW_STEP}")
        await settle(app, pilot)
        preview = app.screen.query_one("#preview", Preview)
        width = preview.content_region.width
        assert EMAIL in preview.source  # the Markdown has it; the drawing must not cut it
        console = Console(width=width, file=io.StringIO(), color_system=None)
        console.print(preview.content)
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        found = [i for i, line in enumerate(lines) if EMAIL in line]
        assert found, "\n".join(lines)
        at = found[0]
        # and on the screen: scroll the preview's line with the e-mail into view
        review = app.screen.query_one("#step-review")
        review.scroll_to(y=preview.virtual_region.y + at - 3, animate=False)
        await settle(app, pilot)
        assert any(EMAIL in line for line in screen_lines(app))


@pytest.mark.parametrize("width", [80, 100])
async def test_the_preview_cuts_no_word_of_the_roles_table(tmp_path: Path, width: int) -> None:
    app = SomeWizardApp(answers_file=answers_file(tmp_path))
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press(f"alt+{REVIEW_STEP}")
        await settle(app, pilot)
        preview = app.screen.query_one("#preview", Preview)
        console = Console(width=preview.content_region.width, file=io.StringIO(), color_system=None)
        console.print(preview.content)
        drawn = console.file.getvalue()  # type: ignore[attr-defined]
        for word in (EMAIL, "Marketingchef", "Stedfortræder"):
            assert word in drawn, word


# --- the version history ----------------------------------------------------------------


async def _type_two_versions(app: SomeWizardApp, pilot: object) -> HistoryEditor:
    """Type two versions with Danish dates, adding the second row by keyboard."""
    await pilot.press(f"alt+{HISTORY_STEP}")  # type: ignore[attr-defined]
    await settle(app, pilot)
    editor = app.screen.query_one("#f-appendix-history", HistoryEditor)
    editor.focus()
    await pilot.pause()  # type: ignore[attr-defined]
    keys = [*"1.0", "tab", *"1. marts 2027", "tab", *"Første udgave", "tab", "tab"]
    await pilot.press(*keys)  # type: ignore[attr-defined]
    assert isinstance(app.focused, Button) and app.focused.has_class("history-add")
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.focused is editor.rows[1].query_one(".history-version")
    await pilot.press(*"1.1", "tab", *"1. marts 2027", "tab", *"Nye regler for TikTok")  # type: ignore[attr-defined]
    await settle(app, pilot)
    return editor


async def test_the_history_is_edited_as_rows_with_danish_dates() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+n")
        editor = await _type_two_versions(app, pilot)
        march = dt.date(2027, 3, 1)
        assert app.session.answers().appendix.history == [
            Change("1.0", march, "Første udgave"),
            Change("1.1", march, "Nye regler for TikTok"),
        ]
        date = editor.rows[0].query_one(".history-date", Input)
        assert date.placeholder == "fx 1. marts 2027"
        # Enter at the end of the last row adds a row; an empty row is not an entry
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(editor.rows) == 3 and len(app.session.answers().appendix.history) == 2
        # an empty row's ✕ removes it at once
        editor.rows[2].query_one(".history-remove", Button).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmDialog) and len(editor.rows) == 2
        # remove the first version with the keyboard: its ✕ is the row's last stop, and a
        # row with text goes only when the question is answered yes (found in tmux: text
        # typed one field off ended on the ✕, and Enter there took the row without a word)
        editor.rows[0].query_one(".history-change", Input).focus()
        await pilot.press("tab", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "»1.0 · 1. marts 2027 · Første udgave«" in app.screen.question
        await pilot.press("enter")  # the default keeps it
        await settle(app, pilot)
        assert len(app.session.answers().appendix.history) == 2
        remove = editor.rows[0].query_one(".history-remove", Button)
        assert app.focused is remove
        await pilot.press("enter", "left", "enter")
        await settle(app, pilot)
        assert app.session.answers().appendix.history == [
            Change("1.1", march, "Nye regler for TikTok")
        ]
        assert history_rows(editor)[0] == ("1.1", "1. marts 2027", "Nye regler for TikTok")


async def test_a_version_with_a_bad_date_shows_the_fields_message() -> None:
    app = SomeWizardApp(lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+n", f"alt+{HISTORY_STEP}")
        await settle(app, pilot)
        editor = app.screen.query_one("#f-appendix-history", HistoryEditor)
        editor.focus()
        await pilot.press(*"0.9", "tab", *"31 February 2027", "tab", *"Draft")
        await settle(app, pilot)
        row = editor.parent
        assert row is not None
        message = row.query_one(".field-message", Static)
        assert "-error" in message.classes and "not a date" in str(message.render())
        date = editor.rows[0].query_one(".history-date", Input)
        assert date.has_class("-problem")
        assert not editor.rows[0].query_one(".history-version", Input).has_class("-problem")
        # the date that is none is left out of the answers, kept as typed in what is saved
        assert app.session.answers().appendix.history == [Change("0.9", None, "Draft")]
        assert app.session.typed["appendix"]["history"][0]["date"] == "31 February 2027"
        date.focus()
        await pilot.press("ctrl+u", *"28 February 2027")
        await settle(app, pilot)
        assert "-error" not in message.classes and not date.has_class("-problem")
        assert app.session.answers().appendix.history[0].date == dt.date(2027, 2, 28)


async def test_the_history_is_saved_and_opened_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+n")
        await _type_two_versions(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+u", *"mine.yaml", "enter")
        await settle(app, pilot)
        assert not app.session.dirty
        typed = app.session.answers().appendix.history
    saved = yaml.safe_load((tmp_path / "mine.yaml").read_text(encoding="utf-8"))
    assert [c["version"] for c in saved["appendix"]["history"]] == ["1.0", "1.1"]

    again = SomeWizardApp(answers_file=tmp_path / "mine.yaml")
    async with again.run_test(size=SMALL) as pilot:
        await settle(again, pilot)
        assert again.session.answers().appendix.history == typed
        await pilot.press(f"alt+{HISTORY_STEP}")
        await settle(again, pilot)
        editor = again.screen.query_one("#f-appendix-history", HistoryEditor)
        assert history_rows(editor) == [
            ("1.0", "2027-03-01", "Første udgave"),
            ("1.1", "2027-03-01", "Nye regler for TikTok"),
        ]
        assert again.session.typed == {}  # shown, not typed


def test_the_pipe_text_still_parses() -> None:
    spec = next(f for s in steps() for f in s.fields if f.kind == "history")
    checked = parse(spec, "1.0 | 1. marts 2027 | Første\n\n2.0 || uden dato", "da")
    assert checked.value == [
        {"version": "1.0", "date": dt.date(2027, 3, 1), "change": "Første"},
        {"version": "2.0", "date": None, "change": "uden dato"},
    ]
    rows = [{"version": "1.0", "date": None, "change": "x"}]
    assert parse(spec, rows, "da").value == rows


async def test_a_bad_contact_is_named_by_area_and_the_review_goes_to_that_field(
    tmp_path: Path,
) -> None:
    from textual.widgets import OptionList

    from somewizard.screens.dialogs import ProblemsDialog

    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        screen.goto(4)
        await settle(app, pilot)
        screen.query_one("#f-roles-O2-contact", Input).value = "12 34 56"
        await settle(app, pilot)
        screen.goto(7)
        await settle(app, pilot)
        blockers = screen.query_one("#blockers", OptionList)
        line = str(blockers.get_option_at_index(0).prompt)
        assert "O2 Godkendelse af opslag · Kontakt" in line and "8 cifre" in line
        blockers.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.index == 4 and app.focused is not None
        assert app.focused.id == "f-roles-O2-contact"
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ProblemsDialog)
        listing = dialog.query_one(OptionList)
        assert "O2 Godkendelse af opslag · Kontakt" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.focused is not None and app.focused.id == "f-roles-O2-contact"
