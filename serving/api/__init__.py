"""The HTTP API: native routes under /api/v1, the OpenAI-compatible routes under /v1, health and metrics."""
