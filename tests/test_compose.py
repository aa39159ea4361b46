"""Presets compose safely: a tone changes how we sound, never what the trade requires.

The matrix builds every industry x tone x language and checks that every sentence an
industry adds to the default policy survives the tone. The tone's register (the wording
of the skeleton it selects through ``voice.tone``) is held equal on both sides, so what
is compared is exactly what the tone's own answers do to the industry's.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from somewizard.answers import Answers
from somewizard.document import (
    BulletList,
    Paragraph,
    PolicyDocument,
    Section,
    Table,
    build,
    definite,
)
from somewizard.owners import INDUSTRY, OWNERS, TONE, owner
from somewizard.presets import catalogue, defaults_layer, find
from somewizard.session import Session
from somewizard.session import checked_answers as compose

from .conftest import CliResult, write

BUILTIN = catalogue(include_user=False)
INDUSTRIES = [p.name for p in BUILTIN if p.kind == "industry"]
TONES = [p.name for p in BUILTIN if p.kind == "tone"]
LANGS = ["da", "en"]
NAME = "Testhuset"


def _answers(lang: str, industry: str | None = None, tone: str | None = None) -> Answers:
    answers = compose(language=lang, industry=industry, tone=tone)
    answers.organisation.name = NAME
    return answers


def _register(tone: str) -> str:
    return str(find("tone", tone).layer["voice"]["tone"])


def _texts(sec: Section) -> list[str]:
    out = [sec.title]
    for block in sec.blocks:
        if isinstance(block, Paragraph):
            out += [block.lead, block.text]
        elif isinstance(block, BulletList):
            out += block.items
        elif isinstance(block, Table):
            out += [cell for row in block.rows for cell in row]
    return out


def _doc_text(doc: PolicyDocument) -> list[str]:
    return [t for sec in doc.walk() for t in _texts(sec) if t]


def sentences(doc: PolicyDocument) -> set[str]:
    found: set[str] = set()
    for text in _doc_text(doc):
        found.update(s.strip() for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip())
    return found


@cache
def _doc(lang: str, industry: str | None, tone: str | None, register: str | None) -> PolicyDocument:
    answers = _answers(lang, industry, tone)
    if register is not None:
        answers.voice.tone = register
    return build(answers)


# --- 1. the matrix ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("industry", INDUSTRIES)
def test_a_tone_keeps_every_sentence_the_industry_adds(industry: str, tone: str, lang: str) -> None:
    register = _register(tone)
    added = sentences(_doc(lang, industry, None, register)) - sentences(
        _doc(lang, None, None, register)
    )
    assert added, "the industry adds nothing to the default policy"
    combined = sentences(_doc(lang, industry, tone, None))
    lost = sorted(added - combined)
    assert not lost, f"{industry} + {tone} ({lang}) loses: {lost[:5]}"


CONFIDENTIALITY = {
    ("health", "da"): "Selv det, at en person er patient hos os, er omfattet af tavshedspligten.",
    (
        "health",
        "en",
    ): "Even the fact that someone is our patient is covered by the duty of confidentiality.",
    (
        "professional_services",
        "da",
    ): "Vi bekræfter derfor hverken, at personen er klient, eller noget om sagen.",
    (
        "professional_services",
        "en",
    ): "So we confirm neither that the person is a client nor anything about the matter.",
    ("hospitality", "da"): "Datoer, navne og værelsesnumre holder vi ude af svaret.",
    ("hospitality", "en"): "We keep dates, names and room numbers out of the reply.",
}


@pytest.mark.parametrize(("industry", "lang"), sorted(CONFIDENTIALITY))
@pytest.mark.parametrize("tone", TONES)
def test_the_trades_confidentiality_survives_every_tone(
    industry: str, lang: str, tone: str
) -> None:
    assert CONFIDENTIALITY[(industry, lang)] in sentences(_doc(lang, industry, tone, None))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("industry", ["health", "professional_services"])
@pytest.mark.parametrize("tone", TONES)
def test_under_secrecy_no_step_confirms_the_person_or_apologises_in_public(
    industry: str, tone: str, lang: str
) -> None:
    steps = next(s for s in _doc(lang, industry, tone, None).walk() if s.key == "criticism")
    text = " ".join(_texts(steps))
    assert ("sig undskyld" if lang == "da" else "apologise if") not in text
    assert ("Bekræft aldrig" if lang == "da" else "Never confirm") in text
    safe = "over telefonen eller i en sikker mail" if lang == "da" else "by phone or secure email"
    assert safe in text
    # a private message is named only to say it is not the place
    for sentence in sentences(_doc(lang, industry, tone, None)):
        if re.search(r"privat(e)? (besked|message)", sentence):
            assert re.search(r"heller ikke|not even", sentence), sentence


# --- 2. ownership ----------------------------------------------------------------------


def _paths(tp: Any, prefix: str = "") -> list[str]:
    import dataclasses
    import typing

    out: list[str] = []
    for f in dataclasses.fields(tp):
        hint = typing.get_type_hints(tp)[f.name]
        path = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(hint):
            out += _paths(hint, path + ".")
        elif f.name == "roles":
            out += [f"roles.O1.{k}" for k in ("role", "person", "contact", "deputy")]
        else:
            out.append(path)
    return out


def test_every_answer_has_an_owner() -> None:
    paths = _paths(Answers)
    assert len(paths) > 40
    for path in paths:
        assert owner(path) in {"industry", "tone", "shared", "user"}, path
    assert {owner(p) for p in paths} == {"industry", "tone", "shared", "user"}
    assert len(OWNERS) == len(paths)


def test_every_builtin_preset_sets_only_what_its_kind_owns() -> None:
    for preset in BUILTIN:
        for section, values in preset.layer.items():
            for key, value in values.items():
                paths = (
                    [f"roles.{key}.{k}" for k in value]
                    if section == "roles"
                    else [f"{section}.{key}"]
                )
                for path in paths:
                    assert owner(path) in {preset.kind, "shared"}, (preset.name, path)


TONE_HEAD = "preset:\n  kind: tone\n  title: {da: Vores, en: Ours}\nanswers:\n"


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("  voice:\n    criticism: Svar samme dag, og sig undskyld.\n", 6, "voice.criticism"),
        (
            "  voice:\n    tone: warm\n  rules:\n    personal_use: Telefonen i lommen.\n",
            8,
            "rules.personal_use",
        ),
        ("  legal:\n    disclaimer_where: [TikTok]\n", 6, "legal.disclaimer_where"),
        ("  roles:\n    O1:\n      role: Chef\n", 7, "roles.O1.role"),
        ("  organisation:\n    name: Firma\n", 6, "organisation.name"),
    ],
)
def test_check_rejects_a_tone_that_sets_what_it_does_not_own(
    cli: Any, tmp_path: Path, body: str, line: int, field: str
) -> None:
    path = write(tmp_path / "ours.yaml", TONE_HEAD + body)
    result: CliResult = cli("check", str(path))
    code, out, err = result
    assert code == 2, (out, err)
    assert f"ours.yaml:{line}: {field}: a tone preset cannot set {field}" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("export", "--tone", str(path), "-o", str(tmp_path / "p.docx"))
    assert code == 2 and f"ours.yaml:{line}" in err
    assert not (tmp_path / "p.docx").exists()


def test_the_error_says_where_a_tones_criticism_text_belongs(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "ours.yaml", TONE_HEAD + "  voice:\n    criticism: Hurtigt.\n")
    _, _, err = cli("check", str(path))
    assert "voice.reply_style" in err


def test_check_rejects_an_industry_that_sets_the_tone(cli: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path / "salon.yaml",
        "preset:\n  kind: industry\nanswers:\n  voice:\n    address: formal\n",
    )
    code, _, err = cli("check", str(path))
    assert code == 2
    assert "salon.yaml:5: voice.address: an industry preset cannot set voice.address" in err


def test_a_user_tone_that_breaks_the_rule_is_left_out_and_named(cli: Any, tmp_path: Path) -> None:
    import os

    folder = Path(os.environ["SOMEWIZARD_CONFIG_DIR"]) / "presets" / "tones"
    folder.mkdir(parents=True)
    write(folder / "ours.yaml", TONE_HEAD + "  voice:\n    criticism: Hurtigt.\n")
    code, out, err = cli("presets")
    assert "ours.yaml:6" in out + err
    code, _, err = cli("export", "--tone", "ours", "-o", str(tmp_path / "p.docx"))
    assert code == 2 and "voice.criticism" in err


def test_a_tone_that_keeps_to_its_own_answers_passes(cli: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path / "ours.yaml",
        TONE_HEAD
        + "  voice:\n    tone: warm\n    reply_style: Roligt og venligt.\n"
        + "  rules:\n    engagement: welcome\n",
    )
    code, out, err = cli("check", str(path))
    assert code == 0, err


def test_an_answers_file_may_set_every_answer(cli: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path / "ours.yaml",
        "presets: {industry: health, tone: formal}\n"
        "organisation: {name: Klinik Nord}\n"
        "voice: {criticism: Vores egne regler for svar., tone: fun}\n",
    )
    code, out, err = cli("export", "--answers", str(path), "--format", "md", "-o", "-")
    assert code == 0, err
    assert "Vores egne regler for svar." in out


# --- 3. the trade's words --------------------------------------------------------------

OTHER_WORDS = {
    "health": (r"\bkunde", r"\bcustomer"),
    "professional_services": (r"\bkunde", r"\bcustomer"),
    "hospitality": (r"\bkunde", r"\bcustomer"),
    "nonprofit": (r"\bkunde|firma|virksomhed|\bledelsen\b", r"\bcustomer|\bcompany\b|management"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", [None, *TONES])
@pytest.mark.parametrize("industry", sorted(OTHER_WORDS))
def test_the_policy_speaks_the_trades_language(industry: str, tone: str | None, lang: str) -> None:
    pattern = OTHER_WORDS[industry][LANGS.index(lang)]
    for text in _doc_text(_doc(lang, industry, tone, None)):
        assert not re.search(pattern, text, re.IGNORECASE), text


@pytest.mark.parametrize("lang", LANGS)
def test_whom_we_serve_names_the_chapters_and_the_roles(lang: str) -> None:
    words = {
        "health": ("Når patienter spørger", "Questions from patients"),
        "nonprofit": ("Når medlemmer spørger", "Questions from members"),
        "professional_services": ("Når klienter spørger", "Questions from clients"),
        "hospitality": ("Når gæster spørger", "Questions from guests"),
        "retail": ("Når kunder spørger", "Questions from customers"),
    }
    for industry, titles in words.items():
        doc = _doc(lang, industry, None, None)
        title = titles[LANGS.index(lang)]
        assert title in [s.title for s in doc.walk()], industry
        roles = next(b for s in doc.walk() for b in s.blocks if isinstance(b, Table))
        o3 = roles.rows[2]
        assert o3[0] == title.replace("Når ", "Spørgsmål fra ").replace(" spørger", "")
        # the chapter hands questions to the O3 role (in running text), never to a literal
        answers = _answers(lang, industry)
        role = definite(answers.roles["O3"].role, lang)
        chapter = " ".join(_texts(next(s for s in doc.walk() if s.key == "customers")))
        assert role in chapter
        assert "kundeservice" not in chapter.lower() or "kundeservice" in role


@pytest.mark.parametrize("lang", LANGS)
def test_an_association_covers_volunteers_and_the_board_and_is_owned_by_it(lang: str) -> None:
    doc = _doc(lang, "nonprofit", None, None)
    purpose = " ".join(_texts(next(s for s in doc.walk() if s.key == "purpose")))
    assert ("frivillige" if lang == "da" else "volunteers") in purpose
    assert ("bestyrelsens medlemmer" if lang == "da" else "members of the board") in purpose
    assert doc.owner == ("Bestyrelsen" if lang == "da" else "The board")
    headings = [s.title for s in doc.walk()]
    assert (
        "Del A – Foreningens egne kanaler"
        if lang == "da"
        else "Part A – The association's own channels"
    ) in headings
    # a shop does not say so
    shop = " ".join(
        _texts(next(s for s in _doc(lang, "retail", None, None).walk() if s.key == "purpose"))
    )
    assert ("frivillige" if lang == "da" else "volunteers") not in shop


def test_the_wizard_words_follow_the_answers() -> None:
    session = Session(language="da")
    session.set_answer("organisation.name", "Foreningen Fri")
    session.set_answer("organisation.served", "members")
    session.set_answer("organisation.kind", "association")
    session.set_answer("scope.volunteers", True)
    doc = build(session.answers())
    text = " ".join(_doc_text(doc))
    assert "Når medlemmer spørger" in text and "Foreningens egne kanaler" in text
    assert "vikarer og frivillige" in text


# --- 4. tones consistent with the answers ----------------------------------------------

PLATFORMS = r"\b(Facebook|Instagram|LinkedIn|TikTok|X|YouTube|Snapchat|Messenger|Threads|DM)\b"
PROMISES = (
    r"\b(inden for|within|samme dag|same day|senest|at the latest|inden kl\.|by \d)"
    r"|\b(svarer|ringer|vender tilbage|fikser|løsning)\b[^.]*\bi dag\b"
    r"|\b(reply|call|get back|fix|solution)\b[^.]*\btoday\b"
)
FACTS = r"(personalemøde|staff meeting|høring|for comments|kaffe og kage|coffee and cake|sammen med medarbejderne|together with (our )?staff)"
TRADE = r"\b(kunde|customer|patient|klient|client|gæst|guest|medlem|member|borger|resident)"
PRIVATE = r"(privat(e)? (besked|message))"


def _tone_texts() -> list[tuple[str, str, str]]:
    """Every tone-owned text of every built-in tone, and of the defaults."""
    found = []
    layers = [(p.name, p.layer) for p in BUILTIN if p.kind == "tone"]
    layers.append(("defaults", defaults_layer()))
    for name, layer in layers:
        for section, values in layer.items():
            if not isinstance(values, dict):
                continue
            for key, value in values.items():
                path = f"{section}.{key}"
                if section == "roles" or owner(path) != TONE:
                    continue
                for lang_value in value.values() if isinstance(value, dict) else [value]:
                    for text in lang_value if isinstance(lang_value, list) else [lang_value]:
                        found.append((name, path, str(text)))
    return found


@pytest.mark.parametrize("pattern", [PLATFORMS, PROMISES, FACTS, TRADE, PRIVATE])
def test_tone_texts_state_no_facts_channels_times_or_trade_words(pattern: str) -> None:
    texts = _tone_texts()
    assert len(texts) > 60
    bad = [(n, p, t) for n, p, t in texts if re.search(pattern, t, re.IGNORECASE)]
    assert not bad, bad[:3]


RESPONSE = {
    "hours": ("inden for et par timer", "within a couple of hours"),
    "same_day": ("samme dag", "the same day"),
    "one_day": ("inden for et døgn", "within 24 hours"),
    "next_workday": ("senest næste hverdag", "by the next working day"),
    "two_workdays": ("inden for to hverdage", "within two working days"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", [None, *TONES])
@pytest.mark.parametrize("industry", INDUSTRIES)
def test_one_response_time_everywhere(industry: str, tone: str | None, lang: str) -> None:
    answers = _answers(lang, industry, tone)
    text = " ".join(_doc_text(_doc(lang, industry, tone, None)))
    i = LANGS.index(lang)
    assert RESPONSE[answers.organisation.response_time][i] in text
    for key, phrases in RESPONSE.items():
        if key != answers.organisation.response_time:
            assert phrases[i] not in text, (key, industry, tone)


def test_changing_the_response_time_changes_every_place() -> None:
    answers = _answers("da", "retail")
    answers.organisation.response_time = "hours"
    text = " ".join(_doc_text(build(answers)))
    assert text.count("inden for et par timer") >= 2 and "samme dag" not in text


def test_channels_in_the_document_are_the_users_or_the_industrys() -> None:
    for industry, tone, lang in itertools.product(INDUSTRIES, TONES, LANGS):
        answers = _answers(lang, industry, tone)
        named = set(answers.organisation.channels) | set(answers.legal.disclaimer_where)
        for text in answers.voice.examples + [answers.voice.reply_style, answers.voice.description]:
            for hit in re.findall(PLATFORMS, text):
                assert hit in named, (industry, tone, text)


# --- 5. tones that are felt ------------------------------------------------------------

FELT = ["voice", "criticism", "sharing", "everyday", "trouble"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", FELT)
def test_two_tones_read_differently_in_the_chapters_staff_read_most(key: str, lang: str) -> None:
    versions = {}
    for tone in TONES:
        sec = next(s for s in _doc(lang, "retail", tone, None).walk() if s.key == key)
        # the examples are the tone's own answers: leave them out, compare the body
        versions[tone] = [
            t for t in _texts(sec) if t not in _answers(lang, "retail", tone).voice.examples
        ]
    for a, b in itertools.combinations(TONES, 2):
        shared = set(versions[a]) & set(versions[b]) - {""}
        differing = set(versions[a]) ^ set(versions[b])
        assert len(differing) >= 2, (key, a, b)
        assert len(shared) < len(set(versions[a])), (key, a, b)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{([A-Za-z0-9_.]+)\}", text))


def _tone_versions(node: Any) -> list[tuple[Any, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if "tones" in node:
            found.append((node, node["tones"]))
        for v in node.values():
            found += _tone_versions(v)
    elif isinstance(node, list):
        for v in node:
            found += _tone_versions(v)
    return found


def test_every_tone_version_says_the_same_rule_with_the_same_answers() -> None:
    policy = yaml.safe_load(
        (Path(__file__).parent.parent / "somewizard" / "content" / "policy.yaml").read_text()
    )
    versions = _tone_versions(policy)
    assert len(versions) >= 5  # the opening of each chapter staff read most
    tones = {_register(t) for t in TONES} - {"professional"}
    for base, by_tone in versions:
        assert set(by_tone) == tones, sorted(by_tone)
        for tone, text in by_tone.items():
            for lang in LANGS:
                assert _placeholders(str(text[lang])) == _placeholders(str(base[lang])), (
                    tone,
                    text,
                )


def test_industry_owned_answers_name_no_tone() -> None:
    assert owner("voice.criticism") == INDUSTRY and owner("voice.reply_style") == TONE
