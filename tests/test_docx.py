"""The .docx read back as Word would: styles, table, properties, language, fields."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Twips

from somewizard.document import BulletList, PolicyDocument, Table, build
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
    headings = [(p.style.name, p.text) for p in word.paragraphs if is_heading(p)]
    # one rank per style: parts and the appendix are "Part", every chapter is a Heading 1
    # whose number Word adds (not typed), sub-sections are Heading 2
    assert headings == [(heading_style(s), s.title) for s in doc.walk() if not s.front]
    # the policy on one page comes after the cover and before the contents, outside them
    front = [p.text for p in word.paragraphs if p.style.name == "TOC Heading"]
    assert front == [doc.sections[0].title, doc.labels["contents"]]
    assert {"Heading 1", "Heading 2", "Part"} <= set(styles)
    assert "List Bullet" in styles
    h1 = word.styles["Heading 1"].element
    num_id = h1.pPr.numPr.numId.val
    numbering = word.part.numbering_part.element
    num = next(n for n in numbering.num_lst if n.numId == num_id)
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
    )
    assert abstract.find(qn("w:lvl") + "/" + qn("w:lvlText")).get(qn("w:val")) == "%1."

    assert len(word.tables) == 3  # the roles, the rules it builds on, the version history
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


def is_heading(p: Any) -> bool:
    return p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Part")


def heading_style(sec: Any) -> str:
    return "Heading 1" if sec.number else "Part" if sec.level == 1 else "Heading 2"


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
    history = word.tables[-1]
    assert [c.text for c in history.rows[0].cells] == ["Version", "Date", "What changed"]
    assert [c.text for c in history.rows[2].cells] == ["1.0", "1 March 2026", "First edition"]
    assert history.rows[1].cells[0].text == "1.1"
    ack = next(p for p in word.paragraphs if p.text == "Acknowledgement" and is_heading(p))
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


def _docx(lang: str = "da", **typed: Any) -> Any:
    return open_docx(render_bytes(Session(language=lang, typed=typed).answers(), "docx"))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_cover_without_running_header_then_the_contents_then_chapter_one(lang: str) -> None:
    word = _docx(lang)
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()
    assert "Version 1.0" in section.header.paragraphs[0].text
    paras = word.paragraphs
    contents = next(p for p in paras if p.style.name == "TOC Heading")
    assert contents.paragraph_format.page_break_before
    first_chapter = next(p for p in paras if p.style.name == "Heading 1")
    assert first_chapter.paragraph_format.page_break_before
    # no instructions to the reader about fields, in any paragraph
    text = "\n".join(p.text for p in paras)
    assert "F9" not in text and "Indholdsfortegnelsen opdateres" not in text
    # the contents' heading is not a chapter: Word's TOC Heading is based on Heading 1
    toc_style = word.styles["TOC Heading"].element
    assert toc_style.pPr.numPr.numId.val == 0


def test_the_roles_table_reads() -> None:
    word = _docx("da", roles={"O2": {"person": "Jonas Berg"}})
    table = word.tables[0]
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(set(widths)) > 2, widths
    for col, width in enumerate(widths):
        longest = max(len(w) for row in table.rows for w in row.cells[col].text.split())
        assert width >= 100 * longest, (col, width, longest)  # no word broken in the middle
    rows = table._tbl.findall(qn("w:tr"))
    assert all(r.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is not None for r in rows)
    assert rows[0].find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    intro = table._tbl.getprevious()
    assert intro.find(qn("w:pPr") + "/" + qn("w:keepNext")) is not None
    cells = [c.text for c in table.rows[2].cells]
    assert cells[2] == "Jonas Berg" and cells[3] == "[kontakt]" and cells[4] == "[navn]"
    assert "-" not in [c.text for row in table.rows for c in row.cells]


def test_lead_ins_use_the_strong_style() -> None:
    word = _docx("en")
    para = next(p for p in word.paragraphs if p.text.startswith("Our tone."))
    assert para.runs[0].style.name == "Strong" and para.runs[0].bold is None


def test_the_package_describes_this_document() -> None:
    data = render_bytes(compose(language="da"), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
        rels = package.read("_rels/.rels").decode()
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels
    assert "<Application>somewizard</Application>" in app
    assert "Macintosh" not in app and "Normal.dotm" not in app and "<Pages>" not in app
    words = int(app.split("<Words>")[1].split("<")[0])
    assert words > 1500


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler's pdftotext is not installed",
)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_pdf_has_the_summary_on_page_2_and_contents_with_page_numbers(
    tmp_path: Path, lang: str
) -> None:

    from somewizard.export import docx_to_pdf

    answers = compose(language=lang)
    doc = build(answers)
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(docx_to_pdf(render_bytes(answers, "docx")))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    # the policy on one page is page 2, whole: its last point is on it, the contents follow
    summary = doc.sections[0]
    last = next(b for b in summary.blocks if isinstance(b, BulletList)).items[-1]
    flat = " ".join(pages[1].split())
    assert summary.title in flat and " ".join(last.split()[-4:]) in flat, pages[1]
    assert doc.labels["contents"] in pages[2]
    contents = pages[2]
    entries = re.findall(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
    titles = [t for t, _ in entries]
    first = doc.sections[1].title
    assert any(first in t for t in titles), contents[:500]
    assert not any(summary.title in t for t in titles)
    numbers = [int(n) for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] >= 4 and len(entries) >= 15
    name = next(s.title for s in doc.walk() if s.key == "security")
    chapter = next(int(n) for t, n in entries if name in t)
    assert name in pages[chapter - 1]  # the number is the page the chapter is on
    assert "F9" not in text


def test_the_shipped_base_document_is_what_its_module_builds() -> None:
    """``base.docx`` is build output kept in the package: ``python -m somewizard.render.base``
    makes it again, byte for byte (so an edit to the module without the file fails here)."""
    from somewizard.render import base

    assert base.BASE.read_bytes() == base.build()


def test_the_base_document_is_a4_word_2013_with_the_current_office_theme() -> None:
    data = render_bytes(compose(language="da"), "docx")
    word = open_docx(data)
    section = word.sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
    assert section.left_margin == section.right_margin == Twips(1417)
    package = zipfile.ZipFile(io.BytesIO(data))
    theme = package.read("word/theme/theme1.xml").decode()
    assert re.search(r'<a:accent1>\s*<a:srgbClr val="4472C4"/>', theme)
    assert 'typeface="Cambria"' not in theme.split("<a:majorFont>")[1].split("</a:minorFont>")[0]
    styles = package.read("word/styles.xml").decode()
    assert 'w:val="365F91"' not in styles and 'w:val="4F81BD"' not in styles  # 2007 colours
    settings = package.read("word/settings.xml").decode()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"' in settings
    assert 'w:val="15"' in settings and 'w:decimalSymbol w:val=","' in settings
    assert not [n for n in package.namelist() if "thumbnail" in n or "stylesWithEffects" in n]
