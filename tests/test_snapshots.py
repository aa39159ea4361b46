"""How each screen looks, at 100x30, in Danish and English (pytest-textual-snapshot)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from somewizard.app import SomeWizardApp
from somewizard.ui import steps

from .wizard_helpers import fixed_answers, settle

SIZE = (100, 30)
STEPS = [s.key for s in steps()] + ["review"]


async def _still(pilot: Pilot[Any]) -> None:
    """Stop cursors blinking and clear toasts, so the picture is the same every time."""
    pilot.app.clear_notifications()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_start_screen(snap_compare: Any, lang: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _still(pilot)

    assert snap_compare(SomeWizardApp(lang=lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("step", STEPS)
def test_step(snap_compare: Any, tmp_path: Path, lang: str, step: str) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        await pilot.press(f"alt+{STEPS.index(step) + 1}")
        await settle(app, pilot)
        await _still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_export_dialog(
    snap_compare: Any, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/soffice")  # page numbers shown
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        await _still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_help_dialog(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        await pilot.press("f1")
        await settle(app, pilot)
        await _still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_open_dialog(
    snap_compare: Any, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    for i, name in enumerate(["cykelsmeden.yaml", "cafe-answers.yml", "fixed-da.yaml"]):
        (tmp_path / name).write_text(f"language: {lang}\n", encoding="utf-8")
        os.utime(tmp_path / name, (1_790_000_000 + i * 3600, 1_790_000_000 + i * 3600))
    app = SomeWizardApp(lang=lang)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        await _still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# --- the roles table and the version history, at 80x24 ------------------------------------

EDITORS = """\
language: {lang}
organisation:
  name: Aerofietsen Cykler ApS
  effective_date: 2027-01-01
roles:
  O1:
    role: Marketingchef
    person: Mette Bøgholm Andersen
    contact: mette.bogholm@aerofietsen-cykler.dk
    deputy: Jens Kristian Holm
  O2: {{person: Jens Kristian Holm, contact: "22 33 4"}}
appendix:
  history:
    - {{version: "0.9", date: 2026-11-15, change: Udkast til ledelsen}}
    - {{version: "1.0", date: "31. februar 2027", change: Godkendt}}
"""


def _editors_app(tmp_path: Path, lang: str) -> SomeWizardApp:
    """Long names and an e-mail address in the roles, two versions (one with no real date)."""
    path = tmp_path / f"editors-{lang}.yaml"
    path.write_text(EDITORS.format(lang=lang), encoding="utf-8")
    return SomeWizardApp(answers_file=path)


def _editors_at_80x24(
    snap_compare: Any,
    tmp_path: Path,
    lang: str,
    step: str,
    then: Callable[[Pilot[Any]], Awaitable[None]] | None = None,
) -> bool:
    """The editors' answers at a step at 80x24, after ``then`` (the picture compared)."""
    app = _editors_app(tmp_path, lang)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        await pilot.press(f"alt+{STEPS.index(step) + 1}")
        await settle(app, pilot)
        if then is not None:
            await then(pilot)
            await settle(app, pilot)
        await _still(pilot)

    return bool(snap_compare(app, terminal_size=(80, 24), run_before=run_before))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_roles_step_at_80x24(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert _editors_at_80x24(snap_compare, tmp_path, lang, "roles")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_history_field_at_80x24(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    async def to_history(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one(".field-history").scroll_visible(animate=False, top=True)

    assert _editors_at_80x24(snap_compare, tmp_path, lang, "implementation", to_history)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_history_remove_question_at_80x24(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    """✕ on a version row with text asks first; the answer that keeps the row has the cursor."""

    async def remove(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query(".history-remove").first().focus()
        await pilot.press("enter")

    assert _editors_at_80x24(snap_compare, tmp_path, lang, "implementation", remove)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_change_presets_dialog(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    """Changing the industry later: what the new choice changes, and what stays."""
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))

    async def run_before(pilot: Pilot[Any]) -> None:
        from somewizard.widgets.choice import Choice

        await settle(app, pilot)
        pilot.app.screen.action_presets()  # type: ignore[attr-defined]
        await settle(app, pilot)
        choice = pilot.app.screen.query_one("#industry", Choice)
        choice.index = [o.value for o in choice.options].index("health")
        choice.refresh()
        choice.post_message(Choice.Changed(choice, "health"))
        await settle(app, pilot)
        await _still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_wizard_below_80_columns(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    """At 60x20 the list of steps folds away and the footer keeps the main keys."""
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        await _still(pilot)

    assert snap_compare(app, terminal_size=(60, 20), run_before=run_before)
