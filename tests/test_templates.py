"""Company templates keep their letterhead, and lend the policy what it needs.

Each template is made here in code the way companies make them in Word: a logo-only
header, a different first page, a letterhead with an address footer, a file with only the
styles it uses, headings that are numbered.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from somewizard.document import build
from somewizard.render.docx import render
from somewizard.session import checked_answers as compose

openxml_audit = pytest.importorskip("openxml_audit")


def png() -> io.BytesIO:
    """A 2 x 2 red PNG, for a logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return io.BytesIO(data)


def numbered_template() -> Any:
    """A template whose Heading 1 is numbered by a list of its own (numId 77)."""
    from docx.oxml.parser import parse_xml

    template = docx.Document()
    numbering = template.part.numbering_part.element
    abstract = numbering.findall(qn("w:abstractNum"))[0].get(qn("w:abstractNumId"))
    numbering.append(
        parse_xml(
            '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            f'w:numId="77"><w:abstractNumId w:val="{abstract}"/></w:num>'
        )
    )
    pr = template.styles["Heading 1"].element.get_or_add_pPr()
    pr.get_or_add_numPr().get_or_add_numId().val = 77
    return template


def export(template: Any, tmp_path: Path, name: str) -> Any:
    path = tmp_path / f"{name}.docx"
    template.save(str(path))
    out = tmp_path / f"{name}-policy.docx"
    out.write_bytes(render(build(compose(language="da")), template=path))
    errors = [str(e) for e in openxml_audit.OpenXmlValidator().validate(str(out)).errors]
    assert errors == [], errors
    return docx.Document(str(out))


def has_picture(part: Any) -> bool:
    return next(part.part.element.iter(qn("w:drawing")), None) is not None


def codes(part: Any) -> str:
    return " ".join(t.text or "" for t in part.part.element.iter(qn("w:instrText")))


def test_a_logo_only_header_is_kept_and_the_page_number_goes_to_the_footer(tmp_path: Path) -> None:
    template = docx.Document()
    template.sections[0].header.paragraphs[0].add_run().add_picture(png())
    word = export(template, tmp_path, "logo")
    section = word.sections[0]
    assert has_picture(section.header)
    assert "PAGE" in codes(section.footer) and "NUMPAGES" in codes(section.footer)
    assert "Version 1.0" in section.footer.paragraphs[-1].text


def test_a_different_first_page_keeps_both_letterheads(tmp_path: Path) -> None:
    template = docx.Document()
    section = template.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].add_run().add_picture(png())
    section.first_page_header.add_paragraph("Brevpapir A/S · Havnegade 1 · 8000 Aarhus")
    section.header.paragraphs[0].add_run().add_picture(png())
    word = export(template, tmp_path, "first")
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert has_picture(section.first_page_header)
    assert "Brevpapir A/S" in "".join(p.text for p in section.first_page_header.paragraphs)
    assert "PAGE" not in codes(section.first_page_footer)  # the letterhead page stays clean
    assert has_picture(section.header)  # later pages keep their logo
    assert "PAGE" in codes(section.footer)


def test_a_letterhead_with_text_keeps_it_and_gains_page_and_version(tmp_path: Path) -> None:
    template = docx.Document()
    section = template.sections[0]
    section.header.paragraphs[0].text = "Brevpapir A/S"
    section.footer.paragraphs[0].text = "Havnegade 1 · 8000 Aarhus · CVR 12345678"
    word = export(template, tmp_path, "letter")
    section = word.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["Brevpapir A/S"]
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == "Havnegade 1 · 8000 Aarhus · CVR 12345678"
    assert footer[-1].startswith("Version 1.0 · ") and "Side" in footer[-1]
    assert "PAGE" in codes(section.footer)


def test_a_footer_with_its_own_page_number_is_not_given_a_second(tmp_path: Path) -> None:
    template = docx.Document()
    section = template.sections[0]
    section.header.paragraphs[0].text = "Brevpapir A/S"
    para = section.footer.paragraphs[0]
    para.text = "Side "
    from docx.oxml.parser import parse_xml

    para._p.append(
        parse_xml(
            '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    word = export(template, tmp_path, "paged")
    footer = word.sections[0].footer
    xml = footer.part.element.xml
    assert xml.count("PAGE") == 1  # theirs only
    assert "Version 1.0" in footer.paragraphs[-1].text  # the version line still added


def test_a_template_with_only_the_styles_it_uses_gets_lists_and_the_table_style(
    tmp_path: Path,
) -> None:
    template = docx.Document()
    styles = template.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        name = style.find(qn("w:name")).get(qn("w:val"))
        if name not in ("Normal", "heading 1", "Default Paragraph Font", "Normal Table"):
            styles.remove(style)
    numbering = template.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    word = export(template, tmp_path, "few")
    bullets = [p for p in word.paragraphs if p.style.name == "List Bullet"]
    steps = [p for p in word.paragraphs if p.style.name == "List Number"]
    assert bullets and steps
    nums = word.part.numbering_part.element
    bullet_num = word.styles["List Bullet"].element.pPr.numPr.numId.val
    assert any(n.numId == bullet_num for n in nums.num_lst)
    table_style = word.tables[0].style
    assert table_style is not None and table_style.name == "Light Grid Accent 1"
    assert word.tables[0].style.element.find(qn("w:tblPr") + "/" + qn("w:tblBorders")) is not None


def test_numbered_headings_and_a_libreoffice_save_give_valid_files(tmp_path: Path) -> None:
    import warnings
    import zipfile

    template = numbered_template()
    word = export(template, tmp_path, "numbered")
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"][0] == (
        "Formål og hvem politikken gælder for"
    )  # the template's number, not ours too
    assert word.styles["Heading 1"].element.pPr.numPr.numId.val == 77
    # LibreOffice writes docProps/core.xml twice into the zip
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src:
        parts = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    twice = tmp_path / "libreoffice.docx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        with zipfile.ZipFile(twice, "w") as dst:
            for name, blob in parts:
                dst.writestr(name, blob)
            dst.writestr("docProps/core.xml", dict(parts)["docProps/core.xml"])
    out = tmp_path / "lo-policy.docx"
    out.write_bytes(render(build(compose(language="da")), template=twice))
    assert [str(e) for e in openxml_audit.OpenXmlValidator().validate(str(out)).errors] == []
    with zipfile.ZipFile(out) as zf:
        assert len(zf.namelist()) == len(set(zf.namelist()))
