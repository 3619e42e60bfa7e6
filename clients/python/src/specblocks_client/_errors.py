"""Exceptions raised by the client."""

from __future__ import annotations

#: What the server sends in place of a message when the app hides its errors.
HIDDEN_ERROR_MESSAGE = (
    "The app raised an exception but does not share its details with clients. "
    "To see them, the app must be launched with show_error=True."
)


class AppError(Exception):
    """The app's function failed (``gr.Error`` or any other exception).

    Attributes:
        message: The error text the app sent, or a generic text when it hides its errors.
        title: The title of the error toast in the browser.
        duration: How long the browser shows the error, in seconds (``None``: until closed).
        visible: Whether the browser shows the error at all.
    """

    def __init__(
        self,
        message: str = "The app raised an error.",
        title: str = "Error",
        duration: float | None = 10,
        visible: bool = True,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.title = title
        self.duration = duration
        self.visible = visible

    def __str__(self) -> str:
        return self.message


class QueueError(Exception):
    """The app's queue is full and refused the job; try again later."""


class AuthenticationError(ValueError):
    """The app needs a login, or refused the credentials that were given."""


class ValidationError(ValueError):
    """The app's validator rejected one or more arguments before running the function.

    Attributes:
        problems: ``(parameter_name, message)`` for each rejected argument.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        lines = "\n".join(f"- {name}: {message}" for name, message in problems)
        super().__init__(f"{len(problems)} argument(s) failed validation:\n{lines}")
        self.problems = problems


class StreamError(ConnectionError):
    """The connection that carries a job's messages broke before the job finished."""
