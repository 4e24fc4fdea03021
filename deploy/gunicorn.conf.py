"""gunicorn settings; override with GUNICORN_* or command-line flags.

Threaded workers (gthread): sync requests mostly wait on PostgreSQL, the object store and the
network, so on a 2-core host 4 processes × 4 threads keep both cores busy while a slow phone or
query holds only its thread. Each process's database pool matches its threads (server.config,
DB_POOL_SIZE); password hashing runs one at a time per process (server/auth/passwords.py).
Sizing and when to add a host: deploy/SIZING.md.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
