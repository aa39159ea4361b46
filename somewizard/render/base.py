"""The base document every policy starts from, shipped in the package as ``base.docx``.

python-docx's own default is US Letter with 1.25" margins, Word 2010 compatibility mode,
an Office 2007 theme (Cambria headings, the 2007 colours) and a stale Office 2010 styles
part. Ours is made from it once, here, and shipped: A4 with 2.5 cm margins, Word 2013+
compatibility and spacing, the current Office theme colours, Calibri for headings and text
(Carlito, its metric twin, stands in on Linux and in LibreOffice, so pages break alike),
no thumbnail and neutral extended properties. What depends on the language (the theme's
font language, the decimal symbol) and on the policy (its words, its company) is set at
export. ``python -m somewizard.render.base`` writes the file again; a test checks that
the shipped file is what this module builds.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

BASE = Path(__file__).with_name("base.docx")

_OFFICE_COLOURS = (
    ("dk2", "44546A"),
    ("lt2", "E7E6E6"),
    ("accent1", "4472C4"),
    ("accent2", "ED7D31"),
    ("accent3", "A5A5A5"),
    ("accent4", "FFC000"),
    ("accent5", "5B9BD5"),
    ("accent6", "70AD47"),
    ("hlink", "0563C1"),
    ("folHlink", "954F72"),
)
"""The Office theme's colours since Word 2013 (the 2007 theme had 1F497D, 4F81BD, ...)."""

_STYLE_COLOURS = {
    b"365F91": b"2F5496",  # accent1, shade BF: Heading 1
    b"4F81BD": b"4472C4",  # accent1: Heading 2-4, the Title's border
    b"17365D": b"323E4F",  # text 2, shade BF: Title
    b"1F497D": b"44546A",  # text 2
}
"""Colours python-docx's styles write out next to their theme colour, brought up to date."""

_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>somewizard</Application><DocSecurity>0</DocSecurity></Properties>"
)


def build() -> bytes:
    """The base document's bytes, made from python-docx's default document."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Twips

    word: Any = Document()
    for section in word.sections:
        section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4, as Word
        section.left_margin = section.right_margin = Twips(1417)  # 2.5 cm
        section.top_margin = section.bottom_margin = Twips(1417)
    spacing = word.styles.element.find(
        qn("w:docDefaults") + "/" + qn("w:pPrDefault") + "/" + qn("w:pPr") + "/" + qn("w:spacing")
    )
    if spacing is not None:  # Word 2013's defaults: 8 pt after, 1.08 lines
        spacing.set(qn("w:after"), "160")
        spacing.set(qn("w:line"), "259")
    for setting in word.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    part = word.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)
    out = io.BytesIO()
    word.save(out)
    return _package(out.getvalue())


def _package(data: bytes) -> bytes:
    """The saved package with the current theme, no thumbnail and fixed zip dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            name = info.filename
            if name.startswith("docProps/thumbnail") or name == "word/stylesWithEffects.xml":
                continue
            blob = src.read(name)
            if name == "word/theme/theme1.xml":
                blob = theme(blob)
            elif name == "word/styles.xml":
                for old, new in _STYLE_COLOURS.items():
                    blob = blob.replace(b'w:val="' + old + b'"', b'w:val="' + new + b'"')
            elif name == "docProps/app.xml":
                blob = _APP_XML
            elif name == "_rels/.rels":
                blob = re.sub(
                    rb"<Relationship [^>]*relationships/metadata/thumbnail[^>]*/>", b"", blob
                )
            elif name == "[Content_Types].xml":
                blob = re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", blob)
            fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, blob)
    return out.getvalue()


def theme(blob: bytes) -> bytes:
    """The theme with Calibri for headings and text and the current Office colours."""
    for block in (b"majorFont", b"minorFont"):
        pattern = rb"(<a:" + block + rb">\s*<a:latin typeface=\")[^\"]*"
        blob = re.sub(pattern, rb"\g<1>Calibri", blob, count=1)
    for name, rgb in _OFFICE_COLOURS:
        pattern = rb"(<a:" + name.encode() + rb">\s*<a:srgbClr val=\")[0-9A-Fa-f]{6}"
        blob = re.sub(pattern, rb"\g<1>" + rgb.encode(), blob, count=1)
    return re.sub(rb'(<a:clrScheme name=")[^"]*', rb"\g<1>Office", blob, count=1)


def main() -> int:
    """Write ``base.docx`` next to this module."""
    BASE.write_bytes(build())
    print(BASE)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
