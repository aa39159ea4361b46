"""Quality checks: coverage, LIX and the share of don'ts, on our texts and on bad ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from somewizard.document import Paragraph, PolicyDocument, Section, build
from somewizard.presets import catalogue
from somewizard.quality import DONT_AIM, LIX_AIM, analyse, lix, sentences
from somewizard.session import checked_answers as compose

from .conftest import CliResult, write


def test_lix_of_known_texts() -> None:
    # 6 words, 1 sentence, 0 long words -> 6; 4 words, 1 sentence, 4 long words -> 104
    assert lix(["Vi er her for dig hver dag."]) == pytest.approx(7 + 0)
    assert lix(
        ["Kommunikationsmedarbejderes samarbejdsrelationer organisationsudviklingsprojekter."]
    ) == pytest.approx(3 + 100)
    assert sentences("Ring til os. Vi svarer: altid! Hvad så?") == [
        "Ring til os.",
        "Vi svarer:",
        "altid!",
        "Hvad så?",
    ]


def _doc(lang: str, texts: list[str], ids: tuple[str, ...] = ("R1",)) -> PolicyDocument:
    sec = Section("Regler", 1, ids=ids, blocks=[Paragraph(t) for t in texts])
    return PolicyDocument(
        lang, "T", "C", "S", "1", dt.date(2027, 1, 1), dt.date(2028, 1, 1), "O", "", {}, [], [sec]
    )


def test_texts_built_to_fail_are_flagged() -> None:
    hard = (
        "Medarbejderrepræsentanterne forventes konsekvent at implementere virksomhedens "
        "kommunikationsstrategiske retningslinjer vedrørende offentliggørelse af "
        "informationsmateriale på samtlige eksisterende platforme."
    )
    report = analyse(_doc("da", [hard]))
    assert report.lix > LIX_AIM and report.hard_sections
    donts = [
        "Du må ikke dele billeder.",
        "Du må aldrig svare.",
        "Skriv kort.",
        "Det er forbudt at bande.",
    ]
    report = analyse(_doc("da", donts))
    assert report.dont_share == pytest.approx(0.75) and report.dont_sections
    report = analyse(
        _doc("en", ["Never post at night.", "Do not reply.", "Ask first.", "Don't swear."])
    )
    assert report.dont_share == pytest.approx(0.75)
    # a chapter that is not about rules is measured but not flagged for don'ts
    assert not analyse(_doc("en", ["Never mind."], ids=("B1",))).dont_sections


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_builtin_preset_meets_both_aims(lang: str) -> None:
    names = [(p.kind, p.name) for p in catalogue(include_user=False)]
    for kind, name in [("none", "")] + names:
        args = {kind: name} if kind != "none" else {}
        report = analyse(build(compose(language=lang, **args)))
        assert all(report.coverage.values()), (kind, name)
        assert report.lix <= LIX_AIM, (kind, name, report.lix)
        assert not report.hard_sections, (kind, name, [s.heading for s in report.hard_sections])
        assert report.dont_share <= DONT_AIM, (kind, name, report.dont_share)


def test_check_prints_the_report(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    write(
        tmp_path / "a.yaml",
        "language: da\nrules:\n  consequences: >-\n"
        "    Du må ikke dele noget. Du må aldrig svare. Du må ikke tagge os.\n"
        "    Du må ikke like. Du må ikke kommentere. Du må ikke poste.\n"
        "    Du må ikke dele. Du må aldrig skrive. Du må ikke tale. Du må ikke grine.\n",
    )
    code, out, _ = cli("check", "a.yaml")
    assert code == 0
    assert "Dækning: 29/29" in out and "LIX:" in out and "Ord:" in out
    flagged = [line for line in out.splitlines() if "⚠" in line and "forbud" in line]
    assert flagged, out
