"""Structural checks of a specblocks page, as a user of a Gradio app expects it to look.

Each check reads the drawn page (the elements, their props and their boxes) and returns the
problems it sees as sentences; an empty list is a pass. They run on any app's page: the
side-by-side tool (``python -m parity_page``) runs them on every app it compares, and the
browser tests run them on apps made to exercise each rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: The tallest a gallery with no ``height`` may be drawn (px); Gradio's grid is capped too.
GALLERY_MAX_HEIGHT = 700
#: Buttons that edit a table's shape or order; none is shown on a table the user cannot edit.
TABLE_EDIT_CONTROLS = ("Add row", "Add column", "Delete row", "Delete column")

#: One JavaScript function run in the page: ``(limits) => problems``.
_PROBLEMS_JS = "".join(
    line
    for line in (Path(__file__).parent / "checks.js").read_text().splitlines(keepends=True)
    if not line.startswith("//")
)


def page_problems(page: Any) -> list[str]:
    """The structural problems of the specblocks page open in ``page`` (Playwright)."""
    limits = {"gallery": GALLERY_MAX_HEIGHT, "edit": list(TABLE_EDIT_CONTROLS)}
    return list(page.evaluate(_PROBLEMS_JS, limits))


#: The element that shows each framework's page is drawn.
DRAWN = {"specblocks": "#sb-root[data-ready=true]", "gradio": ".gradio-container .main"}


def wait_until_drawn(page: Any, framework: str, timeout_ms: int = 30_000) -> None:
    """Wait until the app in ``page`` is drawn (and its images and fonts loaded)."""
    page.wait_for_selector(DRAWN[framework], timeout=timeout_ms)
    # both pages keep a connection open (heartbeat, event stream): no "network idle"
    page.wait_for_function(
        "[...document.images].every((img) => img.complete || img.loading === 'lazy')"
        " && document.readyState === 'complete'",
        timeout=timeout_ms,
    )
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(800)
