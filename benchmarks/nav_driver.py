"""Step-to-step latency inside the wizard, in this fresh process, headless.

Usage: python nav_driver.py [TRANSITIONS] [WIDTHxHEIGHT]

Opens the wizard from the start screen (ctrl+n), visits every step once (first visits are
reported apart), then walks the steps forward to the review and back again, over and over,
for TRANSITIONS step changes, twice:

* ``goto``: ``WizardScreen.goto(i)`` called directly, timed until the screen has been laid
  out and painted showing the new step (``goto_wall_ms``: the first frame rendered after
  ``goto``, see :func:`frames.painted`), and until
  nothing is pending any more (``goto_settled_ms``: the Footer re-mounts its keys a frame
  later when the focus moved, a Markdown preview mounts its blocks, ...), with the main
  thread's CPU time up to then (``goto_cpu_ms``, ``time.thread_time``). Wall times include
  waiting for Textual's next frame tick (it paints at most ``TEXTUAL_FPS``, default 60,
  times a second); the CPU time is the work itself.
* ``key``: a ``ctrl+n`` / ``ctrl+b`` key event posted to the app, as Pilot's ``press``
  does, timed until the screen is painted (and settled) after the resulting ``goto``: the
  whole path from
  key to picture, without Pilot's idle detection (``pilot.press`` + ``pilot.pause`` polls
  for an idle process and takes ~175 ms even in a trivial app, so it says little here).

Prints one JSON line with every sample (milliseconds) and the step key of each.
"""

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from frames import frames, painted, settled, walk  # noqa: E402
from textual import events  # noqa: E402

from somewizard.app import SomeWizardApp  # noqa: E402
from somewizard.screens.wizard import WizardScreen  # noqa: E402


async def settle(app: SomeWizardApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def measure(transitions: int, size: tuple[int, int]) -> dict:
    app = SomeWizardApp()
    async with app.run_test(headless=True, size=size) as pilot:
        frames(app)  # log every frame from here on
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, WizardScreen), type(screen).__name__
        keys = screen.keys()
        last = len(keys) - 1

        # Visit every step once first, so that first-time work (e.g. a TextArea's first
        # layout) is not counted as a step change; it is reported separately.
        first_visit = []
        for i in range(1, last + 1):
            t = time.perf_counter()
            screen.goto(i)
            await painted(screen, t)
            first_visit.append((await settled(screen) - t) * 1000)
        screen.goto(0)
        await settle(app, pilot)

        goto_wall, goto_settled, goto_cpu, goto_keys = [], [], [], []
        for i in walk(transitions, last):
            c = time.thread_time()
            t = time.perf_counter()
            screen.goto(i)
            goto_wall.append((await painted(screen, t) - t) * 1000)
            goto_settled.append((await settled(screen) - t) * 1000)
            goto_cpu.append((time.thread_time() - c) * 1000)
            goto_keys.append(keys[i])
        screen.goto(0)
        await settle(app, pilot)

        # key -> paint: hook this screen's goto so the wait starts once the key has led to it
        arrived: list[asyncio.Future[None]] = []
        plain_goto = screen.goto

        def hooked_goto(index: int) -> None:
            plain_goto(index)
            if arrived:
                arrived[0].done() or arrived[0].set_result(None)

        screen.goto = hooked_goto  # type: ignore[method-assign]
        key_wall, key_settled, key_keys = [], [], []
        here = 0
        loop = asyncio.get_running_loop()
        for i in walk(transitions, last):
            key = "ctrl+n" if i > here else "ctrl+b"
            arrived[:] = [loop.create_future()]
            t = time.perf_counter()
            event = events.Key(key, None)
            event.set_sender(app)  # as the driver does
            app.post_message(event)
            await arrived[0]
            key_wall.append((await painted(screen, t) - t) * 1000)
            key_settled.append((await settled(screen) - t) * 1000)
            here = screen.index
            assert here == i, (here, i)
            key_keys.append(keys[i])
        screen.goto = plain_goto  # type: ignore[method-assign]
        await settle(app, pilot)
    return {
        "steps": len(keys),
        "first_visit_ms": first_visit,
        "goto_wall_ms": goto_wall,
        "goto_settled_ms": goto_settled,
        "goto_cpu_ms": goto_cpu,
        "goto_keys": goto_keys,
        "key_wall_ms": key_wall,
        "key_settled_ms": key_settled,
        "key_keys": key_keys,
    }


def main() -> int:
    transitions = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "120x40").split("x"))
    result = asyncio.run(measure(transitions, (width, height)))
    result["total_s"] = time.perf_counter() - T0
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
