"""The policy as a living document: ``diff``, ``signatures``, ``export --format ics`` and the
review warning of ``check``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from somewizard.answers import Answers, to_data
from somewizard.changes import Change, classify, compare, diff, next_version, units
from somewizard.cli import main
from somewizard.session import compose

OLD = """\
language: da
presets: {industry: retail, tone: warm}
organisation:
  name: Cykelsmeden Ærø
  owner: Sara Holm
  channels: [Facebook, Instagram]
  version: "1.2"
  effective_date: 2026-03-01
rules:
  confidential: [Kundernes navne]
topics:
  leavers: true
"""
NEW = (
    OLD.replace("Cykelsmeden Ærø", "Cykelsmeden på Ærø")
    .replace("[Facebook, Instagram]", "[Facebook, Instagram, TikTok]")
    .replace("[Kundernes navne]", "[Kundernes navne, Priser før kampagner]")
    .replace("leavers: true", "leavers: false")
)
REWORDED = OLD.replace("Cykelsmeden Ærø", "Cykelsmeden på Ærø").replace(
    "effective_date: 2026-03-01", "effective_date: 2026-04-01"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def answers(text: str, folder: Path, name: str = "a.yaml") -> Answers:
    return compose(answers_file=write(folder, name, text)).answers()


# --- diff ----------------------------------------------------------------------------------


def test_every_answer_the_model_holds_is_compared() -> None:
    """A field the wizard adds to the model is compared too (or this test says which)."""
    paths = {u.path for u in units()}

    def leaves(data: object, prefix: str) -> set[str]:
        if isinstance(data, dict) and prefix != "appendix.history.":
            return {p for k, v in data.items() for p in leaves(v, f"{prefix}{k}.")}
        return {prefix.rstrip(".")}

    # An older file's second confidentiality list joins rules.confidential as it loads
    # (test_session), so a diff of two files compares it there.
    folded = {"legal.confidential_categories"}
    assert leaves(to_data(Answers()), "") - folded <= paths


def test_the_diff_lists_every_changed_answer_once_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = write(tmp_path, "old.yaml", OLD), write(tmp_path, "new.yaml", NEW)
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5  # four changes, then the suggestion
    for said in (
        "Navn på virksomhed eller forening: Cykelsmeden Ærø → Cykelsmeden på Ærø",
        "Jeres kanaler: + TikTok",
        "Det deler vi ikke: + Priser før kampagner",
        "Kapitel 14 · Når nogen stopper: til → fra",
    ):
        assert sum(said in line for line in out) == 1, said
    assert not any("Ansvarlig for politikken" in line or "Version:" in line for line in out)
    assert out[-1] == "Forslag: væsentlig ændring (ny version 2.0)"


def test_a_change_names_the_chapters_it_changes(tmp_path: Path) -> None:
    changes = diff(answers(OLD, tmp_path, "o.yaml"), answers(NEW, tmp_path, "n.yaml"))
    by_path = {c.unit.path: c for c in changes}
    assert set(by_path) == {
        "organisation.name",
        "organisation.channels",
        "rules.confidential",
        "topics.leavers",
    }
    assert [name for _, name in by_path["topics.leavers"].chapters] == ["14"]
    assert "Forsiden" in by_path["organisation.name"].where("da")


def test_the_diff_in_english_and_as_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = write(tmp_path, "old.yaml", OLD), write(tmp_path, "new.yaml", NEW)
    md = tmp_path / "changes.md"
    assert main(["diff", str(old), str(new), "--lang", "en", "-o", str(md)]) == 0
    out = capsys.readouterr().out
    assert "Chapter 14 · When someone leaves: on → off" in out
    assert out.splitlines()[-1] == "Suggestion: substantive change (new version 2.0)"
    text = md.read_text("utf-8")
    assert text.startswith("# Changes to the social media policy\n")
    assert "- Chapter 14 · When someone leaves: on → off" in text
    assert "**Suggestion: substantive change (new version 2.0)**" in text
    # written once: an existing file is replaced only with --force
    assert main(["diff", str(old), str(new), "-o", str(md)]) == 2
    assert "file exists" in capsys.readouterr().err and md.read_text("utf-8") == text
    assert main(["diff", str(old), str(old), "-o", str(md), "--force"]) == 0
    assert "No answer has changed" not in md.read_text("utf-8")  # Danish: old's language
    assert "Ingen svar er ændret." in md.read_text("utf-8")


def test_the_markdown_is_never_written_over_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = write(tmp_path, "old.yaml", OLD), write(tmp_path, "new.yaml", NEW)
    assert main(["diff", str(old), str(new), "-o", str(tmp_path), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_editorial_and_substantive(tmp_path: Path) -> None:
    old = answers(OLD, tmp_path, "o.yaml")
    editorial = diff(old, answers(REWORDED, tmp_path, "r.yaml"))
    verdict = classify(editorial, "1.2", "da")
    assert verdict.kind == "editorial" and verdict.version == "1.3"
    assert "Navn på virksomhed" in verdict.reason and "Gælder fra" in verdict.reason
    substantive = classify(diff(old, answers(NEW, tmp_path, "n.yaml")), "1.2", "en")
    assert substantive.kind == "substantive" and substantive.version == "2.0"
    assert "When someone leaves" in substantive.reason
    assert "Name of the business" not in substantive.reason  # the rules are the reason
    assert classify([], "1.2", "da").kind == "editorial"


def test_a_draft_compares_like_an_answers_file_and_a_language_is_wording(tmp_path: Path) -> None:
    draft = "wizard: {step: voice, visited: [organisation]}\n" + OLD.replace("da\n", "en\n", 1)
    _, _, changes = compare(write(tmp_path, "o.yaml", OLD), write(tmp_path, "d.yaml", draft))
    assert [c.unit.path for c in changes] == ["language"]
    assert changes[0].line("en") == "Cover · Language: da → en"
    assert classify(changes, "1.2", "en").kind == "editorial"


def test_one_rule_among_wording_makes_it_substantive(tmp_path: Path) -> None:
    changes = diff(answers(OLD, tmp_path, "o.yaml"), answers(NEW, tmp_path, "n.yaml"))
    names = [c for c in changes if c.unit.path == "organisation.name"]
    switch = [c for c in changes if c.unit.path == "topics.leavers"]
    assert classify(names, "1.2", "da").kind == "editorial"
    assert classify(names + switch, "1.2", "da").kind == "substantive"


@pytest.mark.parametrize(
    ("version", "kind", "expected"),
    [("1.2", "substantive", "2.0"), ("1.9", "editorial", "1.10"), ("3", "editorial", "3.1")],
)
def test_the_next_version(version: str, kind: str, expected: str) -> None:
    assert next_version(version, kind) == expected  # type: ignore[arg-type]


def test_no_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path, "old.yaml", OLD)
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out == "Ingen svar er ændret.\nForslag: ingen ny version\n"


def test_a_bad_answers_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write(tmp_path, "old.yaml", OLD)
    bad = write(tmp_path, "bad.yaml", "organisation:\n  nmae: x\n")
    assert main(["diff", str(old), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"somewizard: error: {bad}:2: organisation.nmae") and err.count("\n") == 1


def test_a_list_change_shows_items_added_and_removed() -> None:
    unit = next(u for u in units() if u.path == "organisation.channels")
    change = Change(unit, ["Facebook", "X"], ["Facebook", "TikTok"])
    assert change.detail("da") == "+ TikTok; − X"


# --- signatures ----------------------------------------------------------------------------

REGISTER = "\ufeffnavn;version;dato\r\nAnne Holm;1.0;1.3.2026\r\nBo Jensen;1.2;2026-06-01\r\n"


@pytest.mark.parametrize(("version", "must"), [("1.3", []), ("2.0", ["Anne Holm", "Bo Jensen"])])
def test_who_must_sign_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str, must: list[str]
) -> None:
    register = write(tmp_path, "reg.csv", REGISTER + "Cia Lund;2.0;\r\n")
    file = write(tmp_path, "a.yaml", OLD.replace('"1.2"', f'"{version}"'))
    assert main(["signatures", str(register), "--answers", str(file)]) == 0
    out = capsys.readouterr().out
    signed, again = out.split("Skal underskrive igen")
    assert f"({len(must)})" in again.splitlines()[0]
    for name in ("Anne Holm", "Bo Jensen"):
        assert (name in again) == (name in must)
        assert (name in signed) == (name not in must)
    assert "Cia Lund" in signed


def test_an_english_comma_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = write(tmp_path, "reg.csv", 'name,version,date\n"Holm, Anne",1.0,\n')
    file = write(tmp_path, "a.yaml", OLD.replace('"1.2"', '"2.0"'))
    assert main(["signatures", str(register), "--answers", str(file), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Must sign again (1)\n  Holm, Anne (version 1.0)" in out


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_the_sign_sheet_lists_every_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    register = write(tmp_path, "reg.csv", REGISTER + "Cia <Lund>;2.0;\r\n")
    file = write(tmp_path, "a.yaml", OLD)
    sheet = tmp_path / f"sheet.{suffix}"
    argv = ["signatures", str(register), "--answers", str(file), "--sheet", str(sheet)]
    assert main(argv) == 0
    text = sheet.read_text("utf-8")
    assert "Anne Holm" in text and "Bo Jensen" in text
    assert "Underskrift" in text and "version 1.2" in text
    if suffix == "html":
        assert "Cia &lt;Lund&gt;" in text and text.count("<td class=sign></td>") == 3
    else:
        assert "Cia \\<Lund\\>" in text and text.count(" | " + "_" * 30 + " | ") == 3


@pytest.mark.parametrize(
    ("row", "said"),
    [
        ("Dan;;\r\n", "reg.csv:4: 'Dan' has no version"),
        (";1.0;\r\n", "reg.csv:4: a row has no name"),
        ("Dan;x.y;\r\n", "reg.csv:4: 'x.y' is not a version number"),
        ("Dan;1.0;32.13.2026\r\n", "reg.csv:4: '32.13.2026' is not a date"),
    ],
)
def test_a_bad_row_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, said: str
) -> None:
    register = write(tmp_path, "reg.csv", REGISTER + row)
    file = write(tmp_path, "a.yaml", OLD)
    assert main(["signatures", str(register), "--answers", str(file)]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1


def test_a_register_without_the_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = write(tmp_path, "reg.csv", "who;when\r\nAnne;1.0\r\n")
    file = write(tmp_path, "a.yaml", OLD)
    assert main(["signatures", str(register), "--answers", str(file)]) == 2
    assert "reg.csv:1: the first row must name the columns" in capsys.readouterr().err


# --- the review in a calendar ------------------------------------------------------------------


def test_the_review_as_a_calendar_event(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    file = write(tmp_path, "a.yaml", OLD.replace("Sara Holm", "Sara Holm <sara@cykel.dk>"))
    out = tmp_path / "review.ics"
    assert main(["export", "--answers", str(file), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2027, 3, 1)
    assert str(event["ORGANIZER"]) == "mailto:sara@cykel.dk"
    assert event["ORGANIZER"].params["CN"] == "Sara Holm"
    assert event["UID"] and event["DTSTAMP"]
    assert "Cykelsmeden Ærø" in str(event["SUMMARY"])


def test_no_organiser_without_an_address(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    file = write(
        tmp_path,
        "a.yaml",
        OLD.replace("effective_date: 2026-03-01", "review_months: 6\n  effective_date: 2026-03-31"),
    )
    out = tmp_path / "review.ics"
    assert main(["export", "--answers", str(file), "--format", "ics", "-o", str(out)]) == 0
    (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2026, 9, 30)
    assert "ORGANIZER" not in event


def test_check_warns_when_the_review_is_overdue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    late = write(tmp_path, "late.yaml", OLD.replace("2026-03-01", "2020-03-01"))
    assert main(["check", str(late)]) == 0
    err = capsys.readouterr().err
    assert "warning: the review was due 1 March 2021" in err
    soon = write(tmp_path, "soon.yaml", OLD.replace("2026-03-01", f"{dt.date.today():%Y-%m-%d}"))
    assert main(["check", str(soon)]) == 0
    assert "review was due" not in capsys.readouterr().err
