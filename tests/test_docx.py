"""The .docx read back as Word would: styles, table, properties, language, fields."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Twips

from somewizard.document import PolicyDocument, Table, build
from somewizard.export import render_bytes
from somewizard.render.docx import render
from somewizard.session import Session
from somewizard.session import checked_answers as compose


def open_docx(data: bytes):  # type: ignore[no-untyped-def]
    """A python-docx Document from bytes."""
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize(("lang", "tag"), [("da", "da-DK"), ("en", "en-GB")])
def test_headings_table_properties_language(lang: str, tag: str) -> None:
    answers = Session(
        language=lang,
        typed={
            "organisation": {"name": "Kringlen ApS"},
            "roles": {"O2": {"person": "Jonas Berg", "deputy": "Mia"}},
        },
    ).answers()
    doc = build(answers)
    word = open_docx(render(doc))

    styles = [p.style.name for p in word.paragraphs]
    assert styles[0] == "Title"
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s.heading for s in doc.walk()]
    assert {"Heading 1", "Heading 2"} <= set(styles)
    assert "List Bullet" in styles

    assert len(word.tables) == 2  # the roles, and the version history
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(doc_table(doc).header)
    assert len(table.rows) == 7
    assert any("Jonas Berg" in c.text for c in table.rows[2].cells)

    props = word.core_properties
    assert "Kringlen ApS" in props.title
    assert props.author == "Kringlen ApS"
    assert props.subject == doc.subtitle
    assert "Kringlen ApS" in props.keywords
    assert props.language == tag

    langs = word.styles.element.findall(".//" + qn("w:docDefaults") + "//" + qn("w:lang"))
    assert [el.get(qn("w:val")) for el in langs] == [tag]


def doc_table(doc: PolicyDocument) -> Table:
    return next(b for s in doc.walk() for b in s.blocks if isinstance(b, Table))


def test_toc_header_footer_fields() -> None:
    word = open_docx(render_bytes(compose(language="en"), "docx"))
    body = word.element.body.xml
    assert 'TOC \\o "1-2"' in body
    header = word.sections[0].header.paragraphs[0].text
    assert "Our company" in header and "Social media policy" in header and "Version 1.0" in header
    footer_xml = word.sections[0].footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert "Page" in word.sections[0].footer.paragraphs[0].text


def test_each_numbered_list_restarts_at_one() -> None:
    from somewizard.document import BulletList

    answers = compose(language="en")
    ordered = [
        b
        for s in build(answers).walk()
        for b in s.blocks
        if isinstance(b, BulletList) and b.ordered
    ]
    assert ordered, "the policy has step-by-step lists"
    word = open_docx(render_bytes(answers, "docx"))
    num_ids = [p._p.pPr.numPr.numId.val for p in word.paragraphs if p.style.name == "List Number"]
    assert len(num_ids) == sum(len(b.items) for b in ordered)
    assert len(set(num_ids)) == len(ordered)
    numbering = word.part.numbering_part.element.xml
    for num_id in set(num_ids):
        assert f'w:numId="{num_id}"' in numbering


def test_text_xml_cannot_hold_is_dropped() -> None:
    answers = Session(typed={"organisation": {"name": "Kring\x00len\x0b ApS 😀 שלום"}}).answers()
    word = open_docx(render(build(answers)))
    assert "Kringlen ApS 😀 שלום" in word.core_properties.author


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it(tmp_path: Path) -> None:
    src = tmp_path / "policy.docx"
    src.write_bytes(render_bytes(compose(), "docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "policy.pdf").stat().st_size > 10_000


def test_history_and_acknowledgement_page() -> None:
    answers = Session(
        language="en",
        typed={
            "organisation": {"version": "1.1"},
            "appendix": {
                "history": [{"version": "1.0", "date": "2026-03-01", "change": "First edition"}]
            },
        },
    ).answers()
    word = open_docx(render(build(answers)))
    history = word.tables[1]
    assert [c.text for c in history.rows[0].cells] == ["Version", "Date", "What changed"]
    assert [c.text for c in history.rows[2].cells] == ["1.0", "1 March 2026", "First edition"]
    assert history.rows[1].cells[0].text == "1.1"
    ack = next(
        p
        for p in word.paragraphs
        if p.text == "Acknowledgement" and p.style.name.startswith("Heading")
    )
    assert ack.paragraph_format.page_break_before
    assert any(p.text.startswith("Signature:") for p in word.paragraphs)

    answers.appendix.acknowledgement = False
    word = open_docx(render(build(answers)))
    assert not any(p.text.startswith("Signature:") for p in word.paragraphs)


def test_table_header_rows_use_a_value_word_accepts() -> None:
    """``w:tblHeader`` with no value means on; Word repairs a file that says ``true`` there."""
    with zipfile.ZipFile(io.BytesIO(render_bytes(compose(), "docx"))) as zf:
        body = zf.read("word/document.xml").decode()
    assert "<w:tblHeader/>" in body and 'w:tblHeader w:val="true"' not in body


@pytest.mark.parametrize(("lang", "decimal"), [("da", ","), ("en", ".")])
def test_our_own_document_is_a4_word_2013_mode_and_in_schema_order(lang: str, decimal: str) -> None:
    data = render_bytes(compose(language=lang), "docx")
    word = docx.Document(io.BytesIO(data))
    for section in word.sections:
        assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))  # A4
        width, height = section.page_width, section.page_height
        assert width is not None and height is not None
        assert abs(width.mm - 210) < 0.1 and abs(height.mm - 297) < 0.1
        for margin in ("left", "right", "top", "bottom"):
            assert abs(getattr(section, f"{margin}_margin").cm - 2.5) < 0.01
    settings = word.settings.element
    names = [c.tag.rsplit("}", 1)[-1] for c in settings if isinstance(c.tag, str)]
    # CT_Settings: updateFields comes before compat, rsids, themeFontLang, decimalSymbol ...
    assert names.index("updateFields") < names.index("compat") < names.index("decimalSymbol")
    modes = [
        s.get(qn("w:val"))
        for s in settings.iter(qn("w:compatSetting"))
        if s.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    assert settings.find(qn("w:decimalSymbol")).get(qn("w:val")) == decimal
    assert settings.find(qn("w:themeFontLang")).get(qn("w:val")) == (
        "da-DK" if lang == "da" else "en-GB"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "word/stylesWithEffects.xml" not in package.namelist()
        assert "stylesWithEffects" not in package.read("word/_rels/document.xml.rels").decode()
