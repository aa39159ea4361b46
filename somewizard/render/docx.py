"""PolicyDocument -> Word .docx, with Word's built-in styles so a company template works.

Imported only when exporting: python-docx costs start-up time the wizard does not need.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from ..document import BulletList, Paragraph, PolicyDocument, Section, Table, format_date
from ..errors import InputError

LANG_TAGS = {"da": "da-DK", "en": "en-GB"}
TABLE_STYLE = "Light Grid Accent 1"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Drop characters that XML (and so Word) cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def render(doc: PolicyDocument, template: Path | None = None) -> bytes:
    """The policy as the bytes of a .docx file.

    ``template`` is a company's own .docx whose styles, page setup, header and footer are
    used (its body text is dropped), the way pandoc's reference documents work.
    """
    word = _open(template)
    _set_language(word, LANG_TAGS.get(doc.language, "da-DK"))
    _set_properties(word, doc)
    _ensure_styles(word)
    _title_page(word, doc)
    for sec in doc.sections:
        _section(word, sec)
    _header_footer(word, doc, keep=template is not None)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _open(template: Path | None) -> Any:
    """A new document, or the template emptied of its body."""
    if template is None:
        return Document()
    name = str(template)
    try:
        found = template.is_file()
    except OSError as exc:
        raise InputError(f"cannot read template: {exc.strerror or exc}", file=name) from None
    if not found:
        raise InputError("template not found", file=name, hint="give a .docx file")
    try:
        word = Document(str(template))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"not a usable Word .docx template ({type(exc).__name__})",
            file=name,
            hint="save it from Word as .docx (not .doc or .dotx)",
        ) from None
    except Exception as exc:  # zip and XML errors vary between versions
        raise InputError(f"not a usable Word .docx template ({exc})", file=name) from None
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return word


def _set_language(word: Any, tag: str) -> None:
    """Set the proofing language of the whole document (so spell-check works)."""
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")
    for style in word.styles:
        style_rpr = style.element.find(qn("w:rPr"))
        if style_rpr is not None and (old := style_rpr.find(qn("w:lang"))) is not None:
            old.set(qn("w:val"), tag)


def _set_properties(word: Any, doc: PolicyDocument) -> None:
    """Title, subject, author, keywords and language in the file's properties."""
    props = word.core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.title = clean(f"{doc.title} – {doc.company}")[:255]
    props.subject = clean(doc.subtitle)[:255]
    props.author = clean(doc.company)[:255]
    props.last_modified_by = clean(doc.company)[:255]
    props.keywords = clean(", ".join(k for k in doc.keywords if k))[:255]
    props.language = LANG_TAGS.get(doc.language, "da-DK")
    props.version = clean(doc.version)[:255]
    props.category = clean(doc.title)[:255]
    props.comments = ""
    props.created = now
    props.modified = now
    props.revision = 1


def _ensure_styles(word: Any) -> None:
    """Add the TOC entry styles Word uses when it updates the contents."""
    names = {s.name.lower() for s in word.styles}
    for level in (1, 2):
        name = f"toc {level}"
        if name not in names:
            style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = word.styles["Normal"]
            style.paragraph_format.left_indent = Pt(14 * (level - 1))
            style.paragraph_format.space_after = Pt(3)


def _style(word: Any, name: str) -> Any:
    """A style by name, or Normal when a template lacks it."""
    try:
        return word.styles[name]
    except KeyError:
        return word.styles["Normal"]


def _title_page(word: Any, doc: PolicyDocument) -> None:
    """Title, company, key facts and the table of contents."""
    lab = doc.labels
    word.add_paragraph(clean(doc.title), style=_style(word, "Title"))
    word.add_paragraph(clean(doc.company), style=_style(word, "Subtitle"))
    word.add_paragraph(clean(doc.subtitle))
    facts = [
        (lab["version"], doc.version),
        (lab["effective"], format_date(doc.effective_date, doc.language)),
        (lab["review"], format_date(doc.review_date, doc.language)),
        (lab["owner"], doc.owner + (f" ({doc.contact})" if doc.contact else "")),
    ]
    for name, value in facts:
        para = word.add_paragraph()
        para.add_run(f"{name}: ").bold = True
        para.add_run(clean(value))
    word.add_paragraph(lab["contents"], style=_style(word, "TOC Heading"))
    _toc(word, doc)
    word.add_paragraph(lab["toc_hint"]).runs[0].italic = True
    word.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _field_run(para: DocxParagraph, kind: str, instr: str | None = None) -> None:
    """Append a field character (begin/separate/end) or instruction run to a paragraph."""
    run = para.add_run()
    if instr is not None:
        el = OxmlElement("w:instrText")
        el.set(qn("xml:space"), "preserve")
        el.text = instr
    else:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
    run._r.append(el)


def _toc(word: Any, doc: PolicyDocument) -> None:
    """A TOC field whose shown result already lists the headings (Word refreshes it)."""
    entries = [s for s in doc.walk() if s.level <= 2]
    first = word.add_paragraph(style=_style(word, "toc 1"))
    _field_run(first, "begin")
    _field_run(first, "", ' TOC \\o "1-2" \\h \\z \\u ')
    _field_run(first, "separate")
    para = first
    for i, sec in enumerate(entries):
        if i:
            para = word.add_paragraph(style=_style(word, f"toc {min(sec.level, 2)}"))
        para.add_run(clean(sec.heading))
    _field_run(para, "end")
    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def _section(word: Any, sec: Section) -> None:
    """One heading, its blocks and its sub-sections."""
    heading = word.add_paragraph(
        clean(sec.heading), style=_style(word, f"Heading {min(sec.level, 3)}")
    )
    if sec.new_page:
        heading.paragraph_format.page_break_before = True
    for block in sec.blocks:
        if isinstance(block, Paragraph):
            para = word.add_paragraph()
            if block.lead:
                para.add_run(clean(block.lead) + " ").bold = True
            para.add_run(clean(block.text))
        elif isinstance(block, BulletList):
            num_id = _restart_numbering(word) if block.ordered else None
            style = _style(word, "List Number" if block.ordered else "List Bullet")
            for item in block.items:
                para = word.add_paragraph(clean(item), style=style)
                if num_id is not None:
                    _set_num(para, num_id)
        elif isinstance(block, Table):
            _table(word, block)
    for sub in sec.sections:
        _section(word, sub)


def _table(word: Any, block: Table) -> None:
    """A real Word table with a repeated header row."""
    table = word.add_table(rows=1, cols=len(block.header))
    try:
        table.style = word.styles[TABLE_STYLE]
    except KeyError:
        table.style = _style(word, "Table Grid")
    for cell, text in zip(table.rows[0].cells, block.header):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = clean(text)
    word.add_paragraph()


def _restart_numbering(word: Any) -> int | None:
    """A new numbering instance that starts at 1, sharing the List Number definition."""
    try:
        style = word.styles["List Number"]
    except KeyError:
        return None
    num_pr = style.element.find(qn("w:pPr") + "/" + qn("w:numPr"))
    if num_pr is None or num_pr.find(qn("w:numId")) is None:
        return None
    base_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
    numbering = word.part.numbering_part.element
    abstract = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == base_id:
            abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    if abstract is None:
        return None
    new_id = 1 + max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num")))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abs_el = OxmlElement("w:abstractNumId")
    abs_el.set(qn("w:val"), abstract)
    num.append(abs_el)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return new_id


def _set_num(para: DocxParagraph, num_id: int) -> None:
    """Attach a paragraph to a numbering instance."""
    p_pr = para._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    p_pr.append(num_pr)


def _header_footer(word: Any, doc: PolicyDocument, *, keep: bool) -> None:
    """Company, title, version and date in the header; page X of Y in the footer.

    With a template that has its own header or footer text, that text is kept.
    """
    lab = doc.labels
    for section in word.sections:
        header = section.header
        if not (keep and any(p.text.strip() for p in header.paragraphs)):
            para = header.paragraphs[0]
            para.text = clean(
                f"{doc.company} · {doc.title} · {lab['version']} {doc.version} · "
                f"{format_date(doc.effective_date, doc.language)}"
            )
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer
        if not (keep and any(p.text.strip() for p in footer.paragraphs)):
            para = footer.paragraphs[0]
            para.text = ""
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(f"{lab['page']} ")
            _simple_field(para, "PAGE", "1")
            para.add_run(f" {lab['of']} ")
            _simple_field(para, "NUMPAGES", "1")


def _simple_field(para: DocxParagraph, instr: str, shown: str) -> None:
    """A field such as PAGE or NUMPAGES, with a shown value until Word updates it."""
    _field_run(para, "begin")
    _field_run(para, "", f" {instr} ")
    _field_run(para, "separate")
    para.add_run(shown)
    _field_run(para, "end")
