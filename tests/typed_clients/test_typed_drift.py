"""A client generated from version 1 against the app's API-breaking version 2.

``check_api()`` and the generated contract tests fail with a diff that names each endpoint,
parameter and type that changed; once the client is regenerated they pass again.
"""

from __future__ import annotations

from typing import Any

import pytest
from typed_support import EXPECTED_DIFF, NAME, Generated, generate, run_pytest


def test_check_api_lists_each_change(module_v1: Any, app_v2: str) -> None:
    with (
        module_v1.TypedAppClient(app_v2) as client,
        pytest.raises(module_v1.ApiMismatchError) as raised,
    ):
        client.check_api()
    assert raised.value.problems == EXPECTED_DIFF
    assert raised.value.src == app_v2
    message = str(raised.value)
    assert message.startswith(f"the API of {app_v2} differs from the one this client was")
    assert "\n  - /greet: parameter 'name' removed (string)\n" in message


def test_check_api_passes_on_the_same_api(module_v1: Any, app_v1: str) -> None:
    with module_v1.TypedAppClient(app_v1) as client:
        client.check_api()


def test_contract_tests_fail_until_the_client_is_regenerated(
    fresh_copy: Generated, app_v2: str
) -> None:
    env = {"TYPED_APP_URL": app_v2}
    stale = run_pytest(fresh_copy.contract_path, env)
    assert stale.returncode == 1, stale.stdout
    report = stale.stdout
    assert "FAILED" in report
    assert "test_api_is_unchanged" in report
    for line in EXPECTED_DIFF:
        assert line in report
    # Calling an endpoint that is gone fails too.
    assert "test_endpoint_returns_its_published_types[/stream]" in report

    generate(app_v2, NAME, fresh_copy.folder)
    regenerated = run_pytest(fresh_copy.contract_path, env)
    assert regenerated.returncode == 0, regenerated.stdout + regenerated.stderr
    assert "8 passed" in regenerated.stdout
