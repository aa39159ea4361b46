"""PolicyDocument -> a standalone HTML page (for an intranet)."""

from __future__ import annotations

from html import escape

from ..document import BulletList, Paragraph, PolicyDocument, Section, Table, format_date

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1d1d1f; }
h1 { font-size: 2rem; margin-bottom: 0; } .subtitle { font-style: italic; color: #555; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; } nav ul { list-style: none; padding-left: 1rem; }
.facts { color: #333; } .new-page { page-break-before: always; }
"""


def _anchor(sec: Section, index: int) -> str:
    return f"s{index}-{sec.key or 'part'}"


def render(doc: PolicyDocument) -> str:
    """The policy as one HTML document with its table of contents."""
    lab = doc.labels
    sections = list(doc.walk())
    anchors = {id(sec): _anchor(sec, i) for i, sec in enumerate(sections)}
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)} – {escape(doc.company)}</title>",
        f'<meta name="description" content="{escape(doc.subtitle)}">',
        f'<meta name="keywords" content="{escape(", ".join(doc.keywords))}">',
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{escape(doc.title)}</h1><p><strong>{escape(doc.company)}</strong></p>",
        f'<p class="subtitle">{escape(doc.subtitle)}</p>',
        '<p class="facts">'
        f"{escape(lab['version'])}: {escape(doc.version)} · "
        f"{escape(lab['effective'])}: {format_date(doc.effective_date, doc.language)} · "
        f"{escape(lab['review'])}: {format_date(doc.review_date, doc.language)} · "
        f"{escape(lab['owner'])}: {escape(doc.owner)}</p></header>",
    ]
    for sec in doc.sections:  # the policy on one page comes before the contents
        if sec.front:
            _section(sec, out, anchors)
    out.append(f"<nav><h2>{escape(lab['contents'])}</h2><ul>")
    for sec in sections:
        if sec.level <= 2 and not sec.front:
            pad = "" if sec.level == 1 else ' style="margin-left:1rem"'
            out.append(f'<li{pad}><a href="#{anchors[id(sec)]}">{escape(sec.heading)}</a></li>')
    out.append("</ul></nav><main>")
    for sec in doc.sections:
        if not sec.front:
            _section(sec, out, anchors)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _section(sec: Section, out: list[str], anchors: dict[int, str]) -> None:
    level = min(sec.level + 1, 6)
    cls = ' class="new-page"' if sec.new_page else ""
    out.append(f'<h{level} id="{anchors[id(sec)]}"{cls}>{escape(sec.heading)}</h{level}>')
    for block in sec.blocks:
        if isinstance(block, Paragraph):
            lead = f"<strong>{escape(block.lead)}</strong> " if block.lead else ""
            out.append(f"<p>{lead}{escape(block.text)}</p>")
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    for sub in sec.sections:
        _section(sub, out, anchors)
