#!/usr/bin/env bash
# The generator's commands, run in a project (any directory at or below the pyproject.toml
# that has a [tool.specblocks-gen] section; --project DIR points elsewhere).
set -euo pipefail

# Check every spec; on problems print each with file, key path and line, and exit 2.
specblocks-gen validate

# Compare the committed generated files with what the specs produce; exit 1 on drift.
# (Without --check, `generate` writes them.)
specblocks-gen generate --check

# The component × event matrix as CSV (first lines).
specblocks-gen matrix | head -n 3

# Every component and layout with its parameter count and events (last lines).
specblocks-gen catalog | tail -n 1

# The JSON Schema that editors validate spec files against.
specblocks-gen schema | head -n 2
