"""Buttons."""

from __future__ import annotations

from specblocks.components._label_buttons import (
    Button,
    ClearButton,
    DeepLinkButton,
    DuplicateButton,
    LoginButton,
)

__all__ = [
    "Button",
    "ClearButton",
    "DeepLinkButton",
    "DuplicateButton",
    "LoginButton",
]
