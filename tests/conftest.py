"""Settings for every suite under tests/."""

import pytest

# tests/support/sample_support.py (on sys.path through pyproject's pytest ``pythonpath``) holds
# checks shared by tests/clients and tests/contract: pytest rewrites their asserts too.
pytest.register_assert_rewrite("sample_support")
