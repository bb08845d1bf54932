"""The background worker: retries failed tasks with backoff and shows them to staff."""
