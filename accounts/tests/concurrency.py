"""Racing requests against each other in threads, as several web processes would."""

import threading

from django.db import connection


def all_at_once(count, call):
    """Call ``call()`` from ``count`` threads released together; their results, as they finish."""
    results = []
    start = threading.Barrier(count)

    def run():
        start.wait()
        try:
            results.append(call())
        finally:
            connection.close()  # each thread opened its own

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
