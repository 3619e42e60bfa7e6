"""Translatable strings."""

from __future__ import annotations

from specblocks.core import I18nData

__all__ = ["I18nData"]
