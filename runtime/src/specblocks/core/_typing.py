"""Type aliases used in component signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    import numpy as np
    import PIL.Image

ImageValue: TypeAlias = "np.ndarray[Any, Any] | PIL.Image.Image | str | Path"
"""An image: a NumPy array, a Pillow image, or a file path or URL."""
