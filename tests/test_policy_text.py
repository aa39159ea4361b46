"""The policy text, second edition: short, one place per rule, right under Danish law.

Every industry x tone x language (and the plain defaults) is built and read back: the
length and readability limits, the one-page summary, the legal sentences with their
sources, the topics switched by answers, and the wording an editor would sign.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import yaml

from somewizard.answers import Answers, load_answers
from somewizard.document import BulletList, Paragraph, PolicyDocument, Section, Table, build
from somewizard.presets import catalogue
from somewizard.quality import LIX_AIM, LIX_MIN, analyse, document_words, lix
from somewizard.render import html, markdown
from somewizard.session import checked_answers as compose

from .conftest import CliResult, write

BUILTIN = catalogue(include_user=False)
INDUSTRIES = [None, *(p.name for p in BUILTIN if p.kind == "industry")]
TONES = [None, *(p.name for p in BUILTIN if p.kind == "tone")]
LANGS = ["da", "en"]
COMBOS = list(itertools.product(LANGS, INDUSTRIES, TONES))


def _answers(lang: str, industry: str | None = None, tone: str | None = None) -> Answers:
    return compose(language=lang, industry=industry, tone=tone)


@cache
def _doc(lang: str, industry: str | None = None, tone: str | None = None) -> PolicyDocument:
    answers = _answers(lang, industry, tone)
    answers.organisation.name = "Testhuset"
    return build(answers)


def _texts(sec: Section) -> list[str]:
    out = [sec.title]
    for block in sec.blocks:
        if isinstance(block, Paragraph):
            out.append(f"{block.lead} {block.text}".strip())
        elif isinstance(block, BulletList):
            out.extend(block.items)
        elif isinstance(block, Table):
            out.extend(c for row in block.rows for c in row)
    return out


def _text(doc: PolicyDocument) -> str:
    return "\n".join(t for sec in doc.walk() for t in _texts(sec))


def _section(doc: PolicyDocument, key: str) -> Section:
    return next(s for s in doc.walk() if s.key == key)


# --- 1 and 5: short, readable ------------------------------------------------------------


def test_the_default_danish_policy_is_at_most_1900_words() -> None:
    words = document_words(build(_answers("da")))
    assert words <= 1900, words


@pytest.mark.parametrize(("lang", "industry", "tone"), COMBOS)
def test_every_combination_is_short_and_easy_to_read(
    lang: str, industry: str | None, tone: str | None
) -> None:
    doc = _doc(lang, industry, tone)
    report = analyse(doc)
    assert report.words <= 2300, report.words
    outside = [(s.heading, round(s.lix, 1)) for s in report.sections]
    outside = [(h, v) for h, v in outside if not LIX_MIN <= v <= LIX_AIM]
    assert not outside, outside
    assert not report.long_sentences, report.long_sentences[:3]
    assert report.ok, report


def test_the_limits_can_fail() -> None:
    """The same checks flag a long, choppy or hard text (so the matrix above can fail)."""
    doc = build(_answers("da"))
    sec = _section(doc, "voice")
    sec.blocks.append(Paragraph(" ".join(["Medarbejderne"] * 30) + "."))
    sec.blocks.extend(Paragraph("Ja. Nej. Ok.") for _ in range(400))
    report = analyse(doc)
    assert report.words > 2300
    assert report.long_sentences and not report.ok
    assert any(s.heading.endswith("Sådan lyder vi") for s in report.hard_sections)


# --- 2: the policy on one page -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_comes_first_and_is_built_from_the_answers(lang: str) -> None:
    answers = _answers(lang, "retail")
    answers.organisation.name = "Cykelsmeden"
    answers.organisation.channels = ["Facebook", "TikTok"]
    answers.roles["O2"].person = "Sara Holm"
    answers.roles["O1"].person = "Jens Bøgholm"
    answers.roles["O1"].contact = "22 33 44 55"
    answers.organisation.contact = "kontor@cykelsmeden.dk"
    doc = build(answers)
    first = doc.sections[0]
    assert first.key == "summary" and first.front and not first.number
    points = [i for b in first.blocks if isinstance(b, BulletList) for i in b.items]
    assert 6 <= len(points) <= 10, points
    said = " ".join(points)
    for fact in ("Facebook", "TikTok", "Sara Holm", "Jens Bøgholm", "22 33 44 55"):
        assert fact in said, fact
    assert "kontor@cykelsmeden.dk" in said
    assert lix(_texts(first)[1:]) <= 30
    title = first.title
    md = markdown.render(doc)
    assert md.index(title) < md.index(doc.labels["contents"]) < md.index("1. ")
    page = html.render(doc)
    assert page.index(title) < page.index("<nav>")


@pytest.mark.parametrize(("lang", "industry", "tone"), COMBOS)
def test_the_summary_has_six_to_ten_points_and_reads_easily(
    lang: str, industry: str | None, tone: str | None
) -> None:
    summary = _doc(lang, industry, tone).sections[0]
    points = [i for b in summary.blocks if isinstance(b, BulletList) for i in b.items]
    assert 6 <= len(points) <= 10
    assert lix(points) <= 30


# --- 3: right under Danish law, each legal sentence with its source ------------------------


def _block_with(doc: PolicyDocument, needle: str) -> Paragraph | BulletList:
    for sec in doc.walk():
        for block in sec.blocks:
            if isinstance(block, Paragraph) and needle in block.text:
                return block
            if isinstance(block, BulletList) and any(needle in i for i in block.items):
                return block
    raise AssertionError(f"no block says {needle!r}")


LEGAL = {
    # language: [(what the text says, the source it names), ...]
    "da": [
        ("husregel er strengere", "photos"),
        ("Et ja kan trækkes tilbage", "photos"),
        ("Kolleger må sige nej uden konsekvenser", "photos"),
        ("»Reklame« eller »Annonce« allerførst", "ad_marking"),
        ("i hver story og video for sig", "ad_marking"),
        ("Vores egen side skal ikke mærkes", "ad_marking"),
        ("efter vores generelle opfordring, så gør det klart, at du arbejder her", "ad_marking"),
        ("loyalitetspligt", "speech_private"),
        ("urimeligt grov form", "speech_private"),
        ("Datatilsynets eksterne, eller gå til en myndighed", "whistleblowing"),
        ("Datatilsynet inden for 72 timer, efter vi opdager det", "data_breach"),
        (
            "opsigelse eller bortvisning efter de almindelige ansættelsesretlige regler",
            "consequences",
        ),
    ],
    "en": [
        ("Our house rule is stricter", "photos"),
        ("A yes can be withdrawn", "photos"),
        ("Colleagues may say no without consequences", "photos"),
        ("put “Reklame” or “Annonce”", "ad_marking"),
        ("in each story and video on its own", "ad_marking"),
        ("Our own page needs no label", "ad_marking"),
        ("or because we encourage it, make it clear", "ad_marking"),
        ("duty of loyalty", "speech_private"),
        ("unreasonably coarse", "speech_private"),
        ("external one included, or to go to the authorities", "whistleblowing"),
        ("Data Protection Agency within 72 hours of finding out", "data_breach"),
        ("dismissal or summary dismissal under", "consequences"),
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_each_legal_sentence_names_its_source_and_the_appendix_lists_it(lang: str) -> None:
    doc = build(_answers(lang))
    exported = markdown.render(doc)
    for needle, source in LEGAL[lang]:
        assert needle in exported, needle
        assert source in _block_with(doc, needle).sources, needle
    table = next(b for b in _section(doc, "sources").blocks if isinstance(b, Table))
    listed = [row[1] for row in table.rows]
    assert len(listed) == len(doc.sources())
    assert any("18/05035" in r for r in listed)  # the Consumer Ombudsman's case on staff posts
    assert any("1436" in r for r in listed)  # the whistleblower act
    assert any("art. 33" in r.lower() for r in listed)


def test_the_sharing_chapter_says_sharing_is_voluntary() -> None:
    assert "helt frivilligt" in " ".join(_texts(_section(_doc("da"), "sharing")))
    assert "entirely voluntary" in " ".join(_texts(_section(_doc("en"), "sharing")))


@pytest.mark.parametrize("lang", LANGS)
def test_a_public_workplace_gets_the_rules_for_public_employees(lang: str) -> None:
    answers = _answers(lang)
    private = " ".join(_texts(_section(build(answers), "opinions")))
    answers.organisation.public = True
    doc = build(answers)
    public = " ".join(_texts(_section(doc, "opinions")))
    if lang == "da":
        assert "loyalitetspligt" in private and "loyalitetspligt" not in public
        assert "offentligt ansat" in public and "ikke tage kritikken internt først" in public
    else:
        assert "duty of loyalty" in private and "duty of loyalty" not in public
        assert "public employee" in public and "need not raise criticism internally" in public
    assert "speech_public" in doc.sources() and "speech_private" not in doc.sources()


@pytest.mark.parametrize("lang", LANGS)
def test_checking_staff_is_announced_as_a_control_measure(lang: str) -> None:
    answers = _answers(lang)
    plain = _text(build(answers))
    private = "Vi overvåger ikke dine private profiler" if lang == "da" else "We do not monitor"
    assert private in plain
    word = "kontrolforanstaltning" if lang == "da" else "control measure"
    assert word not in plain
    answers.rules.staff_checks = True
    checked = build(answers)
    text = _text(checked)
    assert word in text
    assert ("seks uger" if lang == "da" else "six weeks") in text
    assert (
        "Samarbejdsudvalget eller tillidsrepræsentanten" if lang == "da" else "works council"
    ) in text
    assert "monitoring" in checked.sources()


@pytest.mark.parametrize("lang", LANGS)
def test_the_acknowledgement_is_firm(lang: str) -> None:
    ack = " ".join(_texts(_section(build(_answers(lang)), "acknowledgement")))
    assert ("læst og forstået" if lang == "da" else "read and understood") in ack
    assert ("vil følge den" if lang == "da" else "will follow it") in ack


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_the_nonprofit_asks_first_and_has_no_opt_out_badge(lang: str, tone: str | None) -> None:
    text = _text(_doc(lang, "nonprofit", tone)).lower()
    assert not re.search(r"badge|wristband|armbånd|skilt|mærkat|farvet", text)
    assert ("vi spørger altid" if lang == "da" else "we always ask") in text


# --- 4: topics current policies cover, switched by answers ---------------------------------

TOPICS = {
    "ai": (
        "T1",
        {
            "da": ["menneske tjekker altid", "falske billeder", "AI til svar i en krise"],
            "en": ["person always checks", "fake images", "AI to reply in a crisis"],
        },
    ),
    "harassment": (
        "T2",
        {
            "da": ["tag skærmbilleder", "arbejdsmiljørepræsentanten", "politiet"],
            "en": ["take screenshots", "health and safety rep", "police"],
        },
    ),
    "crisis_levels": (
        "T3",
        {
            "da": ["Niveau 1", "Niveau 2", "Niveau 3", "godkendte svar"],
            "en": ["Level 1", "Level 2", "Level 3", "approved reply"],
        },
    ),
    "leavers": (
        "T4",
        {
            "da": ["den dag, du stopper", "mindst to administratorer", "titel på LinkedIn"],
            "en": ["final working day", "at least two administrators", "job title on LinkedIn"],
        },
    ),
    "accessibility": (
        "T5",
        {
            "da": ["alternativ tekst", "undertekster", "stort begyndelsesbogstav", "emojis sidst"],
            "en": ["alt text", "captions", "Capitalise each word", "emoji last"],
        },
    ),
    "giveaways": (
        "T6",
        {
            "da": ["tagge venner", "hvad man kan vinde", "platformens regler"],
            "en": ["tag friends", "what the prize is", "platform's rules"],
        },
    ),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_each_topic_is_written_when_switched_on_and_gone_when_off(topic: str, lang: str) -> None:
    tid, said = TOPICS[topic]
    answers = _answers(lang)
    for state in (True, False):
        setattr(answers.topics, topic, state)
        doc = build(answers)
        text = markdown.render(doc)
        for phrase in said[lang]:
            assert (phrase in text) is state, (topic, state, phrase)
        assert (tid in doc.coverage()) is state
        if state:
            assert doc.coverage()[tid]


def test_giveaways_are_on_for_retail_and_hospitality_only() -> None:
    on = {i for i in INDUSTRIES if i and _answers("da", i).topics.giveaways}
    assert on == {"retail", "hospitality"}


def test_check_reports_the_new_topics(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = write(tmp_path / "svar.yaml", "language: da\norganisation:\n  name: Testhuset\n")
    code, out, err = cli("check", str(path))
    assert code == 0, err
    for tid in ("T1", "T2", "T3", "T4", "T5"):
        assert f"✓ {tid}" in out
    assert "T6" not in out
    assert "Ord:" in out


# --- 5: wording an editor would sign -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_roles_are_named_in_running_text_never_after_a_colon(lang: str) -> None:
    answers = _answers(lang)
    answers.roles["O2"].role = "Marketingchef" if lang == "da" else "Marketing manager"
    answers.roles["O1"].person = "Sara Holm"
    doc = build(answers)
    text = _text(doc)
    running = "\n".join(
        t
        for sec in doc.walk()
        for b in sec.blocks
        if not isinstance(b, Table)
        for t in ([b.text] if isinstance(b, Paragraph) else b.items)
    )
    assert ("marketingchefen" if lang == "da" else "the marketing manager") in running
    assert "Sara Holm, " in running
    assert not re.search(r": (Sara Holm|marketingchef|the marketing manager)", running, re.I)
    assert not re.search(r"[a-zæøå,] (Marketingchef|Marketing manager)", running)
    assert "Marketingchef" in text or "Marketing manager" in text  # the roles table keeps it


def test_the_default_cast_fits_a_small_business() -> None:
    roles = {r.role for r in _answers("da").roles.values()}
    assert {"Indehaver", "Daglig leder"} <= roles
    assert not any(r.lower().endswith("chef") for r in roles)
    text = _text(build(_answers("da")))
    assert "indehaveren" in text and "den daglige leder" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_placeholder_company_name_is_not_shown_as_a_real_name(lang: str) -> None:
    doc = build(_answers(lang))
    placeholder = "Vores virksomhed" if lang == "da" else "Our company"
    assert placeholder not in _text(doc)


@pytest.mark.parametrize(("lang", "industry", "tone"), COMBOS)
def test_one_kind_of_quotation_marks_and_the_agreed_words(
    lang: str, industry: str | None, tone: str | None
) -> None:
    text = _text(_doc(lang, industry, tone))
    assert '"' not in text
    if lang == "da":
        assert "“" not in text and "”" not in text
        for word in ("træning", "ansvarsfraskrivelse", "overvågning"):
            assert word not in text.lower(), word
    else:
        assert "»" not in text and "«" not in text
        for word in ("two-factor login", "personnel manager", "disclaimer"):
            assert word not in text.lower(), word


def test_each_rule_lives_in_one_place() -> None:
    """Photo consent, screens in the background, copyright, ad marking and the name rules
    are each stated once (the summary sums up, and other chapters refer by number)."""
    doc = build(_answers("da"))
    body = [t for sec in doc.walk() if not sec.front for t in _texts(sec)]
    once = {
        "photo consent": r"før (du|vi) viser en person",
        "background": r"[Ss]kærme.* i baggrunden",
        "copyright": r"tilhører den, der har lavet",
        "ad marking": r"»Reklame«",
        "name": r"Skriv vores navn",
    }
    for rule, pattern in once.items():
        found = [t for t in body if re.search(pattern, t)]
        assert len(found) == 1, (rule, found)
    lists = [b for sec in doc.walk() for b in sec.blocks if isinstance(b, BulletList)]
    confidential = [b for b in lists if any("Interne mails" in i for i in b.items)]
    assert len(confidential) == 1


def test_references_name_the_chapter_that_holds_the_rule() -> None:
    doc = build(_answers("da"))
    checks = " ".join(_texts(_section(doc, "before_posting")))
    numbers = {s.key: s.number for s in doc.walk()}
    for key in ("content", "everyday", "sharing"):
        assert f"kapitel {numbers[key]}" in checks, key
    answers = _answers("da")
    answers.scope.all_staff = False
    doc = build(answers)
    checks = " ".join(_texts(_section(doc, "before_posting")))
    assert f"kapitel {next(s.number for s in doc.walk() if s.key == 'staff_brief')}" in checks


def test_an_older_file_with_two_confidentiality_lists_gets_one(tmp_path: Path) -> None:
    path = write(
        tmp_path / "gammel.yaml",
        yaml.safe_dump(
            {
                "language": "da",
                "organisation": {"name": "Testhuset"},
                "rules": {"confidential": ["Priser før lancering"]},
                "legal": {"confidential_categories": ["Kundelister", "Priser før lancering"]},
            },
            allow_unicode=True,
        ),
    )
    doc = build(load_answers(path))
    lists = [
        b.items
        for sec in doc.walk()
        for b in sec.blocks
        if isinstance(b, BulletList) and "Kundelister" in b.items
    ]
    assert lists == [("Priser før lancering", "Kundelister")]
