"""The command line: export, check, presets, and one-line errors with exit code 2."""

from __future__ import annotations

import gc
import io
import re
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

import docx
import pytest
import yaml

from somewizard import __version__
from somewizard import cli as cli_module
from somewizard.answers import load_answers

from .conftest import CliResult, write

Cli = Callable[..., CliResult]


def test_version_and_help(cli: Cli) -> None:
    code, out, _ = cli("--version")
    assert (code, out.strip()) == (0, f"somewizard {__version__}")
    code, out, _ = cli("--help")
    assert code == 0 and "export" in out and "presets" in out and "check" in out


def test_export_defaults_to_a_complete_docx(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("export", "-o", "policy.docx")
    assert code == 0, err
    word = docx.Document(str(tmp_path / "policy.docx"))
    assert word.paragraphs[0].text == "SoMe-politik"
    assert len(word.tables) == 3  # roles, sources, version history
    assert "policy.docx" in out


def test_export_markdown_in_english(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("export", "--lang", "en", "--format", "md", "-o", "policy.md")
    assert code == 0, err
    text = (tmp_path / "policy.md").read_text(encoding="utf-8")
    assert text.startswith("# Social media policy: Our company")


def test_yaml_export_feeds_back(cli: Cli, tmp_path: Path) -> None:
    assert (
        cli(
            "export",
            "--industry",
            "retail",
            "--tone",
            "professional",
            "--format",
            "yaml",
            "-o",
            "answers.yaml",
        )[0]
        == 0
    )
    data = yaml.safe_load((tmp_path / "answers.yaml").read_text(encoding="utf-8"))
    data["organisation"]["name"] = "Butik Hansen"
    (tmp_path / "answers.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    assert cli("export", "--answers", "answers.yaml", "-o", "p.md")[0] == 0
    assert "Butik Hansen" in (tmp_path / "p.md").read_text(encoding="utf-8")
    # the file is complete: exporting it alone equals exporting it over presets
    assert load_answers(tmp_path / "answers.yaml").organisation.name == "Butik Hansen"


def test_existing_file_needs_force(cli: Cli, tmp_path: Path) -> None:
    target = write(tmp_path / "p.md", "keep me")
    code, _, err = cli("export", "-o", "p.md")
    assert code == 2 and "--force" in err and err.count("\n") == 1
    assert target.read_text() == "keep me"
    assert cli("export", "-o", "p.md", "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# SoMe-politik")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_check_accepts_good_files(cli: Cli, tmp_path: Path) -> None:
    cli("export", "--format", "yaml", "-o", "a.yaml")
    code, out, _ = cli("check", "a.yaml")
    assert code == 0 and "ok" in out
    preset = Path(__file__).parent.parent / "presets" / "tones" / "professional.yaml"
    code, out, _ = cli("check", str(preset))
    assert code == 0 and "tone preset 'professional'" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check", "missing.yaml"), "missing.yaml: file not found"),
        (("check", "."), ".: is a directory"),
        (
            ("check", "typo.yaml"),
            "typo.yaml:2: organisation.nmae: unknown key (did you mean 'name'?)",
        ),
        (("check", "broken.yaml"), "broken.yaml:2: not valid YAML"),
        (("check", "empty.yaml"), "empty.yaml: the file is empty"),
        (("export", "--answers", "typo.yaml", "-o", "x.docx"), "typo.yaml:2: organisation.nmae"),
        (("export", "--tone", "grumpy", "-o", "x.docx"), "--tone: no tone preset called 'grumpy'"),
        (("export", "--industry", "retial", "-o", "x.docx"), "did you mean 'retail'?"),
        (("export", "-o", "."), ".: is a directory"),
        (("export", "--lang", "de", "-o", "x.docx"), "invalid choice: 'de'"),
        (("export",), "required: -o/--output"),
    ],
)
def test_errors_are_one_line_exit_2(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    write(tmp_path / "typo.yaml", "organisation:\n  nmae: X\n")
    write(tmp_path / "broken.yaml", "organisation:\n  name: [unclosed\n")
    write(tmp_path / "empty.yaml", "")
    code, out, err = cli(*args)
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_presets_lists_name_kind_description(cli: Cli) -> None:
    code, out, _ = cli("presets")
    assert code == 0
    rows = [line.split(None, 2) for line in out.splitlines()]
    assert ["retail", "industry"] in [r[:2] for r in rows]
    assert ["professional", "tone"] in [r[:2] for r in rows]
    assert all(len(r) == 3 and r[2] for r in rows)


def test_installed_command_gives_no_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path / "evil.yaml", "x: !!python/object/apply:os.system ['echo hi']\n")
    run = subprocess.run(
        [sys.executable, "-m", "somewizard.cli", "check", str(bad)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert run.stderr.startswith(f"somewizard: error: {bad}:1: ")
    assert "Traceback" not in run.stderr and run.stdout == ""


@pytest.mark.parametrize(("option", "code"), [("--force", 0), ("--no-such-option", 2)])
def test_console_script_exits_with_the_code_of_main(
    option: str, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (script,) = entry_points(group="console_scripts", name="somewizard")
    assert script.load() is cli_module.run
    out = tmp_path / "p.md"
    monkeypatch.setattr(sys, "argv", ["somewizard", "export", "-o", str(out), option])
    try:
        with pytest.raises(SystemExit) as exit_:
            cli_module.run()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert exit_.value.code == code
    assert out.exists() == (code == 0)
    assert frozen > 0 or code == 2  # a usage error exits from argparse, before the freeze


def test_export_writes_valid_docx_bytes(cli: Cli, tmp_path: Path) -> None:
    assert cli("export", "--lang", "en", "-o", "p.docx")[0] == 0
    word = docx.Document(io.BytesIO((tmp_path / "p.docx").read_bytes()))
    assert word.core_properties.language == "en-GB"


def test_user_presets_are_listed_and_broken_ones_reported(cli: Cli, tmp_path: Path) -> None:
    import os

    folder = Path(os.environ["SOMEWIZARD_CONFIG_DIR"]) / "presets" / "industries"
    folder.mkdir(parents=True)
    write(
        folder / "bakery.yaml",
        "preset:\n  kind: industry\n  title: Bageri\n"
        "  description: {da: Til bagerier, en: For bakeries}\nanswers:\n"
        "  organisation: {industry: Bageri}\n",
    )
    write(folder / "broken.yaml", "preset:\n  kind: industry\nanswers:\n  voice: {hashtag: x}\n")
    code, out, err = cli("presets", "--lang", "en")
    assert code == 0
    assert "bakery" in out and "(own) For bakeries" in out
    assert "broken.yaml:4: voice.hashtag: unknown key (did you mean 'hashtags'?)" in err
    code, _, err = cli("export", "--industry", "bakery", "--format", "yaml", "-o", "a.yaml")
    assert code == 0, err
    assert "Bageri" in (tmp_path / "a.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["somewizard-svar.yaml", "Politik.YML", "mappe/svar.yaml"])
def test_an_answers_file_named_first_opens_in_the_wizard(cli: Cli, name: str) -> None:
    """``somewizard svar.yaml``, as owners type it, is ``somewizard wizard svar.yaml``: here,
    with no terminal, it gets the wizard's own message rather than a list of commands."""
    code, _, err = cli(name)
    assert code == 2 and "the wizard needs a terminal" in err and "invalid choice" not in err
    assert cli("wizard", name)[2] == err


def test_an_existing_file_of_another_name_opens_too_and_a_typo_still_lists_commands(
    cli: Cli, tmp_path: Path
) -> None:
    write(tmp_path / "svar.txt", "language: da\n")
    code, _, err = cli("svar.txt")
    assert code == 2 and "the wizard needs a terminal" in err
    code, _, err = cli("exprot")
    assert code == 2 and "invalid choice" in err and "terminal" not in err
    assert len(err.strip().splitlines()) <= 3  # a short usage error, no traceback


def test_every_command_the_help_lists_is_known_as_a_command(cli: Cli) -> None:
    code, out, _ = cli("--help")
    assert code == 0 and "somewizard FILE.yaml" in out
    commands = out.split("positional arguments:")[1].split("options:")[0]
    listed = {line.split()[0] for line in commands.splitlines() if re.match(r" {4}\S", line)}
    assert listed == set(cli_module.COMMANDS)
    for command in cli_module.COMMANDS:
        assert cli(command, "--help")[0] == 0
