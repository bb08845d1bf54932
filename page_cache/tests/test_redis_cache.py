"""The Redis cache backend builds its redis client once, not on every cache call."""

from page_cache.redis_cache import RedisCache


def test_one_client_serves_every_call():
    # No connection is opened until a command runs, so no Redis is needed here.
    backend = RedisCache("redis://127.0.0.1:6379/1", {})
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is client
    assert backend._cache.get_client("c", write=True) is client
