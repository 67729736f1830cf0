"""Production server: `gunicorn -c gunicorn.conf.py`. Every value can be overridden by the environment."""

import multiprocessing
import os

wsgi_app = "council.wsgi:application"
# Loopback by default: the proxy in front (TLS, see README "Betrieb") runs on the same machine.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# The app is loaded once in the master and the workers are forked from it: a worker starts in
# milliseconds instead of importing Django anew (with memory shared until written). New code
# then needs a new master: see README "Aktualisieren ohne Ausfall".
preload_app = True
# A worker is replaced now and then to bound memory growth. Each worker keeps pages in its own
# memory (pagecache), which a new worker renders again: at 1,000 requests a busy instance
# replaced a worker every few seconds and lost half its throughput, and at 20,000 bench/run
# still replaced one every 20-40 s (a second's render of the calendar each time).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100000))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# Addresses of proxies whose X-Forwarded-* headers gunicorn believes (the proxy's, if it is
# on another machine).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
