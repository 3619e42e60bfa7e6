"""Named default values that are not literals."""

from __future__ import annotations

from typing import Final


class FirstChoice:
    """Type of :data:`FIRST_CHOICE`: a default meaning "the first of the choices"."""

    _instance: FirstChoice | None = None

    def __new__(cls) -> FirstChoice:
        """Return the single instance."""
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "FIRST_CHOICE"


FIRST_CHOICE: Final = FirstChoice()
"""Default ``value`` of choice components: select the first choice."""
