"""Quality checks of a PolicyDocument: coverage, length, readability (LIX) and "don'ts".

LIX (läsbarhetsindex) = words per sentence + percentage of long words (over six letters).
Danish guidance (sprogvaskeriet.dk): 25-34 reads as easy, 35-44 as medium. We aim at LIX
25-34 in every section (below 25 the text turns choppy), with no sentence over 25 words
(klarsprog), and report it for English too (only a rough guide there). Staff read a page,
not ten: a policy should stay under WORDS_AIM words, headings, lists, tables and
appendix included. A rule chapter (one covering R, O or L elements of the guide) may have
at most 25 % prohibitive sentences ("må ikke", "never", "do not", ...): the guide asks for
a policy that helps rather than a list of don'ts (I3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import BulletList, Paragraph, PolicyDocument, Section, Table

LIX_MIN = 25.0
LIX_AIM = 34.0
SENTENCE_AIM = 25
WORDS_AIM = 2300
DONT_AIM = 0.25

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|(?<=[.!?])$")
PROHIBITIVE = {
    "da": re.compile(
        r"\b(må|bør|skal)\s+(du\s+|I\s+|vi\s+|man\s+|ingen\s+)?(ikke|aldrig)\b|\baldrig\b|"
        r"\bforbudt\b|\bikke\s+tilladt\b|\bundlad\b|\bundgå\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(never|do\s+not|don['’]t|must\s+not|mustn['’]t|may\s+not|should\s+not|"
        r"shouldn['’]t|not\s+allowed|forbidden|prohibited|avoid)\b",
        re.IGNORECASE,
    ),
}


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (a list item is one sentence at least)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p and p.strip()]
    return [p for p in parts if _WORD.search(p)]


def lix(texts: list[str]) -> float:
    """LIX of some texts, each text counted as at least one sentence."""
    words = [w for t in texts for w in _WORD.findall(t)]
    count = sum(len(sentences(t)) for t in texts)
    if not words or not count:
        return 0.0
    long_words = sum(1 for w in words if len(w) > 6)
    return len(words) / count + 100 * long_words / len(words)


def count_words(text: str) -> int:
    """The words of a text, as LIX counts them (numbers are not words)."""
    return len(_WORD.findall(text))


def document_words(doc: PolicyDocument) -> int:
    """Every word the reader meets after the cover: headings, text, lists and tables."""
    total = 0
    for sec in doc.walk():
        total += count_words(sec.title)
        for block in sec.blocks:
            if isinstance(block, Paragraph):
                total += count_words(f"{block.lead} {block.text}")
            elif isinstance(block, BulletList):
                total += sum(count_words(i) for i in block.items)
            else:
                total += sum(count_words(c) for row in (block.header, *block.rows) for c in row)
    return total


def section_texts(sec: Section) -> list[str]:
    """The sentences-bearing texts of one section (its own blocks, not sub-sections)."""
    texts: list[str] = []
    for block in sec.blocks:
        if isinstance(block, Paragraph):
            if set(block.text) - set("_ "):
                texts.append(f"{block.lead} {block.text}".strip())
        elif isinstance(block, BulletList):
            texts.extend(block.items)
        elif isinstance(block, Table):
            continue  # names and contacts, not prose
    return texts


@dataclass
class SectionReport:
    """Figures for one section."""

    heading: str
    lix: float
    sentences: int
    prohibitive: int
    is_rules: bool
    long_sentences: list[str] = field(default_factory=list)

    @property
    def dont_share(self) -> float:
        """Share of prohibitive sentences."""
        return self.prohibitive / self.sentences if self.sentences else 0.0


@dataclass
class Report:
    """Coverage, readability and tone of a whole document."""

    coverage: dict[str, bool]
    lix: float
    words: int = 0
    sections: list[SectionReport] = field(default_factory=list)
    rule_sentences: int = 0
    rule_prohibitive: int = 0

    @property
    def dont_share(self) -> float:
        """Share of prohibitive sentences among the rule chapters' sentences."""
        return self.rule_prohibitive / self.rule_sentences if self.rule_sentences else 0.0

    @property
    def hard_sections(self) -> list[SectionReport]:
        """Sections outside the LIX aim: harder than easy, or choppy."""
        return [s for s in self.sections if not LIX_MIN <= s.lix <= LIX_AIM]

    @property
    def long_sentences(self) -> list[tuple[str, str]]:
        """Sentences over the aim, with the heading of their section."""
        return [(s.heading, text) for s in self.sections for text in s.long_sentences]

    @property
    def dont_sections(self) -> list[SectionReport]:
        """Rule sections with more than the aimed share of prohibitive sentences."""
        return [s for s in self.sections if s.is_rules and s.dont_share > DONT_AIM]

    @property
    def ok(self) -> bool:
        """Every element covered and both aims met."""
        return (
            all(self.coverage.values())
            and self.words <= WORDS_AIM
            and not self.hard_sections
            and not self.long_sentences
            and self.dont_share <= DONT_AIM
        )


def analyse(doc: PolicyDocument) -> Report:
    """Measure a document."""
    pattern = PROHIBITIVE.get(doc.language, PROHIBITIVE["en"])
    all_texts: list[str] = []
    report = Report(coverage=doc.coverage(), lix=0.0, words=document_words(doc))
    for sec in doc.walk():
        texts = section_texts(sec)
        if not texts:
            continue
        all_texts.extend(texts)
        said = [s for t in texts for s in sentences(t)]
        donts = sum(1 for s in said if pattern.search(s))
        ids = set(sec.ids) | {i for b in sec.blocks for i in b.ids}
        is_rules = any(i[0] in "ROL" for i in ids)
        long = [s for s in said if count_words(s) > SENTENCE_AIM]
        report.sections.append(
            SectionReport(sec.heading, lix(texts), len(said), donts, is_rules, long)
        )
        if is_rules:
            report.rule_sentences += len(said)
            report.rule_prohibitive += donts
    report.lix = lix(all_texts)
    return report


def format_report(report: Report, lang: str) -> str:
    """The report as plain text lines, for the command line and the wizard."""
    en = lang == "en"
    covered = sum(report.coverage.values())
    lines = [
        ("Coverage" if en else "Dækning") + f": {covered}/{len(report.coverage)}",
        "  " + "  ".join(f"{'✓' if ok else '✗'} {eid}" for eid, ok in report.coverage.items()),
        ("Words" if en else "Ord")
        + f": {report.words} ({'aim' if en else 'mål'} <= {WORDS_AIM})"
        + ("" if report.words <= WORDS_AIM else " ⚠"),
        f"LIX: {report.lix:.0f} ({'aim' if en else 'mål'} {LIX_MIN:.0f}-{LIX_AIM:.0f})"
        + ("" if LIX_MIN <= report.lix <= LIX_AIM else " ⚠"),
        ("Prohibitive sentences in the rules" if en else "Forbud blandt reglerne")
        + f": {report.dont_share:.0%} ({'aim' if en else 'mål'} <= {DONT_AIM:.0%})"
        + ("" if report.dont_share <= DONT_AIM else " ⚠"),
    ]
    for sec in report.sections:
        flags = []
        if not LIX_MIN <= sec.lix <= LIX_AIM:
            flags.append("LIX")
        if sec.long_sentences:
            flags.append(
                f"{len(sec.long_sentences)} " + ("long sentences" if en else "lange sætninger")
            )
        if sec.is_rules and sec.dont_share > DONT_AIM:
            flags.append("forbud" if not en else "don'ts")
        mark = " ⚠ " + ", ".join(flags) if flags else ""
        lines.append(f"  {sec.lix:4.0f}  {sec.dont_share:4.0%}  {sec.heading}{mark}")
    return "\n".join(lines)
