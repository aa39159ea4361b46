"""The preset catalogue: every combination exports and covers the guide; layers stack in order."""

from __future__ import annotations

import io
import itertools
import os
from pathlib import Path

import docx
import pytest

from somewizard.document import BulletList, Paragraph, Section, Table, build
from somewizard.export import render_bytes
from somewizard.presets import catalogue, find
from somewizard.session import Session
from somewizard.session import checked_answers as compose

from .conftest import write

BUILTIN = catalogue(include_user=False)
INDUSTRIES = [p.name for p in BUILTIN if p.kind == "industry"]
TONES = [p.name for p in BUILTIN if p.kind == "tone"]


def test_catalogue_size_and_texts() -> None:
    assert len(INDUSTRIES) >= 8 and len(TONES) >= 5
    assert {
        "retail",
        "hospitality",
        "crafts",
        "it",
        "health",
        "professional_services",
        "nonprofit",
        "manufacturing",
    } <= set(INDUSTRIES)
    assert {"fun", "professional", "youthful", "formal", "warm"} <= set(TONES)
    for preset in BUILTIN:
        for lang in ("da", "en"):
            assert preset.title.get(lang) and preset.description.get(lang), (preset.name, lang)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("industry", INDUSTRIES)
def test_every_combination_exports_and_covers_the_guide(lang: str, industry: str) -> None:
    for tone in TONES:
        answers = compose(language=lang, industry=industry, tone=tone)
        doc = build(answers)
        assert all(doc.coverage().values()), (industry, tone)
        markdown = render_bytes(answers, "md").decode("utf-8")
        assert answers.organisation.name in markdown
        word = docx.Document(io.BytesIO(render_bytes(answers, "docx")))
        headings = [
            p.text
            for p in word.paragraphs
            if p.style is not None
            and (p.style.name.startswith("Heading") or p.style.name == "Part")
        ]
        assert headings == [s.title for s in doc.walk() if not s.front], (industry, tone)
        assert doc.sections[0].front and doc.sections[0].title in [p.text for p in word.paragraphs]


def _section_texts(section: Section) -> list[str]:
    out: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            out.append(block.lead + block.text)
        elif isinstance(block, BulletList):
            out.extend(block.items)
        elif isinstance(block, Table):
            out.extend(c for row in block.rows for c in row)
    return out


def differing_sections(a: list[Section], b: list[Section]) -> list[str]:
    """Keys of the sections whose text differs between two documents."""
    left = {s.key or s.title: _section_texts(s) for s in a}
    right = {s.key or s.title: _section_texts(s) for s in b}
    return [k for k in left.keys() | right.keys() if left.get(k) != right.get(k)]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_tones_differ_in_at_least_five_sections(lang: str) -> None:
    for industry in ("retail", "health"):
        docs = {
            t: list(build(compose(language=lang, industry=industry, tone=t)).walk()) for t in TONES
        }
        for one, two in itertools.combinations(TONES, 2):
            differ = differing_sections(docs[one], docs[two])
            assert len(differ) >= 5, (industry, one, two, differ)


def test_layers_stack_defaults_industry_tone_saved_typed(tmp_path: Path) -> None:
    base = Session(language="da")
    industry = find("industry", "health")
    tone = find("tone", "fun")
    with_industry = Session(language="da", presets={"industry": industry, "tone": None})
    with_tone = Session(language="da", presets={"industry": industry, "tone": tone})
    # the industry changes the channels; the tone changes the voice; each over the one below
    assert with_industry.answers().organisation.industry != base.answers().organisation.industry
    assert with_tone.answers().voice.description != with_industry.answers().voice.description
    assert (
        with_tone.answers().organisation.industry == with_industry.answers().organisation.industry
    )
    saved = write(tmp_path / "a.yaml", "voice:\n  description: Gemt tekst\n")
    layered = Session(language="da", presets={"industry": industry, "tone": tone})
    layered.opened = {"voice": {"description": "Gemt tekst"}}
    assert layered.answers().voice.description == "Gemt tekst"
    layered.typed = {"voice": {"description": "Skrevet nu"}}
    assert layered.answers().voice.description == "Skrevet nu"
    assert (
        compose(answers_file=saved, industry="health", tone="fun").voice.description == "Gemt tekst"
    )


async def test_user_preset_appears_in_the_wizard() -> None:
    from somewizard.app import SomeWizardApp
    from somewizard.widgets.choice import Choice

    folder = Path(os.environ["SOMEWIZARD_CONFIG_DIR"]) / "presets" / "tones"
    folder.mkdir(parents=True)
    write(
        folder / "grumpy.yaml",
        "preset:\n  kind: tone\n  title: {da: Gnaven, en: Grumpy}\n"
        "  description: {da: Kort for hovedet, en: Short-tempered}\n"
        "answers:\n  voice: {description: {da: Vi brokker os, en: We grumble}}\n",
    )
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        choice = app.screen.query_one("#tone", Choice)
        values = [option.value for option in choice.options]
        assert "grumpy" in values
        choice.select(values.index("grumpy"))
        await pilot.pause()
        assert app.session.answers().voice.description == "Vi brokker os"


def test_sample_preset_is_a_valid_preset(tmp_path: Path) -> None:
    from somewizard.presets import load_preset

    sample = Path(__file__).parent.parent / "presets" / "example.yaml.sample"
    copy = tmp_path / "industries" / "salon.yaml"
    copy.parent.mkdir()
    copy.write_bytes(sample.read_bytes())
    preset = load_preset(copy)
    assert preset.kind == "industry" and preset.layer
    assert sample.read_text(encoding="utf-8").count("#") > 20  # it explains itself
