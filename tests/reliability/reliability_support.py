"""Helpers the reliability checks share: free ports and the figures each check records."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

#: figures by check name, printed at the end of the run (see conftest.py)
FIGURES: dict[str, dict[str, Any]] = {}

Figures = Callable[..., None]


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def record(name: str, **values: Any) -> None:
    """Record figures of the check ``name``."""
    FIGURES.setdefault(name, {}).update(values)
