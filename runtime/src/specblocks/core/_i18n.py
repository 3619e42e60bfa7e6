"""Translatable strings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class I18nData:
    """A translation key, shown in the browser's language.

    Attributes:
        key: The key looked up in the app's translations.
    """

    key: str

    def to_dict(self) -> dict[str, str]:
        """The wire form the browser resolves."""
        return {"__type__": "translation_metadata", "key": self.key}

    def __str__(self) -> str:
        return f"__i18n__{self.key}"
