"""Names in generated clients: identifiers from API names and labels, kept unique."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

_WORDS = re.compile(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])|[a-z]+|\d+")
#: Names that TypeScript reserves in the positions where clients use identifiers.
TS_RESERVED = frozenset(
    {"break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete"}
    | {"do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if"}
    | {"import", "in", "instanceof", "new", "null", "return", "super", "switch", "this"}
    | {"throw", "true", "try", "typeof", "var", "void", "while", "with", "constructor"}
)


def words(text: str) -> list[str]:
    """The words of ``text``: ``"/Greet-user 2"`` -> ``["greet", "user", "2"]``."""
    return [w.lower() for w in _WORDS.findall(text)]


def snake(text: str, fallback: str = "value") -> str:
    """A snake_case Python identifier (``fallback`` when ``text`` has no letters or digits)."""
    name = "_".join(words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    return f"{name}_" if keyword.iskeyword(name) else name


def pascal(text: str, fallback: str = "Value") -> str:
    """A PascalCase name: ``"orig name"`` -> ``OrigName``."""
    name = "".join(w.capitalize() for w in words(text)) or fallback
    return f"{fallback}{name}" if name[0].isdigit() else name


def camel(text: str, fallback: str = "value") -> str:
    """A camelCase name: ``"/check_api"`` -> ``checkApi``."""
    parts = words(text) or [fallback]
    name = parts[0] + "".join(w.capitalize() for w in parts[1:])
    if name[0].isdigit():
        name = fallback + name.capitalize()
    return f"{name}_" if name in TS_RESERVED else name


def unique(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """``names`` with repeats (and names in ``taken``) given a ``_2``, ``_3`` … suffix."""
    used = set(taken)
    result: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate in used:
            n += 1
            candidate = f"{name.rstrip('_')}_{n}"
        used.add(candidate)
        result.append(candidate)
    return result


def is_ts_identifier(text: str) -> bool:
    """Whether ``text`` can be an unquoted TypeScript property name."""
    return re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", text) is not None
