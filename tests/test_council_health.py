"""The health check for load balancers, and the page a reader gets while the database is away."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"ok\n")


def test_the_health_check_fails_while_the_database_is_away(client):
    with mock.patch("council.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503


def test_the_health_check_is_answered_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200


def test_a_reader_gets_a_german_503_page_while_the_database_is_away(client):
    client.raise_request_exception = False
    with mock.patch("council.views._meetings", side_effect=OperationalError("down")):
        response = client.get(reverse("council:meetings"))

    assert response.status_code == 503
    assert "Vorübergehend nicht erreichbar" in response.content.decode()


def test_the_503_page_asks_to_retry_later(client):
    client.raise_request_exception = False
    with mock.patch("council.views._meetings", side_effect=OperationalError("down")):
        response = client.get(reverse("council:meetings"))

    assert response["Retry-After"] == "30"


def test_any_other_error_is_a_500(client):
    client.raise_request_exception = False
    with mock.patch("council.views._meetings", side_effect=ValueError("kaputt")):
        response = client.get(reverse("council:meetings"))

    assert response.status_code == 500
