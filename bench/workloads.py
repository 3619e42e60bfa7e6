"""The workload functions, shared by the framework app and the bare server.

Plain Python, no framework imports: the same functions run on every target.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

SLEEP_SECONDS = 0.05
TOKEN = "tok "


def echo(text: str) -> str:
    """Return the input unchanged."""
    return text


def stream(count: str) -> Iterator[str]:
    """Yield ``int(count)`` tokens as a growing text (how chat apps stream), without sleeping."""
    out = ""
    for _ in range(int(count)):
        out += TOKEN
        yield out


def counter(value: int | None) -> tuple[str, int]:
    """Increment the session's counter; show it and store it back in the session state."""
    value = (value or 0) + 1
    return str(value), value


def sleep(text: str) -> str:
    """Sleep 50 ms (a blocking call, in a worker thread), then echo."""
    time.sleep(SLEEP_SECONDS)
    return text
