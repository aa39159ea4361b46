"""Property tests: any valid answers export; any broken file is one InputError, one line.

Valid answers are built straight from the model (every field of :class:`Answers`), with
texts full of emoji, right-to-left script, control characters and characters XML forbids.
Broken files are random bytes, random YAML-ish text, and valid answers with one key
misspelt or one value of the wrong type.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import re
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import docx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from somewizard.answers import (
    HASHTAG,
    LANGUAGES,
    ROLE_IDS,
    Address,
    Answers,
    Appendix,
    Change,
    Engagement,
    Goals,
    Implementation,
    Legal,
    Organisation,
    Role,
    Rules,
    Scope,
    Voice,
    dumps,
    from_data,
    loads,
    to_data,
)
from somewizard.cli import main
from somewizard.errors import FORBIDDEN, InputError
from somewizard.export import render_bytes
from somewizard.render.markdown import escape
from somewizard.rules import check, contact_problem
from somewizard.session import checked_answers as compose
from somewizard.yamlio import dump_yaml

MODEST = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BROKEN = settings(MODEST, max_examples=100)

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

SPECIAL = [
    "😀",
    "👩‍👩‍👧",  # a family: emoji joined by zero-width joiners
    "🇩🇰",
    "مرحبا بالعالم",  # Arabic, right to left
    "שלום עולם",  # Hebrew, right to left
    "\u202e",  # right-to-left override
    "\u200f",
    "e\u0301",  # e + combining acute accent
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Æblegård Øst",
    "\x00",
    "\x0b",
    "\x1f",
    "\ufffe",
    "\uffff",
    "\x7f",
    "\x85",
    "\u2028",
    "\t",
    "\n",
    "\r",
    "{company}",
    "<w:t>&amp;</w:t>",
    "]]>",
    "*_`#|\\[",
    "1.",
    "- ",
    "# ",
]

texts = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=5)), max_size=8).map("".join),
)
names = texts.filter(lambda s: s.strip() != "")
"""A company name: anything that is not blank (the only rule on it)."""


versions = texts  # any text, '1.²' and '①' included
text_lists = st.lists(texts, max_size=4)
hashtags = st.one_of(
    st.from_regex(r"#[^\s#]{1,20}", fullmatch=True),
    st.sampled_from(["#Café", "#مرحبا", "#שלום", "#😀", "#MødHoldet", "#a\x00b"]),
).filter(lambda t: HASHTAG.match(t) is not None)
LAST_SAFE_DATE = dt.date(dt.MAXYEAR - 5, 12, 31)
"""The last effective date whose review date (at most 60 months on) a calendar can hold."""

contacts = texts.filter(lambda t: not contact_problem(t))
"""A contact: any text but one that looks like a mistyped e-mail address or phone number."""

roles = st.fixed_dictionaries(
    {
        rid: st.builds(Role, role=texts, person=texts, contact=contacts, deputy=texts)
        for rid in ROLE_IDS
    }
)
answers_strategy = st.builds(
    Answers,
    language=st.sampled_from(LANGUAGES),
    organisation=st.builds(
        Organisation,
        name=names,
        industry=texts,
        size=texts,
        channels=text_lists,
        owner=texts,
        contact=contacts,
        effective_date=st.none() | st.dates(max_value=LAST_SAFE_DATE),
        version=versions,
        review_months=st.integers(1, 60),
    ),
    scope=st.sampled_from([(True, True), (True, False), (False, True)]).map(lambda t: Scope(*t)),
    goals=st.builds(
        Goals,
        protect=st.booleans(),
        advocacy=st.booleans(),
        consistency=st.booleans(),
        own=text_lists,
    ),
    voice=st.builds(
        Voice,
        tone=texts,
        description=texts,
        address=st.sampled_from(get_args(Address)),
        emoji=texts,
        hashtags=st.lists(hashtags, max_size=4),
        examples=text_lists,
        images=text_lists,
        criticism=texts,
    ),
    rules=st.builds(
        Rules,
        brand_name=texts,
        brand=text_lists,
        engagement=st.sampled_from(get_args(Engagement)),
        sensitive_topics=st.booleans(),
        confidential=text_lists,
        consequences=texts,
        personal_use=texts,
    ),
    roles=roles,
    legal=st.builds(
        Legal,
        credit=texts,
        confidential_categories=text_lists,
        disclaimer=texts,
        disclaimer_where=text_lists,
    ),
    implementation=st.builds(Implementation, input=texts, training=texts),
    appendix=st.builds(
        Appendix,
        acknowledgement=st.booleans(),
        history=st.lists(
            st.builds(Change, version=versions, date=st.none() | st.dates(), change=texts),
            max_size=3,
        ),
    ),
)


def _long(seed: str, size: int = 100_000) -> str:
    """``size`` characters made by repeating ``seed``."""
    return (seed * (size // len(seed) + 1))[:size]


def _long_answers() -> Answers:
    """Texts of 100,000 characters: name, description, list items, a hashtag, a role."""
    a = Answers()
    a.organisation.name = _long("Æblegård 😀 مرحبا שלום \x00\x0b\x1f\ufffe ")
    a.voice.description = _long("We write kindly. ")
    a.voice.hashtags = ["#" + _long("Lang", 99_999)]
    a.goals.own = [_long("🇩🇰 good neighbours. "), _long("\u202eright to left ")]
    a.roles["O1"].person = _long("Anna ")
    a.appendix.history = [Change(version=_long("1."), date=dt.date(2026, 1, 31), change="x")]
    return a


def _long_rtl_answers() -> Answers:
    a = Answers(language="en")
    a.organisation.name = _long("شركة المستقبل ")
    a.rules.brand_name = _long("חברה ")
    a.legal.disclaimer = _long("\x07\x1b[31m red \ufeff")
    return a


def _docx_text(data: bytes) -> str:
    """All the text of a .docx: body paragraphs, tables, header; re-opened with python-docx."""
    word = docx.Document(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in word.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


@MODEST
@given(answers=answers_strategy)
@example(answers=_long_answers())
@example(answers=_long_rtl_answers())
def test_valid_answers_always_export(answers: Answers) -> None:
    check(answers)  # the strategy makes valid answers only
    company = answers.organisation.name.strip()

    data = render_bytes(answers, "docx")
    expected = XML_FORBIDDEN.sub("", company).replace("\r", "\n")  # Word has no \r: a break
    assert expected in _docx_text(data)

    md = render_bytes(answers, "md").decode("utf-8")
    assert md.splitlines()[0].endswith(": " + escape(company))


@MODEST
@given(answers=answers_strategy)
@example(answers=_long_answers())
def test_valid_answers_survive_the_yaml_round_trip(answers: Answers) -> None:
    """What ``export --format yaml`` writes reads back as the same answers."""
    answers = _readable(answers)
    assert loads(dumps(answers)) == answers


def _readable(answers: Answers) -> Answers:
    """The answers without the characters no file may hold (they are refused on reading)."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return FORBIDDEN.sub("", value)
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return from_data(walk(to_data(answers)))


@MODEST
@given(answers=answers_strategy)
def test_forbidden_characters_in_a_file_are_one_line(answers: Answers) -> None:
    """Control characters, lone surrogates and bidi controls: refused, naming the line."""
    text = dumps(answers)
    if not FORBIDDEN.search(text):
        return
    with _file(text.encode("utf-8", "surrogatepass")) as file:
        result = _compose(file)
        assert isinstance(result, InputError)
        _assert_cli_one_line(file)


@MODEST
@given(day=st.dates(), months=st.integers(1, 60))
@example(day=dt.date(9994, 12, 31), months=60)
@example(day=dt.date(9995, 1, 1), months=60)
@example(day=dt.date(9999, 12, 31), months=1)
@example(day=dt.date(1, 1, 1), months=1)
def test_any_date_either_exports_or_is_one_error(day: dt.date, months: int) -> None:
    """An effective date near the end of the calendar is refused, never a crash."""
    answers = Answers()
    answers.organisation.name = "Butik"
    answers.organisation.effective_date = day
    answers.organisation.review_months = months
    try:
        check(answers)
    except InputError as exc:
        assert exc.field == "organisation.effective_date"
        return
    assert render_bytes(answers, "md").startswith(b"# ")


def test_version_with_a_superscript_digit_exports() -> None:
    answers = Answers()
    answers.organisation.name = "Butik"
    answers.organisation.version = "1.²"
    render_bytes(answers, "md")


# --- broken files ----------------------------------------------------------------------


@contextlib.contextmanager
def _file(content: bytes | str) -> Iterator[Path]:
    """The content in a temporary file (hypothesis runs many examples per test call)."""
    with tempfile.TemporaryDirectory(prefix="somewizard-prop-") as tmp:
        path = Path(tmp) / "answers.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        yield path


def _compose(path: Path) -> Answers | InputError:
    """``compose`` on the file: the Answers, or the InputError it raised (nothing else)."""
    try:
        return compose(answers_file=path)
    except InputError as exc:
        return exc


def _check_cli(path: Path) -> tuple[int, str, str]:
    """``somewizard check PATH`` in-process, with its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path)])
    return code, out.getvalue(), err.getvalue()


def _assert_cli_one_line(path: Path) -> None:
    code, out, err = _check_cli(path)
    assert code == 2, (code, out, err)
    assert err.startswith(f"somewizard: error: {path}") and err.count("\n") == 1, err
    assert "Traceback" not in err and out == ""


def _assert_error_or_valid(path: Path) -> None:
    """A random file is nearly always broken; the odd one that is valid (``{}``) exports."""
    result = _compose(path)
    if isinstance(result, InputError):
        assert str(result).startswith(str(path))
        _assert_cli_one_line(path)
    else:
        check(result)


@BROKEN
@given(content=st.binary(max_size=400))
@example(content=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
@example(content="æøå: ÆØÅ\n".encode("latin-1"))
@example(content=b"\xef\xbb\xbf")  # a UTF-8 byte-order mark and nothing else
@example(content=b"\xff\xfe\x00a")
def test_random_bytes_are_an_input_error(content: bytes) -> None:
    with _file(content) as path:
        _assert_error_or_valid(path)


YAML_BITS = [
    *(f.name for f in dataclasses.fields(Answers)),
    *(f.name for f in dataclasses.fields(Organisation)),
    "hashtags",
    "O1",
    "history",
    "da",
    "en",
    ": ",
    ":",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n    ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "'",
    '"',
    "&a ",
    "*a",
    "*b",
    "<<: ",
    "? ",
    "|\n",
    ">-\n",
    "!!python/object/apply:os.system ['touch PWNED'] ",
    "!!python/name:os.system ",
    "!!str ",
    "!!binary ",
    "!!int ",
    "!!bool ",
    "!!timestamp ",
    "!!set ",
    "!custom ",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2026:\n",
    "---\n",
    "...\n",
    "# comment\n",
    "\t",
    "yes",
    "~",
    "null",
    "0x1F",
    "0o17",
    "1e400",
    "1_000",
    "12:30:00",
    "2026-02-30",
    "2026-01-31",
    ".nan",
    "#Tag",
    "😀",
    "مرحبا",
    "\x07",
    "\ufeff",
    "\ufffe",
    "\x85",
    "\\x00",
    "\\",
]

yamlish = st.lists(st.sampled_from(YAML_BITS), min_size=1, max_size=40).map("".join)


@BROKEN
@given(text=yamlish)
@example(text="organisation:\n  name: [x\n")
@example(text="a: &a [*a, *a]\nb: *a\n")
@example(text="<<: {<<: *a}\n")
@example(text="organisation: {<<: [*b]}\n")
@example(text="? [a]\n: b\n")
@example(text="organisation:\n  name: !!python/object/apply:os.system ['touch PWNED']\n")
def test_random_yamlish_text_is_an_input_error(text: str) -> None:
    with _file(text) as path:
        _assert_error_or_valid(path)
        assert not (path.parent / "PWNED").exists() and not Path("PWNED").exists()


# --- valid answers with one thing wrong ------------------------------------------------


def _keys(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], list[str]]]:
    """Every mapping key: its path and the other keys beside it."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield (*path, k), list(data)
            yield from _keys(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _keys(v, (*path, i))


def _misspellings(key: str) -> list[str]:
    """Typing mistakes: two letters swapped, one dropped, one doubled, one too many."""
    out = [key + "x", "x" + key, key.upper()]
    for i in range(len(key)):
        out.append(key[:i] + key[i + 1 :])
        out.append(key[:i] + key[i] + key[i:])
        if i + 1 < len(key) and key[i] != key[i + 1]:
            out.append(key[:i] + key[i + 1] + key[i] + key[i + 2 :])
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _rename(data: Any, path: tuple[Any, ...], new: str) -> None:
    """Rename the key at ``path`` keeping the order of the keys."""
    for step in path[:-1]:
        data = data[step]
    items = [(new if k == path[-1] else k, v) for k, v in data.items()]
    data.clear()
    data.update(items)


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path)


@BROKEN
@given(answers=answers_strategy, data=st.data())
def test_one_misspelt_key_is_an_input_error(answers: Answers, data: st.DataObject) -> None:
    tree = to_data(_readable(answers))
    path, siblings = data.draw(st.sampled_from(list(_keys(tree))), label="key")
    key = str(path[-1])
    typo = data.draw(
        st.sampled_from(
            [t for t in _misspellings(key) if t and t not in siblings and t not in LANGUAGES]
        ),
        label="typo",
    )
    _rename(tree, path, typo)
    text = dump_yaml(tree)
    with _file(text) as file:
        result = _compose(file)
        assert isinstance(result, InputError), f"{typo!r} for {key!r} was accepted"
        assert result.message == "unknown key"
        assert result.field == _dotted((*path[:-1], typo))
        assert result.line is not None and typo in text.splitlines()[result.line - 1]
        assert result.hint is not None
        assert result.hint.startswith(("did you mean '", "known keys: "))
        if result.hint.startswith("did you mean"):
            assert result.hint.split("'")[1] in siblings
        _assert_cli_one_line(file)


def _nodes(
    tp: Any, value: Any, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every value in the answers data with the model type it must have."""
    if path:
        yield path, tp
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        for k, v in value.items():
            yield from _nodes(hints[k], v, (*path, k))
    elif origin is dict:
        for k, v in value.items():
            yield from _nodes(get_args(tp)[1], v, (*path, k))
    elif origin is list:
        for i, v in enumerate(value):
            yield from _nodes(get_args(tp)[0], v, (*path, i))


def _wrong_values(tp: Any) -> list[Any]:
    """Values that can never be read as the type ``tp``."""
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp) or origin is dict:
        return [["a list"], "some text", 5, True]
    if origin is list:
        if dataclasses.is_dataclass(get_args(tp)[0]):
            return [{"x": 1}, [5], True, 7]
        # a plain true or 5 is text as written (YAML 1.1 would make them a bool or a number)
        return [{"x": "y"}, [["nested"]], [{"k": "v"}]]
    if origin is Literal:
        return ["zzz", 5, ["da"], True]
    if tp is str:
        return [["a", "b"], {"k": "v"}]
    if tp is bool:
        return [1, 0, "maybe", ["x"], None, 1.5, "2026-01-31"]
    if tp is int:
        return ["twelve", 1.5, True, [1], None, {"k": 1}]
    if tp == dt.date | None:
        return ["someday", 5, True, [1], {"k": 1}, "2026-02-30"]
    raise AssertionError(f"no wrong values for {tp!r}")  # pragma: no cover


@BROKEN
@given(answers=answers_strategy, data=st.data())
@example(answers=Answers(organisation=Organisation(name="X")), data=None)
def test_one_value_of_a_wrong_type_is_an_input_error(
    answers: Answers, data: st.DataObject | None
) -> None:
    tree = to_data(_readable(answers))
    nodes = list(_nodes(Answers, tree))
    if data is None:  # the explicit example: a number where true/false belongs
        path, tp = ("scope", "all_staff"), bool
        wrong: Any = 1
    else:
        path, tp = data.draw(st.sampled_from(nodes), label="where")
        wrong = data.draw(st.sampled_from(_wrong_values(tp)), label="wrong")
    _set(tree, path, wrong)
    with _file(dump_yaml(tree)) as file:
        result = _compose(file)
        assert isinstance(result, InputError), f"{wrong!r} accepted at {_dotted(path)}"
        dotted = _dotted(path)
        assert result.field == dotted or (result.field or "").startswith(dotted + "."), (
            result.field,
            dotted,
            str(result),
        )
        assert result.line is not None, str(result)
        _assert_cli_one_line(file)
