"""A new policy with Word's revision marks against an old one (``export --compare OLD``).

Both versions are rendered by the same renderer, so their paragraphs line up. The
paragraphs of the two files (body and table cells, in document order) are matched by
their text; a changed paragraph gets its changed words marked inside it, a new one is
marked inserted and an old one comes back marked deleted. Accepting every change in
Word or LibreOffice gives exactly the new document; rejecting every change gives the old
text. A paragraph with a field, a tab, a break or a picture is marked whole (its old copy
deleted, the new one inserted), never split inside its field.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from docx import Document
from docx.oxml.ns import qn

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]+")
_PLAIN_RUN = {qn("w:rPr"), qn("w:t")}
"""What a run may hold for its words to be compared one by one."""


class _Marks:
    """Makes ``w:ins`` and ``w:del`` elements with one author, one date and fresh ids."""

    def __init__(self, author: str, when: dt.datetime, first_id: int) -> None:
        self.author = author
        self.date = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = first_id

    def make(self, kind: str) -> Any:
        from docx.oxml import OxmlElement

        mark = OxmlElement(f"w:{kind}")
        mark.set(qn("w:id"), str(self.next_id))
        mark.set(qn("w:author"), self.author)
        mark.set(qn("w:date"), self.date)
        self.next_id += 1
        return mark


def _paragraphs(word: Any) -> list[Any]:
    """The body's paragraphs in document order, those in table cells included; the lines
    of the contents are left out (the contents field is the new one, as Word would make it
    again)."""
    out = []
    for p in word.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and (style.get(qn("w:val")) or "").lower().startswith("toc"):
            continue
        out.append(p)
    return out


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _plain(p: Any) -> bool:
    """A paragraph of runs that hold only text (no field, tab, break, picture or link)."""
    for child in p:
        if child.tag == qn("w:pPr"):
            continue
        if child.tag != qn("w:r") or any(c.tag not in _PLAIN_RUN for c in child):
            return False
    return True


def _mark_paragraph(p: Any, marks: _Marks, kind: str) -> None:
    """Mark the paragraph mark itself inserted or deleted (first in its run properties)."""
    from docx.oxml import OxmlElement

    ppr = p.get_or_add_pPr()  # python-docx's CT_P
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        sect = ppr.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(rpr)
        else:
            ppr.append(rpr)  # CT_PPr: rPr comes after every other property but sectPr
    rpr.insert(0, marks.make(kind))


def _deleted_run(run: Any) -> Any:
    """A copy of ``run`` as deleted text (``w:t`` becomes ``w:delText``)."""
    gone = copy.deepcopy(run)
    for t in gone.iter(qn("w:t")):
        t.tag = qn("w:delText")
    for t in gone.iter(qn("w:instrText")):
        t.tag = qn("w:delInstrText")
    return gone


def _inserted(p: Any, marks: _Marks) -> None:
    """Mark a whole new paragraph inserted (the runs in a link inside the link)."""
    for child in [c for c in p if c.tag != qn("w:pPr")]:
        runs = [child] if child.tag == qn("w:r") else child.findall(qn("w:r"))
        if child.tag not in (qn("w:r"), qn("w:hyperlink")):
            continue  # bookmarks and the like are not content
        for run in runs:
            ins = marks.make("ins")
            run.addprevious(ins)
            ins.append(run)
    _mark_paragraph(p, marks, "ins")


def _deleted(p: Any, marks: _Marks) -> Any:
    """A copy of an old paragraph, marked deleted whole: its runs (those in links too) as
    deleted text; bookmarks and links themselves are left out, as the new file has them."""
    gone = copy.deepcopy(p)
    for child in [c for c in gone if c.tag != qn("w:pPr")]:
        runs = [child] if child.tag == qn("w:r") else child.findall(qn("w:r"))
        for run in runs if child.tag in (qn("w:r"), qn("w:hyperlink")) else []:
            mark = marks.make("del")
            mark.append(_deleted_run(run))
            child.addprevious(mark)
        gone.remove(child)
    _mark_paragraph(gone, marks, "del")
    return gone


def _tokens(p: Any) -> list[tuple[Any, str]]:
    """Each run's words and spaces, with the run they are in."""
    return [(r, tok) for r in p.iter(qn("w:r")) for tok in _TOKENS.findall(_text(r))]


def _run_with(run: Any, text: str) -> Any:
    """A copy of ``run`` (its formatting) holding ``text``."""
    from docx.oxml import OxmlElement

    out = OxmlElement("w:r")
    rpr = run.find(qn("w:rPr"))
    if rpr is not None:
        out.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    out.append(t)
    return out


def _segments(tokens: list[tuple[Any, str]], lo: int, hi: int) -> Iterator[tuple[Any, str]]:
    """Tokens ``lo:hi`` joined into one piece of text per run."""
    run, text = None, ""
    for r, tok in tokens[lo:hi]:
        if r is not run and text:
            yield run, text
            text = ""
        run, text = r, text + tok
    if text:
        yield run, text


def _changed(old: Any, new: Any, marks: _Marks) -> None:
    """Mark the words that differ between two versions of a paragraph, in the new one."""
    before, after = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [t for _, t in before], [t for _, t in after], autojunk=False)
    content: list[Any] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            content += [_run_with(r, text) for r, text in _segments(after, j1, j2)]
            continue
        if i2 > i1:
            mark = marks.make("del")
            for r, text in _segments(before, i1, i2):
                mark.append(_deleted_run(_run_with(r, text)))
            content.append(mark)
        if j2 > j1:
            mark = marks.make("ins")
            for r, text in _segments(after, j1, j2):
                mark.append(_run_with(r, text))
            content.append(mark)
    for child in [c for c in new if c.tag != qn("w:pPr")]:
        new.remove(child)
    new.extend(content)


SIMILAR = 0.5
"""How alike (difflib's ratio of their words) two paragraphs must be to be shown as one
paragraph with changed words; less alike, the old one is shown deleted, the new inserted."""


def _pair(old: Any, new: Any, marks: _Marks) -> None:
    """Two versions of one paragraph: words marked where both are plain text and alike,
    else the old paragraph deleted and the new one inserted."""
    words = SequenceMatcher(None, _text(old).split(), _text(new).split(), autojunk=False)
    if _plain(old) and _plain(new) and words.ratio() >= SIMILAR:
        _changed(old, new, marks)
    else:
        new.addprevious(_deleted(old, marks))
        _inserted(new, marks)


def _highest_id(word: Any) -> int:
    ids = [
        int(v)
        for el in word.element.iter()
        if (v := el.get(qn("w:id"))) is not None and v.lstrip("-").isdigit()
    ]
    return max(ids, default=0)


def tracked(old: bytes, new: bytes, author: str, when: dt.datetime) -> bytes:
    """The ``new`` .docx with revision marks (by ``author`` at ``when``) against ``old``."""
    before, after = Document(io.BytesIO(old)), Document(io.BytesIO(new))
    marks = _Marks(author, when, _highest_id(after) + 1)
    old_ps, new_ps = _paragraphs(before), _paragraphs(after)
    matcher = SequenceMatcher(
        None, [_text(p) for p in old_ps], [_text(p) for p in new_ps], autojunk=False
    )
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            _pair(old_ps[i1 + k], new_ps[j1 + k], marks)
        for p in new_ps[j1 + pairs : j2]:
            _inserted(p, marks)
        gone = old_ps[i1 + pairs : i2]
        if gone:
            anchor = new_ps[j2] if j2 < len(new_ps) else None
            for p in gone:
                copy_ = _deleted(p, marks)
                if anchor is not None:
                    anchor.addprevious(copy_)
                else:  # at the end: before the body's last section properties
                    body = after.element.body
                    sect = body.find(qn("w:sectPr"))
                    if sect is not None:
                        sect.addprevious(copy_)
                    else:
                        body.append(copy_)
    out = io.BytesIO()
    after.save(out)
    return out.getvalue()
