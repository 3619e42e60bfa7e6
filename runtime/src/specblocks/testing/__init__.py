"""Browser testing for specblocks apps and components, driven by Playwright.

The generator's e2e emitter writes one test module per component from its spec; those tests
use :class:`Harness` (a small app around one component, served on 127.0.0.1) and the
component's :class:`Driver` (how a user triggers each event in the page). Apps use
:func:`open_app` and :func:`chromium` directly. Playwright is an optional dependency
(``pip install specblocks[testing]``); the browser is the system Chromium.
"""

from __future__ import annotations

from specblocks.testing._browser import chromium, chromium_args
from specblocks.testing._driver import Driver, Expect, Subject, driver_for, register_driver
from specblocks.testing._harness import Harness, harness_app, open_app, serve

__all__ = [
    "Driver",
    "Expect",
    "Harness",
    "Subject",
    "chromium",
    "chromium_args",
    "driver_for",
    "harness_app",
    "open_app",
    "register_driver",
    "serve",
]
