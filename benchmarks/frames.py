"""Waiting for Textual to paint, shared by ``nav_driver.py``, ``nav_floor.py`` and
``screens_driver.py``.

Only Textual is imported here, so the plain-Textual floor does not load somewizard.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual.screen import Screen


def walk(count: int, last: int) -> list[int]:
    """Step indexes to visit: 1, 2, .. last, last-1, .. 0, 1, .. (``count`` of them)."""
    out, here, step = [], 0, 1
    while len(out) < count:
        if not 0 <= here + step <= last:
            step = -step
        here += step
        out.append(here)
    return out


async def after_refresh(screen: Screen[Any]) -> None:
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    screen.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


def _batching(screen: Screen[Any]) -> bool:
    return bool(getattr(screen.app, "_batch_count", 0))


def _pending(screen: Screen[Any]) -> bool:
    """Is a layout or paint still owed?"""
    return bool(
        _batching(screen)
        or getattr(screen, "_layout_required", False)
        or getattr(screen, "_repaint_required", False)
        or getattr(screen, "_dirty_widgets", None)
    )


class Frames:
    """The times at which the app rendered a frame of its screen (``App._display``, called
    with the compositor's update once it is rendered; headless, nothing is written)."""

    def __init__(self, app: Any) -> None:
        self.times: list[float] = []
        self._waiters: list[asyncio.Future[float]] = []
        plain = app._display

        def display(screen: Screen[Any], renderable: Any) -> None:
            plain(screen, renderable)
            if renderable is None or app._batch_count:
                return  # nothing painted
            now = time.perf_counter()
            self.times.append(now)
            del self.times[:-1000]
            for waiter in self._waiters:
                waiter.done() or waiter.set_result(now)
            self._waiters.clear()

        app._display = display

    def after(self, since: float) -> float | None:
        """The first frame rendered after ``since``, if there was one."""
        return next((t for t in self.times if t > since), None)

    async def next(self, timeout: float) -> float:
        waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(waiter, timeout)
        except asyncio.TimeoutError:
            raise RuntimeError(f"no frame was rendered within {timeout} s") from None


def frames(app: Any) -> Frames:
    """The app's frame log, started on the first call (call it before timing anything)."""
    log = getattr(app, "_bench_frames", None)
    if log is None:
        log = app._bench_frames = Frames(app)
    return log


async def painted(screen: Screen[Any], since: float | None = None, timeout: float = 5.0) -> float:
    """Wait for the first frame rendered after ``since`` (a ``perf_counter`` time; by default
    the next frame) and return its time.

    This used to wait for an after-refresh callback instead. But a screen whose own queue
    empties before its widgets have asked for a layout or paint runs those callbacks at
    once: about half of the wizard's step changes then "painted" in 3-4 ms with no frame
    rendered at all (and the next change paid for both). Frames are counted where Textual
    renders them: ``App._display`` with a compositor update, outside a ``batch_update``.
    """
    log = frames(screen.app)
    if since is not None:
        done = log.after(since)
        if done is not None:
            return done
    return await log.next(timeout)


async def settled(screen: Screen[Any]) -> float:
    """Wait until no layout or paint is pending any more (e.g. the Footer re-mounting its
    keys after the focus moved, a frame later); return its ``perf_counter`` time."""
    for _ in range(100):
        if not _pending(screen):
            break
        await after_refresh(screen)
    return time.perf_counter()
