"""The browser the tests drive: the system Chromium, headless, with fake media devices."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: Flags that let tests record from a microphone or webcam without hardware or prompts.
_MEDIA_FLAGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


def chromium_args() -> list[str]:
    """Command-line flags for the test browser."""
    return list(_MEDIA_FLAGS)


def chromium_path() -> str:
    """The Chromium executable: ``SPECBLOCKS_CHROMIUM`` or ``chromium`` on ``PATH``."""
    path = os.environ.get("SPECBLOCKS_CHROMIUM") or shutil.which("chromium")
    if not path:
        raise RuntimeError(
            "No Chromium found: install the system package (e.g. `apt-get install chromium`) "
            "or point SPECBLOCKS_CHROMIUM at the executable."
        )
    return path


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium for the duration of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        try:
            yield browser
        finally:
            browser.close()
