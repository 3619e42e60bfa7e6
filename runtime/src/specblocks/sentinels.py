"""Named default values that are not literals."""

from __future__ import annotations

from specblocks.core import FIRST_CHOICE, FirstChoice

__all__ = ["FIRST_CHOICE", "FirstChoice"]
