"""specblocks-client: call the endpoints of a running specblocks or Gradio app from Python.

>>> from specblocks_client import Client, handle_file
>>> client = Client("http://127.0.0.1:7860")  # doctest: +SKIP
>>> client.predict("World", api_name="/greet")  # doctest: +SKIP
'Hello World!'

The API follows ``gradio_client`` (``Client``, ``predict``, ``submit`` → ``Job``, ``view_api``,
``handle_file`` …) and speaks the same wire protocol, with ``httpx`` as the only dependency.
"""

from __future__ import annotations

from specblocks_client._client import Client
from specblocks_client._errors import (
    AppError,
    AuthenticationError,
    QueueError,
    StreamError,
    ValidationError,
)
from specblocks_client._files import handle_file
from specblocks_client._job import Job
from specblocks_client._status import OutputUpdate, ProgressUnit, Status, StatusUpdate
from specblocks_client._version import __version__

__all__ = [
    "AppError",
    "AuthenticationError",
    "Client",
    "Job",
    "OutputUpdate",
    "ProgressUnit",
    "QueueError",
    "Status",
    "StatusUpdate",
    "StreamError",
    "ValidationError",
    "__version__",
    "handle_file",
]
