"""Helpers of the client tests (fixtures live in ``conftest.py``).

What the contract suite needs too (the sample app's server, PNG helpers, ``wait_for``) is in
``tests/support/sample_support.py``.
"""

from __future__ import annotations

import asyncio
import json

from specblocks_client import Client, Job, OutputUpdate, Status, StatusUpdate


def all_updates(job: Job) -> list[StatusUpdate | OutputUpdate]:
    """Every status and output update of ``job``, in order (waits for it to finish)."""

    async def collect() -> list[StatusUpdate | OutputUpdate]:
        return [update async for update in job]

    job.exception(timeout=30)
    return asyncio.run(collect())


def status_codes(job: Job) -> list[Status]:
    """Every status code ``job`` went through, in order (waits for it to finish)."""
    return [u.code for u in all_updates(job) if isinstance(u, StatusUpdate)]


def slow_stats(client: Client, *, reset: bool = False) -> dict[str, int]:
    """What the app's ``/slow`` observed (see ``tests/support/sample_app.py``)."""
    stats: dict[str, int] = json.loads(client.predict(reset, api_name="/stats"))
    return stats


def is_started(job: Job) -> bool:
    """Whether the app is running ``job``."""
    return job.status().code == Status.PROCESSING


def is_queued(job: Job) -> bool:
    """Whether ``job`` waits in the app's queue."""
    return job.status().code == Status.IN_QUEUE
