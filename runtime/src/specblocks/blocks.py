"""Building blocks of apps: the base classes of components and layouts, and ``Blocks``."""

from __future__ import annotations

from specblocks.app import Blocks
from specblocks.core import Block, BlockContext, BlocksCore, Component

__all__ = ["Block", "BlockContext", "Blocks", "BlocksCore", "Component"]
