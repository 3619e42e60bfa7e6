"""Component classes by name, for values that name their component ("image", "textbox").

Looks through the loaded subclasses of :class:`~specblocks.core.Component` (so an app's own
custom components are found too) rather than importing the catalog, which imports the modules
that ask.
"""

from __future__ import annotations

from specblocks.core import Component


def _hand_written() -> list[type[Component]]:
    """Every loaded component class a user can instantiate, base classes first.

    Generated base classes (``*Base`` in a ``_generated`` package) are left out: each has a
    hand-written subclass of the same name.
    """
    found: list[type[Component]] = []
    seen: set[type[Component]] = set()
    level = list(Component.__subclasses__())
    while level:
        following: list[type[Component]] = []
        for cls in level:
            if cls in seen:
                continue
            seen.add(cls)
            if "._generated" not in cls.__module__:
                found.append(cls)
            following.extend(cls.__subclasses__())
        level = following
    return found


def by_name(name: str) -> type[Component] | None:
    """The class whose name or string shortcut is ``name`` (case and ``_`` ignored)."""
    key = name.lower().replace("_", "")
    classes = _hand_written()
    for cls in classes:
        if cls.__name__.lower() == key:
            return cls
    for cls in classes:
        if key in cls.SHORTCUTS:
            return cls
    return None


def by_block_name(name: str) -> type[Component] | None:
    """The class whose ``NAME`` (its name in the app config) is ``name``, case ignored."""
    key = name.lower()
    for cls in _hand_written():
        if cls.NAME.lower() == key and cls.__name__ == cls.NAME:
            return cls
    return None
