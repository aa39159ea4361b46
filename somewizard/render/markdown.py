"""PolicyDocument -> Markdown (the wizard's preview and the .md export)."""

from __future__ import annotations

import re

from ..document import BulletList, Paragraph, PolicyDocument, Section, Table, format_date

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str, *, block_start: bool = True) -> str:
    """Escape characters Markdown would read as formatting; keep the text on one line.

    With ``block_start`` the text opens a block, so a leading ``#``, ``-``, ``+`` or ``1.``
    is escaped too (it would start a heading or a list).
    """
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if block_start:
        text = re.sub(r"^([#+\-])(?=\s|$)", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)
    return text


def render(doc: PolicyDocument) -> str:
    """The whole policy as Markdown text."""
    lab = doc.labels
    out = [
        f"# {escape(doc.title)}: {escape(doc.company)}",
        "",
        f"*{escape(doc.subtitle)}*",
        "",
        f"- **{lab['version']}:** {escape(doc.version)}",
        f"- **{lab['effective']}:** {format_date(doc.effective_date, doc.language)}",
        f"- **{lab['review']}:** {format_date(doc.review_date, doc.language)}",
        f"- **{lab['owner']}:** {escape(doc.owner)}"
        + (f" ({escape(doc.contact)})" if doc.contact else ""),
        "",
    ]
    for sec in doc.sections:  # the policy on one page comes before the contents
        if sec.front:
            _section(sec, out)
    out += [f"## {lab['contents']}", ""]
    for sec in doc.walk():
        if not sec.front:
            out.append(f"{'  ' * (sec.level - 1)}- {escape(sec.heading)}")
    out.append("")
    for sec in doc.sections:
        if not sec.front:
            _section(sec, out)
    return "\n".join(out).rstrip() + "\n"


def _section(sec: Section, out: list[str]) -> None:
    """Append one section and its sub-sections."""
    out.append(f"{'#' * min(sec.level + 1, 6)} {escape(sec.heading, block_start=False)}")
    out.append("")
    for block in sec.blocks:
        if isinstance(block, Paragraph):
            lead = f"**{escape(block.lead)}** " if block.lead else ""
            out.append(lead + escape(block.text))
        elif isinstance(block, BulletList):
            for i, item in enumerate(block.items, 1):
                out.append(f"{i}. {escape(item)}" if block.ordered else f"- {escape(item)}")
        elif isinstance(block, Table):
            out.append("| " + " | ".join(escape(h) for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            for row in block.rows:
                out.append("| " + " | ".join(escape(c) for c in row) + " |")
        out.append("")
    for sub in sec.sections:
        _section(sub, out)
