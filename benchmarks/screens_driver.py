"""One screen change, the first of its kind in this fresh process, headless.

Usage: python screens_driver.py wizard|floor enter|language|review [WIDTHxHEIGHT]

``wizard`` is somewizard; ``floor`` is the plain-Textual baseline of ``wizard_floor.py``
(it needs ``BENCH_WIZARD_SHAPE``, the file ``wizard_shape.py`` wrote). The app is started
with ``App.run_test`` and the start screen left to settle (``pilot.pause``), then:

* ``enter``: ctrl+n on the start screen, until the wizard's screen is idle;
* ``language``: (after ctrl+n and a settle) ctrl+l, until the new screen that replaces the
  wizard is idle;
* ``review``: (after ctrl+n and a settle) F9, the key of the review step, until the review
  is idle: its first showing, which builds the policy and its preview.

Each key is a ``Key`` event posted to the app, as Pilot's ``press`` and the nav driver do.
Timing starts just before it is posted. "Idle" means all of these, in this order:

1. the screen has changed (``App.screen_change_signal``) or ``goto`` has returned
   (``trigger_ms``);
2. the new screen is mounted: its ``Mount`` handled, so its ``on_mount`` has run and the
   first field has the focus (``mounted_ms``);
3. the screen and every widget in it have handled the messages they had pending
   (Pilot's ``_wait_for_screen``, as ``start_driver.py`` waits);
4. a frame has been rendered since 2 (for the review: since 1), ``shown_ms``: see
   ``frames.painted``;
5. no layout or paint is owed any more (``frames.settled``), then 3 and 5 once more, for
   what that frame set off (Textual's Footer re-composing its keys, for example). This is
   ``idle_ms``, the figure judged.

``pilot.pause()`` is not part of the timing: it polls for an idle process and costs about
175 ms in any app (see nav_driver.py). Also reported: the frames rendered up to idle and
the last one's time, the main thread's CPU time to idle, the time the cycle collector took
in it (``gc_ms``; the baseline uses somewizard's thresholds), the focused widget, whether
somewizard was imported, a count of the screen's widgets by Textual class, and the frames
rendered after idle while Pilot waited for an idle process (``frames_after_idle``: should
be 0).

With ``BENCH_PROFILE=FILE`` the timed part (key to idle) runs under cProfile, whose
statistics go to FILE (the figures are then slower than unprofiled ones).

Prints one JSON line (milliseconds).
"""

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections import Counter  # noqa: E402
from typing import Any  # noqa: E402

from frames import frames, painted, settled  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.screen import Screen  # noqa: E402

KEYS = {"enter": "ctrl+n", "language": "ctrl+l", "review": "f9"}


def make_app(which: str) -> App[Any]:
    if which == "wizard":
        from somewizard.app import SomeWizardApp

        return SomeWizardApp()
    if which == "floor":
        from wizard_floor import FloorApp

        return FloorApp()
    raise SystemExit(f"unknown app {which!r}")


def textual_class(widget: Any) -> str:
    """The first of the widget's classes that is Textual's own (Footer for QuietFooter)."""
    for cls in type(widget).__mro__:
        if cls.__module__.startswith("textual."):
            return cls.__name__
    return type(widget).__name__


async def settle(app: App[Any], pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


class GcTimer:
    """Time spent in the cycle collector while on (``gc.callbacks``), by generation."""

    def __init__(self) -> None:
        self.on = False
        self.ms = 0.0
        self.runs = [0, 0, 0]
        self._t = 0.0
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if not self.on:
            return
        if phase == "start":
            self._t = time.perf_counter()
        else:
            self.ms += (time.perf_counter() - self._t) * 1000
            self.runs[info["generation"]] += 1


def press(app: App[Any], key: str) -> None:
    event = events.Key(key, None)
    event.set_sender(app)  # as the driver does
    app.post_message(event)


async def measure(which: str, row: str, size: tuple[int, int]) -> dict:
    app = make_app(which)
    result: dict[str, Any] = {"app": which, "row": row}
    async with app.run_test(headless=True, size=size) as pilot:
        log = frames(app)
        await settle(app, pilot)
        if row != "enter":
            press(app, "ctrl+n")
            await settle(app, pilot)
            assert hasattr(app.screen, "goto"), type(app.screen).__name__
        before = app.screen
        loop = asyncio.get_running_loop()
        trigger: asyncio.Future[Screen[Any]] = loop.create_future()
        t_trigger = 0.0
        if row == "review":
            plain_goto = before.goto

            def hooked_goto(index: int) -> None:
                nonlocal t_trigger
                try:
                    plain_goto(index)
                except BaseException as exc:
                    trigger.done() or trigger.set_exception(exc)
                    raise
                if not trigger.done():
                    t_trigger = time.perf_counter()
                    trigger.set_result(before)

            before.goto = hooked_goto  # type: ignore[attr-defined]
        else:

            def changed(screen: Screen[Any]) -> None:
                nonlocal t_trigger
                if screen is not before and not trigger.done():
                    t_trigger = time.perf_counter()
                    trigger.set_result(screen)

            app.screen_change_signal.subscribe(app, changed, immediate=True)

        gc_timer = GcTimer()
        gc_timer.on = True
        profile = os.environ.get("BENCH_PROFILE")
        if profile:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        c = time.thread_time()
        t = time.perf_counter()
        press(app, KEYS[row])
        try:
            screen = await asyncio.wait_for(trigger, 30)
        except asyncio.TimeoutError:
            raise RuntimeError(f"{KEYS[row]} led to no new screen or goto in 30 s") from None
        await screen._mounted_event.wait()
        t_mounted = time.perf_counter()
        await pilot._wait_for_screen()
        t_shown = await painted(screen, t_mounted if row != "review" else t_trigger)
        await settled(screen)
        await pilot._wait_for_screen()
        t_idle = await settled(screen)
        cpu = time.thread_time() - c
        gc_timer.on = False
        if profile:
            prof.disable()
            prof.dump_stats(profile)
        assert app.screen is screen, (app.screen, screen)
        if row == "review":
            before.goto = plain_goto  # type: ignore[attr-defined]
            assert screen.query_one("#steps").current == "step-review", "not on the review"
        ms = 1000.0
        n_frames = sum(1 for x in log.times if t < x <= t_idle)
        result.update(
            idle_ms=(t_idle - t) * ms,
            shown_ms=(t_shown - t) * ms,
            last_frame_ms=(max(x for x in log.times if x <= t_idle) - t) * ms,
            frames=n_frames,
            trigger_ms=(t_trigger - t) * ms,
            mounted_ms=(t_mounted - t) * ms,
            cpu_ms=cpu * ms,
            gc_ms=gc_timer.ms,
            gc_runs=gc_timer.runs,
            gc_threshold=list(gc.get_threshold()),
            screen=type(screen).__name__,
            focused=textual_class(app.focused) if app.focused else None,
            somewizard_loaded=any(m.split(".")[0] == "somewizard" for m in sys.modules),
            widgets=dict(
                sorted(
                    Counter(textual_class(w) for w in screen.walk_children(with_self=False)).items()
                )
            ),
        )
        await settle(app, pilot)
        # frames rendered after "idle", while Pilot waited for an idle process: should be
        # none (or a cursor blink), else idle was declared too early
        result["frames_after_idle"] = sum(1 for x in log.times if x > t_idle)
    return result


def main() -> int:
    which, row = sys.argv[1], sys.argv[2]
    if row not in KEYS:
        raise SystemExit(f"unknown row {row!r}: one of {', '.join(KEYS)}")
    width, height = (int(n) for n in (sys.argv[3] if len(sys.argv) > 3 else "120x40").split("x"))
    result = asyncio.run(measure(which, row, (width, height)))
    result["total_s"] = time.perf_counter() - T0
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
