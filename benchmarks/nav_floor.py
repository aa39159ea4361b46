"""The framework floor for a step change: a plain Textual app, timed like the wizard.

Usage: python nav_floor.py [TRANSITIONS] [WIDTHxHEIGHT]

Header, a ContentSwitcher of 8 panes (an intro Static, then 6 rows of Label, Input and a
help Static, in a VerticalScroll) and a Footer: about the shape of one wizard step. A step
change sets ``ContentSwitcher.current``, focuses the pane's first Input and waits until the
screen has been painted, then until nothing is pending, as ``nav_driver.py``'s ``goto``
samples are.
There is no target for it; it shows how much of a step change Textual itself costs here.

It also times the least any change can cost (``text_wall_ms``): one Static, between a
Header and a Footer, given a new screenful of text (36 lines), until it is painted.
"""

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from frames import frames, painted, settled, walk  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import ContentSwitcher, Footer, Header, Input, Label, Static  # noqa: E402

PANES, ROWS = 8, 6


class FloorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="p0", id="switcher"):
            for p in range(PANES):
                with VerticalScroll(id=f"p{p}"):
                    yield Static(f"Step {p + 1}: " + "an introduction to this step. " * 6)
                    for r in range(ROWS):
                        yield Label(f"Question {r + 1}")
                        yield Input(f"answer {r + 1}")
                        yield Static("Help text that explains the question. " * 3)
        yield Footer()


class TextApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="text")
        yield Footer()


async def measure_text(transitions: int, size: tuple[int, int]) -> list[float]:
    app = TextApp()
    wall = []
    async with app.run_test(headless=True, size=size) as pilot:
        frames(app)
        await pilot.pause()
        text = app.query_one("#text", Static)
        for i in range(transitions + 5):
            lines = "\n".join(f"Line {n + 1} of screen {i}: " + "words " * 12 for n in range(36))
            t = time.perf_counter()
            text.update(lines)
            done = await painted(app.screen, t)
            if i >= 5:  # the first few paints warm caches up
                wall.append((done - t) * 1000)
            await pilot.pause()
    return wall


async def measure(transitions: int, size: tuple[int, int]) -> dict:
    app = FloorApp()
    async with app.run_test(headless=True, size=size) as pilot:
        frames(app)
        await pilot.pause()
        switcher = app.query_one("#switcher", ContentSwitcher)

        async def show(p: int) -> tuple[float, float]:
            t = time.perf_counter()
            switcher.current = f"p{p}"
            app.query_one(f"#p{p}").query(Input).first().focus()
            return await painted(app.screen, t), await settled(app.screen)

        for p in range(1, PANES):
            await show(p)
        await show(0)
        await pilot.pause()
        wall, done, cpu = [], [], []
        for p in walk(transitions, PANES - 1):
            c = time.thread_time()
            t = time.perf_counter()
            first, last = await show(p)
            wall.append((first - t) * 1000)
            done.append((last - t) * 1000)
            cpu.append((time.thread_time() - c) * 1000)
        await pilot.pause()
    return {"goto_wall_ms": wall, "goto_settled_ms": done, "goto_cpu_ms": cpu}


def main() -> int:
    transitions = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "120x40").split("x"))
    result = asyncio.run(measure(transitions, (width, height)))
    result["text_wall_ms"] = asyncio.run(measure_text(transitions, (width, height)))
    result["total_s"] = time.perf_counter() - T0
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
