"""Type checks against NumPy, pandas and Pillow values without importing those libraries.

``import specblocks`` imports none of the three (together they take most of a second, and an
app may need none of them); a component imports one when it converts a value that needs it.
A value can be, say, a NumPy array only once NumPy has been imported by someone, so looking the
class up in ``sys.modules`` first gives the same answer as ``isinstance`` after an import.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import PIL.Image
    from pandas.io.formats.style import Styler


def _is(value: object, module: str, name: str) -> bool:
    loaded = sys.modules.get(module)
    cls = getattr(loaded, name, None) if loaded is not None else None
    return isinstance(cls, type) and isinstance(value, cls)


def is_ndarray(value: object) -> TypeGuard[np.ndarray[Any, Any]]:
    """Whether ``value`` is a NumPy array."""
    return _is(value, "numpy", "ndarray")


def is_numpy_scalar(value: object) -> TypeGuard[np.generic[Any]]:
    """Whether ``value`` is a NumPy scalar (``np.float32(1)``, ``np.bool_(True)`` ...)."""
    return _is(value, "numpy", "generic")


def is_numpy_bool(value: object) -> TypeGuard[np.bool_]:
    """Whether ``value`` is a NumPy boolean scalar."""
    return _is(value, "numpy", "bool_")


def is_pil_image(value: object) -> TypeGuard[PIL.Image.Image]:
    """Whether ``value`` is a Pillow image."""
    return _is(value, "PIL.Image", "Image")


def is_dataframe(value: object) -> TypeGuard[pd.DataFrame]:
    """Whether ``value`` is a pandas DataFrame."""
    return _is(value, "pandas", "DataFrame")


def is_styler(value: object) -> TypeGuard[Styler]:
    """Whether ``value`` is a pandas Styler (``DataFrame.style``)."""
    return _is(value, "pandas.io.formats.style", "Styler")
