"""Helpers for driving the wizard with Pilot."""

from __future__ import annotations

from pathlib import Path

from somewizard.app import SomeWizardApp
from somewizard.screens.wizard import WizardScreen

FIXED = """\
language: {lang}
organisation:
  name: Kringlen ApS
  effective_date: 2027-01-01
"""


def fixed_answers(tmp_path: Path, lang: str = "da") -> Path:
    """An answers file with a fixed date, so exports and screens do not change by the day."""
    path = tmp_path / f"fixed-{lang}.yaml"
    path.write_text(FIXED.format(lang=lang), encoding="utf-8")
    return path


async def settle(app: SomeWizardApp, pilot: object) -> None:
    """Wait for background workers and pending screen updates."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def wizard(app: SomeWizardApp) -> WizardScreen:
    """The wizard screen (fails when another screen is showing)."""
    screen = app.screen
    assert isinstance(screen, WizardScreen), type(screen)
    return screen
