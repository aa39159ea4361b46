"""Changing the industry or the tone from the wizard: what changes is shown first, and what
the user typed stays."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, Switch

from somewizard.app import SomeWizardApp
from somewizard.screens.change import PresetDialog
from somewizard.widgets.choice import Choice

from .wizard_helpers import fixed_answers, settle, wizard

SIZE = (100, 30)


async def choose(dialog: PresetDialog, kind: str, name: str, pilot: object) -> None:
    choice = dialog.query_one(f"#{kind}", Choice)
    choice.post_message(Choice.Changed(choice, name))
    await pilot.pause()  # type: ignore[attr-defined]


def effect(dialog: PresetDialog) -> str:
    return str(dialog.query_one("#presets-effect", Static).render())


async def test_step_one_changes_the_industry_and_keeps_what_was_typed(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        assert "Branche: Intet forslag" in str(screen.query_one("#presets-now", Static).render())
        field = screen.query_one("#f-organisation-industry", Input)
        field.focus()
        field.value = "Cykelværksted"
        await settle(app, pilot)
        assert not app.session.answers().rules.secrecy
        await pilot.click("#change-presets")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PresetDialog)
        assert "Vælg en anden branche" in effect(dialog)
        await choose(dialog, "industry", "health", pilot)
        text = effect(dialog)
        assert text.startswith("Det ændres (")
        changed = text.split("\n\n")[0]
        assert "Regler for svar på kritik" in changed and "mere" in changed
        assert "Branche" not in changed  # typed by the user, so it does not change
        assert "Dine egne svar beholdes (1): Branche" in text
        await pilot.click("#apply")
        await settle(app, pilot)
        screen = wizard(app)
        assert app.session.names["industry"] == "health"
        answers = app.session.answers()
        assert answers.organisation.industry == "Cykelværksted"  # typed: kept
        assert answers.rules.secrecy  # the industry's rule: now on
        assert screen.query_one("#f-organisation-industry", Input).value == "Cykelværksted"
        assert "Sundhed og omsorg" in str(screen.query_one("#presets-now", Static).render())
        screen.goto(3)
        await settle(app, pilot)
        assert screen.query_one("#f-rules-secrecy", Switch).value


async def test_the_palette_changes_the_tone_and_cancel_changes_nothing(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, "en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        wizard(app).goto(2)
        await settle(app, pilot)
        before = app.session.answers()
        await pilot.press("ctrl+p")
        await pilot.press(*"change industry")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, PresetDialog)
        await choose(dialog, "tone", "fun", pilot)
        assert effect(dialog).startswith("This changes (")
        await pilot.click("#cancel")
        await settle(app, pilot)
        assert app.session.answers() == before and app.session.names["tone"] is None
        wizard(app).action_presets()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PresetDialog)
        await choose(dialog, "tone", "fun", pilot)
        await pilot.click("#apply")
        await settle(app, pilot)
        assert wizard(app).index == 2  # still on the step the user was on
        assert app.session.names["tone"] == "fun"
        assert app.session.answers().voice != before.voice
