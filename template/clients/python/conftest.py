"""Runs the generated contract tests (test_app_contract.py) against the app on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _contract_target(served_app_url: str) -> Iterator[None]:
    """Point the contract tests at the served app (they read its URL from APP_URL)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("APP_URL", served_app_url)
        yield
