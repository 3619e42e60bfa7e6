"""Layer 1, the core model: what every app is made of, whatever its components and server.

What lives here:

- blocks and layouts (:class:`Block`, :class:`BlockContext`), the app root
  (:class:`BlocksCore`) and the stacks of what is open while an app is built
  (:func:`current_context`, :func:`current_app`);
- :class:`Component`, the data contract every component fills (``preprocess``,
  ``postprocess``, API info);
- listener records (:class:`DependencyCore`), event catalogue entries (:class:`EventSpec`),
  the targets listeners attach to and what the core reads of generated listener code;
- what a running function may use: :class:`Progress`, :class:`Request`, the alerts
  (``Info``, ``Warning``, ``Success``, ``validate``), :class:`Error`;
- payload helpers shared by components: the file cache and the media codecs
  (``_files``, ``_media_io``, ``_image_io``, ``_audio_io``), translatable strings, sentinels.

May import: the standard library and third-party packages only. Nothing here imports generated
code, components, the app layer or the server; the layers above build on these names (see
``docs/guides/architecture.md``).
"""

from __future__ import annotations

from specblocks.core._alerts import Info, Success, Warning, validate
from specblocks.core._blocks import (
    Block,
    BlockContext,
    BlocksCore,
    ChainTarget,
    DependencyCore,
    EventTarget,
    as_list,
    current_app,
    current_context,
    descendants,
)
from specblocks.core._component import Component
from specblocks.core._events import (
    ChainCondition,
    EventDataLike,
    EventSpec,
    ListenerOptionsLike,
    TriggerMode,
)
from specblocks.core._exceptions import Error, PayloadError
from specblocks.core._i18n import I18n, I18nData
from specblocks.core._progress import Progress, ProgressUnit
from specblocks.core._request import Request
from specblocks.core._sentinels import FIRST_CHOICE, FirstChoice
from specblocks.core._typing import ImageValue

__all__ = [
    "FIRST_CHOICE",
    "Block",
    "BlockContext",
    "BlocksCore",
    "ChainCondition",
    "ChainTarget",
    "Component",
    "DependencyCore",
    "Error",
    "EventDataLike",
    "EventSpec",
    "EventTarget",
    "FirstChoice",
    "I18n",
    "I18nData",
    "ImageValue",
    "Info",
    "ListenerOptionsLike",
    "PayloadError",
    "Progress",
    "ProgressUnit",
    "Request",
    "Success",
    "TriggerMode",
    "Warning",
    "as_list",
    "current_app",
    "current_context",
    "descendants",
    "validate",
]
