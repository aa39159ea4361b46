"""The PolicyDocument: every guide element covered, personalised, split in two parts."""

from __future__ import annotations

import pytest

from somewizard.document import IDS, BulletList, Paragraph, Table, build
from somewizard.session import Session
from somewizard.session import checked_answers as compose


def all_text(doc) -> str:  # type: ignore[no-untyped-def]
    """Every word of a document, headings included."""
    parts = [doc.title, doc.subtitle]
    for sec in doc.walk():
        parts.append(sec.heading)
        for b in sec.blocks:
            if isinstance(b, Paragraph):
                parts += [b.lead, b.text]
            elif isinstance(b, BulletList):
                parts += list(b.items)
            elif isinstance(b, Table):
                parts += [c for row in (b.header, *b.rows) for c in row]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_element_is_covered(lang: str) -> None:
    doc = build(compose(language=lang))
    missing = [eid for eid, ok in doc.coverage().items() if not ok]
    assert missing == []
    assert len(IDS) == 24


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("part", ["official_channels", "all_staff"])
def test_one_part_alone_still_covers_every_element(lang: str, part: str) -> None:
    other = "all_staff" if part == "official_channels" else "official_channels"
    layers = Session(language=lang, typed={"scope": {other: False}})
    doc = build(layers.answers())
    assert [e for e, ok in doc.coverage().items() if not ok] == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_both_parts_are_separate_chapters(lang: str) -> None:
    doc = build(compose(language=lang))
    keys = [s.key for s in doc.sections]
    assert "part_official" in keys and "part_staff" in keys
    official = next(s for s in doc.sections if s.key == "part_official")
    staff = next(s for s in doc.sections if s.key == "part_staff")
    assert official.sections and staff.sections


def test_parts_follow_the_scope() -> None:
    doc = build(Session(typed={"scope": {"official_channels": False}}).answers())
    keys = [s.key for s in doc.sections]
    assert "part_official" not in keys and "part_staff" in keys


@pytest.mark.parametrize("lang", ["da", "en"])
def test_answers_are_woven_in(lang: str) -> None:
    layers = Session(
        language=lang,
        typed={
            "organisation": {"name": "Kringlen ApS", "contact": "policy@kringlen.dk"},
            "voice": {"hashtags": ["#KringlenBager"]},
            "legal": {"disclaimer": "Synspunkterne her er mine helt egne."},
            "roles": {"O1": {"person": "Mia Holm", "contact": "22 33 44 55"}},
        },
    )
    text = all_text(build(layers.answers()))
    for expected in (
        "Kringlen ApS",
        "#KringlenBager",
        "Synspunkterne her er mine helt egne.",
        "Mia Holm",
        "policy@kringlen.dk",
    ):
        assert expected in text


def test_roles_table_has_every_area() -> None:
    doc = build(compose(language="en"))
    tables = [b for s in doc.walk() for b in s.blocks if isinstance(b, Table)]
    assert tables
    assert len(tables[0].rows) == 6
    assert set(tables[0].ids) >= {"O1", "O2", "O3", "O4", "O5", "O6"}


def test_languages_differ() -> None:
    da = all_text(build(compose(language="da")))
    en = all_text(build(compose(language="en")))
    assert "SoMe-politik" in da and "Social media policy" in en
    assert da != en
