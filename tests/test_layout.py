"""The wizard at the sizes owners' terminals have: 80x24 keeps the main keys in the footer,
below 80 columns the list of steps folds away, and text areas grow with their text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea
from textual.widgets._footer import FooterKey

from somewizard.app import SomeWizardApp

from .wizard_helpers import fixed_answers, settle, wizard

MAIN_KEYS = {"ctrl+n", "ctrl+e", "ctrl+s", "ctrl+o", "ctrl+l", "ctrl+q", "f1"}


async def test_at_80x24_the_main_keys_and_the_step_names_fit(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        shown = {k.key: k for k in screen.query(FooterKey)}
        assert set(shown) >= MAIN_KEYS, sorted(shown)
        for key in MAIN_KEYS:
            region = shown[key].region
            assert region.width > 0 and region.right <= 80, (key, region)
        assert shown["f1"].key_display == "F1"
        sidebar = screen.query_one("#sidebar", OptionList)
        assert sidebar.display and sidebar.virtual_size.height == 8  # a line per step
        assert screen.query_one("#progress").display


async def test_below_80_columns_the_steps_fold_away_and_ctrl_g_shows_them(
    tmp_path: Path,
) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        sidebar = screen.query_one("#sidebar", OptionList)
        assert sidebar.region.width == 0
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert sidebar.region.width > 0 and sidebar.has_focus
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        assert screen.index == 2
        assert sidebar.region.width == 0  # folded again, the cursor in the step's first field
        assert app.focused is not None and app.focused.id == "f-voice-description"


async def test_text_areas_grow_with_their_text_up_to_a_limit(tmp_path: Path) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        screen.goto(3)
        await settle(app, pilot)
        area = screen.query_one("#f-rules-confidential", TextArea)
        area.text = "\n".join(f"Punkt {i}" for i in range(6))
        await settle(app, pilot)
        assert area.region.height == 6
        area.text = "\n".join(f"Punkt {i}" for i in range(30))
        await settle(app, pilot)
        assert area.region.height == 10


async def test_undo_and_redo_of_a_long_paste_in_a_small_window(tmp_path: Path) -> None:
    """Undo puts the shorter text back before it moves the cursor (Textualize/textual#6686):
    after a long paste at 80x24 the area's scrollbar comes and goes; no crash, and undo
    and redo give the texts back."""
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        screen.goto(3)
        await settle(app, pilot)
        area = screen.query_one("#f-rules-confidential", TextArea)
        before = area.text
        area.focus()
        area.move_cursor(area.document.end)
        app.copy_to_clipboard("\n".join(f"Linje {i} med lidt tekst" for i in range(60)))
        await pilot.press("ctrl+v")
        await pilot.pause()
        pasted = area.text
        assert pasted != before and area.document.line_count > 60
        for _ in range(4):
            await pilot.press("ctrl+z")
            await pilot.pause()
        assert area.text == before
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert area.text == pasted
        await settle(app, pilot)
        assert app.session.answers().rules.confidential[-1] == "Linje 59 med lidt tekst"


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_at_100_columns_every_footer_key_fits(tmp_path: Path, lang: str) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        keys = list(wizard(app).query(FooterKey))
        assert {"ctrl+b", "ctrl+g"} | MAIN_KEYS <= {k.key for k in keys}
        assert all(k.region.width > 0 and k.region.right <= 100 for k in keys), [
            (k.key, k.region) for k in keys
        ]


async def test_tab_after_picking_a_step_in_the_list_goes_to_its_first_field(
    tmp_path: Path,
) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        await pilot.press("ctrl+g", "down", "down", "enter")
        await settle(app, pilot)
        assert screen.index == 2 and screen.query_one("#sidebar").has_focus
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-voice-description"
        await pilot.press(*" Vi smiler.")
        await settle(app, pilot)
        assert "Vi smiler." in app.session.answers().voice.description


async def test_building_the_wizard_shows_the_loading_indicator_first(tmp_path: Path) -> None:
    """Entering the wizard or switching its language builds every step (most of a second on
    a slow machine): the screen shown says so for a frame before the build starts."""
    from textual.widgets import LoadingIndicator

    from somewizard.screens.start import StartScreen

    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        start = app.screen
        app.show("organisation")
        assert isinstance(app.screen, StartScreen) and start.loading
        await settle(app, pilot)
        screen = wizard(app)
        assert not start.loading
        app.set_language("en")
        assert app.screen is screen and screen.loading
        await settle(app, pilot)
        assert wizard(app) is not screen and not wizard(app).query(LoadingIndicator)


async def test_the_first_review_shows_that_it_is_coming(tmp_path: Path) -> None:
    """The review builds the policy and its preview (a quarter of a second or more): the
    pane says it is loading until then; shown again unchanged, it is there at once."""
    from textual.widgets import Static

    from somewizard.screens.wizard import ReviewPane

    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        screen.goto(7)
        review = screen.query_one(ReviewPane)
        assert review.loading
        await settle(app, pilot)
        assert not review.loading
        assert str(review.query_one("#checklist", Static).render()).startswith("29 af 29")
        screen.goto(6)
        await settle(app, pilot)
        screen.goto(7)
        assert not review.loading


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("width", [50, 60, 70, 79])
async def test_below_80_columns_the_help_key_is_whole_and_no_key_is_cut(
    tmp_path: Path, lang: str, width: int
) -> None:
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))
    async with app.run_test(size=(width, 20)) as pilot:
        await settle(app, pilot)
        keys = {k.key: k for k in wizard(app).query(FooterKey)}
        assert "f1" in keys and "ctrl+n" in keys and "ctrl+q" in keys, sorted(keys)
        cut = [(k, w.region) for k, w in keys.items() if not 0 < w.region.right <= width]
        assert not cut
        bottom = app.screen.get_widget_at(keys["f1"].region.x, keys["f1"].region.y)[0]
        assert bottom is keys["f1"]
        help_word = {"da": "Hjælp", "en": "Help"}[lang]
        assert keys["f1"].region.width >= len("F1 " + help_word)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
@pytest.mark.parametrize("lang", ["da", "en"])
async def test_an_open_list_does_not_push_the_footer_past_the_edge(
    tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    """An open list adds its own Esc key to the footer (found in tmux at 100x30 in English:
    the keys ran under the palette's key, a stray letter at the edge). The key the list adds
    gives way, the main keys stay, and everything shown ends inside the screen."""
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path, lang))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = wizard(app)
        screen.query_one("#f-organisation-served").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.focused).__name__ == "SelectOverlay"
        keys = list(screen.query(FooterKey))
        assert {k.key for k in keys} >= MAIN_KEYS
        width = size[0]
        assert all(k.region.width > 0 and k.region.right <= width for k in keys), [
            (k.key, k.region) for k in keys
        ]
        right = max(k.region.right for k in keys)
        palette = [k for k in keys if k.has_class("-command-palette")]
        assert palette and palette[0].region.right == right


@pytest.mark.parametrize(
    ("first", "then", "lang"),
    [((100, 30), (80, 24), "da"), ((80, 24), (100, 30), "en"), ((80, 24), (60, 20), "da")],
)
async def test_every_text_area_shows_every_word_of_its_text_after_a_resize(
    first: tuple[int, int], then: tuple[int, int], lang: str
) -> None:
    """What a multi-line field shows is its text, wrapped for its width: no word lost at the
    end of a row when the window (or the form beside it) changes width. Found in tmux at
    80x24: step 6 showed "Skriv, hvor indholdet kommer fra, fx »Foto:" and then "eller brug
    delefunktionen.", rows drawn at the width before, because the new wrap had as many rows.
    """
    app = SomeWizardApp()
    async with app.run_test(size=first) as pilot:
        if lang == "en":
            await pilot.press("ctrl+l")
            await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        screen = wizard(app)
        checked = 0
        for index in range(len(screen.keys()) - 1):
            await pilot.press(f"f{index + 2}")
            await settle(app, pilot)
            assert screen.index == index
            await pilot.resize_terminal(*then)
            await settle(app, pilot)
            for area in screen.query(TextArea):
                if area.wrapped_document.height > area.size.height:
                    continue  # it scrolls: only part of the text is meant to show
                lines = area.render_lines(area.region.reset_offset)
                shown = " ".join(line.text for line in lines).split()
                assert shown == area.text.split(), (area.id, shown)
                checked += 1
            await pilot.resize_terminal(*first)
            await settle(app, pilot)
        assert checked >= 10
