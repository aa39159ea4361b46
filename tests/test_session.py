"""Never lose a word: the Session, the draft, and what is saved loading again.

Each test is one way an owner's work was lost before; each drives the wizard with Pilot
or the command line, and reads back the files it wrote.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from textual.widgets import Input, OptionList, TextArea

from somewizard import drafts
from somewizard.app import SomeWizardApp
from somewizard.screens.dialogs import (
    DraftsDialog,
    ExportDialog,
    OpenDialog,
    ProblemsDialog,
)
from somewizard.screens.modal import ConfirmDialog
from somewizard.screens.start import StartScreen
from somewizard.session import STEP_KEYS

from .conftest import CliResult, write
from .wizard_helpers import settle, wizard

SIZE = (100, 30)


def draft_text() -> str:
    return drafts.draft_path().read_text(encoding="utf-8")


def draft_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(draft_text())
    return data


def put_draft(text: str, slot: int = 1) -> Path:
    path = drafts.draft_path(slot)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def marks(app: SomeWizardApp) -> list[str]:
    """The sidebar's marks, one per step."""
    sidebar = app.screen.query_one("#sidebar", OptionList)
    return [str(sidebar.get_option_at_index(i).prompt)[0] for i in range(sidebar.option_count)]


def toasts(app: SomeWizardApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def type_into(pilot, app: SomeWizardApp, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = app.screen.query_one(f"#f-{field.replace('.', '-')}")
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        assert isinstance(widget, Input)
        widget.value = text
    await pilot.pause()


async def wait_for_draft(app: SomeWizardApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(0.6)
    await settle(app, pilot)


# --- whatever is saved loads -----------------------------------------------------------------


async def test_a_draft_with_a_broken_hashtag_resumes_with_its_error() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_into(pilot, app, "organisation.name", "Cykelsmeden Ærø")
        await pilot.press("alt+3")
        await type_into(pilot, app, "voice.hashtags", "#Cykler\nto ord")
        await wait_for_draft(app, pilot)
    assert draft_data()["voice"]["hashtags"] == ["#Cykler", "to ord"]

    again = SomeWizardApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.click("#start-resume")
        await settle(again, pilot)
        screen = wizard(again)
        assert screen.index == 2  # where the owner left off
        area = again.screen.query_one("#f-voice-hashtags", TextArea)
        assert area.text == "#Cykler\nto ord"
        message = str(
            again.screen.query_one(
                "#step-voice .field-invalid .field-message, #step-voice .-invalid .field-message"
            ).render()
        )
        assert "er ikke et hashtag" in message and "voice" not in message
        assert marks(again)[2] == "!"
        assert drafts.draft_path().exists()  # not set aside
        assert not list(drafts.data_dir().glob("*.corrupt-*"))


async def test_what_ctrl_s_writes_ctrl_o_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_into(pilot, app, "organisation.name", "")
        await type_into(pilot, app, "organisation.effective_date", "2026-13-45")
        await pilot.press("alt+3")
        await type_into(pilot, app, "voice.hashtags", "ikke et tag")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+u", *"svar.yaml", "enter")
        await settle(app, pilot)
        assert not app.session.dirty
    saved = yaml.safe_load((tmp_path / "svar.yaml").read_text())
    assert saved["organisation"]["effective_date"] == "2026-13-45"

    again = SomeWizardApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.press(*"svar.yaml", "enter")
        await settle(again, pilot)
        assert again.screen.query_one("#f-organisation-effective_date", Input).value == "2026-13-45"
        assert again.screen.query_one("#f-organisation-name", Input).value == ""
        assert marks(again)[0] == "!" and marks(again)[2] == "!"
        errors = [str(m.render()) for m in again.screen.query("#step-organisation .-error")]
        assert any("navn" in e for e in errors) and any("ikke en dato" in e for e in errors)


async def test_export_insists_and_jumps_to_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press("alt+3")
        await type_into(pilot, app, "voice.hashtags", "#ok\nnot ok")
        await pilot.press("alt+1")
        await type_into(pilot, app, "organisation.name", "")
        await pilot.press("alt+8")
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ProblemsDialog)
        lines = [str(dialog.query_one(OptionList).get_option_at_index(i).prompt) for i in range(2)]
        assert lines[0].startswith(
            "Trin 1 Organisation og omfang · Navn på virksomhed eller forening"
        )
        assert lines[1].startswith("Trin 3 Tone og stil · Faste hashtags: »not ok«")
        assert not any("organisation." in line or "voice." in line for line in lines)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert wizard(app).index == 2
        assert app.focused is app.screen.query_one("#f-voice-hashtags")
    assert not list(tmp_path.glob("*.docx"))


def test_cli_check_and_export_use_the_same_rules(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        tmp_path / "a.yaml", "language: en\norganisation:\n  name: Bikes\n  contact: anna@bikes\n"
    )
    for args in (("check", "a.yaml"), ("export", "--answers", "a.yaml", "-o", "p.docx")):
        code, out, err = cli(*args)
        assert code == 2 and out == ""
        assert err == (
            "somewizard: error: a.yaml:4: organisation.contact: This looks like an email "
            "address but is not complete, e.g. name@company.com\n"
        )


# --- saved files keep the layers ----------------------------------------------------------------


async def test_a_draft_keeps_presets_apart_from_what_was_typed() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")  # the first industry preset
        industry = app.session.names["industry"]
        assert industry
        await pilot.press("ctrl+n")
        await type_into(pilot, app, "organisation.name", "Kaffebaren")
        await wait_for_draft(app, pilot)
        danish_tags = app.session.answers().voice.hashtags
    data = draft_data()
    assert data["presets"] == {"industry": industry}
    assert data["organisation"] == {"name": "Kaffebaren"}  # only what was typed
    assert "voice" not in data

    again = SomeWizardApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.click("#start-resume")
        await settle(again, pilot)
        await pilot.press("ctrl+l")
        await settle(again, pilot)
        answers = again.session.answers()
        assert answers.organisation.name == "Kaffebaren"
        english = SomeWizardApp(lang="en").session
        from somewizard.presets import find

        english.choose_preset("industry", find("industry", industry))
        assert answers.voice.hashtags == english.answers().voice.hashtags != danish_tags
        assert answers.voice.criticism == english.answers().voice.criticism


async def test_resume_shows_the_chosen_presets_on_the_start_screen() -> None:
    put_draft(
        "language: da\npresets: {industry: health, tone: warm}\norganisation: {name: Klinik}\n"
    )
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start-resume")
        await settle(app, pilot)
        await pilot.press("escape")
        app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await app.screen.rebuild()
        assert app.screen.query_one("#industry").value == "health"  # type: ignore[attr-defined]
        assert app.screen.query_one("#tone").value == "warm"  # type: ignore[attr-defined]


def test_files_in_the_complete_form_still_open(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, _ = cli("export", "--industry", "retail", "--format", "yaml", "-o", "full.yaml")
    assert code == 0
    full = yaml.safe_load((tmp_path / "full.yaml").read_text())
    assert "presets" not in full and full["voice"]["hashtags"]  # complete, editable
    from somewizard.session import load

    session = load(tmp_path / "full.yaml")
    assert session.names == {"industry": None, "tone": None}
    assert session.answers().voice.hashtags == full["voice"]["hashtags"]
    code, _, err = cli("export", "--answers", "full.yaml", "-o", "p.md")
    assert code == 0, err


def test_the_cli_stacks_the_presets_a_file_names(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        tmp_path / "a.yaml",
        "language: da\npresets: {industry: health}\norganisation: {name: Klinik Ø}\n",
    )
    assert cli("export", "--answers", "a.yaml", "-o", "a.md")[0] == 0
    assert cli("export", "--industry", "health", "--answers", "a.yaml", "-o", "b.md")[0] == 0
    assert (tmp_path / "a.md").read_text() == (tmp_path / "b.md").read_text()
    assert "Klinik Ø" in (tmp_path / "a.md").read_text()
    write(tmp_path / "bad.yaml", "presets:\n  industry: helth\n")
    code, _, err = cli("check", "bad.yaml")
    assert code == 2 and err.startswith("somewizard: error: bad.yaml:2: presets.industry: ")
    assert "did you mean 'health'" in err


# --- nothing is overwritten without the user's say ---------------------------------------------


async def test_start_and_language_on_the_start_screen_leave_the_draft_alone() -> None:
    path = put_draft("language: da\norganisation: {name: Mit Udkast}\n")
    before = path.read_bytes()
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause(0.8)
        await settle(app, pilot)
        assert path.read_bytes() == before
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # resume, start afresh or cancel
        await pilot.press("escape")
        await pilot.pause(0.8)
        assert isinstance(app.screen, StartScreen)
        assert path.read_bytes() == before


async def test_start_afresh_keeps_the_old_draft_as_a_backup() -> None:
    put_draft("language: da\norganisation: {name: Gammelt Udkast}\n")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.click("#choice-afresh")
        await settle(app, pilot)
        assert wizard(app).index == 0
        assert app.session.answers().organisation.name != "Gammelt Udkast"
        await type_into(pilot, app, "organisation.name", "Nyt Firma")
        await wait_for_draft(app, pilot)
    assert draft_data()["organisation"]["name"] == "Nyt Firma"
    kept = drafts.backups()
    assert len(kept) == 1 and "Gammelt Udkast" in kept[0].read_text()

    again = SomeWizardApp()  # and the start screen brings it back
    async with again.run_test(size=SIZE) as pilot:
        await pilot.click("#start-restore")
        await pilot.pause()
        assert isinstance(again.screen, DraftsDialog)
        await pilot.press("enter")
        await settle(again, pilot)
        assert again.session.answers().organisation.name == "Gammelt Udkast"
        await type_into(pilot, again, "organisation.name", "Gammelt Udkast 2")
        await wait_for_draft(again, pilot)
    assert draft_data()["organisation"]["name"] == "Gammelt Udkast 2"
    assert any("Nyt Firma" in p.read_text() for p in drafts.backups())


def test_only_the_newest_backups_are_kept() -> None:
    for i in range(drafts.BACKUPS_KEPT + 3):
        path = put_draft(f"organisation: {{name: Nr {i}}}\n")
        assert drafts.back_up(path) is not None
    names = [yaml.safe_load(p.read_text())["organisation"]["name"] for p in drafts.backups()]
    assert len(names) == drafts.BACKUPS_KEPT
    assert names[0] == f"Nr {drafts.BACKUPS_KEPT + 2}"
    assert len({p.name for p in drafts.backups()}) == drafts.BACKUPS_KEPT


async def test_no_draft_is_written_until_an_answer_changes() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "ctrl+l")
        await pilot.press("ctrl+n")
        for i in (2, 3, 5, 4):
            await pilot.press(f"alt+{i}")
        await pilot.pause(0.8)
        await settle(app, pilot)
        assert not drafts.draft_path().exists()
        await type_into(pilot, app, "rules.brand_name", "Bøgholm")
        await wait_for_draft(app, pilot)
        assert draft_data()["wizard"]["step"] == "rules"


async def test_ctrl_e_on_the_start_screen_exports_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    put_draft("language: da\norganisation: {name: Udkastets Firma}\n")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "udkast" in str(app.screen.query_one("#export-note").render())
        await pilot.press("enter")
        await settle(app, pilot)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "SoMe-politik.docx")).paragraphs)
    assert "Udkastets Firma" in text


async def test_ctrl_e_without_a_draft_says_it_exports_the_defaults() -> None:
    app = SomeWizardApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "standard texts" in str(app.screen.query_one("#export-note").render())


async def test_open_over_unsaved_changes_asks_and_the_draft_follows(tmp_path: Path) -> None:
    other = write(tmp_path / "other.yaml", "language: da\norganisation: {name: Anden Fil}\n")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_into(pilot, app, "organisation.name", "Ugemt Arbejde")
        await wait_for_draft(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # cancel: nothing changes
        await pilot.pause()
        assert app.session.answers().organisation.name == "Ugemt Arbejde"
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await settle(app, pilot)
        assert isinstance(app.screen, OpenDialog)
        app.screen.query_one("#path").focus()
        await pilot.press(*str(other), "enter")
        await settle(app, pilot)
        assert app.screen.query_one("#f-organisation-name", Input).value == "Anden Fil"
    assert draft_data()["organisation"]["name"] == "Anden Fil"  # the draft follows the screen
    assert any("Ugemt Arbejde" in p.read_text() for p in drafts.backups())


# --- resume carries on where the user left off ----------------------------------------------


async def test_resume_brings_back_step_marks_and_language() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_into(pilot, app, "organisation.name", "Salon Lys")
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.press("ctrl+l")
        await pilot.pause()
        await wait_for_draft(app, pilot)
        before = marks(app)
    again = SomeWizardApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.click("#start-resume")
        await settle(again, pilot)
        assert again.session.language == "en"
        assert wizard(again).index == 3 and again.session.step == STEP_KEYS[3]
        assert marks(again) == before == ["✓", "✓", "✓", "·", "·", "·", "·", "·"]
        assert "Step 4" in str(again.screen.query_one("#step-title").render())


# --- one wizard per draft -------------------------------------------------------------------------


async def test_a_second_wizard_gets_its_own_draft() -> None:
    first = SomeWizardApp()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_into(pilot, first, "organisation.name", "Første")
        await wait_for_draft(first, pilot)
        second = SomeWizardApp()
        async with second.run_test(size=SIZE) as pilot2:
            assert any("åbent i et andet vindue" in m for m in toasts(second))
            assert second.draft.path.name == "draft-2.yaml"
            await pilot2.press("ctrl+n")
            await pilot2.pause()
            await type_into(pilot2, second, "organisation.name", "Anden")
            await wait_for_draft(second, pilot2)
        await type_into(pilot, first, "organisation.name", "Første igen")
        await wait_for_draft(first, pilot)
    assert draft_data()["organisation"]["name"] == "Første igen"
    assert yaml.safe_load(drafts.draft_path(2).read_text())["organisation"]["name"] == "Anden"
    third = SomeWizardApp()  # both closed: the next wizard has draft.yaml again
    async with third.run_test(size=SIZE):
        assert third.draft.path == drafts.draft_path()


def test_a_dead_wizards_lock_is_taken_over() -> None:
    lock = drafts.draft_path().with_name("draft.yaml.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    import socket

    lock.write_text(f"999999999 {socket.gethostname()}\n")  # left by a wizard that died
    claimed = drafts.claim()
    assert claimed.slot == 1
    claimed.release()
    assert drafts.claim().slot == 1  # released: the next wizard has it again


def test_a_running_wizards_lock_is_never_taken() -> None:
    first = drafts.claim()
    second = drafts.claim()  # as a second wizard on the same folder would
    assert (first.slot, second.slot) == (1, 2)
    assert drafts.others(second) == [] or drafts.draft_path(1) not in drafts.others(second)
    second.release()
    first.release()
    assert drafts.claim().slot == 1


def test_a_lock_that_is_not_a_file_never_blocks() -> None:
    lock = drafts.draft_path().with_name("draft.yaml.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(lock)
    claimed = drafts.claim()  # a read of the pipe would block here
    assert claimed.slot == 2
    claimed.release()
    assert stat.S_ISFIFO(os.lstat(lock).st_mode)  # not ours: left alone


def test_two_corrupt_drafts_in_one_second_keep_unique_names() -> None:
    kept: list[Path] = []
    for text in ("organisation: [one\n", "organisation: [two\n"):
        put_draft(text)
        with pytest.raises(Exception) as info:
            drafts.load(drafts.draft_path())
        assert "kept as" in str(info.value)
        kept.extend(drafts.data_dir().glob("draft.corrupt-*.yaml"))
    names = sorted({p.name for p in kept})
    assert len(names) == 2
    texts = sorted(p.read_text() for p in drafts.data_dir().glob("draft.corrupt-*.yaml"))
    assert texts == ["organisation: [one\n", "organisation: [two\n"]


def test_a_saved_file_names_its_step_and_loads_in_an_older_order(tmp_path: Path) -> None:
    from somewizard.session import load

    path = write(tmp_path / "d.yaml", "wizard: {step: no-such-step, visited: [voice, gone]}\n")
    session = load(path)
    assert session.step == STEP_KEYS[0] and session.visited == {"voice"}
    write(path, "wizard: {stepp: voice}\n")
    with pytest.raises(Exception) as info:
        load(path)
    assert "d.yaml:1: wizard.stepp: unknown key" in str(info.value)


def _unused(_: CliResult, __: dt.date) -> None:  # keeps the type imports honest for mypy
    pass


async def test_a_draft_that_cannot_be_backed_up_is_never_replaced() -> None:
    path = put_draft("language: da\norganisation: {name: Gammelt}\n")
    drafts.backups_dir().write_text("a file where the folder should be")
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.click("#choice-afresh")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)  # did not start over the old draft
        assert any("kunne ikke gemmes som kopi" in m for m in toasts(app))
    assert "Gammelt" in path.read_text()

    again = SomeWizardApp()  # a new session that only types: the old draft stays too
    async with again.run_test(size=SIZE) as pilot:
        again.draft_owned = False
        again.show("organisation")
        await pilot.pause()
        await type_into(pilot, again, "organisation.name", "Nyt")
        await wait_for_draft(again, pilot)
        await type_into(pilot, again, "organisation.name", "Nyt igen")
        await wait_for_draft(again, pilot)
    assert "Gammelt" in path.read_text()


def test_a_backup_made_when_the_clock_went_back_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(drafts.BACKUPS_KEPT):
        drafts.back_up(put_draft(f"organisation: {{name: Nr {i}}}\n"))

    class Past(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Past:
            return cls(2000, 1, 1)

    monkeypatch.setattr(dt, "datetime", Past)  # the module drafts uses
    kept = drafts.back_up(put_draft("organisation: {name: Efter urskiftet}\n"))
    assert kept is not None and kept.exists()
    assert drafts.backups()[0] == kept
    assert len(drafts.backups()) == drafts.BACKUPS_KEPT


async def test_opening_file_after_file_keeps_the_unsaved_work(tmp_path: Path) -> None:
    files = [write(tmp_path / f"f{i}.yaml", f"organisation: {{name: Fil {i}}}\n") for i in range(7)]
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_into(pilot, app, "organisation.name", "Mit eget arbejde")
        await wait_for_draft(app, pilot)
        for path in files:
            app.open_file(path)
            await settle(app, pilot)
            await wait_for_draft(app, pilot)
        assert app.session.answers().organisation.name == "Fil 6"
    assert draft_data()["organisation"]["name"] == "Fil 6"
    assert any("Mit eget arbejde" in p.read_text() for p in drafts.backups())


async def test_a_pasted_bidi_mark_in_the_roles_table_still_resumes() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press("alt+5")
        cell = app.screen.query_one("#f-roles-O1-contact", Input)
        cell.value = "\u202a+45 22 33 44 55\u202c"  # as a phone app copies a number
        await pilot.pause()
        await wait_for_draft(app, pilot)
    again = SomeWizardApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.click("#start-resume")
        await settle(again, pilot)
        assert again.session.answers().roles["O1"].contact == "+45 22 33 44 55"
    assert not list(drafts.data_dir().glob("*.corrupt-*"))


async def test_a_draft_too_large_to_load_is_not_written() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_into(pilot, app, "organisation.name", "Lille")
        await wait_for_draft(app, pilot)
        await pilot.press("alt+3")
        await type_into(pilot, app, "voice.description", "x" * 1_200_000)
        await wait_for_draft(app, pilot)
        assert any("kunne ikke gemmes" in m for m in toasts(app))
    assert "x" * 1000 not in draft_text()  # the last draft that loads is kept
    assert draft_data()["organisation"]["name"] == "Lille"


@pytest.mark.parametrize(
    "hashtags",
    ["Butik", "{da: [Butik], en: ['#Shop']}", "[Butik]"],
)
def test_a_bad_hashtag_written_as_one_item_or_per_language_is_named_at_its_line(
    cli: Any, tmp_path: Path, hashtags: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(f"language: da\norganisation:\n  name: Butik\nvoice:\n  hashtags: {hashtags}\n")
    code, _, err = cli("export", "--answers", str(path), "-o", str(tmp_path / "p.md"))
    assert code == 2
    assert f"{path}:5: voice.hashtags.0: »Butik« er ikke et hashtag" in err


@pytest.mark.parametrize("written", ['"1. marts 2027"', "1.3.2027", '"1 March 2027"', "01-03-2027"])
def test_an_answers_file_may_write_dates_as_people_do(
    cli: Any, tmp_path: Path, written: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        f"language: da\norganisation:\n  name: Butik\n  effective_date: {written}\n"
        "appendix:\n  history:\n    - {version: '0.9', date: " + written + ", change: Først}\n"
    )
    code, out, err = cli("export", "--answers", str(path), "--format", "md", "-o", "-")
    assert code == 0, err
    assert "**Gælder fra:** 1. marts 2027" in out
    assert "| 0.9 | 1\\. marts 2027 | Først |" in out


def _confidential_in(markdown: str) -> list[str]:
    """The bullets of the policy's list that holds the retail preset's till rule."""
    for block in markdown.split("\n\n"):
        lines = block.splitlines()
        if any("Alarm, nøgler, koder og kontanter" in line for line in lines):
            return [line.removeprefix("- ").strip() for line in lines]
    return []


async def test_an_older_files_second_confidentiality_list_opens_in_the_one_list(
    cli: Any, tmp_path: Path
) -> None:
    """Files saved before the second edition kept a second list of what is confidential
    (step 6, empty for every preset, so an owner saw none of the industry's items there).
    It now opens inside step 4's list, after the preset's items, the policy reads as
    before, and what is saved holds one list."""
    old = write(
        tmp_path / "gammel.yaml",
        "language: da\npresets: {industry: retail}\norganisation: {name: Cykelsmeden}\n"
        "legal:\n  confidential_categories:\n    - Kundelister\n"
        "    - Alarm, nøgler, koder og kontanter\n  credit: Skriv kilden.\n",
    )
    code, before, err = cli("export", "--answers", str(old), "-o", "-", "--format", "md")
    assert code == 0, err
    listed = _confidential_in(before)
    assert listed[-1] == "Kundelister" and listed.count("Alarm, nøgler, koder og kontanter") == 1

    app = SomeWizardApp(old)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        assert not app.screen.query("#f-legal-confidential_categories")
        area = app.screen.query_one("#f-rules-confidential", TextArea)
        assert area.text.splitlines() == listed
        assert app.session.value("legal.credit") == "Skriv kilden."
        assert not app.session.dirty  # nothing the owner changed
        await pilot.press("ctrl+s")  # saves the file that was opened
        await settle(app, pilot)
        assert screen.is_attached and not app.session.dirty
    saved = yaml.safe_load(old.read_text(encoding="utf-8"))
    assert "confidential_categories" not in saved.get("legal", {})
    assert saved["rules"]["confidential"] == listed
    code, after, err = cli("export", "--answers", str(old), "-o", "-", "--format", "md")
    assert code == 0, err
    assert after == before
