"""The start screen's choices and actions, driven by keyboard and mouse."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from somewizard import drafts
from somewizard.app import SomeWizardApp
from somewizard.presets import find
from somewizard.screens.picker import PickerScreen
from somewizard.screens.start import StartScreen
from somewizard.widgets.choice import Choice

from .wizard_helpers import settle, wizard

SIZE = (100, 30)


def shown(choice: Choice) -> str:
    """The text a choice shows: label, chosen option and its help line."""
    lines = choice.render_lines(choice.region.reset_offset)
    return "\n".join(line.text for line in lines)


async def test_arrows_step_through_the_options() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        industry = app.screen.query_one("#industry", Choice)
        assert app.focused is industry
        assert app.session.names["industry"] is None
        await pilot.press("right")
        first = industry.options[1]
        assert app.session.names["industry"] == first.value
        assert (
            app.session.presets["industry"] is not None
            and app.session.presets["industry"].name == first.value
        )
        assert first.title in shown(industry)
        assert first.help.split()[0] in shown(industry)
        await pilot.press("left")
        assert app.session.names["industry"] is None
        await pilot.press("left")  # wraps round to the last one
        assert app.session.names["industry"] == industry.options[-1].value


async def test_enter_opens_the_list_and_escape_keeps_the_choice() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")  # the tone
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("down", "down", "escape")
        assert isinstance(app.screen, StartScreen)
        assert app.session.names["tone"] is None
        await pilot.press("enter", "down", "down", "enter")
        tone = app.screen.query_one("#tone", Choice)
        assert app.session.names["tone"] == tone.options[2].value
        assert app.focused is tone
        assert (
            app.session.answers().voice.description
            == find("tone", tone.value).layer["voice"]["description"]["da"]
        )


async def test_a_click_opens_the_list() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tone")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("down", "enter")
        assert app.session.names["tone"] == app.screen.query_one("#tone", Choice).options[1].value


async def test_the_language_choice_rebuilds_the_screen_in_english() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")  # an industry first: it must survive the switch
        chosen = app.session.names["industry"]
        await pilot.press("tab", "tab", "right")
        await settle(app, pilot)
        assert app.session.language == "en"
        assert "Create your social media policy" in str(
            app.screen.query_one("#start-intro").render()
        )
        language = app.screen.query_one("#language", Choice)
        assert app.focused is language and language.value == "en"
        assert app.screen.query_one("#industry", Choice).value == chosen
        assert app.session.answers().language == "en"


@pytest.mark.parametrize("on", ["industry", "tone", "start-begin"])
async def test_ctrl_l_keeps_the_cursor_where_it_was(on: str) -> None:
    """Ctrl+L on the start screen: the next Enter does what it would have done in the other
    language (found in tmux: the cursor jumped to the language list, and Enter then Down
    chose Danish again instead of opening the industries)."""
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(f"#{on}").focus()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.session.language == "en"
        assert "Create your social media policy" in str(
            app.screen.query_one("#start-intro").render()
        )
        assert app.focused is not None and app.focused.id == on
        await pilot.press("enter")
        await settle(app, pilot)
        if on == "start-begin":
            assert wizard(app).index == 0
        else:
            assert isinstance(app.screen, PickerScreen)
        assert app.session.language == "en"


async def test_actions_start_and_open() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query("#start-resume")  # no draft, so no resume action
        await pilot.click("#start-open")
        assert type(app.screen).__name__ == "OpenDialog"
        await pilot.press("escape")
        app.screen.query_one("#start-begin").focus()
        await pilot.press("enter")
        assert wizard(app).index == 0


def save_draft(text: str) -> None:
    """Put a draft in the data folder, as an earlier run of the wizard would have."""
    drafts.draft_path().parent.mkdir(parents=True, exist_ok=True)
    drafts.draft_path().write_text(text, encoding="utf-8")


@pytest.mark.parametrize("key", ["enter", "space"])
async def test_resume_is_offered_when_a_draft_exists(key: str, tmp_path: Path) -> None:
    save_draft("language: da\norganisation: {name: Kladde ApS}\n")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        assert "Kladde" not in app.session.answers().organisation.name
        app.screen.query_one("#start-resume").focus()
        await pilot.press(key)
        await settle(app, pilot)
        assert app.session.answers().organisation.name == "Kladde ApS"
        assert wizard(app).index == 0


async def test_the_draft_is_read_off_the_ui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    save_draft("language: en\norganisation: {name: Thread Ltd}\n")
    readers: list[threading.Thread] = []
    plain = drafts.load

    def load_draft(*args: Any) -> Any:
        readers.append(threading.current_thread())
        return plain(*args)

    monkeypatch.setattr(drafts, "load", load_draft)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#start-resume").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.session.answers().organisation.name == "Thread Ltd"
        assert app.session.language == "en" and wizard(app).index == 0
    assert readers and threading.main_thread() not in readers
