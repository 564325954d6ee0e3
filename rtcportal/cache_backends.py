"""Django's Redis cache backend, with one redis-py client per connection pool.

Django's RedisCacheClient builds a new redis.Redis for every cache call, and redis.Redis
sets up its ~170 response callbacks each time it is built: on a page-cache hit that was a
fifth of the request. A redis.Redis over a connection pool is safe to share between threads,
and its pool reconnects after a fork, so one per pool is enough.
"""

from django.core.cache.backends import redis


class SharedClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
