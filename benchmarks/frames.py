"""Waiting for Textual to paint, shared by ``nav_driver.py`` and ``nav_floor.py``.

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


async def painted(screen: Screen[Any]) -> float:
    """Wait for the first real repaint (after-refresh callbacks also run, without a paint,
    while the app is inside a ``batch_update``); return its ``perf_counter`` time."""
    for _ in range(100):
        await after_refresh(screen)
        if not _batching(screen):
            break
    return time.perf_counter()


async def settled(screen: Screen[Any]) -> float:
    """Wait until no layout or paint is pending any more (e.g. the Footer re-mounting its
    keys after the focus moved, a frame later); return its ``perf_counter`` time."""
    for _ in range(100):
        if not _pending(screen):
            break
        await after_refresh(screen)
    return time.perf_counter()
