"""Type aliases used in component signatures."""

from __future__ import annotations

from specblocks.core import ImageValue

__all__ = ["ImageValue"]
