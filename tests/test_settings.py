"""Misconfiguration fails at start-up with a message that says what to fix."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_django(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")
    }
    environment.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.db import connection; connection.ensure_connection()",
        ],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "council.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start():
    result = start_django(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_with_a_short_secret_key_refuses_to_start():
    result = start_django(DEBUG="false", SECRET_KEY="short")

    assert "SECRET_KEY must be set" in result.stderr


def test_bad_database_url_names_the_variable():
    result = start_django(DEBUG="true", DATABASE_URL="mysqlx://nonsense")

    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_unsupported_database_is_refused_with_a_clear_message():
    result = start_django(DEBUG="true", DATABASE_URL="mysql://root@localhost/ratsfaden")

    assert "Ratsfaden runs on SQLite or PostgreSQL" in result.stderr


def test_development_mode_starts_without_a_secret_key(tmp_path):
    result = start_django(DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode == 0, result.stderr


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
}


def setting(name, **env):
    """The value of a setting as Django computes it from the environment `env`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "SECRET_KEY",
            "DEBUG",
            "SECURE_COOKIES",
            "TRUST_X_FORWARDED_PROTO",
            "GUNICORN_BIND",
            "TASKS_BACKEND",
            "CACHE_URL",
            "REDIS_URL",
            "STORAGE_URL",
            "AWS_STORAGE_BUCKET_NAME",
        )
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))",
        ],
        cwd=ROOT,
        env={**environment, **env, "DJANGO_SETTINGS_MODULE": "council.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_does_not_believe_x_forwarded_proto_by_default():
    assert setting("SECURE_PROXY_SSL_HEADER", **PRODUCTION) == "None"


def test_production_behind_a_proxy_believes_x_forwarded_proto_when_told():
    value = setting("SECURE_PROXY_SSL_HEADER", TRUST_X_FORWARDED_PROTO="true", **PRODUCTION)

    assert value == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_plain_http_request_claiming_https_is_still_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/impressum/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_production_cookies_are_secure_by_default():
    assert setting("SESSION_COOKIE_SECURE", **PRODUCTION) == "True"
    assert setting("CSRF_COOKIE_SECURE", **PRODUCTION) == "True"


def test_secure_cookies_can_be_turned_off_for_plain_http():
    assert setting("SESSION_COOKIE_SECURE", SECURE_COOKIES="false", **PRODUCTION) == "False"
    assert setting("CSRF_COOKIE_SECURE", SECURE_COOKIES="false", **PRODUCTION) == "False"


def test_gunicorn_listens_on_loopback_by_default(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert config["bind"] == "127.0.0.1:8000"


def test_production_queues_tasks_in_the_database_for_the_worker():
    assert "django_tasks_db.DatabaseBackend" in setting("TASKS", **PRODUCTION)


def test_development_runs_tasks_at_once_without_a_worker():
    assert "ImmediateBackend" in setting("TASKS", DEBUG="true")


def test_an_unknown_task_backend_names_the_variable():
    result = start_django(DEBUG="true", TASKS_BACKEND="celery")

    assert "TASKS_BACKEND must be one of database, immediate" in result.stderr


def test_without_a_cache_url_each_process_caches_in_its_memory():
    caches = setting("CACHES", **PRODUCTION)

    assert "LocMemCache" in caches


def test_without_a_cache_url_sessions_live_in_the_database():
    assert setting("SESSION_ENGINE", **PRODUCTION) == "'django.contrib.sessions.backends.db'"


def test_cache_url_selects_djangos_own_redis_backend():
    caches = setting("CACHES", CACHE_URL="redis://cache.internal:6379/2", **PRODUCTION)

    assert "'django.core.cache.backends.redis.RedisCache'" in caches
    assert "'redis://cache.internal:6379/2'" in caches


def test_redis_url_is_understood_as_well():
    caches = setting("CACHES", REDIS_URL="redis://cache.internal:6379/0", **PRODUCTION)

    assert "RedisCache" in caches


def test_with_redis_sessions_live_in_the_cache_backed_by_the_database():
    engine = setting("SESSION_ENGINE", CACHE_URL="redis://cache.internal:6379/0", **PRODUCTION)

    assert engine == "'django.contrib.sessions.backends.cached_db'"


def test_a_bad_cache_url_names_the_variable():
    result = start_django(DEBUG="true", CACHE_URL="nonsense://x")

    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def test_without_storage_settings_files_stay_on_the_file_system():
    assert "FileSystemStorage" in setting("STORAGES", **PRODUCTION)


def test_storage_url_selects_a_private_s3_bucket():
    storages = setting(
        "STORAGES",
        STORAGE_URL="s3://KEY:SE%2FCRET@minio.internal:9000/ratsfaden?secure=false&region=eu-1",
        **PRODUCTION,
    )

    assert "'storages.backends.s3.S3Storage'" in storages
    assert "'bucket_name': 'ratsfaden'" in storages
    assert "'endpoint_url': 'http://minio.internal:9000'" in storages
    assert "'secret_key': 'SE/CRET'" in storages
    assert "'region_name': 'eu-1'" in storages
    assert "'default_acl': None" in storages


def test_aws_variables_select_the_bucket_too():
    storages = setting("STORAGES", AWS_STORAGE_BUCKET_NAME="rat-files", **PRODUCTION)

    assert "'storages.backends.s3.S3Storage'" in storages
    assert "'bucket_name': 'rat-files'" in storages


def test_a_storage_url_without_a_bucket_is_refused():
    result = start_django(DEBUG="true", STORAGE_URL="s3://minio.internal:9000")

    assert result.returncode != 0
    assert "STORAGE_URL" in result.stderr


def test_the_s3_backend_loads_with_the_settings(settings):
    from django.core.files.storage import storages

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "ratsfaden", "default_acl": None},
        },
    }

    assert type(storages.create_storage(settings.STORAGES["default"])).__name__ == "S3Storage"
