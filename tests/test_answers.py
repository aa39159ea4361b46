"""The Answers model: YAML round trip, validation messages, layering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from somewizard.answers import Answers, Role, dumps, load_answers, loads, merge, to_data
from somewizard.errors import InputError
from somewizard.session import Session
from somewizard.session import checked_answers as compose

from .conftest import write


def full_answers() -> Answers:
    """Answers with every kind of field set away from its default."""
    a = compose(language="en")
    a.organisation.name = "Bageriet Kringlen ApS"
    a.organisation.effective_date = dt.date(2027, 2, 1)
    a.organisation.review_months = 6
    a.organisation.channels = ["Instagram", "TikTok"]
    a.scope.official_channels = False
    a.goals.own = ["Attract apprentices"]
    a.voice.address = "formal"
    a.voice.hashtags = ["#Kringlen", "#FreshBread"]
    a.rules.engagement = "official_only"
    a.roles["O3"] = Role("Shop manager", "Mia Holm", "mia@example.dk", "Jonas")
    a.legal.disclaimer_where = ["LinkedIn"]
    return a


def test_round_trip_defaults_and_full() -> None:
    for answers in (compose(), compose(language="en"), full_answers()):
        assert loads(dumps(answers)) == answers


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    answers = full_answers()
    path = write(tmp_path / "a.yaml", dumps(answers))
    assert load_answers(path) == answers


def test_every_field_is_in_the_file() -> None:
    data = to_data(compose())
    assert set(data) == {
        "language",
        "organisation",
        "scope",
        "goals",
        "voice",
        "rules",
        "topics",
        "roles",
        "legal",
        "implementation",
        "appendix",
    }
    assert set(data["roles"]) == {"O1", "O2", "O3", "O4", "O5", "O6"}
    assert set(data["roles"]["O1"]) == {"role", "person", "contact", "deputy"}


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("organisation:\n  nmae: X\n", 2, "organisation.nmae", "did you mean 'name'"),
        ("language: da\nvoice:\n  adress: formal\n", 3, "voice.adress", "did you mean 'address'"),
        (
            "organisation:\n  review_months: often\n",
            2,
            "organisation.review_months",
            "whole number",
        ),
        ("voice:\n  address: formel\n", 2, "voice.address", "did you mean 'formal'"),
        ("scope:\n  all_staff: maybe\n", 2, "scope.all_staff", "true or false"),
        ("voice:\n  hashtags: ['#ok', 'not a tag']\n", 2, "voice.hashtags.1", "er ikke et hashtag"),
        ("organisation:\n  name: ''\n", 2, "organisation.name", "Skriv virksomhedens navn"),
        ("organisation:\n  effective_date: 31-02-2026\n", 2, "organisation.effective_date", "date"),
        ("roles:\n  O7: {role: x}\n", 2, "roles.O7", "unknown key"),
        ("language: fr\n", 1, "language", "one of 'da', 'en'"),
    ],
)
def test_errors_name_file_line_and_field(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    path = write(tmp_path / "answers.yaml", text)
    with pytest.raises(InputError) as info:
        compose(answers_file=path)
    err = info.value
    assert (err.file, err.line, err.field) == (str(path), line, field)
    assert words in str(err)
    assert str(err).startswith(f"{path}:{line}: {field}: ")
    assert "\n" not in str(err)


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(
        tmp_path / "evil.yaml",
        f"organisation:\n  name: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    with pytest.raises(InputError, match="not allowed"):
        compose(answers_file=path)
    assert not marker.exists()


def test_layers_stack_in_documented_order(tmp_path: Path) -> None:
    saved = write(tmp_path / "a.yaml", "organisation:\n  name: Saved\n  size: '10-49'\n")
    layers = Session(opened=loads_raw(saved))
    layers.typed = {"organisation": {"name": "Typed"}}
    answers = layers.answers()
    assert answers.organisation.name == "Typed"  # typed beats saved
    assert answers.organisation.size == "10-49"  # saved beats defaults
    assert answers.organisation.channels  # defaults fill what nobody set


def loads_raw(path: Path) -> dict[str, object]:
    """The raw mapping of a YAML file."""
    import yaml

    data: dict[str, object] = yaml.safe_load(path.read_text())
    return data


def test_merge_replaces_lists_and_merges_mappings() -> None:
    low = {"voice": {"hashtags": ["#a"], "tone": "fun"}}
    high = {"voice": {"hashtags": ["#b"]}}
    assert merge(low, high) == {"voice": {"hashtags": ["#b"], "tone": "fun"}}
