"""Settings for every suite under tests/."""

import pytest

# tests/support/sample_support.py (on sys.path through pyproject's pytest ``pythonpath``) holds
# checks shared by tests/clients and tests/contract: pytest rewrites their asserts too.
pytest.register_assert_rewrite("sample_support")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A ``redis-server`` for this test session (one per xdist worker), stopped at its end."""
    from redis_support import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url
