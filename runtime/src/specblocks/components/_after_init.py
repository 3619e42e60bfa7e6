"""A hook that runs once a generated constructor has stored its arguments."""

from __future__ import annotations

from specblocks.core._component import Component


class AfterInit(Component):
    """Mixin giving a public component class a step after its generated constructor.

    List it after the generated base (``class Slider(SliderBase, AfterInit)``): the base's
    ``super().__init__(render=...)`` call then reaches :meth:`__init__` here once every
    constructor argument is stored as an attribute, so :meth:`_after_init` can check and
    resolve them before the block is placed. The public constructor keeps the generated
    signature.
    """

    def __init__(self, *, render: bool = True) -> None:
        self._after_init()
        super().__init__(render=render)

    def _after_init(self) -> None:
        """Check and resolve constructor arguments (the default does nothing)."""
