"""gunicorn settings for the web process (Procfile's ``web:``); tuned through the environment."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Heroku sets WEB_CONCURRENCY from the dyno size; elsewhere two workers per core.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# Four threads per worker (gunicorn's gthread worker): a request waiting on Stripe or the
# database (the webhook re-reads each subscription from Stripe) no longer holds a whole worker,
# and the rest of the code keeps no per-process state a thread could trip over. Each thread
# holds its own database connection: workers x threads connections per dyno. 1 = sync workers.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is stuck; Heroku's router gives up at 30 s anyway.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never take a machine down.
max_requests = 1000
max_requests_jitter = 100
# No gunicorn access log: home/request_logging.py already writes one line per request (method,
# path, status, duration, request id, user), and a second line per request cost ~0.2 ms of CPU.
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
