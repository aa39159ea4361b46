"""The export and open dialogs as an owner uses them, and the settings the wizard remembers."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from textual.widgets import Checkbox, Input, OptionList, RadioButton, Static

from somewizard import settings
from somewizard.app import SomeWizardApp
from somewizard.screens.dialogs import ExportDialog, OpenDialog
from somewizard.screens.modal import ConfirmDialog

from .wizard_helpers import fixed_answers, settle, wizard

SIZE = (100, 30)


async def open_export(app: SomeWizardApp, pilot: object) -> ExportDialog:
    await settle(app, pilot)
    wizard(app)
    await pilot.press("ctrl+e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def pressed(dialog: ExportDialog) -> str:
    return next(b.id or "" for b in dialog.query(RadioButton) if b.value).removeprefix("fmt-")


def error_text(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-error", Static).render())


async def test_a_typed_ending_chooses_the_format_and_the_file_is_that_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        assert pressed(dialog) == "docx"
        await pilot.press("ctrl+u", *"politik.md")
        await pilot.pause()
        assert pressed(dialog) == "md"
        await pilot.press("enter")
        await settle(app, pilot)
    text = (tmp_path / "politik.md").read_text(encoding="utf-8")
    assert text.startswith("# SoMe-politik")  # Markdown, not a Word file under a .md name


async def test_choosing_a_format_changes_the_ending(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        dialog.query_one("#fmt-html", RadioButton).value = True
        await pilot.pause()
        assert dialog.query_one("#export-path", Input).value == "SoMe-politik.html"


async def test_a_name_without_an_ending_gets_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_export(app, pilot)
        await pilot.press("ctrl+u", *"politik.v2", "enter")
        await settle(app, pilot)
    assert zipfile.is_zipfile(tmp_path / "politik.v2.docx")
    assert not (tmp_path / "politik.v2").exists()


async def test_no_to_replacing_goes_back_to_the_name_and_yes_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "politik.docx"
    old.write_bytes(b"the old one")
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        await pilot.press("ctrl+u", *"politik.docx", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # "Nej" has the focus
        await pilot.pause()
        assert app.screen_stack[-1] is dialog  # back at the name, with the text as typed
        path = dialog.query_one("#export-path", Input)
        assert path.has_focus and path.value == "politik.docx"
        assert old.read_bytes() == b"the old one"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#choice-yes")
        await settle(app, pilot)
    assert zipfile.is_zipfile(old)


async def test_a_missing_folder_keeps_the_dialog_open_with_the_text(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        typed = str(tmp_path / "ingen-mappe" / "politik.docx")
        await pilot.press("ctrl+u", *typed, "enter")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#export-path", Input).value == typed
        message = error_text(dialog)
        assert "Mappen" in message and "ingen-mappe" in message and "findes ikke" in message
        await pilot.press("ctrl+u", *str(tmp_path), "enter")  # a folder, not a file name
        await pilot.pause()
        assert app.screen is dialog and "er en mappe" in error_text(dialog)
        dialog.query_one("#fmt-md", RadioButton).value = True
        dialog.query_one("#export-template", Input).value = str(tmp_path / "skabelon.docx")
        await pilot.press("ctrl+u", *str(tmp_path / "p.md"), "enter")
        await pilot.pause()
        assert app.screen is dialog and "kun til Word og PDF" in error_text(dialog)


async def test_a_failed_write_opens_the_dialog_again_with_what_was_typed(tmp_path: Path) -> None:
    bad = tmp_path / "skabelon.docx"
    bad.write_text("not a Word file", encoding="utf-8")
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        dialog.query_one("#export-template", Input).value = str(bad)
        out = str(tmp_path / "politik.docx")
        dialog.query_one("#export-path", Input).value = out
        await pilot.click("#do-export")
        await settle(app, pilot)
        again = app.screen
        assert isinstance(again, ExportDialog) and again is not dialog
        assert again.query_one("#export-path", Input).value == out
        assert again.query_one("#export-template", Input).value == str(bad)
        assert error_text(again).startswith("Filen blev ikke skrevet")
    assert not Path(out).exists()


async def test_the_last_folder_and_format_are_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ud").mkdir()
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_export(app, pilot)
        await pilot.press("ctrl+u", *"ud/politik.html", "enter")
        await settle(app, pilot)
    assert (tmp_path / "ud" / "politik.html").is_file()
    saved = json.loads(settings.path().read_text(encoding="utf-8"))
    assert saved["export_format"] == "html"
    assert Path(saved["export_folder"]) == (tmp_path / "ud").resolve()
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        shown = Path(dialog.query_one("#export-path", Input).value)
        assert shown.name == "SoMe-politik.html" and shown.parent.name == "ud"
        assert pressed(dialog) == "html"


async def test_page_numbers_are_offered_for_word_only_when_libreoffice_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/soffice")
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        box = dialog.query_one("#export-pages", Checkbox)
        assert box.display and box.value  # on by default
        dialog.query_one("#fmt-md", RadioButton).value = True
        await pilot.pause()
        assert not box.display
    monkeypatch.setattr(shutil, "which", lambda name: None)
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(app, pilot)
        assert not dialog.query_one("#export-pages", Checkbox).display


@pytest.mark.page_numbers
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
async def test_the_wizard_writes_page_numbers_in_the_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_export(app, pilot)
        await pilot.press("ctrl+u", *"sider.docx", "enter")
        await app.workers.wait_for_complete()
        await settle(app, pilot)
    toc = [p.text for p in docx.Document(str(tmp_path / "sider.docx")).paragraphs]
    toc = [line for line in toc if "\t" in line]
    assert len(toc) >= 10 and all(line.rsplit("\t", 1)[1].isdigit() for line in toc)


# --- open: the folder's answers files ----------------------------------------------------------


async def test_open_lists_the_folders_answers_files_newest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.chdir(tmp_path)
    old = fixed_answers(tmp_path)
    new = tmp_path / "cafe.yml"
    new.write_text("language: en\norganisation:\n  name: Café Ø\n", encoding="utf-8")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    (tmp_path / "other.yaml").write_text("services:\n  web: {}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("language: da\n", encoding="utf-8")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, OpenDialog)
        listing = dialog.query_one("#open-files", OptionList)
        names = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert [n.split()[-1] for n in names] == ["cafe.yml", old.name]
        assert listing.has_focus
        await pilot.press("enter")
        await settle(app, pilot)
    assert app.session.answers().organisation.name == "Café Ø"


async def test_open_takes_a_typed_path_and_a_typed_folder_lists_it(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    inside = fixed_answers(tmp_path / "sub")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, OpenDialog)
        dialog.query_one("#path", Input).focus()
        await pilot.press(*str(tmp_path / "sub"), "enter")
        await settle(app, pilot)
        assert dialog.files == [inside]
        dialog.query_one("#path", Input).focus()
        await pilot.press(*str(inside), "enter")
        await settle(app, pilot)
    assert app.session.answers().organisation.name == "Kringlen ApS"


async def test_an_empty_folder_says_to_type_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        none = str(app.screen.query_one("#open-none", Static).render())
        assert "Ingen gemte svar" in none and str(tmp_path.resolve()) in none
        assert app.screen.query_one("#path", Input).has_focus


# --- settings ------------------------------------------------------------------------------------


async def test_language_and_theme_are_remembered_for_the_next_run() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        app.theme = "nord"
        await settle(app, pilot)
    saved = json.loads(settings.path().read_text(encoding="utf-8"))
    assert saved["language"] == "en" and saved["theme"] == "nord"
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.session.language == "en" and app.theme == "nord"


@pytest.mark.parametrize(
    "text",
    [
        "not json {",
        '["a list"]',
        '{"language": "fr", "theme": 7, "export_format": "exe", "page_numbers": "ja"}',
        "\udcff".encode("utf-8", "surrogateescape").decode("latin-1"),
    ],
)
async def test_a_broken_settings_file_gives_the_defaults(text: str) -> None:
    path = settings.path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="latin-1")
    assert settings.load() == settings.Settings()
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.session.language == "da"


def test_settings_are_not_written_over_a_folder_and_a_failure_is_quiet() -> None:
    path = settings.path()
    path.mkdir(parents=True)
    assert settings.save(settings.Settings(language="en")) is False
    assert path.is_dir() and settings.load() == settings.Settings()
