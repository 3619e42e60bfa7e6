"""Building blocks of apps: the base classes of components and layouts."""

from __future__ import annotations

from specblocks._block import Block, BlockContext, Component
from specblocks._blocks_core import BlocksCore

__all__ = ["Block", "BlockContext", "BlocksCore", "Component"]
