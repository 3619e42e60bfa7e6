"""Values kept without a visible element."""

from __future__ import annotations

from specblocks.components._generated.browser_state import BrowserStateBase
from specblocks.components._generated.state import StateBase
from specblocks.components._generated.timer import TimerBase


class State(StateBase):
    __doc__ = StateBase.__doc__


class BrowserState(BrowserStateBase):
    __doc__ = BrowserStateBase.__doc__


class Timer(TimerBase):
    __doc__ = TimerBase.__doc__


__all__ = ["BrowserState", "State", "Timer"]
