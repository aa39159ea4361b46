"""The compiled copies of the shipped YAML: up to date, and never used once stale."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from somewizard import packaged, presets, ui


@pytest.mark.parametrize("name", packaged.NAMES)
def test_compiled_data_is_up_to_date(name: str) -> None:
    compiled = json.loads((packaged.COMPILED / f"{name}.json").read_text("utf-8"))
    hint = "the YAML changed since the build: run  python -m somewizard.packaged  (or pip install -e .)"
    assert compiled["checksum"] == packaged.checksum(name), hint
    assert compiled["data"] == packaged.parse(name), hint


def test_every_builtin_preset_is_compiled() -> None:
    compiled = packaged.load("presets")
    on_disk = {
        (kind, p.stem)
        for kind, sub in packaged.PRESET_FOLDERS.items()
        for p in (packaged.builtin_dir() / sub).glob("*.yaml")
    }
    assert {(kind, name) for kind, names in compiled.items() for name in names} == on_disk
    assert len(on_disk) >= 13


@pytest.fixture
def compiled_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty folder in place of content/compiled, with the loader's cache cleared."""
    monkeypatch.setattr(packaged, "COMPILED", tmp_path)
    packaged.load.cache_clear()
    yield tmp_path
    packaged.load.cache_clear()


def test_a_stale_compiled_file_is_ignored(compiled_dir: Path) -> None:
    stale = {"checksum": "00000000", "data": {"app": {"title": {"da": "STALE", "en": "STALE"}}}}
    (compiled_dir / "ui.json").write_text(json.dumps(stale), "utf-8")
    assert packaged.load("ui") == packaged.parse("ui")
    assert packaged.load("ui")["app"]["title"]["da"] != "STALE"


def test_a_current_compiled_file_is_used(compiled_dir: Path) -> None:
    marked = {"checksum": packaged.checksum("ui"), "data": {"marker": True}}
    (compiled_dir / "ui.json").write_text(json.dumps(marked), "utf-8")
    assert packaged.load("ui") == {"marker": True}


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"data": 1}'])
def test_a_broken_or_missing_compiled_file_falls_back_to_yaml(
    compiled_dir: Path, content: str
) -> None:
    if content:
        (compiled_dir / "defaults.json").write_text(content, "utf-8")
    assert packaged.load("defaults") == packaged.parse("defaults")


def test_an_edited_preset_file_is_read_from_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a built-in preset changes the checksum, so the edit is what gets used."""
    import shutil

    base = tmp_path / "presets"
    shutil.copytree(packaged.builtin_dir(), base)
    path = base / "tones" / "fun.yaml"
    text = path.read_text("utf-8")
    assert "title: {da: Sjov, en: Fun}" in text
    path.write_text(text.replace("title: {da: Sjov, en: Fun}", "title: Edited"), "utf-8")
    monkeypatch.setattr(packaged, "builtin_dir", lambda: base)
    packaged.load.cache_clear()
    presets._builtin.cache_clear()
    try:
        fun = presets.find("tone", "fun")
        assert fun.title == {"da": "Edited", "en": "Edited"}
        assert fun.path == path
    finally:
        packaged.load.cache_clear()
        presets._builtin.cache_clear()


def test_wizard_words_come_from_the_compiled_data() -> None:
    assert ui.t("app.title", "da") == packaged.parse("ui")["app"]["title"]["da"]
