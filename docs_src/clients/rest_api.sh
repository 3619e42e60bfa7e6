#!/usr/bin/env bash
# Call a running app with plain HTTP in two steps: POST the inputs, then read the result
# stream. Run: bash rest_api.sh http://127.0.0.1:7860
set -euo pipefail
URL="${1:-http://127.0.0.1:7860}"

# Step 1: start a call; the answer is {"event_id": "..."}.
EVENT_ID=$(curl -s -X POST "$URL/gradio_api/call/greet" \
  -H "Content-Type: application/json" \
  -d '{"data": ["World", "!"]}' | sed -E 's/.*"event_id" *: *"([^"]+)".*/\1/')

# Step 2: stream the result as server-sent events; the last one is `event: complete`.
curl -s -N "$URL/gradio_api/call/greet/$EVENT_ID"
