"""Model3D: a 3D model file (.obj, .glb, .gltf, .stl, .splat, .ply)."""

from __future__ import annotations

from typing import Any

from specblocks._generated.model3d import Model3DBase
from specblocks.core._media_io import path_file_data, payload_path


class Model3D(Model3DBase):
    __doc__ = Model3DBase.__doc__

    def preprocess(self, payload: Any) -> str | None:
        """Pass the uploaded model's path.

        Args:
            payload: A FileData object, or None.

        Returns:
            The file's path on the server, or None.

        Raises:
            PayloadError: The payload is not a file payload.
        """
        return payload_path(payload, self.NAME)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Copy a returned model file into the cache (URLs are passed on).

        Args:
            value: ``str`` or ``Path``: path or URL of the model, or None.

        Returns:
            The FileData payload, or None.

        Raises:
            TypeError: ``value`` is not a path.
            ValueError: The file does not exist.
        """
        return path_file_data(value, self.NAME)
