"""Misconfiguration fails at start-up with a message that says what to fix."""

import os
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
