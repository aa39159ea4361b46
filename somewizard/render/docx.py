"""PolicyDocument -> Word .docx, with Word's built-in styles so a company template works.

Imported only when exporting: python-docx costs start-up time the wizard does not need.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph as DocxParagraph

from ..document import BulletList, Paragraph, PolicyDocument, Section, Table, format_date
from ..errors import InputError
from .base import BASE

LANG_TAGS = {"da": "da-DK", "en": "en-GB"}
TABLE_STYLE = "Light Grid Accent 1"
PART_STYLE = "Part"
AFTER_TABLE = "After Table"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Drop characters that XML (and so Word) cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def render(
    doc: PolicyDocument,
    template: Path | None = None,
    notes: list[str] | None = None,
    toc_pages: Sequence[str] | None = None,
) -> bytes:
    """The policy as the bytes of a .docx file.

    ``template`` is a company's own .docx whose styles, page setup, header and footer are
    used (its body text is dropped), the way pandoc's reference documents work. What was
    left out of it (macros, external links, other fields) is said in ``notes``.
    ``toc_pages`` (one page per contents entry, as LibreOffice laid the document out) are
    shown in the contents; without them Word fills them in when it opens the file.
    """
    word = _open(template, notes, doc.language)
    if template is None:
        _localise(word, doc.language)
    try:
        _set_language(word, LANG_TAGS.get(doc.language, "da-DK"))
        _set_properties(word, doc)
        body = _Body(word)
        _title_page(body, doc)
        front = [sec for sec in doc.sections if sec.front]
        for sec in front:  # "the policy on one page": a page of its own after the cover
            _section(body, sec, new_page=True)
        _contents(body, doc, toc_pages)
        for i, sec in enumerate(s for s in doc.sections if not s.front):
            _section(body, sec, new_page=i == 0)
        body.close()
        _header_footer(word, doc, keep=template is not None)
        _number_drawings(word)
        if template is None:  # the cover carries no running header or page number
            for section in word.sections:
                section.different_first_page_header_footer = True
        out = io.BytesIO()
        word.save(out)
        data = _finish_package(out.getvalue(), doc, body.words)
    except Exception as exc:
        if template is None:
            raise  # our own base document: a bug, not bad input
        # A company template can be odd in more ways than can be listed; whatever python-docx
        # trips over in it is one line about the template, not a traceback.
        raise InputError(
            f"not a usable Word .docx template ({type(exc).__name__})",
            file=str(template),
            hint="open it in Word and save it again as .docx",
            code="bad_template",
        ) from None
    return data


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Company>{company}</Company><Words>{words}</Words><Characters>{chars}</Characters>"
    "<Paragraphs>{paras}</Paragraphs><CharactersWithSpaces>{spaced}</CharactersWithSpaces>"
    "<Application>somewizard</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _finish_package(data: bytes, doc: PolicyDocument, words: list[str]) -> bytes:
    """The saved package with true extended properties and no stale thumbnail.

    The base document's ``app.xml`` counts nothing, and a company template's describe the
    template (and may carry its thumbnail).
    The page count is left to Word, which counts pages when it lays the document out.
    """
    text = " ".join(words)
    app = _APP_XML.format(
        company=_escape(clean(doc.company)),
        words=len(text.split()),
        chars=len("".join(text.split())),
        paras=len(words),
        spaced=len(text),
    ).encode("utf-8")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename.startswith("docProps/thumbnail"):
                continue
            blob = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                blob = app
            elif info.filename == "_rels/.rels":
                blob = re.sub(
                    rb"<Relationship [^>]*relationships/metadata/thumbnail[^>]*/>", b"", blob
                )
            dst.writestr(info, blob)
    return out.getvalue()


def _open(template: Path | None, notes: list[str] | None, lang: str) -> Any:
    """A new document, or the company's template rebuilt with only what a template lends."""
    if template is None:
        return Document(io.BytesIO(BASE.read_bytes()))
    from ..ui import t
    from .template import clean_template

    cleaned = clean_template(template)
    if notes is not None and cleaned.dropped:
        what = ", ".join(t(f"messages.dropped.{d}", lang) for d in cleaned.dropped)
        notes.append(t("messages.template_dropped", lang, name=template.name, what=what))
    try:
        word = Document(io.BytesIO(cleaned.data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"not a usable Word .docx template ({type(exc).__name__})",
            file=str(template),
            hint="save it from Word as .docx (not .doc or .dotx)",
            code="bad_template",
        ) from None
    except Exception as exc:  # zip and XML errors vary between versions
        raise InputError(
            f"not a usable Word .docx template ({exc})", file=str(template), code="bad_template"
        ) from None
    _complete_styles(word)
    return word


NEEDED_STYLES = (
    ("Title", "paragraph"),
    ("Subtitle", "paragraph"),
    ("Heading 1", "paragraph"),
    ("Heading 2", "paragraph"),
    ("List Bullet", "paragraph"),
    ("List Number", "paragraph"),
    ("TOC Heading", "paragraph"),
    ("Header", "paragraph"),
    ("Footer", "paragraph"),
    (TABLE_STYLE, "table"),
)
"""The styles the policy uses; a template that lacks one gets it from the base document."""


def _complete_styles(word: Any) -> None:
    """Add the styles the policy needs and a company template lacks.

    Word saves only the styles a document uses, so a letterhead template often has no
    List Bullet, List Number or table style; without them every bullet and step would be
    a plain paragraph and the roles table would have no borders. Each missing style comes
    from the base document with the styles it is based on or linked to, and a list style
    with its numbering, under ids the template does not use.
    """
    import copy

    ours = Document(io.BytesIO(BASE.read_bytes()))
    theirs = _Styles(word)
    base = _Styles(ours)
    wanted = [base.find(name, kind) for name, kind in NEEDED_STYLES if not theirs.find(name, kind)]
    queue = [w for w in wanted if w]
    taken = {el.get(qn("w:styleId")) for el in theirs.element.iterchildren(qn("w:style"))}
    # the template's own styles may name one it left out (a heading's linked character style)
    for style in theirs.element.iterchildren(qn("w:style")):
        for ref in ("basedOn", "link", "next"):
            found = style.find(qn(f"w:{ref}"))
            target = found.get(qn("w:val")) if found is not None else None
            if target and target not in taken:
                if base.element_of(target) is not None:
                    queue.append(target)
                else:
                    style.remove(found)
    added: set[str] = set()
    while queue:
        style_id = queue.pop(0)
        if style_id in added or style_id in taken:
            continue
        element = base.element_of(style_id)
        if element is None:
            continue
        element = copy.deepcopy(element)
        for ref in ("basedOn", "link", "next"):
            found = element.find(qn(f"w:{ref}"))
            if found is not None:
                queue.append(found.get(qn("w:val")))
        num_id = element.find(qn("w:pPr") + "/" + qn("w:numPr") + "/" + qn("w:numId"))
        if num_id is not None:
            new = _copy_numbering(ours, word, num_id.get(qn("w:val")))
            if new is None:
                element.find(qn("w:pPr")).remove(element.find(qn("w:pPr") + "/" + qn("w:numPr")))
            else:
                num_id.set(qn("w:val"), str(new))
        element.attrib.pop(qn("w:default"), None)
        theirs.element.append(element)
        added.add(style_id)


def _copy_numbering(src: Any, dst: Any, num_id: str | None) -> int | None:
    """Copy one numbering (``w:num`` and its ``w:abstractNum``) into ``dst``; its new id."""
    import copy

    try:
        source = src.part.numbering_part.element
        target = dst.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None
    num = next((n for n in source.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
    if num is None:
        return None
    ref = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        (a for a in source.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == ref),
        None,
    )
    if abstract is None:
        return None
    new_abstract, new_num = _next_id(target, "abstractNum"), _next_id(target, "num")
    abstract = copy.deepcopy(abstract)
    abstract.set(qn("w:abstractNumId"), str(new_abstract))
    for link in abstract.findall(qn("w:styleLink")) + abstract.findall(qn("w:numStyleLink")):
        abstract.remove(link)
    _add_abstract(target, abstract)
    num = copy.deepcopy(num)
    num.set(qn("w:numId"), str(new_num))
    num.find(qn("w:abstractNumId")).set(qn("w:val"), str(new_abstract))
    target.append(num)
    return new_num


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    """``parent``'s child ``tag``, added (as its first child, or its last) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _set_language(word: Any, tag: str) -> None:
    """Set the proofing language of the whole document (so spell-check works)."""
    styles = word.styles.element
    defaults = _child(styles, "w:docDefaults", first=True)
    rpr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")
    for old in styles.xpath("w:style/w:rPr/w:lang"):
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


class _Styles:
    """The document's style ids by name, read in one pass over its styles.

    python-docx searches every style on each lookup by name and for each default; this
    reads them once. Names are Word's English UI names, matched without regard to case
    (Word stores ``Heading 1`` as ``heading 1``), so a template's own (even translated)
    style ids are found.
    """

    def __init__(self, word: Any) -> None:
        self.element = word.styles.element
        self.by_name: dict[str, tuple[str | None, str | None]] = {}
        self.default: dict[str | None, str | None] = {}
        for style in self.element.iterchildren(qn("w:style")):
            kind, style_id = style.get(qn("w:type")), style.get(qn("w:styleId"))
            name = style.find(qn("w:name"))
            if name is not None:
                self.by_name.setdefault(str(name.get(qn("w:val"))).lower(), (kind, style_id))
            if style.get(qn("w:default")) in ("1", "true", "on"):
                self.default[kind] = style_id

    def find(self, name: str, kind: str = "paragraph") -> str | None:
        """The id of a style of ``kind`` by name, or None when there is none."""
        found_kind, style_id = self.by_name.get(name.lower(), (None, None))
        return style_id if found_kind == kind else None

    def use(self, name: str, kind: str = "paragraph") -> str | None:
        """The id to write for a style: None for the default style, and for a style the
        document lacks (which then falls back to the default, Normal for paragraphs)."""
        style_id = self.find(name, kind)
        return None if style_id == self.default.get(kind) else style_id

    def ensure_toc(self) -> None:
        """Add the TOC entry styles Word uses when it updates the contents."""
        normal = self.default.get("paragraph") or "Normal"
        for level in (1, 2):
            name = f"toc {level}"
            if self.find(name) is None:
                style_id = f"TOC{level}"
                self.element.append(
                    parse_xml(
                        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" '
                        f'w:styleId="{style_id}"><w:name w:val="{name}"/>'
                        f'<w:basedOn w:val="{_escape(normal)}"/><w:pPr>'
                        f'<w:spacing w:after="60"/><w:ind w:left="{280 * (level - 1)}"/>'
                        "</w:pPr></w:style>"
                    )
                )
                self.by_name[name] = ("paragraph", style_id)

    def _add(self, name: str, kind: str, xml: str) -> None:
        """Add a style the document lacks (its id is its name without spaces)."""
        style_id = name.replace(" ", "")
        self.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="{kind}" w:customStyle="1" '
                f'w:styleId="{style_id}"><w:name w:val="{name}"/>{xml}</w:style>'
            )
        )
        self.by_name[name.lower()] = (kind, style_id)

    def ensure_lead_in(self) -> None:
        """The character style of the bold lead-ins (Word's own Strong)."""
        if self.find("Strong", "character") is None:
            self._add(
                "Strong",
                "character",
                '<w:uiPriority w:val="22"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr>',
            )

    def ensure_after_table(self) -> None:
        """A body paragraph that follows a table, with room above it (no empty paragraph)."""
        if self.find(AFTER_TABLE) is None:
            normal = self.default.get("paragraph") or "Normal"
            self._add(
                AFTER_TABLE,
                "paragraph",
                f'<w:basedOn w:val="{_escape(normal)}"/><w:qFormat/>'
                '<w:pPr><w:spacing w:before="240"/></w:pPr>',
            )

    def ensure_part(self) -> None:
        """The heading of a part (Del A, Del B): at the chapters' outline level, unnumbered."""
        if self.find(PART_STYLE) is not None:
            return
        base = self.find("Heading 1") or self.default.get("paragraph") or "Normal"
        normal = self.default.get("paragraph") or "Normal"
        self._add(
            PART_STYLE,
            "paragraph",
            f'<w:basedOn w:val="{_escape(base)}"/><w:next w:val="{_escape(normal)}"/>'
            '<w:qFormat/><w:pPr><w:keepNext/><w:pageBreakBefore/><w:numPr><w:numId w:val="0"/></w:numPr>'
            '<w:spacing w:before="720" w:after="240"/><w:outlineLvl w:val="0"/></w:pPr>'
            '<w:rPr><w:sz w:val="36"/></w:rPr>',
        )

    def element_of(self, style_id: str) -> Any:
        """The ``w:style`` element with this id."""
        for style in self.element.iterchildren(qn("w:style")):
            if style.get(qn("w:styleId")) == style_id:
                return style
        return None


_BEFORE_NUMPR = {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl"}


def _number_headings(word: Any, styles: _Styles) -> bool:
    """Let Word number the chapters: a list linked to Heading 1 ("1.", "2.", ...).

    True when Heading 1 is numbered (by this list, or by a template's own numbering, which
    is then kept as it is); False when the document has no Heading 1 to link it to.
    """
    style_id = styles.find("Heading 1")
    style = styles.element_of(style_id) if style_id else None
    if style is None:
        return False
    ppr = style.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        return True  # the template numbers its headings: keep its numbering
    try:
        numbering = word.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return False
    abstract_id, num_id = _next_id(numbering, "abstractNum"), _next_id(numbering, "num")
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/><w:pStyle w:val="{_escape(style_id or "")}"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>'
    )
    _add_abstract(numbering, abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    _set_num(style, num_id)
    # The contents' heading is based on Heading 1 in Word's own styles: not a chapter.
    toc = styles.find("TOC Heading")
    toc_style = styles.element_of(toc) if toc else None
    if toc_style is not None:
        _set_num(toc_style, 0)
    return True


def _next_id(numbering: Any, kind: str) -> int:
    """An id no ``w:num`` (or ``w:abstractNum``) in the numbering part uses yet."""
    attr = qn("w:numId" if kind == "num" else "w:abstractNumId")
    ids = [el.get(attr) or "" for el in numbering.findall(qn(f"w:{kind}"))]
    return 1 + max((int(i) for i in ids if i.isdigit()), default=0)


def _add_abstract(numbering: Any, abstract: Any) -> None:
    """Add an ``w:abstractNum`` where the schema wants it: before every ``w:num``."""
    first = numbering.find(qn("w:num"))
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)


def _set_num(style: Any, num_id: int) -> None:
    """Give a paragraph style a numbering (0: none, also when it inherits one)."""
    ppr = style.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            rpr.addprevious(ppr)
        else:
            style.append(ppr)
    old = ppr.find(qn("w:numPr"))
    if old is not None:
        ppr.remove(old)
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>')
    names = (c.tag.rsplit("}", 1)[-1] if isinstance(c.tag, str) else "" for c in ppr)
    after = next((c for c, n in zip(ppr, names) if n not in _BEFORE_NUMPR), None)
    if after is not None:
        after.addprevious(num_pr)
    else:
        ppr.append(num_pr)


def _escape(text: str) -> str:
    """Text or an attribute value as XML.

    ``xml.sax.saxutils.escape`` does the same, but importing it loads ``urllib.request``
    and with it ``http.client`` and ``email``: about 10 % of an export.
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _run(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """A run of text, as python-docx's ``add_run`` writes it: a tab is ``w:tab``, a line
    break ``w:br``."""
    if not text:
        return ""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    out = [f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"]
    for piece in _BREAKS.split(clean(text)):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            out.append(f"<w:t{space}>{_escape(piece)}</w:t>")
    out.append("</w:r>")
    return "".join(out)


_BREAKS = re.compile("([\t\r\n])")
_PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def _field(kind: str) -> str:
    """A field character run: begin, separate or end."""
    dirty = ' w:dirty="true"' if kind == "begin" else ""
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{dirty}/></w:r>'


def _instruction(instr: str) -> str:
    """A field's instruction run, such as `` TOC \\o "1-2" ``."""
    return f'<w:r><w:instrText xml:space="preserve">{_escape(instr)}</w:instrText></w:r>'


class _Body:
    """The document body, written as WordprocessingML text and parsed once at the end.

    python-docx's own ``add_paragraph(style=...)`` searches every style for the default one
    on each call; for a policy of ~200 paragraphs that was most of an export. The XML here
    is what python-docx writes for the same calls, and the styles are still looked up by
    name, so a company template's own (even translated) style ids are used.
    """

    def __init__(self, word: Any) -> None:
        self.word = word
        self.styles = _Styles(word)
        self.styles.ensure_toc()
        self.styles.ensure_lead_in()
        self.styles.ensure_part()
        self.styles.ensure_after_table()
        self.numbered = _number_headings(word, self.styles)
        self.parts: list[str] = []
        self.after_table = False
        """The last block was a table: the next paragraph takes the After Table style."""
        self.words: list[str] = []
        """The text of every paragraph, for the file's word count."""

    def para(
        self,
        *runs: str,
        style: str | None = None,
        page_break_before: bool = False,
        num_id: int | None = None,
        keep_next: bool = False,
        text: str = "",
        tab_stop: int | None = None,
    ) -> None:
        """Add a paragraph of the given runs (``text``: their words, for the word count);
        ``tab_stop`` (twips) is a right-aligned tab with a dotted leader, as contents have."""
        if self.after_table and style is None:
            style = AFTER_TABLE
        self.after_table = False
        props = ""
        style_id = self.styles.use(style) if style else None
        if style_id:
            props += f'<w:pStyle w:val="{_escape(style_id)}"/>'
        if keep_next:
            props += "<w:keepNext/>"
        if page_break_before:
            props += "<w:pageBreakBefore/>"
        if num_id is not None:
            props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        if tab_stop is not None:
            props += f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tab_stop}"/></w:tabs>'
        props = f"<w:pPr>{props}</w:pPr>" if props else ""
        self.parts.append(f"<w:p>{props}{''.join(runs)}</w:p>")
        if text:
            self.words.append(text)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """A table in the policy's table style: columns as wide as their words need, rows
        that never split across pages, kept together, the header row on every page."""
        name = TABLE_STYLE if self.styles.find(TABLE_STYLE, "table") else "Table Grid"
        style_id = self.styles.use(name, "table")
        style = f'<w:tblStyle w:val="{_escape(style_id)}"/>' if style_id else ""
        widths = _column_widths(header, rows, self.word._block_width // 635)  # EMU to twips
        out = [
            f'<w:tbl><w:tblPr>{style}<w:tblW w:type="dxa" w:w="{sum(widths)}"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
            'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        last = len(rows)
        for i, row in enumerate([header, *rows]):
            head = "<w:tblHeader/>" if i == 0 else ""
            keep = "<w:pPr><w:keepNext/></w:pPr>" if i < last else ""
            out.append(f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>")
            for width, text in zip(widths, row):
                run = _run(text, bold=i == 0)
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
                    f"<w:p>{keep}{run}</w:p></w:tc>"
                )
            out.append("</w:tr>")
            self.words.append(" ".join(row))
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        self.after_table = True

    def lead(self, text: str) -> str:
        """A bold lead-in, in the document's Strong character style (a template restyles it)."""
        style_id = self.styles.use("Strong", "character")
        if not style_id:
            return _run(text, bold=True)
        run = _run(text)
        return run.replace(
            "<w:r>", f'<w:r><w:rPr><w:rStyle w:val="{_escape(style_id)}"/></w:rPr>', 1
        )

    def close(self) -> None:
        """Parse what was written and put it in the document, before its section settings."""
        fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self.parts)}</w:body>")
        body = self.word.element.body
        end = body.find(qn("w:sectPr"))
        for element in list(fragment):
            if end is not None:
                end.addprevious(element)
            else:
                body.append(element)
        self.parts = []


def _title_page(body: _Body, doc: PolicyDocument) -> None:
    """The cover: title, company and key facts."""
    lab = doc.labels
    body.para(_run(doc.title), style="Title", text=doc.title)
    body.para(_run(doc.company), style="Subtitle", text=doc.company)
    body.para(_run(doc.subtitle), text=doc.subtitle)
    facts = [
        (lab["version"], doc.version),
        (lab["effective"], format_date(doc.effective_date, doc.language)),
        (lab["review"], format_date(doc.review_date, doc.language)),
        (lab["owner"], doc.owner + (f" ({doc.contact})" if doc.contact else "")),
    ]
    for name, value in facts:
        body.para(body.lead(f"{name}: "), _run(value), text=f"{name}: {value}")


def _contents(body: _Body, doc: PolicyDocument, pages: Sequence[str] | None) -> None:
    """The contents on a page of their own (after the cover and the one-page summary)."""
    body.para(_run(doc.labels["contents"]), style="TOC Heading", page_break_before=True)
    _toc(body, doc, pages)


def _toc(body: _Body, doc: PolicyDocument, pages: Sequence[str] | None = None) -> None:
    """A TOC field whose shown result already lists the headings, with their pages when
    they are known (Word refreshes the field when it opens the file)."""
    entries = [s for s in doc.walk() if s.level <= 2 and not s.front]
    if pages is not None and len(pages) != len(entries):
        pages = None
    width = body.word._block_width // 635  # the text width, as the tables use it (EMU to twips)
    start = [_field("begin"), _instruction(' TOC \\o "1-2" \\h \\z \\u '), _field("separate")]
    if not entries:
        body.para(*start, _field("end"), style="toc 1")
    for i, sec in enumerate(entries):
        runs = [*(start if i == 0 else []), _run(sec.heading)]
        if pages is not None:
            runs.append(_run("\t" + pages[i]))
        if i == len(entries) - 1:
            runs.append(_field("end"))
        level = min(sec.level, 2) if i else 1
        body.para(*runs, style=f"toc {level}", tab_stop=width if pages is not None else None)
    settings = body.word.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        _insert_setting(settings, update)


_AFTER_UPDATE_FIELDS = [
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]
"""The settings that the schema (CT_Settings) puts after ``w:updateFields``, in order."""


def _insert_setting(settings: Any, element: Any) -> None:
    """Put ``w:updateFields`` where the schema wants it: before every later setting."""
    later = set(_AFTER_UPDATE_FIELDS)
    for i, child in enumerate(settings):
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in later:
            settings.insert(i, element)
            return
    settings.append(element)


def _localise(word: Any, lang: str) -> None:
    """Our base document's settings for the language (never a company's template's): the
    theme's font language, and in Danish the decimal comma and the list separator."""
    settings = word.settings.element
    tag = LANG_TAGS.get(lang, "da-DK")
    for font_lang in settings.iter(qn("w:themeFontLang")):
        font_lang.set(qn("w:val"), tag)
    symbols = {"decimalSymbol": ",", "listSeparator": ";"} if lang == "da" else {}
    for name, value in symbols.items():
        for el in settings.iter(qn(f"w:{name}")):
            el.set(qn("w:val"), value)


def _section(body: _Body, sec: Section, *, new_page: bool = False) -> None:
    """One heading, its blocks and its sub-sections.

    Word numbers the chapters (the heading style's own list), so the number is not typed
    into the text: a chapter inserted in Word renumbers the rest. Every chapter is a
    Heading 1, whether it sits in a part or not; a part is a "Part" heading above them.
    """
    if sec.front:  # before the contents, and not listed in them: unnumbered, outside the outline
        style = "TOC Heading"
    elif sec.number:
        style = "Heading 1"
    elif sec.level == 1:  # a part, or the appendix: above the chapters, unnumbered
        style = PART_STYLE
    else:
        style = "Heading 2"
    title = sec.title if body.numbered else sec.heading
    body.para(
        _run(title),
        style=style,
        page_break_before=sec.new_page or new_page,
        text=title,
    )
    for i, block in enumerate(sec.blocks):
        before_table = i + 1 < len(sec.blocks) and isinstance(sec.blocks[i + 1], Table)
        if isinstance(block, Paragraph):
            lead = [body.lead(block.lead + " ")] if block.lead else []
            body.para(
                *lead,
                _run(block.text),
                keep_next=before_table,
                text=f"{block.lead} {block.text}".strip(),
            )
        elif isinstance(block, BulletList):
            num_id = _restart_numbering(body.word) if block.ordered else None
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                body.para(_run(item), style=style, num_id=num_id, text=item)
        elif isinstance(block, Table):
            body.table(block.header, block.rows)
    for sub in sec.sections:
        _section(body, sub)


def _column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> list[int]:
    """Column widths in twips that fit the longest word of each column (so no word breaks in
    the middle), with the room left shared by how much text each column holds."""
    columns = list(zip(header, *rows)) if rows else [(h,) for h in header]
    char, pad = 125, 230  # an 11 pt character (bold, to be safe) and the cell margins
    need = [
        pad + char * max((len(w) for c in col for w in c.split()), default=1) for col in columns
    ]
    if sum(need) >= total:
        return [total * n // sum(need) for n in need]
    text = [sum(len(c) for c in col) or 1 for col in columns]
    spare = total - sum(need)
    return [n + spare * t // sum(text) for n, t in zip(need, text)]


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
    try:
        numbering = word.part.numbering_part.element
    except (KeyError, NotImplementedError):  # no numbering part to add to
        return None
    abstract = None
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if num.get(qn("w:numId")) == base_id and ref is not None:
            abstract = ref.get(qn("w:val"))
    if abstract is None:
        return None
    new_id = _next_id(numbering, "num")
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


def _header_footer(word: Any, doc: PolicyDocument, *, keep: bool) -> None:
    """Company, title, version and date in the header; page X of Y in the footer.

    A company template's headers and footers are its letterhead: whatever is in them (text,
    a logo, a table) is kept whole, and a first page of its own is left as it is. What
    the policy needs is added as a new paragraph of the footer: the page number when the
    footer has no page field, the version line when the header is the template's.
    """
    lab = doc.labels
    date = format_date(doc.effective_date, doc.language)
    version = clean(f"{lab['version']} {doc.version} · {date}")
    for section in word.sections:
        pairs = [(section.header, section.footer)]
        if keep and word.settings.odd_and_even_pages_header_footer:
            pairs.append((section.even_page_header, section.even_page_footer))
        for header, footer in pairs:
            ours = not (keep and _has_content(header))
            if ours:
                para = header.paragraphs[0]
                para.text = clean(f"{doc.company} · {doc.title} · ") + version
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if not (keep and _has_content(footer)):
                para = footer.paragraphs[0]
                para.text = ""
            elif "PAGE" not in _field_codes(footer) or not ours:
                para = footer.add_paragraph()
            else:
                continue
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if not ours:
                para.add_run(version + " · ")
            if "PAGE" not in _field_codes(footer):
                para.add_run(f"{lab['page']} ")
                _simple_field(para, "PAGE", "1")
                para.add_run(f" {lab['of']} ")
                _simple_field(para, "NUMPAGES", "1")


def _number_drawings(word: Any) -> None:
    """Give every picture a document-wide unique id (``wp:docPr``), as Word requires.

    Pictures in a template's headers often share one (each header was made on its own).
    """
    tag = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    next_id = 1
    for part in word.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None:
            continue
        for doc_pr in element.iter(tag):
            doc_pr.set("id", str(next_id))
            next_id += 1


def _has_content(part: Any) -> bool:
    """Whether a header or footer holds anything: text, a picture, a shape or a table."""
    if part.is_linked_to_previous:
        return False
    element = part.part.element
    if any(p.text.strip() for p in part.paragraphs):
        return True
    kinds = ("drawing", "pict", "object", "tbl", "fldSimple", "fldChar", "sdt")
    return next(element.iter(*(qn(f"w:{k}") for k in kinds)), None) is not None


def _field_codes(part: Any) -> str:
    """The instructions of every field in a header or footer, e.g. `` PAGE  NUMPAGES ``."""
    if part.is_linked_to_previous:
        return ""
    element = part.part.element
    codes = [t.text or "" for t in element.iter(qn("w:instrText"))]
    codes += [f.get(qn("w:instr")) or "" for f in element.iter(qn("w:fldSimple"))]
    return " ".join(codes)


def _simple_field(para: DocxParagraph, instr: str, shown: str) -> None:
    """A field such as PAGE or NUMPAGES, with a shown value until Word updates it."""
    runs = [_field("begin"), _instruction(f" {instr} "), _field("separate"), _run(shown)]
    fragment = parse_xml(f"<w:p {nsdecls('w')}>{''.join(runs)}{_field('end')}</w:p>")
    for run in list(fragment):
        para._p.append(run)
