"""Production server: `gunicorn -c gunicorn.conf.py`. Every value can be overridden by the environment."""

import multiprocessing
import os

wsgi_app = "council.wsgi:application"
# Loopback by default: the proxy in front (TLS, see README "Betrieb") runs on the same machine.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# A PDF of a long paper takes a moment; a worker is restarted now and then to bound memory growth.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
# Addresses of proxies whose X-Forwarded-* headers gunicorn believes (the proxy's, if it is
# on another machine).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
