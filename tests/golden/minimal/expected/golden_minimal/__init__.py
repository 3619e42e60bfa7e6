"""Golden test package: the code generated from tests/golden/minimal/specs."""
