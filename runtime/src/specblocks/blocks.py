"""Building blocks of apps: the base classes of components and layouts."""

from __future__ import annotations

from specblocks._block import Block, BlockContext
from specblocks._blocks_core import BlocksCore
from specblocks._component import Component

__all__ = ["Block", "BlockContext", "BlocksCore", "Component"]
