"""Several machines at the same instant: each job in its own thread with its own database
connection, all released together. Only PostgreSQL shows writers racing for the same rows;
SQLite serialises all writers, so the tests that use this skip there (CI runs both)."""

import threading

import pytest
from django.db import connection, connections


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no concurrent writers")


def at_once(jobs):
    """Run the callables `jobs` together; returns (their results, the exceptions raised)."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def machine(job):
        try:
            barrier.wait(timeout=10)
            results.append(job())
        except Exception as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=machine, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors
