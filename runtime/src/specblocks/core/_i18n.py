"""Translatable strings: a key the browser shows in its language."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

#: Marks a translatable string in the config (followed by the JSON of its metadata).
I18N_PREFIX = "__i18n__"
_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class I18nData:
    """A translation key, shown in the browser's language.

    Attributes:
        key: The key looked up in the app's translations.
    """

    key: str

    def to_dict(self) -> dict[str, str]:
        """The translation metadata: ``{"__type__": "translation_metadata", "key": ...}``."""
        return {"__type__": "translation_metadata", "key": self.key}

    def __str__(self) -> str:
        """The wire form the browser translates: ``__i18n__`` and the metadata as JSON."""
        return I18N_PREFIX + json.dumps(self.to_dict())

    def __add__(self, other: object) -> str:
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)


class I18n:
    """Translations of an app's static text, chosen by the browser's language.

    Create it with one mapping of keys to text per locale, use ``i18n("key")`` wherever a
    label, value or other static text may be given, and pass it to
    ``launch(i18n=...)``. The browser shows each key in the first of its languages that
    the translations have (``fr-CA``, then ``fr``), else in English, else the key itself.

    Args:
        **translations: For each locale code (BCP 47: ``en``, ``pt-BR``), a mapping of
            translation keys to the text shown.

    Warns:
        UserWarning: A locale code is not a BCP 47 language tag.

    Raises:
        TypeError: A locale's translations are not a mapping of strings to strings.

    Example:
        >>> i18n = I18n(en={"greet": "Hello"}, fr={"greet": "Bonjour"})
        >>> i18n("greet").key
        'greet'
    """

    def __init__(self, **translations: Mapping[str, str]) -> None:
        self.translations: dict[str, dict[str, str]] = {}
        for locale, table in translations.items():
            if not _LOCALE.match(locale):
                warnings.warn(
                    f"I18n: {locale!r} is not a BCP 47 language tag (such as 'en' or "
                    f"'pt-BR'); its translations are kept but a browser may never ask for them",
                    UserWarning,
                    stacklevel=2,
                )
            if not isinstance(table, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in table.items()
            ):
                raise TypeError(
                    f"I18n: the translations of {locale!r} must map keys (strings) to the "
                    f"text shown (strings), got {table!r}"
                )
            self.translations[locale] = dict(table)

    def __call__(self, key: str) -> I18nData:
        """The translatable string of ``key``."""
        return I18nData(key)

    @property
    def translations_dict(self) -> dict[str, dict[str, str]]:
        """The translations by locale, as the config sends them."""
        return self.translations
