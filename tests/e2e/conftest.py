"""Browser tests: generated per component (tests/e2e/generated) plus example apps."""
