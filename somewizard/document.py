"""Answers + content -> PolicyDocument: one tree that every renderer walks.

The clauses live in ``content/policy.yaml`` as data. Each chapter, block and list there
carries the guide element IDs it covers, an optional ``when`` condition on the answers, and
text per language with ``{placeholders}`` filled from the answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import packaged
from .answers import ROLE_IDS, Answers, to_data

IDS = [
    "P1",
    "P2",
    "P3",
    "P4",
    "B1",
    "B2",
    "B3",
    "R1",
    "R2",
    "R3",
    "R4",
    "R5",
    "O1",
    "O2",
    "O3",
    "O4",
    "O5",
    "O6",
    "L1",
    "L2",
    "L3",
    "I1",
    "I2",
    "I3",
]
"""Every element of the guide (ELEMENTS.md), in its order."""

TOPIC_IDS = ["T1", "T2", "T3", "T4", "T5", "T6"]
"""Topics current policies cover beyond the guide (content ``topics``), each switched by an
answer: generative AI, online harassment, crisis levels, leavers, accessibility, giveaways."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, optionally opening with a bold lead-in."""

    text: str
    ids: tuple[str, ...] = ()
    lead: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class BulletList:
    """A bulleted list (numbered when ``ordered``)."""

    items: tuple[str, ...]
    ids: tuple[str, ...] = ()
    ordered: bool = False
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    ids: tuple[str, ...] = ()


Block = Paragraph | BulletList | Table


@dataclass
class Section:
    """A chapter, part or sub-section: a heading, its blocks and its sub-sections."""

    title: str
    level: int
    key: str = ""
    number: str = ""
    ids: tuple[str, ...] = ()
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    new_page: bool = False
    front: bool = False

    @property
    def heading(self) -> str:
        """The title with its number, as printed."""
        return f"{self.number}. {self.title}" if self.number else self.title

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in reading order."""
        yield self
        for sub in self.sections:
            yield from sub.walk()


@dataclass
class PolicyDocument:
    """The finished policy, independent of any output format."""

    language: str
    title: str
    company: str
    subtitle: str
    version: str
    effective_date: dt.date
    review_date: dt.date
    owner: str
    contact: str
    labels: dict[str, str]
    keywords: list[str]
    sections: list[Section] = field(default_factory=list)
    topics: tuple[str, ...] = ()
    """The topics beyond the guide (T1-T6) that the answers switch on."""

    def walk(self) -> Iterator[Section]:
        """Every section in reading order."""
        for sec in self.sections:
            yield from sec.walk()

    def ids(self) -> set[str]:
        """The guide element IDs that the document covers."""
        found: set[str] = set()
        for sec in self.walk():
            found.update(sec.ids)
            for block in sec.blocks:
                found.update(block.ids)
        return found

    def coverage(self) -> dict[str, bool]:
        """For every guide element and every chosen topic, whether the document covers it."""
        have = self.ids()
        return {eid: eid in have for eid in [*IDS, *self.topics]}

    def sources(self) -> list[str]:
        """The keys of the rules the document's legal sentences build on, in reading order."""
        found: dict[str, None] = {}
        for sec in self.walk():
            for block in sec.blocks:
                if isinstance(block, Paragraph | BulletList):
                    found.update(dict.fromkeys(block.sources))
        return list(found)


def content() -> dict[str, Any]:
    """The clause data, loaded once per process."""
    data: dict[str, Any] = packaged.load("policy")
    return data


def tr(value: Any, lang: str) -> Any:
    """Pick one language from a ``{da: ..., en: ...}`` mapping."""
    if isinstance(value, dict) and lang in value:
        return value[lang]
    return value


def label(name: str, lang: str) -> str:
    """A short fixed text (headers, footers, table titles) in the given language."""
    return str(tr(content()["labels"][name], lang))


def choice(path: str, value: str, lang: str) -> str:
    """The wording of one choice (e.g. ``voice.address`` = ``formal``) in a language."""
    return str(tr(content()["choices"][path][value], lang))


def join(items: list[str], lang: str) -> str:
    """Join words as a sentence does: ``a, b og c`` / ``a, b and c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    word = label("and", lang)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _flatten(data: Any, prefix: str, out: dict[str, Any]) -> None:
    """Dotted paths for every value of the answers data."""
    if isinstance(data, dict):
        for k, v in data.items():
            _flatten(v, f"{prefix}{k}.", out)
    out[prefix.rstrip(".")] = data


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clamped to the month's last day, and the calendar's).

    The wizard previews answers that break a rule too (a review after the year 9999), so
    this never fails: the export refuses such answers before anyone reads that date.
    """
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def format_date(day: dt.date, lang: str) -> str:
    """A date as people write it: ``1. december 2026`` / ``1 December 2026``."""
    months = tr(content()["labels"]["months"], lang)
    if lang == "da":
        return f"{day.day}. {months[day.month - 1]} {day.year}"
    return f"{day.day} {months[day.month - 1]} {day.year}"


class _Context:
    """The values a clause can name, and the conditions it can test."""

    def __init__(self, answers: Answers, today: dt.date) -> None:
        lang = answers.language
        self.lang = lang
        self.raw: dict[str, Any] = {}
        _flatten(to_data(answers), "", self.raw)
        org = answers.organisation
        effective = org.effective_date or today
        values: dict[str, str] = {}
        for path, value in self.raw.items():
            if path in content()["choices"] and isinstance(value, str):
                values[path] = choice(path, value, lang)
            elif isinstance(value, list):
                values[path] = join([str(v) for v in value], lang)
            elif isinstance(value, dt.date):
                values[path] = format_date(value, lang)
            elif value is not None and not isinstance(value, dict):
                values[path] = str(value)
        for path, forms in content()["vocabulary"].items():
            words = forms.get(str(self.raw.get(path)), next(iter(forms.values())))
            values.update(tr(words, lang))
        people = list(tr(content()["labels"]["in_scope"], lang))
        if answers.scope.volunteers:
            people.append(label("in_scope_volunteers", lang))
        if answers.scope.board:
            people.append(label("in_scope_board", lang))
        values["in_scope"] = join(people, lang)
        company = org.name.strip()
        # The built-in placeholder name ("Vores virksomhed") is not shown in running text as
        # if it were the business's own: there the text says "virksomheden" until a name is given.
        named = bool(company) and company not in _placeholder_names()
        values["company"] = company if named else values["org"]
        self.raw["named"] = named or bool(answers.rules.brand_name.strip())
        values["brand"] = answers.rules.brand_name.strip() or values["company"]
        values["owner"] = org.owner.strip() or label("owner_fallback", lang)
        values["effective_date"] = format_date(effective, lang)
        values["review_date"] = format_date(add_months(effective, org.review_months), lang)
        self.values = values
        for rid in ROLE_IDS:
            role = answers.roles[rid]
            name = role.role.strip() or self.area(rid)
            person = role.person.strip()
            values[f"role.{rid}"] = name
            values[f"the.{rid}"] = named_role(person, name, lang)
            contact = role.contact.strip()
            values[f"reach.{rid}"] = values[f"the.{rid}"] + (f" ({contact})" if contact else "")
        self.effective = effective
        tone = answers.voice.tone.strip()
        self.register = tone
        self.numbers: dict[str, str] = {}
        self.sources: dict[str, None] = {}

    def text(self, value: Any) -> Any:
        """A clause's text in this language and, where it has one, this tone's version."""
        if isinstance(value, dict) and self.register in value.get("tones", {}):
            value = value["tones"][self.register]
        return tr(value, self.lang)

    def area(self, rid: str) -> str:
        """The name of one role's area (O3 is named after the people the trade serves)."""
        return self.fill(str(tr(content()["roles"]["areas"][rid], self.lang)))

    def ok(self, cond: str | None) -> bool:
        """Evaluate a ``when`` condition: ``path``, ``not path``, ``path == v``, joined by ``and``."""
        if not cond:
            return True
        return all(self._term(t.strip()) for t in cond.split(" and "))

    def _term(self, term: str) -> bool:
        negate = term.startswith("not ")
        if negate:
            term = term[4:].strip()
        if "!=" in term:
            path, want = (s.strip() for s in term.split("!=", 1))
            result = str(self.raw[path]) != want
        elif "==" in term:
            path, want = (s.strip() for s in term.split("==", 1))
            result = str(self.raw[path]) == want
        else:
            value = self.raw[term]
            result = bool(value.strip() if isinstance(value, str) else value)
        return result != negate

    def fill(self, template: str) -> str:
        """Put answer values into a clause's ``{placeholders}``."""
        return _PLACEHOLDER.sub(lambda m: self._value(m.group(1)), template).strip()

    def _value(self, name: str) -> str:
        """One placeholder's value; ``{People}`` is ``{people}`` with a capital letter.

        ``{see.sharing|staff_brief}`` names the first of those chapters that this policy
        has: "kapitel 11" / "chapter 11".
        """
        if name.startswith("see."):
            keys = name[4:].split("|")
            number = next(self.numbers[k] for k in keys if k in self.numbers)
            return f"{label('chapter', self.lang)} {number}"
        if name in self.values or not name[:1].isupper():
            return self.values[name]
        word = self.values[name[:1].lower() + name[1:]]
        return word[:1].upper() + word[1:]


_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.|]+)\}")


def _placeholder_names() -> set[str]:
    """The built-in placeholder company name, in every language."""
    name = packaged.load("defaults")["organisation"]["name"]
    return {str(v) for v in name.values()} if isinstance(name, dict) else {str(name)}


_DEFINITE_AS_IS = ("den ", "det ", "de ", "vores ", "den,", "the ", "our ", "whoever ")
_NEUTER = ("team", "udvalg", "sekretariat", "kontor", "råd", "panel", "personale")


def definite(role: str, lang: str) -> str:
    """A role's name as running text says it: "marketingchefen", "den daglige leder",
    "the marketing manager". Names already definite ("Bestyrelsen", "Den, der passer vores
    konti") and acronyms ("HR-chef") keep their form; only the first letter is lowered."""
    role = " ".join(role.split())
    if not role:
        return role
    low = role[0].lower() + role[1:] if role[1:2].islower() or len(role) == 1 else role
    if low.lower().startswith(_DEFINITE_AS_IS):
        return low
    if lang != "da":
        return f"the {low}"
    words = low.split(" ")
    if len(words) > 1:  # "daglig leder", "praktiserende læge": den + the adjective's -e form
        first = words[0] if words[0].endswith("e") else words[0] + "e"
        return " ".join(["den", first, *words[1:]])
    if low.endswith("ansvarlig"):
        return f"den {low}e"
    if low.endswith(("en", "et", "service", "ledelse")):  # already definite, or a department
        return low
    if low.endswith(_NEUTER):
        return low + "et"
    if low.endswith("e"):
        return low + "n"
    return low + "en"


def named_role(person: str, role: str, lang: str) -> str:
    """Who holds a role, as running text names them: the person with the role after a
    comma ("Sara Holm, marketingchef"), or the role in its definite form."""
    if not person:
        return definite(role, lang)
    low = role[0].lower() + role[1:] if role[1:2].islower() else role
    if low.lower().startswith(_DEFINITE_AS_IS):
        return person
    return f"{person}, {low}"


def build(answers: Answers, today: dt.date | None = None) -> PolicyDocument:
    """Build the policy document for these answers."""
    today = today or dt.date.today()
    ctx = _Context(answers, today)
    lang = answers.language
    data = content()
    org = answers.organisation
    doc = PolicyDocument(
        language=lang,
        title=label("title", lang),
        company=org.name.strip(),
        subtitle=ctx.fill(str(tr(data["subtitle"], lang))),
        version=org.version,
        effective_date=ctx.effective,
        review_date=add_months(ctx.effective, org.review_months),
        owner=ctx.values["owner"],
        contact=org.contact.strip(),
        labels={k: v for k in data["labels"] if isinstance(v := tr(data["labels"][k], lang), str)},
        keywords=[label("title", lang), org.name.strip(), *org.channels],
    )
    ctx.numbers = _numbers(data["chapters"], ctx)
    doc.topics = tuple(tid for tid, topic in data["topics"].items() if ctx.ok(topic.get("when")))
    counter = [0]
    for entry in data["chapters"]:
        sec = _section(entry, 1, ctx, answers, counter)
        if sec is not None:
            doc.sections.append(sec)
    return doc


def _numbers(entries: list[dict[str, Any]], ctx: _Context) -> dict[str, str]:
    """Each chosen chapter's number by its key, before the text is built (a chapter may
    refer to a later one: "se kapitel 11"). Counts as :func:`_section` numbers."""
    found: dict[str, str] = {}
    count = 0
    for entry in entries:
        if not ctx.ok(entry.get("when")):
            continue
        children = entry.get("chapters")
        for chapter in children if children is not None else [entry]:
            if ctx.ok(chapter.get("when")) and chapter.get("numbered", True):
                count += 1
                found[chapter["key"]] = str(count)
    return found


def _section(
    entry: dict[str, Any], level: int, ctx: _Context, answers: Answers, counter: list[int]
) -> Section | None:
    """Build one chapter, part or sub-section from its content entry (None when not chosen)."""
    if not ctx.ok(entry.get("when")):
        return None
    is_part = "chapters" in entry
    number = ""
    numbered = entry.get("numbered", True)
    if numbered and (level == 1 and not is_part or level == 2 and entry.get("_in_part")):
        counter[0] += 1
        number = str(counter[0])
    sec = Section(
        title=ctx.fill(ctx.text(entry["title"])),
        level=level,
        key=entry.get("key", ""),
        number=number,
        ids=tuple(entry.get("ids", ())),
        new_page=bool(entry.get("new_page")),
        front=bool(entry.get("front")),
    )
    for block in entry.get("blocks", ()):
        built = _block(block, ctx, answers)
        if built is not None:
            sec.blocks.append(built)
    for child in entry.get("chapters", ()):
        sub = _section({**child, "_in_part": True}, level + 1, ctx, answers, counter)
        if sub is not None:
            sec.sections.append(sub)
    for child in entry.get("sections", ()):
        sub = _section(child, level + 1, ctx, answers, counter)
        if sub is not None:
            sec.sections.append(sub)
    return sec


def _block(block: dict[str, Any], ctx: _Context, answers: Answers) -> Block | None:
    """Build one paragraph, list or table (None when its condition fails or it is empty)."""
    if not ctx.ok(block.get("when")):
        return None
    lang = ctx.lang
    ids = tuple(block.get("ids", ()))
    source = block.get("source", ())
    sources = (source,) if isinstance(source, str) else tuple(source)
    ctx.sources.update(dict.fromkeys(sources))
    if "p" in block:
        lead = ctx.fill(ctx.text(block["lead"])) if "lead" in block else ""
        return Paragraph(ctx.fill(ctx.text(block["p"])), ids, lead, sources)
    if "bullets" in block or "steps" in block:
        raw = ctx.text(block.get("bullets", block.get("steps")))
        items: list[str] = []
        for item in raw:
            if isinstance(item, dict):
                if not ctx.ok(item.get("when")):
                    continue
                item = ctx.text(item["text"])
            items.append(ctx.fill(item))
        if not items:
            return None
        return BulletList(tuple(items), ids, ordered="steps" in block, sources=sources)
    if "items" in block:
        value = list(ctx.raw[block["items"]])
        if block["items"] == "rules.confidential":  # one list: older files kept two
            value += ctx.raw["legal.confidential_categories"]
        items = list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
        return BulletList(tuple(items), ids) if items else None
    if "sources" in block:
        rules = content()["sources"]
        cited = tuple(
            (str(tr(rules[k]["topic"], lang)), str(tr(rules[k], lang))) for k in ctx.sources
        )
        header = tuple(tr(content()["labels"]["sources_header"], lang))
        return Table(header, cited, ids) if cited else None
    if "roles" in block:
        header = tuple(tr(content()["roles"]["header"], lang))
        person, contact, deputy = tr(content()["roles"]["blank"], lang)
        rows = []
        for rid in ROLE_IDS:
            role = answers.roles[rid]
            area = ctx.area(rid)
            rows.append(
                (
                    area,
                    role.role.strip() or area,
                    role.person.strip() or person,
                    role.contact.strip() or contact,
                    role.deputy.strip() or deputy,
                )
            )
        return Table(header, tuple(rows), ids)
    if "history" in block:
        return _history(ctx, answers, ids)
    raise ValueError(f"unknown block in content: {sorted(block)}")  # pragma: no cover


def _history(ctx: _Context, answers: Answers, ids: tuple[str, ...]) -> Table:
    """The version history, newest first, with this version on top if it is not listed."""
    lang = ctx.lang
    rows = [
        (c.version.strip(), format_date(c.date, lang) if c.date else "-", c.change.strip() or "-")
        for c in answers.appendix.history
    ]
    version = answers.organisation.version.strip()
    if version not in {r[0] for r in rows}:
        rows.append((version, ctx.values["effective_date"], label("this_edition", lang)))
    rows.sort(key=lambda r: _version_key(r[0]), reverse=True)
    return Table(tuple(tr(content()["labels"]["history_header"], lang)), tuple(rows), ids)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort 1.10 after 1.9: numbers as numbers, the rest as text.

    A number is compared by its length, then its digits, so one of thousands of digits
    (more than Python turns into an int) sorts like any other.
    """
    return tuple(
        (len(p.lstrip("0")), p.lstrip("0")) if p.isascii() and p.isdigit() else (-1, p)
        for p in re.split(r"[.\-]", version)
    )
