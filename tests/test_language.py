"""Everything the user reads is in the chosen language, Textual's own words included.

The palette's system commands, placeholder and "no matches" line, the footer's keys, the
Ctrl+C notice, the keys help, the problems with a file the wizard opens, the note after a
change of language and the comment at the top of a saved file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.command import CommandInput, CommandList
from textual.widgets import Select, TextArea

from somewizard import session as session_module
from somewizard.app import SomeWizardApp
from somewizard.screens.dialogs import HelpDialog

from .conftest import CliResult, write
from .wizard_helpers import settle

SIZE = (100, 30)
ENGLISH = re.compile(
    r"not found|\bfile\b|director|unknown|\bkey\b|expected|did you mean|binary|not valid|"
    r"\bcheck\b|organisation\.",
    re.I,
)
"""Words of the command line's English (and a dotted answer path) a Danish toast must not hold."""


def _toasts(app: SomeWizardApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _titles(app: SomeWizardApp) -> list[str]:
    return [str(o.prompt).split("\n")[0] for o in app.screen.query_one(CommandList).options]


async def _palette(app: SomeWizardApp, pilot: Any) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause(0.6)
    return _titles(app)


# --- the command palette -------------------------------------------------------------------


async def test_the_palette_speaks_danish_its_system_commands_too() -> None:
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        app.screen.query_one("#f-voice-description", TextArea).focus()  # one that maximizes
        titles = await _palette(app, pilot)
        assert {"Farvetema", "Taster", "Skærmbillede", "Maksimér"} <= set(titles), titles
        for english in ("Theme", "Keys", "Quit", "Screenshot", "Maximize"):
            assert english not in titles
        assert titles.count("Afslut") == 1  # Textual's Quit was the same action
        assert app.screen.query_one(CommandInput).placeholder == "Søg efter en handling…"
        await pilot.press(*"zzqqxx")
        await pilot.pause(1.0)
        lines = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert any("Ingen handlinger passer" in line for line in lines), lines
        assert not any("No matches" in line for line in lines)


async def test_the_palette_speaks_english_and_keys_opens_the_wizards_help() -> None:
    app = SomeWizardApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        titles = await _palette(app, pilot)
        assert {"Theme", "Keys", "Screenshot"} <= set(titles) and "Farvetema" not in titles
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
        await pilot.press(*"Keys")
        await pilot.pause(0.6)
        index = _titles(app).index("Keys")
        await pilot.press(*["down"] * index, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpDialog)  # not Textual's keys panel
        assert not app.screen.query("HelpPanel")


async def test_the_themes_palette_and_the_keys_panel_action_speak_danish() -> None:
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        app.action_change_theme()
        await pilot.pause(0.3)
        assert app.screen.query_one(CommandInput).placeholder == "Søg efter et farvetema…"
        await pilot.press("escape")
        await pilot.pause()
        app.action_show_help_panel()
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog) and app.screen.lang == "da"


# --- the footer, the header and the notices ----------------------------------------------------


def _footer(app: SomeWizardApp) -> list[str]:
    from textual.widgets import Footer

    return [str(getattr(k, "description", "")) for k in app.screen.query_one(Footer).children]


async def test_textuals_own_keys_in_the_footer_and_the_header_speak_danish() -> None:
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert "søg" in _footer(app) and "palette" not in _footer(app)
        assert [i.tooltip for i in app.screen.query("HeaderIcon")] == ["Søg blandt alle handlinger"]
        app.screen.query(Select).first().focus()
        await pilot.press("enter")  # the drop-down opens; its Esc is in the footer
        await settle(app, pilot)
        assert "Luk listen" in _footer(app) and "Dismiss menu" not in _footer(app)
        await pilot.press("escape", "ctrl+l")
        await settle(app, pilot)
        assert "palette" in _footer(app)
        assert [i.tooltip for i in app.screen.query("HeaderIcon")] == ["Open the command palette"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("da", "Tryk Ctrl+Q for at afslutte guiden."), ("en", "Press Ctrl+Q to quit the app.")],
)
async def test_ctrl_c_says_which_key_quits(lang: str, said: str) -> None:
    app = SomeWizardApp(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        app.screen.query_one("#sidebar").focus()  # not a text field, where Ctrl+C copies
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert said in _toasts(app)
        assert app.is_running


async def test_a_screenshot_is_announced_in_danish(tmp_path: Path) -> None:
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        app.deliver_screenshot(path=str(tmp_path))
        for _ in range(20):
            await pilot.pause(0.1)
            if app._notifications:
                break
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1 and saved[0].name.startswith("SoMe-politik ")
        assert _toasts(app) == [f"Skærmbilledet er gemt i {saved[0]}"]
        assert [n.title for n in app._notifications] == ["Skærmbillede"]


# --- problems with a file the wizard opens -----------------------------------------------------


def _bad_file(tmp_path: Path, case: str) -> Path:
    if case == "missing":
        return tmp_path / "væk.yaml"
    if case == "folder":
        folder = tmp_path / "mappe.yaml"
        folder.mkdir()
        return folder
    if case == "unknown key":
        return write(tmp_path / "stavefejl.yaml", "language: da\norganisation:\n  nmae: Kringlen\n")
    if case == "not yaml":
        return write(tmp_path / "ødelagt.yaml", "organisation: [Kringlen\n  name: x\n")
    picture = tmp_path / "billede.yaml"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return picture


SAID = {
    "missing": ("filen findes ikke", "the file does not exist"),
    "folder": ("det er en mappe", "this is a folder"),
    "unknown key": ("»nmae« kendes ikke. Mente du »name«", "'nmae' is not known. Did you mean"),
    "not yaml": ("ikke gyldig YAML", "cannot read the file as answers"),
    "binary": ("ikke en svarfil", "not an answers file"),
}


async def _open(app: SomeWizardApp, pilot: Any, path: Path) -> list[str]:
    await pilot.press("ctrl+n")
    await settle(app, pilot)
    app.clear_notifications()
    app.open_file(path)
    await settle(app, pilot)
    return _toasts(app)


@pytest.mark.parametrize("case", list(SAID))
async def test_a_file_that_does_not_open_is_said_in_danish(tmp_path: Path, case: str) -> None:
    path = _bad_file(tmp_path, case)
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        toasts = await _open(app, pilot, path)
        assert len(toasts) == 1, toasts
        (toast,) = toasts
        assert str(path) in toast and SAID[case][0] in toast, toast
        assert not ENGLISH.search(toast.replace(str(path), "")), toast
        assert app.is_running


@pytest.mark.parametrize("case", list(SAID))
async def test_a_file_that_does_not_open_is_said_in_english(tmp_path: Path, case: str) -> None:
    path = _bad_file(tmp_path, case)
    app = SomeWizardApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        (toast,) = await _open(app, pilot, path)
        assert str(path) in toast and SAID[case][1] in toast, toast
        assert "organisation." not in toast and "filen" not in toast


async def test_a_wrong_value_names_the_field_by_its_label_and_step(tmp_path: Path) -> None:
    path = write(tmp_path / "svar.yaml", "rules:\n  confidential: {a: b}\n")
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        (toast,) = await _open(app, pilot, path)
        assert toast == (
            f"{path}:2: »Det deler vi ikke« i trin 4 Generelle regler: "
            "skal være en liste, ikke en gruppe af svar"
        )


async def test_the_open_dialog_says_a_missing_file_in_danish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        await pilot.press("ctrl+u", *"findes-ikke.yaml", "enter")
        await settle(app, pilot)
        assert any(t.startswith("findes-ikke.yaml: filen findes ikke") for t in _toasts(app)), (
            _toasts(app)
        )


async def test_a_broken_draft_is_kept_and_said_in_danish() -> None:
    from somewizard import drafts

    drafts.draft_path().parent.mkdir(parents=True, exist_ok=True)
    drafts.draft_path().write_text("organisation: [broken\n", encoding="utf-8")
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start-resume")
        await settle(app, pilot)
        (toast,) = _toasts(app)
        (kept,) = drafts.data_dir().glob("draft.corrupt-*.yaml")
        assert toast.endswith(f"Udkastet er gemt som {kept.name}") and "ikke gyldig YAML" in toast
        assert not ENGLISH.search(toast.replace(str(drafts.draft_path()), "")), toast


def test_the_command_line_speaks_the_language_asked_for(cli: Any, tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", "organisation:\n  nmae: X\n")
    code, _, err = cli("export", "--answers", "bad.yaml", "--lang", "da", "-o", "p.md")
    assert code == 2
    assert err == (
        "somewizard: fejl: bad.yaml:2: »nmae« kendes ikke. "
        "Mente du »name« (»Navn på virksomhed eller forening«)?\n"
    )
    result: CliResult = cli("export", "--answers", "bad.yaml", "-o", "p.md")
    assert result[2] == (
        "somewizard: error: bad.yaml:2: organisation.nmae: unknown key (did you mean 'name'?)\n"
    )
    code, out, _ = cli("export", "--lang", "da", "--format", "md", "-o", "p.md")
    assert code == 0 and out.startswith("Skrev p.md")


# --- a change of language ----------------------------------------------------------------------


async def test_a_change_of_language_says_when_typed_lists_stay_as_written() -> None:
    app = SomeWizardApp(lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        app.screen.query_one("#f-organisation-name").focus()
        await pilot.press(*"Kringlen")  # a name: nothing to translate
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert not any("not translated" in t for t in _toasts(app)), _toasts(app)
        await pilot.press("alt+4")
        await settle(app, pilot)
        area = app.screen.query_one("#f-rules-confidential", TextArea)
        area.text = "Kundernes priser\nLønninger"
        await settle(app, pilot)
        await pilot.press("ctrl+l")  # to Danish: the lists were typed in English mode
        await settle(app, pilot)
        assert app.session.language == "da"
        said = [t for t in _toasts(app) if "ikke oversat" in t]
        assert said == [
            "Dine egne tekster er ikke oversat: »Det deler vi ikke«. "
            "Ret dem selv, hvis hele politikken skal være på dansk."
        ]
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert any(
            t.startswith("Text you typed is not translated: 'What we don't share'")
            for t in _toasts(app)
        )


def test_what_stays_untranslated_is_what_the_user_wrote_as_text() -> None:
    session = session_module.Session(language="da")
    assert session.untranslated() == []
    session.set_answer("organisation.name", "Kringlen")
    session.set_answer("rules.confidential", [])
    assert session.untranslated() == []
    session.set_answer("voice.description", "Vi er søde")
    session.opened = {
        "goals": {"own": ["Flere kunder"]},
        "voice": {"emoji": {"da": "a", "en": "b"}},
    }
    assert session.untranslated() == ["goals.own", "voice.description"]


# --- the file the wizard writes ----------------------------------------------------------------


HEADS = {
    "da": (
        "# somewizard-svar: sproget",
        "# somewizard-udkast, gemt automatisk. Det er også en svarfil.",
    ),
    "en": (
        "# somewizard answers: the language",
        "# somewizard draft, saved automatically. It is also an answers file.",
    ),
}


async def test_a_saved_file_starts_in_its_language_and_opens_in_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for lang, other in (("da", "en"), ("en", "da")):
        await _save_and_open(tmp_path, lang, other)


async def _save_and_open(tmp_path: Path, lang: str, other: str) -> None:
    import shutil

    from somewizard import drafts

    shutil.rmtree(drafts.data_dir(), ignore_errors=True)  # no draft to ask about
    first, draft_head = HEADS[lang]
    app = SomeWizardApp(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        app.screen.query_one("#f-organisation-name").focus()
        await pilot.press(*"Kringlen")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("enter")  # the name offered: somewizard-svar.yaml / -answers.yaml
        await settle(app, pilot)
    name = "somewizard-svar.yaml" if lang == "da" else "somewizard-answers.yaml"
    text = (tmp_path / name).read_text("utf-8")
    assert text.startswith(first), text[:200]
    assert yaml.safe_load(text)["organisation"] == {"name": "Kringlen"}
    draft = session_module.Session(language=lang).dumps(draft=True)
    assert draft.splitlines()[0] == draft_head
    again = SomeWizardApp(lang=other)
    async with again.run_test(size=SIZE) as pilot:
        again.open_file(tmp_path / name)
        await settle(again, pilot)
        assert again.session.answers().organisation.name == "Kringlen"
        assert again.session.language == lang  # the file's own language


async def test_a_choice_the_file_left_open_asks_in_danish(tmp_path: Path) -> None:
    path = write(tmp_path / "svar.yaml", "organisation:\n  size: '5'\n")
    app = SomeWizardApp(answers_file=path, lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        size = app.screen.query_one("#f-organisation-size", Select)
        assert size.value is Select.NULL
        assert "Vælg" in str(size.query_one("SelectCurrent Static").render())
