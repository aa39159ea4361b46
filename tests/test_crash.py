"""Crash safety: SIGKILL loses at most the field being edited; bad files never stop the wizard."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from somewizard import drafts
from somewizard.app import SomeWizardApp
from somewizard.screens.start import StartScreen

from .conftest import write


def test_sigkill_loses_at_most_the_field_being_edited() -> None:
    driver = Path(__file__).with_name("kill_driver.py")
    proc = subprocess.Popen(
        [sys.executable, str(driver)], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "TYPING"
        time.sleep(1.5)  # keep typing in the second field for a while
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    draft = yaml.safe_load(drafts.draft_path().read_text(encoding="utf-8"))
    assert draft["organisation"]["name"] == "Kill ApS"
    assert list(drafts.data_dir().glob("*.tmp")) == []  # no half-written files left


async def test_bad_answers_file_is_reported_and_the_wizard_runs(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "organisation:\n  nmae: X\n")
    app = SomeWizardApp(answers_file=bad)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        messages = [str(n.message) for n in app._notifications]
        name = "»name« (»Navn på virksomhed eller forening«)"
        assert f"{bad}:2: »nmae« kendes ikke. Mente du {name}?" in messages
        await pilot.press("ctrl+n")
        assert app.is_running
