"""What a Python user expects of the package: python -m, help, metadata, a screenshot folder."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from somewizard import __version__
from somewizard.cli import parser

from .conftest import CliResult


def test_python_dash_m_is_the_command() -> None:
    for args in (["--version"], ["presets", "--lang", "en"]):
        module = subprocess.run(
            [sys.executable, "-m", "somewizard", *args], capture_output=True, text=True
        )
        assert module.returncode == 0, module.stderr
        assert module.stdout.strip()
    version = subprocess.run(
        [sys.executable, "-m", "somewizard", "--version"], capture_output=True, text=True
    )
    assert version.stdout.strip() == f"somewizard {__version__}"


def test_every_subcommand_says_what_it_does(cli) -> None:  # type: ignore[no-untyped-def]
    import argparse

    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    commands = list(sub.choices)
    assert set(commands) == {
        "wizard",
        "export",
        "presets",
        "check",
        "serve",
        "diff",
        "signatures",
        "version",
    }
    for name in commands:
        result: CliResult = cli(name, "--help")
        code, out, _ = result
        assert code == 0
        usage, _, rest = out.partition("\n\n")
        description = rest.split("\n\n")[0]
        assert description and not description.startswith(("positional", "options")), name
        assert len(description.split()) >= 8, (name, description)


def test_the_main_help_names_the_environment_and_the_exit_codes(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("--help")
    assert code == 0
    for word in ("SOMEWIZARD_DATA_DIR", "SOMEWIZARD_CONFIG_DIR", "exit codes", " 2 ", "130"):
        assert word in out, word
    for name in ("wizard", "export", "presets", "check"):
        assert name in out


def test_the_distribution_has_a_licence_and_says_what_it_is() -> None:
    meta = metadata.metadata("somewizard")
    assert "MIT" in (meta["License-Expression"] or meta["License"] or "")
    classifiers = meta.get_all("Classifier") or []
    assert "Natural Language :: Danish" in classifiers
    assert any(c.startswith("Programming Language :: Python :: 3.1") for c in classifiers)
    assert "SoMe-politik" in (meta["Keywords"] or "")
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").exists():
        assert "MIT License" in (root / "LICENSE").read_text(encoding="utf-8")
        assert (root / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")


def test_the_compiled_data_is_not_in_git() -> None:
    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "somewizard/content/compiled"],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout
    assert tracked == ""
    assert "somewizard/content/compiled/" in (root / ".gitignore").read_text()


async def test_a_screenshot_goes_to_a_folder_that_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from somewizard.app import SomeWizardApp

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        app.deliver_screenshot()
        for _ in range(50):
            await pilot.pause(0.05)
            if list(home.glob("*.svg")):
                break
        shots = list(home.glob("*.svg"))
        assert len(shots) == 1 and shots[0].read_text().startswith("<svg")
        await pilot.pause(0.2)
        assert any(str(home) in str(n.message) for n in app._notifications)
