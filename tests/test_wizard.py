"""The wizard driven as a person would: keyboard, steps, review, export, drafts."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from textual import events
from textual.geometry import Region
from textual.widgets import Input, OptionList, Static, TextArea

from somewizard import drafts
from somewizard.app import SomeWizardApp
from somewizard.cli import main
from somewizard.commands import commands_for
from somewizard.screens.dialogs import ExportDialog
from somewizard.screens.modal import ConfirmDialog
from somewizard.screens.start import StartScreen
from somewizard.screens.wizard import Preview
from somewizard.session import STEP_KEYS
from somewizard.ui import steps

from .wizard_helpers import fixed_answers, settle, wizard

SIZE = (100, 30)


async def test_start_screen_then_walk_every_step_with_the_keyboard() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+n")
        screen = wizard(app)
        assert screen.index == 0
        name = app.screen.query_one("#f-organisation-name", Input)
        name.focus()
        await pilot.press("ctrl+u", *"Bageriet Kringlen")
        for expected in range(1, len(steps()) + 1):
            await pilot.press("ctrl+n")
            assert screen.index == expected
        await pilot.press("ctrl+n")  # past the end stays on the review
        assert screen.index == len(steps())
        for expected in reversed(range(len(steps()))):
            await pilot.press("ctrl+b")
            assert screen.index == expected
        assert app.screen.query_one("#f-organisation-name", Input).value == "Bageriet Kringlen"
        assert app.session.answers().organisation.name == "Bageriet Kringlen"
        marks = [str(o.prompt)[0] for o in screen.query_one("#sidebar").options]  # type: ignore[attr-defined]
        assert marks[: len(steps())].count("✓") == len(steps())


async def test_jump_by_key_and_mouse_keeps_answers() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        screen = wizard(app)
        await pilot.press("alt+3")
        assert screen.index == 2
        area = app.screen.query_one("#f-voice-hashtags")
        area.focus()
        await pilot.press("f7")  # the text area's "select all", then type over it
        await pilot.press(*"#Kringlen")
        await pilot.click("#sidebar", offset=(5, 5))  # the 5th row: general rules? any other step
        assert screen.index != 2
        await pilot.press("alt+3")
        assert "#Kringlen" in app.session.answers().voice.hashtags


async def test_inline_validation_warns_and_does_not_block() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        name = app.screen.query_one("#f-organisation-name", Input)
        name.focus()
        name.value = ""
        await pilot.pause()
        row = name.parent
        message = row.query_one(".field-message", Static)  # type: ignore[union-attr]
        assert "-error" in message.classes and str(message.render()).strip()
        await pilot.press("ctrl+n")  # moving on is allowed
        assert wizard(app).index == 1
        marks = [str(o.prompt)[0] for o in wizard(app).query_one("#sidebar").options]  # type: ignore[attr-defined]
        assert marks[0] == "!"
        await pilot.press("ctrl+e")  # export is not: the name is missing
        assert not isinstance(app.screen, ExportDialog)


async def test_review_shows_checklist_and_preview() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", f"alt+{len(steps()) + 1}")
        await pilot.pause()
        checklist = str(app.screen.query_one("#checklist", Static).render())
        assert checklist.startswith("29 af 29 punkter er dækket")  # the guide's 24 + T1-T5
        assert checklist.count("✓") == 29
        preview = app.screen.query_one("#preview", Preview)
        assert preview.source.startswith("# SoMe-politik")
        shown = preview.render_lines(Region(0, 0, preview.size.width, preview.size.height))
        text = "\n".join(line.text for line in shown)
        assert "SoMe-politik" in text and "Formål" in text
        assert "#" not in text.splitlines()[0]  # drawn as Markdown, not shown as source


async def test_keyboard_export_equals_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = fixed_answers(tmp_path)
    assert main(["export", "--answers", str(answers), "-o", "cli.docx"]) == 0
    app = SomeWizardApp(answers_file=answers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        wizard(app)
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+u", *"tui.docx", "enter")
        await settle(app, pilot)
    cli_text = [p.text for p in docx.Document(str(tmp_path / "cli.docx")).paragraphs]
    tui_text = [p.text for p in docx.Document(str(tmp_path / "tui.docx")).paragraphs]
    assert tui_text == cli_text


@pytest.mark.parametrize("step", [0, 2])
async def test_typing_goes_into_the_first_field_when_the_wizard_opens(
    step: int, tmp_path: Path
) -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        if step:
            app.show(STEP_KEYS[step])
        else:
            await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Salon Lys")
        await pilot.pause()
        answers = app.session.answers()
        if step == 0:
            assert answers.organisation.name == "Salon Lys"
        else:  # a text area: Ctrl+U clears only the line before the cursor
            assert "Salon Lys" in answers.voice.description


async def test_fast_path_from_launch_to_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        keys = ["enter", "down", "enter", "ctrl+e", "enter"]  # pick the first industry, export
        await pilot.press(*keys)
        await settle(app, pilot)
    assert len(keys) <= 6
    word = docx.Document(str(tmp_path / "SoMe-politik.docx"))
    assert word.paragraphs[0].text == "SoMe-politik"
    assert app.session.names["industry"] is not None


async def test_overwrite_asks_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SoMe-politik.docx").write_text("old")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the safe answer has the focus: "no"
        await settle(app, pilot)
        assert (tmp_path / "SoMe-politik.docx").read_text() == "old"


async def test_autosave_and_resume() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        app.screen.query_one("#f-organisation-name", Input).focus()
        await pilot.press("ctrl+u", *"Autosave ApS")
        await pilot.pause(0.8)
        await settle(app, pilot)
    saved = yaml.safe_load(drafts.draft_path().read_text(encoding="utf-8"))
    assert saved["organisation"]["name"] == "Autosave ApS"

    again = SomeWizardApp()
    async with again.run_test(size=SIZE) as pilot:
        assert isinstance(again.screen, StartScreen)
        assert not again.screen.query_one("#start-resume").disabled
        await pilot.click("#start-resume")
        await settle(again, pilot)
        assert again.screen.query_one("#f-organisation-name", Input).value == "Autosave ApS"


async def test_corrupt_draft_is_kept_and_reported() -> None:
    drafts.draft_path().parent.mkdir(parents=True, exist_ok=True)
    drafts.draft_path().write_text("organisation: [broken\n", encoding="utf-8")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start-resume")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)
        assert any("corrupt" in str(n.message) for n in app._notifications)
    kept = list(drafts.data_dir().glob("draft.corrupt-*.yaml"))
    assert len(kept) == 1 and "broken" in kept[0].read_text()


async def test_quit_with_unsaved_changes_asks() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        app.screen.query_one("#f-organisation-name", Input).focus()
        await pilot.press("x")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_language_switch_keeps_answers() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        app.screen.query_one("#f-organisation-name", Input).focus()
        await pilot.press("ctrl+u", *"Kringlen")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.session.language == "en"
        assert app.screen.query_one("#f-organisation-name", Input).value == "Kringlen"
        assert "Organisation" in str(app.screen.query_one("#step-title").render())
        assert app.session.answers().language == "en"


async def test_save_as_writes_an_answers_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        app.screen.query_one("#f-organisation-name", Input).focus()
        await pilot.press("ctrl+u", *"Gemt ApS", "ctrl+s")
        await pilot.press("ctrl+u", *"mine.yaml", "enter")
        await settle(app, pilot)
        assert not app.session.dirty
    assert main(["check", str(tmp_path / "mine.yaml")]) == 0
    assert (
        yaml.safe_load((tmp_path / "mine.yaml").read_text())["organisation"]["name"] == "Gemt ApS"
    )


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 12), (20, 8)])
async def test_small_terminals_do_not_crash(size: tuple[int, int]) -> None:
    app = SomeWizardApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+n")
        for _ in range(len(steps()) + 1):
            await pilot.press("ctrl+n")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert app.is_running


async def test_showing_values_is_not_typing_them() -> None:
    """Only what the user types lands on top; untouched answers follow language and presets."""
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        for i in range(2, len(steps()) + 2):
            await pilot.press(f"alt+{i}")
        await pilot.pause()
        assert app.session.typed == {}
        assert not app.session.dirty
        danish_role = app.session.answers().roles["O5"].role
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.session.answers().roles["O5"].role != danish_role
        assert app.session.typed == {}
        await pilot.press("ctrl+q")  # nothing typed: quits without asking
        await pilot.pause()
    assert not app.is_running


async def test_save_and_quit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+u", *"Quit ApS", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # "save and quit": asks where, then saves and quits
        await pilot.pause()
        await pilot.press("ctrl+u", *"last.yaml", "enter")
        await settle(app, pilot)
    assert not app.is_running
    assert (
        yaml.safe_load((tmp_path / "last.yaml").read_text())["organisation"]["name"] == "Quit ApS"
    )


async def test_command_palette_offers_every_action() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        titles = [c[0] for c in commands_for(app, app.screen)]
        for action in ("next", "back", "export", "save", "save_as", "open", "language", "quit"):
            from somewizard.ui import t

            assert t(f"actions.{action}.label", "da") in titles
        assert sum(1 for title in titles if title.startswith("Gå til trin")) == len(steps()) + 1
        await pilot.press("ctrl+p")
        await pilot.press(*"Eksportér")
        await pilot.pause(0.5)
        from textual.command import CommandList

        hits = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        index = next(i for i, hit in enumerate(hits) if hit.startswith("Eksportér"))
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)


async def test_version_history_is_edited_as_rows() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "alt+7")
        editor = app.screen.query_one("#f-appendix-history")
        editor.focus()
        await pilot.press(*"0.9", "tab", *"2026-05-01", "tab", *"Udkast")
        await pilot.pause()
        history = app.session.answers().appendix.history
        assert [(c.version, str(c.date), c.change) for c in history] == [
            ("0.9", "2026-05-01", "Udkast")
        ]


def _footer_labels(app: SomeWizardApp) -> list[str]:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return [str(getattr(key, "description", "")) for key in footer.children]


async def test_the_keys_speak_the_chosen_language_and_each_fires_once() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        labels = _footer_labels(app)
        assert labels[:4] == ["Næste", "Tilbage", "Gå til trin", "Eksportér"], labels
        assert "Afslut" in labels and "Quit" not in labels
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        labels = _footer_labels(app)
        assert labels[:4] == ["Next", "Back", "Go to step", "Export"], labels
        assert "Næste" not in labels
        # one binding per language, but a key still does its work once
        before = wizard(app).index
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert wizard(app).index == before + 1
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.session.language == "da"
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        assert wizard(app).index == before


def test_no_private_textual_internals() -> None:
    source = Path(__file__).parent.parent / "somewizard"
    private = re.compile(r"\._bindings\b|key_to_bindings|_bindings_ready|textual\.[\w.]*\._\w")
    for path in sorted(source.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not private.search(line), f"{path.name}:{n}: {line.strip()}"


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("1. marts 2027", "da"), ("01-03-2027", "da"), ("1.3.2027", "da"), ("1 March 2027", "en")],
)
async def test_dates_are_taken_as_an_owner_writes_them(typed: str, lang: str) -> None:
    import datetime as dt

    app = SomeWizardApp(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        field = app.screen.query_one("#f-organisation-effective_date", Input)
        assert field.placeholder == ("fx 1. marts 2027" if lang == "da" else "e.g. 1 March 2027")
        field.focus()
        await pilot.press(*typed)
        await settle(app, pilot)
        assert app.session.answers().organisation.effective_date == dt.date(2027, 3, 1)
        message = field.parent.query_one(".field-message", Static)  # type: ignore[union-attr]
        assert "-error" not in message.classes
        await pilot.press("ctrl+u", *"31. februar 2027")
        await settle(app, pilot)
        assert "-error" in message.classes
        assert ("ikke en dato" if lang == "da" else "not a date") in str(message.render())


async def test_the_review_says_in_words_what_is_covered_and_what_the_figures_mean() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", f"alt+{len(steps()) + 1}")
        await pilot.pause()
        checklist = str(app.screen.query_one("#checklist", Static).render())
        assert "✓ Hvem håndterer kritik og kriser? (O1)" in checklist
        assert "✓ Hvem beslutter i en krise? (T3)" in checklist
        assert "LIX er ord pr. sætning plus andelen af lange ord" in checklist
        assert re.search(r"Længde: \d\.\d{3} ord \(mål: højst 2\.300\)", checklist)
        assert re.search(r"Forbud: \d+ % af reglernes sætninger", checklist)
        assert not re.search(r"✓ P1 +✓ P2", checklist)  # no row of bare codes
        assert app.screen.query_one("#no-blockers", Static).display


async def test_the_review_lists_what_blocks_the_export_and_jumps_to_it() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        name = app.screen.query_one("#f-organisation-name", Input)
        name.value = ""
        await settle(app, pilot)
        await pilot.press(f"alt+{len(steps()) + 1}")
        await pilot.pause()
        blockers = app.screen.query_one("#blockers", OptionList)
        assert blockers.display and blockers.option_count == 1
        line = str(blockers.get_option_at_index(0).prompt)
        assert line.startswith("Trin 1 Organisation og omfang · Navn på virksomhed eller forening:")
        assert "organisation.name" not in line
        await settle(app, pilot)
        assert app.focused is blockers  # the keyboard starts on what to fix
        assert blockers.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert wizard(app).index == 0
        assert wizard(app).focused is name  # the cursor lands in the field to fix


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_the_review_takes_the_cursor_so_the_keys_scroll_it(size: tuple[int, int]) -> None:
    """With nothing to fix, the review itself has the cursor after a step key: Page Down and
    the arrows scroll it, Tab goes to its first button. (Found in tmux at 80x24: nothing had
    the cursor there, so Page Down did nothing and the review could only be read with a
    mouse.)"""
    app = SomeWizardApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await pilot.press(f"f{len(steps()) + 2}")
        await settle(app, pilot)
        review = app.screen.query_one("#step-review")
        assert app.focused is review and review.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert review.scroll_y > 0
        await pilot.press("down")
        await pilot.pause()
        assert review.scroll_y > review.size.height - 1
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "review-export"


ROLES_BUT_O3 = """\
language: {lang}
organisation: {{name: Kringlen ApS, effective_date: 2027-01-01}}
roles:
""" + "".join(
    f"  {rid}: {{{{person: Mette Bøgholm, contact: mette@kringlen.dk, deputy: Jens Hansen}}}}\n"
    for rid in ("O1", "O2", "O4", "O5", "O6")
)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_review_names_the_roles_the_policy_shows_as_blanks(
    tmp_path: Path, lang: str
) -> None:
    """An area with no person shows »[navn]« in the handed-out policy: the review says which
    and where to fill it in; once filled, the line goes and the Word file has no blanks."""
    path = tmp_path / "svar.yaml"
    path.write_text(ROLES_BUT_O3.format(lang=lang), encoding="utf-8")
    app = SomeWizardApp(answers_file=path)
    blank = "[navn]" if lang == "da" else "[name]"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(f"f{len(steps()) + 2}")
        await settle(app, pilot)
        text = str(app.screen.query_one("#checklist", Static).render())
        warned = [line for line in text.splitlines() if blank in line]
        assert len(warned) == 1, text
        area = "Spørgsmål fra kunder" if lang == "da" else "Questions from customers"
        assert area in warned[0] and ("trin 5" in warned[0] or "step 5" in warned[0])
        assert "Kritik og kriser" not in warned[0] and "Criticism" not in warned[0]
        main(["export", "--answers", str(path), "-o", str(tmp_path / "a.docx")])
        cells = [c.text for t in docx.Document(str(tmp_path / "a.docx")).tables for c in t._cells]
        assert blank in cells

        await pilot.press("f6")
        await settle(app, pilot)
        typed = {"person": "Sofie Lind", "contact": "+45 20 30 40 50", "deputy": "Ali Khan"}
        for part, value in typed.items():
            app.screen.query_one(f"#f-roles-O3-{part}", Input).focus()
            await pilot.pause()
            await pilot.press(*value)
        await settle(app, pilot)
        assert app.session.answers().roles["O3"].deputy == "Ali Khan"
        await pilot.press(f"f{len(steps()) + 2}")
        await settle(app, pilot)
        text = str(app.screen.query_one("#checklist", Static).render())
        assert blank not in text, text


async def test_the_review_opens_at_the_top() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        last = f"alt+{len(steps()) + 1}"
        await pilot.press("ctrl+n", last)
        await pilot.pause()
        review = app.screen.query_one("#step-review")
        review.scroll_end(animate=False)
        await pilot.pause()
        assert review.scroll_y > 0
        await pilot.press("alt+1", last)
        await pilot.pause()
        assert review.scroll_y == 0


async def test_f1_and_question_mark_show_every_key_in_the_users_language() -> None:
    from somewizard.screens.dialogs import HelpDialog

    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        name = app.screen.query_one("#f-organisation-name", Input)
        assert app.focused is name
        await pilot.press("f1")  # also from inside a text field
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        shown = app.screen.query_one("#help-keys", Static)
        keys = "\n".join(line.text for line in shown.render_lines(shown.region.reset_offset))
        assert "Ctrl+N" in keys and "Gå videre til næste trin" in keys
        assert "Ctrl+E" in keys and "F2-F9" in keys and "Ctrl+P" in keys
        assert "next" not in keys and "@da" not in keys  # no internal names
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is name
        await pilot.press("question_mark")  # in a text field, ? is a character
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog) and name.value.endswith("?")
        app.screen.query_one("#sidebar").focus()
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_help_line_that_wraps_goes_on_under_its_own_start(lang: str) -> None:
    """At 80x24 the longer descriptions wrap: the rest of a line stays in the description's
    column, so the keys' column reads as a list of keys."""
    from somewizard.screens.dialogs import HelpDialog

    app = SomeWizardApp()
    async with app.run_test(size=(80, 24)) as pilot:
        if lang == "en":
            await pilot.press("ctrl+l")
            await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        shown = app.screen.query_one("#help-keys", Static)
        lines = [line.text.rstrip() for line in shown.render_lines(shown.region.reset_offset)]
        lines = [line for line in lines if line.strip()]
        start = lines[0].index("Gå videre" if lang == "da" else "Go on")
        rows = [line for line in lines if not line[0].isspace()]
        wrapped = [line for line in lines if line[0].isspace()]
        assert len(rows) == len(app.screen.keys) and wrapped, lines
        assert all(len(line) - len(line.lstrip()) == start for line in wrapped), lines


async def test_function_keys_jump_to_steps_without_typing_and_enter_moves_on() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        name = app.screen.query_one("#f-organisation-name", Input)
        before = name.value
        await pilot.press("enter")  # Enter in a one-line field: the next field
        await pilot.pause()
        assert app.focused is not name and app.focused is not None
        name.focus()
        await pilot.press("f3")
        await pilot.pause()
        assert wizard(app).index == 1 and name.value == before
        await pilot.press("f9")
        await pilot.pause()
        assert wizard(app).index == len(steps())  # the review


async def test_a_question_that_replaces_a_file_defaults_to_no_and_arrows_move() -> None:
    from textual.widgets import Button

    from somewizard.screens.modal import ConfirmDialog

    app = SomeWizardApp()
    chosen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.ask("export", ["yes", "no"], chosen.append, default="no", path="politik.docx")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        focused = app.focused
        assert isinstance(focused, Button) and focused.id == "choice-no"
        await pilot.press("left")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "choice-yes"
        await pilot.press("right")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "choice-no"
        await pilot.press("enter")
        await pilot.pause()
        assert chosen == ["no"] and not isinstance(app.screen, ConfirmDialog)


def _type_at_once(app: SomeWizardApp, *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before the app has done anything."""
    for key in keys:
        character = key if len(key) == 1 else {"space": " ", "tab": "\t", "enter": "\r"}.get(key)
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)


@pytest.mark.parametrize("key", ["ctrl+s", "ctrl+q", "ctrl+l", "ctrl+e", "ctrl+o"])
async def test_letters_typed_just_before_an_app_key_are_in_what_it_acts_on(
    tmp_path: Path, key: str
) -> None:
    """The app's keys run when the app reads them, the letters typed just before still
    queued in the field: in a burst, Ctrl+S saved the file without them, Ctrl+Q quit
    without asking and Ctrl+L rebuilt the screen, losing them. Now each waits for them."""
    path = fixed_answers(tmp_path)
    app = SomeWizardApp(answers_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        name = app.screen.query_one("#f-organisation-name", Input)
        name.focus()
        await pilot.press("end")
        await settle(app, pilot)
        _type_at_once(app, "space", *"Bager", key)
        await settle(app, pilot)
        assert app.session.answers().organisation.name == "Kringlen ApS Bager"
        if key == "ctrl+s":
            assert "name: Kringlen ApS Bager" in path.read_text(encoding="utf-8")
        elif key in ("ctrl+q", "ctrl+o"):  # unsaved changes: it asks first
            assert isinstance(app.screen, ConfirmDialog)
        elif key == "ctrl+e":
            assert isinstance(app.screen, ExportDialog)
        else:
            assert app.session.language == "en"
            shown = app.screen.query_one("#f-organisation-name", Input)
            assert shown.value == "Kringlen ApS Bager"


@pytest.mark.parametrize("field", ["#f-rules-confidential", "#f-roles-O1-person"])
async def test_ctrl_s_typed_fast_after_a_text_area_or_a_role_saves_what_was_typed(
    tmp_path: Path, field: str
) -> None:
    """The same for a multi-line field and for a role's field, whose changes pass up
    through more containers before they reach the answers."""
    path = fixed_answers(tmp_path)
    app = SomeWizardApp(answers_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f5" if "rules" in field else "f6")
        await settle(app, pilot)
        app.screen.query_one(field).focus()
        await pilot.press("end")
        await settle(app, pilot)
        _type_at_once(app, *"Zebra", "ctrl+s")
        await settle(app, pilot)
        saved = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "rules" in field:
            assert saved["rules"]["confidential"][0].endswith("Zebra")  # the first line's end
        else:
            assert saved["roles"]["O1"]["person"] == "Zebra"


async def test_what_is_typed_while_the_wizard_is_built_lands_in_its_first_field() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # "?" is the help key outside a text field: typed into the name it is a character.
        _type_at_once(app, "ctrl+n", *"Cykelsmeden", "space", *"Ærø?")
        await settle(app, pilot)
        screen = wizard(app)
        assert screen.focused is not None and screen.focused.id == "f-organisation-name"
        assert app.screen.query_one("#f-organisation-name", Input).value == "Cykelsmeden Ærø?"


async def test_keys_typed_while_the_language_changes_are_kept_in_order() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        _type_at_once(app, "ctrl+l", *"Bo", "ctrl+n")
        await settle(app, pilot)
        screen = wizard(app)
        assert screen.session.language == "en"
        assert screen.session.answers().organisation.name == "Bo"
        assert screen.index == 1  # ctrl+n, typed last, went on after the name


async def test_held_keys_are_let_go_if_the_new_screen_never_gets_ready(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio

    from somewizard import filework

    monkeypatch.setattr(filework, "HOLD_KEYS_AT_MOST", 0.3)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.with_progress(lambda: None)  # builds nothing, so nothing says it is ready
        await pilot.pause()
        _type_at_once(app, "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)  # held
        await asyncio.sleep(0.5)
        await settle(app, pilot)
        assert not isinstance(app.screen, StartScreen)  # let go: Ctrl+N began the wizard


def highlighted_lines(sidebar: OptionList) -> set[int]:
    """The lines of the list of steps drawn with the highlight, as they are on screen now.

    ``render_lines`` gives what the screen paints, lines kept from earlier paints
    included, so a line that kept an old highlight shows here."""
    colour = sidebar.get_component_rich_style("option-list--option-highlighted").bgcolor
    width = sidebar.size.width
    return {
        y
        for y in range(sidebar.option_count)
        if any(
            seg.text.strip() and seg.style is not None and seg.style.bgcolor == colour
            for seg in sidebar.render_lines(Region(0, y, width, 1))[0]
        )
    }


async def test_the_highlight_in_the_list_of_steps_follows_every_step_change(
    tmp_path: Path,
) -> None:
    """Moving between steps repaints only the two lines of the list that change; the old
    step's line must lose its highlight all the same (also once every mark is settled,
    when no prompt is replaced and nothing else repaints the list)."""
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        sidebar = screen.query_one("#sidebar", OptionList)
        last = len(screen.keys()) - 1
        walk = [*range(1, last + 1), *range(last - 1, -1, -1), 3, 1, 2, 5, 4]
        for index in walk:
            screen.goto(index)
            await settle(app, pilot)
            assert highlighted_lines(sidebar) == {index}, screen.keys()[index]


@pytest.mark.parametrize("jump", ["f6", "alt+5"])
async def test_what_is_typed_fast_after_tab_enter_or_a_step_key_lands_in_the_next_field(
    jump: str,
) -> None:
    """Tab, Enter and the step keys move the cursor before the next key is read, so letters
    typed straight after them go into the field the cursor went to."""
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        screen = wizard(app)
        # The cursor selects a field's text on arriving, so typing replaces it.
        _type_at_once(app, jump, *"Ejer", "tab", *"Mette", "enter", *"mette@aero.dk")
        _type_at_once(app, "tab", *"Jens", "shift+tab", "shift+tab", *"Mette B.")
        await settle(app, pilot)
        assert screen.keys()[screen.index] == "roles"
        role = app.session.answers().roles["O1"]
        assert (role.role, role.person, role.contact, role.deputy) == (
            "Ejer",
            "Mette B.",
            "mette@aero.dk",
            "Jens",
        )


async def test_a_fields_own_editing_keys_keep_their_place_among_letters_typed_fast() -> None:
    """Backspace, Home and End typed in a burst act where they were typed, in a one-line
    field and in a text area (Textual runs them once the key has reached the app, after
    the letters behind them; Textualize/textual#6605)."""
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        screen = wizard(app)
        name = screen.focused
        assert isinstance(name, Input) and name.id == "f-organisation-name"
        _type_at_once(app, *"Cykelsmedx", "backspace", *"en Ærø", "home", *"Den ", "end", *" ApS")
        await settle(app, pilot)
        assert name.value == "Den Cykelsmeden Ærø ApS"
        assert app.session.answers().organisation.name == "Den Cykelsmeden Ærø ApS"

        await pilot.press("f4")
        await settle(app, pilot)
        area = screen.focused
        assert isinstance(area, TextArea), area
        before = area.text
        _type_at_once(app, "home", *"Vix", "backspace", "space")
        await settle(app, pilot)
        assert area.text == "Vi " + before


async def test_editing_keys_typed_fast_stay_in_their_field_when_a_step_key_follows() -> None:
    """A Backspace still queued in one field when a step key or Tab after it has moved the
    cursor on acts in the field it was typed in, not in the next one."""
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        _type_at_once(app, *"Cykelsmeden Aps", "backspace", "S", "f6", *"Ejer", "tab")
        _type_at_once(app, *"Mettx", "backspace", *"e H", "backspace", "f2")
        await settle(app, pilot)
        answers = app.session.answers()
        assert answers.organisation.name == "Cykelsmeden ApS"
        role = answers.roles["O1"]
        assert (role.role, role.person) == ("Ejer", "Mette ")
        assert wizard(app).index == 0
