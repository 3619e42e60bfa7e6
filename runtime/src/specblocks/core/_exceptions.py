"""Exceptions raised by specblocks."""

from __future__ import annotations


class PayloadError(ValueError):
    """A wire payload that does not fit the component."""


class Error(Exception):
    """Raise inside a function to show ``message`` to the user as an error.

    Args:
        message: What went wrong, shown to the user (and raised by API clients).
        duration: Seconds the error toast stays; None keeps it until closed.
        visible: Whether the browser shows the toast.
        title: Heading of the toast.
        print_exception: Whether the server also logs the traceback.
    """

    def __init__(
        self,
        message: str = "Error raised.",
        duration: float | None = 10,
        visible: bool = True,
        title: str = "Error",
        print_exception: bool = True,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.duration = duration
        self.visible = visible
        self.title = title
        self.print_exception = print_exception
