"""``somewizard version``: the next version with meaning, its history row, and the note
for staff on what is new."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from .conftest import CliResult, write
from .test_tracked import NEW, OLD


def test_a_changed_rule_proposes_2_0_and_adds_the_history_rows(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    old, new = write(tmp_path / "v1.yaml", OLD), write(tmp_path / "v2.yaml", NEW)
    code, out, err = cli(
        "version", str(new), "--since", str(old), "-o", "v2-ny.yaml", "--staff", "nyt.md"
    )
    assert code == 0, err
    assert out.startswith("Version 2.0 (væsentlig ændring): Ændret: ")
    assert "Det deler vi ikke" in out and "skal skrive under" in out
    data = yaml.safe_load((tmp_path / "v2-ny.yaml").read_text(encoding="utf-8"))
    assert data["organisation"]["version"] == "2.0"
    rows = data["appendix"]["history"]
    assert [r["version"] for r in rows] == ["1.0", "2.0"]
    assert str(rows[0]["date"]) == "2027-01-01" and rows[1]["change"].startswith("Ændret: ")
    assert data["rules"]["confidential"][-1] == "Tal fra regnskabet"  # the rest is kept
    assert cli("check", "v2-ny.yaml")[0] == 0  # whatever is written loads
    note = (tmp_path / "nyt.md").read_text(encoding="utf-8")
    assert note.startswith("# Hvad er nyt i version 2.0")
    assert "Kapitel 10" in note and "nyt: »Priser før en kampagne«" in note
    assert "»Tal fra regnskabet«" in note and "Når nogen stopper: gælder ikke længere" in note
    assert "ikke længere: »Kunders navne, køb" in note and "»Hvad varerne koster os" in note
    assert "Skriv under på den nye version" in note
    assert len(note.split()) < 250  # about half a page


def test_editorial_on_request_gives_1_1_and_says_what_the_changes_suggested(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    old, new = write(tmp_path / "v1.yaml", OLD), write(tmp_path / "v2.yaml", NEW)
    code, out, _ = cli(
        "version",
        str(new),
        "--since",
        str(old),
        "--in-place",
        "--editorial",
        "--summary",
        "Ny liste over fortrolige ting",
        "--staff",
        "nyt.md",
    )
    assert code == 0
    assert "Version 1.1 (redaktionel ændring): Ny liste over fortrolige ting" in out
    assert "peger på en væsentlig ændring" in out
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert data["organisation"]["version"] == "1.1"
    assert data["appendix"]["history"][-1]["change"] == "Ny liste over fortrolige ting"
    assert "Du skal ikke skrive under igen" in (tmp_path / "nyt.md").read_text(encoding="utf-8")


def test_only_wording_proposes_an_editorial_version_in_english(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    old = write(tmp_path / "v1.yaml", "language: en\norganisation:\n  name: Café Ø\n")
    new = write(tmp_path / "v2.yaml", "language: en\norganisation:\n  name: Café Øst\n")
    code, out, _ = cli("version", str(new), "--since", str(old), "-o", "out.yaml")
    assert code == 0 and out.startswith("Version 1.1 (editorial change): Changed: ")
    assert "must sign" not in out
    code, _, err = cli("version", str(new), "--since", "missing.yaml", "-o", "x.yaml")
    assert code == 2 and "missing.yaml" in err and "Traceback" not in err
    code, _, err = cli("version", str(new), "--since", str(old), "-o", "out.yaml")
    assert code == 2 and "out.yaml" in err  # an existing file only with --force


# --- in the wizard ---------------------------------------------------------------------------


async def test_the_wizard_gives_a_changed_rule_version_2_0_with_its_history_row(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from textual.widgets import Input, Static

    from somewizard.app import SomeWizardApp
    from somewizard.screens.version import VersionDialog

    from .wizard_helpers import settle, wizard

    answers = write(tmp_path / "v1.yaml", OLD)
    app = SomeWizardApp(answers_file=answers)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        screen.goto(3)
        await settle(app, pilot)
        area = screen.query_one("#f-rules-confidential")
        area.text = "Priser før en kampagne\nTal fra regnskabet"  # type: ignore[attr-defined]
        await settle(app, pilot)
        screen.goto(7)
        await settle(app, pilot)
        await pilot.click("#review-version")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, VersionDialog)
        listed = str(dialog.query_one("#version-list", Static).render())
        assert "Kapitel 10 · Det deler vi ikke: + Priser før en kampagne" in listed
        assert "væsentlig ændring (ny version 2.0)" in str(
            dialog.query_one("#version-proposal", Static).render()
        )
        summary = dialog.query_one("#version-summary", Input)
        assert summary.value == "Ændret: Det deler vi ikke"
        summary.value = "Ny liste over det, der bliver på jobbet"
        await pilot.press("enter")  # the proposed kind
        await settle(app, pilot)
        answers_now = app.session.answers()
        assert answers_now.organisation.version == "2.0"
        rows = [(c.version, c.date, c.change) for c in answers_now.appendix.history]
        assert rows == [
            ("1.0", dt.date(2027, 1, 1), "Tidligere udgave"),
            ("2.0", dt.date.today(), "Ny liste over det, der bliver på jobbet"),
        ]


async def test_opening_a_policy_past_its_review_date_says_so(tmp_path: Path) -> None:
    from somewizard.app import SomeWizardApp

    from .wizard_helpers import settle

    late = write(
        tmp_path / "old.yaml", "language: da\norganisation:\n  effective_date: 2020-01-01\n"
    )
    app = SomeWizardApp(answers_file=late)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        said = [n.message for n in app._notifications]
        assert any("skulle have været gennemgået 1. januar 2021" in m for m in said), said
    fresh = write(tmp_path / "new.yaml", OLD)
    app = SomeWizardApp(answers_file=fresh)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert not any("gennemgået" in n.message for n in app._notifications)


async def test_the_start_screen_says_when_the_drafts_review_is_overdue() -> None:
    from textual.widgets import Static

    from somewizard.app import SomeWizardApp

    from .wizard_helpers import settle

    app = SomeWizardApp()  # to learn where the draft lives
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        path = app.draft.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("language: da\norganisation:\n  effective_date: 2020-03-01\n", "utf-8")
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        note = str(app.screen.query_one("#draft-note", Static).render())
        assert "Der er et gemt udkast" in note
        assert "skulle have været gennemgået 1. marts 2021" in note
