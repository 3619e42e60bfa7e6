"""Exceptions raised by specblocks and by the functions of its apps."""

from __future__ import annotations

from specblocks.core import Error, PayloadError

__all__ = ["Error", "PayloadError"]
