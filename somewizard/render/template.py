"""A company's Word file as a style template: only what a style template is for, rebuilt.

The template's package is never opened as it is. A new package is built from it with the
parts a reference document lends (styles, numbering, theme, fonts, settings, the page
setup, headers and footers with their pictures) and nothing else: no macros, no attached
or external templates, no fields but page numbers, no embedded objects, no custom XML, no
document properties. Each kind of thing left out is named, so the user can be told.
The zip is read with limits (parts, bytes unpacked), and XML with a DOCTYPE is refused.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..yamlio import read_bytes

MAX_FILE = 20_000_000
"""Largest template file (20 MB); a letterhead template is a few hundred kB."""
MAX_UNPACKED = 60_000_000
"""Most bytes unpacked from a template, however well they compress (stops zip bombs)."""
MAX_PARTS = 2_000

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
KEPT = {
    f"{R}/styles": f"{WML}.styles+xml",
    f"{R}/numbering": f"{WML}.numbering+xml",
    f"{R}/theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    f"{R}/fontTable": f"{WML}.fontTable+xml",
    f"{R}/settings": f"{WML}.settings+xml",
    f"{R}/header": f"{WML}.header+xml",
    f"{R}/footer": f"{WML}.footer+xml",
}
"""The document's relationships a style template lends, with their parts' content types."""
IMAGE = f"{R}/image"
IMAGE_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
    "svg": "image/svg+xml",
    "tif": "image/tiff",
    "tiff": "image/tiff",
}
FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")
"""Fields kept in a header or footer; any other (DDEAUTO, INCLUDETEXT, ...) is taken out."""
ROOTS = {
    f"{R}/styles": f"{{{W}}}styles",
    f"{R}/numbering": f"{{{W}}}numbering",
    f"{R}/theme": "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
    f"{R}/fontTable": f"{{{W}}}fonts",
    f"{R}/settings": f"{{{W}}}settings",
    f"{R}/header": f"{{{W}}}hdr",
    f"{R}/footer": f"{{{W}}}ftr",
}
"""What each kept part's root element must be; a part with another root is left out."""
NAMES = {
    f"{R}/styles": "word/styles.xml",
    f"{R}/numbering": "word/numbering.xml",
    f"{R}/theme": "word/theme/theme{n}.xml",
    f"{R}/fontTable": "word/fontTable.xml",
    f"{R}/settings": "word/settings.xml",
    f"{R}/header": "word/header{n}.xml",
    f"{R}/footer": "word/footer{n}.xml",
}
MAX_ELEMENTS = 300_000
"""Most XML elements in one part (a real styles part has a few thousand)."""
FORMATS = {"MERGEFORMAT", "CHARFORMAT", "ARABIC", "ROMAN", "ALPHABETIC", "ORDTEXT", "CARDTEXT"}
"""What may follow PAGE or NUMPAGES in a field's instruction: its formatting switches."""
SETTINGS_DROPPED = (
    "attachedTemplate",
    "docVars",
    "mailMerge",
    "updateFields",
    "linkStyles",
    "footnotePr",  # they point into footnote and endnote parts, which are not carried
    "endnotePr",
    "rsids",
)


@dataclass
class Cleaned:
    """The rebuilt template, and what kinds of things were left out of it."""

    data: bytes
    dropped: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        if what not in self.dropped:
            self.dropped.append(what)


def clean_template(path: Path) -> Cleaned:
    """Read ``path`` and rebuild it as a safe style template (see the module's doc)."""
    name = str(path)
    raw = read_bytes(path, "template", MAX_FILE)
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(
            "not a usable Word .docx template (it is not a zip package)",
            file=name,
            hint="save it from Word as .docx (not .doc or .dotx)",
            code="bad_template",
        ) from None
    if len(infos) > MAX_PARTS:
        raise InputError(
            f"the template has too many parts (over {MAX_PARTS:,})",
            file=name,
            code="template_too_big",
        )
    reader = _Reader(zf, {i.filename: i for i in infos}, name)  # a name twice: the last
    out = Cleaned(b"")
    if any(n.lower().endswith("vbaproject.bin") for n in reader.infos):
        out.note("macros")
    main = _main_part(reader)
    rels = reader.rels(main)
    parts: dict[str, tuple[bytes, str]] = {}
    doc_rels: list[tuple[str, str, str]] = []
    counter: dict[str, int] = {}
    for rid, (rtype, target, external) in rels.items():
        if external:
            out.note("external")
            continue
        if rtype not in KEPT:
            if "vba" in rtype.lower():
                out.note("macros")
            elif "comments" in rtype or "glossary" in rtype:
                out.note("parts")  # webSettings, footnotes, custom XML: nothing to say
            continue
        part = _resolve(main, target)
        if part not in reader.infos:
            continue
        xml = reader.xml(part, optional=rtype != f"{R}/styles")
        if xml is not None and xml.tag != ROOTS[rtype]:
            if rtype == f"{R}/styles":
                raise InputError(
                    "the template's styles are not Word styles", file=name, code="bad_template"
                )
            xml = None
        if xml is None:
            out.note("parts")
            continue
        # Names of our own: a header stored as sub/styles.xml must not become the styles.
        counter[rtype] = counter.get(rtype, 0) + 1
        new = NAMES[rtype].format(n=counter[rtype])
        if rtype in (f"{R}/header", f"{R}/footer"):
            xml = _clean_story(xml, reader, part, new, parts, out)
        elif rtype == f"{R}/settings":
            xml = _clean_settings(xml)
        parts[new] = (_serialise(xml), KEPT[rtype])
        doc_rels.append((rid, rtype, posixpath.relpath(new, "word")))
    if not any(t == f"{R}/styles" for _, t, _ in doc_rels):
        raise InputError(
            "the template has no styles",
            file=name,
            hint="save it from Word as .docx",
            code="bad_template",
        )
    document = reader.xml(main, optional=False)
    if document is None or document.tag != f"{{{W}}}document":
        raise InputError(
            "not a usable Word .docx template (no Word document in it)",
            file=name,
            code="bad_template",
        )
    body = _only_page_setup(document, {rid for rid, _, _ in doc_rels}, out)
    parts["word/document.xml"] = (_serialise(body), f"{WML}.document.main+xml")
    if not any(t == f"{R}/numbering" for _, t, _ in doc_rels):
        parts["word/numbering.xml"] = (_default_numbering(), KEPT[f"{R}/numbering"])
        doc_rels.append(("rIdSomewizardNumbering", f"{R}/numbering", "numbering.xml"))
    parts["word/_rels/document.xml.rels"] = (_rels_xml(doc_rels), "")
    out.data = _package(parts)
    return out


class _Reader:
    """The template's zip, read with a budget for the bytes unpacked."""

    def __init__(self, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], name: str) -> None:
        self.zf, self.infos, self.name = zf, infos, name
        self.budget = MAX_UNPACKED

    def read(self, part: str) -> bytes:
        info = self.infos[part]
        try:
            with self.zf.open(info) as fh:
                data = fh.read(self.budget + 1)  # the header's size may lie
        except Exception as exc:  # bad CRC, corrupt deflate or LZMA data, encryption, ...
            raise InputError(
                f"the template's {part} cannot be read ({type(exc).__name__})",
                file=self.name,
                code="bad_template",
            ) from None
        self.budget -= len(data)
        if self.budget < 0:
            raise InputError(
                f"the template unpacks to more than {MAX_UNPACKED // 1_000_000} MB",
                file=self.name,
                code="template_too_big",
            )
        return data

    def xml(self, part: str, *, optional: bool) -> Any:
        """A part as XML; None for an optional one that is not plain, safe, modest XML."""
        from lxml import etree

        data = self.read(part)
        try:
            # Counted first, element by element and cleared as it goes, so a flood of
            # tiny elements is refused before it takes the memory of a whole tree.
            events = etree.iterparse(
                io.BytesIO(data),
                events=("end",),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
            )
            for count, (_, el) in enumerate(events, 1):
                if count > MAX_ELEMENTS:
                    raise InputError(
                        f"the template's {part} is too large (over {MAX_ELEMENTS:,} elements)",
                        file=self.name,
                        code="template_too_big",
                    )
                el.clear()
            parser = etree.XMLParser(
                resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
            )
            tree = etree.parse(io.BytesIO(data), parser)
            if getattr(tree.docinfo, "doctype", ""):
                raise ValueError("a DOCTYPE")
        except (etree.XMLSyntaxError, ValueError) as exc:
            if optional:
                return None
            raise InputError(
                f"the template's {part} is not usable XML ({exc})",
                file=self.name,
                code="bad_template",
            ) from None
        return tree.getroot()

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """The relationships of a part: id -> (type, target, external)."""
        rels_part = posixpath.join(
            posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels"
        )
        if rels_part not in self.infos:
            return {}
        root = self.xml(rels_part, optional=True)
        if root is None:
            return {}
        return {
            str(rel.get("Id")): (
                str(rel.get("Type")),
                str(rel.get("Target")),
                rel.get("TargetMode") == "External",
            )
            for rel in root.iter(f"{{{PKG_REL}}}Relationship")
        }


def _resolve(source: str, target: str) -> str:
    """A relationship's target as a part name: relative to its source, or from the root."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _main_part(reader: _Reader) -> str:
    for rtype, target, external in reader.rels("").values():
        if rtype.endswith("/officeDocument") and not external:
            part = target.lstrip("/")
            if part in reader.infos:
                return part
    if "word/document.xml" in reader.infos:
        return "word/document.xml"
    raise InputError(
        "not a usable Word .docx template (it has no document part)",
        file=reader.name,
        hint="save it from Word as .docx",
        code="bad_template",
    )


def _only_page_setup(document: Any, kept: set[str], out: Cleaned) -> Any:
    """The document with an empty body but for its last page setup (sectPr)."""
    from lxml import etree

    body = document.find(f"{{{W}}}body")
    if body is None:
        body = etree.SubElement(document, f"{{{W}}}body")
    sect = body.find(f"{{{W}}}sectPr")
    for child in list(body):
        body.remove(child)
    if sect is None:  # valid, but the policy needs a page setup to build on
        sect = _default_page_setup()
    for ref in list(sect):
        rid = ref.get(f"{{{R}}}id")
        if rid is not None and rid not in kept:
            sect.remove(ref)  # a printer-settings part, or a reference to something dropped
    body.append(sect)
    return document


def _clean_settings(root: Any) -> Any:
    """Settings without a link to an attached template, document variables or mail merge."""
    for tag in SETTINGS_DROPPED:
        for el in root.findall(f"{{{W}}}{tag}"):
            root.remove(el)
    return root


def _clean_story(
    root: Any,
    reader: _Reader,
    part: str,
    new: str,
    parts: dict[str, tuple[bytes, str]],
    out: Cleaned,
) -> Any:
    """A header or footer with its pictures, page-number fields and nothing active."""
    kept_rels: list[tuple[str, str, str]] = []
    for rid, (rtype, target, external) in reader.rels(part).items():
        media = _resolve(part, target)
        ext = media.rsplit(".", 1)[-1].lower()
        if external:
            out.note("external")
        elif rtype == IMAGE and ext in IMAGE_TYPES and media in reader.infos:
            name = f"word/media/{posixpath.basename(new).split('.')[0]}-{rid}.{ext}"
            parts[name] = (reader.read(media), IMAGE_TYPES[ext])
            kept_rels.append((rid, rtype, posixpath.relpath(name, "word")))
        elif "oleObject" in rtype or "package" in rtype or "control" in rtype:
            out.note("objects")
    kept = {rid for rid, _, _ in kept_rels}
    _drop_active(root, kept, out)
    rels_name = f"word/_rels/{posixpath.basename(new)}.rels"
    parts[rels_name] = (_rels_xml(kept_rels), "")
    return root


def _drop_active(root: Any, kept: set[str], out: Cleaned) -> None:
    """Take out objects, controls, other fields and links to anything not kept."""
    for tag in ("object", "control"):
        for el in list(root.iter(f"{{{W}}}{tag}")):
            _remove(el)
            out.note("objects")
    for el in list(root.iter()):
        for attr, value in list(el.attrib.items()):
            if attr.startswith(f"{{{R}}}") and value not in kept:
                if el.tag == f"{{{W}}}hyperlink":
                    _unwrap(el)
                else:
                    run = _ancestor(el, f"{{{W}}}r")
                    _remove(run if run is not None else el)
                out.note("external")
                break
    for simple in list(root.iter(f"{{{W}}}fldSimple")):
        if _field_name(simple.get(f"{{{W}}}instr", "")) not in FIELDS:
            _unwrap(simple)  # keep the text it shows, drop the field
            out.note("fields")
    _drop_complex_fields(root, out)


def _drop_complex_fields(root: Any, out: Cleaned) -> None:
    """Fields written as begin / instruction / separate / result / end, in document order.

    Every instruction text is read, also one in the run that begins the field, and the
    field is kept only when its whole instruction is a page-number field. Any other field
    loses its instruction (the last shown result stays as plain text); one that never
    ends loses everything from its beginning.
    """
    stack: list[dict[str, Any]] = []
    doomed: list[Any] = []

    def close(field: dict[str, Any]) -> None:
        words = field["instr"].split()
        switches = all(w.startswith("\\") or w.upper() in FORMATS for w in words[1:])
        if _field_name(field["instr"]) in FIELDS and switches:
            return
        doomed.extend(field["code"])
        out.note("fields")

    for el in list(root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText")):
        if el.tag == f"{{{W}}}fldChar":
            kind = el.get(f"{{{W}}}fldCharType")
            if kind == "begin":
                stack.append({"code": [el], "instr": "", "result": False})
            elif stack and kind == "separate":
                stack[-1]["code"].append(el)
                stack[-1]["result"] = True
            elif stack and kind == "end":
                field = stack.pop()
                field["code"].append(el)
                close(field)
        elif stack and not stack[-1]["result"]:
            stack[-1]["code"].append(el)
            stack[-1]["instr"] += el.text or ""
        elif not stack:
            doomed.append(el)  # an instruction outside any field
            out.note("fields")
    for field in stack:  # never ended
        field["code"].append(None)
        doomed.extend(e for e in field["code"] if e is not None)
        out.note("fields")
    for el in doomed:
        _remove(el)


def _field_name(instr: str) -> str:
    words = instr.strip().split()
    return words[0].upper() if words else ""


def _ancestor(el: Any, tag: str) -> Any:
    node = el
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


def _remove(el: Any) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _unwrap(el: Any) -> None:
    """Put an element's children in its place."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def _serialise(root: Any) -> bytes:
    from lxml import etree

    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _rels_xml(rels: list[tuple[str, str, str]]) -> bytes:
    from xml.sax.saxutils import quoteattr  # only when a template is used

    rows = "".join(
        f"<Relationship Id={quoteattr(rid)} Type={quoteattr(rtype)} Target={quoteattr(target)}/>"
        for rid, rtype, target in rels
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL}">{rows}</Relationships>'
    ).encode()


def _default_page_setup() -> Any:
    """python-docx's own page setup (page size, margins, columns), for a template without one."""
    import docx
    from lxml import etree

    default = Path(docx.__file__).parent / "templates" / "default.docx"
    with zipfile.ZipFile(default) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    sect = root.find(f"{{{W}}}body/{{{W}}}sectPr")
    return sect if sect is not None else etree.Element(f"{{{W}}}sectPr")


def _default_numbering() -> bytes:
    """python-docx's own numbering part, for a template that has none."""
    import docx

    default = Path(docx.__file__).parent / "templates" / "default.docx"
    with zipfile.ZipFile(default) as zf:
        return zf.read("word/numbering.xml")


def _package(parts: dict[str, tuple[bytes, str]]) -> bytes:
    """The zip: content types, the package relationship, and every part."""
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{ctype}"/>'
        for name, (_, ctype) in sorted(parts.items())
        if ctype and not ctype.startswith("image/")
    )
    images = {name.rsplit(".", 1)[-1].lower() for name in parts if name.startswith("word/media/")}
    defaults = "".join(
        f'<Default Extension="{ext}" ContentType="{IMAGE_TYPES[ext]}"/>' for ext in sorted(images)
    )
    types = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{defaults}{overrides}</Types>'
    )
    root_rels = _rels_xml([("rId1", f"{R}/officeDocument", "word/document.xml")])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", root_rels)
        for name, (data, _) in sorted(parts.items()):
            zf.writestr(name, data)
    return buffer.getvalue()
