"""Helpers of the contract tests (fixtures live in ``conftest.py``).

What the client suite needs too (the sample app's server, PNG helpers, ``wait_for``) is in
``tests/support/sample_support.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: What Gradio tells clients about an exception when ``show_error`` is off.
GENERIC_ERROR = "has not enabled verbose error reporting"
#: ``run_js(url, scenario)``: what a ``js/scenarios.mjs`` scenario observed.
JsRunner = Callable[[str, str], dict[str, Any]]
